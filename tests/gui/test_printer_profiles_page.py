"""Cơ quan & cài đặt ▸ Hồ sơ máy in: offsets typed in 0.5 mm steps move the certificate."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.settings import load_settings
from desktop.documents import printer_profile as pp
from desktop.gui.app import application
from desktop.gui.printer_profiles_page import PrinterProfilesDialog
from tests.documents.pdfcheck import assert_fonts_embedded, flat, page_sizes

MM = 72 / 25.4


def _x_of(pdf: bytes, word: str, tmp_path: Path) -> float:
    """Where pdftotext finds `word` on the page, in points from the left edge."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = re.search(r'xMin="([\d.]+)"[^>]*>' + re.escape(word) + "<", html)
    assert found, word
    return float(found.group(1))


@pytest.fixture
def page(qtbot: QtBot) -> PrinterProfilesDialog:
    application()
    dialog = PrinterProfilesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_offsets_move_the_sample_certificate_and_are_saved(
        page: PrinterProfilesDialog, qtbot: QtBot, tmp_path: Path) -> None:
    assert [page.profiles.item(i).text() for i in range(page.profiles.count())] == [
        "mac-dinh (dùng khi in)"]
    assert not page.use_button.isEnabled()
    assert page.paper.currentText() == "A4 khổ ngang" and not page.width_mm.isEnabled()
    assert page.offset_x.singleStep() == page.offset_y.singleStep() == 0.5
    page.shown.setCurrentIndex(page.shown.findData("sample"))
    before = page.document()
    assert "Ông Nguyễn Văn Mẫu" in flat(before)
    assert_fonts_embedded(before)

    page.offset_x.setFocus()
    for _step in range(3):
        qtbot.keyClick(page.offset_x, Qt.Key.Key_Up)
    qtbot.keyClick(page.offset_y, Qt.Key.Key_Down)
    assert (page.offset_x.value(), page.offset_y.value()) == (1.5, -0.5)
    assert page.status.text() == "Đã thay đổi, chưa lưu."
    moved = page.document()
    shift = _x_of(moved, "Nguyễn", tmp_path) - _x_of(before, "Nguyễn", tmp_path)
    assert shift == pytest.approx(1.5 * MM, abs=0.05)
    qtbot.waitUntil(lambda: not page.timer.isActive())
    assert page.preview.pixmap() is not None and not page.preview.pixmap().isNull()

    page.shown.setCurrentIndex(page.shown.findData("calibration"))
    assert "độ lệch ngang +1,5 mm, độ lệch dọc -0,5 mm" in flat(page.document())
    page.grab().save(str(tmp_path / "printer-profiles.png"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Đã lưu hồ sơ “mac-dinh”."
    saved = pp.load("mac-dinh")
    assert (saved.offset_x, saved.offset_y) == (1.5, -0.5)


def test_closing_with_unsaved_offsets_asks_to_save_them(
        page: PrinterProfilesDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a: asked.append(text) or answers.pop(0))
    page.offset_y.setValue(2.0)
    page.reject()
    assert page.isVisible() and pp.load().offset_y == 0  # cancelled: still open, nothing saved
    page.reject()
    assert not page.isVisible() and pp.load().offset_y == 2.0
    assert asked == ["Lưu các thay đổi của hồ sơ máy in “mac-dinh”?"] * 2


def test_profiles_are_added_renamed_and_deleted(
        page: PrinterProfilesDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    names = iter(["máy in phòng 1", "may-in-phong-1", "may-in-tang-2"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (next(names), True))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)

    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # accents: refused
    assert len(warnings) == 1 and "chữ cái không dấu" in warnings[0]
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.current_name() == "may-in-phong-1"
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    assert load_settings().printer_profile == "may-in-phong-1" == pp.chosen()
    assert page.profiles.currentItem().text() == "may-in-phong-1 (dùng khi in)"
    page.paper.setCurrentIndex(page.paper.findText("A5 khổ ngang"))
    assert (page.width_mm.value(), page.height_mm.value()) == (210, 148)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page_sizes(page.document())[0] == pytest.approx((210 * MM, 148 * MM), abs=0.5)

    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    assert pp.names() == ["mac-dinh", "may-in-tang-2"]
    assert pp.load("may-in-tang-2").page_height == 148
    assert pp.chosen() == "may-in-tang-2" and pp.load().name == "may-in-tang-2"
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert pp.names() == ["mac-dinh"] and pp.chosen() == "mac-dinh"
    assert page.current_name() == "mac-dinh"
    assert page.delete_button.text() == "Đặt về &gốc" and not page.rename_button.isEnabled()


def test_the_calibration_page_goes_to_the_printer_off_the_gui_thread(
        page: PrinterProfilesDialog, qtbot: QtBot, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    task = page.print_pdf(printer, page.document())
    with qtbot.waitSignal(task.ended, timeout=60_000) as ended:
        pass
    assert ended.args == ["done"]
    assert page.status.text() == "Đã gửi 1 trang tới máy in."
    assert len(page_sizes(out.read_bytes())) == 1


def test_the_settings_page_opens_the_printer_profiles(qtbot: QtBot, services) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from desktop.gui.office_view import OfficeView
    from tests.gui.dialogs import when_dialog_opens

    application()
    view = OfficeView(services)
    qtbot.addWidget(view)
    view.show()
    button = next(b for b in view.findChildren(QPushButton) if b.text() == "Hồ sơ &máy in…")
    seen = when_dialog_opens(lambda d: None, press_ok=False)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [d.windowTitle() for d in seen] == ["Hồ sơ máy in"]
