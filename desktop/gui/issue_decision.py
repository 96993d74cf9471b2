"""«Ra quyết định…»: issue the decision on the nominations of a round that are under review."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem

from desktop.core.service import Services
from desktop.core.text import format_money
from desktop.gui.form_dialog import DateField, FormDialog, fill_combo
from desktop.i18n import _
from desktop.store.kinds import NominationStatus as S

DECIDABLE = (S.DANG_XET.value, S.DE_NGHI_LEN_TREN.value)


class IssueDecisionDialog(FormDialog):
    """Choose the round, tick the nominations, give the subject line, date and signer."""

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(_("Issue a decision"), parent)
        self.services = services
        self.round = QComboBox()
        fill_combo(self.round, [(f"{r.year} — {r.name}", r.id)
                                for r in reversed(services.rounds.all_rounds())])
        self.nominations = QListWidget()
        self.nominations.setMinimumHeight(200)
        self.title = QLineEdit()
        self.signed_on = DateField()
        self.signer = QComboBox()
        office = services.office.own_with_signers()
        fill_combo(self.signer, [(f"{s.title} {s.full_name}", i) for i, s in
                                 enumerate(office.signers if office else [])])
        self.form.addRow(_("&Round:"), self.round)
        self.form.addRow(_("&Nominations under review:"), self.nominations)
        self.form.addRow(_("&Subject line:"), self.title)
        self.form.addRow(_("Signed &on:"), self.signed_on)
        self.form.addRow(_("Si&gner:"), self.signer)
        self.round.currentIndexChanged.connect(self._on_round)
        self._on_round()

    def _on_round(self) -> None:
        self.nominations.clear()
        round_id = self.round.currentData()
        if round_id is None:
            return
        for row in self.services.rounds.rows(round_id):
            if row.status not in DECIDABLE:
                continue
            text = _("{name} — {award}, {amount}").format(
                name=row.subject_name, award=row.award_name,
                amount=format_money(row.amount) if row.amount is not None else "—")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.nominations.addItem(item)
        name = self.round.currentText().split(" — ", 1)[-1]
        self.title.setText(_("On commendation in «{round}»").format(round=name))

    def chosen(self) -> list[uuid.UUID]:
        return [self.nominations.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.nominations.count())
                if self.nominations.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> uuid.UUID:
        return self.services.decisions.issue(
            self.round.currentData(), self.chosen(), signed_on=self.signed_on.value(),
            title=self.title.text(), signer_index=self.signer.currentData() or 0).id
