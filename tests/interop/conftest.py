"""Real .xlsx files written with openpyxl, and a database with a few units to import into."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

Rows = Sequence[Sequence[Any]]


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (one list per sheet row) to an .xlsx file; other sheets by keyword."""

    def write(rows: Rows, name: str = "danh_sach.xlsx", sheet: str = "Danh sách",
              **others: Rows) -> Path:
        book = Workbook()
        first = book.active
        first.title = sheet
        for row in rows:
            first.append(list(row))
        for title, more in others.items():
            extra = book.create_sheet(title)
            for row in more:
                extra.append(list(row))
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def office_units(services):  # type: ignore[no-untyped-def]
    """Two units the sheets refer to."""
    services.units.create(name="Phòng Nội vụ", kind="co_quan_chuyen_mon")
    services.units.create(name="UBND xã Nhân Cơ", kind="ubnd_cap_xa")
    return services


def count(services: Any, model: Any) -> int:
    with services.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)))
