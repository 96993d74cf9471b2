"""Two officers on one database in the window: the second save of the same record shows both
versions, and the officer keeps the saved one or applies their own again on top of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.rounds_view import RoundsView
from desktop.gui.unit_dialogs import UnitDialog
from desktop.store.database import Database, open_database
from desktop.store.kinds import NominationStatus as S
from tests.gui.dialogs import when_dialog_opens


@pytest.fixture
def other(demo_db: Database) -> Iterator[Services]:
    second = open_database(demo_db.url)
    yield Services(second, actor="Trần Thị Bình")
    second.close()


def _versions(dialog: Any) -> list[tuple[str, str, str]]:
    m = dialog.model
    return [tuple(m.index(r, c).data() for c in range(3)) for r in range(m.rowCount())]


def test_a_status_changed_meanwhile_shows_both_versions_and_keeps_theirs(
        qtbot: QtBot, demo_db: Database, other: Services) -> None:
    application()
    view = RoundsView(Services(demo_db, actor="Nguyễn Văn An"))
    qtbot.addWidget(view)
    view.show()
    row = next(r for r in range(view.model.rowCount())
               if view.model.row_object(r).status == S.TRA_LAI.value)
    view.table.selectRow(row)
    nom = view.model.row_object(row)
    other.rounds.change_status(nom.id, "da_nop")  # on another PC, after the list was read
    other.rounds.change_status(nom.id, "dang_xet")
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        seen["versions"] = _versions(dialog)
        seen["header"] = dialog.model.headerData(1, Qt.Orientation.Horizontal)
        dialog.drop.click()

    when_dialog_opens(look, press_ok=False)
    qtbot.mouseClick(view.buttons[S.DA_NOP], Qt.MouseButton.LeftButton)
    assert ("Trạng thái", "Đang xét", "Đã nộp") in seen["versions"]
    assert seen["header"] == f"Bản đã lưu của Trần Thị Bình (phiên bản {nom.version + 2})"
    assert view.model.row_object(row).status == S.DANG_XET.value  # theirs, shown after reload


def test_a_unit_form_applies_the_officers_changes_again_on_the_saved_version(
        qtbot: QtBot, demo_db: Database, other: Services) -> None:
    application()
    services = Services(demo_db, actor="Nguyễn Văn An")
    nodes = services.units.tree()
    node = next(n for n in nodes if n.parent_id is not None)
    dialog = UnitDialog(services, nodes, node=node)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText("MA-MOI")
    other.units.update(node.id, short_name="Tên ngắn của Bình")
    seen: dict[str, Any] = {}

    def reapply(conflict: Any) -> None:
        seen["versions"] = _versions(conflict)
        conflict.reapply.click()

    when_dialog_opens(reapply, press_ok=False)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ("Mã", node.code, "MA-MOI") in seen["versions"]
    saved = next(n for n in services.units.tree() if n.id == node.id)
    assert saved.code == "MA-MOI" and saved.version == node.version + 2
    assert saved.short_name == "Tên ngắn của Bình"  # not touched here: the other's value stays
