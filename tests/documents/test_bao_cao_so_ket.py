"""Báo cáo sơ kết / tổng kết of the Đắk R'Lấp movement (seed 002), from the demo database."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core.scoring import ScoreInput
from desktop.core.service import Services, Subject
from desktop.core.text import money_with_words
from desktop.documents import bao_cao_so_ket
from desktop.documents import common as c
from desktop.errors import UserError
from desktop.store.models import Criterion, Decision, Score
from tests.documents.pdfcheck import (
    assert_a4,
    assert_fonts_embedded,
    assert_inside_margins,
    assert_page_numbers,
    flat,
    text,
)

MOVEMENT = "DRL-HTCS-2023"


@pytest.fixture
def svc(demo_db):  # type: ignore[no-untyped-def]
    return Services(demo_db, actor="kiểm thử")


def test_draft_so_ket_has_the_plan_sections_and_results(svc) -> None:  # type: ignore[no-untyped-def]
    pdf = bao_cao_so_ket.build(svc, MOVEMENT, draft=True)
    assert_a4(pdf)
    assert_fonts_embedded(pdf)
    assert_inside_margins(pdf)
    assert_page_numbers(pdf)
    body = flat(pdf)
    with c.reading(svc) as session:
        total = session.scalars(select(Decision)).one().total_amount
    layout = text(pdf, layout=True)
    assert re.search(r"Số:\s+/BC-UBND", layout)  # a draft takes no number
    for part in ("ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP",
                 "Đắk R'Lấp, ngày tháng 12 năm 2025", "BÁO CÁO",
                 "Sơ kết giai đoạn 2023 - 2025 thực hiện Phong trào thi đua “Đắk R'Lấp đẩy mạnh",
                 "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN",
                 "- Ban hành Kế hoạch, hướng dẫn tổ chức triển khai trong Quý I năm 2023.",
                 "II. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA",
                 "- Thi đua đẩy mạnh phát triển kết cấu hạ tầng:",
                 "3. Kết quả thực hiện các chỉ tiêu của Kế hoạch",
                 "III. CÔNG TÁC KHEN THƯỞNG", "IV. ĐÁNH GIÁ CHUNG",
                 "V. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2 (TỪ NĂM 2026",
                 "VI. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
                 "Nguyễn Quang Tú"):
        assert part in body, part
    assert (f"Quyết định số 01/QĐ-UBND ngày 20/05/2025); tổng số tiền thưởng "
            f"{money_with_words(total)}") in body
    assert "Đề nghị cấp trên tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in body
    for target in ("≥ 100%", "≤ 63%", "≥ 10%", "≥ 6,5%/năm", "≥ 1 sáng kiến"):
        assert target in layout, target  # the seed 002 targets


def test_measured_results_are_averaged_against_the_target(svc) -> None:  # type: ignore[no-untyped-def]
    with c.reading(svc) as session:
        crit = session.scalars(select(Criterion).where(Criterion.code == "a.1.6.2")).one()
        units = list(session.scalars(select(Score.unit_id).where(
            Score.criterion_id == crit.id, Score.year == 2024).limit(2)))
        top = crit.max_points
    svc.scoring.set_scores([
        ScoreInput(crit.id, Subject.unit(units[0]), 2025, top, top, Decimal(100)),
        ScoreInput(crit.id, Subject.unit(units[1]), 2025, top, top, Decimal(90)),
    ])
    layout = text(bao_cao_so_ket.build(svc, MOVEMENT, draft=True), layout=True)
    row = next(line for line in layout.splitlines() if "a.1.6.2." in line)
    assert "≥ 100%" in row and " 95 " in row  # (100 + 90) / 2 measured


def test_final_copy_takes_the_next_bc_number(svc) -> None:  # type: ignore[no-untyped-def]
    first = text(bao_cao_so_ket.build(svc, MOVEMENT), 1, layout=True)
    second = text(bao_cao_so_ket.build(svc, MOVEMENT), 1, layout=True)
    assert "Số: 01/BC-UBND" in first and "Số: 02/BC-UBND" in second


def test_tong_ket_of_the_second_phase(svc) -> None:  # type: ignore[no-untyped-def]
    body = flat(bao_cao_so_ket.build(svc, MOVEMENT, milestone="tong_ket", draft=True))
    assert "Tổng kết giai đoạn 2026 - 2030 thực hiện Phong trào thi đua" in body
    assert "Trong giai đoạn 2026 - 2030, chưa có đối tượng nào được chấm điểm" in body
    assert "Chưa tổ chức xét khen thưởng trong giai đoạn." in body
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in body


def test_unknown_milestone_is_one_sentence(svc) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        bao_cao_so_ket.build(svc, MOVEMENT, milestone="giua_ky")
    assert "\n" not in str(err.value)


def test_printed_with_an_editable_docx(svc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.documents import registry
    from desktop.documents.printing import print_form
    from tests.documents.pdfcheck import docx_fonts, docx_text

    written = print_form(svc, registry.BY_CODE["bao-cao-so-ket"], MOVEMENT, tmp_path, draft=True)
    assert sorted(p.name for p in written) == ["bao-cao-so-ket.docx", "bao-cao-so-ket.pdf"]
    words = docx_text((tmp_path / "bao-cao-so-ket.docx").read_bytes())
    for part in ("BÁO CÁO", "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", "≥ 6,5%/năm",
                 "III. CÔNG TÁC KHEN THƯỞNG", "Nguyễn Quang Tú"):
        assert part in words, part
    assert docx_fonts((tmp_path / "bao-cao-so-ket.docx").read_bytes()) == {"Times New Roman"}
