"""Phong trào: movements with their legal basis, phases, target groups and criteria tree, edited.

Keyboard: Insert adds a criterion (under the selected group or criterion), F2 edits it,
Ctrl+Up / Ctrl+Down reorder, Delete deletes (asked); Ctrl+O loads a plan file.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.labels import SUBJECT_KINDS, label
from desktop.core.service import Services
from desktop.core.text import format_date_short, format_number
from desktop.errors import UserError
from desktop.gui.column_widths import text_scale
from desktop.gui.form_dialog import FormDialog, run_saving
from desktop.gui.movement_dialogs import (
    MILESTONES,
    CriterionDialog,
    LegalBasisDialog,
    MoveCriterionDialog,
    PhaseDialog,
    TargetGroupDialog,
)
from desktop.i18n import N_, _
from desktop.store.models import Criterion, Phase, TargetGroup

COLUMNS = [N_("Item"), N_("Max. points"), N_("Target"), N_("Evidence and notes")]
KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
GROUP, CRITERION, PHASE = "group", "criterion", "phase"


def _points(value: Decimal) -> str:
    return format_number(value.normalize()) if value else ""


def _row(*texts: str, kind: str = "", ident: uuid.UUID | None = None) -> list[QStandardItem]:
    items = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setToolTip(text if len(text) > 60 else "")
        items.append(item)
    items[0].setData(kind, KindRole)
    items[0].setData(ident, IdRole)
    return items


def target_text(crit: Criterion) -> str:
    if crit.target_value is None:
        return crit.target_text or ""
    sign = {">=": "≥", "<=": "≤"}.get(crit.target_direction, "")
    unit = crit.target_unit if crit.target_unit in ("", "%") else f" {crit.target_unit}"
    return f"{sign} {format_number(crit.target_value.normalize())}{unit}".strip()


def next_code(siblings: list[Criterion], parent: Criterion | None) -> str:
    """The code a new criterion would most likely get: «3» after «2», «1.3» after «1.2»."""
    prefix = f"{parent.code}." if parent is not None else ""
    return f"{prefix}{len(siblings) + 1}"


class MovementsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.movements = QComboBox()
        self.movements.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.movements.setMinimumContentsLength(30)  # long names must not widen the window
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._criteria: dict[uuid.UUID, Criterion] = {}
        self._phases: dict[uuid.UUID, Phase] = {}
        self._groups: dict[uuid.UUID, TargetGroup] = {}
        movement_label = QLabel(_("&Movement:"))
        movement_label.setBuddy(self.movements)
        self.load_button = QPushButton(_("&Load a plan…"))
        self.load_button.setToolTip("Ctrl+O")
        self.load_button.clicked.connect(self._on_load_plan)
        load_shortcut = QShortcut(QKeySequence("Ctrl+O"), self)  # the button keeps its Alt key
        load_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        load_shortcut.activated.connect(self.load_button.animateClick)
        top = QHBoxLayout()
        top.addWidget(movement_label)
        top.addWidget(self.movements, 1)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()  # criteria, under the tree
        plan_bar = QHBoxLayout()  # the movement itself, under its summary
        plan_bar.addWidget(self.load_button)
        for name, text, key, slot in (
            ("add", N_("&Add criterion…"), "Insert", self._on_add),
            ("edit", N_("&Edit…"), "F2", self._on_edit),
            ("up", N_("&Up"), "Ctrl+Up", lambda: self._on_shift(-1)),
            ("down", N_("Do&wn"), "Ctrl+Down", lambda: self._on_shift(1)),
            ("move", N_("Mo&ve…"), "", self._on_move),
            ("delete", N_("&Delete"), "Delete", self._on_delete),
            ("basis", N_("Legal &basis…"), "", self._on_add_basis),
            ("phase", N_("P&hase…"), "", self._on_add_phase),
            ("group", N_("Target &group…"), "", self._on_add_group),
        ):
            button = QPushButton(_(text))
            button.clicked.connect(slot)
            if key:
                button.setToolTip(key)
                shortcut = QShortcut(QKeySequence(key), self.tree)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
            self.buttons[name] = button
            (plan_bar if name in ("basis", "phase", "group") else bar).addWidget(button)
        bar.addStretch(1)
        plan_bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Movements"))))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(plan_bar)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bar)
        self.movements.currentIndexChanged.connect(self._on_movement)
        self.tree.selectionModel().currentRowChanged.connect(self._on_select)
        self.reload()

    # --- loading -------------------------------------------------------------------------------

    def reload(self, select_movement: uuid.UUID | None = None) -> None:
        keep = select_movement or self.current_movement()
        self.movements.blockSignals(True)
        self.movements.clear()
        for movement in self.services.movements.all():
            self.movements.addItem(movement.name, movement.id)
            if movement.id == keep:
                self.movements.setCurrentIndex(self.movements.count() - 1)
        self.movements.blockSignals(False)
        self._on_movement()

    def current_movement(self) -> uuid.UUID | None:
        data = self.movements.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def _on_movement(self, *_args: Any, select: uuid.UUID | None = None) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._criteria, self._phases, self._groups = {}, {}, {}
        movement_id = self.current_movement()
        for name in ("basis", "phase", "group"):
            self.buttons[name].setEnabled(movement_id is not None)
        if movement_id is None:
            self.summary.setText(_("No movement yet: load a plan file with «Load a plan…»."))
            self._on_select()
            return
        movement, criteria = self.services.movements.outline(movement_id)
        symbol = "/".join(x for x in (movement.doc_number, movement.doc_symbol) if x)
        self.summary.setText(_("{title} — {issuer}, {symbol} {date}").format(
            title=movement.title or movement.name, issuer=movement.issuer,
            symbol=symbol, date=format_date_short(movement.doc_date)))
        root = self.model.invisibleRootItem()
        bases = _row(_("Legal basis"), "", "", "")
        for lb in movement.legal_bases:
            bases[0].appendRow(_row(
                f"{lb.doc_type} {lb.number} {format_date_short(lb.issued_on)}".strip(),
                "", "", lb.title))
        root.appendRow(bases)
        phases = _row(_("Phases"), "", "", "")
        for ph in movement.phases:
            self._phases[ph.id] = ph
            phases[0].appendRow(_row(ph.name, "", f"{ph.start_year} - {ph.end_year}",
                                     _(MILESTONES.get(ph.milestone, ph.milestone)),
                                     kind=PHASE, ident=ph.id))
        root.appendRow(phases)
        for group in movement.target_groups:
            self._groups[group.id] = group
            items = criteria[group.id]
            self._criteria.update({c.id: c for c in items})
            total = sum((c.max_points for c in items if c.parent_id is None), Decimal(0))
            head = _row(f"{group.code}) {group.name}", _points(total), "",
                        label(SUBJECT_KINDS, group.subject_kind), kind=GROUP, ident=group.id)
            self._add_criteria(head[0], items, None)
            root.appendRow(head)
        self.tree.expandToDepth(0)
        header = self.tree.header()  # the criteria take what the numbers and notes leave
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 90), (2, 150), (3, 220)):
            self.tree.setColumnWidth(col, round(width * text_scale(self.tree)))
        if select is not None:
            self._select(select)
        self._on_select()

    def _add_criteria(self, parent: QStandardItem, items: list[Criterion],
                      parent_id: uuid.UUID | None) -> None:
        for crit in items:
            if crit.parent_id != parent_id:
                continue
            row = _row(f"{crit.code}. {crit.name}", _points(crit.max_points), target_text(crit),
                       crit.evidence, kind=CRITERION, ident=crit.id)
            parent.appendRow(row)
            self._add_criteria(row[0], items, crit.id)

    def row_of(self, ident: uuid.UUID) -> QModelIndex:
        """The tree row of a group or criterion."""
        pending = [QModelIndex()]  # match() would compare the ids as objects, not values
        while pending:
            parent = pending.pop()
            for r in range(self.model.rowCount(parent)):
                index = self.model.index(r, 0, parent)
                if index.data(IdRole) == ident:
                    return index
                pending.append(index)
        return QModelIndex()

    def _select(self, ident: uuid.UUID) -> None:
        index = self.row_of(ident)
        if index.isValid():
            self.tree.expand(index.parent())
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)

    # --- selection -----------------------------------------------------------------------------

    def _current(self) -> tuple[str, uuid.UUID | None, uuid.UUID | None]:
        """(kind, id, target group id) of the selected row."""
        index = self.tree.currentIndex().siblingAtColumn(0)
        kind, ident = index.data(KindRole) or "", index.data(IdRole)
        if kind == GROUP:
            return kind, ident, ident
        if kind == PHASE and ident in self._phases:
            return kind, ident, None
        if kind == CRITERION and ident in self._criteria:
            return kind, ident, self._criteria[ident].target_group_id
        return "", None, None

    def _on_select(self, *_args: Any) -> None:
        kind, _ident, _group = self._current()
        self.buttons["add"].setEnabled(kind in (GROUP, CRITERION))
        for name in ("up", "down", "move"):
            self.buttons[name].setEnabled(kind == CRITERION)
        self.buttons["edit"].setEnabled(kind in (GROUP, CRITERION, PHASE))
        self.buttons["delete"].setEnabled(kind in (GROUP, CRITERION))

    def _siblings(self, group_id: uuid.UUID, parent_id: uuid.UUID | None) -> list[Criterion]:
        return [c for c in self._criteria.values()
                if c.target_group_id == group_id and c.parent_id == parent_id]

    # --- actions -------------------------------------------------------------------------------

    def _run(self, dialog: FormDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self._on_movement(select=dialog.result_value)

    def _on_add(self) -> None:
        kind, ident, group = self._current()
        if group is None:
            return
        parent_id = ident if kind == CRITERION else None
        parent = self._criteria.get(parent_id) if parent_id else None
        code = next_code(self._siblings(group, parent_id), parent)
        self._run(CriterionDialog(self.services, group_id=group, parent_id=parent_id, code=code,
                                  parent=self))

    def _on_edit(self) -> None:
        kind, ident, group = self._current()
        movement_id = self.current_movement()
        if kind == PHASE and ident is not None and movement_id is not None:
            self._run(PhaseDialog(self.services, movement_id, self, phase=self._phases[ident]))
        elif kind == GROUP and ident is not None and movement_id is not None:
            self._run(TargetGroupDialog(self.services, movement_id, parent=self,
                                        group=self._groups[ident]))
        elif kind == CRITERION and ident is not None and group is not None:
            self._run(CriterionDialog(self.services, group_id=group,
                                      criterion=self._criteria[ident], parent=self))

    def _on_shift(self, step: int) -> None:
        kind, ident, _group = self._current()
        if kind != CRITERION or ident is None:
            return
        if run_saving(self, _("Move criterion"),
                      lambda: self.services.movements.shift_criterion(ident, step)):
            self._on_movement(select=ident)

    def _on_move(self) -> None:
        kind, ident, group = self._current()
        if kind != CRITERION or ident is None or group is None:
            return
        crit = self._criteria[ident]
        places: list[tuple[str, uuid.UUID | None]] = [(_("(top of the target group)"), None)]
        places += [(f"{c.code}. {c.name[:80]}", c.id) for c in self._criteria.values()
                   if c.target_group_id == group and c.id != ident]
        self._run(MoveCriterionDialog(self.services, crit, places, parent=self))

    def _on_delete(self) -> None:
        kind, ident, _group = self._current()
        if kind == GROUP and ident is not None:
            self._delete_group(self._groups[ident])
        if kind != CRITERION or ident is None:
            return
        crit = self._criteria[ident]
        title = _("Delete criterion")
        answer = QMessageBox.question(self, title, _(
            "Delete “{code}. {name}” and its sub-criteria?").format(code=crit.code,
                                                                    name=crit.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.movements.delete_criterion(ident)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self._on_movement(select=crit.parent_id or crit.target_group_id)

    def _delete_group(self, group: TargetGroup) -> None:
        title = _("Delete target group")
        if self._siblings(group.id, None):  # criteria use it: say why, nothing to confirm
            run_saving(self, title, lambda: self.services.movements.delete_target_group(group.id))
            return
        answer = QMessageBox.question(self, title, _("Delete the target group “{code}) {name}”?")
                                      .format(code=group.code, name=group.name[:80]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.movements.delete_target_group(group.id)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self._on_movement()

    def _on_add_basis(self) -> None:
        movement_id = self.current_movement()
        if movement_id is not None:
            self._run(LegalBasisDialog(self.services, movement_id, parent=self))

    def _on_add_phase(self) -> None:
        movement_id = self.current_movement()
        if movement_id is not None:
            self._run(PhaseDialog(self.services, movement_id, parent=self))

    def _on_add_group(self) -> None:
        movement_id = self.current_movement()
        if movement_id is None:
            return
        codes = [self.model.item(r, 0).data(IdRole) for r in range(self.model.rowCount())]
        code = "abcdefghijklmnopqrstuvwxyz"[min(25, sum(1 for c in codes if c))]
        self._run(TargetGroupDialog(self.services, movement_id, code, parent=self))

    def _on_load_plan(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Load a movement plan"), "", _("Plan files (*.toml)"))
        if path:
            self.load_plan(Path(path))

    def load_plan(self, path: Path) -> None:
        movement = run_saving(self, _("Load a plan"),
                              lambda: self.services.movements.import_plan_file(path))
        if movement is not None:
            self.reload(select_movement=movement.id)
