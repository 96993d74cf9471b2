"""Báo cáo thành tích from the demo round: every variant, read back with poppler."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core.service import Services
from desktop.core.text import format_date_short, format_number
from desktop.documents import bao_cao_thanh_tich as bctt
from desktop.documents import common as c
from desktop.errors import UserError
from desktop.store.models import AwardRecord, Criterion, Person, Score, TargetGroup, Unit
from tests.documents.pdfcheck import (
    A4_PORTRAIT,
    assert_a4,
    assert_fonts_embedded,
    assert_inside_margins,
    flat,
    page_number_words,
    page_texts,
    text,
)


@pytest.fixture
def svc(demo_db):  # type: ignore[no-untyped-def]
    return Services(demo_db, actor="kiểm thử")


def _nominations(svc: Services, kind: str) -> list[c.Nomination]:
    with c.reading(svc) as session:
        return [n for n in c.nominations(session, c.find_round(session, "1"))
                if n.subject_kind == kind]


def test_one_report_per_nominee_each_numbered_on_its_own(svc) -> None:  # type: ignore[no-untyped-def]
    pdf = bctt.build(svc, "1")
    pages = assert_a4(pdf)
    assert_fonts_embedded(pdf)
    assert_inside_margins(pdf)
    with c.reading(svc) as session:
        noms = c.nominations(session, c.find_round(session, "1"))
    numbers = page_number_words(pdf, A4_PORTRAIT[0])
    starts = [p for p in range(1, pages + 1) if p not in numbers]
    assert len(starts) == len(noms)  # one report per proposed nominee
    for page, word in numbers.items():
        start = max(s for s in starts if s < page)
        assert word.text == str(page - start + 1)  # «2», «3» … counted within the report
    texts = page_texts(pdf)
    for start in starts:
        first = texts[start - 1]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
        assert "Độc lập - Tự do - Hạnh phúc" in first
        assert "BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG" in first
        assert "Đắk R'Lấp, ngày tháng 5 năm 2025" in first  # the author dates it


def test_chuyen_de_fills_section_two_from_the_scores(svc) -> None:  # type: ignore[no-untyped-def]
    nom = _nominations(svc, "tap_the")[0]
    pdf = bctt.build(svc, "1", nomination=nom.id)
    body = flat(pdf)
    with c.reading(svc) as session:
        unit = session.get(Unit, nom.unit_id).name  # type: ignore[union-attr]
        total = session.scalar(
            select(func.sum(Score.verified_points)).join(Criterion).join(TargetGroup)
            .where(Score.unit_id == nom.unit_id, Score.year == 2024,
                   ~Criterion.id.in_(select(Criterion.parent_id).where(
                       Criterion.parent_id.is_not(None)))))
    assert "Trong Phong trào thi đua “Đắk R'Lấp đẩy mạnh phát triển kết cấu hạ tầng" in body
    assert "(Từ năm 2023 đến năm 2025)" in body
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in body and unit in body
    assert (f"Năm 2024, {unit} được chấm điểm theo nhóm tiêu chí a) đối với các cơ quan "
            "chuyên môn") in body
    assert f"tổng điểm thẩm định đạt {format_number(Decimal(total).normalize())}/100 điểm" in body
    assert "a.1.6.2 Phấn đấu giải ngân 100% kế hoạch vốn đầu tư công" in body
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in body
    assert "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in body and "THỦ TRƯỞNG ĐƠN VỊ" in body


def test_personal_report_has_the_profile_and_award_history(svc) -> None:  # type: ignore[no-untyped-def]
    noms = _nominations(svc, "ca_nhan")
    with c.reading(svc) as session:
        # a nominee with some history, so the tables have rows to check
        def history(n: c.Nomination) -> list[AwardRecord]:
            return list(session.scalars(select(AwardRecord).where(
                AwardRecord.person_id == n.person_id, AwardRecord.year < 2025)
                .order_by(AwardRecord.year)))

        nom = max(noms, key=lambda n: len(history(n)))
        records = history(nom)
        person = session.get(Person, nom.person_id)
        assert person is not None and records
        name, born = person.full_name, format_date_short(person.birth_date)
        award = c.award_name(session, nom.award_code, c.document_date(
            session, c.find_round(session, "1")))
    pdf = bctt.build(svc, "1", nomination=nom.id, variant="cong_trang")
    body = flat(pdf)
    assert f"ĐỀ NGHỊ TẶNG {award.upper()}" in body
    assert "I. SƠ LƯỢC LÝ LỊCH" in body
    assert f"- Họ và tên: {name}" in body
    assert f"- Sinh ngày, tháng, năm: {born}" in body
    assert "1. Danh hiệu thi đua:" in body and "2. Hình thức khen thưởng:" in body
    for r in records:
        assert f"{r.year} {r.award_name}" in body
        assert f"Số {r.decision_symbol} ngày {format_date_short(r.decision_date)}" in body
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in body and "(Ký, ghi rõ họ và tên)" in body
    assert body.count(name) >= 2  # in the profile and under the signature
    assert_inside_margins(pdf)


def test_dot_xuat_variant_for_a_household(svc) -> None:  # type: ignore[no-untyped-def]
    nom = _nominations(svc, "ho_gia_dinh")[0]
    pdf = bctt.build(svc, "1", nomination=nom.id, variant="dot_xuat")
    body = flat(pdf)
    assert "(Thành tích xuất sắc đột xuất)" in body
    assert "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH" in body
    assert "II. NỘI DUNG THÀNH TÍCH XUẤT SẮC ĐỘT XUẤT" in body
    assert "1. Tóm tắt diễn biến sự việc, hành động" in body
    assert " ".join(nom.achievements.split()) in body
    assert "CHỦ HỘ" in body
    assert_fonts_embedded(pdf)


def test_variant_follows_the_round() -> None:
    from desktop.store.models import Movement, NominationRound

    chuyen_de = Movement(kind="chuyen_de")
    assert bctt.variant_of(NominationRound(kind="dot_xuat"), chuyen_de) == "dot_xuat"
    assert bctt.variant_of(NominationRound(kind="so_ket"), chuyen_de) == "chuyen_de"
    assert bctt.variant_of(NominationRound(kind="hang_nam"),
                           Movement(kind="thuong_xuyen")) == "cong_trang"


def test_unknown_variant_is_one_sentence(svc) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        bctt.build(svc, "1", variant="khac")
    assert "\n" not in str(err.value) and "khac" in str(err.value)


def test_docx_copy_of_a_report(svc) -> None:  # type: ignore[no-untyped-def]
    from desktop.documents.word import has_docx, to_docx
    from tests.documents.pdfcheck import docx_fonts, docx_text

    nom = _nominations(svc, "ca_nhan")[0]
    with c.reading(svc) as session:
        name = session.get(Person, nom.person_id).full_name  # type: ignore[union-attr]
    pdf = bctt.build(svc, "1", nomination=nom.id)
    assert has_docx(pdf)
    docx = to_docx(pdf)
    words = docx_text(docx)
    assert "BÁO CÁO THÀNH TÍCH" in words and f"Họ và tên: {name}" in words
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in words
    assert docx_fonts(docx) == {"Times New Roman"}


def test_docx_of_a_round_numbers_each_report_on_its_own(svc) -> None:  # type: ignore[no-untyped-def]
    import io
    import re
    import zipfile

    from desktop.documents.word import to_docx

    pdf = bctt.build(svc, "1")
    with c.reading(svc) as session:
        reports = len(c.nominations(session, c.find_round(session, "1")))
    assert reports >= 3
    package = zipfile.ZipFile(io.BytesIO(to_docx(pdf)))
    xml = package.read("word/document.xml").decode("utf-8")
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", xml, re.S)
    assert len(sections) == reports  # one Word section per report
    for section in sections[1:]:  # each numbered from 1, no number on its first page
        assert '<w:pgNumType w:start="1"/>' in section and "<w:titlePg/>" in section
    assert "<w:titlePg/>" in sections[0]
    # the header of page 2 onwards (the first section's, linked) holds the PAGE field
    header = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                     if n.startswith("word/header"))
    assert "PAGE" in header
    # no page break doubles a section break: a report's first page is not left empty
    assert "<w:pageBreakBefore/>" not in xml


def test_no_page_ends_with_a_heading_or_a_label(svc) -> None:  # type: ignore[no-untyped-def]
    pages = [p for p in text(bctt.build(svc, "1"), layout=True).split("\f") if p.strip()]
    assert len(pages) > 20
    for number, page in enumerate(pages, 1):
        last = [line.strip() for line in page.splitlines() if line.strip()][-1]
        assert not last.endswith(":"), (number, last)  # «1. Danh hiệu thi đua:» alone
        assert not last.startswith(("I. ", "II. ", "III. ")), (number, last)  # a heading
