"""SIGKILL the writer at random moments: the file stays whole and every reported write is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.reliability import crash


def test_ten_kills_lose_nothing_committed_and_leave_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "ben.sqlite3"
    crash.prepare(path)
    outcome = crash.run(path, kills=10, seed=7)
    assert outcome.failures == []
    assert outcome.kills == 10
    assert outcome.committed > 0  # the kills landed among writes, not before the first

    # The check sees a half-applied write: a nomination whose audit row is gone.
    con = sqlite3.connect(path)
    with con:
        nid = con.execute("SELECT id FROM nomination LIMIT 1").fetchone()[0]
        con.execute("DELETE FROM audit_log WHERE action = 'nomination.create' "
                    "AND replace(entity_id, '-', '') = ?", (nid,))
    con.close()
    assert crash.check(path, [], outcome.leaves) == [f"nomination {nid} without its audit row"]


@pytest.mark.slow
def test_two_hundred_kills(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("200 kills take minutes: run with -m slow, or python3 dev.py bench")
    path = tmp_path / "ben.sqlite3"
    crash.prepare(path)
    outcome = crash.run(path, kills=200, seed=11)
    assert outcome.failures == []
    assert outcome.kills == 200
