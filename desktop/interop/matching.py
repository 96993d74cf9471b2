"""Finding what a sheet names in the database: units, people and award forms.

Names are compared by a key that ignores diacritics and case and spells out the usual
abbreviations («UBND» = «Ủy ban nhân dân», «CSTĐ» = «Chiến sĩ thi đua»), so «Bằng khen UBND
tỉnh» finds «Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh».
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.core.labels import UNIT_KINDS
from desktop.core.service import Services, Subject
from desktop.core.text import format_date_short, search_key
from desktop.i18n import _
from desktop.interop.cells import CellError
from desktop.store.kinds import UnitKind
from desktop.store.models import AwardType, Household, Person, Unit

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc",
    "ttg": "thu tuong chinh phu", "ttcp": "thu tuong chinh phu",
    "thcs": "trung hoc co so", "thpt": "trung hoc pho thong", "htx": "hop tac xa",
    "cstd": "chien si thi dua", "cstdcs": "chien si thi dua co so",
    "ldtt": "lao dong tien tien", "bk": "bang khen", "gk": "giay khen",
}
_FILLERS = (" cua ", " chu tich ")

# Name beginnings that tell the kind of a unit, for sheets without a kind column.
_KIND_BY_NAME = (
    ("uy ban nhan dan xa", UnitKind.UBND_CAP_XA),
    ("uy ban nhan dan phuong", UnitKind.UBND_CAP_XA),
    ("uy ban nhan dan thi tran", UnitKind.UBND_CAP_XA),
    ("uy ban nhan dan dac khu", UnitKind.UBND_CAP_XA),
    ("uy ban nhan dan", UnitKind.CO_QUAN_HANH_CHINH),
    ("uy ban mat tran to quoc", UnitKind.MTTQ),
    ("mat tran to quoc", UnitKind.MTTQ),
    ("hoi nong dan", UnitKind.TO_CHUC_CT_XH),
    ("hoi cuu chien binh", UnitKind.TO_CHUC_CT_XH),
    ("hoi lien hiep phu nu", UnitKind.TO_CHUC_CT_XH),
    ("doan thanh nien", UnitKind.TO_CHUC_CT_XH),
    ("cong doan", UnitKind.TO_CHUC_CT_XH),
    ("hoi", UnitKind.HOI_DAC_THU),
    ("phong", UnitKind.CO_QUAN_CHUYEN_MON),
    ("van phong", UnitKind.CO_QUAN_CHUYEN_MON),
    ("thanh tra", UnitKind.CO_QUAN_CHUYEN_MON),
    ("truong", UnitKind.DON_VI_SU_NGHIEP),
    ("trung tam", UnitKind.DON_VI_SU_NGHIEP),
    ("tram", UnitKind.DON_VI_SU_NGHIEP),
    ("ban quan ly", UnitKind.DON_VI_SU_NGHIEP),
    ("benh vien", UnitKind.DON_VI_SU_NGHIEP),
    ("cong ty", UnitKind.DOANH_NGHIEP),
    ("doanh nghiep", UnitKind.DOANH_NGHIEP),
    ("hop tac xa", UnitKind.HOP_TAC_XA),
    ("thon", UnitKind.THON_TO_DAN_PHO),
    ("to dan pho", UnitKind.THON_TO_DAN_PHO),
    ("buon", UnitKind.THON_TO_DAN_PHO),
    ("bon", UnitKind.THON_TO_DAN_PHO),
    ("ap", UnitKind.THON_TO_DAN_PHO),
)


def overlap(a_start: date | None, a_end: date | None, b_start: date | None,
            b_end: date | None) -> bool:
    """Two validity periods share a day (an open end is for ever)."""
    return ((a_start or date.min) <= (b_end or date.max)
            and (b_start or date.min) <= (a_end or date.max))


def name_key(text: str) -> str:
    words = [w for word in search_key(text).split() for w in
             _ABBREVIATIONS.get(word, word).split()]
    joined = f" {' '.join(words)} "
    for filler in _FILLERS:
        joined = joined.replace(filler, " ")
    return " ".join(joined.split())


def unit_kind(value: str, name: str) -> str:
    """The stored kind for what a sheet says («UBND cấp xã», «Thôn»…), or guessed from the name."""
    key = name_key(value)
    if not key:
        guessed = _kind_from_name(name_key(name))
        if guessed is None:
            raise CellError(_("The kind of unit is missing and cannot be told from the name; "
                              "write it, e.g. “{example}”.").format(
                example=_(UNIT_KINDS[UnitKind.CO_QUAN_CHUYEN_MON])))
        return guessed.value
    for kind, label in UNIT_KINDS.items():
        if key in (name_key(kind.value.replace("_", " ")), name_key(_(label)), name_key(label)):
            return kind.value
    guessed = _kind_from_name(key)
    if guessed is None:
        raise CellError(_("“{value}” is not a kind of unit; write one of: {kinds}.").format(
            value=value, kinds=", ".join(_(label) for label in UNIT_KINDS.values())))
    return guessed.value


def _kind_from_name(key: str) -> UnitKind | None:
    for start, kind in _KIND_BY_NAME:
        if key == start or key.startswith(start + " "):
            return kind
    return None


@dataclass(frozen=True)
class _PersonRef:
    id: uuid.UUID
    birth_date: date | None
    unit_id: uuid.UUID | None


class Lookup:
    """What the database already holds, loaded once per preview."""

    def __init__(self, services: Services, *, people: bool = False, awards: bool = False) -> None:
        self.units: dict[str, list[tuple[uuid.UUID, date | None, date | None]]] = defaultdict(
            list)
        self.by_cccd: dict[str, tuple[uuid.UUID, str]] = {}
        self.by_name: dict[str, list[_PersonRef]] = defaultdict(list)
        self.awards: dict[str, tuple[str, str]] = {}
        self.award_subjects: dict[str, set[str]] = defaultdict(set)
        self.households: dict[str, list[uuid.UUID]] = defaultdict(list)
        with services.reading() as session:
            for uid, name, start, end in session.execute(
                    select(Unit.id, Unit.name, Unit.valid_from, Unit.valid_to)):
                self.units[name_key(name)].append((uid, start, end))
            if people:
                for pid, pname, cccd, birth, unit_id in session.execute(select(
                        Person.id, Person.full_name, Person.cccd, Person.birth_date,
                        Person.unit_id)):
                    if cccd:
                        self.by_cccd[cccd] = (pid, pname)
                    self.by_name[search_key(pname)].append(_PersonRef(pid, birth, unit_id))
            if awards:
                rows = session.execute(select(AwardType.code, AwardType.name,
                                              AwardType.subject_kinds)
                                       .order_by(AwardType.effective_from))
                for code, aname, kinds in rows:
                    self.awards[name_key(code)] = (code, aname)
                    self.awards[name_key(aname)] = (code, aname)
                    self.award_subjects[code].update(kinds or ())
                for hid, head in session.execute(select(Household.id, Household.head_name)):
                    self.households[search_key(head)].append(hid)

    def unit(self, name: str, on: date | None = None) -> uuid.UUID | None:
        """The unit of that name: the one valid on `on` if given, else the current one (a
        merged commune's new unit may carry the old one's name)."""
        if not name:
            return None
        found = self.units.get(name_key(name), [])
        current = ([u[0] for u in found if on is not None and overlap(on, on, u[1], u[2])]
                   or [u[0] for u in found if u[2] is None] or [u[0] for u in found])
        if not current:
            raise CellError(_("There is no unit “{name}”; import the units first, or write the "
                              "name as it is in the unit list.").format(name=name))
        if len(current) > 1:
            raise CellError(_("Several units are named “{name}”; rename one of them in the unit "
                              "list first.").format(name=name))
        return current[0]

    def has_unit(self, name: str, start: date | None, end: date | None) -> bool:
        """A unit of that name already exists for part of the period `start`–`end`."""
        return any(overlap(start, end, u[1], u[2]) for u in self.units.get(name_key(name), []))

    def award(self, text: str) -> tuple[str, str]:
        """(code, catalogue name) of an award form written by name or code."""
        found = self.awards.get(name_key(text))
        if found is None:
            raise CellError(_("“{award}” is not in the award catalogue; write the name as in the "
                              "catalogue, e.g. “Chiến sĩ thi đua cơ sở”.").format(award=text))
        return found

    def award_kinds(self, code: str) -> set[str]:
        """The kinds of subject (cá nhân, tập thể, hộ gia đình) an award form is for."""
        return self.award_subjects.get(code, set())

    def household(self, head: str) -> Subject:
        found = self.households.get(search_key(head), [])
        if not found:
            raise CellError(_("There is no household headed by “{name}”; add the household "
                              "first, or write the head's name as in the household list.").format(
                name=head))
        if len(found) > 1:
            raise CellError(_("Several households are headed by “{name}”; record this award on "
                              "the household itself in the program.").format(name=head))
        return Subject.household(found[0])

    def person_by_cccd(self, cccd: str) -> Subject:
        found = self.by_cccd.get(cccd)
        if found is None:
            raise CellError(_("No one with the citizen ID {cccd} is in the database; import the "
                              "people first, or correct the number.").format(cccd=cccd))
        return Subject.person(found[0])

    def person_by_name(self, name: str, birth: date | None,
                       unit_id: uuid.UUID | None) -> Subject:
        found = self.by_name.get(search_key(name), [])
        if birth is not None:
            found = [p for p in found if p.birth_date == birth]
        if unit_id is not None and len(found) > 1:
            found = [p for p in found if p.unit_id == unit_id] or found
        if not found:
            who = name if birth is None else f"{name} ({format_date_short(birth)})"
            raise CellError(_("“{who}” is not in the database; import the people first, or write "
                              "the name as in the people list.").format(who=who))
        if len(found) > 1:
            raise CellError(_("Several people are named “{name}”; add their citizen ID or date "
                              "of birth.").format(name=name))
        return Subject.person(found[0].id)
