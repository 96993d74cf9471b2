"""Đơn vị: the unit tree with merge/rename lineage, blocs, and the people and households of a unit.

Keyboard: Insert adds under the selected unit, F2 edits (corrects), Ctrl+R renames from a date
keeping the old name in the history, Ctrl+M merges, Delete deletes (asked, and only when nothing
refers to the unit).
"""

from __future__ import annotations

import uuid
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.household_list import HouseholdsQuery
from desktop.core.labels import GENDERS, UNIT_KINDS, label
from desktop.core.lists import PeopleQuery
from desktop.core.service import Services
from desktop.core.text import format_date_short, format_number
from desktop.core.units import UnitNode
from desktop.errors import UserError
from desktop.gui.form_dialog import FormDialog, run_saving
from desktop.gui.households_panel import HouseholdsPanel
from desktop.gui.table_model import Column, LazyTableModel
from desktop.gui.unit_dialogs import (
    BLOC_KINDS,
    BLOC_ROLES,
    BlocDialog,
    BlocEditDialog,
    BlocMemberDialog,
    MergeDialog,
    MoveDialog,
    RenameDialog,
    UnitDialog,
)
from desktop.gui.unit_tree_model import WIDTHS, IdRole, UnitTreeModel, lineage_text
from desktop.i18n import N_, _

PEOPLE_COLUMNS = [
    Column(N_("Full name"), lambda r: r.full_name, 190),
    Column(N_("Sex"), lambda r: label(GENDERS, r.gender), 60),
    Column(N_("Date of birth"), lambda r: format_date_short(r.birth_date), 90),
    Column(N_("Position"), lambda r: r.position, 200),
]
HOUSEHOLD_COLUMNS = [
    Column(N_("Head of household"), lambda r: r.head_name, 190),
    Column(N_("Address"), lambda r: r.address, 260),
    Column(N_("Members"), lambda r: format_number(r.members), 70, align_right=True),
]
BlocIdRole = Qt.ItemDataRole.UserRole + 1
MemberIdRole = Qt.ItemDataRole.UserRole + 2
NO_UNIT = uuid.UUID(int=0)  # lists nothing until a unit is chosen


