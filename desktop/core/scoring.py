"""Scores per criterion, totals and ranking."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from desktop.core import validate
from desktop.core.service import Part, Subject
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.bulk import bulk_insert
from desktop.store.models import Criterion, Score, TargetGroup


@dataclass
class ScoreInput:
    criterion_id: uuid.UUID
    subject: Subject
    year: int
    self_points: Decimal | None = None
    verified_points: Decimal | None = None
    result_value: Decimal | None = None
    evidence: str = ""
    verifier: str = ""


def _check_points(points: Decimal | None, maximum: Decimal, name: str) -> None:
    if points is not None and not Decimal(0) <= points <= maximum:
        raise UserError(
            _("Points for “{criterion}” must be between 0 and {max}.").format(
                criterion=name[:60], max=maximum
            )
        )


class ScoringService(Part):
    def set_scores(self, scores: Iterable[ScoreInput]) -> int:
        items = list(scores)
        with self._tx() as session:
            crit_ids = {s.criterion_id for s in items}
            criteria: dict[uuid.UUID, Any] = {}
            for start in range(0, len(crit_ids), 900):
                chunk = list(crit_ids)[start:start + 900]
                for row in session.execute(
                    select(Criterion.id, Criterion.max_points, Criterion.name)
                    .where(Criterion.id.in_(chunk))
                ):
                    criteria[row.id] = row
            rows = []
            for s in items:
                crit = criteria.get(s.criterion_id)
                if crit is None:
                    raise UserError(_("The criterion no longer exists; refresh the list."))
                _check_points(s.self_points, crit.max_points, crit.name)
                _check_points(s.verified_points, crit.max_points, crit.name)
                rows.append({
                    "id": uuid.uuid4(), **s.subject.columns(), "criterion_id": s.criterion_id,
                    "year": validate.year(s.year), "self_points": s.self_points,
                    "verified_points": s.verified_points, "result_value": s.result_value,
                    "evidence": validate.text(s.evidence, "", required=False, max_len=4000),
                    "verifier": validate.text(s.verifier, "", required=False, max_len=120),
                })
            bulk_insert(session, Score, rows)
            self._audit(session, "score.import", entity="score", after={"count": len(rows)},
                        summary=_("{n} scores entered").format(n=len(rows)))
        return len(rows)

    def totals(self, target_group_id: uuid.UUID, year: int) -> list[tuple[uuid.UUID, Decimal]]:
        """Verified totals per unit (self points where not yet appraised), best first."""
        with self.services.reading() as session:
            points = func.coalesce(Score.verified_points, Score.self_points)
            rows = session.execute(
                select(Score.unit_id, func.sum(points).label("total"))
                .join(Criterion, Criterion.id == Score.criterion_id)
                .join(TargetGroup, TargetGroup.id == Criterion.target_group_id)
                .where(TargetGroup.id == target_group_id, Score.year == year,
                       Score.unit_id.is_not(None))
                .group_by(Score.unit_id)
                .order_by(func.sum(points).desc())
            ).all()
        return [(r.unit_id, Decimal(str(r.total))) for r in rows]
