"""Render every document from the demo database and read the PDFs back with poppler."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from desktop.core.service import Services
from desktop.documents import bien_ban, danh_sach, ke_hoach, quyet_dinh, registry, to_trinh
from desktop.documents.page import PageSetup
from desktop.errors import UserError
from desktop.i18n import _

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def text(pdf: bytes, tmp: Path, *pages: int, layout: bool = True) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    cmd = ["pdftotext"] + (["-layout"] if layout else [])
    if pages:
        cmd += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*cmd, str(path), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8")


def fonts(pdf: bytes, tmp: Path) -> list[list[str]]:
    path = tmp / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout
    return [line.split() for line in out.decode().splitlines()[2:]]


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


@pytest.fixture
def svc(demo_db):  # type: ignore[no-untyped-def]
    return Services(demo_db, actor="kiểm thử")


@pytest.fixture
def rendered(svc):  # type: ignore[no-untyped-def]
    return {
        "to-trinh": to_trinh.build(svc, "1"),
        "danh-sach": danh_sach.build(svc, "1"),
        "bien-ban": bien_ban.build(svc, "1", draft=True),
        "quyet-dinh": quyet_dinh.build(svc, "1"),
        "ke-hoach": ke_hoach.build(svc, "DRL-HTCS-2023"),
    }


def test_every_document_has_header_and_embedded_fonts(rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, pdf in rendered.items():
        body = text(pdf, tmp_path)
        assert body == unicodedata.normalize("NFC", body), name
        assert QUOC_HIEU in body, name
        assert TIEU_NGU in body, name
        rows = fonts(pdf, tmp_path)
        used = [r for r in rows if r[0] != "Helvetica"]  # ReportLab's unused default resource
        assert used, name
        for r in used:
            assert re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-\w+)?", r[0]), (name, r)
            assert r[-5:-2] == ["yes", "yes", "yes"], (name, r)  # emb sub uni


def test_to_trinh_text(rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = text(rendered["to-trinh"], tmp_path)
    assert "Số: 01/TTr-UBND" in body
    assert "Đắk R'Lấp, ngày 12 tháng 5 năm 2025" in body
    assert "TỜ TRÌNH" in body
    assert "Nghị định số 98/2023/NĐ-CP" in body  # the regime in force on 12/05/2025
    assert "04 tập thể, 10 cá nhân và 02 hộ gia đình" in body
    assert "(có danh sách và báo cáo thành tích kèm theo)" in " ".join(body.split())
    assert "Nơi nhận:" in body and "- Lưu: VT, NV(L)." in body
    assert "Nguyễn Quang Tú" in body


def test_danh_sach_sections_sorted_and_totals(rendered, svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = text(rendered["danh-sach"], tmp_path)
    for label in ("I. TẬP THỂ", "II. CÁ NHÂN", "III. HỘ GIA ĐÌNH", "Tổng cộng"):
        assert label in body
    assert "710.000" in body and "1.410.000" in body
    from desktop.core.text import person_sort_key
    from desktop.documents.common import find_round, nominations, reading

    with reading(svc) as session:
        people = [n.person.full_name for n in nominations(session, find_round(session, "1"))
                  if n.person is not None]
    flat = text(rendered["danh-sach"], tmp_path, layout=False)
    positions = [flat.index(name) for name in sorted(people, key=person_sort_key)]
    assert positions == sorted(positions)
    # The annex is landscape A4.
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in rendered["danh-sach"]


def test_quyet_dinh_money_and_signature(rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = text(rendered["quyet-dinh"], tmp_path)
    flat = " ".join(body.split())
    assert "Số: 01/QĐ-UBND" in body
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP" in body
    assert "TM. ỦY BAN NHÂN DÂN" not in body
    assert "Điều 1." in body and "Điều 2." in body and "Điều 3." in body
    assert "14.160.000 đồng (Mười bốn triệu một trăm sáu mươi nghìn đồng chẵn)" in flat
    assert "710.000" in body
    assert "Theo đề nghị của Trưởng phòng Nội vụ huyện Đắk R'Lấp." in flat


def test_bien_ban_counts_on_total_membership(rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = " ".join(text(rendered["bien-ban"], tmp_path).split())
    assert "Tổng số thành viên Hội đồng: 11; có mặt: 10; vắng: 01." in body
    assert "có ý kiến bằng văn bản" in body
    assert "10/11" in body and "90,91%" in body
    assert "Không đạt" in body
    assert "Số: /BB-UBND" in body


def test_ke_hoach_sections(rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    flat = " ".join(text(rendered["ke-hoach"], tmp_path).split())
    for part in ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, TIÊU CHÍ THI ĐUA",
                 "III. HÌNH THỨC KHEN THƯỞNG", "IV. GIẢI PHÁP THỰC HIỆN", "V. TIẾN ĐỘ THỰC HIỆN",
                 "VI. TỔ CHỨC THỰC HIỆN", "Giai đoạn 1", "Nguyễn Quang Tú",
                 "tháng 02 năm 2023"):
        assert part in flat, part


def test_page_numbers_from_page_two(rendered, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = rendered["ke-hoach"]
    assert pages(pdf) >= 2
    first = text(pdf, tmp_path, 1, 1).strip().splitlines()[0]
    assert not first.strip().isdigit()
    second = text(pdf, tmp_path, 2, 2).strip().splitlines()[0].strip()
    assert second == "2"


def test_page_streams_are_binary_flate_not_ascii85(rendered) -> None:  # type: ignore[no-untyped-def]
    for name, pdf in rendered.items():
        assert b"/FlateDecode" in pdf, name
        assert b"ASCII85Decode" not in pdf, name  # a quarter bigger and slower to write


def test_output_is_deterministic(svc) -> None:  # type: ignore[no-untyped-def]
    assert danh_sach.build(svc, "1") == danh_sach.build(svc, "1")
    assert quyet_dinh.build(svc, "1") == quyet_dinh.build(svc, "1")


def test_number_register_has_no_gaps_or_duplicates(svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    numbers = []
    for _i in range(3):
        body = text(to_trinh.build(svc, "1"), tmp_path, 1, 1)
        numbers.append(re.search(r"Số: (\d+)/TTr-UBND", body).group(1))  # type: ignore[union-attr]
    assert numbers == ["01", "02", "03"]
    draft = text(to_trinh.build(svc, "1", draft=True), tmp_path, 1, 1)
    assert re.search(r"Số:\s+/TTr-UBND", draft)
    assert "ngày      tháng 5 năm 2025" in draft or re.search(r"ngày\s+tháng 5 năm 2025", draft)
    after = text(to_trinh.build(svc, "1"), tmp_path, 1, 1)
    assert "Số: 04/TTr-UBND" in after  # the draft took no number


def _one_sentence(message: str, msgid_start: str) -> None:
    assert "\n" not in message and message.endswith(".")
    translated = _(msgid_start) != msgid_start
    if translated:  # once the lead merged /tmp/documents_vi.json into the catalogue
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", message)


def test_bad_input_gives_one_sentence(svc, demo_db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        to_trinh.build(svc, "99")
    _one_sentence(str(err.value), "No document was written.")
    with pytest.raises(UserError) as err:
        danh_sach.build(svc, "not-a-round")
    _one_sentence(str(err.value), "No document was written.")
    from sqlalchemy import delete

    from desktop.store.models import AwardRecord, Decision, DecisionLine

    with svc.transaction() as session:
        session.execute(delete(AwardRecord))
        session.execute(delete(DecisionLine))
        session.execute(delete(Decision))
    with pytest.raises(UserError) as err:
        quyet_dinh.build(svc, "1")
    _one_sentence(str(err.value), "No document was written.")
    with pytest.raises(UserError):
        PageSetup(left=10)


def test_registry_and_cli(demo_db_path, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli import main

    assert {f.code for f in registry.FORMS} >= {"to-trinh", "danh-sach", "bien-ban",
                                                 "quyet-dinh", "ke-hoach"}
    assert main(["print", "--list", "--db", str(demo_db_path)]) == 0
    assert "to-trinh" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["print", "round", "--round", "1", "--out", str(out), "--draft",
                 "--db", str(demo_db_path)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "01-to-trinh.docx", "01-to-trinh.pdf", "02-danh-sach.docx", "02-danh-sach.pdf",
        "02a-bao-cao-thanh-tich.docx", "02a-bao-cao-thanh-tich.pdf", "03-bien-ban.docx",
        "03-bien-ban.pdf", "04-quyet-dinh.docx", "04-quyet-dinh.pdf",
        "ho-so-tong-hop.pdf"]
    assert main(["print", "quyet-dinh", "--round", "9", "--out", str(out),
                 "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1


def _docx_texts(data: bytes) -> tuple[str, set[str]]:
    """All text of a .docx (body and tables, in order) and the font names of its runs."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    texts = [node.text or "" for node in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")]
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                fonts |= {run.font.name for p in cell.paragraphs for run in p.runs}
    return "".join(texts), fonts


