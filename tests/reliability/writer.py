"""The child of the crash harness: a stream of real service-layer writes on one database file.

    python -m tests.reliability.writer DATABASE SEED

Before each write it prints `begin {…}`, after its commit `done {…}`, one JSON line each,
flushed, so the parent that kills it knows what was committed and what was in flight.
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
from desktop.store.database import open_database
from desktop.store.models import NominationRound, TargetGroup

UNIT_PREFIX = "Đơn vị thử "


def _say(word: str, data: dict[str, object]) -> None:
    sys.stdout.write(f"{word} {json.dumps(data, ensure_ascii=False)}\n")
    sys.stdout.flush()


def main(path: Path, seed: int) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    services = Services(db, actor="ghi liên tục")
    with services.reading() as session:
        round_id = session.scalars(select(NominationRound.id)).one()
        group_id = session.scalars(
            select(TargetGroup.id).where(TargetGroup.subject_kind == "tap_the")).first()
    leaves = services.movements.criteria_leaves(group_id)
    _say("ready", {"leaves": len(leaves)})
    n = 0
    while True:
        n += 1
        tag = f"{seed}-{n}"
        if rng.random() < 0.5:
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
    main(Path(sys.argv[1]), int(sys.argv[2]))
