"""Copy the award catalogue and base-salary table from resources/ into the database.

The database keeps the rows it priced decisions with; syncing adds and updates rows but never
deletes one, so old decisions stay explainable.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.catalogue import Catalogue, CatalogueError, load_catalogue
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import AwardType, BaseSalary


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


class CatalogueService(Part):
    def load(self, folder: Path | None = None) -> Catalogue:
        try:
            return load_catalogue(folder)
        except CatalogueError as exc:
            raise UserError(str(exc)) from exc

    def sync(self, folder: Path | None = None) -> tuple[int, int]:
        """Upsert award types and base salaries; returns (award rows, salary rows) written."""
        catalogue = self.load(folder)
        with self._tx() as session:
            existing = {(a.code, a.effective_from): a for a in session.scalars(select(AwardType))}
            for award in catalogue.awards:
                data = _plain(dataclasses.asdict(award))
                row = existing.get((award.code, award.effective_from))
                if row is None:
                    row = AwardType(code=award.code, effective_from=award.effective_from)
                    session.add(row)
                row.name = award.name
                row.category = award.category
                row.subject_kinds = list(award.subject_kinds)
                row.legal_source = award.legal_source
                row.effective_to = award.effective_to
                row.data = data
            salaries = {s.effective_from: s for s in session.scalars(select(BaseSalary))}
            for sal in catalogue.base_salaries:
                srow = salaries.get(sal.effective_from)
                if srow is None:
                    srow = BaseSalary(effective_from=sal.effective_from)
                    session.add(srow)
                srow.amount = sal.amount
                srow.legal_source = sal.legal_source
                srow.note = sal.note
            self._audit(session, "catalogue.sync", entity="award_type",
                        after={"awards": len(catalogue.awards),
                               "base_salaries": len(catalogue.base_salaries)},
                        summary=_("Award catalogue updated"))
        return len(catalogue.awards), len(catalogue.base_salaries)
