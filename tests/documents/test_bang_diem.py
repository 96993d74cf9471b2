"""Bảng chấm điểm, xếp hạng thi đua per bloc, from the demo scores."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.core import ranking
from desktop.core.service import Services
from desktop.core.text import format_number
from desktop.documents import bang_diem
from desktop.documents import common as c
from desktop.errors import UserError
from desktop.store.models import Bloc, BlocMember, Criterion, Score, Unit
from tests.documents.pdfcheck import (
    assert_a4,
    assert_fonts_embedded,
    assert_inside_margins,
    assert_page_numbers,
    flat,
)

MOVEMENT = "DRL-HTCS-2023"


@pytest.fixture
def svc(demo_db):  # type: ignore[no-untyped-def]
    return Services(demo_db, actor="kiểm thử")


def _expected_order(svc: Services, bloc_code: str) -> list[tuple[str, Decimal]]:
    """Members of the bloc by total points, computed straight from the score rows."""
    with c.reading(svc) as session:
        parents = select(Criterion.parent_id).where(Criterion.parent_id.is_not(None))
        bloc = session.scalars(select(Bloc).where(Bloc.code == bloc_code)).one()
        rows = session.execute(
            select(Unit.name, func.sum(func.coalesce(Score.verified_points, Score.self_points)))
            .join(Score, Score.unit_id == Unit.id)
            .join(BlocMember, BlocMember.unit_id == Unit.id)
            .where(BlocMember.bloc_id == bloc.id, Score.year == 2024,
                   ~Score.criterion_id.in_(parents))
            .group_by(Unit.id)).all()
    return sorted(((name, Decimal(str(total))) for name, total in rows),
                  key=lambda x: -x[1])


def test_every_bloc_ranked_on_landscape_pages(svc) -> None:  # type: ignore[no-untyped-def]
    pdf = bang_diem.build(svc, MOVEMENT)
    assert_a4(pdf, landscape=True)
    assert_fonts_embedded(pdf)
    assert_inside_margins(pdf, landscape=True)
    assert_page_numbers(pdf, landscape=True)
    body = flat(pdf)
    assert "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA" in body
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in body
    assert "Đắk R'Lấp, ngày tháng 12 năm 2024" in body
    for title in ("KHỐI THI ĐUA CÁC CƠ QUAN CHUYÊN MÔN THUỘC ỦY BAN NHÂN DÂN HUYỆN",
                  "KHỐI THI ĐUA CÁC ĐƠN VỊ SỰ NGHIỆP", "CỤM THI ĐUA CÁC XÃ, THỊ TRẤN"):
        assert title in body
    assert "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in body and "Nguyễn Quang Tú" in body


def test_one_bloc_in_rank_order_with_totals(svc) -> None:  # type: ignore[no-untyped-def]
    expected = _expected_order(svc, "KHOI-CQCM")
    pdf = bang_diem.build(svc, MOVEMENT, bloc="KHOI-CQCM")
    body = flat(pdf)
    positions = [body.index(name) for name, _total in expected]
    assert positions == sorted(positions)  # best first
    best, total = expected[0]
    assert f"1 {best}" in body
    assert f"{format_number(total.normalize())} 1 " in body  # total then rank 1
    assert "Tiêu chí a.1 (tối đa 50 điểm)" in body and "Tiêu chí a.2 (tối đa 50 điểm)" in body
    assert "Khối trưởng" in body and "Khối phó" in body
    assert "Ghi chú: a.1: Về phát triển kết cấu hạ tầng; a.2: Về thực hành tiết kiệm" in body


def test_mixed_bloc_gets_one_table_per_target_group(svc) -> None:  # type: ignore[no-untyped-def]
    body = flat(bang_diem.build(svc, MOVEMENT, bloc="KHOI-MTDT"))
    assert "Nhóm tiêu chí a) Đối với các cơ quan chuyên môn" in body
    assert "Nhóm tiêu chí b) Ủy ban Mặt trận Tổ quốc Việt Nam huyện" in body
    assert "b.2: Có nhiều sáng kiến, giải pháp tuyên truyền" in body  # the legend


def test_ties_share_a_rank_and_bands_are_configurable() -> None:
    assert ranking.grade(Decimal(90), Decimal(100)) == "Xuất sắc"
    assert ranking.grade(Decimal("89.9"), Decimal(100)) == "Tốt"
    assert ranking.grade(Decimal(45), Decimal(50)) == "Xuất sắc"  # a share of the maximum
    bands = ((95, "Loại A"), (0, "Loại B"))
    assert ranking.grade(Decimal(94), Decimal(100), bands) == "Loại B"
    ranks = ranking.competition_ranks({"a": Decimal(90), "b": Decimal(95), "c": Decimal(90),
                                       "d": Decimal(80)})
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_custom_bands_reach_the_page(svc) -> None:  # type: ignore[no-untyped-def]
    body = flat(bang_diem.build(svc, MOVEMENT, bloc="KHOI-CQCM",
                                bands=((50, "Hoàn thành"), (0, "Chưa hoàn thành"))))
    assert "Hoàn thành" in body and "Xuất sắc" not in body


def test_unknown_bloc_or_year_is_one_sentence(svc) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as err:
        bang_diem.build(svc, MOVEMENT, bloc="KHOI-KHONG-CO")
    assert "KHOI-KHONG-CO" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(UserError):
        bang_diem.build(svc, MOVEMENT, year=2019)


def test_printed_from_the_command_line_with_a_docx(demo_db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.cli import main
    from tests.documents.pdfcheck import docx_text

    assert main(["print", "bang-diem", "--movement", MOVEMENT, "--out", str(tmp_path / "out"),
                 "--db", str(demo_db_path)]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bang-cham-diem.docx",
                                                          "bang-cham-diem.pdf"]
    words = docx_text((tmp_path / "out" / "bang-cham-diem.docx").read_bytes())
    assert "KHỐI THI ĐUA CÁC ĐƠN VỊ SỰ NGHIỆP" in words and "Xếp hạng" in words
