"""Columns of flowables side by side, top-aligned and kept on one page: signature blocks.

They are laid out exactly as a one-row platypus Table without side padding would lay them
(padding 3 pt above and below unless told), at a fraction of its cost: a Table re-wraps its
cells when it draws them and saves and restores the canvas per cell, and a round's reports
have a thousand signature rows. The .docx copy gets a borderless one-row table.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable


class SideBySide(Flowable):
    def __init__(self, columns: Sequence[Sequence[Flowable]], widths: Sequence[float], *,
                 top: float = 3.0, bottom: float = 3.0) -> None:
        super().__init__()
        if len(columns) != len(widths):
            raise ValueError("one width per column")
        self.columns = [list(c) for c in columns]
        self.widths = [float(w) for w in widths]
        self.top, self.bottom = top, bottom
        self.hAlign = "CENTER"  # as a Table
        self._heights: list[list[float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        canvas = getattr(self, "canv", None)
        self._heights = []
        tallest = 0.0
        for column, width in zip(self.columns, self.widths, strict=True):
            heights = [f.wrapOn(canvas, width, 72000)[1] for f in column]
            self._heights.append(heights)
            if column:  # spaces between flowables count; the first's before, last's after not
                total = sum(h + f.getSpaceBefore() + f.getSpaceAfter()
                            for f, h in zip(column, heights, strict=True))
                tallest = max(tallest, total - column[0].getSpaceBefore()
                              - column[-1].getSpaceAfter())
        self.width = sum(self.widths)
        self.height = tallest + self.top + self.bottom
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x = 0.0
        for column, width, heights in zip(self.columns, self.widths, self._heights,
                                          strict=True):
            y = self.height - self.top + (column[0].getSpaceBefore() if column else 0)
            for flowable, height in zip(column, heights, strict=True):
                y -= flowable.getSpaceBefore() + height
                flowable.drawOn(canvas, x, y)
                y -= flowable.getSpaceAfter()
            x += width
