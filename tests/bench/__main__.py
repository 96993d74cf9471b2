"""Run every benchmark module, print one table, write bench-results.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from tests.bench import Measure

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    wanted = set(argv)
    package = Path(__file__).parent
    measures: list[Measure] = []
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if wanted and info.name.removeprefix("bench_") not in wanted:
            continue
        started = time.perf_counter()
        print(f"… {info.name}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"tests.bench.{info.name}")
            measures.extend(module.run())
        except Exception:  # noqa: BLE001 - one broken bench must not hide the others' rows
            traceback.print_exc()
            measures.append(Measure(name=f"{info.name}: did not run (see above)", value=0.0,
                                    unit="", baseline=None, baseline_name="", target="runs",
                                    ok=False))
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    header = f"{'measure':46} {'value':>12} {'baseline':>12} {'ratio':>8}  {'target':24} ok"
    print(header)
    print("-" * len(header))
    for m in measures:
        base = f"{m.baseline:.4g}" if m.baseline is not None else "-"
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "-"
        print(f"{m.name[:46]:46} {m.value:>10.4g} {m.unit:1} {base:>12} {ratio:>8}  "
              f"{m.target[:24]:24} {'yes' if m.ok else 'NO'}")
    (ROOT / "bench-results.json").write_text(
        json.dumps([m.as_dict() for m in measures], ensure_ascii=False, indent=2),
        encoding="utf-8")
    return 0 if all(m.ok for m in measures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
