"""Adding a person to a unit: name, sex, date of birth, CCCD, position."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.core.labels import GENDERS
from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.gui.form_dialog import FormDialog, OptionalDate, fill_combo
from desktop.i18n import _


class PersonDialog(FormDialog):
    def __init__(self, services: Services, unit_id: uuid.UUID, unit_name: str,
                 parent: Any = None) -> None:
        super().__init__(_("Add a person to {unit}").format(unit=unit_name), parent)
        self.services, self.unit_id = services, unit_id
        self.full_name = QLineEdit()
        self.gender = QComboBox()
        fill_combo(self.gender, [(_(text), kind.value) for kind, text in GENDERS.items()])
        self.birth = OptionalDate(None, _("known"))
        self.cccd = QLineEdit()
        self.cccd.setPlaceholderText(_("12 digits, may be left empty"))
        self.cccd.setMaxLength(12)
        self.position = QLineEdit()
        self.form.addRow(_("Full &name:"), self.full_name)
        self.form.addRow(_("&Sex:"), self.gender)
        self.form.addRow(_("Date of &birth:"), self.birth)
        self.form.addRow(_("&Citizen ID:"), self.cccd)
        self.form.addRow(_("&Position:"), self.position)

    def save(self) -> uuid.UUID:
        person = self.services.people.create(PersonInput(
            full_name=self.full_name.text(), gender=self.gender.currentData(),
            birth_date=self.birth.value(), cccd=self.cccd.text().strip() or None,
            unit_id=self.unit_id, position=self.position.text()))
        return person.id
