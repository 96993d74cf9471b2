"""PDF pages as images (pypdfium2), for the preview and for printing.

Why pypdfium2 and not QtPdf: QtPdf ships only in PySide6-Addons, which adds well over 100 MB
(WebEngine, 3D, charts…) to a program that must fit old office PCs; pypdfium2 is one ~5 MB
wheel per platform and renders the same way on Windows and Linux.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop.errors import UserError
from desktop.i18n import _

_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one call at a time in the process


def _image(page: Any, dpi: int) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4
                   else QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels before PDFium frees them


def _open(source: bytes | Path) -> Any:
    try:
        return pdfium.PdfDocument(source.read_bytes() if isinstance(source, Path) else source)
    except (pdfium.PdfiumError, OSError) as exc:
        raise UserError(_("The PDF file cannot be read; make the document again.")) from exc


def render(pdf: bytes | Path, dpi: int) -> list[QImage]:
    """Every page of a PDF as an image at `dpi`."""
    return list(pages_of(pdf, dpi))


def pages_of(pdf: bytes | Path, dpi: int) -> Iterator[QImage]:
    """The pages one at a time, so printing a long dossier never holds it all in memory."""
    with _PDFIUM:
        document = _open(pdf)
        count = len(document)
    try:
        for i in range(count):
            with _PDFIUM:
                page = document[i]
                image = _image(page, dpi)
                page.close()
            yield image
    finally:
        with _PDFIUM:
            document.close()


def page_count(pdf: bytes | Path) -> int:
    with _PDFIUM:
        document = _open(pdf)
        try:
            return len(document)
        finally:
            document.close()


def print_files(printer: QPrinter, files: list[Path], progress: Any, dpi: int) -> int:
    """Print PDF files page by page, each page scaled to the printable area and centred.

    Runs on a worker thread (Qt allows painting on a QPrinter there). `progress(done, total,
    label)` may raise to cancel: the printer job is then aborted. Returns the pages printed.
    """
    total = sum(page_count(f) for f in files)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(_("The printer cannot be opened; check that it is on and try again."))
    done = 0
    try:
        for path in files:
            for image in pages_of(path, dpi):
                progress(done, total, _("Printing page {n} of {total}").format(
                    n=done + 1, total=total))
                if done:
                    printer.newPage()
                area = printer.pageRect(QPrinter.Unit.DevicePixel)
                size = image.size().scaled(int(area.width()), int(area.height()),
                                           Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF((area.width() - size.width()) / 2,
                                         (area.height() - size.height()) / 2,
                                         size.width(), size.height()), image)
                done += 1
        progress(done, total, "")
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    return done
