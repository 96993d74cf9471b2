"""Council meetings: members and attendance, recusals, ballot counts per nominee."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from desktop.core import validate
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.models import Ballot, CouncilMeeting, CouncilMember, Nomination, Recusal


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    title: str = ""
    role: str = "uy_vien"  # chu_tich, pho_chu_tich, uy_vien, thu_ky
    present: bool = True
    written_opinion: bool = False


class CouncilService(Part):
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
        with self._tx() as session:
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
