"""The editable copy of a document: a .docx made from the same story as its PDF.

:func:`desktop.documents.page.render` returns the PDF as a :class:`~page.Rendered` (bytes that
keep their story, page setup and title); :func:`to_docx` walks that story and writes each piece
with python-docx: A4 with the same NĐ 30 margins, «Times New Roman» named on every run (Word on
Windows then shows the officers' usual font; the PDF embeds the metric-compatible Liberation
Serif), page numbers centred at the top from page 2, and

- Paragraph: its runs (bold/italic from the faces of the markup), alignment, indents, spacing;
- Spacer: space before the next paragraph; PageBreak: the next paragraph starts a page;
- platypus Table (header blocks) and :class:`~columns.SideBySide` (signature and «Nơi nhận»
  blocks): a borderless table with the same column widths whose cells hold the same flowables
  (a Table with a GRID is ruled);
- :class:`~table.RuledTable` (lists): a ruled table, header row repeated on every page, section
  rows merged across, the same alignment and bold rows;
- header :class:`~header.Rule`: a bottom border as long as the rule;
- KeepTogether: its content, kept on one page.

For a new form (part B and later): build the story from the engine's pieces (``Styles.p/m``,
``header_table``, ``title_block``, ``kinh_gui``, ``can_cu``, ``closing``, ``two_signatures``,
``grid``, Spacer, PageBreak, KeepTogether) and return what ``render()`` returns, unchanged:
``tdkt print`` and ``print_round`` then write the .docx by themselves. A custom Flowable can
write itself by defining ``to_docx(writer, container, width_pt)``; one that does not (a
drawing) is left out of the .docx.
"""

from __future__ import annotations

import copy
import io
from functools import lru_cache
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from desktop.documents.columns import SideBySide
from desktop.documents.fonts import BOLD, BOLD_ITALIC, ITALIC
from desktop.documents.header import Rule
from desktop.documents.page import Rendered
from desktop.documents.plain import PlainParagraph
from desktop.documents.table import PAD_LEFT, RuledTable
from desktop.errors import UserError
from desktop.i18n import _

FONT = "Times New Roman"
BODY_SIZE = 14
_ALIGN = {0: WD_ALIGN_PARAGRAPH.LEFT, 1: WD_ALIGN_PARAGRAPH.CENTER,
          2: WD_ALIGN_PARAGRAPH.RIGHT, 4: WD_ALIGN_PARAGRAPH.JUSTIFY}
_CELL_ALIGN = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER,
               "R": WD_ALIGN_PARAGRAPH.RIGHT}
_RULED = {"GRID", "BOX", "OUTLINE", "INNERGRID"}
_SECT_PR = qn("w:sectPr")
# Children of w:pPr that the schema puts after w:pBdr (Word rejects them out of order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
# Children of w:sectPr that the schema puts after w:pgNumType.
_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                    "w:printerSettings", "w:sectPrChange")

Container = Any  # a docx Document or table cell: both have add_paragraph / add_table
Step = tuple[str, Any]  # (paragraph_format attribute, value)


def to_docx(pdf: bytes) -> bytes:
    """The .docx of a PDF made by ``render()``; raise UserError for one made otherwise."""
    if not isinstance(pdf, Rendered):
        raise UserError(_("This document has no editable Word version; use the PDF."))
    return DocxWriter(pdf).write()


def has_docx(pdf: bytes) -> bool:
    return isinstance(pdf, Rendered)


def set_font(run: Any, size: float | None = None, *, bold: bool = False,
             italic: bool = False) -> None:
    """«Times New Roman» on every script slot of the run (Word picks the slot per character),
    the size and the face; replaces the run's properties."""
    element = run._element
    if element.rPr is not None:
        element.remove(element.rPr)
    element.insert(0, copy.deepcopy(_run_properties(size, bold, italic)))


@lru_cache(maxsize=512)
def _paragraph_properties(steps: tuple[Step, ...]) -> Any:
    """The w:pPr that setting `steps` on a new paragraph's format gives, built once per kind
    through python-docx (see :meth:`DocxWriter.paragraph`)."""
    para = DocxParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    fmt = para.paragraph_format
    for name, value in steps:
        if name == "more_space_before":
            fmt.space_before = Pt((fmt.space_before.pt if fmt.space_before else 0) + value)
        else:
            setattr(fmt, name, value)
    return para._p.get_or_add_pPr()