def test_every_document_has_a_docx_with_the_same_text(rendered) -> None:  # type: ignore[no-untyped-def]
    import io

    import docx
    from docx.shared import Mm

    from desktop.documents.word import to_docx

    for name, pdf in rendered.items():
        data = to_docx(pdf)
        text, fonts = _docx_texts(data)
        assert fonts == {"Times New Roman"}, name
        assert QUOC_HIEU in text and TIEU_NGU in text, name
        section = docx.Document(io.BytesIO(data)).sections[0]
        assert abs(section.left_margin - Mm(30)) < Mm(0.1), name
        assert abs(section.right_margin - Mm(15)) < Mm(0.1), name
        assert section.different_first_page_header_footer, name  # no number on page 1
    text, _fonts = _docx_texts(to_docx(rendered["quyet-dinh"]))
    for part in ("Số: 01/QĐ-UBND", "Đắk R'Lấp, ngày 20 tháng 5 năm 2025", "QUYẾT ĐỊNH",
                 "Điều 1.", "Điều 3.", "Nơi nhận:", "CHỦ TỊCH", "Nguyễn Quang Tú",
                 "DANH SÁCH", "II. CÁ NHÂN", "Tổng cộng", "14.160.000"):
        assert part in text, part
    landscape = docx.Document(io.BytesIO(to_docx(rendered["danh-sach"]))).sections[0]
    assert landscape.page_width > landscape.page_height
    table = docx.Document(io.BytesIO(to_docx(rendered["danh-sach"]))).tables[-1]
    assert [c.text for c in table.rows[0].cells][:2] == ["STT", "Họ và tên / Tên tập thể"]


