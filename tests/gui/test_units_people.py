"""A new officer adds a person to a unit from the units view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.person_dialog import PersonDialog
from desktop.gui.units_view import UnitsView
from desktop.store.database import Database
from desktop.store.models import Person, Unit


def test_a_person_is_added_to_the_selected_unit(qtbot: QtBot, demo_db: Database,
                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    application()
    services = Services(demo_db)
    view = UnitsView(services)
    qtbot.addWidget(view)
    with services.reading() as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == "Ủy ban nhân dân xã Nhân Cơ"))
    view.tree.setCurrentIndex(view.model.index_of(unit_id))
    before = view.people_model.rowCount()
    errors: list[str] = []

    def fill(dialog: PersonDialog) -> int:
        dialog.full_name.setText("Điểu Thị Hoa")
        dialog.gender.setCurrentIndex(dialog.gender.findData("nu"))
        dialog.cccd.setText("12345")  # too short: the form stays open and says why
        monkeypatch.setattr("desktop.gui.form_dialog.QMessageBox.warning",
                            lambda _p, _t, text: errors.append(text))
        dialog.accept()
        dialog.cccd.setText("067190000123")
        dialog.position.setText("Công chức Văn hóa - Xã hội")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", fill)
    qtbot.mouseClick(view.add_person_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "12" in errors[0]
    assert view.people_model.rowCount() == before + 1
    with services.reading() as session:
        person = session.scalars(select(Person).where(Person.cccd == "067190000123")).one()
    assert (person.full_name, person.gender, person.unit_id) == ("Điểu Thị Hoa", "nu", unit_id)
    assert "Điểu Thị Hoa" in [view.people_model.index(r, 0).data()
                               for r in range(view.people_model.rowCount())]
