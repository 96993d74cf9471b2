"""Building blocks of NĐ 30/2020 documents: title, «Kính gửi», body, «Căn cứ» lines,
signature block, «Nơi nhận» block and ruled tables for lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    TableStyle,
)

from desktop.documents.columns import SideBySide
from desktop.documents.fonts import BOLD, BOLD_ITALIC, REGULAR, text_width
from desktop.documents.header import Rule, upper
from desktop.documents.page import Styles
from desktop.documents.plain import para
from desktop.documents.table import RuledTable

TITLE_SIZE = 14
SIGN_SIZE = 14
NOI_NHAN_LABEL_SIZE = 12
NOI_NHAN_SIZE = 11
LUU = "Lưu: VT, NV(L)."
SIGNATURE_SPACE = 28 * mm  # room for the signature and the seal


def _ps(name: str, font: str, size: float, align: int = TA_CENTER, **kw: float) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.2,
                          alignment=align, **kw)


def title_block(type_name: str, summary: str, width: float, *, rule: bool = True
                ) -> list[Flowable]:
    """«TỜ TRÌNH» (bold caps) and the trích yếu (bold) with its short rule under it."""
    out: list[Flowable] = [
        Spacer(0, 16),
        para(upper(type_name), _ps("type", BOLD, TITLE_SIZE)),
    ]
    if summary:
        out.append(para(summary, _ps("summary", BOLD, TITLE_SIZE)))
        if rule:
            line = min(text_width(summary, BOLD, TITLE_SIZE), width * 0.8)
            out.append(Rule(max(line / 3, width / 6)))
    out.append(Spacer(0, 10))
    return out


def kinh_gui(recipients: Sequence[str]) -> list[Flowable]:
    """«Kính gửi: …» (14 pt upright); several recipients go one per line with «-»."""
    items = [r.strip().rstrip(".;") for r in recipients if r.strip()]
    if not items:
        return []
    style = _ps("kg", REGULAR, 14)
    if len(items) == 1:
        return [para(f"Kính gửi: {items[0]}.", style), Spacer(0, 8)]
    left = _ps("kg_l", REGULAR, 14, TA_LEFT, leftIndent=60 * mm)
    out: list[Flowable] = [para("Kính gửi:", _ps("kg_h", REGULAR, 14, TA_LEFT,
                                                           leftIndent=35 * mm))]
    for i, item in enumerate(items):
        out.append(para(f"- {item}{'.' if i == len(items) - 1 else ';'}", left))
    out.append(Spacer(0, 8))
    return out


def can_cu(lines: Sequence[str], styles: Styles, *, final: str = ".", italic: bool = True
           ) -> list[Flowable]:
    """«Căn cứ …» lines (italic in a Quyết định), each ending «;», the last with `final`."""
    cleaned = [ln.strip().rstrip(".;,") for ln in lines if ln.strip()]
    out: list[Flowable] = []
    for i, line in enumerate(cleaned):
        end = final if i == len(cleaned) - 1 else ";"
        out.append(para(line + end, styles.basis if italic else styles.body))
    return out


@dataclass(frozen=True)
class Signer:
    authority: str  # «TM. ỦY BAN NHÂN DÂN», «KT. CHỦ TỊCH», or ""
    title: str  # «CHỦ TỊCH», «PHÓ CHỦ TỊCH»
    name: str  # «Nguyễn Quang Tú»; "" leaves the line for a hand-written name


def signature(signer: Signer) -> list[Flowable]:
    """Authority and title (bold caps), room for signature and seal, full name (bold)."""
    style = _ps("sig", BOLD, SIGN_SIZE)
    out: list[Flowable] = []
    if signer.authority:
        out.append(para(upper(signer.authority), style))
    if signer.title:
        out.append(para(upper(signer.title), style))
    out.append(Spacer(0, SIGNATURE_SPACE))
    out.append(para(signer.name, style))
    return out


def noi_nhan(recipients: Sequence[str]) -> list[Flowable]:
    """«Nơi nhận:» (12 bold italic) and entries (11): «- …;», the last «- Lưu: VT, NV(L).»."""
    items = [r.strip().lstrip("-").strip().rstrip(".;").strip() for r in recipients]
    items = [r for r in items if r and not r.startswith("Lưu")]
    entries = [f"- {r};" for r in items] + [f"- {LUU}"]
    label = _ps("nn_label", BOLD_ITALIC, NOI_NHAN_LABEL_SIZE, TA_LEFT)
    entry = _ps("nn", REGULAR, NOI_NHAN_SIZE, TA_LEFT)
    entry.leading = NOI_NHAN_SIZE * 1.15
    return [para("Nơi nhận:", label), *(para(e, entry) for e in entries)]


def closing(recipients: Sequence[str] | None, signer: Signer, width: float) -> SideBySide:
    """The foot of a document: «Nơi nhận» on the left, the signature block on the right."""
    left: list[Flowable] = noi_nhan(recipients) if recipients is not None else []
    return SideBySide([left, signature(signer)], [width * 0.45, width * 0.55], top=6)


def finish(story: list[Flowable], foot: Flowable) -> None:
    """Append the foot (signature, «Nơi nhận») kept on one page with the paragraph before it,
    so a signature block never stands alone at the top of a page."""
    last = [story.pop()] if story and isinstance(story[-1], Paragraph) else []
    story.append(KeepTogether([*last, foot]))


def two_signatures(left: Signer, right: Signer, width: float) -> SideBySide:
    """Two signature blocks side by side (biên bản: THƯ KÝ and CHỦ TRÌ)."""
    return SideBySide([signature(left), signature(right)], [width / 2, width / 2], top=8)


def labelled(*lead: Flowable, then: Flowable, width: float) -> list[Flowable]:
    """Lines (a heading, a label, an introduction) and the table or text they introduce: they
    never end a page without at least the beginning of it (a conditional page break goes
    before them; in the .docx, Word's "keep with next")."""
    room = sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in lead)
    room += then.getSpaceBefore()
    if isinstance(then, RuledTable):
        room += then.start_height()
    elif isinstance(then, Paragraph):  # it may break after two lines (orphan control)
        room += min(then.wrap(width, 10_000)[1], 2 * then.style.leading)
    else:
        room += then.wrap(width, 10_000)[1]
    for f in lead:  # the .docx copy: Word's "keep with next" on each of these lines
        f.keep_with_next_in_word = True
    return [CondPageBreak(room), *lead, then]


