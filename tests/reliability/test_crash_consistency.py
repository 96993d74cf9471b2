"""SIGKILL the writer at random moments: the file stays whole and every reported write is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.reliability import crash


def test_ten_kills_lose_nothing_committed_and_leave_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "ben.sqlite3"
    listing = crash.prepare(path, packages=8)
    outcome = crash.run(path, kills=10, seed=7, max_delay=1.0, listing=listing)
    assert outcome.failures == []
    assert outcome.kills == 10
    assert outcome.committed > 0  # the kills landed among writes, not before the first
    assert outcome.imports > 0  # packages were imported among them

    # The check sees a half-applied write: a nomination whose audit row is gone.
    con = sqlite3.connect(path)
    with con:
        nid = con.execute("SELECT id FROM nomination LIMIT 1").fetchone()[0]
        con.execute("DELETE FROM audit_log WHERE action IN ('nomination.create', "
                    "'exchange.import.new') AND replace(entity_id, '-', '') = ?", (nid,))
    con.close()
    assert crash.check(path, [], outcome.leaves) == [f"nomination {nid} without its audit row"]

    # And a package whose note of receipt is gone while its records stay.
    pool = crash.pkgs.load(listing)
    con = sqlite3.connect(path)
    with con:
        pid = con.execute("SELECT substr(key, 6) FROM app_meta WHERE key LIKE 'xpkg:%' "
                          "LIMIT 1").fetchone()[0]
        con.execute("DELETE FROM app_meta WHERE key = ?", (f"xpkg:{pid}",))
    con.close()
    assert [p for p in crash.check(path, [], outcome.leaves, pool) if "package" in p] == [
        f"package {pid} half imported: 4 of 4 records, note False, audit True"]


@pytest.mark.slow
def test_two_hundred_kills(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("200 kills take minutes: run with -m slow, or python3 dev.py bench")
    path = tmp_path / "ben.sqlite3"
    listing = crash.prepare(path, packages=60)
    outcome = crash.run(path, kills=200, seed=11, max_delay=1.0, listing=listing)
    assert outcome.failures == []
    assert outcome.kills == 200
