"""A new officer's whole year, through the main window, from an empty database.

First-run wizard → load the Đắk R'Lấp plan → units → scores → round and nomination → review →
council → decision → the round's dossier printed → the hand-up package written to a USB stick.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWizard,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from desktop import paths
from desktop.core.service import Services
from desktop.core.text import format_number
from desktop.exchange import keys
from desktop.gui import documents_view
from desktop.gui.app import application
from desktop.gui.council_view import RESULT, YES, CouncilView
from desktop.gui.decisions_view import DecisionsView
from desktop.gui.documents_view import DocumentsView
from desktop.gui.exchange_view import ExchangeView
from desktop.gui.first_run import FirstRunWizard
from desktop.gui.main_window import MainWindow
from desktop.gui.movements_view import MovementsView
from desktop.gui.rounds_view import NominateDialog, RoundDialog, RoundsView
from desktop.gui.scoring_view import FIRST_CRITERION, ScoringView
from desktop.gui.units_view import UnitsView
from desktop.i18n import _
from desktop.store.database import Database
from desktop.store.kinds import NominationStatus as S
from desktop.store.kinds import SubjectKind
from tests.gui.dialogs import when_dialog_opens
from tests.gui.typing import type_text

PLAN = Path(__file__).resolve().parents[2] / "resources" / "demo" / "movements" / "dak_rlap.toml"
PLAN_NAME = ("Đắk R'Lấp đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết "
             "kiệm, chống lãng phí")
OFFICE = "Ủy ban nhân dân xã Nhân Cơ"
PROVINCE = "Sở Nội vụ tỉnh Lâm Đồng"
PASSPHRASE = "mật khẩu Nhân Cơ 2026"
VILLAGES = ("Thôn 1", "Thôn 2", "Thôn 3")
MEMBERS = ("Nguyễn Thị Hồng; Chủ tịch UBND xã", "Trần Văn Bình; Phó Chủ tịch UBND xã",
           "Lê Thị Mai; Chủ tịch UBMTTQ xã", "Phạm Văn Dũng; Công chức Văn phòng - Thống kê",
           "Hoàng Thị Lan; Công chức Nội vụ")


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every warning the officer is shown: the workflow must show none."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *a, **k: said.append(text))
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text, *a, **k: said.append(text))
    return said


def _first_run(qtbot: QtBot, services: Services) -> None:
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()

    def next_page() -> None:
        button = wizard.button(QWizard.WizardButton.NextButton)
        assert button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    next_page()  # «Thiết lập cơ quan của tôi»
    type_text(wizard.office_page.name, OFFICE)
    type_text(wizard.office_page.province, "Lâm Đồng")
    type_text(wizard.office_page.parent_name, "UBND XÃ NHÂN CƠ")
    assert wizard.office_page.level.currentText() == "Xã"
    next_page()
    type_text(wizard.signers.rows[0][1], "CHỦ TỊCH")
    type_text(wizard.signers.rows[0][2], "Nguyễn Thị Hồng")
    next_page()
    type_text(wizard.symbols.place, "Nhân Cơ")
    next_page()
    type_text(wizard.keys_page.passphrase, PASSPHRASE)
    type_text(wizard.keys_page.again, PASSPHRASE)
    with qtbot.waitSignal(wizard.finished, timeout=20_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def _go(qtbot: QtBot, window: MainWindow, number: int) -> Any:
    """Ctrl+<number> for the first nine views, the navigation list for the others."""
    if number <= 9:
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    else:
        window.nav.setCurrentRow(number - 1)
    view = window.stack.currentWidget()
    assert window.stack.currentIndex() == number - 1
    return view


def _add_unit(qtbot: QtBot, view: UnitsView, name: str, kind: str, parent: str) -> None:
    def fill(dialog: Any) -> None:
        type_text(dialog.name, name)
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.parent_unit.setCurrentIndex(dialog.parent_unit.findText(parent))
    when_dialog_opens(fill)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)


def _type_in_cell(qtbot: QtBot, table: Any, text: str) -> None:
    qtbot.keyClicks(table, text[0])
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible())


def _province_key(folder: Path, home: Path) -> Path:
    """The public key file the province hands to the commune (made in its own data folder)."""
    paths.set_home(folder)
    try:
        keys.init_keys("mật khẩu của Sở Nội vụ", office_name=PROVINCE)
    finally:
        paths.set_home(home)
    return folder / "config" / "keys" / keys.PUBLIC_FILE


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_a_new_commune_office_from_the_wizard_to_the_hand_up_package(
    qtbot: QtBot, db: Database, told: list[str], tmp_path: Path, home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    application()
    province_key = _province_key(tmp_path / "province", home)
    services = Services(db, actor="cán bộ Nội vụ xã")
    _first_run(qtbot, services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.nav.item(0).text() == "1. Cơ quan & cài đặt"
    assert OFFICE in window.stack.currentWidget().office_text.text()

    # 4 Phong trào: «Nạp kế hoạch» with the district's plan
    movements = _go(qtbot, window, 4)
    assert isinstance(movements, MovementsView)
    assert movements.summary.text().startswith("Chưa có phong trào nào")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(PLAN), ""))
    qtbot.mouseClick(movements.load_button, Qt.MouseButton.LeftButton)
    assert movements.movements.count() == 1
    assert movements.movements.currentText() == PLAN_NAME
    groups = [movements.model.index(r, 0).data() for r in range(movements.model.rowCount())]
    assert any(g.startswith("c1) ") for g in groups), groups

    # 2 Đơn vị: the commune's People's Committee and its villages
    units = _go(qtbot, window, 2)
    assert isinstance(units, UnitsView) and units.model.rowCount() == 0
    _add_unit(qtbot, units, OFFICE, "ubnd_cap_xa", "(cấp cao nhất)")
    for village in VILLAGES:
        _add_unit(qtbot, units, village, "thon_to_dan_pho", OFFICE)
    names = [n.name for n in units.model.nodes()]
    assert names.count(OFFICE) == 1 and all(v in names for v in VILLAGES)

    # 5 Chấm điểm: the villages of target group c1, this year, full marks for Thôn 1
    scoring = _go(qtbot, window, 5)
    assert isinstance(scoring, ScoringView)
    assert scoring.movements.count() == 1
    scoring.groups.setCurrentIndex(next(i for i in range(scoring.groups.count())
                                        if scoring.groups.itemText(i).startswith("c1)")))
    scoring.year.setValue(date.today().year)
    model = scoring.model
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == list(VILLAGES)
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    sheet = model.sheet
    assert sheet is not None
    full = sum(c.max_points for c in sheet.criteria)
    for col in model.criteria_columns():
        scoring.table.setCurrentIndex(model.index(rows["Thôn 1"], col))
        crit = sheet.criteria[col - FIRST_CRITERION]
        _type_in_cell(qtbot, scoring.table, str(crit.max_points.normalize()))
    scoring.table.setCurrentIndex(model.index(rows["Thôn 2"], FIRST_CRITERION))
    _type_in_cell(qtbot, scoring.table, "1")
    qtbot.mouseClick(scoring.save_button, Qt.MouseButton.LeftButton)
    assert told == []
    saved = len(sheet.criteria) + 1
    assert f"Đã lưu {saved} điểm" in scoring.status.text()
    rank = FIRST_CRITERION - 1
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(rows["Thôn 1"], rank).data() == "1"
    assert model.index(rows["Thôn 1"], 2).data() == format_number(full)  # the self total

    # 6 Đợt xét & đề nghị: a new round, a nomination for Thôn 1, submitted and under review
    rounds = _go(qtbot, window, 6)
    assert isinstance(rounds, RoundsView)
    year = date.today().year

    def fill_round(dialog: RoundDialog) -> int:
        dialog.name.setText(f"Khen thưởng phong trào thi đua năm {year}")
        dialog.kind.setCurrentIndex(dialog.kind.findData("hang_nam"))
        dialog.year.setValue(year)
        dialog.movement.setCurrentIndex(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RoundDialog, "exec", fill_round)
    qtbot.mouseClick(rounds.new_round_button, Qt.MouseButton.LeftButton)
    assert rounds.rounds.currentText() == f"{year} — Khen thưởng phong trào thi đua năm {year}"
    offered: dict[str, list[str]] = {}

    def fill_nomination(dialog: NominateDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(SubjectKind.TAP_THE))
        dialog.search.setText("thon 1")
        offered["found"] = [dialog.found.item(i).text() for i in range(dialog.found.count())]
        offered["awards"] = [dialog.award.itemText(i) for i in range(dialog.award.count())]
        dialog.award.setCurrentIndex(0)
        dialog.achievements.setPlainText("Dẫn đầu phong trào thi đua của xã, 100 điểm.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NominateDialog, "exec", fill_nomination)
    qtbot.mouseClick(rounds.nominate_button, Qt.MouseButton.LeftButton)
    assert offered["found"] and offered["found"][0].startswith("Thôn 1"), offered
    assert offered["awards"], offered
    assert rounds.model.rowCount() == 1
    award = offered["awards"][0]
    row = rounds.model.row_object(0)
    assert row is not None and row.subject_name == "Thôn 1" and row.award_name == award
    amount = rounds.model.index(0, 6).data()
    assert amount.endswith("đồng")
    rounds.table.selectRow(0)
    for status in (S.DA_NOP, S.DANG_XET):
        qtbot.mouseClick(rounds.buttons[status], Qt.MouseButton.LeftButton)
    assert rounds.model.row_object(0).status == S.DANG_XET.value  # type: ignore[union-attr]
    assert rounds.model.index(0, 5).data() == "Đang xét"
    assert told == []

    # 7 Hội đồng: a meeting of five, all vote yes
    council = _go(qtbot, window, 7)
    assert isinstance(council, CouncilView)

    def fill_meeting(dialog: Any) -> None:
        type_text(dialog.place, "Hội trường UBND xã Nhân Cơ")
        dialog.members.setPlainText("\n".join(MEMBERS))
    when_dialog_opens(fill_meeting)
    qtbot.mouseClick(council.open_button, Qt.MouseButton.LeftButton)
    assert "Có mặt 5/5 thành viên" in council.meeting_text.text()
    assert council.agenda.rowCount() == 1 and council.agenda.index(0, 0).data() == "Thôn 1"
    council.agenda_table.setCurrentIndex(council.agenda.index(0, YES))
    with qtbot.waitSignal(council.agenda.modelReset):
        _type_in_cell(qtbot, council.agenda_table, "5")
    assert council.agenda.index(0, RESULT).data() == "Đạt"

    # 8 Quyết định: «Ra quyết định…» on the nomination the council passed
    decisions = _go(qtbot, window, 8)
    assert isinstance(decisions, DecisionsView) and decisions.decisions_model.rowCount() == 0

    def fill_decision(dialog: Any) -> None:
        assert dialog.nominations.count() == 1
        assert dialog.nominations.item(0).text().startswith(f"Thôn 1 — {award}")
        assert dialog.signer.currentText() == "CHỦ TỊCH Nguyễn Thị Hồng"
    when_dialog_opens(fill_decision)
    qtbot.mouseClick(decisions.issue_button, Qt.MouseButton.LeftButton)
    assert told == []
    assert decisions.decisions_model.rowCount() == 1 and decisions.lines_model.rowCount() == 1
    decision = decisions.selected_decision()
    assert decision is not None and decision.symbol == "01/QĐ-UBND"
    assert decisions.lines_model.index(0, 1).data() == "Thôn 1"
    assert decisions.lines_model.index(0, 5).data() == amount
    assert amount in decisions.totals.text() and "1 quyết định" in decisions.totals.text()

    # 9 Văn bản: the whole round's dossier, printed (to a PDF instead of paper)
    printed: list[Path] = []

    class PrintToFile:
        def __init__(self, printer: QPrinter, parent: Any = None) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:  # noqa: N802
            pass

        def exec(self) -> int:
            path = tmp_path / f"in-{len(printed)}.pdf"
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(path))
            printed.append(path)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(documents_view, "QPrintDialog", PrintToFile)
    documents = _go(qtbot, window, 9)
    assert isinstance(documents, DocumentsView)
    qtbot.waitUntil(lambda: not documents.busy(), timeout=30_000)
    assert documents.rounds.currentText().startswith(f"{year} — ")
    documents.print_dpi = 40
    qtbot.mouseClick(documents.round_button, Qt.MouseButton.LeftButton)
    task = documents.print_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    assert task.outcome == "done" and len(printed) == 1
    folder = documents.folder_for("round")
    assert folder is not None
    dossier = " ".join(_pdf_text(p) for p in sorted(folder.glob("*.pdf")))
    assert "Thôn 1" in dossier and "TỜ TRÌNH" in dossier
    assert told == []

    # 10 Giao nộp: trust the province's key (a file it sent), then the package on a USB stick
    exchange = _go(qtbot, window, 10)
    assert isinstance(exchange, ExchangeView) and exchange.export_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(province_key), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda _p, title, *a, **k: (
        PROVINCE if title == _("Trust a key") else PASSPHRASE, True))
    exchange.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(exchange, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: exchange.recipients.count() == 1)
    assert exchange.recipients.currentText().startswith(PROVINCE)
    assert exchange.encrypt.isChecked()
    stick = tmp_path / "usb"
    stick.mkdir()
    exchange.folder.setText(str(stick))
    qtbot.mouseClick(exchange.export_button, Qt.MouseButton.LeftButton)
    assert told == []
    export = exchange.task
    assert export is not None
    qtbot.waitUntil(lambda: not export.is_running(), timeout=30_000)
    assert export.outcome == "done", told
    written = exchange.last_export
    assert written is not None and written.path.parent == stick
    assert written.path.name.endswith(".tdkt.age")
    assert "1 đối tượng" in exchange.send_result.text()
    assert "có thể rút USB" in exchange.send_result.text()
    assert exchange.history.index(0, 1).data() == "Đã gửi"
    assert told == []


def test_a_decision_with_nothing_ticked_is_one_sentence_and_nothing_is_issued(
    qtbot: QtBot, demo_db: Database, told: list[str]
) -> None:
    application()
    view = DecisionsView(Services(demo_db))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    before = view.decisions_model.rowCount()

    def untick_all(dialog: Any) -> None:
        dialog.keep_open = True
        assert dialog.nominations.count() > 0  # the demo round has nominations under review
        for i in range(dialog.nominations.count()):
            dialog.nominations.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible()  # the form stays, to tick one
        dialog.keep_open = False
    when_dialog_opens(untick_all, press_ok=False)
    qtbot.mouseClick(view.issue_button, Qt.MouseButton.LeftButton)
    assert told == ["Vui lòng chọn ít nhất một hồ sơ đề nghị để đưa vào quyết định."]
    assert view.decisions_model.rowCount() == before