def grid(
    head: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
    *, styles: Styles, align: Sequence[str] = (), bold_rows: Sequence[int] = (),
    span_rows: Sequence[int] = (), size: float = 12,
) -> Flowable:
    """A ruled table with a bold header row repeated on every page.

    Cells are plain values (wrapped, NFC); `align` gives «L», «C» or «R» per column;
    `span_rows` are section rows whose first cell spans the whole width. Plain text goes into
    the fast :class:`RuledTable`; a row holding a Flowable falls back to a platypus LongTable.
    """
    if not any(isinstance(v, Flowable) for row in rows for v in row):
        return RuledTable(head, rows, widths, align=align, bold_rows=bold_rows,
                          span_rows=span_rows, size=size)
    cell = ParagraphStyle("g_cell", parent=styles.cell, fontSize=size, leading=size * 1.18)
    by_align = {
        "L": cell,
        "C": ParagraphStyle("g_c", parent=cell, alignment=TA_CENTER),
        "R": ParagraphStyle("g_r", parent=cell, alignment=2),
    }
    bold = {k: ParagraphStyle(f"{v.name}_b", parent=v, fontName=BOLD) for k, v in by_align.items()}
    head_style = ParagraphStyle("g_h", parent=by_align["C"], fontName=BOLD)
    data: list[list[object]] = [[para(h, head_style) for h in head]]
    bold_set, span_set = set(bold_rows), set(span_rows)
    for r, row in enumerate(rows, start=1):
        styles_row = bold if (r - 1) in bold_set or (r - 1) in span_set else by_align
        out: list[object] = []
        for c, value in enumerate(row):
            a = align[c] if c < len(align) else "L"
            if isinstance(value, Flowable):
                out.append(value)
            else:
                out.append(para(value, styles_row["L" if (r - 1) in span_set else a])
                           if value not in ("", None) else "")
        data.append(out)
    table = LongTable(data, colWidths=list(widths), repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in span_set:
        commands.append(("SPAN", (0, r + 1), (-1, r + 1)))
    table.setStyle(TableStyle(commands))
    return table
