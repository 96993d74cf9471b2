"""Văn bản: preview every form of the demo round, print through a real QPrinter, save, open."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.documents import registry
from desktop.gui import documents_view
from desktop.gui.app import application
from desktop.gui.documents_view import DocumentsView
from desktop.store.database import Database


def _view(qtbot: QtBot, db: Database) -> DocumentsView:
    application()
    view = DocumentsView(Services(db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    qtbot.waitUntil(lambda: not view.busy(), timeout=30_000)
    return view


def _select(qtbot: QtBot, view: DocumentsView, code: str) -> None:
    row = [f.code for f in registry.FORMS].index(code)
    view.forms.setCurrentRow(row)
    qtbot.waitUntil(lambda: not view.busy(), timeout=30_000)
    view.activateWindow()  # the progress dialog, if it showed, took the focus with it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


@pytest.fixture
def printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The system print dialog, answered «Print» to a PDF file instead of a paper printer."""
    out: list[Path] = []

    class PrintToFile:
        def __init__(self, printer: QPrinter, parent: Any = None) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> int:
            path = tmp_path / f"printed-{len(out)}.pdf"
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(path))
            out.append(path)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(documents_view, "QPrintDialog", PrintToFile)
    return out


def test_every_form_is_listed_and_previews(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    titles = [view.forms.item(i).text() for i in range(view.forms.count())]
    assert titles == [f.title for f in registry.FORMS]
    for form in registry.FORMS:
        _select(qtbot, view, form.code)
        assert view.pages, (form.code, view.message.text())
        assert view.message.text().startswith(form.title)
        labels = view.page_box.findChildren(documents_view.QLabel)
        assert len(labels) == len(view.pages) and labels[0].pixmap().width() > 500
    # the preview is a draft: no number was taken from the register
    assert "xem trước bản nháp" in view.message.text()


def test_print_and_save_a_form(qtbot: QtBot, demo_db: Database, printed: list[Path]) -> None:
    view = _view(qtbot, demo_db)
    _select(qtbot, view, "to-trinh")
    preview_pages = len(view.pages)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    task = view.print_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=30_000)
    assert len(printed) == 1 and _pages(printed[0]) == preview_pages
    assert view.message.text() == "Đã gửi {} trang tới máy in.".format(preview_pages)
    saved = view.last_written
    assert saved is not None and saved.pdf.exists()
    text = subprocess.run(["pdftotext", str(saved.pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "TỜ TRÌNH" in text
    assert saved.pdf.parent == view.folder_for("round")


def test_final_copy_takes_a_number(qtbot: QtBot, demo_db: Database,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    view = _view(qtbot, demo_db)
    _select(qtbot, view, "to-trinh")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.final.setChecked(True)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.last_written is not None
    text = subprocess.run(["pdftotext", str(view.last_written.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"Số:\s*\d+/TTr-", text), text[:300]
    qtbot.mouseClick(view.final, Qt.MouseButton.LeftButton)  # back to a draft: no number
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(view.last_written.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert not re.search(r"Số:\s*\d+/TTr-", text)


def test_open_folder_and_word(qtbot: QtBot, demo_db: Database,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(documents_view.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    view = _view(qtbot, demo_db)
    _select(qtbot, view, "danh-sach")
    qtbot.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(opened))  # a button's shortcut clicks it after a short flash
    assert opened == [str(view.folder_for("round"))] and Path(opened[0]).is_dir()
    assert view.word_button.isEnabled()  # the list has an editable Word version
    qtbot.mouseClick(view.word_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 2)
    docx = Path(opened[-1])
    assert docx.suffix == ".docx" and docx.parent == Path(opened[0])
    with zipfile.ZipFile(docx) as z:  # a real Word file with the list in it
        assert "DANH SÁCH" in z.read("word/document.xml").decode("utf-8")


def test_print_the_whole_round_off_the_gui_thread(qtbot: QtBot, demo_db: Database,
                                                  printed: list[Path]) -> None:
    view = _view(qtbot, demo_db)
    view.print_dpi = 40  # a dossier has a hundred pages: keep the test quick, the path is the same
    qtbot.mouseClick(view.round_button, Qt.MouseButton.LeftButton)
    task = view.print_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60_000)
    assert task.outcome == "done"
    folder = view.folder_for("round")
    assert folder is not None
    dossier = [f for f in registry.FORMS if f.needs == "round" and f.dossier]
    pdfs = {p.name for p in folder.glob("*.pdf")}
    assert pdfs == {f.filename for f in dossier} | {"ho-so-tong-hop.pdf"}
    assert len(printed) == 1
    total = _pages(folder / "ho-so-tong-hop.pdf")
    assert total == sum(_pages(folder / f.filename) for f in dossier)
    assert _pages(printed[0]) == total
    assert "Đã gửi {} trang tới máy in.".format(total) in view.message.text()


def test_cancel_the_round_print(qtbot: QtBot, demo_db: Database, printed: list[Path]) -> None:
    view = _view(qtbot, demo_db)
    qtbot.mouseClick(view.round_button, Qt.MouseButton.LeftButton)
    task = view.print_task
    assert task is not None
    task.cancel()
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60_000)
    assert task.outcome == "cancelled"
    folder = view.folder_for("round")
    assert folder is not None and not any(folder.glob("*.pdf"))  # nothing half-written


def test_screenshot(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    _select(qtbot, view, "quyet-dinh")
    path = tmp_path / "documents.png"
    assert view.grab().save(str(path)) and path.stat().st_size > 20_000
