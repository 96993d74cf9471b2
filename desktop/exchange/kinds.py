"""What the upper level sends back: returned nominations (trả lại) and decisions (quyết định).

Both carry full records by UUID so the receiver can check them against the schema, but the
receiver applies them through its own workflow: a returned or decided nomination changes status
with `RoundService.change_status`, never by overwriting the row.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.exchange import records as rec
from desktop.exchange.package import Contents
from desktop.store import models as m
from desktop.store.kinds import NominationStatus as S

RETURN = "tra-lai"
DECISION = "quyet-dinh"
DOSSIER = "ho-so-de-nghi"
RECEIPT = "bien-nhan"
# The statuses each kind may bring to a nomination.
STATUS_OF_KIND = {RETURN: {S.TRA_LAI.value},
                  DECISION: {S.DA_QUYET_DINH.value, S.KHONG_DAT.value}}
# The decision tables a quyết định package inserts as records.
DECISION_TABLES = ("office", "decision", "decision_line", "award_record")


def _rows(session: Session, name: str, where: Any) -> list[dict[str, Any]]:
    t = rec.table(rec.BY_NAME[name])
    return [rec.encode_row(name, row)
            for row in session.execute(select(t).where(where).order_by(t.c.id)).mappings()]


def _subject(rnd: m.NominationRound, nominations: int) -> dict[str, Any]:
    return {"round_id": str(rnd.id), "round_name": rnd.name, "year": rnd.year,
            "nominations": nominations}


def _changed_here(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The nominations whose status was changed in this database (not only received): the
    audit log has their `nomination.status` entries."""
    ids = {str(r["id"]) for r in rows}
    here = set(session.scalars(select(m.AuditEntry.entity_id).where(
        m.AuditEntry.action == "nomination.status", m.AuditEntry.entity_id.in_(ids))))
    return [r for r in rows if r["id"] in here]


def collect_returns(session: Session, rnd: m.NominationRound) -> Contents:
    """The round's nominations this office returned, each with its comment (`status_note`)."""
    noms = _changed_here(session, _rows(session, "nomination", (
        m.Nomination.round_id == rnd.id) & (m.Nomination.status == S.TRA_LAI.value)))
    return Contents(kind=RETURN, subject=_subject(rnd, len(noms)),
                    records={"nomination": noms} if noms else {})


def collect_decisions(session: Session, rnd: m.NominationRound,
                      office: m.Office) -> Contents:
    """This office's decisions on the round: lines, amounts, award records, and the outcome of
    every nomination it decided or did not approve."""
    decisions = _rows(session, "decision", (m.Decision.round_id == rnd.id)
                      & (m.Decision.office_id == office.id))
    ids = [uuid.UUID(d["id"]) for d in decisions]
    lines = _rows(session, "decision_line", m.DecisionLine.decision_id.in_(ids))
    line_ids = [uuid.UUID(x["id"]) for x in lines]
    awards = _rows(session, "award_record", m.AwardRecord.decision_line_id.in_(line_ids))
    decided = {x["nomination_id"] for x in lines if x["nomination_id"]}
    noms = _rows(session, "nomination", m.Nomination.round_id == rnd.id)
    refused = _changed_here(session, [n for n in noms if n["status"] == S.KHONG_DAT.value])
    noms = [n for n in noms if n["id"] in decided] + refused
    records = {"office": _rows(session, "office", m.Office.id == office.id),
               "decision": decisions, "decision_line": lines, "award_record": awards,
               "nomination": noms}
    subject = _subject(rnd, len(noms))
    subject["decisions"] = [{"symbol": d["symbol"], "signed_on": d["signed_on"],
                             "total_amount": d["total_amount"], "lines": sum(
                                 1 for x in lines if x["decision_id"] == d["id"])}
                            for d in decisions]
    return Contents(kind=DECISION, subject=subject,
                    records={k: v for k, v in records.items() if v})
