"""Pieces the reports and certificates share beyond the engine.

- :func:`render_parts`: several documents in one PDF (one báo cáo thành tích per nominee), each
  starting on a new page with its own page count: no number on its first page, then 2, 3 …
  centred in the top margin, as NĐ 30/2020 wants for every document.
- :func:`national_heading`: Quốc hiệu and Tiêu ngữ centred, with the place-and-date line on the
  right, for papers written by a person or household (no issuing body).
- :func:`signed_by`: a signature cell with the italic «(Ký, đóng dấu)» instruction.
- :func:`fill`: a dotted line for what the author writes by hand.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageBreak, PageTemplate, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate

from desktop.documents.fonts import BOLD, ITALIC, REGULAR, register_fonts, text_width
from desktop.documents.header import (
    PLACE_DATE_SIZE,
    QUOC_HIEU,
    QUOC_HIEU_SIZE,
    TIEU_NGU,
    TIEU_NGU_SIZE,
    Rule,
    upper,
)
from desktop.documents.page import NUMBER_SIZE, PageSetup, Rendered, guard_headings
from desktop.documents.plain import para

SIGNATURE_SPACE = 26 * mm


class _PartStart(Flowable):
    """Invisible mark: the page it lands on is page 1 of a new document."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._tdkt_part_start = self.canv.getPageNumber()

    def to_docx(self, writer: Any, container: Any, width: float) -> None:
        """In the .docx each document is a section numbered on its own."""
        writer.start_part()


def _number_after_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
    page = canvas.getPageNumber()
    number = page - getattr(canvas, "_tdkt_part_start", 1) + 1
    if number < 2:
        return
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont(REGULAR, NUMBER_SIZE)
    canvas.drawCentredString(width / 2, height - doc.topMargin / 2 - NUMBER_SIZE / 3,
                             str(number))
    canvas.restoreState()


def render_parts(parts: Sequence[Sequence[Flowable]], setup: PageSetup, title: str
                 ) -> Rendered:
    """One PDF of several documents, each numbered on its own (deterministic output).

    The PDF keeps its story, so the editable .docx copy is written beside it as for any
    document; there each document is a Word section with its own page numbers."""
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=setup.size, leftMargin=setup.left * mm, rightMargin=setup.right * mm,
        topMargin=setup.top * mm, bottomMargin=setup.bottom * mm, invariant=1,
        title=unicodedata.normalize("NFC", title), author="TĐKT", creator="TĐKT desktop",
        subject="", keywords="")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    # Numbers are drawn when a page ends, once the page's first flowable has said which
    # document it belongs to.
    doc.addPageTemplates([PageTemplate("page", frames=[frame], onPageEnd=_number_after_page,
                                       pagesize=setup.size)])
    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreak())
        story.append(_PartStart())
        story.extend(part)
    doc.build(guard_headings(story))
    return Rendered(buf.getvalue(), story, setup, unicodedata.normalize("NFC", title))


@lru_cache(maxsize=64)  # one style object per kind of line, shared (never changed)
def _style(name: str, font: str, size: float, align: int = TA_CENTER) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.15,
                          alignment=align)


def national_heading(place_date: str) -> list[Flowable]:
    """Quốc hiệu, Tiêu ngữ with its rule as long as the text, the italic place and date."""
    return [
        para(QUOC_HIEU, _style("n_qh", BOLD, QUOC_HIEU_SIZE)),
        para(TIEU_NGU, _style("n_tn", BOLD, TIEU_NGU_SIZE)),
        Rule(text_width(TIEU_NGU, BOLD, TIEU_NGU_SIZE)),
        Spacer(0, 4),
        para(place_date, _style("n_pd", ITALIC, PLACE_DATE_SIZE, TA_RIGHT)),
    ]


def signed_by(title: str, instruction: str, name: str = "") -> list[Flowable]:
    """«THỦ TRƯỞNG ĐƠN VỊ» / «(Ký, đóng dấu)» / room to sign / the name (bold)."""
    out: list[Flowable] = []
    for line in title.split("\n"):
        out.append(para(upper(line), _style("s_t", BOLD, 13)))
    out.append(para(instruction, _style("s_i", ITALIC, 13)))
    out.append(Spacer(0, SIGNATURE_SPACE))
    out.append(para(name, _style("s_n", BOLD, 14)))
    return out


def fill(width: float, size: float = 14) -> str:
    """Dots as wide as `width` points, for a blank the author fills in."""
    dot = text_width(".", REGULAR, size)
    return "." * max(3, int(width / dot) - 1)