def _table(model: LazyTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    for i, column in enumerate(model.columns):
        table.setColumnWidth(i, column.width)
    return table


def _button(text: str, shortcut: str | None, slot: Any) -> QPushButton:
    button = QPushButton(text)
    if shortcut:
        button.setToolTip(shortcut)
    button.clicked.connect(slot)
    return button


class UnitsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = UnitTreeModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search units (accents and case are ignored)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        for col, width in enumerate(WIDTHS):
            self.tree.setColumnWidth(col, width)
        self.tree.selectionModel().currentRowChanged.connect(self._on_select)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.people_query = PeopleQuery(services.db, NO_UNIT)
        self.households_query = HouseholdsQuery(services.db, NO_UNIT)
        self.people_model = LazyTableModel(self.people_query, PEOPLE_COLUMNS, self)
        self.households_model = LazyTableModel(self.households_query, HOUSEHOLD_COLUMNS, self)
        self.members = QTabWidget()
        self.members.addTab(_table(self.people_model), _("People"))
        self.households = HouseholdsPanel(
            services, _table(self.households_model), self.households_model,
            lambda: (node.id, node.name) if (node := self.current_node()) else None,
            self._on_households_changed, self)
        self.members.addTab(self.households, _("Households"))
        self.blocs_model = QStandardItemModel(self)
        self.blocs = QTreeView()
        self.blocs.setModel(self.blocs_model)
        self.blocs.setAlternatingRowColors(True)
        self.blocs.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.blocs.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)

        self.add_button = _button(_("&Add…"), "Insert", self._on_add)
        self.edit_button = _button(_("&Edit…"), "F2", self._on_edit)
        self.move_button = _button(_("Mo&ve…"), None, self._on_move)
        self.rename_button = _button(_("&Rename…"), "Ctrl+R", self._on_rename)
        self.merge_button = _button(_("Mer&ge…"), "Ctrl+M", self._on_merge)
        self.delete_button = _button(_("&Delete"), "Delete", self._on_delete)
        self.bloc_button = _button(_("New &bloc…"), None, self._on_new_bloc)
        self.member_button = _button(_("Add &member…"), None, self._on_add_member)
        self.remove_member_button = _button(_("&Remove member"), None, self._on_remove_member)
        self.edit_bloc_button = _button(_("Ed&it bloc…"), None, self._on_edit_bloc)
        self.delete_bloc_button = _button(_("Delete bl&oc"), None, self._on_delete_bloc)
        self.add_person_button = _button(_("Add a &person…"), "Ctrl+Shift+P", self._on_add_person)
        self.add_person_button.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.shortcuts = {}
        for key, slot in (("Insert", self._on_add), ("F2", self._on_edit),
                          ("Ctrl+R", self._on_rename), ("Ctrl+M", self._on_merge),
                          ("Delete", self._on_delete)):
            shortcut = QShortcut(QKeySequence(key), self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[key] = shortcut

        tree_bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.move_button, self.rename_button,
                  self.merge_button, self.delete_button):
            tree_bar.addWidget(b)
        tree_bar.addStretch(1)
        tree_page = QWidget()
        tree_layout = QVBoxLayout(tree_page)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.search)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addLayout(tree_bar)
        bloc_bar = QHBoxLayout()
        for b in (self.bloc_button, self.edit_bloc_button, self.delete_bloc_button,
                  self.member_button, self.remove_member_button):
            bloc_bar.addWidget(b)
        bloc_bar.addStretch(1)
        bloc_page = QWidget()
        bloc_layout = QVBoxLayout(bloc_page)
        bloc_layout.setContentsMargins(0, 0, 0, 0)
        bloc_layout.addWidget(self.blocs, 1)
        bloc_layout.addLayout(bloc_bar)
        self.pages = QTabWidget()
        self.pages.addTab(tree_page, _("Unit &tree"))
        self.pages.addTab(bloc_page, _("Emulation b&locs and clusters"))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(self.members, 1)
        person_bar = QHBoxLayout()
        person_bar.addWidget(self.add_person_button)
        person_bar.addStretch(1)
        side_layout.addLayout(person_bar)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.pages)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Units"))))
        layout.addWidget(split, 1)
        self.setTabOrder(self.search, self.tree)
        self.reload()

    # --- loading -------------------------------------------------------------------------------

    def reload(self, select: uuid.UUID | None = None) -> None:
        keep = select or self.current_id()
        self.model.set_nodes(self.services.units.tree(), self.search.text())
        self._expand()
        self._reload_blocs()
        if keep is not None:
            self.select(keep)
        else:
            self._on_select()

    def _reload_blocs(self) -> None:
        self.blocs_model.clear()
        self.blocs_model.setHorizontalHeaderLabels([_("Bloc / member"), _("Role"), _("Year")])
        root = self.blocs_model.invisibleRootItem()
        self.bloc_rows = {b.id: b for b in self.services.units.blocs()}
        for bloc in self.bloc_rows.values():
            head = QStandardItem(bloc.name)
            head.setData(bloc.id, BlocIdRole)
            kind = QStandardItem(_(BLOC_KINDS.get(bloc.kind, bloc.kind)))
            count = QStandardItem(_("{n} members").format(n=len(bloc.members)))
            for m in bloc.members:
                item = QStandardItem(m.unit_name)
                item.setData(bloc.id, BlocIdRole)
                item.setData(m.id, MemberIdRole)
                head.appendRow([item, QStandardItem(_(BLOC_ROLES.get(m.role, m.role))),
                                QStandardItem(str(m.year))])
            root.appendRow([head, kind, count])
        self.blocs.expandAll()
        self.blocs.setColumnWidth(0, 420)
        self.blocs.setColumnWidth(1, 200)

    def _expand(self) -> None:
        if self.search.text().strip():
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)

    def _on_search(self, text: str) -> None:
        keep = self.current_id()
        self.model.set_nodes(self.model.nodes(), text)
        self._expand()
        if keep is not None:
            self.select(keep)

    # --- selection -----------------------------------------------------------------------------

    def current_id(self) -> uuid.UUID | None:
        data = self.tree.currentIndex().data(IdRole)
        return data if isinstance(data, uuid.UUID) else None

    def current_node(self) -> UnitNode | None:
        return self.model.node(self.tree.currentIndex())

    def select(self, unit_id: uuid.UUID) -> None:
        index = self.model.index_of(unit_id)
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)
        self._on_select()

    def _on_add_person(self) -> None:
        node = self.current_node()
        if node is None:
            return
        from desktop.gui.person_dialog import PersonDialog

        if PersonDialog(self.services, node.id, node.name, self).exec():
            self._on_select()
            self.members.setCurrentIndex(0)

    def _on_households_changed(self) -> None:
        self.reload()  # the tree's household count too
        self.members.setCurrentWidget(self.households)

    def _on_select(self, *_args: Any) -> None:
        node = self.current_node()
        for button in (self.edit_button, self.move_button, self.rename_button,
                       self.merge_button, self.delete_button, self.add_person_button):
            button.setEnabled(node is not None)
        self.people_query.unit_id = node.id if node else NO_UNIT
        self.households_query.unit_id = node.id if node else NO_UNIT
        self.people_model.reload()
        self.households_model.reload()
        self.members.setTabText(0, _("People ({n})").format(
            n=format_number(self.people_model.rowCount())))
        self.members.setTabText(1, _("Households ({n})").format(
            n=format_number(self.households_model.rowCount())))
        if node is None:
            self.detail.setText(_("Choose a unit in the tree to see its people and households."))
            return
        lines = ["<b>{}</b>".format(escape(node.name)),
                 escape(label(UNIT_KINDS, node.kind))
                 + (" — " + _("code {code}").format(code=escape(node.code)) if node.code else "")]
        if node.valid_from or node.valid_to:
            lines.append(escape(_("Valid: {start} – {end}").format(
                start=format_date_short(node.valid_from) or "…",
                end=format_date_short(node.valid_to) or "…")))
        if node.lineage:
            lines.append(escape(lineage_text(node.lineage)))
        self.detail.setText("<br>".join(lines))

    # --- actions on the tree -------------------------------------------------------------------

    def _run(self, dialog: FormDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.reload(select=dialog.result_value)

    def _on_add(self) -> None:
        self._run(UnitDialog(self.services, self.model.nodes(), parent_id=self.current_id(),
                             parent=self))

    def _on_edit(self) -> None:
        node = self.current_node()
        if node is not None:
            self._run(UnitDialog(self.services, self.model.nodes(), node=node, parent=self))

    def _on_move(self) -> None:
        node = self.current_node()
        if node is not None:
            self._run(MoveDialog(self.services, self.model.nodes(), node, parent=self))

    def _on_rename(self) -> None:
        node = self.current_node()
        if node is not None:
            self._run(RenameDialog(self.services, node, parent=self))

    def _on_merge(self) -> None:
        node = self.current_node()
        if node is not None:
            self._run(MergeDialog(self.services, self.model.nodes(), node, parent=self))

    def _on_delete(self) -> None:
        node = self.current_node()
        if node is None:
            return
        title = _("Delete unit")
        if self.services.units.dependents(node.id):
            run_saving(self, title, lambda: self.services.units.delete(node.id))
            return
        answer = QMessageBox.question(
            self, title, _("Delete “{name}”? Nothing else refers to it.").format(name=node.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.units.delete(node.id)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        self.reload(select=node.parent_id)

    # --- blocs -----------------------------------------------------------------------------

    def _current_bloc(self) -> tuple[uuid.UUID | None, uuid.UUID | None, str]:
        index = self.blocs.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            return None, None, ""
        bloc_index = index.parent() if index.parent().isValid() else index
        return index.data(BlocIdRole), index.data(MemberIdRole), bloc_index.data() or ""

    def _on_new_bloc(self) -> None:
        dialog = BlocDialog(self.services, self.model.nodes(), selected=self.current_id(),
                            parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.pages.setCurrentIndex(1)
            self._reload_blocs()

    def _on_add_member(self) -> None:
        bloc_id, _member, name = self._current_bloc()
        if bloc_id is None:
            QMessageBox.information(self, _("Add member"),
                                    _("Choose a bloc or cluster in the list first."))
            return
        dialog = BlocMemberDialog(self.services, self.model.nodes(), bloc_id, name,
                                  selected=self.current_id(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_blocs()

    def _on_edit_bloc(self) -> None:
        bloc_id, _member, _name = self._current_bloc()
        if bloc_id in self.bloc_rows:
            dialog = BlocEditDialog(self.services, self.bloc_rows[bloc_id], parent=self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._reload_blocs()

    def _on_delete_bloc(self) -> None:
        bloc_id, _member, name = self._current_bloc()
        if bloc_id not in self.bloc_rows:
            return
        title = _("Delete bloc")
        if self.bloc_rows[bloc_id].members:  # say why it cannot go; nothing to confirm
            run_saving(self, title, lambda: self.services.units.delete_bloc(bloc_id))
            return
        answer = QMessageBox.question(self, title, _("Delete “{name}”? It has no members.")
                                      .format(name=name))
        if answer == QMessageBox.StandardButton.Yes:
            run_saving(self, title, lambda: self.services.units.delete_bloc(bloc_id))
            self._reload_blocs()

    def _on_remove_member(self) -> None:
        _bloc, member_id, _name = self._current_bloc()
        if member_id is None:
            return
        run_saving(self, _("Remove member"),
                   lambda: self.services.units.remove_bloc_member(member_id))
        self._reload_blocs()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.tree.currentIndex().isValid() and self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0, QModelIndex()))
