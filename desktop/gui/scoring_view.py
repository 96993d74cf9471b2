"""Chấm điểm: the subjects × criteria of a movement's target group, typed from the keyboard.

A group scores units (ranked in their bloc), households or individuals (those of one chosen
unit on the sheet, ranked within the whole group). Enter moves down to the next row; each value
is checked as it is typed against the criterion's maximum (a red cell with the reason as
tooltip). Totals and ranks follow every keystroke; «Lưu» writes every changed cell in one
transaction, «Hoàn tác» puts the last save back.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.score_sheet import (
    SELF,
    VERIFIED,
    CellChange,
    ScoreSheet,
    check_points,
    parse_points,
    rank_in_blocs,
)
from desktop.core.service import Services
from desktop.core.text import format_number
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import SubjectKind

Index = QModelIndex | QPersistentModelIndex
LAYERS = ((SELF, N_("Self-assessment")), (VERIFIED, N_("Appraisal")))
FIXED = (N_("Unit"), N_("Bloc"))
# What the two first columns and the rank are called, by the kind of subject scored.
HEADERS = {
    SubjectKind.TAP_THE.value: (N_("Unit"), N_("Bloc"), N_("Rank in bloc")),
    SubjectKind.HO_GIA_DINH.value: (N_("Head of household"), N_("Unit"), N_("Rank in group")),
    SubjectKind.CA_NHAN.value: (N_("Full name"), N_("Unit"), N_("Rank in group")),
}
TOTALS = (N_("Self total"), N_("Appraised total"), N_("Rank in bloc"))
FIRST_CRITERION = len(FIXED) + len(TOTALS)
WRONG = QColor("#f4b6b6")
CHANGED = QColor("#fff4c2")


def _points(value: Decimal | None) -> str:
    return "" if value is None else format_number(value.normalize())


class ScoreSheetModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sheet: ScoreSheet | None = None
        self.layer = SELF
        self.edits: dict[tuple[str, uuid.UUID, uuid.UUID], str] = {}
        self.errors: dict[tuple[str, uuid.UUID, uuid.UUID], str] = {}
        self.totals: dict[str, dict[uuid.UUID, Decimal]] = {SELF: {}, VERIFIED: {}}
        self.ranks: dict[uuid.UUID, int] = {}

    # --- content -----------------------------------------------------------------------------

    def set_sheet(self, sheet: ScoreSheet | None) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self.edits.clear()
        self.errors.clear()
        self._recount()
        self.endResetModel()

    def set_layer(self, layer: str) -> None:
        self.layer = layer
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def criteria_columns(self) -> range:
        count = len(self.sheet.criteria) if self.sheet else 0
        return range(FIRST_CRITERION, FIRST_CRITERION + count)

    def _key(self, index: Index) -> tuple[str, uuid.UUID, uuid.UUID] | None:
        if self.sheet is None or index.column() not in self.criteria_columns():
            return None
        unit = self.sheet.units[index.row()]
        crit = self.sheet.criteria[index.column() - FIRST_CRITERION]
        return (self.layer, unit.id, crit.id)

    def value(self, layer: str, unit_id: uuid.UUID, crit_id: uuid.UUID) -> Decimal | None:
        """The points shown: a valid typed value, else the stored one."""
        key = (layer, unit_id, crit_id)
        if key in self.edits and key not in self.errors:
            return parse_points(self.edits[key])
        assert self.sheet is not None
        return self.sheet.points[layer].get((unit_id, crit_id))

    def _recount(self) -> None:
        self.totals = {SELF: {}, VERIFIED: {}}
        if self.sheet is None:
            self.ranks = {}
            return
        best: dict[uuid.UUID, Decimal] = {}
        for unit in self.sheet.units:
            sums = {SELF: Decimal(0), VERIFIED: Decimal(0)}
            ranked = Decimal(0)
            for crit in self.sheet.criteria:
                own = self.value(SELF, unit.id, crit.id)
                checked = self.value(VERIFIED, unit.id, crit.id)
                sums[SELF] += own or 0
                sums[VERIFIED] += checked or 0
                ranked += checked if checked is not None else (own or 0)
            self.totals[SELF][unit.id] = sums[SELF]
            self.totals[VERIFIED][unit.id] = sums[VERIFIED]
            best[unit.id] = ranked
        if self.sheet.ranked_in_blocs:
            self.ranks = rank_in_blocs(best, {u.id: u.bloc_id for u in self.sheet.units})
        else:  # against everyone of the group scored that year, on this sheet or not
            self.ranks = rank_in_blocs({**self.sheet.others, **best}, {})

    def changes(self) -> list[CellChange]:
        """The typed cells, checked; the first wrong one stops the save."""
        if self.errors:
            raise UserError(_("{n} cell(s) in red have a wrong value; correct them before "
                              "saving.").format(n=len(self.errors)))
        assert self.sheet is not None or not self.edits
        return [CellChange(unit_id, crit_id, layer, parse_points(text))
                for (layer, unit_id, crit_id), text in self.edits.items()]

    # --- Qt interface ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.sheet is None:
            return 0
        return len(FIXED) + len(self.sheet.criteria) + len(TOTALS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._key(index) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.sheet is None:
            return None
        unit = self.sheet.units[index.row()]
        col = index.column()
        key = self._key(index)
        if key is not None:
            return self._cell(key, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return unit.name
            if col == 1:
                return unit.bloc_name
            extra = col - len(FIXED)
            if extra == 0:
                return _points(self.totals[SELF][unit.id])
            if extra == 1:
                return _points(self.totals[VERIFIED][unit.id])
            return str(self.ranks.get(unit.id, ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= len(FIXED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1):
            return unit.name if col == 0 else unit.bloc_name
        return None

    def _cell(self, key: tuple[str, uuid.UUID, uuid.UUID], role: int) -> Any:
        layer, unit_id, crit_id = key
        if role == Qt.ItemDataRole.DisplayRole:
            if key in self.errors:
                return self.edits[key]
            return _points(self.value(layer, unit_id, crit_id))
        if role == Qt.ItemDataRole.EditRole:
            return self.edits.get(key, _points(self.value(layer, unit_id, crit_id)))
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.errors:
                return QBrush(WRONG)
            if key in self.edits:
                return QBrush(CHANGED)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in self.errors:
                return self.errors[key]
            other = VERIFIED if layer == SELF else SELF
            other_value = self.value(other, unit_id, crit_id)
            if other_value is None:
                return None
            return (_("Appraised: {points}") if other == VERIFIED
                    else _("Self-assessed: {points}")).format(points=_points(other_value))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self._key(index)
        if key is None or role != Qt.ItemDataRole.EditRole or self.sheet is None:
            return False
        text = str(value).strip()
        layer, unit_id, crit_id = key
        stored = self.sheet.points[layer].get((unit_id, crit_id))
        self.errors.pop(key, None)
        self.edits.pop(key, None)
        try:
            typed = parse_points(text)
            check_points(typed, self.sheet.criteria[index.column() - FIRST_CRITERION])
        except UserError as exc:
            self.edits[key] = text
            self.errors[key] = str(exc)
        else:
            if typed != stored:
                self.edits[key] = text
        self._recount()
        self.dataChanged.emit(index, index)
        self.dataChanged.emit(self.index(0, len(FIXED)),
                              self.index(self.rowCount() - 1, FIRST_CRITERION - 1))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if self.sheet is None or not 0 <= section < self.columnCount():
            return None
        crit_at = section - FIRST_CRITERION
        if 0 <= crit_at < len(self.sheet.criteria):
            crit = self.sheet.criteria[crit_at]
            if role == Qt.ItemDataRole.DisplayRole:
                return "{}\n({})".format(crit.code, _points(crit.max_points))
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("{code}. {name} — at most {max} points").format(
                    code=crit.code, name=crit.name, max=_points(crit.max_points))
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = HEADERS.get(self.sheet.subject_kind, HEADERS[SubjectKind.TAP_THE.value])
        if section < len(FIXED):
            return _(names[section])
        if section == FIRST_CRITERION - 1:
            return _(names[2])
        return _(TOTALS[section - len(FIXED)])


class PointsDelegate(QStyledItemDelegate):
    """A line editor that turns red, with the reason as tooltip, while the value is wrong."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        model = index.model()
        assert isinstance(model, ScoreSheetModel) and model.sheet is not None
        crit = model.sheet.criteria[index.column() - FIRST_CRITERION]

        def check(text: str) -> None:
            try:
                check_points(parse_points(text), crit)
            except UserError as exc:
                editor.setStyleSheet("QLineEdit { background: #f4b6b6; }")
                editor.setToolTip(str(exc))
            else:
                editor.setStyleSheet("")
                editor.setToolTip("")

        editor.textChanged.connect(check)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class ScoreTable(QTableView):
    """Enter (while editing or not) moves down to the next unit in the same criterion."""

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.state() != QTableView.State.EditingState:
            self._move_down()
            return
        super().keyPressEvent(event)

    def _move_down(self) -> None:
        current = self.currentIndex()
        below = current.sibling(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)


