"""Excel interop at 10,000 people: import (TCVN3/VNI cells included), export; vs openpyxl."""

from __future__ import annotations

import random
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from desktop import paths
from desktop.core.service import Services
from desktop.interop.legacy_text import TCVN3, VNI, encode, fix_legacy
from desktop.interop.xlsx_export import export_list
from desktop.interop.xlsx_import import apply, preview
from desktop.store.database import open_database
from tests.bench import Measure

N = 10_000
HEAD = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chức vụ", "Đơn vị"]


def _timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _sheet(path: Path, units: list[str]) -> None:
    names = tomllib.loads(paths.resource("demo", "names.toml").read_text(encoding="utf-8"))
    rng = random.Random(2024)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(HEAD)
    for i in range(N):
        sex = rng.choice(["male", "female"])
        name = " ".join((rng.choice(names["family"]["names"]), rng.choice(names[sex]["middle"]),
                         rng.choice(names[sex]["given"])))
        legacy = rng.random()
        if legacy < 0.2:
            name = encode(name, TCVN3)
        elif legacy < 0.3:
            name = encode(name, VNI)
        sheet.append([i + 1, name, "Nam" if sex == "male" else "Nữ",
                      date(1960, 1, 1) + timedelta(days=rng.randrange(15000)),
                      f"0{rng.randrange(10**10, 10**11)}", "Chuyên viên", rng.choice(units)])
    book.save(path)


def _read_only(path: Path) -> None:
    book = load_workbook(path, read_only=True, data_only=True)
    for _row in book.active.iter_rows(values_only=True):
        pass
    book.close()


def _write_only(rows: list[list[Any]], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    for row in rows:
        sheet.append(row)
    book.save(path)


def run() -> list[Measure]:
    out: list[Measure] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths.set_home(folder / "home")
        with open_database(folder / "db.sqlite3") as db:
            services = Services(db, actor="bench")
            units = [f"Phòng {i}" for i in range(1, 21)]
            for name in units:
                services.units.create(name=name, kind="co_quan_chuyen_mon")
            sheet = folder / "ca_nhan.xlsx"
            _sheet(sheet, units)
            base_read = _timed(lambda: _read_only(sheet))
            result: list[Any] = []
            checked = _timed(lambda: result.append(preview(services, sheet, "people")))
            # Targets are ratios: on this shared machine the wall clock says more about the load.
            out.append(Measure(f"excel preview, {N:,} people (30% TCVN3/VNI)", checked, "s",
                               base_read, "openpyxl read-only read", "≤ 3× baseline",
                               checked <= 3 * base_read))
            imported = _timed(lambda: apply(services, result[0]))
            out.append(Measure(f"excel import after preview, {N:,} people", imported, "s",
                               None, "", "< 5 s", imported < 5))
            out.append(Measure("excel cells converted from TCVN3/VNI", result[0].converted_total,
                               "cells", None, "", "≥ 95% of 3,000 legacy names",
                               result[0].converted_total >= 0.95 * 0.3 * N))
            target = folder / "xuat.xlsx"
            exported = _timed(lambda: export_list(services, "people", target))
            rows = [list(r) for r in load_workbook(target, read_only=True).active.iter_rows(
                values_only=True)]
            base_write = _timed(lambda: _write_only(rows, folder / "raw.xlsx"))
            out.append(Measure(f"excel export, {N:,} people", exported, "s", base_write,
                               "openpyxl write-only dump", "≤ 3× baseline",
                               exported <= 3 * base_write))
        legacy = [encode(f"Nguyễn Thị Hồng {i}", TCVN3) for i in range(2000)]
        per_cell = _timed(lambda: [fix_legacy(t) for t in legacy]) / len(legacy)
        plain = _timed(lambda: [t.encode("cp1252", "replace") for t in legacy]) / len(legacy)
        out.append(Measure("legacy detection per TCVN3 cell", per_cell * 1e6, "µs", plain * 1e6,
                           "cp1252 encode of the cell", "< 200 µs", per_cell < 2e-4))
        paths.set_home(None)
    return out
