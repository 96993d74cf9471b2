"""The child of the crash harness: a stream of real service-layer writes on one database file.

    python -m tests.reliability.writer DATABASE SEED [PACKAGES.json]

Nominations, scores and, with a list of packages (tests/reliability/packages.py), the import of
the next package not received yet. Before each write it prints `begin {…}`, after its commit
`done {…}`, one JSON line each, flushed, so the parent that kills it knows what was committed
and what was in flight.
"""

from __future__ import annotations

import json
import random
import sys
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from desktop.core.people import PersonInput
from desktop.core.scoring import ScoreInput
from desktop.core.service import Services, Subject
from desktop.exchange import keys, package
from desktop.exchange.service import ExchangeService
from desktop.store.database import open_database
from desktop.store.models import NominationRound, TargetGroup
from tests.reliability import packages

ROUND = "Đợt thử độ bền"

UNIT_PREFIX = "Đơn vị thử "


def _say(word: str, data: dict[str, object]) -> None:
    sys.stdout.write(f"{word} {json.dumps(data, ensure_ascii=False)}\n")
    sys.stdout.flush()


def _next_package(services: Services, pool: list[dict[str, object]]) -> dict[str, object] | None:
    exchange = ExchangeService(services)
    return next((p for p in pool if exchange.received(str(p["package_id"])) is None), None)


def main(path: Path, seed: int, listing: Path | None) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    services = Services(db, actor="ghi liên tục")
    pool = packages.load(listing)
    own = keys.load_public().fingerprint if pool else None
    with services.reading() as session:
        round_id = session.scalars(
            select(NominationRound.id).where(NominationRound.name == ROUND)).one()
        group_id = session.scalars(
            select(TargetGroup.id).where(TargetGroup.subject_kind == "tap_the")).first()
    leaves = services.movements.criteria_leaves(group_id)
    _say("ready", {"leaves": len(leaves)})
    n = 0
    while True:
        n += 1
        tag = f"{seed}-{n}"
        draw = rng.random()
        # Each life starts with an import (while packages remain), so kills land among them.
        chosen = _next_package(services, pool) if draw >= 0.6 or n == 1 else None
        if chosen is not None:
            _say("begin", {"op": "import", "package": chosen["package_id"]})
            summary = ExchangeService(services).apply(
                package.read(Path(str(chosen["file"]))), own_fingerprint=own)
            _say("done", {"op": "import", "package": summary.package_id})
        elif draw < 0.3:
            _say("begin", {"op": "nomination", "tag": tag})
            with services.transaction():
                person = services.people.create(PersonInput(f"Người thử {tag}", "nu"))
                nom = services.rounds.nominate(round_id, Subject.person(person.id), "GIAY_KHEN")
            _say("done", {"op": "nomination", "person": person.id.hex, "nomination": nom.id.hex})
        else:
            _say("begin", {"op": "scores", "tag": tag})
            with services.transaction():
                unit = services.units.create(name=UNIT_PREFIX + tag, kind="co_quan_chuyen_mon")
                services.scoring.set_scores(
                    ScoreInput(c.id, Subject.unit(unit.id), 2025,
                               self_points=Decimal(rng.randint(0, int(c.max_points))))
                    for c in leaves)
            _say("done", {"op": "scores", "unit": unit.id.hex})


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
