"""The facts the rules read about one subject: plain frozen values, no database, no Qt.

The service layer fills a `SubjectFacts` from the database; tests and ``tdkt rules check`` fill it
from JSON with `facts_from_json` (schema in docs/rules.md). Nothing here judges anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, NoReturn

from desktop.core.rules.words import day
from desktop.core.text import search_key
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import Gender, Scope, SubjectKind, TaskRating

__all__ = [
    "AwardEntry",
    "AwardKind",
    "BlocRanking",
    "DisciplineLevel",
    "DisciplinePeriod",
    "Gender",
    "InitiativeEntry",
    "MemberSummary",
    "Scope",
    "SubjectFacts",
    "SubjectKind",
    "TaskRating",
    "facts_from_json",
    "parse_day",
    "parse_discipline_level",
    "subject_kind",
]


class AwardKind(StrEnum):
    """Loại hình of an award in the history (DOMAIN.md §2.1, §2.2 principle 3)."""

    THUONG_XUYEN = "thuong_xuyen"  # công trạng, thi đua thường xuyên: counts for later awards
    CHUYEN_DE = "chuyen_de"  # thi đua theo chuyên đề: not a basis for công trạng awards
    DOT_XUAT = "dot_xuat"  # đột xuất: not a basis for công trạng awards


class DisciplineLevel(StrEnum):
    """Forms of discipline, mildest first (Luật Cán bộ, công chức; Luật Viên chức; Điều lệ Đảng)."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    HA_BAC_LUONG = "ha_bac_luong"
    GIANG_CHUC = "giang_chuc"
    CACH_CHUC = "cach_chuc"
    BAI_NHIEM = "bai_nhiem"
    BUOC_THOI_VIEC = "buoc_thoi_viec"
    KHAI_TRU = "khai_tru"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def warning_or_above(self) -> bool:
        """«Từ cảnh cáo trở lên», the line the collective titles draw (Luật Điều 28)."""
        return _SEVERITY[self] >= _SEVERITY[DisciplineLevel.CANH_CAO]

    @property
    def label(self) -> str:
        return _(_DISCIPLINE_LABELS[self])


_SEVERITY = {level: i for i, level in enumerate(DisciplineLevel)}
_DISCIPLINE_LABELS = {
    DisciplineLevel.KHIEN_TRACH: N_("reprimand"),
    DisciplineLevel.CANH_CAO: N_("warning (discipline)"),
    DisciplineLevel.HA_BAC_LUONG: N_("salary step reduction"),
    DisciplineLevel.GIANG_CHUC: N_("demotion"),
    DisciplineLevel.CACH_CHUC: N_("removal from post"),
    DisciplineLevel.BAI_NHIEM: N_("recall from elected office"),
    DisciplineLevel.BUOC_THOI_VIEC: N_("dismissal"),
    DisciplineLevel.KHAI_TRU: N_("expulsion from the Party"),
}
# Vietnamese words as officers type them («Khiển trách», «canh cao»), folded by search_key.
_DISCIPLINE_WORDS = {
    "khien trach": DisciplineLevel.KHIEN_TRACH,
    "canh cao": DisciplineLevel.CANH_CAO,
    "ha bac luong": DisciplineLevel.HA_BAC_LUONG,
    "giang chuc": DisciplineLevel.GIANG_CHUC,
    "cach chuc": DisciplineLevel.CACH_CHUC,
    "bai nhiem": DisciplineLevel.BAI_NHIEM,
    "buoc thoi viec": DisciplineLevel.BUOC_THOI_VIEC,
    "khai tru": DisciplineLevel.KHAI_TRU,
}


def parse_discipline_level(text: str) -> DisciplineLevel | None:
    """«khien_trach», «Khiển trách», «KHIỂN TRÁCH» → KHIEN_TRACH; None when not recognised."""
    return _DISCIPLINE_WORDS.get(search_key(text.replace("_", " ")))


