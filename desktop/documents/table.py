"""A ruled table for long lists, laid out and drawn straight on the canvas.

A platypus Table of Paragraph cells costs a Paragraph per cell and re-measures every row on each
page split; an annex of 1,000 nominees then renders at ~20 pages/s. This table wraps each cell
once with cached word widths, splits between rows (a row taller than the page is split between
its lines), repeats its header row on every page and draws all text of a page in one text object.
It looks like the platypus grid it replaces: 0.5 pt rules, padding 3/3/2/3 pt, bold centred
header, top-aligned cells, section rows spanning the whole width.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from desktop.documents.fonts import BOLD, REGULAR, register_fonts

PAD_LEFT = PAD_RIGHT = 3.0
PAD_TOP = 2.0
PAD_BOTTOM = 3.0
RULE = 0.5
LEADING_RATIO = 1.18
SPLIT_ROW_LINES = 8  # a row with more lines than this may break across pages

_widths: dict[str, dict[str, float]] = {}


def font_widths(font: str) -> dict[str, float]:
    """The cache of :func:`word_width` for one face (read it directly in hot loops)."""
    widths = _widths.get(font)
    if widths is None:
        widths = _widths[font] = {}
    return widths


def word_width(word: str, font: str) -> float:
    """Width of `word` at 1 pt in one of our faces (cached for the whole process)."""
    widths = _widths.get(font)
    if widths is None:
        widths = _widths[font] = {}
    width = widths.get(word)
    if width is None:
        width = widths[word] = pdfmetrics.stringWidth(word, font, 1.0)
    return width


def clean(value: object) -> str:
    """NFC text; runs of 2+ spaces keep their width (NBSP), as in a Paragraph."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value))
    while "  " in s:
        s = s.replace("  ", "\u00a0\u00a0")
    return s


def wrap_text(text: str, font: str, size: float, width: float) -> list[tuple[str, float]]:
    """Greedy line breaking at spaces (and inside words too long for a line).

    Returns (line, width in points) pairs; an empty text gives no line."""
    if "\n" not in text and "  " not in text:  # most cells: one short line
        whole = text.strip()
        w = pdfmetrics.stringWidth(whole, font, size)
        if w <= width:
            return [(whole, w)] if whole else []
    out: list[tuple[str, float]] = []
    widths = _widths.get(font) or {}
    space = word_width(" ", font) * size
    for part in text.split("\n"):
        line: list[str] = []
        line_w = 0.0
        for word in part.split():
            w = widths.get(word)
            w = (word_width(word, font) if w is None else w) * size
            if line and line_w + space + w <= width:
                line.append(word)
                line_w += space + w
                continue
            if line:
                out.append((" ".join(line), line_w))
            if w <= width:
                line, line_w = [word], w
                continue
            line, line_w = [], 0.0
            piece = ""
            for ch in word:  # a word wider than the column: break between letters
                trial = word_width(piece + ch, font) * size
                if piece and trial > width:
                    out.append((piece, word_width(piece, font) * size))
                    piece = ch
                else:
                    piece += ch
            if piece:
                line, line_w = [piece], word_width(piece, font) * size
        if line:
            out.append((" ".join(line), line_w))
    return out


_SHARED = ("head", "rows", "widths", "align", "bold_rows", "span_rows", "size", "leading",
           "hAlign", "_edges", "_head")


@dataclass(slots=True)
class _Cell:
    lines: list[tuple[str, float]]
    font: str
    align: str  # L, C or R
    x: float  # left edge of the cell
    width: float  # cell width (spanning cells: the whole row)


@dataclass(slots=True)
class _Row:
    cells: list[_Cell]
    height: float
    span: bool
    middle: bool = False  # vertically centred (the header row)
    heads: bool = False  # a section title or a group's bold row: not the last on a page


def _tall(row: _Row) -> bool:
    """A row with more lines than SPLIT_ROW_LINES: it may break across pages."""
    return max((len(c.lines) for c in row.cells), default=0) > SPLIT_ROW_LINES


