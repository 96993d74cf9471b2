"""Which automatic backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months
that have one (a backup may count for a day, its week and its month at once)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

DAILY, WEEKLY, MONTHLY = 7, 4, 12


def to_keep(made: Iterable[datetime]) -> set[datetime]:
    newest_first = sorted(set(made), reverse=True)
    keep: set[datetime] = set()
    for period, count in (
        (lambda t: t.date(), DAILY),
        (lambda t: t.isocalendar()[:2], WEEKLY),
        (lambda t: (t.year, t.month), MONTHLY),
    ):
        seen: list[object] = []
        for when in newest_first:
            key = period(when)
            if key not in seen:
                seen.append(key)
                if len(seen) > count:
                    break
                keep.add(when)
    return keep
