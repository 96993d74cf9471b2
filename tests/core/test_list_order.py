"""The big lists sort in Vietnamese order and find names without diacritics, on both backends.

The PostgreSQL test server's own collation is Vietnamese (ICU vi-VN), which would reorder the
stored sort keys: the program must not depend on the database's collation.
"""

from __future__ import annotations

from desktop.core.lists import PeopleQuery, UnitsQuery
from desktop.core.people import PersonInput
from desktop.core.service import Services
from desktop.core.text import sort_key

NAMES = ["Đào Văn Ân", "Dương Thị Ánh", "Ông Văn Bình", "Ưng Thị Hoa", "An Văn Zô",
         "Ăn Thị Lan", "Âu Văn Minh", "Uyên Thị Ơn", "Oanh Thị Nga", "Nguyễn Văn Đức",
         "nguyễn văn an", "Nguyễn Văn Anh", "Zô Văn A", "Bùi Thị Ánh"]


def test_people_list_is_in_vietnamese_order_and_searchable(services: Services) -> None:
    for i, name in enumerate(NAMES):
        services.people.create(PersonInput(name, "nam" if i % 2 else "nu"))
    query = PeopleQuery(services.db)
    listed = query.rows(query.ids(sort=0))
    in_order = [listed[k].full_name for k in query.ids(sort=0)]
    paged = [row.full_name for _key, row in query.page("", 0, False, 0, 100)]
    # people sort by given name first (Vietnamese custom); the list says the same as Python
    assert in_order == paged
    assert [listed[k].full_name for k in query.ids(sort=0, descending=True)] == in_order[::-1]
    assert set(in_order) == set(NAMES)
    found = query.rows(query.ids("nguyen van"))
    assert sorted(r.full_name for r in found.values()) == sorted(
        ["Nguyễn Văn Đức", "nguyễn văn an", "Nguyễn Văn Anh"])
    assert [r.full_name for r in query.rows(query.ids("ĐÀO")).values()] == ["Đào Văn Ân"]
    assert query.count("van") == 8


def test_units_list_is_in_vietnamese_order(services: Services) -> None:
    names = ["Ban Đối ngoại", "Ban Dân vận", "Ủy ban Mặt trận", "Uỷ ban Kiểm tra", "Ban Ăn uống",
             "Ban An ninh", "Ban Âm nhạc", "Trường Ơn", "Trường Ông", "Ưng Hòa", "Tổ 10",
             "Tổ 2", "Tổ 1", "Thôn A", "Thôn Á"]
    for name in names:
        services.units.create(name=name, kind="co_quan_chuyen_mon")
    query = UnitsQuery(services.db)
    rows = query.rows(query.ids(sort=0))
    listed = [rows[k].name for k in query.ids(sort=0)]
    assert listed == sorted(listed, key=sort_key)
    assert listed[:3] == ["Ban An ninh", "Ban Ăn uống", "Ban Âm nhạc"]
    assert listed.index("Ban Dân vận") < listed.index("Ban Đối ngoại")  # D before Đ
    assert listed.index("Trường Ông") < listed.index("Trường Ơn")
    assert listed[-1] == "Ưng Hòa"