def test_print_writes_pdf_and_docx_and_the_merged_dossier(demo_db_path, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli import main

    out = tmp_path / "out"
    assert main(["print", "to-trinh", "--round", "1", "--out", str(out), "--draft",
                 "--db", str(demo_db_path)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["01-to-trinh.docx", "01-to-trinh.pdf"]
    text, _fonts = _docx_texts((out / "01-to-trinh.docx").read_bytes())
    assert "TỜ TRÌNH" in text and "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Đắk R'Lấp." in text
    capsys.readouterr()
    assert main(["print", "round", "--round", "1", "--out", str(out), "--draft",
                 "--db", str(demo_db_path)]) == 0
    merged = out / "ho-so-tong-hop.pdf"
    parts = ["01-to-trinh", "02-danh-sach", "02a-bao-cao-thanh-tich", "03-bien-ban",
             "04-quyet-dinh"]
    assert all((out / f"{p}.pdf").exists() and (out / f"{p}.docx").exists() for p in parts)
    assert pages(merged.read_bytes()) == sum(pages((out / f"{p}.pdf").read_bytes())
                                             for p in parts)
    flat = " ".join(text_of_file(merged).split())
    order = [flat.index(s) for s in ("TỜ TRÌNH", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
                                     "BÁO CÁO THÀNH TÍCH", "BIÊN BẢN", "Điều 1.")]
    assert order == sorted(order)  # filing order
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left


def text_of_file(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8")


def test_cancelled_dossier_writes_nothing_and_takes_no_number(svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.documents.printing import PrintCancelled, print_round

    seen: list[tuple[int, int]] = []

    def stop_at_third(done: int, total: int, label: str) -> bool:
        seen.append((done, total))
        return done < 2

    out = tmp_path / "cancelled"
    with pytest.raises(PrintCancelled) as err:
        print_round(svc, "1", out, stop_at_third)  # a final copy: reserves numbers
    _one_sentence(str(err.value), "Printing was cancelled; no file was written.")
    assert seen[-1][0] == 2
    assert not out.exists() or not list(out.iterdir())
    # The tờ trình's number was rolled back with the cancellation: the next one is 01.
    written = print_round(svc, "1", out, lambda d, t, label: None)
    assert {p.name for p in written} >= {"01-to-trinh.pdf", "ho-so-tong-hop.pdf"}
    assert "Số: 01/TTr-UBND" in text_of_file(out / "01-to-trinh.pdf")


def test_long_lists_break_between_rows_and_keep_titles_and_totals_company(tmp_path) -> None:
    from reportlab.lib.units import mm

    from desktop.documents import table as rt
    from desktop.documents.blocks import grid
    from desktop.documents.page import PORTRAIT, Styles, render

    row_h = 12 * rt.LEADING_RATIO + rt.PAD_TOP + rt.PAD_BOTTOM  # one-line rows, header too
    per_page = int(((297 - PORTRAIT.top - PORTRAIT.bottom) * mm - row_h) // row_h)
    # Section B's title would be the last row of page 1, the totals alone on page 3.
    rows: list[list[object]] = [["A. TẬP THỂ", "", ""]]
    rows += [[str(i), f"Ủy ban nhân dân xã số {i}", "1.410.000"] for i in range(1, per_page - 1)]
    rows.append(["B. CÁ NHÂN", "", ""])
    rows += [[str(i), f"Nguyễn Văn Hùng {i}", "710.000"] for i in range(1, per_page)]
    rows.append(["", "Tổng cộng", "99.999.000"])
    widths = [15 * mm, 120 * mm, 30 * mm]
    pdf = render([grid(("STT", "Họ và tên", "Số tiền"), rows, widths, styles=Styles(),
                       align="CLR", span_rows=[0, per_page - 1], bold_rows=[len(rows) - 1])])
    assert pages(pdf) == 3
    first, third = (text(pdf, tmp_path, p, p).split() for p in (1, 3))
    assert "B." not in first  # the title went over with its rows
    assert "Tổng" in third and "Hùng" in third  # the totals did not go over alone
    for page in (1, 2, 3):
        body = [ln for ln in text(pdf, tmp_path, page, page).splitlines() if ln.strip()]
        assert body[0 if page == 1 else 1].split()[:2] == ["STT", "Họ"]  # header repeated
    # A row taller than a page goes on over pages, nothing lost.
    essay = " ".join(f"thành-tích-{i}" for i in range(900))
    pdf = render([grid(("STT", "Tóm tắt thành tích"), [["1", essay]], [15 * mm, 150 * mm],
                       styles=Styles())])
    assert pages(pdf) >= 2
    assert text(pdf, tmp_path, layout=False).count("thành-tích-") == 900


def test_a_plan_known_from_a_summary_prints_no_empty_parts(svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    flat = " ".join(text(ke_hoach.build(svc, "HY-DATD-2022"), tmp_path).split())
    assert "I. MỤC ĐÍCH, YÊU CẦU" in flat and "II. NỘI DUNG, TIÊU CHÍ THI ĐUA" in flat
    assert "HÌNH THỨC KHEN THƯỞNG" not in flat and "GIẢI PHÁP THỰC HIỆN" not in flat
    assert "III. TIẾN ĐỘ THỰC HIỆN" in flat  # the next part takes the next number


def test_dossier_progress_counts_every_pdf_and_every_word_copy(svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.documents.printing import dossier_forms, print_round

    seen: list[tuple[int, int, str]] = []
    print_round(svc, "1", tmp_path, lambda d, t, label: seen.append((d, t, label)), draft=True)
    forms = dossier_forms()
    assert [d for d, _t, _l in seen] == list(range(2 * len(forms) + 2))  # one step at a time
    assert {t for _d, t, _l in seen} == {2 * len(forms) + 1}
    labels = [label for _d, _t, label in seen]
    assert labels[:len(forms)] == [f.title for f in forms]
    assert labels[len(forms):2 * len(forms)] == [
        _("Word copy: {title}").format(title=f.title) for f in forms]
    assert labels[-2:] == [_("Merged PDF"), ""]


def test_group_rows_and_labels_never_end_a_page_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from desktop.documents import table as rt
    from desktop.documents.blocks import grid, labelled
    from desktop.documents.page import PORTRAIT, Styles, render

    styles = Styles()
    widths = [15 * mm, 120 * mm, 30 * mm]
    row_h = 12 * rt.LEADING_RATIO + rt.PAD_TOP + rt.PAD_BOTTOM
    per_page = int(((297 - PORTRAIT.top - PORTRAIT.bottom) * mm - row_h) // row_h)
    # Group b's bold row would be the last row of page 1.
    rows: list[list[object]] = [["a", "Nhóm tiêu chí a", "50"]]
    rows += [[f"a.{i}", f"Tiêu chí a.{i}", "5"] for i in range(1, per_page - 1)]
    rows += [["b", "Nhóm tiêu chí b", "50"], ["b.1", "Tiêu chí b.1", "5"],
             ["b.2", "Tiêu chí b.2", "5"], ["", "Tổng cộng", "100"]]
    bold = [0, per_page - 1, len(rows) - 1]
    pdf = render([grid(("Mã", "Tiêu chí", "Điểm"), rows, widths, styles=styles, align="CLR",
                       bold_rows=bold)])
    first, second = (text(pdf, tmp_path, p, p) for p in (1, 2))
    assert "Nhóm tiêu chí b" not in first and "Nhóm tiêu chí b" in second
    assert f"a.{per_page - 2}" in first  # only the group's row went over

    # A label with room for itself but not for its table's beginning goes over with it.
    table = grid(("Năm", "Danh hiệu thi đua", "Quyết định"),
                 [[str(y), "Lao động tiên tiến", f"Số {y}/QĐ-UBND"] for y in (2021, 2022, 2023)],
                 widths, styles=styles)
    frame = (297 - PORTRAIT.top - PORTRAIT.bottom) * mm
    label = styles.p("1. Danh hiệu thi đua:", "plain")
    room = label.wrap(PORTRAIT.frame_width, frame)[1] + 2  # the label fits, the table not
    story = [Spacer(0, frame - room), *labelled(label, then=table, width=PORTRAIT.frame_width)]
    pdf = render(story)
    first, second = (text(pdf, tmp_path, p, p) for p in (1, 2))
    assert "Danh hiệu thi đua:" not in first
    assert "1. Danh hiệu thi đua:" in second and "Lao động tiên tiến" in second


def test_a_label_keeps_with_its_table_in_the_docx_too() -> None:
    import io
    import zipfile

    from desktop.documents.blocks import grid, labelled
    from desktop.documents.page import PORTRAIT, Styles, render
    from desktop.documents.word import to_docx

    styles = Styles()
    width = PORTRAIT.frame_width
    story = labelled(styles.p("1. Danh hiệu thi đua:", "plain"),
                     then=grid(("Năm", "Danh hiệu"), [["2023", "Lao động tiên tiến"]],
                               [width / 4, width * 3 / 4], styles=styles), width=width)
    with zipfile.ZipFile(io.BytesIO(to_docx(render(story)))) as docx:
        xml = docx.read("word/document.xml").decode()
    label = xml[:xml.index("1. Danh hiệu thi đua:")]
    assert "<w:keepNext/>" in label[label.rindex("<w:p>"):]
    assert xml.count("<w:tbl>") == 1  # and the page break hint adds nothing
