"""Crash consistency: 200 SIGKILLs of a process writing through the services (issue 10).

The writer makes nominations and scores and imports small real packages (each one all there or
not at all after a kill). Value: kills checked per second (start, random delay, kill, integrity
and content checks). Baseline, in the same run: starting the same writer and killing it at once
(starts per second). Target: 200 kills, no failure.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench import Measure
from tests.reliability import crash

KILLS = 200
PACKAGES = 60


def run() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ben.sqlite3"
        listing = crash.prepare(path, packages=PACKAGES)
        baseline = crash.run(path, kills=10, seed=3, max_delay=0.0)
        outcome = crash.run(path, kills=KILLS, seed=11, max_delay=1.0, listing=listing)
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
        Measure(name="crash: package imports committed", value=outcome.imports, unit="",
                baseline=None, baseline_name="", target="> 0, each whole",
                ok=outcome.imports > 0 and not outcome.failures),
    ]
