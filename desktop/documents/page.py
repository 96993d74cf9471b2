"""The one NĐ 30/2020 page frame: A4, the decree's margins, page numbers from page 2, NFC text.

Every document builds a list of platypus flowables and hands it to :func:`render`, which
returns the PDF bytes. Output is deterministic (``invariant=1``): the same data gives the same
bytes, so golden tests are stable.
"""

from __future__ import annotations

import gc
import io
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate

from desktop.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desktop.documents.plain import para
from desktop.errors import UserError
from desktop.i18n import _

# NĐ 30/2020 Phụ lục I, Phần I, Mục I: margins in millimetres (min, max).
MARGIN_RANGES: dict[str, tuple[float, float]] = {
    "top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20),
}
_SIDE_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}

BODY_SIZE = 14
NUMBER_SIZE = 13


@dataclass(frozen=True)
class PageSetup:
    """A4 portrait or landscape with margins inside the decree's ranges."""

    landscape: bool = False
    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15

    def __post_init__(self) -> None:
        for side, (low, high) in MARGIN_RANGES.items():
            value = getattr(self, side)
            if not low <= value <= high:
                raise UserError(
                    _("The {side} margin must be between {low} and {high} mm "
                      "(Decree 30/2020), not {value} mm.").format(
                        side=_SIDE_NAMES[side], low=f"{low:g}", high=f"{high:g}",
                        value=f"{value:g}")
                )

    @property
    def size(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def frame_width(self) -> float:
        return float(self.size[0] - (self.left + self.right) * mm)

    def turned(self) -> PageSetup:
        return PageSetup(True, self.top, self.bottom, self.left, self.right)


PORTRAIT = PageSetup()
LANDSCAPE = PageSetup(landscape=True)


def markup(text: str) -> str:
    """Trusted markup (our own <b>/<i>): only normalised."""
    return unicodedata.normalize("NFC", text)


class Styles:
    """The paragraph styles of the decree (sizes in points)."""

    def __init__(self, body: float = BODY_SIZE) -> None:
        register_fonts()
        lead = body * 1.2
        self.body = ParagraphStyle(
            "body", fontName=REGULAR, fontSize=body, leading=lead, alignment=TA_JUSTIFY,
            firstLineIndent=10 * mm, spaceBefore=0, spaceAfter=6,  # indent 1 cm (1–1.27)
        )
        self.plain = ParagraphStyle("plain", parent=self.body, firstLineIndent=0)
        self.basis = ParagraphStyle("basis", parent=self.body, fontName=ITALIC)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=BOLD)
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER,
                                     firstLineIndent=0, spaceAfter=0)
        self.center_bold = ParagraphStyle("center_bold", parent=self.center, fontName=BOLD)
        self.center_italic = ParagraphStyle("center_italic", parent=self.center,
                                            fontName=ITALIC)
        self.left = ParagraphStyle("left", parent=self.center, alignment=TA_LEFT)
        self.cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=12, leading=14,
                                   alignment=TA_LEFT)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=2)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell_center, fontName=BOLD)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=BOLD)

    def p(self, text: object, style: str = "body") -> Paragraph:
        return para(text, getattr(self, style))

    def m(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(markup(text), getattr(self, style))


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, setup: PageSetup, title: str, **kw: Any) -> None:
        super().__init__(
            buf, pagesize=setup.size, leftMargin=setup.left * mm, rightMargin=setup.right * mm,
            topMargin=setup.top * mm, bottomMargin=setup.bottom * mm, invariant=1,
            title=unicodedata.normalize("NFC", title), author="TĐKT", creator="TĐKT desktop",
            subject="", keywords="", **kw,
        )
        self.setup = setup
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPage=_page_number,
                                            pagesize=setup.size)])


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Centred in the top margin, from page 2 on (NĐ 30: 13–14 pt, upright)."""
    page = canvas.getPageNumber()
    if page < 2:
        return
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(REGULAR, NUMBER_SIZE)
    canvas.drawCentredString(width / 2, height - doc.topMargin / 2 - NUMBER_SIZE / 3, str(page))
    canvas.restoreState()


HEADING_ROOM = 4  # lines of room a heading needs below it, else it starts the next page


def guard_headings(story: Sequence[Flowable]) -> list[Flowable]:
    """A section heading never ends a page: a conditional page break goes before it.

    (Not keepWithNext: that would carry a whole following table to the next page.)"""
    out: list[Flowable] = []
    for item in story:
        style = getattr(item, "style", None)
        if isinstance(item, Paragraph) and getattr(style, "name", "") == "heading":
            out.append(CondPageBreak(HEADING_ROOM * float(item.style.leading)))
        out.append(item)
    return out


class Rendered(bytes):
    """PDF bytes that remember the story they were laid out from, for the .docx copy
    (:mod:`desktop.documents.word`). Everything else sees plain bytes."""

    story: tuple[Flowable, ...]
    setup: PageSetup
    doc_title: str

    def __new__(cls, data: bytes, story: Sequence[Flowable], setup: PageSetup, title: str
                ) -> Rendered:
        obj = super().__new__(cls, data)
        obj.story, obj.setup, obj.doc_title = tuple(story), setup, title
        return obj


@contextmanager
def gc_paused() -> Iterator[None]:
    """Build a document without Python's cycle collector, which otherwise rescans the many
    live rows and flowables again and again (a third of a dossier's time); it runs as usual
    afterwards. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render(story: Sequence[Flowable], setup: PageSetup = PORTRAIT, title: str = "") -> Rendered:
    """Lay out the flowables on NĐ 30 pages; return the PDF bytes (with their story)."""
    register_fonts()
    buf = io.BytesIO()
    doc = _Doc(buf, setup, title)
    doc.build(guard_headings(story))
    return Rendered(buf.getvalue(), story, setup, unicodedata.normalize("NFC", title))


def write_pdf(data: bytes, out_dir: Path | str, name: str) -> Path:
    """Write PDF bytes as ``out_dir/name`` (folder created); return the path."""
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
    except OSError as exc:
        raise UserError(
            _("Cannot write the file into “{folder}”: {reason}.").format(
                folder=folder, reason=exc.strerror or exc)
        ) from exc
    return path
