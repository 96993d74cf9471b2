"""Dialogs of the Phong trào view: a criterion, a legal basis, a phase, a target group."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.core.labels import SUBJECT_KINDS
from desktop.core.movements import CriterionInput
from desktop.core.service import Services
from desktop.gui.form_dialog import FormDialog, OptionalDate, fill_combo
from desktop.i18n import N_, _
from desktop.store.kinds import Milestone, ScoringRule
from desktop.store.models import Criterion, Phase, TargetGroup

SCORING_RULES = {
    ScoringRule.MANUAL.value: N_("Scored by hand"),
    ScoringRule.PROPORTIONAL.value: N_("In proportion to the result"),
    ScoringRule.BANDS.value: N_("By result bands"),
    ScoringRule.BOOLEAN.value: N_("Achieved or not"),
}
MILESTONES = {Milestone.SO_KET.value: N_("Interim review (sơ kết)"),
              Milestone.TONG_KET.value: N_("Final review (tổng kết)")}
DIRECTIONS = [("≥", ">="), ("≤", "<=")]


def _text_box(text: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(64)
    return box


def _points_box(value: Decimal | None, maximum: float = 10000) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(0, maximum)
    box.setValue(float(value or 0))
    return box


class CriterionDialog(FormDialog):
    """Add a criterion (under a group or another criterion) or edit one."""

    def __init__(self, services: Services, *, group_id: uuid.UUID,
                 parent_id: uuid.UUID | None = None, criterion: Criterion | None = None,
                 code: str = "", parent: Any = None) -> None:
        super().__init__(_("Edit criterion") if criterion else _("Add a criterion"), parent)
        self.services, self.group_id, self.parent_id = services, group_id, parent_id
        self.criterion = criterion
        self.seen_version = criterion.version if criterion else None
        c = criterion
        self.code = QLineEdit(c.code if c else code)
        self.name = _text_box(c.name if c else "")
        self.points = _points_box(c.max_points if c else None)
        self.has_target = QCheckBox(_("Measurable"))
        self.direction = QComboBox()
        fill_combo(self.direction, DIRECTIONS, c.target_direction if c else ">=")
        self.target = _points_box(c.target_value if c else None, 1e12)
        self.target_unit = QLineEdit(c.target_unit if c else "")
        self.target_unit.setPlaceholderText(_("e.g. %"))
        self.target_unit.setMaximumWidth(90)
        target_row = QWidget()
        row = QHBoxLayout(target_row)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.has_target, self.direction, self.target, self.target_unit):
            row.addWidget(w)
        target_row.setFocusProxy(self.has_target)
        self.has_target.toggled.connect(self._on_target)
        self.has_target.setChecked(bool(c and c.target_value is not None))
        self._on_target(self.has_target.isChecked())
        self.target_text = _text_box(c.target_text if c else "")
        self.evidence = _text_box(c.evidence if c else "")
        self.rule = QComboBox()
        fill_combo(self.rule, [(_(t), k) for k, t in SCORING_RULES.items()],
                   c.scoring_rule if c else ScoringRule.MANUAL.value)
        self.form.addRow(_("&Code:"), self.code)
        self.form.addRow(_("Crite&rion:"), self.name)
        self.form.addRow(_("Maximum &points:"), self.points)
        self.form.addRow(_("&Target:"), target_row)
        self.form.addRow(_("Target &wording:"), self.target_text)
        self.form.addRow(_("&Evidence required:"), self.evidence)
        self.form.addRow(_("&Scoring:"), self.rule)

    def _on_target(self, on: bool) -> None:
        for w in (self.direction, self.target, self.target_unit):
            w.setEnabled(on)

    def item(self) -> CriterionInput:
        measurable = self.has_target.isChecked()
        return CriterionInput(
            code=self.code.text(), name=self.name.toPlainText(),
            max_points=Decimal(str(self.points.value())),
            target_value=Decimal(str(self.target.value())) if measurable else None,
            target_unit=self.target_unit.text() if measurable else "",
            target_direction=self.direction.currentData() if measurable else "",
            target_text=self.target_text.toPlainText(), evidence=self.evidence.toPlainText(),
            scoring_rule=self.rule.currentData())

    def save(self) -> uuid.UUID:
        if self.criterion is not None:
            return self.services.movements.update_criterion(
                self.criterion.id, self.item(), seen_version=self.seen_version).id
        return self.services.movements.add_criterion(self.group_id, self.item(),
                                                     parent_id=self.parent_id).id


class MoveCriterionDialog(FormDialog):
    def __init__(self, services: Services, criterion: Criterion,
                 places: list[tuple[str, uuid.UUID | None]], parent: Any = None) -> None:
        super().__init__(_("Move “{code}. {name}”").format(code=criterion.code,
                                                           name=criterion.name[:60]), parent)
        self.services, self.criterion = services, criterion
        self.place = QComboBox()
        fill_combo(self.place, places, criterion.parent_id)
        if criterion.parent_id is None:
            self.place.setCurrentIndex(0)
        self.form.addRow(_("Place &under:"), self.place)

    def save(self) -> uuid.UUID:
        return self.services.movements.move_criterion(
            self.criterion.id, parent_id=self.place.currentData()).id


class LegalBasisDialog(FormDialog):
    def __init__(self, services: Services, movement_id: uuid.UUID, parent: Any = None) -> None:
        super().__init__(_("Add a legal basis"), parent)
        self.services, self.movement_id = services, movement_id
        self.doc_type = QLineEdit()
        self.doc_type.setPlaceholderText(_("e.g. Law, Decree, Plan"))
        self.number = QLineEdit()
        self.issued_on = OptionalDate(None, _("Set"))
        self.issuer = QLineEdit()
        self.title = _text_box()
        self.form.addRow(_("Document &type:"), self.doc_type)
        self.form.addRow(_("&Number:"), self.number)
        self.form.addRow(_("&Date:"), self.issued_on)
        self.form.addRow(_("&Issuer:"), self.issuer)
        self.form.addRow(_("&Subject line:"), self.title)

    def save(self) -> uuid.UUID:
        return self.services.movements.add_legal_basis(
            self.movement_id, doc_type=self.doc_type.text(), number=self.number.text(),
            issued_on=self.issued_on.value(), issuer=self.issuer.text(),
            title=self.title.toPlainText()).id


class PhaseDialog(FormDialog):
    """Add a phase to a movement, or edit one (F2)."""

    def __init__(self, services: Services, movement_id: uuid.UUID, parent: Any = None, *,
                 phase: Phase | None = None) -> None:
        super().__init__(_("Edit phase") if phase else _("Add a phase"), parent)
        self.services, self.movement_id, self.phase = services, movement_id, phase
        self.name = QLineEdit(phase.name if phase else "")
        self.start = QSpinBox()
        self.end = QSpinBox()
        for box, year in ((self.start, phase.start_year if phase else None),
                          (self.end, phase.end_year if phase else None)):
            box.setRange(1945, 2100)
            box.setValue(year or date.today().year)
        self.milestone = QComboBox()
        fill_combo(self.milestone, [(_(t), k) for k, t in MILESTONES.items()],
                   phase.milestone if phase else Milestone.SO_KET.value)
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&From year:"), self.start)
        self.form.addRow(_("&To year:"), self.end)
        self.form.addRow(_("&Milestone:"), self.milestone)

    def save(self) -> uuid.UUID:
        values = {"name": self.name.text(), "start_year": self.start.value(),
                  "end_year": self.end.value(), "milestone": self.milestone.currentData()}
        if self.phase is not None:
            return self.services.movements.update_phase(self.phase.id, **values).id
        return self.services.movements.add_phase(self.movement_id, **values).id


class TargetGroupDialog(FormDialog):
    """Add a target group, or rename one (F2): its kind of subjects is fixed once added."""

    def __init__(self, services: Services, movement_id: uuid.UUID, code: str = "",
                 parent: Any = None, *, group: TargetGroup | None = None) -> None:
        super().__init__(_("Edit target group") if group else _("Add a target group"), parent)
        self.services, self.movement_id, self.group = services, movement_id, group
        self.code = QLineEdit(group.code if group else code)
        self.code.setMaximumWidth(90)
        self.name = _text_box(group.name if group else "")
        self.subject = QComboBox()
        fill_combo(self.subject, [(_(t), k.value) for k, t in SUBJECT_KINDS.items()],
                   group.subject_kind if group else "tap_the")
        self.subject.setEnabled(group is None)
        self.form.addRow(_("&Code:"), self.code)
        self.form.addRow(_("&Name:"), self.name)
        self.form.addRow(_("&Subjects:"), self.subject)

    def save(self) -> uuid.UUID:
        if self.group is not None:
            return self.services.movements.update_target_group(
                self.group.id, code=self.code.text(), name=self.name.toPlainText()).id
        return self.services.movements.add_target_group(
            self.movement_id, code=self.code.text(), name=self.name.toPlainText(),
            subject_kind=self.subject.currentData()).id
