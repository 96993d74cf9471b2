"""Paragraphs of plain text (no markup), laid out without platypus' parser and text objects.

A báo cáo thành tích has ~40 paragraphs; for a 1,000-nominee round the XML parsing, the
per-word ``stringWidth`` calls and the text objects of a platypus Paragraph took most of the
dossier's time. :class:`PlainParagraph` breaks lines exactly as Paragraph does for a single
run of text (greedy, 5 % space shrinkage, over-long words split between letters, the same
widow/orphan rules), with word widths cached per face, and draws a page's lines as PDF
operators with the same positions and the same word spacing for justified lines. It *is* a
Paragraph (``text``/``style``), so headings, KeepTogether and the .docx writer treat it as one.

Use :func:`para`; text with soft hyphens (rare) still goes to a Paragraph.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _SplitWord, _SplitWordEnd, _SplitWordH, _wsc
from reportlab.rl_config import _FUZZ

from desktop.documents.fonts import register_fonts
from desktop.documents.table import encoder, font_widths, word_width

_BREAKS = re.compile(f"[{re.escape(_wsc)}]+")  # where platypus breaks lines (not at NBSP)
Line = tuple[float, list[str]]  # (unused width, words), as platypus keeps them


def t(text: object) -> str:
    """NFC text, XML-escaped for a Paragraph; runs of 2+ spaces keep their width (NBSP)."""
    s = escape(unicodedata.normalize("NFC", str(text)))
    while "  " in s:
        s = s.replace("  ", "\u00a0\u00a0")
    return s


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of `text` (NFC; no markup) in `style`; runs of 2+ spaces keep their width
    (NBSP, which joins words as in a Paragraph: «ngày      tháng» of an undated copy)."""
    s = unicodedata.normalize("NFC", str(text))
    if "\xad" in s or style.textTransform or style.endDots:
        return Paragraph(t(s), style)
    while "  " in s:
        s = s.replace("  ", "\u00a0\u00a0")
    s = s.strip(_wsc)
    return PlainParagraph(_BREAKS.split(s) if s else [], style)