class RuledTable(Flowable):
    """Header row + body rows of plain text; see the module docstring.

    `rows` hold plain values (None or "" leave a cell empty); `align` is «L», «C» or «R» per
    column; `bold_rows` and `span_rows` index `rows`. The original texts stay available as
    `head`, `rows`, `widths`, `align`, `bold_rows`, `span_rows` (the .docx writer reads them).
    """

    def __init__(self, head: Sequence[str], rows: Sequence[Sequence[object]],
                 widths: Sequence[float], *, align: Sequence[str] = (),
                 bold_rows: Sequence[int] = (), span_rows: Sequence[int] = (),
                 size: float = 12) -> None:
        super().__init__()
        register_fonts()
        self.head = [clean(h) for h in head]
        self.rows = [[clean(v) for v in row] for row in rows]
        self.widths = [float(w) for w in widths]
        self.align = [align[i] if i < len(align) else "L" for i in range(len(self.widths))]
        self.bold_rows = set(bold_rows)
        self.span_rows = set(span_rows)
        self.size = size
        self.leading = size * LEADING_RATIO
        self.hAlign = "CENTER"
        self._edges = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        self._head = self._layout(self.head, BOLD, "C" * len(self.widths), middle=True)
        self._body = [self._layout(row, BOLD if i in self.bold_rows or i in self.span_rows
                                   else REGULAR, self.align, span=i in self.span_rows)
                      for i, row in enumerate(self.rows)]
        for i, row in enumerate(self._body[:-1]):  # the last bold row is the totals
            row.heads = row.span or i in self.bold_rows
        self.width = self._edges[-1]
        self.height = self._height(self._body)

    def _layout(self, values: Sequence[str], font: str, align: Sequence[str], *,
                span: bool = False, middle: bool = False) -> _Row:
        if span:
            width = self._edges[-1]
            lines = wrap_text(values[0] if values else "", font, self.size,
                              width - PAD_LEFT - PAD_RIGHT)
            cells = [_Cell(lines, font, "L", 0.0, width)]
        else:
            cells = []
            for i, w in enumerate(self.widths):
                text = values[i] if i < len(values) else ""
                lines = wrap_text(text, font, self.size, w - PAD_LEFT - PAD_RIGHT)
                cells.append(_Cell(lines, font, align[i], self._edges[i], w))
        most = max((len(c.lines) for c in cells), default=0)
        return _Row(cells, max(most, 1) * self.leading + PAD_TOP + PAD_BOTTOM, span, middle)

    def start_height(self) -> float:
        """The least room the table needs to begin on a page, by the rules of :meth:`split`:
        its header and first row (with the row under it when the first is a title), a very tall
        row counting two of its lines; all of a table of one or two rows."""
        body = self._body
        if len(body) <= 2:
            return self.height
        rows = body[:2] if body[0].heads else body[:1]
        return self._head.height + sum(self._least(r) for r in rows)

    def _least(self, row: _Row) -> float:
        if _tall(row):
            return 2 * self.leading + PAD_TOP + PAD_BOTTOM  # it may break between lines
        return row.height

    def _height(self, body: Sequence[_Row]) -> float:
        return self._head.height + sum(r.height for r in body)

    def _chunk(self, body: list[_Row]) -> RuledTable:
        part = object.__new__(RuledTable)
        Flowable.__init__(part)  # fresh layout state (no `_postponed` from platypus)
        for name in _SHARED:
            setattr(part, name, getattr(self, name))
        part._body = body
        part.width = self.width
        part.height = self._height(body)
        return part

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self._head.height
        taken = 0
        for row in self._body:
            if row.height > room:
                break
            room -= row.height
            taken += 1
        if taken == len(self._body):
            return [self]
        if 0 < taken == len(self._body) - 1:  # the last (totals) row never stands alone
            room += self._body[taken - 1].height
            taken -= 1
        if not self._splits_here(self._body[taken], room):
            while taken and self._body[taken - 1].heads:  # a title goes with its rows
                room += self._body[taken - 1].height
                taken -= 1
        first, rest = self._body[:taken], self._body[taken:]
        if self._splits_here(rest[0], room):  # break a very tall row between lines
            head, tail = self._split_row(rest[0], self._lines_in(room))
            first, rest = [*first, head], [tail, *rest[1:]]
        if not first:
            return []
        return [self._chunk(first), self._chunk(rest)]

    def _lines_in(self, room: float) -> int:
        return int((room - PAD_TOP - PAD_BOTTOM) // self.leading)

    def _splits_here(self, row: _Row, room: float) -> bool:
        """Whether `row` is tall enough to break between its lines, and some fit in `room`."""
        return _tall(row) and self._lines_in(room) >= 2

    def _split_row(self, row: _Row, n: int) -> tuple[_Row, _Row]:
        def part(cells: list[_Cell]) -> _Row:
            most = max((len(c.lines) for c in cells), default=0)
            return _Row(cells, max(most, 1) * self.leading + PAD_TOP + PAD_BOTTOM, row.span,
                        row.middle)

        top = [_Cell(c.lines[:n], c.font, c.align, c.x, c.width) for c in row.cells]
        bottom = [_Cell(c.lines[n:], c.font, c.align, c.x, c.width) for c in row.cells]
        return part(top), part(bottom)

    def draw(self) -> None:
        # PDF operators written directly: canvas.drawString would re-measure every string and
        # re-map it to the embedded subsets one character at a time.
        canvas = self.canv
        doc = canvas._doc
        ops: list[str] = []
        rules: list[str] = []
        current = (-1, "")
        size = f"{self.size:.2f}"
        right = f"{self.width:.2f}"
        edges = [f"{x:.2f}" for x in self._edges]
        y = self.height
        rules.append(f"0 {y:.2f} m {right} {y:.2f} l")
        for row in (self._head, *self._body):
            most = max((len(c.lines) for c in row.cells), default=1)
            for cell in row.cells:
                encode = encoder(cell.font, doc)
                base = y - PAD_TOP - self.size
                if row.middle:
                    base -= (most - len(cell.lines)) * self.leading / 2
                for line, line_w in cell.lines:
                    if cell.align == "C":
                        x = cell.x + (cell.width - line_w) / 2
                    elif cell.align == "R":
                        x = cell.x + cell.width - PAD_RIGHT - line_w
                    else:
                        x = cell.x + PAD_LEFT
                    ops.append("1 0 0 1 %.2f %.2f Tm" % (x, base))  # noqa: UP031 - hot loop
                    for subset, chunk in encode.parts(line):
                        if (subset, cell.font) != current:
                            current = (subset, cell.font)
                            ops.append(f"{encode.subset_name(subset)} {size} Tf")
                        ops.append(f"({canvas._escape(chunk)}) Tj")
                    base -= self.leading
            bottom = y - row.height
            top_s, bottom_s = f"{y:.2f}", f"{bottom:.2f}"
            for x_s in (edges[0], edges[-1]) if row.span else edges:
                rules.append(f"{x_s} {top_s} m {x_s} {bottom_s} l")
            rules.append(f"0 {bottom_s} m {right} {bottom_s} l")
            y = bottom
        canvas.saveState()
        canvas.setLineWidth(RULE)
        canvas.setFillColorRGB(0, 0, 0)
        canvas._code.append(" ".join(rules) + " S")
        canvas._code.append("BT " + " ".join(ops) + " ET")
        canvas.restoreState()


class _Encoder:
    """Maps text to the codes of a TrueType font's embedded subsets in one PDF.

    ReportLab's `splitString` does it one character at a time in Python; once every character
    of a string has its code in the first subset (the usual case after a few rows), a charmap
    codec built from that subset does it at C speed. New characters still go through
    `splitString`, which assigns their codes."""

    def __init__(self, font_name: str, doc: object) -> None:
        self.font = pdfmetrics.getFont(font_name)
        self.doc = doc
        self.state: Any = None
        self.known = -1
        self.first_subset: Any = None

    def parts(self, text: str) -> list[tuple[int, bytes]]:
        state = self.state
        if state is None:
            state = self.state = self.font.state.get(self.doc)
        if state is not None:
            if len(state.assignments) != self.known:
                self._refresh(state.assignments)
            if "\xa0" in text:
                text = text.replace("\xa0", " ")  # NBSP prints as a space, as in splitString
            try:
                return [(0, codecs.charmap_encode(text, "strict", self.first_subset)[0])]
            except UnicodeEncodeError:
                pass  # a character without a code yet
        return list(self.font.splitString(text, self.doc))

    def _refresh(self, assignments: dict[int, int]) -> None:
        self.known = len(assignments)
        decoding = ["\ufffe"] * 256  # U+FFFE: no character has this code
        for char, code in assignments.items():
            if code < 256:
                decoding[code] = chr(char)
        self.first_subset = codecs.charmap_build("".join(decoding))

    def subset_name(self, subset: int) -> str:
        return str(self.font.getSubsetInternalName(subset, self.doc))


def encoder(font_name: str, doc: object) -> _Encoder:
    """The encoder of one face for one PDF (made once per document)."""
    cache: dict[str, _Encoder] = doc.__dict__.setdefault("_tdkt_encoders", {})
    found = cache.get(font_name)
    if found is None:
        found = cache[font_name] = _Encoder(font_name, doc)
    return found