class ScoringView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.movements = QComboBox()
        self.groups = QComboBox()
        self.scope = QComboBox()  # the unit whose households or people are on the sheet
        # long names must not widen the window
        for combo in (self.movements, self.groups, self.scope):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.layer = QComboBox()
        for code, text in LAYERS:
            self.layer.addItem(_(text), code)
        self.model = ScoreSheetModel(self)
        self.table = ScoreTable()
        self.table.setModel(self.model)
        self.table.setItemDelegate(PointsDelegate(self.table))
        self.table.setEditTriggers(QTableView.EditTrigger.AnyKeyPressed
                                   | QTableView.EditTrigger.DoubleClicked
                                   | QTableView.EditTrigger.EditKeyPressed)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setMinimumSectionSize(44)
        self.status = QLabel()
        self.save_button = QPushButton(_("&Save scores"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self._on_save)
        self.undo_button = QPushButton(_("&Undo last save"))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_button.clicked.connect(self._on_undo)
        top = QHBoxLayout()
        for text, widget, stretch in ((_("&Movement:"), self.movements, 3),
                                      (_("Target &group:"), self.groups, 2),
                                      (_("U&nit:"), self.scope, 2),
                                      (_("&Year:"), self.year, 0),
                                      (_("&Points:"), self.layer, 0)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget, stretch)
            if widget is self.scope:
                self.scope_label = caption
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Scoring"))))
        layout.addLayout(top)
        layout.addWidget(QLabel(_("Type the points and press Enter to go down to the next row; "
                                  "Ctrl+S saves, Ctrl+Z undoes the last save.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.setTabOrder(self.movements, self.groups)
        self.setTabOrder(self.groups, self.scope)
        self.setTabOrder(self.scope, self.year)
        self.setTabOrder(self.year, self.layer)
        self.setTabOrder(self.layer, self.table)
        self.movements.currentIndexChanged.connect(self._on_movement)
        self.groups.currentIndexChanged.connect(self._on_group)
        self.scope.currentIndexChanged.connect(self._on_sheet)
        self.year.valueChanged.connect(self._on_sheet)
        self.layer.currentIndexChanged.connect(
            lambda: self.model.set_layer(str(self.layer.currentData())))
        self._shown = (-1, -1, -1, self.year.value())  # the sheet on screen, to go back to
        self.model.dataChanged.connect(self._show_status)
        self.model.modelReset.connect(self._show_status)
        self.reload()

    def reload(self) -> None:
        self.movements.blockSignals(True)
        self.movements.clear()
        for movement in self.services.movements.all():
            self.movements.addItem(movement.name, movement.id)
        self.movements.blockSignals(False)
        self._on_movement()

    def _discard_ok(self) -> bool:
        """Leaving a sheet with typed, unsaved cells loses them: ask first."""
        if not self.model.edits:
            return True
        answer = QMessageBox.question(
            self, _("Unsaved scores"),
            _("{n} changed cell(s) are not saved yet; discard them?").format(
                n=len(self.model.edits)))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.model.edits.clear()
        self.model.errors.clear()
        return True

    def _restore_choice(self) -> None:
        movement, group, scope, year = self._shown
        for widget in (self.movements, self.groups, self.scope, self.year):
            widget.blockSignals(True)
        self.movements.setCurrentIndex(movement)
        self.groups.setCurrentIndex(group)
        self.scope.setCurrentIndex(scope)
        self.year.setValue(year)
        for widget in (self.movements, self.groups, self.scope, self.year):
            widget.blockSignals(False)

    def _on_movement(self) -> None:
        if not self._discard_ok():
            self._restore_choice()
            return
        self.groups.blockSignals(True)
        self.groups.clear()
        movement_id = self.movements.currentData()
        if isinstance(movement_id, uuid.UUID):
            for group in self.services.score_sheets.groups(movement_id):
                self.groups.addItem(f"{group.code}) {group.name}", group.id)
                self.groups.setItemData(self.groups.count() - 1, group.name,
                                        Qt.ItemDataRole.ToolTipRole)
        self.groups.blockSignals(False)
        self._fill_scope()
        group_id = self.current_group()
        latest = self.services.score_sheets.latest_year(group_id) if group_id else None
        if latest is not None and latest != self.year.value():
            self.year.setValue(latest)  # reloads the sheet
        else:
            self._on_sheet()

    def _on_group(self) -> None:
        if not self._discard_ok():
            self._restore_choice()
            return
        self._fill_scope()
        self._on_sheet()

    def _fill_scope(self) -> None:
        """Households and people are scored a unit at a time: offer the units that have some."""
        group = self.current_group()
        units = self.services.score_sheets.subject_units(group) if group else []
        self.scope.blockSignals(True)
        self.scope.clear()
        if units:
            self.scope.addItem(_("(all already scored)"), None)
            for unit in units:
                self.scope.addItem(_("{unit} ({n})").format(unit=unit.name,
                                                          n=format_number(unit.count)), unit.id)
        self.scope.blockSignals(False)
        for widget in (self.scope, self.scope_label):
            widget.setVisible(bool(units))

    def current_group(self) -> uuid.UUID | None:
        data = self.groups.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def _on_sheet(self) -> None:
        if not self._discard_ok():
            self._restore_choice()
            return
        self._shown = (self.movements.currentIndex(), self.groups.currentIndex(),
                       self.scope.currentIndex(), self.year.value())
        group = self.current_group()
        scope = self.scope.currentData()
        self.model.set_sheet(self.services.score_sheets.sheet(
            group, self.year.value(), scope if isinstance(scope, uuid.UUID) else None)
            if group else None)
        for col, width in enumerate((280, 120, 70, 70, 78)):
            self.table.setColumnWidth(col, width)
        for col in self.model.criteria_columns():
            self.table.setColumnWidth(col, 52)
        if self.model.rowCount() and self.model.criteria_columns():
            self.table.setCurrentIndex(self.model.index(0, self.model.criteria_columns()[0]))

    def _show_status(self) -> None:
        parts = []
        if self.model.edits:
            parts.append(_("{n} unsaved change(s)").format(n=len(self.model.edits)))
        if self.model.errors:
            parts.append(_("{n} wrong value(s) in red").format(n=len(self.model.errors)))
        self.status.setText("; ".join(parts))
        self.undo_button.setEnabled(self.services.score_sheets.can_undo())

    def _on_save(self) -> None:
        group = self.current_group()
        if group is None:
            return
        try:
            count = self.services.score_sheets.save(group, self.year.value(),
                                                    self.model.changes())
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot save the scores"), str(exc))
            return
        current = self.table.currentIndex()
        self.model.edits.clear()  # saved: nothing left to discard
        self._on_sheet()
        self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.status.setText(_("{n} scores saved").format(n=count))

    def _on_undo(self) -> None:
        try:
            count = self.services.score_sheets.undo_last_save()
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot undo"), str(exc))
            return
        self._on_sheet()
        self.status.setText(_("{n} scores put back").format(n=count))
