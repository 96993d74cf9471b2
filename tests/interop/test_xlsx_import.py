"""Importing people, units and award history from real .xlsx files."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from sqlalchemy import select

from desktop.core.people import PersonInput
from desktop.core.service import Subject
from desktop.errors import UserError
from desktop.interop.legacy_text import TCVN3, VNI, encode
from desktop.interop.xlsx_import import apply, preview
from desktop.store.models import AuditEntry, AwardRecord, Person, Unit
from tests.interop.conftest import count

HEAD = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chức vụ", "Đơn vị"]


def _people(services):  # type: ignore[no-untyped-def]
    """Name → (sex, birth date, CCCD, position, unit name) of everyone in the database."""
    with services.reading() as session:
        return {p.full_name: (p.gender, p.birth_date, p.cccd, p.position,
                              p.unit.name if p.unit else "")
                for p in session.scalars(select(Person))}


def test_a_real_sheet_with_title_numbering_and_old_fonts_imports(office_units, xlsx) -> None:
    path = xlsx([
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2024"],
        [],
        HEAD,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "Nguyễn Văn An", "Nam", date(1980, 3, 15), "001080012345", "Trưởng phòng",
         "Phòng Nội vụ"],
        [2, encode("Lê Thị Hồng Nhung", TCVN3), "Nữ", "05/04/1985", 1085002222,
         encode("Chuyên viên", TCVN3), encode("Phòng Nội vụ", TCVN3)],
        [3, encode("Trần Đức Trường", VNI), "nam", "1990-12-01", None,
         encode("Công chức Văn phòng", VNI), "UBND xã Nhân Cơ"],
    ])
    result = preview(office_units, path, "people")
    assert result.problems == []
    assert result.header_row == 3
    assert [line.row for line in result.lines] == [5, 6, 7]
    assert result.converted == {TCVN3: 3, VNI: 2}
    assert result.columns_used()[0] == ("Họ và tên", "Họ và tên")
    assert count(office_units, Person) == 0  # a preview writes nothing

    assert apply(office_units, result) == 3
    people = _people(office_units)
    assert sorted(people) == ["Lê Thị Hồng Nhung", "Nguyễn Văn An", "Trần Đức Trường"]
    assert people["Lê Thị Hồng Nhung"] == (
        "nu", date(1985, 4, 5), "001085002222", "Chuyên viên", "Phòng Nội vụ")
    assert people["Trần Đức Trường"] == (
        "nam", date(1990, 12, 1), None, "Công chức Văn phòng", "UBND xã Nhân Cơ")


def test_every_bad_row_is_reported_and_nothing_is_imported(office_units, xlsx) -> None:
    path = xlsx([
        HEAD,
        [1, "Phạm Văn Bình", "Nam", "31/02/2024", "001090000001", "", "Phòng Nội vụ"],
        [2, "Hoàng Thị Cúc", "Nữ", "01/01/1990", "001090000002", "", "Phòng Tài chính"],
        [3, "Đỗ Văn Dũng", "Nam", "02/02/1991", "001090000003", "", "Phòng Nội vụ"],
        [4, "Vũ Thị Em", "Nữ", "03/03/1992", "00109000000", "", "Phòng Nội vụ"],
        [5, "Bùi Văn Giang", "Nam", "04/04/1993", "001090000003", "", "Phòng Nội vụ"],
        [6, "Lý Thị Hoa", "Nữ", "05/05/1994", "001090000006", "", "Phòng Nội vụ"],
        [7, "", "Nam", "06/06/1995", "", "", ""],
        [8, "Ngô Văn Khải", "Không rõ", "07/07/1996", "", "", ""],
    ])
    before = (count(office_units, Person), count(office_units, AuditEntry))
    result = preview(office_units, path, "people")
    report = [str(p) for p in result.problems]
    assert report == [
        "Dòng 2, cột “Ngày sinh”: “31/02/2024” không phải là ngày có thật (tháng đó không có "
        "ngày này); hãy đối chiếu với hồ sơ giấy.",
        "Dòng 3, cột “Đơn vị”: Không có đơn vị “Phòng Tài chính”; hãy nhập danh sách đơn vị "
        "trước, hoặc ghi tên đúng như trong danh sách đơn vị.",
        "Dòng 4, cột “Số CCCD”: Số CCCD 001090000003 cũng có ở dòng 6; hãy sửa số ở dòng bị "
        "ghi sai.",
        "Dòng 5, cột “Số CCCD”: Số CCCD “00109000000” phải có đúng 12 chữ số.",
        "Dòng 6, cột “Số CCCD”: Số CCCD 001090000003 cũng có ở dòng 4; hãy sửa số ở dòng bị "
        "ghi sai.",
        "Dòng 8, cột “Họ và tên”: Vui lòng nhập “Họ và tên”.",
        "Dòng 9, cột “Giới tính”: “Không rõ” không phải là giới tính; hãy ghi “Nam” hoặc “Nữ”.",
    ]
    with pytest.raises(UserError) as caught:
        apply(office_units, result)
    assert str(caught.value) == (
        "Chưa nhập gì: 7 trong 8 dòng có lỗi; hãy sửa trong tệp, hoặc chọn chỉ nhập 1 dòng hợp "
        "lệ.")
    assert (count(office_units, Person), count(office_units, AuditEntry)) == before

    assert apply(office_units, result, valid_only=True) == 1
    assert list(_people(office_units)) == ["Lý Thị Hoa"]


def test_a_citizen_id_already_in_the_database_is_refused(office_units, xlsx) -> None:
    office_units.people.create(PersonInput("Mai Văn Lộc", "nam", cccd="001090000009"))
    path = xlsx([HEAD, [1, "Mai Văn Lộc", "Nam", "", "001090000009", "", ""]])
    result = preview(office_units, path, "people")
    assert [str(p) for p in result.problems] == [
        "Dòng 2, cột “Số CCCD”: Số CCCD 001090000009 đã là của Mai Văn Lộc trong cơ sở dữ liệu; "
        "hãy bỏ dòng này, hoặc sửa lại số."]


def test_the_user_maps_columns_the_guess_does_not_know(office_units, xlsx) -> None:
    path = xlsx([["Tên CB", "Phái", "Số ĐT", "Nơi làm việc"],
                 ["Đinh Thị Mơ", "nữ", "0912345678", "Phòng Nội vụ"]])
    with pytest.raises(UserError, match="Không tìm thấy cột “Họ và tên”"):
        preview(office_units, path, "people")
    result = preview(office_units, path, "people", mapping="Tên CB=full_name, B=gender, "
                                                           "Nơi làm việc=unit, Số ĐT=")
    assert result.problems == []
    assert result.columns_used() == [("Tên CB", "Họ và tên"), ("Phái", "Giới tính"),
                                     ("Nơi làm việc", "Đơn vị")]
    with pytest.raises(UserError, match="“phone” không phải là một trường"):
        preview(office_units, path, "people", mapping="Số ĐT=phone")
    with pytest.raises(UserError, match="Không có cột “Điện thoại”"):
        preview(office_units, path, "people", mapping="Điện thoại=full_name")


def _encrypted(path: Path) -> Path:
    target = path.with_name("mat_khau.xlsx")
    with path.open("rb") as src, target.open("wb") as out:
        OOXMLFile(src).encrypt("matkhau", out)
    return target


def _truncated(path: Path) -> Path:
    data = path.read_bytes()
    target = path.with_name("hong.xlsx")
    target.write_bytes(data[: len(data) // 2])
    return target


def _not_a_sheet(path: Path) -> Path:
    target = path.with_name("ghi_chu.xlsx")
    target.write_text("Họ và tên;Ngày sinh\n", encoding="utf-8")
    return target


def _bad_member(path: Path) -> Path:
    """A zip whose worksheet part is damaged (CRC mismatch)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    data = bytearray(buf.getvalue())
    at = data.find(b"<sheetData")
    data[at + 1] ^= 0xFF
    target = path.with_name("sai_crc.xlsx")
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(("damage", "message"), [
    (_not_a_sheet, "“ghi_chu.xlsx” không phải là tệp Excel .xlsx; hãy mở bằng Excel, lưu thành "
                   "“Excel Workbook (.xlsx)” rồi nhập tệp đó."),
    (_truncated, "Tệp “hong.xlsx” bị hỏng, không đọc được; hãy mở bằng Excel, lưu lại thành "
                 ".xlsx rồi nhập bản đó."),
    (_bad_member, "Tệp “sai_crc.xlsx” bị hỏng, không đọc được; hãy mở bằng Excel, lưu lại thành "
                  ".xlsx rồi nhập bản đó."),
    (_encrypted, "Tệp “mat_khau.xlsx” có đặt mật khẩu; hãy mở bằng Excel, gỡ mật khẩu, lưu lại "
                 "rồi nhập lại."),
])
def test_a_broken_file_gives_one_sentence_and_changes_nothing(office_units, xlsx, damage,
                                                              message) -> None:
    good = xlsx([HEAD, [1, "Nguyễn Văn An", "Nam", "", "", "", ""]])
    before = count(office_units, AuditEntry)
    with pytest.raises(UserError) as caught:
        preview(office_units, damage(good), "people")
    assert str(caught.value) == message
    assert count(office_units, AuditEntry) == before


