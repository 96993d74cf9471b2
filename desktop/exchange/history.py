"""What this office sent and received, newest first, read from the audit log.

Every export and import writes one audit row (`exchange.export`, `exchange.import`, and any
later whole-package action such as `exchange.receipt`); the per-record rows of an import
(`exchange.import.new`, …) are details, not history lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop.core.service import Part
from desktop.i18n import N_, _
from desktop.store.models import AuditEntry

DIRECTIONS = {
    "exchange.export": N_("Sent"),
    "exchange.import": N_("Received"),
    "exchange.receipt": N_("Receipt"),
}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    action: str
    direction: str  # translated
    package_id: str
    subject: str  # the round's name or the package kind
    counterpart: str  # recipient or sender
    detail: str  # translated one-line summary


def _detail(action: str, after: dict[str, Any]) -> str:
    if action == "exchange.export":
        return _("number {seq}, file {path}").format(seq=after.get("sequence", "?"),
                                                     path=after.get("path", ""))
    if action == "exchange.import":
        return _("number {seq}: {new} new, {changed} changed, {conflicts} conflicts").format(
            seq=after.get("sequence", "?"), new=after.get("new", 0),
            changed=after.get("changed", 0), conflicts=after.get("conflicts", 0))
    return ""


def history_rows(entries: list[AuditEntry]) -> list[HistoryRow]:
    rows = []
    for e in entries:
        after = e.after or {}
        counterpart = str(after.get("recipient") or after.get("sender") or "")
        direction = DIRECTIONS.get(e.action)
        rows.append(HistoryRow(
            at=e.at, action=e.action, direction=_(direction) if direction else e.action,
            package_id=e.entity_id, subject=e.summary, counterpart=counterpart,
            detail=_detail(e.action, after)))
    return rows


class ExchangeHistory(Part):
    def rows(self, limit: int = 1000) -> list[HistoryRow]:
        with self.services.reading() as session:
            entries = list(session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.like("exchange.%"),
                       AuditEntry.entity == "package")
                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                .limit(limit)))
            return history_rows(entries)
