"""Dialogs of the Đơn vị view: add, edit, move, rename, merge units; blocs and members."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
)

from desktop.core.labels import UNIT_KINDS
from desktop.core.service import Services
from desktop.core.units import BlocMemberInput, BlocRow, UnitNode
from desktop.gui.form_dialog import DateField, FormDialog, OptionalDate, fill_combo
from desktop.i18n import N_, _
from desktop.store.kinds import BlocKind, BlocRole, UnitKind

BLOC_KINDS = {BlocKind.KHOI.value: N_("Emulation bloc (khối)"),
              BlocKind.CUM.value: N_("Emulation cluster (cụm)")}
BLOC_ROLES = {BlocRole.TRUONG.value: N_("Leader"), BlocRole.PHO.value: N_("Deputy leader"),
              BlocRole.THANH_VIEN.value: N_("Member")}
MERGE_DAY = date(2025, 7, 1)  # the 2025 reorganisation of communes: the usual merge date


def _kinds(combo: QComboBox, current: str | None) -> None:
    fill_combo(combo, [(_(text), kind.value) for kind, text in UNIT_KINDS.items()], current)


def _units(combo: QComboBox, nodes: list[UnitNode], current: uuid.UUID | None, *,
           top_level: bool = True, exclude: set[uuid.UUID] | frozenset[uuid.UUID] = frozenset(),
           ) -> None:
    items: list[tuple[str, Any]] = [(_("(top level)"), None)] if top_level else []
    items += [(n.name, n.id) for n in nodes
              if n.id not in exclude and (n.valid_to is None or n.id == current)]
    fill_combo(combo, items, current)
    if current is None and top_level:
        combo.setCurrentIndex(0)


def descendants(nodes: list[UnitNode], unit_id: uuid.UUID) -> set[uuid.UUID]:
    """The unit and everything under it."""
    found = {unit_id}
    grew = True
    while grew:
        more = {n.id for n in nodes if n.parent_id in found} - found
        found |= more
        grew = bool(more)
    return found


class UnitDialog(FormDialog):
    """Add a unit under a parent, or edit one (F2)."""

    def __init__(self, services: Services, nodes: list[UnitNode], *, node: UnitNode | None = None,
                 parent_id: uuid.UUID | None = None, parent: Any = None) -> None:
        super().__init__(_("Edit unit") if node else _("Add a unit"), parent)
        self.services, self.node = services, node
        self.seen_version = node.version if node else None
        self.name = QLineEdit(node.name if node else "")
        self.short_name = QLineEdit(node.short_name if node else "")
        self.code = QLineEdit(node.code if node else "")
        self.kind = QComboBox()
        _kinds(self.kind, node.kind if node else UnitKind.UBND_CAP_XA.value)
        self.parent_unit = QComboBox()
        _units(self.parent_unit, nodes, node.parent_id if node else parent_id)
        self.valid_from = OptionalDate(node.valid_from if node else None, _("Set"))
        self.valid_to = OptionalDate(node.valid_to if node else None, _("Set"))
        self.note = QPlainTextEdit(node.note if node else "")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("S&hort name:"), self.short_name)
        self.form.addRow(_("&Code:"), self.code)
        self.form.addRow(_("&Kind:"), self.kind)
        if node is None:
            self.form.addRow(_("&Parent unit:"), self.parent_unit)
        self.form.addRow(_("Valid &from:"), self.valid_from)
        self.form.addRow(_("Valid &to:"), self.valid_to)
        self.form.addRow(_("N&ote:"), self.note)

    def take_saved_where_untouched(self) -> None:
        saved = next((n for n in self.services.units.tree()
                      if self.node is not None and n.id == self.node.id), None)
        if self.node is None or saved is None:
            return
        shown = self.node
        for edit, field in ((self.name, "name"), (self.short_name, "short_name"),
                            (self.code, "code")):
            if edit.text() == getattr(shown, field):
                edit.setText(getattr(saved, field))
        if self.kind.currentData() == shown.kind:
            _kinds(self.kind, saved.kind)
        for when, field in ((self.valid_from, "valid_from"), (self.valid_to, "valid_to")):
            if when.value() == getattr(shown, field):
                when.set_value(getattr(saved, field))
        if self.note.toPlainText() == shown.note:
            self.note.setPlainText(saved.note)
        self.node, self.seen_version = saved, saved.version

    def save(self) -> uuid.UUID:
        common = {"name": self.name.text(), "short_name": self.short_name.text(),
                  "kind": self.kind.currentData(), "code": self.code.text(),
                  "valid_from": self.valid_from.value(), "valid_to": self.valid_to.value(),
                  "note": self.note.toPlainText()}
        if self.node is None:
            return self.services.units.create(parent_id=self.parent_unit.currentData(),
                                              **common).id
        return self.services.units.update(
            self.node.id, clear_valid_to=self.valid_to.value() is None,
            seen_version=self.seen_version, **common).id


class MoveDialog(FormDialog):
    def __init__(self, services: Services, nodes: list[UnitNode], node: UnitNode,
                 parent: Any = None) -> None:
        super().__init__(_("Move “{name}”").format(name=node.name), parent)
        self.services, self.node = services, node
        self.parent_unit = QComboBox()
        _units(self.parent_unit, nodes, node.parent_id, exclude=descendants(nodes, node.id))
        self.form.addRow(_("New &parent unit:"), self.parent_unit)

    def save(self) -> uuid.UUID:
        return self.services.units.move(self.node.id, self.parent_unit.currentData()).id


def _checkable(nodes: list[UnitNode], checked: set[uuid.UUID]) -> QListWidget:
    box = QListWidget()
    for n in nodes:
        item = QListWidgetItem(n.name)
        item.setData(Qt.ItemDataRole.UserRole, n.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if n.id in checked else Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setMinimumHeight(180)
    return box


def checked_ids(box: QListWidget) -> list[uuid.UUID]:
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked]


def check_unit(box: QListWidget, unit_id: uuid.UUID, on: bool = True) -> None:
    for i in range(box.count()):
        if box.item(i).data(Qt.ItemDataRole.UserRole) == unit_id:
            box.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class MergeDialog(FormDialog):
    """Merge the ticked units into a new one (Ctrl+M): the old ones close the day before."""

    def __init__(self, services: Services, nodes: list[UnitNode], node: UnitNode,
                 parent: Any = None) -> None:
        super().__init__(_("Merge units"), parent)
        self.services = services
        # merges join units of one kind: communes with communes, departments with departments
        alike = [n for n in nodes if n.valid_to is None and n.kind == node.kind]
        self.sources = _checkable(alike, {node.id})
        self.name = QLineEdit(node.name)
        self.kind = QComboBox()
        _kinds(self.kind, node.kind)
        self.parent_unit = QComboBox()
        _units(self.parent_unit, nodes, node.parent_id, exclude=descendants(nodes, node.id))
        self.effective = DateField(MERGE_DAY if date.today() < MERGE_DAY else date.today())
        self.legal_basis = QLineEdit()
        self.legal_basis.setPlaceholderText(_("e.g. Resolution No. …/NQ-UBTVQH15"))
        self.form.addRow(_("&Units to merge:"), self.sources)
        self.form.addRow(_("&Name after merging:"), self.name)
        self.form.addRow(_("&Kind:"), self.kind)
        self.form.addRow(_("&Parent unit:"), self.parent_unit)
        self.form.addRow(_("&Effective from:"), self.effective)
        self.form.addRow(_("&Legal basis:"), self.legal_basis)

    def save(self) -> uuid.UUID:
        return self.services.units.merge(
            checked_ids(self.sources), into_name=self.name.text(), kind=self.kind.currentData(),
            effective=self.effective.value(), parent_id=self.parent_unit.currentData(),
            legal_basis=self.legal_basis.text()).id


class RenameDialog(FormDialog):
    """An official change of name from a date (Ctrl+R); F2 only corrects a typing mistake."""

    def __init__(self, services: Services, node: UnitNode, parent: Any = None) -> None:
        super().__init__(_("Rename “{name}” from a date").format(name=node.name), parent)
        self.services, self.node = services, node
        self.name = QLineEdit(node.name)
        self.effective = DateField(MERGE_DAY if date.today() < MERGE_DAY else date.today())
        self.legal_basis = QLineEdit()
        self.legal_basis.setPlaceholderText(_("e.g. Resolution No. …/NQ-UBTVQH15"))
        self.form.addRow(_("&New name:"), self.name)
        self.form.addRow(_("&Effective from:"), self.effective)
        self.form.addRow(_("&Legal basis:"), self.legal_basis)

    def save(self) -> uuid.UUID:
        return self.services.units.rename(self.node.id, new_name=self.name.text(),
                                          effective=self.effective.value(),
                                          legal_basis=self.legal_basis.text()).id


class BlocDialog(FormDialog):
    def __init__(self, services: Services, nodes: list[UnitNode], *,
                 selected: uuid.UUID | None = None, parent: Any = None) -> None:
        super().__init__(_("Create an emulation bloc or cluster"), parent)
        self.services = services
        self.name = QLineEdit()
        self.kind = QComboBox()
        fill_combo(self.kind, [(_(t), k) for k, t in BLOC_KINDS.items()], BlocKind.CUM.value)
        self.code = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(1945, 2100)
        self.year.setValue(date.today().year)
        active = [n for n in nodes if n.valid_to is None]
        self.members = _checkable(active, {selected} if selected else set())
        self.leader = QComboBox()
        fill_combo(self.leader, [(_("(none yet)"), None)] + [(n.name, n.id) for n in active])
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Kind:"), self.kind)
        self.form.addRow(_("&Code:"), self.code)
        self.form.addRow(_("&Year:"), self.year)
        self.form.addRow(_("&Members:"), self.members)
        self.form.addRow(_("&Leader:"), self.leader)

    def save(self) -> uuid.UUID:
        leader = self.leader.currentData()
        members = [BlocMemberInput(u, BlocRole.TRUONG.value if u == leader else
                                   BlocRole.THANH_VIEN.value) for u in checked_ids(self.members)]
        if leader is not None and all(m.unit_id != leader for m in members):
            members.insert(0, BlocMemberInput(leader, BlocRole.TRUONG.value))
        return self.services.units.create_bloc(
            name=self.name.text(), kind=self.kind.currentData(), year=self.year.value(),
            members=members, code=self.code.text()).id


class BlocEditDialog(FormDialog):
    """Rename a bloc or cluster, or change its kind or code; members change in the list."""

    def __init__(self, services: Services, bloc: BlocRow, parent: Any = None) -> None:
        super().__init__(_("Edit “{bloc}”").format(bloc=bloc.name), parent)
        self.services, self.bloc = services, bloc
        self.name = QLineEdit(bloc.name)
        self.kind = QComboBox()
        fill_combo(self.kind, [(_(t), k) for k, t in BLOC_KINDS.items()], bloc.kind)
        self.code = QLineEdit(bloc.code)
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Kind:"), self.kind)
        self.form.addRow(_("&Code:"), self.code)

    def save(self) -> uuid.UUID:
        return self.services.units.update_bloc(self.bloc.id, name=self.name.text(),
                                               kind=self.kind.currentData(),
                                               code=self.code.text()).id


class BlocMemberDialog(FormDialog):
    def __init__(self, services: Services, nodes: list[UnitNode], bloc_id: uuid.UUID,
                 bloc_name: str, *, selected: uuid.UUID | None = None,
                 parent: Any = None) -> None:
        super().__init__(_("Add a member to “{bloc}”").format(bloc=bloc_name), parent)
        self.services, self.bloc_id = services, bloc_id
        self.unit = QComboBox()
        _units(self.unit, nodes, selected, top_level=False)
        self.role = QComboBox()
        fill_combo(self.role, [(_(t), k) for k, t in BLOC_ROLES.items()],
                   BlocRole.THANH_VIEN.value)
        self.year = QSpinBox()
        self.year.setRange(1945, 2100)
        self.year.setValue(date.today().year)
        self.form.addRow(_("&Unit:"), self.unit)
        self.form.addRow(_("&Role:"), self.role)
        self.form.addRow(_("&Year:"), self.year)

    def save(self) -> uuid.UUID:
        return self.services.units.add_bloc_member(
            self.bloc_id, self.unit.currentData(), year=self.year.value(),
            role=self.role.currentData()).id
