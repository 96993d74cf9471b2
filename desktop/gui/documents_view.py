"""Văn bản: every printable form of a round or a movement, previewed, printed, saved, opened.

The preview is always a draft (no number is taken). «Lưu», «In» and «Mở bằng Word» write the
files into the round's folder; with «Bản chính thức» ticked they take numbers from the register.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.service import Services
from desktop.core.text import search_key
from desktop.errors import UserError
from desktop.gui.tasks import Task, run_task
from desktop.i18n import N_, _
from desktop.paths import data_dir

if TYPE_CHECKING:
    from desktop.documents import registry

# The document engine (ReportLab, the rules) and PDFium take about a second to import: they are
# loaded when this view is first used, so the window opens at once.


def _printing() -> Any:
    from desktop.documents import printing

    return printing


def _has_docx(pdf: bytes) -> bool:
    from desktop.documents.word import has_docx

    return bool(has_docx(pdf))


def _registry() -> Any:
    from desktop.documents import registry

    return registry


def _pages() -> Any:
    from desktop.gui import pdf_pages

    return pdf_pages

NEEDS = {"round": N_("round"), "movement": N_("movement")}
PREVIEW_DPI = 120  # sharp once scaled down to the width of the preview
PRINT_DPI = 200  # sharp on paper; pages are rendered one at a time while printing


@dataclass(frozen=True)
class Written:
    pdf: Path
    docx: Path | None


def output_folder(ident: uuid.UUID, name: str, year: int | None) -> Path:
    """«…/van-ban/2025 so-ket-giai-doan-…-1a2b3c4d»: readable, unique, plain ASCII."""
    slug = re.sub(r"[^a-z0-9]+", "-", search_key(name))[:50].strip("-") or "van-ban"
    prefix = f"{year} " if year else ""
    return data_dir() / "van-ban" / f"{prefix}{slug}-{str(ident)[:8]}"


class DocumentsView(QWidget):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.pages: list[QImage] = []  # the preview, at screen resolution
        self.preview_pdf = b""  # the draft shown, to know whether it has a Word version
        self.last_written: Written | None = None
        self.print_task: Task | None = None
        self.print_dpi = PRINT_DPI
        self.preview_task: Task | None = None
        self._generation = 0  # which preview is wanted: older results are dropped
        self._stale = True  # the preview is made when the view is first shown, not at start-up
        self.rounds = QComboBox()
        self.movements = QComboBox()
        for combo in (self.rounds, self.movements):  # long names must not widen the window
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(30)
        self.forms = QListWidget()
        self.forms.setMinimumWidth(260)
        self.forms.setWordWrap(True)
        self.forms.setSpacing(2)
        self.final = QCheckBox(_("F&inal copy (takes numbers from the register)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.page_box = QWidget()
        self.page_layout = QVBoxLayout(self.page_box)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_layout.setSpacing(12)
        self.preview_area = QScrollArea()
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setWidget(self.page_box)
        self.preview_area.setStyleSheet("QScrollArea > QWidget > QWidget { background: #808080; }")

        self.print_button = self._button(_("&Print…"), QKeySequence.StandardKey.Print,
                                         self._on_print)
        self.save_button = self._button(_("&Save to folder"), QKeySequence.StandardKey.Save,
                                        self._on_save)
        self.word_button = self._button(_("Open in &Word"), "Ctrl+Shift+W", self._on_word)
        self.folder_button = self._button(_("Open the f&older"), "Ctrl+Shift+O",
                                          self._on_folder)
        self.round_button = self._button(_("Print the whole &round…"), "Ctrl+Shift+P",
                                         self._on_print_round)

        choose = QFormLayout()
        round_label = QLabel(_("R&ound:"))
        round_label.setBuddy(self.rounds)
        movement_label = QLabel(_("&Movement:"))
        movement_label.setBuddy(self.movements)
        choose.addRow(round_label, self.rounds)
        choose.addRow(movement_label, self.movements)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        forms_label = QLabel(_("&Documents:"))
        forms_label.setBuddy(self.forms)
        left_layout.addWidget(forms_label)
        left_layout.addWidget(self.forms, 1)
        left_layout.addWidget(self.final)
        for button in (self.print_button, self.save_button, self.word_button,
                       self.folder_button, self.round_button):
            left_layout.addWidget(button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.preview_area, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Documents"))))
        layout.addLayout(choose)
        layout.addWidget(split, 1)
        self.setTabOrder(self.rounds, self.movements)
        self.setTabOrder(self.movements, self.forms)
        self.rounds.currentIndexChanged.connect(self._on_subject)
        self.movements.currentIndexChanged.connect(self._on_subject)
        self.forms.currentRowChanged.connect(self._on_form)
        self.reload()

    def _button(self, text: str, shortcut: Any, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setShortcut(QKeySequence(shortcut))
        button.setToolTip(QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText))
        button.clicked.connect(slot)
        return button

    # --- choosing ----------------------------------------------------------------------------

    def reload(self) -> None:
        for combo in (self.rounds, self.movements):
            combo.blockSignals(True)
            combo.clear()
        for rnd in self.services.rounds.all_rounds():
            self.rounds.addItem(f"{rnd.year} — {rnd.name}", (rnd.id, rnd.name, rnd.year))
        for movement in self.services.movements.all():
            self.movements.addItem(movement.name, (movement.id, movement.name, None))
        for combo in (self.rounds, self.movements):
            combo.blockSignals(False)
        self._stale = True
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        self._stale = False
        row = max(self.forms.currentRow(), 0)
        self.forms.blockSignals(True)
        self.forms.clear()
        for form in _registry().FORMS:  # read each time: forms are added as the program grows
            item = QListWidgetItem(form.title)
            item.setData(Qt.ItemDataRole.UserRole, form.code)
            item.setToolTip(_("Needs a {what}.").format(what=_(NEEDS.get(form.needs, form.needs))))
            self.forms.addItem(item)
        self.forms.blockSignals(False)
        self.forms.setCurrentRow(min(row, self.forms.count() - 1))
        self._on_form()

    def current_form(self) -> registry.Form | None:
        item = self.forms.currentItem()
        return _registry().form(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _subject(self, needs: str) -> tuple[uuid.UUID, str, int | None] | None:
        combo = self.rounds if needs == "round" else self.movements
        data = combo.currentData()
        return data if isinstance(data, tuple) else None

    def folder_for(self, needs: str) -> Path | None:
        subject = self._subject(needs)
        if subject is None:
            return None
        ident, name, year = subject
        return output_folder(ident, name, year)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._refresh()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.pages:
            self._show_pages()

    def _on_subject(self) -> None:
        self._on_form()

    def _on_form(self, *_args: Any) -> None:
        """Make the draft preview of the chosen document, off the GUI thread."""
        if not self.isVisible():
            self._stale = True
            return
        form = self.current_form()
        self._generation += 1
        if self.preview_task is not None and self.preview_task.is_running():
            self.preview_task.cancel()
        self.last_written = None
        self.preview_pdf = b""
        self.pages = []
        self._show_pages()
        subject = self._subject(form.needs) if form is not None else None
        if form is None or subject is None:
            self.message.setText("" if form is None else _(
                "There is no {what} yet to make this document from.").format(
                what=_(NEEDS.get(form.needs, form.needs))))
            self._update_buttons()
            return
        self.message.setText(_("Preparing the preview of {title}…").format(title=form.title))
        self._update_buttons()
        services = Services(self.services.db, self.services.actor)
        ident = subject[0]

        def work(progress: Any) -> tuple[bytes, list[QImage]] | UserError:
            progress(0, 2, form.title)
            try:
                data = form.build(services, str(ident), draft=True)
            except UserError as exc:  # shown beside the preview, not as an error box
                return exc
            progress(1, 2, form.title)
            return data, cast(list[QImage], _pages().render(data, PREVIEW_DPI))

        generation = self._generation
        self.preview_task = run_task(
            self, _("Preparing the preview"), work,
            on_success=lambda result: self._on_preview(generation, form, result))

    def _on_preview(self, generation: int, form: registry.Form,
                    result: tuple[bytes, list[QImage]] | UserError) -> None:
        if generation != self._generation:
            return  # the officer has chosen another document since
        if isinstance(result, UserError):
            self.message.setText(str(result))
        else:
            self.preview_pdf, self.pages = result
            self.message.setText(_("{title} — draft preview, {n} page(s).").format(
                title=form.title, n=len(self.pages)))
        self._show_pages()
        self._update_buttons()

    def busy(self) -> bool:
        """Whether a preview or a round print is still being made."""
        return any(t is not None and t.is_running() for t in (self.preview_task, self.print_task))

    def _show_pages(self) -> None:
        while (item := self.page_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        width = max(200, self.preview_area.viewport().width() - 40)
        for image in self.pages:
            page = QLabel()
            fitted = image if image.width() <= width else image.scaledToWidth(
                width, Qt.TransformationMode.SmoothTransformation)
            page.setPixmap(QPixmap.fromImage(fitted))
            page.setStyleSheet("background: white;")
            self.page_layout.addWidget(page)
        self.preview_area.verticalScrollBar().setValue(0)

    def _update_buttons(self) -> None:
        form = self.current_form()
        ready = bool(self.pages)
        for button in (self.print_button, self.save_button):
            button.setEnabled(ready)
        has_docx = ready and _has_docx(self.preview_pdf)
        self.word_button.setEnabled(ready and has_docx)
        self.word_button.setToolTip("" if has_docx else
                                    _("This document has no Word version yet."))
        self.folder_button.setEnabled(form is not None and self._subject(form.needs) is not None)
        self.round_button.setEnabled(self._subject("round") is not None)

    # --- writing, printing, opening ----------------------------------------------------------

    def write_current(self) -> Written | None:
        """Write the chosen document into its folder (a final copy takes its number here)."""
        form = self.current_form()
        folder = self.folder_for(form.needs) if form else None
        subject = self._subject(form.needs) if form else None
        if form is None or folder is None or subject is None:
            return None
        final = self.final.isChecked()
        if final and form.numbered:
            answer = QMessageBox.question(
                self, _("Final copy"),
                _("A final copy takes the next number from the register. Continue?"))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            paths = _printing().print_form(self.services, form, str(subject[0]), folder,
                                           draft=not final)
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot make the document"), str(exc))
            return None
        self.last_written = Written(
            pdf=next(p for p in paths if p.suffix == ".pdf"),
            docx=next((p for p in paths if p.suffix == ".docx"), None))
        self.message.setText(_("Written {path}").format(path=self.last_written.pdf))
        return self.last_written

    def _on_save(self) -> None:
        self.write_current()

    def _on_print(self) -> None:
        written = self.write_current()
        if written is not None:
            self._print_files([written.pdf])

    def _on_word(self) -> None:
        written = self.write_current()
        if written is not None and written.docx is not None:
            self._open(written.docx)

    def _on_folder(self) -> None:
        form = self.current_form()
        folder = self.folder_for(form.needs) if form else None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self._open(folder)

    def _open(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(self, _("Cannot open"), _(
                "No program on this computer opens “{path}”; open it from the folder.").format(
                path=path))

    def _ask_printer(self, name: str) -> QPrinter | None:
        """The system print dialog; the chosen printer, or None if the officer cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _print_files(self, files: list[Path]) -> None:
        printer = self._ask_printer(files[0].stem)
        if printer is None:
            return
        dpi = self.print_dpi

        def work(progress: Any) -> int:
            return cast(int, _pages().print_files(printer, files, progress, dpi))

        self.print_task = run_task(self, _("Printing"), work, on_success=self._on_printed)

    def _on_printed(self, pages: int) -> None:
        self.message.setText(_("{n} page(s) sent to the printer.").format(n=pages))

    def _on_print_round(self) -> None:
        subject = self._subject("round")
        folder = self.folder_for("round")
        if subject is None or folder is None:
            return
        round_id, draft = subject[0], not self.final.isChecked()
        if not draft:
            answer = QMessageBox.question(
                self, _("Final copy"),
                _("Final copies take the next numbers from the register. Continue?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        printer = self._ask_printer(folder.name)
        if printer is None:
            return
        services = Services(self.services.db, self.services.actor)
        dpi = self.print_dpi

        def work(progress: Any) -> tuple[list[Path], list[str], int]:
            skipped: list[str] = []
            written = _printing().print_round(services, str(round_id), folder, progress,
                                              draft=draft, skipped=skipped)
            merged = folder / _printing().MERGED  # the whole dossier, in filing order
            pages = _pages().print_files(printer, [merged], progress, dpi)
            return written, skipped, pages

        self.print_task = run_task(self, _("Printing the round"), work,
                                   on_success=self._on_round_printed)

    def _on_round_printed(self, result: tuple[list[Path], list[str], int]) -> None:
        written, skipped, pages = result
        lines = [_("{n} file(s) written into {folder}.").format(
            n=len(written), folder=written[0].parent if written else ""),
            _("{n} page(s) sent to the printer.").format(n=pages)]
        lines += [_("Not made: {reason}").format(reason=r) for r in skipped]
        self.message.setText("\n".join(lines))
