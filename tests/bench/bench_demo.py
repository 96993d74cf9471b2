"""Demo database build time (default size and 100,000 people), and the people list at 100,000."""

from __future__ import annotations

import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from desktop import paths
from desktop.core.demo import build_demo
from desktop.core.lists import PeopleQuery
from desktop.store.database import open_database
from tests.bench import Measure


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _raw_people(path: Path, n: int) -> None:
    """Baseline: the same number of person-sized rows with plain sqlite3 executemany."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE p (id TEXT PRIMARY KEY, name TEXT, key TEXT, sort TEXT, cccd TEXT)")
    con.executemany("INSERT INTO p VALUES (?,?,?,?,?)",
                    ((uuid.uuid4().hex, f"Nguyễn Văn {i}", f"nguyen van {i}", f"{i:08d}",
                      f"{i:012d}") for i in range(n)))
    con.commit()
    con.close()


def run() -> list[Measure]:
    out: list[Measure] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths.set_home(folder / "home")
        small = _timed(lambda: build_demo(folder / "demo.sqlite3"))
        small_base = _timed(lambda: _raw_people(folder / "raw300.sqlite3", 300))
        out.append(Measure("demo build, 300 people", small, "s", small_base,
                           "raw insert of 300 rows", "< 10 s", small < 10))
        big_db = folder / "demo100k.sqlite3"
        big = _timed(lambda: build_demo(big_db, size=100_000))
        big_base = _timed(lambda: _raw_people(folder / "raw100k.sqlite3", 100_000))
        out.append(Measure("demo build, 100,000 people", big, "s", big_base,
                           "raw insert of 100,000 rows", "works (no target)", True))
        out.append(Measure("demo database size, 100,000 people",
                           big_db.stat().st_size / 1e6, "MB", None, "", "(reported)", True))
        with open_database(big_db) as db:
            query = PeopleQuery(db)
            ids_all = _timed(lambda: query.ids())
            con = sqlite3.connect(big_db)
            raw = _timed(lambda: con.execute(
                "SELECT id FROM person ORDER BY sort_key").fetchall())
            out.append(Measure("people list ids, 100,000, sorted", ids_all * 1000, "ms",
                               raw * 1000, "raw sqlite3 SELECT", "< 100 ms", ids_all < 0.1))
            for text in ("nguyen van", "Thị Hồng", "067"):
                t = _timed(lambda text=text: query.ids(text))
                key = text.lower()
                r = _timed(lambda key=key: con.execute(
                    "SELECT id FROM person WHERE search_key LIKE ? ORDER BY sort_key",
                    (f"%{key}%",)).fetchall())
                out.append(Measure(f"people filter «{text}», 100,000", t * 1000, "ms",
                                   r * 1000, "raw sqlite3 LIKE", "< 100 ms", t < 0.1))
            con.close()
        paths.set_home(None)
    return out