class PlainParagraph(Paragraph):
    def __init__(self, words: list[str], style: ParagraphStyle, *,
                 justify_last: bool = False) -> None:
        register_fonts()
        self.words = words
        self.style = style
        self.text = escape(" ".join(words))  # what the .docx writer reads
        self.bulletText = None
        self.debug = 0
        self._JustifyLast = justify_last
        self._lines: list[Line] = []
        self._for_width = -1.0

    @property
    def frags(self) -> list[Any]:
        # never empty, so no one takes it for a blank Paragraph; not stored, which would
        # make every paragraph a reference cycle that only the cycle collector can free
        return [self]

    def __repr__(self) -> str:
        return f"PlainParagraph({self.text[:40]!r}, {self.style.name})"

    def minWidth(self) -> float:  # noqa: N802 - the platypus name
        size = self.style.fontSize
        return max((word_width(w, self.style.fontName) * size for w in self.words), default=0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width < _FUZZ:
            return 0, 0x7FFFFFFF
        self.width = avail_width
        if avail_width != self._for_width:
            s = self.style
            first = avail_width - (s.leftIndent + s.firstLineIndent) - s.rightIndent
            later = avail_width - s.leftIndent - s.rightIndent
            self._lines = break_lines(self.words, s.fontName, s.fontSize, [first, later])
            self._for_width = avail_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        if not self.words or avail_width < _FUZZ or avail_height < _FUZZ:
            return []
        self.wrap(avail_width, avail_height)
        style = self.style
        fit = int(avail_height / float(style.leading))
        if (not style.allowOrphans and fit <= 1) or fit == 0:
            return []
        lines = self._lines
        n = len(lines)
        if n <= fit:
            return [self]
        if not style.allowWidows and n == fit + 1:
            if (style.allowOrphans and n == 3) or n > 3:
                fit -= 1
            else:
                return []
        head = PlainParagraph(_rejoined(lines[:fit]), style, justify_last=True)
        head.wrap(avail_width, avail_height)
        tail_style = style
        if style.firstLineIndent:
            tail_style = copy.copy(style)
            tail_style.firstLineIndent = 0
        return [head, PlainParagraph(_rejoined(lines[fit:]), tail_style)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        # Positions are written into the text matrix: no saved state and translation per
        # paragraph (tens of thousands in a round's reports).
        self._draw(canvas, self._hAlignAdjust(x, _sW), y)

    def draw(self) -> None:
        self._draw(self.canv, 0.0, 0.0)

    def _draw(self, canvas: Any, left: float, bottom: float) -> None:
        lines = self._lines
        if not lines:
            return
        style = self.style
        encode = encoder(style.fontName, canvas._doc)
        size, leading = style.fontSize, style.leading
        align = style.alignment
        last_index = len(lines) - 1 if not self._JustifyLast else -1
        y = bottom + self.height - size
        ops = ["q", _fill(style.textColor), "BT"]
        current = -1
        spacing = False
        for i, (extra, words) in enumerate(lines):
            text = " ".join(words)
            x = left + style.leftIndent + (style.firstLineIndent if i == 0 else 0)
            gaps = len(words) - 1 + text.count("\xa0")  # NBSP prints as a space: stretched
            last = i == last_index
            if align == TA_JUSTIFY:
                even = (-1e-8 < extra <= 1e-8) or (last and extra > -1e-8) or gaps <= 0
            else:
                even = extra > -1e-8 or gaps <= 0
                if even and align == TA_CENTER:
                    x += extra / 2
                elif even and align == TA_RIGHT:
                    x += extra
            ops.append("1 0 0 1 %.2f %.2f Tm" % (x, y))  # noqa: UP031 - hot loop
            if not even:
                ops.append(f"{extra / gaps:.5f} Tw")
                spacing = True
            elif spacing:
                ops.append("0 Tw")
                spacing = False
            for subset, chunk in encode.parts(text):
                if subset != current:
                    current = subset
                    ops.append(f"{encode.subset_name(subset)} {size:.2f} Tf")
                ops.append(f"({canvas._escape(chunk)}) Tj")
            y -= leading
        if spacing:
            ops.append("0 Tw")
        ops.append("ET Q")
        canvas._code.append(" ".join(ops))


@lru_cache(maxsize=32)
def _fill(color: Any) -> str:
    """The PDF operator that sets `color` (RGB) as the fill colour."""
    red, green, blue = color.rgb()
    return f"{red:.3f} {green:.3f} {blue:.3f} rg"


def break_lines(words: list[str], font: str, size: float, widths: list[float]) -> list[Line]:
    """Greedy line breaking as platypus does it for one run of text (see module docstring)."""
    space = word_width(" ", font) * size
    shrink = ParagraphStyle.defaults["spaceShrinkage"] * space
    known = font_widths(font)
    lines: list[Line] = []
    line: list[str] = []
    current = -space
    number = 0
    last_width = len(widths) - 1
    limit = widths[0]
    pending = list(reversed(words))
    forced = False
    while pending:
        word = pending.pop()
        if not word and isinstance(word, _SplitWord):
            forced = True
        width = known.get(word) or word_width(word, font)
        width *= size
        new = current + space + width
        room = limit + shrink * len(line)
        if (new > room and not (isinstance(word, _SplitWordH) or forced)
                and not isinstance(word, _SplitWord)
                and width > widths[min(number, last_width)]):
            parts = _split_word(word, current + space, widths, number, font, size)
            pending.extend(reversed(parts))
            forced = True
            continue
        if new <= room or not line or forced:
            if word:
                line.append(word)
            if forced:
                forced = False
                lines.append((limit - new, line))
                line, current = [], -space
                number += 1
                limit = widths[min(number, last_width)]
            else:
                current = new
        else:
            lines.append((limit - current, line))
            line, current = [word], width
            number += 1
            limit = widths[min(number, last_width)]
    if line:
        lines.append((limit - current, line))
    return lines


def _split_word(word: str, used: float, widths: list[float], number: int, font: str,
                size: float) -> list[str]:
    """A word wider than the line cut between letters, as platypus' `_splitWord` does (the
    dotted blanks of a report are such words), with cached letter widths."""
    last = len(widths) - 1
    limit = widths[min(number, last)]
    following = widths[min(number + 1, last)]
    pieces: list[str] = []
    piece = ""
    for ch in word:
        width = word_width(ch, font) * size
        new = used + width
        if new > limit and (piece or width <= following):
            pieces.append(_SplitWord(piece))
            number += 1
            limit = widths[min(number, last)]
            new = width
            piece = ""
        piece += ch
        used = new
    pieces.append(_SplitWordEnd(piece))
    return pieces


def _rejoined(lines: list[Line]) -> list[str]:
    """The words of `lines`, with the pieces of a word split between letters put back."""
    out: list[str] = []
    pieces: list[str] = []
    for _extra, words in lines:
        for word in words:
            if isinstance(word, _SplitWord):
                pieces.append(word)
                if isinstance(word, _SplitWordEnd):
                    out.append("".join(pieces))
                    pieces = []
                continue
            if pieces:
                out.append("".join(pieces))
                pieces = []
            out.append(word)
    if pieces:
        out.append("".join(pieces))
    return out
