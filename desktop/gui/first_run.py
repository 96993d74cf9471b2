"""The first-run wizard: the office, its signers, document symbols and keys — or the demo data.

Shown when the database has no office; also reopened from «Cơ quan & cài đặt» to edit the
office (then without the demo choice and without the key page once a key exists).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.demo import fill_demo
from desktop.core.labels import LEVELS
from desktop.core.office import DOC_TYPES, SignerInput
from desktop.core.progress import Progress
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.exchange import keys
from desktop.gui.tasks import run_task
from desktop.i18n import _
from desktop.store.kinds import OfficeLevel

PAGE_START, PAGE_OFFICE, PAGE_SIGNERS, PAGE_SYMBOLS, PAGE_KEYS, PAGE_DEMO = range(6)
AUTHORITIES = ("", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. CHỦ TỊCH", "TL. CHỦ TỊCH")


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class StartPage(QWizardPage):
    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.setTitle(_("Welcome to TĐKT"))
        self.setSubTitle(_("The program works fully offline; everything stays on this computer."))
        self.own = QRadioButton(_("Set up &my office"))
        self.demo = QRadioButton(_("Use the &demo data to explore (Đắk R'Lấp district, 2023–2025)"))
        self.own.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own)
        layout.addWidget(self.demo)
        layout.addWidget(_note(_("The demo data fills this database with sample units, people, "
                                 "movements, scores, a round, a council meeting and a decision. "
                                 "Use it to learn the program, not for real records.")))
        layout.addStretch(1)
        self.demo.setEnabled(first_run)

    def nextId(self) -> int:
        return PAGE_DEMO if self.demo.isChecked() else PAGE_OFFICE


class OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Your office"))
        self.setSubTitle(_("The office that runs emulation and commendation with this program."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Phòng Nội vụ huyện Đắk R'Lấp"))
        self.level = QComboBox()
        for level in (OfficeLevel.XA, OfficeLevel.TINH, OfficeLevel.HUYEN):
            self.level.addItem(_(LEVELS[level]), level.value)
        self.province = QLineEdit()
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText(_("e.g. UBND HUYỆN ĐẮK R'LẤP"))
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText(_("e.g. ỦY BAN NHÂN DÂN"))
        form = QFormLayout(self)
        form.addRow(_buddy(_("Office &name:"), self.name), self.name)
        form.addRow(_buddy(_("&Level:"), self.level), self.level)
        form.addRow(_note(_("<i>Since 01/7/2025 local government has two levels (province "
                                "and commune); choose «District» only to keep records of "
                                "2023 – 6/2025.</i>")))
        form.addRow(_buddy(_("&Province:"), self.province), self.province)
        form.addRow(_buddy(_("&Superior body (first header line):"), self.parent_name),
                    self.parent_name)
        form.addRow(_buddy(_("&Issuing body (second header line):"), self.issuer), self.issuer)
        self.registerField("name*", self.name)
        self.registerField("province*", self.province)

    def nextId(self) -> int:
        return PAGE_SIGNERS


class SignersPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Signers"))
        self.setSubTitle(_("Who signs the decisions and submissions; the second one is "
                           "optional."))
        grid = QGridLayout(self)
        self.rows: list[tuple[QComboBox, QLineEdit, QLineEdit]] = []
        for row in (1, 2):
            authority = QComboBox()
            authority.setEditable(True)
            authority.addItems(AUTHORITIES)
            title, name = QLineEdit(), QLineEdit()
            title.setPlaceholderText(_("e.g. CHỦ TỊCH") if row == 1 else _("e.g. PHÓ CHỦ TỊCH"))
            grid.addWidget(authority, row, 0)
            grid.addWidget(title, row, 1)
            grid.addWidget(name, row, 2)
            self.rows.append((authority, title, name))
        self.rows[0][0].setCurrentIndex(1)
        self.rows[1][0].setCurrentIndex(2)
        heads = (_("&Authority line"), _("Position &title"), _("Full &name"))
        for col, text in enumerate(heads):
            grid.addWidget(_buddy(text, self.rows[0][col]), 0, col)
        grid.addWidget(_note(_("«TM.» signs for the whole committee, «KT.» on behalf of the "
                               "chairman.")), 4, 0, 1, 3)
        grid.setRowStretch(5, 1)
        grid.setColumnStretch(2, 1)
        self.registerField("signer_title*", self.rows[0][1])
        self.registerField("signer_name*", self.rows[0][2])

    def signers(self) -> list[SignerInput]:
        result = []
        for authority, title, name in self.rows:
            if title.text().strip() or name.text().strip():
                result.append(SignerInput(authority.currentText().strip(), title.text().strip(),
                                          name.text().strip()))
        return result

    def nextId(self) -> int:
        return PAGE_SYMBOLS


class SymbolsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Document symbols"))
        self.setSubTitle(_("How document numbers are written, e.g. «05/TTr-UBND», and where "
                           "this year's numbering stands."))
        self.abbr = QLineEdit("UBND")
        self.place = QLineEdit()
        self.place.setPlaceholderText(_("e.g. Đắk R'Lấp"))
        form = QFormLayout(self)
        form.addRow(_buddy(_("Issuer &abbreviation:"), self.abbr), self.abbr)
        form.addRow(_buddy(_("Place name of the &date line:"), self.place), self.place)
        form.addRow(_note(_("<b>Last number already used in {year}</b> (0 if none):").format(
            year=date.today().year)))
        self.numbers: dict[str, QSpinBox] = {}
        for doc_type, title in DOC_TYPES.items():
            spin = QSpinBox()
            spin.setRange(0, 99999)
            self.numbers[doc_type] = spin
            form.addRow(_(title) + ":", spin)
        self.abbr.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return bool(self.abbr.text().strip())

    def nextId(self) -> int:
        return PAGE_KEYS if self.wizard().page(PAGE_KEYS) is not None else -1


class KeysPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Key for hand-up packages"))
        self.setSubTitle(_("The office signs the packages it sends with this key. Choose a "
                           "passphrase of at least 8 characters and keep it safe."))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.later = QCheckBox(_("Create the key &later"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        form.addRow(_buddy(_("&Passphrase:"), self.passphrase), self.passphrase)
        form.addRow(_buddy(_("Passphrase a&gain:"), self.again), self.again)
        form.addRow("", self.later)
        form.addRow("", self.problem)
        for widget in (self.passphrase, self.again):
            widget.textChanged.connect(self._check)
        self.later.toggled.connect(self._check)

    def wanted(self) -> str:
        return "" if self.later.isChecked() else self.passphrase.text()

    def _problem(self) -> str:
        if self.later.isChecked():
            return ""
        if len(self.passphrase.text()) < keys.MIN_PASSPHRASE:
            return _("The passphrase is too short; choose one of at least 8 characters.")
        if self.passphrase.text() != self.again.text():
            return _("The two passphrases differ; type the same one twice.")
        return ""

    def _check(self) -> None:
        self.problem.setText(self._problem() if self.passphrase.text() else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self._problem()

    def nextId(self) -> int:
        return -1


class DemoPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Demo data"))
        self.setSubTitle(_("Press Finish to build the demo data; it takes a few seconds."))
        layout = QVBoxLayout(self)
        layout.addWidget(_note(_("The office will be Phòng Nội vụ huyện Đắk R'Lấp (Đắk Nông), "
                                 "with 130 units, 300 people, three movements and the sơ kết "
                                 "round of 2025.")))
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1


class FirstRunWizard(QWizard):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        office = services.office.own_with_signers()
        self.first_run = office is None
        self.setWindowTitle(_("Set up the office") if self.first_run else _("Edit the office"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in ((QWizard.WizardButton.BackButton, _("< &Back")),
                             (QWizard.WizardButton.NextButton, _("&Next >")),
                             (QWizard.WizardButton.FinishButton, _("&Finish")),
                             (QWizard.WizardButton.CancelButton, _("Cancel"))):
            self.setButtonText(button, text)
        self.start, self.office_page = StartPage(self.first_run), OfficePage()
        self.signers, self.symbols = SignersPage(), SymbolsPage()
        self.keys_page: KeysPage | None = None if keys.has_keys() else KeysPage()
        self.setPage(PAGE_START, self.start)
        self.setPage(PAGE_OFFICE, self.office_page)
        self.setPage(PAGE_SIGNERS, self.signers)
        self.setPage(PAGE_SYMBOLS, self.symbols)
        if self.keys_page is not None:
            self.setPage(PAGE_KEYS, self.keys_page)
        self.setPage(PAGE_DEMO, DemoPage())
        self.setStartId(PAGE_START if self.first_run else PAGE_OFFICE)
        self.summary = ""
        self._busy = False
        if office is not None:
            self._fill(office)
        self.resize(720, 520)

    def _fill(self, office: Any) -> None:
        page = self.office_page
        page.name.setText(office.name)
        page.level.setCurrentIndex(max(0, page.level.findData(office.level)))
        page.province.setText(office.province)
        page.parent_name.setText(office.parent_name)
        page.issuer.setText(office.issuer_name)
        for (authority, title, name), signer in zip(self.signers.rows, office.signers,
                                                    strict=False):
            authority.setCurrentText(signer.authority)
            title.setText(signer.title)
            name.setText(signer.full_name)
        self.symbols.abbr.setText(office.issuer_abbr)
        self.symbols.place.setText(office.place)
        for doc_type, last in self.services.office.last_numbers(date.today().year).items():
            self.symbols.numbers[doc_type].setValue(last)

    # --- finishing ---------------------------------------------------------------------------

    def accept(self) -> None:
        if self._busy:
            return
        if self.first_run and self.start.demo.isChecked():
            self._build_demo()
            return
        try:
            self._save_office()
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        passphrase = self.keys_page.wanted() if self.keys_page is not None else ""
        if not passphrase:
            super().accept()
            return
        office = self.services.office.require_own()
        self._busy = True
        task = run_task(self, _("Creating the office key"),
                        lambda progress: keys.init_keys(passphrase, office_id=str(office.id),
                                                        office_name=office.name),
                        on_success=lambda _keys: QWizard.accept(self), cancellable=False)
        task.ended.connect(self._on_ended)

    def _save_office(self) -> None:
        page = self.office_page
        svc = self.services
        with svc.transaction():
            if self.first_run:
                svc.catalogue.sync()
            svc.office.set_up(
                name=page.name.text(), level=str(page.level.currentData()),
                province=page.province.text(), parent_name=page.parent_name.text(),
                issuer_name=page.issuer.text(), issuer_abbr=self.symbols.abbr.text().strip(),
                place=self.symbols.place.text(), signers=self.signers.signers())
            svc.office.continue_numbering(
                date.today().year,
                {t: spin.value() for t, spin in self.symbols.numbers.items()})

    def _build_demo(self) -> None:
        worker_services = Services(self.services.db, actor=self.services.actor)

        def work(progress: Progress) -> str:
            return fill_demo(worker_services, progress=progress)

        self._busy = True
        self.task = run_task(self, _("Building the demo data"), work, on_success=self._on_demo)
        self.task.ended.connect(self._on_ended)

    def _on_demo(self, summary: str) -> None:
        self.summary = summary
        QWizard.accept(self)

    def _on_ended(self, _outcome: str) -> None:
        self._busy = False
