"""Side-by-side columns print exactly as the one-row Table they replace, and stay editable."""

from __future__ import annotations

import io
import subprocess
import zipfile

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop.documents.blocks import Signer, noi_nhan, signature
from desktop.documents.columns import SideBySide
from desktop.documents.fonts import register_fonts
from desktop.documents.page import PORTRAIT, Styles, render
from desktop.documents.plain import para
from desktop.documents.word import to_docx

WIDTH = PORTRAIT.frame_width


def _columns() -> list[list[Flowable]]:
    return [noi_nhan(["Như trên", "Sở Nội vụ (Ban Thi đua - Khen thưởng)"]),
            signature(Signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Quang Tú"))]


def _pages(flowables: list[Flowable]) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    SimpleDocTemplate(buf, leftMargin=30 * mm, rightMargin=15 * mm, invariant=1).build(
        flowables)
    return subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-"],
                          input=buf.getvalue(), capture_output=True, check=True).stdout


def test_columns_print_pixel_for_pixel_like_a_one_row_table() -> None:
    widths = [WIDTH * 0.45, WIDTH * 0.55]
    table = Table([_columns()], colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    intro = Paragraph("Đoạn văn trước khối chữ ký.", Styles().body)
    expected = _pages([intro, table, para("Sau khối chữ ký.", Styles().body)])
    columns = SideBySide(_columns(), widths, top=6)
    assert _pages([intro, columns, para("Sau khối chữ ký.", Styles().body)]) == expected


def test_columns_that_do_not_fit_move_whole_to_the_next_page() -> None:
    columns = SideBySide(_columns(), [WIDTH / 2, WIDTH / 2])
    _w, height = columns.wrap(WIDTH, 10_000)
    assert columns.split(WIDTH, height - 1) == []


def test_columns_become_a_borderless_table_in_the_docx() -> None:
    pdf = render([SideBySide(_columns(), [WIDTH * 0.45, WIDTH * 0.55], top=6)])
    with zipfile.ZipFile(io.BytesIO(to_docx(pdf))) as docx:
        xml = docx.read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == 1 and xml.count("<w:tc>") == 2
    assert "Nơi nhận:" in xml and "Nguyễn Quang Tú" in xml and "PHÓ CHỦ TỊCH" in xml
    assert "TableGrid" not in xml  # no rules: the ruled lists use that style

