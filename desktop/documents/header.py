"""The NĐ 30/2020 header: a borderless two-column table.

Left (ô 2, 3): cấp trên (upper case, not bold), cơ quan ban hành (upper case, bold) with a short
rule of 1/3–1/2 of its text width, then «Số: 05/TTr-UBND». Right (ô 1, 4): Quốc hiệu (bold caps,
12 pt), Tiêu ngữ (bold, 13 pt) with a rule exactly as long as the text, then the italic
place-and-date line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from desktop.core.text import format_place_date
from desktop.documents.fonts import BOLD, ITALIC, REGULAR, text_width
from desktop.documents.plain import para

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
QUOC_HIEU_SIZE = 12
TIEU_NGU_SIZE = 13
ORGAN_SIZE = 13
NUMBER_SIZE = 13
PLACE_DATE_SIZE = 14
ISSUER_RULE_RATIO = 0.4  # of the issuer's text width (NĐ 30: 1/3 to 1/2)
RULE_THICKNESS = 0.6


class Rule(Flowable):
    """A solid horizontal line of a fixed width, centred in its column."""

    def __init__(self, width: float, gap: float = 4.5, after: float = 3.0) -> None:
        super().__init__()
        self.rule_width = width
        self.gap = gap
        self.after = after
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.rule_width
        self.height = self.gap + self.after
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(RULE_THICKNESS)
        y = self.after
        canvas.line(0, y, self.rule_width, y)


@dataclass(frozen=True)
class Heading:
    """What the header shows; build it with :func:`heading`."""

    parent: str  # cấp trên, "" when the issuer has none worth showing
    issuer: str  # cơ quan ban hành
    number: str  # «Số: 05/TTr-UBND» or the draft «Số:      /TTr-UBND»
    place_date: str  # «Đắk R'Lấp, ngày 09 tháng 02 năm 2023»


def upper(text: str) -> str:
    return unicodedata.normalize("NFC", text).upper()


def number_line(symbol: str | None, doc_type: str, abbr: str) -> str:
    """«Số: 05/TTr-UBND»; no symbol (a draft) leaves the number blank."""
    if symbol:
        return f"Số: {symbol}"
    return f"Số:      /{doc_type}-{abbr}"


def heading(parent: str, issuer: str, number: str, place: str, on: object,
            *, blank_day: bool = False) -> Heading:
    from datetime import date

    d = on if isinstance(on, date) else None
    same = upper(parent).strip() == upper(issuer).strip()
    return Heading("" if same else parent, issuer, number,
                   format_place_date(place, d, blank_day=blank_day or d is None))


def _organ_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Break an organ name the way offices do: «ỦY BAN NHÂN DÂN» / «HUYỆN ĐẮK R'LẤP»."""
    text = upper(text)
    if "\n" in text:
        return [line.strip() for line in text.split("\n") if line.strip()]
    for head in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):  # «ỦY BAN NHÂN DÂN» / «HUYỆN …»
        if text.startswith(head + " "):
            return [head, *_organ_lines(text[len(head) + 1:], font, size, width)]
    if text_width(text, font, size) <= width:
        return [text]
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if line and text_width(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    return lines


@lru_cache(maxsize=64)  # one style object per kind of line, shared (never changed)
def _style(name: str, font: str, size: float) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.15,
                          alignment=TA_CENTER)


def header_table(h: Heading, width: float) -> Table:
    """The two-column header for a frame `width` points wide."""
    right_w = max(width * 0.58, text_width(QUOC_HIEU, BOLD, QUOC_HIEU_SIZE) + 8)
    left_w = width - right_w
    parent_s = _style("h_parent", REGULAR, ORGAN_SIZE)
    issuer_s = _style("h_issuer", BOLD, ORGAN_SIZE)
    left: list[Flowable] = []
    if h.parent and upper(h.parent).strip() != upper(h.issuer).strip():
        for line in _organ_lines(h.parent, REGULAR, ORGAN_SIZE, left_w - 4):
            left.append(para(line, parent_s))
    issuer_lines = _organ_lines(h.issuer, BOLD, ORGAN_SIZE, left_w - 4)
    for line in issuer_lines:
        left.append(para(line, issuer_s))
    widest = max(text_width(line, BOLD, ORGAN_SIZE) for line in issuer_lines)
    left.append(Rule(widest * ISSUER_RULE_RATIO))
    right: list[Flowable] = [
        para(QUOC_HIEU, _style("h_qh", BOLD, QUOC_HIEU_SIZE)),
        para(TIEU_NGU, _style("h_tn", BOLD, TIEU_NGU_SIZE)),
        Rule(text_width(TIEU_NGU, BOLD, TIEU_NGU_SIZE)),
    ]
    rows: list[list[object]] = [[left, right]]
    if h.number or h.place_date:  # an annex shows neither
        rows.append([para(h.number, _style("h_no", REGULAR, NUMBER_SIZE)),
                     para(h.place_date, _style("h_pd", ITALIC, PLACE_DATE_SIZE))])
    table = Table(rows, colWidths=[left_w, right_w], hAlign="CENTER")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
    ]))
    return table
