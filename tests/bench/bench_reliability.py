"""Crash consistency: 200 SIGKILLs of a process writing through the services (issue 10).

Value: kills checked per second (start, random delay, kill, integrity and content checks).
Baseline, in the same run: starting the same writer and letting it write, without kills
or checks (starts per second). Target: 200 kills, no failure.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench import Measure
from tests.reliability import crash

KILLS = 200


def run() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ben.sqlite3"
        crash.prepare(path)
        baseline = crash.run(path, kills=10, seed=3, max_delay=0.0)
        outcome = crash.run(path, kills=KILLS, seed=11)
    for failure in outcome.failures[:20]:
        print(f"  crash failure: {failure}")
    return [
        Measure(name=f"crash: {outcome.kills} SIGKILLs checked", value=outcome.kills /
                outcome.seconds, unit="kills/s", baseline=baseline.kills / baseline.seconds,
                baseline_name="kills at once after start", target="200 kills, 0 failures",
                ok=outcome.kills == KILLS and not outcome.failures),
        Measure(name="crash: failures after the kills", value=len(outcome.failures), unit="",
                baseline=None, baseline_name="", target="0",
                ok=not outcome.failures),
        Measure(name="crash: writes reported committed", value=outcome.committed, unit="",
                baseline=None, baseline_name="", target="> 0, all kept",
                ok=outcome.committed > 0 and not outcome.failures),
    ]
