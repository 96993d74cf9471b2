"""Printer profiles for Giấy khen on pre-printed stock: paper, X/Y offsets, calibration, preview.

Opened from «Cơ quan & cài đặt». The officer prints the calibration page, holds it against a
blank stock sheet, reads how far the crosshairs miss, types the offsets (0.5 mm steps) and sees
a sample certificate move on the preview. Pages are rendered and printed the way «Văn bản» does
it (desktop.gui.pdf_pages), the printing off the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.documents import printer_profile as pp
from desktop.errors import UserError
from desktop.gui.tasks import Task, run_task
from desktop.i18n import N_, _
from desktop.paths import data_dir

# Paper sizes (width × height in mm) a stock sheet usually has; any other is typed in.
PAPERS = ((N_("A4 landscape"), 297.0, 210.0), (N_("A4 portrait"), 210.0, 297.0),
          (N_("A3 landscape"), 420.0, 297.0), (N_("A5 landscape"), 210.0, 148.0))
CALIBRATION, SAMPLE = "calibration", "sample"
PREVIEW_DPI = 90
PRINT_DPI = 200
PREVIEW_DELAY_MS = 250  # typing an offset redraws the preview once the officer pauses


def _giay_khen() -> Any:
    from desktop.documents import giay_khen  # ReportLab: loaded when the page is first used

    return giay_khen


def _pages() -> Any:
    from desktop.gui import pdf_pages

    return pdf_pages


def _mm_box(low: float, high: float, step: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(1)
    box.setSingleStep(step)
    box.setSuffix(" mm")
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class PrinterProfilesDialog(QDialog):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Printer profiles"))
        self.resize(1000, 620)
        self.profile = pp.PrinterProfile()
        self.print_task: Task | None = None
        self.profiles = QListWidget()
        self.profiles.setMaximumWidth(220)
        self.add_button = QPushButton(_("&New…"))
        self.rename_button = QPushButton(_("Re&name…"))
        self.delete_button = QPushButton(_("&Delete"))
        self.use_button = QPushButton(_("&Use when printing Giấy khen"))
        self.paper = QComboBox()
        for text, width, height in PAPERS:
            self.paper.addItem(_(text), (width, height))
        self.paper.addItem(_("Other size"), None)
        self.width_mm = _mm_box(100, 500, 1)
        self.height_mm = _mm_box(100, 500, 1)
        self.offset_x = _mm_box(-pp.MAX_OFFSET_MM, pp.MAX_OFFSET_MM, 0.5)
        self.offset_y = _mm_box(-pp.MAX_OFFSET_MM, pp.MAX_OFFSET_MM, 0.5)
        self.offset_x.setToolTip(_("Positive moves the text to the right."))
        self.offset_y.setToolTip(_("Positive moves the text down."))
        self.save_button = QPushButton(_("&Save profile"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.print_button = QPushButton(_("&Print the calibration page…"))
        self.shown = QComboBox()
        self.shown.addItem(_("Calibration page"), CALIBRATION)
        self.shown.addItem(_("Sample Giấy khen on stock"), SAMPLE)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(560, 400)
        self.preview.setStyleSheet("background: #808080;")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self._show_preview)

        list_bar = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.delete_button):
            list_bar.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(QLabel(_("Profiles:")))
        left.addWidget(self.profiles, 1)
        left.addLayout(list_bar)
        left.addWidget(self.use_button)
        form = QFormLayout()
        for text, widget in ((_("P&aper:"), self.paper), (_("&Width:"), self.width_mm),
                             (_("&Height:"), self.height_mm),
                             (_("Offset &X (across):"), self.offset_x),
                             (_("Offset &Y (down):"), self.offset_y),
                             (_("Pre&view:"), self.shown)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        middle = QVBoxLayout()
        middle.addLayout(form)
        middle.addWidget(QLabel(_("Print the calibration page on plain paper, hold it against a "
                                  "blank stock sheet to the light, and type how far the "
                                  "crosshairs miss.")))
        middle.addWidget(self.print_button)
        middle.addWidget(self.save_button)
        middle.addWidget(self.status)
        middle.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        middle.addWidget(close)
        middle_box = QWidget()
        middle_box.setLayout(middle)
        middle_box.setMaximumWidth(360)
        for label in middle_box.findChildren(QLabel):
            label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(middle_box)
        layout.addWidget(self.preview, 1)

        self.profiles.currentItemChanged.connect(
            lambda item, _old: self._on_profile(self._name(item)))
        self.use_button.clicked.connect(self._on_use)
        self.add_button.clicked.connect(self._on_add)
        self.rename_button.clicked.connect(self._on_rename)
        self.delete_button.clicked.connect(self._on_delete)
        self.paper.currentIndexChanged.connect(self._on_paper)
        for box in (self.width_mm, self.height_mm, self.offset_x, self.offset_y):
            box.valueChanged.connect(self._on_changed)
        self.shown.currentIndexChanged.connect(self._show_preview)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self._on_print)
        self.reload()

    # --- the list of profiles --------------------------------------------------------------

    @staticmethod
    def _name(item: QListWidgetItem | None) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def current_name(self) -> str:
        return self._name(self.profiles.currentItem())

    def reload(self, select: str | None = None) -> None:
        keep = select or self.current_name()
        chosen = pp.chosen()
        self.profiles.blockSignals(True)
        self.profiles.clear()
        for name in pp.names():
            item = QListWidgetItem(_("{name} (used for printing)").format(name=name)
                                   if name == chosen else name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.profiles.addItem(item)
        rows = [self._name(self.profiles.item(i)) for i in range(self.profiles.count())]
        self.profiles.setCurrentRow(rows.index(keep) if keep in rows else 0)
        self.profiles.blockSignals(False)
        self._on_profile(self.current_name())

    def _on_profile(self, name: str) -> None:
        if not name:
            return
        try:
            self.profile = pp.load(name)
        except UserError as exc:
            self.profile = pp.PrinterProfile(name=name)
            self.status.setText(str(exc))
        else:
            self.status.setText("")
        self._show_profile()
        self.delete_button.setText(_("&Reset") if name == pp.DEFAULT_NAME else _("&Delete"))
        self.rename_button.setEnabled(name != pp.DEFAULT_NAME)
        self.use_button.setEnabled(name != pp.chosen())

    def _show_profile(self) -> None:
        p = self.profile
        for box, value in ((self.width_mm, p.page_width), (self.height_mm, p.page_height),
                           (self.offset_x, p.offset_x), (self.offset_y, p.offset_y)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self._match_paper()
        self._show_preview()

    def _match_paper(self) -> None:
        size = (self.width_mm.value(), self.height_mm.value())
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(next(
            (i for i in range(self.paper.count()) if self.paper.itemData(i) == size),
            self.paper.count() - 1))
        self.paper.blockSignals(False)
        custom = self.paper.currentData() is None
        self.width_mm.setEnabled(custom)
        self.height_mm.setEnabled(custom)

    def _ask_name(self, title: str, current: str = "") -> str | None:
        name, ok = QInputDialog.getText(
            self, title, _("Name (letters without accents, digits, dashes), e.g. may-in-phong-1:"),
            text=current)
        return name.strip() if ok and name.strip() else None

    def _on_add(self) -> None:
        name = self._ask_name(_("New printer profile"))
        if name is None:
            return
        try:
            if name in pp.names():
                raise UserError(_("A printer profile named “{name}” already exists; choose "
                                  "another name.").format(name=name))
            pp.save(pp.PrinterProfile(name=name))
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))
            return
        self.reload(select=name)

    def _on_rename(self) -> None:
        name = self._ask_name(_("Rename printer profile"), self.profile.name)
        if name is None:
            return
        try:
            pp.rename(self.profile.name, name)
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))
            return
        self.reload(select=name)

    def _on_delete(self) -> None:
        name = self.profile.name
        question = (_("Put the default printer profile back to its original settings?")
                    if name == pp.DEFAULT_NAME else
                    _("Delete the printer profile “{name}”?").format(name=name))
        if QMessageBox.question(self, _("Printer profiles"), question) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            pp.delete(name)
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))
            return
        self.reload(select=pp.DEFAULT_NAME)

    def _on_use(self) -> None:
        name = self.current_name()
        try:
            if not pp.profile_path(name).exists():
                pp.save(self.profile)  # the default profile, never saved yet
            pp.choose(name)
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))
            return
        self.reload(select=name)
        self.status.setText(_("Giấy khen on stock will be printed with “{name}”.").format(
            name=name))

    # --- editing ---------------------------------------------------------------------------

    def edited(self) -> pp.PrinterProfile:
        """The profile as the form shows it (not saved yet)."""
        return replace(self.profile.on_paper(self.width_mm.value(), self.height_mm.value()),
                       offset_x=self.offset_x.value(), offset_y=self.offset_y.value())

    def _on_paper(self) -> None:
        size = self.paper.currentData()
        if size is not None:
            for box, value in zip((self.width_mm, self.height_mm), size, strict=True):
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
        custom = size is None
        self.width_mm.setEnabled(custom)
        self.height_mm.setEnabled(custom)
        self._on_changed()

    def reject(self) -> None:
        """Closing with typed, unsaved offsets asks whether to keep them."""
        if self.edited() != self.profile:
            answer = QMessageBox.question(
                self, _("Printer profiles"),
                _("Save the changes to the printer profile “{name}”?").format(
                    name=self.profile.name),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._on_save()
                if self.edited() != self.profile:  # not saved: the reason was shown
                    return
        super().reject()

    def _on_changed(self) -> None:
        changed = self.edited() != self.profile
        self.status.setText(_("Changed, not saved yet.") if changed else "")
        self.timer.start()

    def _on_save(self) -> None:
        try:
            pp.save(self.edited())
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))
            return
        self.profile = self.edited()
        self.status.setText(_("Profile “{name}” saved.").format(name=self.profile.name))

    # --- preview and printing --------------------------------------------------------------

    def document(self) -> bytes:
        """The page the preview shows, with the offsets as typed."""
        profile = self.edited()
        if self.shown.currentData() == SAMPLE:
            return cast(bytes, _giay_khen().sample_overlay(profile))
        return cast(bytes, _giay_khen().calibration(profile))

    def _show_preview(self) -> None:
        self.timer.stop()
        try:
            pdf = self.document()
            image = _pages().render(pdf, PREVIEW_DPI)[0]
        except UserError as exc:
            self.preview.setText(str(exc))
            return
        area = self.preview.size()
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            area.width() - 20, area.height() - 20, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.timer.start()

    def _on_print(self) -> None:
        try:
            pdf = _giay_khen().calibration(self.edited())
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_("Calibration page"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_pdf(printer, pdf)
        except UserError as exc:
            QMessageBox.warning(self, _("Printer profiles"), str(exc))

    def print_pdf(self, printer: QPrinter, pdf: bytes) -> Task:
        """Send a page to the printer off the GUI thread, as «Văn bản» does."""
        path = data_dir() / "van-ban" / f"trang-can-chinh-{self.profile.name}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
        except OSError as exc:
            raise UserError(_("Cannot write the file into “{folder}”: {reason}.").format(
                folder=path.parent, reason=exc.strerror or exc)) from exc

        def work(progress: Any) -> int:
            return cast(int, _pages().print_files(printer, [path], progress, PRINT_DPI))

        self.print_task = run_task(self, _("Printing"), work, on_success=self._on_printed)
        return self.print_task

    def _on_printed(self, pages: int) -> None:
        self.status.setText(_("{n} page(s) sent to the printer.").format(n=pages))


def printer_profiles_button(parent: QWidget) -> QPushButton:
    """The button of the settings page that opens the printer profiles."""
    button = QPushButton(_("Printer p&rofiles…"))
    button.clicked.connect(lambda: PrinterProfilesDialog(parent).exec())
    return button
