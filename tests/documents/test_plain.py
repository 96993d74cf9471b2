"""Plain paragraphs break, split and print like platypus Paragraphs, only faster."""

from __future__ import annotations

import io
import subprocess

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.page import Styles
from desktop.documents.parts import fill
from desktop.documents.plain import PlainParagraph, para, t

TEXTS = [
    "Hoàn thành xuất sắc nhiệm vụ năm; vận động Nhân dân hiến 1.247 m² đất làm đường giao "
    "thông nông thôn, giải phóng mặt bằng đúng tiến độ, không để xảy ra khiếu nại.",
    "Cán bộ, công chức, viên chức phải gương mẫu thực hiện quản lý, sử dụng vốn và tài sản "
    "nhà nước được giao đúng mục đích, định mức, tiêu chuẩn, chế độ.",
    "Ngắn.",
    "- Họ và tên: " + fill(300),
    "Một dòng chấm rất dài: " + fill(900) + " rồi chữ tiếp theo.",
]
GAPS = ["Đắk R'Lấp, ngày      tháng 5 năm 2025", "Số:      /TTr-UBND",
        "Họ và tên:   Nguyễn   Văn   A   (ba khoảng trắng, một dòng dài để xuống dòng ở "
        "khoảng trắng thường chứ không ở khoảng trắng không ngắt)"]
MARKUP_LIKE = "Phòng Nội vụ & Văn phòng <HĐND-UBND> huyện Đắk R'Lấp, Tổ dân phố 3 & 4"


def _lines_of(p: Paragraph, width: float) -> list[str]:
    p.wrap(width, 10_000)
    if isinstance(p, PlainParagraph):
        return [" ".join(words) for _extra, words in p._lines]
    return [" ".join(words) for _extra, words in p.blPara.lines]


def test_lines_break_where_platypus_breaks_them() -> None:
    register_fonts()
    styles = Styles()
    for style in (styles.body, styles.plain, styles.center_bold, styles.cell,
                  ParagraphStyle("indent", parent=styles.body, leftIndent=20, rightIndent=9)):
        for text in TEXTS + GAPS:
            for width in (120.0, 250.0, 453.5):
                plain = para(text, style)
                assert isinstance(plain, PlainParagraph)
                assert _lines_of(plain, width) == _lines_of(Paragraph(t(text), style), width)


def test_nfc_and_non_breaking_spaces() -> None:
    style = Styles().body
    decomposed = "Nguye\u0302\u0303n Va\u0306n A"  # NFD from a pasted file
    plain = para(decomposed, style)
    assert plain.text == "Nguyễn Văn A"
    gap = para("Số:      /TTr-UBND", style)
    assert isinstance(gap, PlainParagraph)
    assert gap.words == ["Số:\xa0\xa0\xa0\xa0\xa0\xa0/TTr-UBND"]  # keeps its gap, never broken


def test_split_keeps_orphan_rule_and_justifies_the_cut_line() -> None:
    style = Styles().body
    long_text = " ".join(TEXTS[:2] * 6)
    plain = para(long_text, style)
    _w, height = plain.wrap(453.5, 10_000)
    lines = round(height / style.leading)
    assert plain.split(453.5, style.leading * 1.5) == []  # one line would stand alone
    head, tail = plain.split(453.5, style.leading * 3.2)
    assert isinstance(head, PlainParagraph) and isinstance(tail, PlainParagraph)
    assert head._JustifyLast and head.wrap(453.5, 10_000)[1] == 3 * style.leading
    assert tail.style.firstLineIndent == 0
    assert tail.wrap(453.5, 10_000)[1] == (lines - 3) * style.leading
    reference = Paragraph(t(long_text), style).split(453.5, style.leading * 3.2)
    assert [w for _e, w in head._lines] == [w for _e, w in reference[0].blPara.lines]


def _pdf(flowables: list[Paragraph]) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, leftMargin=30 * mm, rightMargin=15 * mm, invariant=1).build(
        flowables)
    return buf.getvalue()


def test_printed_text_and_positions_match_platypus() -> None:
    register_fonts()
    styles: list[ParagraphStyle] = [
        ParagraphStyle(f"s{align}", fontName=font, fontSize=13, leading=15.6, alignment=align,
                       firstLineIndent=10 * mm if align == TA_JUSTIFY else 0)
        for align, font in ((TA_JUSTIFY, REGULAR), (TA_LEFT, BOLD), (TA_CENTER, REGULAR),
                            (TA_RIGHT, REGULAR))]
    texts = [*TEXTS[:3], MARKUP_LIKE, *GAPS] * 2

    def words(pdf: bytes) -> list[tuple[str, int, int]]:
        out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode()
        found = []
        for line in out.splitlines():
            if "<word " in line:
                x = float(line.split('xMin="')[1].split('"')[0])
                y = float(line.split('yMin="')[1].split('"')[0])
                found.append((line.split(">")[1].split("<")[0], round(x), round(y)))
        return found

    ours = words(_pdf([para(text, s) for s in styles for text in texts]))
    theirs = words(_pdf([Paragraph(t(text), s) for s in styles for text in texts]))
    assert len(ours) > 300
    assert ours == theirs  # same words, each within a point of where platypus puts it


def test_a_dropped_paragraph_is_freed_at_once() -> None:
    """No reference cycle: a printed dossier's stories (tens of thousands of paragraphs on
    a 1,000-nominee round) go when dropped, not at some later cycle collection."""
    import gc
    import weakref

    plain = para(TEXTS[0], Styles().body)
    plain.wrap(300, 1000)
    gone = weakref.ref(plain)
    gc.disable()
    try:
        del plain
        assert gone() is None
    finally:
        gc.enable()
