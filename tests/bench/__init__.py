"""Benchmarks, run by `python3 dev.py bench` (not by the test suite).

Each `bench_*.py` module has `run() -> list[Measure]`. A measure carries its own baseline,
measured in the same run on the same machine, so the ratio means something on a noisy host.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Measure:
    name: str  # what was measured
    value: float  # the measurement (seconds unless `unit` says otherwise)
    unit: str  # "s", "ms", "MB", "pages/s"…
    baseline: float | None  # the same kind of work done the simplest way, in the same run
    baseline_name: str  # what the baseline is
    target: str  # the target from the issues, in words ("< 5 s", "≥ 10× baseline")
    ok: bool  # whether the target is met

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.value / self.baseline

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio}
