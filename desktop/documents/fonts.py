"""The one Vietnamese font family of every document: Liberation Serif 2.1.5 (Times-compatible).

Registered once per process as the family ``TDKT-Serif`` so Paragraph ``<b>``/``<i>`` markup
finds the right face; ReportLab embeds a subset of each face used in a PDF.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.errors import UserError
from desktop.i18n import _
from desktop.paths import resource

FAMILY = "TDKT-Serif"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()
_done = False


def register_fonts() -> str:
    """Register the family (idempotent, thread-safe) and return its name."""
    global _done
    if _done:
        return FAMILY
    with _lock:
        if _done:
            return FAMILY
        for name, file in _FILES.items():
            path = resource("fonts", file)
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as exc:  # noqa: BLE001 - a missing/damaged file, one sentence
                raise UserError(
                    _("The font file “{name}” is missing or damaged; reinstall the program.")
                    .format(name=file)
                ) from exc
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC),
                                   (1, 1, BOLD_ITALIC)):
            addMapping(FAMILY, bold, italic, name)
        _done = True
    return FAMILY


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of one line of text in one of our faces."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))