@lru_cache(maxsize=64)
def _run_properties(size: float | None, bold: bool, italic: bool) -> Any:
    """The w:rPr of a run, built once per kind through python-docx (which keeps the schema's
    order of children, at a cost that made a 1,000-nominee round's copy take minutes)."""
    run = DocxRun(OxmlElement("w:r"), None)  # type: ignore[arg-type]
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    if size is not None:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    return run._element.rPr


class DocxWriter:
    def __init__(self, rendered: Rendered) -> None:
        self.rendered = rendered
        self.doc = Document()
        self.space_before = 0.0
        self.page_break = False
        self.keep = False
        self.parts = 0  # documents of a bundle started so far

    def write(self) -> bytes:
        setup = self.rendered.setup
        self._page(setup)
        # every section has this page: asking the document each time lists all its sections
        self.block_width = self.doc._block_width
        self.grid_style = self.doc.styles["Table Grid"].style_id
        self._flowables(self.doc, list(self.rendered.story), setup.frame_width)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()

    # --- page -------------------------------------------------------------------------------

    def _page(self, setup: Any) -> None:
        props = self.doc.core_properties
        props.title = self.rendered.doc_title
        props.author = "TĐKT"
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_SIZE)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        section = self.doc.sections[0]
        width_mm, height_mm = (297, 210) if setup.landscape else (210, 297)
        section.orientation = WD_ORIENT.LANDSCAPE if setup.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
        section.top_margin, section.bottom_margin = Mm(setup.top), Mm(setup.bottom)
        section.left_margin, section.right_margin = Mm(setup.left), Mm(setup.right)
        section.header_distance = Mm(setup.top / 2 - 3)
        section.different_first_page_header_footer = True  # no number on page 1 (NĐ 30)
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._field(number, "PAGE", 13)

    def start_part(self) -> None:
        """The next document of a bundle (one báo cáo thành tích per nominee): from the second
        on, a Word section of its own on a new page, numbered again from 1, with no number on
        its first page. The header with its PAGE field is the first section's, linked."""
        self.parts += 1
        if self.parts == 1:
            return
        self.page_break = False  # the section break starts the page
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = True
        sect_pr = section._sectPr
        numbering = sect_pr.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            sect_pr.insert_element_before(numbering, *_AFTER_PGNUMTYPE)
        numbering.set(qn("w:start"), "1")

    def _field(self, paragraph: DocxParagraph, code: str, size: float) -> None:
        """A Word field (PAGE): begin, instruction, separate, shown value, end."""
        run = paragraph.add_run()
        set_font(run, size)
        parts: list[tuple[str, str]] = [("fldChar", "begin"), ("instrText", f" {code} "),
                                        ("fldChar", "separate"), ("t", "2"), ("fldChar", "end")]
        for tag, value in parts:
            el = OxmlElement(f"w:{tag}")
            if tag == "fldChar":
                el.set(qn("w:fldCharType"), value)
            else:
                el.set(qn("xml:space"), "preserve")
                el.text = value
            run._element.append(el)

    # --- flowables --------------------------------------------------------------------------

    def _flowables(self, container: Container, items: list[Any], width: float) -> None:
        for item in items:
            self._flowable(container, item, width)

    def _flowable(self, container: Container, item: Any, width: float) -> None:
        if isinstance(item, str):
            self._paragraph(container, Paragraph(item, _plain()), width)
        elif isinstance(item, Paragraph):
            self._paragraph(container, item, width)
        elif isinstance(item, CondPageBreak):
            return  # a layout hint for the PDF pages (a Spacer, but it takes no room)
        elif isinstance(item, Spacer):
            self.space_before += float(item.height)
        elif isinstance(item, PageBreak):
            self.page_break = True
        elif isinstance(item, Rule):
            self._rule(container, item, width)
        elif isinstance(item, RuledTable):
            self._ruled(container, item)
        elif isinstance(item, Table):
            self._table(container, item, width)
        elif isinstance(item, SideBySide):
            self._side_by_side(container, item)
        elif isinstance(item, KeepTogether):
            keep, self.keep = self.keep, True
            self._flowables(container, list(item._content), width)
            self.keep = keep
        elif isinstance(item, list | tuple):
            self._flowables(container, list(item), width)
        elif hasattr(item, "to_docx"):
            item.to_docx(self, container, width)
        elif isinstance(item, Flowable):
            return  # drawings and layout actions have no place in the editable copy

    def _append(self, container: Container, element: Any) -> None:
        """Put `element` at the end of the container. The body's own way looks for the final
        w:sectPr among all its children, for every paragraph: quadratic on a long bundle."""
        if container is self.doc:
            body = self.doc.element.body
            try:
                last = body[-1]  # found from the end; len(body) would count every child
            except IndexError:
                last = None
            if last is not None and last.tag == _SECT_PR:
                last.addprevious(element)
            else:
                body.append(element)
        else:
            container._element.append(element)  # a table cell

    def _parent(self, container: Container) -> Any:
        """What python-docx takes as the parent of a paragraph or table in `container`."""
        return self.doc._body if container is self.doc else container

    def paragraph(self, container: Container, *steps: Step) -> DocxParagraph:
        """A new paragraph carrying the pending space, page break and keep-together, then
        `steps`: (paragraph_format attribute, value) set in that order, where
        ("more_space_before", points) adds to the space before."""
        first: list[Step] = [("space_before", Pt(self.space_before)), ("space_after", Pt(0))]
        if self.page_break:
            first.append(("page_break_before", True))
        if self.keep:
            first += [("keep_with_next", True), ("keep_together", True)]
        self.space_before = 0.0
        self.page_break = False
        element = OxmlElement("w:p")
        element.append(copy.deepcopy(_paragraph_properties((*first, *steps))))
        self._append(container, element)
        return DocxParagraph(element, self._parent(container))

    def _paragraph(self, container: Container, item: Paragraph, width: float) -> None:
        style = item.style
        steps: list[Step] = [
            ("alignment", _ALIGN.get(style.alignment, WD_ALIGN_PARAGRAPH.LEFT)),
            ("more_space_before", float(style.spaceBefore or 0)),
            ("space_after", Pt(float(style.spaceAfter or 0))),
        ]
        if style.firstLineIndent:
            steps.append(("first_line_indent", Pt(float(style.firstLineIndent))))
        if style.leftIndent:
            steps.append(("left_indent", Pt(float(style.leftIndent))))
        if style.rightIndent:
            steps.append(("right_indent", Pt(float(style.rightIndent))))
        steps.append(("line_spacing", 1.0))
        if style.name == "heading" or getattr(item, "keep_with_next_in_word", False):
            steps.append(("keep_with_next", True))
        para = self.paragraph(container, *steps)
        if isinstance(item, PlainParagraph):  # one run of plain text: no markup to parse
            if item.words:  # one line of words: no tab or line break to convert
                run = DocxRun(para._p.add_r(), para)
                run._r.add_t(" ".join(item.words))
                set_font(run, float(style.fontSize), bold=style.fontName in (BOLD, BOLD_ITALIC),
                         italic=style.fontName in (ITALIC, BOLD_ITALIC))
            return
        # Parse the markup afresh: layout may have turned the frags into words and lines.
        for frag in Paragraph(item.text, style).frags:
            text = getattr(frag, "text", "")
            if not text:
                continue
            face = getattr(frag, "fontName", style.fontName)
            run = para.add_run(text)
            set_font(run, float(getattr(frag, "fontSize", style.fontSize)),
                     bold=face in (BOLD, BOLD_ITALIC), italic=face in (ITALIC, BOLD_ITALIC))
            if getattr(frag, "underline", False):
                run.font.underline = True

    def _rule(self, container: Container, rule: Rule, width: float) -> None:
        """A bottom border as long as the rule, centred: an empty 1 pt paragraph."""
        side = Pt(max(0.0, (width - rule.rule_width) / 2))
        para = self.paragraph(container, ("left_indent", side), ("right_indent", side),
                              ("line_spacing", Pt(1)), ("more_space_before", rule.gap),
                              # as in the PDF: gap above the line, then `after`
                              ("space_after", Pt(rule.after)))
        run = para.add_run()
        set_font(run, 1)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"),
                           ("w:color", "000000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        para._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)

    # --- tables -----------------------------------------------------------------------------

    def _new_table(self, container: Container, rows: int, widths: list[float],
                   ruled: bool) -> DocxTable:
        if self.space_before or self.page_break:
            # tables have no space-before of their own
            self.paragraph(container, ("line_spacing", Pt(1)))
        table: DocxTable
        if container is self.doc:
            element = CT_Tbl.new_tbl(rows, len(widths), self.block_width)
            self._append(container, element)
            table = DocxTable(element, self._parent(container))
        else:  # a cell: python-docx also puts the paragraph a cell must end with
            table = container.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if ruled:
            table._tbl.tblStyle_val = self.grid_style
        _cell_margins(table, PAD_LEFT if ruled else 0.0)
        for row in table.rows:
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = Pt(w)
        for col, w in zip(table.columns, widths, strict=True):
            col.width = Pt(w)
        if self.keep:  # inside KeepTogether: no row breaks across pages
            for row in table.rows:
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        return table

    def _table(self, container: Container, item: Table, width: float) -> None:
        data = item._cellvalues
        if not data:
            return
        widths = [float(w) if isinstance(w, int | float) else width / len(data[0])
                  for w in item._argW]
        ruled = any(cmd[0] in _RULED for cmd in getattr(item, "_linecmds", []))
        table = self._new_table(container, len(data), widths, ruled)
        for r, row in enumerate(data):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                self._cell(cell, value, widths[c])

    def _side_by_side(self, container: Container, item: SideBySide) -> None:
        table = self._new_table(container, 1, item.widths, ruled=False)
        for c, column in enumerate(item.columns):
            self._cell(table.cell(0, c), column, item.widths[c])

    def _cell(self, cell: _Cell, value: Any, width: float) -> None:
        first = cell.paragraphs[0]
        self.space_before, self.page_break = 0.0, False
        if value in ("", None) or (isinstance(value, list | tuple) and not value):
            return
        self._flowable(cell, value, width)
        if len(cell.paragraphs) > 1 and not first.text:
            first._p.getparent().remove(first._p)  # python-docx starts a cell with one

    def _ruled(self, container: Container, item: RuledTable) -> None:
        cols = len(item.widths)
        table = self._new_table(container, 1 + len(item.rows), item.widths, True)
        head, *rows = table.rows  # once: indexing `table.rows` walks every row each time
        header_flag = OxmlElement("w:tblHeader")  # repeat on every page, as in the PDF
        head._tr.get_or_add_trPr().append(header_flag)
        for cell, text in zip(head.cells, item.head, strict=False):
            self._cell_text(cell, text, item.size, "C", bold=True)
        for r, (values, row) in enumerate(zip(item.rows, rows, strict=True)):
            bold = r in item.bold_rows or r in item.span_rows
            cells = row.cells
            if r in item.span_rows:
                merged = cells[0].merge(cells[cols - 1])
                self._cell_text(merged, values[0] if values else "", item.size, "L", bold=True)
                continue
            for c in range(cols):
                text = values[c] if c < len(values) else ""
                self._cell_text(cells[c], text, item.size, item.align[c], bold=bold)

    def _cell_text(self, cell: _Cell, text: str, size: float, align: str, *,
                   bold: bool = False) -> None:
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        para = cell.paragraphs[0]
        if para._p.pPr is not None:
            para._p.remove(para._p.pPr)
        para._p.insert(0, copy.deepcopy(_paragraph_properties((
            ("alignment", _CELL_ALIGN.get(align, WD_ALIGN_PARAGRAPH.LEFT)),
            ("space_after", Pt(0))))))
        for i, line in enumerate(text.split("\n")):
            run = para.add_run()
            set_font(run, size, bold=bold)
            if i:
                run.add_break()
            run.add_text(line)


def _cell_margins(table: DocxTable, side: float) -> None:
    """Left/right cell padding in points, as in the PDF (Word's default is 5.4 pt)."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(side * 20)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption",
                                           "w:tblDescription", "w:tblPrChange")


def _plain() -> Any:
    from desktop.documents.page import Styles

    return Styles().plain
