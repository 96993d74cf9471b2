"""The province on PostgreSQL: a consolidated import and the test suite's per-test databases.

1. Dossier packages from 60 commune offices, 20 nominees each (made first, not timed), imported
   into one PostgreSQL database; baseline: the same packages into one SQLite file, in the same
   run.
2. A fresh database for one test: CREATE DATABASE … TEMPLATE of a migrated template, against
   the baseline of what the SQLite tests do (a new file, migrated).

Runs only where PostgreSQL's binaries are (tests/postgres.py finds them).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop import paths
from desktop.core.service import Services
from desktop.exchange import keys, package
from desktop.exchange.service import ExchangeService
from desktop.store.database import open_database
from tests.bench import Measure
from tests.exchange.conftest import set_up_province
from tests.exchange.offices import Sent, send_from_offices
from tests.postgres import start_server

OFFICES, NOMINEES = 60, 20
CLONES = 20


def _import_all(url: str, sent: list[Sent], province_home: Path) -> float:
    paths.set_home(province_home)
    with open_database(url) as db:
        set_up_province(db)
        exchange = ExchangeService(Services(db, actor="Chuyên viên Sở"))
        own = keys.load_public().fingerprint
        started = time.perf_counter()
        for s in sent:
            exchange.apply(package.read(s.path, lambda: ""), own_fingerprint=own)
        return time.perf_counter() - started


def _median(fn: Callable[[int], None]) -> float:
    times = []
    for i in range(CLONES):
        started = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run() -> list[Measure]:
    server = start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            sent = send_from_offices(folder, folder / "tinh", OFFICES, NOMINEES)
            on_server = _import_all(server.url(server.create()), sent, folder / "tinh")
            in_file = _import_all(str(folder / "tinh.sqlite3"), sent, folder / "tinh")

            template = server.template("schema", lambda url: open_database(url).close())
            clone = _median(lambda i: server.create(template))
            migrate = _median(lambda i: open_database(folder / f"t{i}.sqlite3").close())
    finally:
        paths.set_home(None)
        server.stop()
    return [
        Measure(name=f"import {OFFICES} offices × {NOMINEES} on PostgreSQL", value=on_server,
                unit="s", baseline=in_file,
                baseline_name="the same into SQLite (a verified backup before each import)",
                target="≤ 3× SQLite", ok=on_server <= 3 * in_file),
        Measure(name="a test's fresh PostgreSQL database", value=clone * 1000, unit="ms",
                baseline=migrate * 1000, baseline_name="a new SQLite file, migrated",
                target="≤ 2× SQLite", ok=clone <= 2 * migrate),
    ]