@dataclass(frozen=True, slots=True)
class AwardEntry:
    """One award the subject received: the year it rewards, its code, its loại hình."""

    year: int
    code: str
    kind: AwardKind = AwardKind.THUONG_XUYEN

    @property
    def counts_for_merit(self) -> bool:
        """Whether it may support a later công trạng award (not chuyên đề, not đột xuất)."""
        return self.kind is AwardKind.THUONG_XUYEN


@dataclass(frozen=True, slots=True)
class InitiativeEntry:
    """A sáng kiến or đề tài recognised in `year` with effect at `scope`."""

    year: int
    scope: Scope
    kind: str = "sang_kien"  # or "de_tai"
    title: str = ""


@dataclass(frozen=True, slots=True)
class DisciplinePeriod:
    """A discipline from `start` to `end` inclusive; no end = still running."""

    level: DisciplineLevel
    start: date
    end: date | None = None

    def in_force(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)

    def touches_year(self, year: int) -> bool:
        return self.start.year <= year and (self.end is None or self.end.year >= year)

    def describe(self) -> str:
        """«khiển trách (01/3/2024 – 31/8/2024)»."""
        if self.end is None:
            return _("{level} (from {start}, no end date recorded)").format(
                level=self.level.label, start=day(self.start))
        return _("{level} ({start} – {end})").format(
            level=self.level.label, start=day(self.start), end=day(self.end))


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """A collective's members in the year evaluated. None = not known (the rule then says so)."""

    total: int
    women: int | None = None
    ldtt: int | None = None  # members who reached «Lao động tiên tiến»
    completed: int | None = None  # members who completed their tasks (HT or better)
    cstdcs: int | None = None  # members who reached «Chiến sĩ thi đua cơ sở»
    disciplined_warning: bool | None = None  # anyone disciplined at cảnh cáo or above


@dataclass(frozen=True, slots=True)
class BlocRanking:
    """Place of a collective in its cụm/khối thi đua for the year: 1 leads the bloc."""

    rank: int
    size: int


@dataclass(frozen=True)
class SubjectFacts:
    """Everything the rules know about one subject, for the evaluation `year`."""

    kind: SubjectKind
    year: int
    sex: Gender | None = None
    awards: tuple[AwardEntry, ...] = ()
    ratings: Mapping[int, TaskRating] = field(default_factory=dict, hash=False)
    initiatives: tuple[InitiativeEntry, ...] = ()
    disciplines: tuple[DisciplinePeriod, ...] = ()
    pending_review: bool = False  # discipline, investigation, inspection or complaint pending
    members: MemberSummary | None = None
    bloc: BlocRanking | None = None
    name: str = ""

    @property
    def merit_by_year(self) -> Mapping[int, AbstractSet[str]]:
        """Award codes per year that count for later công trạng awards."""
        return self._by_year()[0]

    @property
    def other_by_year(self) -> dict[int, dict[str, AwardKind]]:
        """Chuyên đề and đột xuất awards per year (kept to say why they were not counted)."""
        return self._by_year()[1]

    def _by_year(self) -> tuple[dict[int, set[str]], dict[int, dict[str, AwardKind]]]:
        # Both tables in one pass over the awards, made once per subject (screening reads them
        # a few times for each of thousands of subjects).
        found = self.__dict__.get("_by_year_tables")
        if found is None:
            merit: dict[int, set[str]] = {}
            other: dict[int, dict[str, AwardKind]] = {}
            for entry in self.awards:
                if entry.kind is AwardKind.THUONG_XUYEN:
                    codes = merit.get(entry.year)
                    if codes is None:
                        merit[entry.year] = {entry.code}
                    else:
                        codes.add(entry.code)
                else:
                    other.setdefault(entry.year, {})[entry.code] = entry.kind
            found = (merit, other)
            self.__dict__["_by_year_tables"] = found
        return found


# --- reading JSON ------------------------------------------------------------------------------