def test_sheets_that_hold_nothing(office_units, xlsx) -> None:
    path = xlsx([HEAD, [1, "Nguyễn Văn An", "Nam"]], **{"Trống": [], "Chỉ tiêu đề": [HEAD]})
    with pytest.raises(UserError) as caught:
        preview(office_units, path, "people", sheet="Trống")
    assert str(caught.value) == ("Trang tính “Trống” của “danh_sach.xlsx” không có dữ liệu; "
                                 "hãy chọn trang tính có danh sách.")
    with pytest.raises(UserError, match="có tiêu đề cột nhưng không có dòng nào"):
        preview(office_units, path, "people", sheet="Chỉ tiêu đề")
    with pytest.raises(UserError) as caught:
        preview(office_units, path, "people", sheet="Năm 2023")
    assert str(caught.value) == ("Không có trang tính “Năm 2023” trong “danh_sach.xlsx”; các "
                                 "trang tính là: Danh sách, Trống, Chỉ tiêu đề.")
    with pytest.raises(UserError, match="Không nhận ra tiêu đề cột nào"):
        preview(office_units, xlsx([["a", "b"], [1, 2]], name="khac.xlsx"), "people")
    assert count(office_units, Person) == 0


def test_units_come_in_parent_order_and_kinds_are_read_or_guessed(office_units, xlsx) -> None:
    path = xlsx([
        ["Tên đơn vị", "Loại đơn vị", "Đơn vị cấp trên", "Mã"],
        ["Thôn 3", "", "UBND xã Đức Hạnh", "T3"],
        ["UBND xã Đức Hạnh", "UBND cấp xã", "", "DH"],
        ["Trường Tiểu học Kim Đồng", "", "", ""],
        ["Hội Chữ thập đỏ xã", "Hội đặc thù", "UBND xã Đức Hạnh", ""],
        ["Phòng Nội vụ", "Cơ quan chuyên môn", "", ""],
        ["Đội văn nghệ", "", "", ""],
        ["Thôn 4", "Thôn, tổ dân phố", "UBND xã Không Có", ""],
        ["Thôn 3", "Thôn, tổ dân phố", "", ""],
    ])
    result = preview(office_units, path, "units")
    assert [str(p) for p in result.problems] == [
        "Dòng 6, cột “Tên đơn vị”: Đơn vị “Phòng Nội vụ” đã có; hãy bỏ dòng này, hoặc đặt tên "
        "khác cho đơn vị mới.",
        "Dòng 7, cột “Loại đơn vị”: Thiếu loại đơn vị và không đoán được từ tên; hãy ghi loại, "
        "ví dụ “Cơ quan chuyên môn”.",
        "Dòng 8, cột “Đơn vị cấp trên”: Không có đơn vị “UBND xã Không Có”; hãy nhập danh sách "
        "đơn vị trước, hoặc ghi tên đúng như trong danh sách đơn vị.",
        "Dòng 9, cột “Tên đơn vị”: “Thôn 3” đã có ở dòng 2; chỉ giữ một trong hai dòng.",
    ]
    assert apply(office_units, result, valid_only=True) == 4
    with office_units.reading() as session:
        units = {u.name: u for u in session.scalars(select(Unit))}
        assert units["Thôn 3"].kind == "thon_to_dan_pho"
        assert units["Thôn 3"].parent.name == "UBND xã Đức Hạnh"
        assert units["Hội Chữ thập đỏ xã"].parent.name == "UBND xã Đức Hạnh"
        assert units["Trường Tiểu học Kim Đồng"].kind == "don_vi_su_nghiep"
        assert units["UBND xã Đức Hạnh"].code == "DH"


