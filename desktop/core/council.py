"""Council meetings: members and attendance, recusals, ballot counts per nominee."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desktop.core import validate
from desktop.core.catalogue import Catalogue
from desktop.core.roles import Permission
from desktop.core.rounds import NominationRow, nomination_rows
from desktop.core.rules import VoteResult, vote
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.kinds import NominationStatus as S
from desktop.store.models import (
    Ballot,
    CouncilMeeting,
    CouncilMember,
    Meta,
    Nomination,
    Recusal,
)


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    title: str = ""
    role: str = "uy_vien"  # chu_tich, pho_chu_tich, uy_vien, thu_ky
    present: bool = True
    written_opinion: bool = False


THRESHOLDS_KEY = "council_thresholds"  # app_meta: {award code: share of all members}


class CouncilService(Part):
    def thresholds(self) -> dict[str, str]:
        """This office's own approval thresholds, where it sets a stricter one than the law's."""
        with self.services.reading() as session:
            row = session.get(Meta, THRESHOLDS_KEY)
            return dict(json.loads(row.value)) if row is not None else {}

    def set_threshold(self, award_code: str, share: Decimal | None) -> None:
        """Set (or with None, drop) the office's threshold for `award_code`, e.g. 0.75."""
        if share is not None and not Decimal(0) < share <= Decimal(1):
            raise UserError(_("A threshold is a share of all members above 0 and at most 1, "
                              "for example 0.8."))
        with self._tx(Permission.ADMIN) as session:
            row = session.get(Meta, THRESHOLDS_KEY)
            before = dict(json.loads(row.value)) if row is not None else {}
            after = {k: v for k, v in before.items() if k != award_code}
            if share is not None:
                after[award_code] = str(share)
            if row is None:
                row = Meta(key=THRESHOLDS_KEY, value="{}")
                session.add(row)
            row.value = json.dumps(after, sort_keys=True)
            self._audit(session, "council.threshold", entity="app_meta",
                        entity_id=THRESHOLDS_KEY, before=before, after=after,
                        summary=award_code)

    def open_meeting(
        self, round_id: uuid.UUID, *, held_at: datetime, place: str, chair: str,
        secretary: str, members: list[MemberInput],
    ) -> CouncilMeeting:
        if not members:
            raise UserError(_("A council meeting needs its list of members."))
        with self._tx() as session:
            meeting = CouncilMeeting(
                round_id=round_id, held_at=held_at,
                place=validate.text(place, N_("Place"), required=False),
                chair=validate.text(chair, N_("Chair")),
                secretary=validate.text(secretary, N_("Secretary")),
            )
            for i, m in enumerate(members):
                meeting.members.append(CouncilMember(
                    full_name=validate.text(m.full_name, N_("Full name")),
                    title=validate.text(m.title, N_("Position title"), required=False),
                    role=m.role, present=m.present, written_opinion=m.written_opinion,
                    position=i,
                ))
            session.add(meeting)
            self._audit(session, "council.open", meeting, summary=meeting.place)
            return meeting

    def recuse(self, member_id: uuid.UUID, nomination_id: uuid.UUID, reason: str) -> Recusal:
        with self._tx() as session:
            self._get(session, CouncilMember, member_id, _("council member"))
            self._get(session, Nomination, nomination_id, _("nomination"))
            obj = Recusal(member_id=member_id, nomination_id=nomination_id,
                          reason=validate.text(reason, N_("Reason")))
            session.add(obj)
            self._audit(session, "council.recuse", obj)
            return obj

    def voters(self, meeting_id: uuid.UUID, nomination_id: uuid.UUID) -> int:
        """Members who can vote on this nominee: present or in writing, and not recused."""
        with self.services.reading() as session:
            can_vote = session.scalar(
                select(func.count()).select_from(CouncilMember).where(
                    CouncilMember.meeting_id == meeting_id,
                    CouncilMember.present | CouncilMember.written_opinion,
                    ~CouncilMember.id.in_(select(Recusal.member_id).where(
                        Recusal.nomination_id == nomination_id)),
                )
            )
        return int(can_vote or 0)

    def record_ballot(
        self, meeting_id: uuid.UUID, nomination_id: uuid.UUID, *, yes: int, no: int,
        invalid: int = 0,
    ) -> Ballot:
        if min(yes, no, invalid) < 0:
            raise UserError(_("Vote counts cannot be negative."))
        voters = self.voters(meeting_id, nomination_id)
        if yes + no + invalid > voters:
            raise UserError(
                _("{n} ballots were counted but only {m} members can vote on this nominee.")
                .format(n=yes + no + invalid, m=voters)
            )
        with self._tx(Permission.DECIDE) as session:
            obj = session.scalars(select(Ballot).where(
                Ballot.meeting_id == meeting_id, Ballot.nomination_id == nomination_id)).first()
            before = audit.snapshot(obj) if obj else None
            if obj is None:
                obj = Ballot(meeting_id=meeting_id, nomination_id=nomination_id)
                session.add(obj)
            obj.yes, obj.no, obj.invalid = yes, no, invalid
            self._audit(session, "council.ballot", obj, before=before)
            return obj

    def total_members(self, meeting_id: uuid.UUID) -> int:
        with self.services.reading() as session:
            return int(session.scalar(select(func.count()).select_from(CouncilMember).where(
                CouncilMember.meeting_id == meeting_id)) or 0)

    # --- meeting mode ------------------------------------------------------------------------

    def meetings(self, round_id: uuid.UUID) -> list[CouncilMeeting]:
        """The round's meetings, newest first, with their members."""
        with self.services.reading() as session:
            return list(session.scalars(
                select(CouncilMeeting).where(CouncilMeeting.round_id == round_id)
                .options(selectinload(CouncilMeeting.members))
                .order_by(CouncilMeeting.held_at.desc())))

    def set_attendance(self, member_id: uuid.UUID, *, present: bool,
                       written_opinion: bool) -> CouncilMember:
        if present and written_opinion:
            raise UserError(_("A member who is present votes at the meeting; untick the "
                              "written opinion."))
        with self._tx() as session:
            member = self._get(session, CouncilMember, member_id, _("council member"))
            before = audit.snapshot(member)
            member.present, member.written_opinion = present, written_opinion
            self._audit(session, "council.attendance", member, before=before,
                        summary=member.full_name)
            return member

    def withdraw_recusal(self, member_id: uuid.UUID, nomination_id: uuid.UUID) -> None:
        with self._tx() as session:
            obj = session.scalars(select(Recusal).where(
                Recusal.member_id == member_id, Recusal.nomination_id == nomination_id)).first()
            if obj is None:
                return
            before = audit.snapshot(obj)
            session.delete(obj)
            self._audit(session, "council.recusal_withdrawn", entity="recusal",
                        entity_id=obj.id, before=before)

    def agenda(self, meeting_id: uuid.UUID) -> list[AgendaItem]:
        """The nominees the council considers, with their ballots and recusals."""
        with self.services.reading() as session:
            meeting = self._get(session, CouncilMeeting, meeting_id, _("council meeting"))
            ballots = {b.nomination_id: b for b in session.scalars(
                select(Ballot).where(Ballot.meeting_id == meeting_id))}
            member_ids = select(CouncilMember.id).where(CouncilMember.meeting_id == meeting_id)
            recused: dict[uuid.UUID, set[uuid.UUID]] = {}
            for r in session.scalars(select(Recusal).where(Recusal.member_id.in_(member_ids))):
                recused.setdefault(r.nomination_id, set()).add(r.member_id)
            rows = nomination_rows(session, meeting.round_id)
        items = []
        for row in rows:
            ballot = ballots.get(row.id)
            if ballot is None and row.status not in ON_AGENDA:
                continue
            items.append(AgendaItem(
                row, None if ballot is None else (ballot.yes, ballot.no, ballot.invalid),
                frozenset(recused.get(row.id, set()))))
        return items


ON_AGENDA = {S.DANG_XET.value, S.DE_NGHI_LEN_TREN.value, S.DA_QUYET_DINH.value,
             S.KHONG_DAT.value}


@dataclass(frozen=True)
class AgendaItem:
    nomination: NominationRow
    ballot: tuple[int, int, int] | None  # yes, no, invalid
    recused: frozenset[uuid.UUID]  # member ids


def council_vote(catalogue: Catalogue, meeting: CouncilMeeting, item: AgendaItem,
                 overrides: Mapping[str, str] | None = None) -> VoteResult:
    """The rules engine's verdict on a nominee's ballot, against the whole council
    (with the office's own thresholds, `CouncilService.thresholds`)."""
    members = meeting.members
    yes = item.ballot[0] if item.ballot else 0
    present = sum(1 for m in members if m.present)
    written = sum(1 for m in members if m.written_opinion and not m.present)
    return vote(item.nomination.award_code, meeting.held_at.date(), catalogue,
                members_total=len(members), yes=yes, present=present, written=written,
                overrides=overrides)
