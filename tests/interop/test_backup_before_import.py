"""An Excel import is preceded by a verified backup of the database as it was; a refused one
makes none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.errors import UserError
from desktop.interop.xlsx_import import apply, preview
from tests.reliability.backup_checks import counts, intact

HEAD = ["Họ và tên", "Giới tính", "Đơn vị"]


def test_an_excel_import_first_backs_up_the_state_before_it(
    office_units: Any, xlsx: Callable[..., Path],
) -> None:
    services = office_units
    live = services.db.path
    folder = services.backups.folder()
    bad = preview(services, xlsx([HEAD, ["Ngô Văn Lực", "không rõ", "Phòng Nội vụ"]]), "people")
    with pytest.raises(UserError):
        apply(services, bad)
    assert list(folder.glob("*.sqlite3")) == []
    before = counts(live)
    good = preview(services, xlsx([HEAD, ["Ngô Văn Lực", "Nam", "Phòng Nội vụ"],
                                   ["Hà Thị Thu", "Nữ", "UBND xã Nhân Cơ"]]), "people")
    assert apply(services, good) == 2
    made = list(folder.glob(f"{live.stem}-truoc-khi-nhap-*.sqlite3"))
    assert len(made) == 1 and intact(made[0]) and counts(made[0]) == before
    assert counts(live)["person"] == before["person"] + 2
