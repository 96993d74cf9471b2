"""Cơ quan & cài đặt: a new officer with an empty database goes through the first-run wizard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.core.settings import load_settings
from desktop.exchange import keys
from desktop.gui import office_view
from desktop.gui.app import application
from desktop.gui.first_run import PAGE_KEYS, FirstRunWizard
from desktop.gui.main_window import MainWindow
from desktop.gui.office_view import OfficeView
from desktop.store.database import Database
from tests.gui.typing import type_text


def _wizard(qtbot: QtBot, services: Services) -> FirstRunWizard:
    application()
    wizard = FirstRunWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_new_office_through_the_wizard_reaches_the_main_window(
    qtbot: QtBot, db: Database
) -> None:
    services = Services(db, actor="cán bộ")
    wizard = _wizard(qtbot, services)
    _next(qtbot, wizard)  # «Thiết lập cơ quan của tôi» is the default
    page = wizard.office_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # name is required
    type_text(page.name, "Văn phòng HĐND và UBND xã Nhân Cơ")
    type_text(page.province, "Lâm Đồng")
    type_text(page.parent_name, "UBND XÃ NHÂN CƠ")
    assert page.level.currentText() == "Xã"
    _next(qtbot, wizard)
    title, name = wizard.signers.rows[0][1], wizard.signers.rows[0][2]
    type_text(title, "CHỦ TỊCH")
    type_text(name, "Nguyễn Thị Hồng")
    _next(qtbot, wizard)
    wizard.symbols.numbers["QĐ"].setValue(14)
    type_text(wizard.symbols.place, "Nhân Cơ")
    _next(qtbot, wizard)
    assert wizard.currentId() == PAGE_KEYS
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    type_text(wizard.keys_page.passphrase, "mật khẩu 2026")
    type_text(wizard.keys_page.again, "mật khẩu 2025")
    assert not finish.isEnabled() and "khác nhau" in wizard.keys_page.problem.text()
    wizard.keys_page.again.clear()
    type_text(wizard.keys_page.again, "mật khẩu 2026")
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.finished, timeout=20_000):
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted

    office = services.office.own_with_signers()
    assert office is not None and office.level == "xa" and office.issuer_abbr == "UBND"
    assert [(s.authority, s.title, s.full_name) for s in office.signers] == [
        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Thị Hồng")]
    assert services.office.reserve_number("QĐ", date.today()).symbol == "15/QĐ-UBND"
    assert keys.has_keys() and keys.load_keys("mật khẩu 2026").fingerprint

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    view = window.stack.widget(0)
    assert isinstance(view, OfficeView)
    text = view.office_text.text()
    assert "Văn phòng HĐND và UBND xã Nhân Cơ" in text and "Nguyễn Thị Hồng" in text
    assert "Lâm Đồng" in text and "Dấu vân tay" in text
    assert window.nav.item(0).text() == "1. Cơ quan & cài đặt"


def test_demo_choice_builds_the_demo_off_the_gui_thread(qtbot: QtBot, db: Database) -> None:
    services = Services(db)
    wizard = _wizard(qtbot, services)
    wizard.start.demo.setChecked(True)
    _next(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished, timeout=60_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert "300" in wizard.summary
    office = services.office.own()
    assert office is not None and "Đắk R'Lấp" in office.name
    assert len(services.rounds.all_rounds()) == 1


def test_cancelling_the_demo_build_leaves_the_database_empty(
    qtbot: QtBot, db: Database
) -> None:
    services = Services(db)
    wizard = _wizard(qtbot, services)
    wizard.start.demo.setChecked(True)
    _next(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.task.ended, timeout=60_000) as ended:
        wizard.task.cancel()  # what the progress dialog's Cancel button does
    assert ended.args == ["cancelled"]
    assert wizard.isVisible() and services.office.own() is None
    assert services.rounds.all_rounds() == [] and services.movements.all() == []


def test_a_missing_field_is_one_sentence_and_nothing_is_saved(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services(db)
    wizard = _wizard(qtbot, services)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    wizard.office_page.name.setText("UBND xã A")
    wizard.office_page.province.setText("Lâm Đồng")
    wizard.signers.rows[0][1].setText("CHỦ TỊCH")
    wizard.signers.rows[0][2].setText("Lê Văn B")
    wizard.symbols.abbr.setText("X" * 30)  # longer than a symbol may be
    assert wizard.keys_page is not None
    wizard.keys_page.later.setChecked(True)
    wizard.accept()
    assert len(shown) == 1 and "quá dài" in shown[0]
    assert wizard.isVisible() and services.office.own() is None


def test_settings_language_folders_and_backup(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch, qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    application()
    services = Services(demo_db)
    view = OfficeView(services)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    assert "Đắk R'Lấp" in view.office_text.text() and "Chưa có khóa" in view.office_text.text()
    assert view.backups.rowCount() == 0
    view.language.setCurrentIndex(view.language.findData("en"))
    assert load_settings().language == "en"
    assert "Khởi động lại" in view.language_note.text()
    opened: list[Path] = []
    monkeypatch.setattr(office_view, "open_folder", opened.append)
    open_backups = next(b for b in view.findChildren(QPushButton)
                        if b.text() == "Mở thư &mục sao lưu")
    assert open_backups.shortcut().toString() == "Alt+M"
    qtbot.mouseClick(open_backups, Qt.MouseButton.LeftButton)
    assert opened == [services.backups.folder()]
    assert view.backup_button.shortcut().toString() == "Alt+S"
    with qtbot.waitSignal(view.backups.modelReset, timeout=20_000):
        qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(view.backups)
    assert view.backups.rowCount() == 1
    name = view.backups.index(0, 0).data()
    assert name.startswith("demo-") and (services.backups.folder() / name).exists()


def test_a_long_office_card_scrolls_instead_of_being_cut(qtbot: QtBot, demo_db: Database) -> None:
    application()
    view = OfficeView(Services(demo_db))
    qtbot.addWidget(view)
    view.resize(880, 640)  # the view's part of a 1100×700 window
    view.show()
    qtbot.waitExposed(view)
    card = view.office_text
    assert "Điểm chấm" in card.text()  # the last counts, under the signers
    assert card.height() >= card.heightForWidth(card.width())  # the whole card is laid out
    bar = view.office_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # taller than its box at this size: reached by scrolling
    bar.setValue(bar.maximum())
    bottom = card.mapTo(view.office_scroll.viewport(), card.rect().bottomLeft()).y()
    assert bottom <= view.office_scroll.viewport().height()
