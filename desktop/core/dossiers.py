"""A nomination's dossier: attached files, and the checklist of what the award still needs.

The components an award needs come from the catalogue row in force (awards.toml `dossier`,
`dossier_one_of`). A component is present when a file of that kind is attached; the round's own
papers (tờ trình, danh sách) are drafted by the program, and the council's minutes and ballot
result count as present once the council has voted on the nomination.
"""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.catalogue import CatalogueError
from desktop.core.screening import shipped_catalogue
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.models import Attachment, Ballot, Nomination

MAX_ATTACHMENT = 50 * 1024 * 1024  # a scanned minute is a few MB; more is a mistake
DRAFTED_BY_PROGRAM = frozenset({"to_trinh", "danh_sach"})
VOTED = frozenset({"bien_ban_binh_xet", "bien_ban_xet_khen_thuong", "ket_qua_bo_phieu"})


class State(StrEnum):
    PRESENT = "present"  # green
    DRAFT = "draft"  # amber: the program drafts it, or a text exists to build it from
    MISSING = "missing"  # red


STATE_LABELS = {
    State.PRESENT: N_("present"),
    State.DRAFT: N_("to be printed by the program"),
    State.MISSING: N_("missing"),
}


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    state: State
    hint: str = ""


@dataclass(frozen=True)
class Checklist:
    items: tuple[Item, ...]

    @property
    def state(self) -> State:
        states = {item.state for item in self.items}
        for worst in (State.MISSING, State.DRAFT):
            if worst in states:
                return worst
        return State.PRESENT

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if item.state is State.MISSING]


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    kind: str
    filename: str
    size: int


def _component_name(code: str) -> str:
    try:
        return shipped_catalogue().dossier_component(code).name
    except CatalogueError:
        return code


def round_evidence(session: Session, round_id: uuid.UUID,
                   ) -> tuple[dict[uuid.UUID, set[str]], set[uuid.UUID]]:
    """For every nomination of a round: the kinds of file attached, and whether it was voted."""
    ids = select(Nomination.id).where(Nomination.round_id == round_id)
    attached: dict[uuid.UUID, set[str]] = {}
    for nid, kind in session.execute(select(Attachment.nomination_id, Attachment.kind).where(
            Attachment.nomination_id.in_(ids))):
        if nid is not None:
            attached.setdefault(nid, set()).add(kind)
    voted = set(session.scalars(select(Ballot.nomination_id).where(Ballot.nomination_id.in_(ids))))
    return attached, voted


def checklist_in(session: Session, nomination: Nomination,
                 evidence: tuple[dict[uuid.UUID, set[str]], set[uuid.UUID]] | None = None,
                 ) -> Checklist:
    when = nomination.priced_on or date.today()
    try:
        row = shipped_catalogue().award(nomination.award_code, when)
    except CatalogueError:
        return Checklist(())
    kinds, voters = evidence or round_evidence(session, nomination.round_id)
    attached = kinds.get(nomination.id, set())
    voted = nomination.id in voters

    def item(code: str) -> Item:
        name = _component_name(code)
        if code in attached:
            return Item(code, name, State.PRESENT)
        if code in VOTED:
            return (Item(code, name, State.PRESENT) if voted else
                    Item(code, name, State.MISSING, _("hold the council vote first")))
        if code in DRAFTED_BY_PROGRAM:
            return Item(code, name, State.DRAFT, _("print it in «Documents»"))
        if code == "bao_cao_thanh_tich" and nomination.achievements.strip():
            return Item(code, name, State.DRAFT,
                        _("drafted from the achievements; attach the signed copy"))
        return Item(code, name, State.MISSING, _("attach the file"))

    items = [item(code) for code in row.dossier]
    for group in row.dossier_one_of:
        choices = [item(code) for code in group]
        present = [c for c in choices if c.state is not State.MISSING]
        if present:
            items.append(present[0])
        else:
            names = _(" or ").join(c.name for c in choices)
            items.append(Item("|".join(group), names, State.MISSING, _("attach one of them")))
    return Checklist(tuple(items))


class DossierService(Part):
    def attach(self, nomination_id: uuid.UUID, kind: str, path: Path) -> Attachment:
        """Keep a copy of `path` in the database as the dossier component `kind`."""
        try:
            size = path.stat().st_size
            if size > MAX_ATTACHMENT:
                raise UserError(_("The file {name} is larger than 50 MB; scan it at a lower "
                                  "resolution or as PDF, then attach it again.").format(
                                      name=path.name))
            content = path.read_bytes()
        except OSError:
            raise UserError(_("The file {name} cannot be read; check that it still exists and "
                              "is not open in another program.").format(name=path.name)) from None
        if not content:
            raise UserError(_("The file {name} is empty; choose the scanned document.").format(
                name=path.name))
        try:
            shipped_catalogue().dossier_component(kind)
        except CatalogueError:
            raise UserError(_("“{kind}” is not a dossier component.").format(kind=kind)) from None
        with self._tx() as session:
            self._get(session, Nomination, nomination_id, _("nomination"))
            obj = Attachment(
                nomination_id=nomination_id, kind=kind, filename=path.name[-250:],
                media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                size=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content)
            session.add(obj)
            self._audit(session, "attachment.create", obj,
                        after={"nomination_id": str(nomination_id), "kind": kind,
                               "filename": obj.filename, "sha256": obj.sha256},
                        summary=obj.filename)
            return obj

    def attachments(self, nomination_id: uuid.UUID) -> list[AttachmentInfo]:
        with self.services.reading() as session:
            return [AttachmentInfo(*row) for row in session.execute(
                select(Attachment.id, Attachment.kind, Attachment.filename, Attachment.size)
                .where(Attachment.nomination_id == nomination_id)
                .order_by(Attachment.created_at))]

    def checklist(self, nomination_id: uuid.UUID) -> Checklist:
        with self.services.reading() as session:
            nomination = self._get(session, Nomination, nomination_id, _("nomination"))
            return checklist_in(session, nomination)

    def components(self) -> list[tuple[str, str]]:
        """(code, name) of every dossier component, for a «kind of file» choice."""
        return [(c.code, c.name) for c in shipped_catalogue().dossier_components.values()]