_SUBJECT_WORDS = {
    "ca_nhan": SubjectKind.CA_NHAN,
    "individual": SubjectKind.CA_NHAN,
    "tap_the": SubjectKind.TAP_THE,
    "collective": SubjectKind.TAP_THE,
    "ho_gia_dinh": SubjectKind.HO_GIA_DINH,
    "household": SubjectKind.HO_GIA_DINH,
}
_TOP_KEYS = frozenset({
    "subject_kind", "year", "sex", "name", "awards", "ratings", "initiatives", "disciplines",
    "pending_review", "members", "bloc",
})
_AWARD_KEYS = frozenset({"year", "code", "kind", "name", "decision"})
_INITIATIVE_KEYS = frozenset({"year", "scope", "kind", "title"})
_DISCIPLINE_KEYS = frozenset({"level", "start", "end", "decision"})
_MEMBER_KEYS = frozenset({"total", "women", "ldtt", "completed", "cstdcs", "disciplined_warning"})
_BLOC_KEYS = frozenset({"rank", "size"})
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def subject_kind(value: str) -> SubjectKind | None:
    """«ca_nhan» or «individual» (and the other two) → SubjectKind; None when unknown."""
    return _SUBJECT_WORDS.get(value.strip().lower())


def parse_day(text: str) -> date | None:
    """YYYY-MM-DD or dd/mm/yyyy → date; None when it is not a real day («31/02/2025»)."""
    text = text.strip()
    m = _YMD.fullmatch(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _DMY.fullmatch(text)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _fail(path: str, problem: str) -> NoReturn:
    raise UserError(_("Facts file, field “{field}”: {problem}.").format(
        field=path, problem=problem))


def _check_keys(data: Mapping[str, Any], allowed: frozenset[str], path: str) -> None:
    for key in data:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            _fail(where, _("this field is not supported (perhaps a spelling mistake); use {keys}")
                  .format(keys=", ".join(sorted(allowed))))


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        _fail(path, _("must be a JSON object"))
    return value


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(path, _("must be a JSON list"))
    return value


def _int(value: object, path: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        _fail(path, _("must be a whole number of at least {n}").format(n=minimum))
    return value


def _year(value: object, path: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1945 <= value <= 2100:
        _fail(path, _("must be a year between 1945 and 2100, for example 2024"))
    return value


def _text(value: object, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(path, _("must be a non-empty text"))
    return value.strip()


def _flag(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        _fail(path, _("must be true or false"))
    return value


def _day(value: object, path: str) -> date:
    day = parse_day(value) if isinstance(value, str) else None
    if day is None:
        _fail(path, _("must be a real date written 2024-03-01 or 01/03/2024"))
    return day


def _enum(value: object, enum: type[StrEnum], path: str) -> Any:
    if isinstance(value, str):
        try:
            return enum(value.strip().lower())
        except ValueError:
            pass
    _fail(path, _("must be one of {choices}").format(
        choices=", ".join(f"“{member.value}”" for member in enum)))


def facts_from_json(data: object) -> SubjectFacts:
    """Build `SubjectFacts` from parsed JSON; bad input gives one sentence naming the field."""
    top = _object(data, _("(whole file)"))
    _check_keys(top, _TOP_KEYS, "")
    if "subject_kind" not in top:
        _fail("subject_kind", _("is missing; write “ca_nhan”, “tap_the” or “ho_gia_dinh”"))
    raw_kind = top["subject_kind"]
    kind = subject_kind(raw_kind) if isinstance(raw_kind, str) else None
    if kind is None:
        _fail("subject_kind", _("must be “ca_nhan”, “tap_the” or “ho_gia_dinh”"))
    if "year" not in top:
        _fail("year", _("is missing; write the year evaluated, for example 2024"))
    year = _year(top["year"], "year")

    sex = None
    if top.get("sex") is not None:
        sex = _enum(top["sex"], Gender, "sex")

    awards = []
    for i, raw in enumerate(_list(top.get("awards", []), "awards")):
        path = f"awards[{i}]"
        item = _object(raw, path)
        _check_keys(item, _AWARD_KEYS, path)
        for key in ("year", "code"):
            if key not in item:
                _fail(f"{path}.{key}", _("is missing"))
        awards.append(AwardEntry(
            year=_year(item["year"], f"{path}.year"),
            code=_text(item["code"], f"{path}.code").upper(),
            kind=_enum(item.get("kind", "thuong_xuyen"), AwardKind, f"{path}.kind"),
        ))

    ratings: dict[int, TaskRating] = {}
    for key, value in _object(top.get("ratings", {}), "ratings").items():
        ratings[_year(key, f"ratings.{key}")] = _enum(value, TaskRating, f"ratings.{key}")

    initiatives = []
    for i, raw in enumerate(_list(top.get("initiatives", []), "initiatives")):
        path = f"initiatives[{i}]"
        item = _object(raw, path)
        _check_keys(item, _INITIATIVE_KEYS, path)
        for key in ("year", "scope"):
            if key not in item:
                _fail(f"{path}.{key}", _("is missing"))
        sort = item.get("kind", "sang_kien")
        if sort not in ("sang_kien", "de_tai"):
            _fail(f"{path}.kind", _("must be “sang_kien” or “de_tai”"))
        initiatives.append(InitiativeEntry(
            year=_year(item["year"], f"{path}.year"),
            scope=_enum(item["scope"], Scope, f"{path}.scope"),
            kind=sort,
            title=str(item.get("title", "")).strip(),
        ))

    disciplines = []
    for i, raw in enumerate(_list(top.get("disciplines", []), "disciplines")):
        path = f"disciplines[{i}]"
        item = _object(raw, path)
        _check_keys(item, _DISCIPLINE_KEYS, path)
        for key in ("level", "start"):
            if key not in item:
                _fail(f"{path}.{key}", _("is missing"))
        level = parse_discipline_level(item["level"]) if isinstance(item["level"], str) else None
        if level is None:
            _fail(f"{path}.level", _("must be one of {choices}").format(
                choices=", ".join(f"“{member.value}”" for member in DisciplineLevel)))
        start = _day(item["start"], f"{path}.start")
        end = None if item.get("end") is None else _day(item["end"], f"{path}.end")
        if end is not None and end < start:
            _fail(f"{path}.end", _("must not be before the start date {start}").format(
                start=day(start)))
        disciplines.append(DisciplinePeriod(level=level, start=start, end=end))

    members = None
    if top.get("members") is not None:
        members = _members(_object(top["members"], "members"))
    bloc = None
    if top.get("bloc") is not None:
        item = _object(top["bloc"], "bloc")
        _check_keys(item, _BLOC_KEYS, "bloc")
        for key in ("rank", "size"):
            if key not in item:
                _fail(f"bloc.{key}", _("is missing"))
        rank = _int(item["rank"], "bloc.rank", minimum=1)
        size = _int(item["size"], "bloc.size", minimum=1)
        if rank > size:
            _fail("bloc.rank", _("must not be larger than the bloc size {n}").format(n=size))
        bloc = BlocRanking(rank=rank, size=size)

    name = top.get("name", "")
    if not isinstance(name, str):
        _fail("name", _("must be a text"))
    return SubjectFacts(
        kind=kind,
        year=year,
        sex=sex,
        awards=tuple(awards),
        ratings=ratings,
        initiatives=tuple(initiatives),
        disciplines=tuple(disciplines),
        pending_review=_flag(top.get("pending_review", False), "pending_review"),
        members=members,
        bloc=bloc,
        name=name.strip(),
    )


def _members(item: Mapping[str, Any]) -> MemberSummary:
    _check_keys(item, _MEMBER_KEYS, "members")
    if "total" not in item:
        _fail("members.total", _("is missing"))
    total = _int(item["total"], "members.total", minimum=1)
    counts: dict[str, int | None] = {}
    for key in ("women", "ldtt", "completed", "cstdcs"):
        value = item.get(key)
        if value is None:
            counts[key] = None
            continue
        count = _int(value, f"members.{key}")
        if count > total:
            _fail(f"members.{key}", _("must not be larger than members.total ({n})").format(
                n=total))
        counts[key] = count
    warned = item.get("disciplined_warning")
    return MemberSummary(
        total=total,
        women=counts["women"],
        ldtt=counts["ldtt"],
        completed=counts["completed"],
        cstdcs=counts["cstdcs"],
        disciplined_warning=None if warned is None else _flag(
            warned, "members.disciplined_warning"),
    )