def test_award_history_finds_people_units_and_award_forms(office_units, xlsx) -> None:
    svc = office_units
    with svc.reading() as session:
        noi_vu = session.scalar(select(Unit.id).where(Unit.name == "Phòng Nội vụ"))
    an = svc.people.create(PersonInput("Nguyễn Văn An", "nam", cccd="001080012345",
                                       unit_id=noi_vu))
    binh = svc.people.create(PersonInput("Trần Thị Bình", "nu", birth_date=date(1985, 4, 5)))
    svc.people.create(PersonInput("Trần Thị Bình", "nu", birth_date=date(1990, 1, 1)))
    path = xlsx([
        ["Họ và tên", "Số CCCD", "Ngày sinh", "Đơn vị", "Năm", "Hình thức khen thưởng",
         "Số quyết định", "Ngày quyết định"],
        ["Nguyễn Văn An", "001080012345", "", "", 2022, "CSTĐ cơ sở", "15/QĐ-UBND", "10/01/2023"],
        ["Nguyễn Văn An", "001080012345", "", "", 2023, "Bằng khen UBND tỉnh", "", ""],
        ["Trần Thị Bình", "", "05/04/1985", "", "2023", "LĐTT", "", ""],
        ["", "", "", "Phòng Nội vụ", 2023, "Tập thể lao động tiên tiến", "", ""],
        ["Trần Thị Bình", "", "", "", 2023, "Lao động tiên tiến", "", ""],
        ["Lê Văn Cường", "", "", "", 2023, "Lao động tiên tiến", "", ""],
        ["Nguyễn Văn An", "001080012345", "", "", 2021, "Huy hiệu thi đua", "", ""],
        ["Nguyễn Văn An", "001080012345", "", "", 2023, "Giấy khen", "", "01/06/2022"],
        ["Nguyễn Văn An", "001080012345", "", "", 2022, "Chiến sĩ thi đua cơ sở", "", ""],
    ])
    result = preview(svc, path, "awards")
    assert [str(p) for p in result.problems] == [
        "Dòng 6, cột “Họ và tên”: Có nhiều người tên “Trần Thị Bình”; hãy ghi thêm số CCCD hoặc "
        "ngày sinh.",
        "Dòng 7, cột “Họ và tên”: Không có “Lê Văn Cường” trong cơ sở dữ liệu; hãy nhập danh "
        "sách cá nhân trước, hoặc ghi tên đúng như trong danh sách.",
        "Dòng 8, cột “Hình thức khen thưởng”: “Huy hiệu thi đua” không có trong danh mục khen "
        "thưởng; hãy ghi tên như trong danh mục, ví dụ “Chiến sĩ thi đua cơ sở”.",
        "Dòng 9, cột “Ngày quyết định”: Ngày ký quyết định không được trước năm được khen "
        "thưởng.",
        "Dòng 10, cột “Hình thức khen thưởng”: Cùng hình thức khen thưởng của cùng năm đã có ở "
        "dòng 2; chỉ giữ một trong hai dòng.",
    ]
    assert apply(svc, result, valid_only=True) == 4
    history = [(a.award_code, a.award_name, a.year, a.decision_symbol, a.source)
               for a in svc.facts.history(Subject.person(an.id))]
    assert history == [
        ("CSTDCS", "Chiến sĩ thi đua cơ sở", 2022, "15/QĐ-UBND", "imported"),
        ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 2023, "", "imported"),
    ]
    assert [a.award_code for a in svc.facts.history(Subject.person(binh.id))] == ["LDTT"]
    assert [a.award_code for a in svc.facts.history(Subject.unit(noi_vu))] == ["TTLDTT"]

    again = preview(svc, path, "awards")  # the same sheet twice does not double the history
    assert {str(p) for p in again.problems} >= {
        "Dòng 2, cột “Hình thức khen thưởng”: Hình thức khen thưởng này của năm 2022 đã được ghi "
        "nhận; hãy bỏ dòng này."}
    assert again.valid == []
    assert count(svc, AwardRecord) == 4
