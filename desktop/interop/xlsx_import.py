"""Import units, people or award history from an .xlsx sheet: a preview first, then the import.

`preview()` reads the sheet, converts TCVN3/VNI text, finds the heading row and the columns, and
checks every row with the service layer's own validators; it writes nothing. Each problem names
the row and column as Excel shows them and says what to do. `apply()` then writes the rows
through the services in one transaction: all of them, or, only when the user asks, the valid ones.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from sqlalchemy import select

from desktop.core import validate
from desktop.core.facts import AwardInput, _award_row
from desktop.core.people import PersonInput, _person_row
from desktop.core.service import Services, Subject
from desktop.core.text import search_key
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.interop import cells, columns, legacy_text
from desktop.interop.cells import CellError
from desktop.interop.columns import AWARDS, PEOPLE, UNITS
from desktop.interop.matching import Lookup, name_key, overlap, unit_kind
from desktop.interop.workbook import read_sheet
from desktop.store.kinds import AwardSource, Gender, SubjectKind, UnitKind
from desktop.store.models import AwardRecord

HEADER_SCAN = 15  # title lines above the headings in real sheets: a few, never this many
_NUMBERING = re.compile(r"\(?(\d{1,2})\)?")
_BAD = object()  # a cell that could not be read; its problem is already recorded


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str  # the heading as the sheet shows it, "" for the row as a whole
    message: str  # what is wrong and what to do, one sentence

    def __str__(self) -> str:
        if self.column:
            return _("Row {row}, column “{column}”: {problem}").format(
                row=self.row, column=self.column, problem=self.message)
        return _("Row {row}: {problem}").format(row=self.row, problem=self.message)


@dataclass
class Line:
    row: int
    values: dict[str, str]  # field key → the text read (after conversion), for showing
    problems: list[RowProblem] = field(default_factory=list)
    payload: Any = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Preview:
    kind: str
    path: Path
    sheet: str
    sheets: list[str]
    header_row: int
    headings: list[str]
    mapping: dict[str, int]  # field key → column index (0-based)
    lines: list[Line]
    converted: dict[str, int]  # legacy encoding → number of cells converted

    @property
    def problems(self) -> list[RowProblem]:
        return [p for line in self.lines for p in line.problems]

    @property
    def valid(self) -> list[Line]:
        return [line for line in self.lines if line.ok]

    @property
    def invalid(self) -> list[Line]:
        return [line for line in self.lines if not line.ok]

    @property
    def converted_total(self) -> int:
        return sum(self.converted.values())

    def column_name(self, key: str) -> str:
        """The heading of a field's column as the sheet shows it (its letter if blank)."""
        column = self.mapping.get(key)
        if column is None:
            f = columns.field_by_key(self.kind, key)
            return _(f.label) if f else key
        heading = self.headings[column] if column < len(self.headings) else ""
        return heading or get_column_letter(column + 1)

    def columns_used(self) -> list[tuple[str, str]]:
        """(heading in the sheet, field label) in column order, for the mapping step."""
        labels = {f.key: _(f.label) for f in columns.FIELDS[self.kind]}
        return [(self.column_name(k), labels[k])
                for k, _c in sorted(self.mapping.items(), key=lambda kv: kv[1])]


def preview(services: Services, path: Path, kind: str, *, sheet: str | None = None,
            mapping: str | dict[str, str] | None = None) -> Preview:
    """Read and check the sheet; `mapping` overrides the guessed columns (heading → field)."""
    if kind not in columns.KINDS:
        raise UserError(_("“{kind}” cannot be imported; choose people, units or awards.").format(
            kind=kind))
    overrides = columns.parse_overrides(kind, mapping) if isinstance(mapping, str) else dict(
        mapping or {})
    data = read_sheet(Path(path), sheet)
    converted = _convert_legacy(data.rows)
    index, headings = _heading_row(kind, data.rows, data.name, overrides)
    chosen = columns.apply_overrides(kind, headings, columns.guess(kind, headings), overrides)
    columns.check_required(kind, chosen)
    body = [(n, c) for n, c in data.rows[index + 1:] if not _is_numbering(c)]
    if not body:
        raise UserError(_("The sheet “{sheet}” has headings but no rows below them; fill in the "
                          "list and import it again.").format(sheet=data.name))
    result = Preview(kind, Path(path), data.name, data.names, data.rows[index][0], headings,
                     chosen, [], converted)
    checker = _CHECKERS[kind](services, result)
    for number, row in body:
        raw = {key: row[col] if col < len(row) else None for key, col in chosen.items()}
        line = Line(number, {key: cells.text(v) for key, v in raw.items()})
        result.lines.append(line)
        checker.check(line, raw)
    checker.across()
    return result


def apply(services: Services, result: Preview, *, valid_only: bool = False) -> int:
    """Write the checked rows in one transaction; returns how many were imported."""
    good = result.valid
    if result.invalid and not valid_only:
        raise UserError(_("Nothing was imported: {bad} of {total} rows have errors; correct them "
                          "in the file, or choose to import only the {good} valid rows.").format(
            bad=len(result.invalid), total=len(result.lines), good=len(good)))
    if not good:
        raise UserError(_("No row can be imported; correct the errors in the file and import it "
                          "again."))
    source = result.path.name
    with services.transaction():  # the backup's audit row goes with the import, or not at all
        services.backups.automatic("import")
        if result.kind == PEOPLE:
            return services.people.import_many([line.payload for line in good], source=source)
        if result.kind == AWARDS:
            return services.facts.record_awards([line.payload for line in good])
        return _UnitChecker.create_all(services, good)


# --- reading the sheet -------------------------------------------------------------------------


def _convert_legacy(rows: list[tuple[int, list[Any]]]) -> dict[str, int]:
    """Convert TCVN3/VNI cells in place; a cell that fits both takes the sheet's usual one."""
    counts: dict[str, int] = defaultdict(int)
    doubtful: list[tuple[list[Any], int]] = []
    for _number, row in rows:
        for i, value in enumerate(row):
            if isinstance(value, str) and not value.isascii():
                fixed, encoding = legacy_text.fix_legacy(value)
                if encoding:
                    row[i] = fixed
                    counts[encoding] += 1
                else:
                    doubtful.append((row, i))
    if counts:
        usual = max(counts, key=lambda e: counts[e])
        for row, i in doubtful:
            fixed, encoding = legacy_text.fix_legacy(row[i], prefer=usual)
            if encoding:
                row[i] = fixed
                counts[encoding] += 1
    return dict(counts)


def _heading_row(kind: str, rows: list[tuple[int, list[Any]]], sheet: str,
                 overrides: dict[str, str]) -> tuple[int, list[str]]:
    wanted = {search_key(h) for h in overrides}
    best: tuple[int, int] | None = None
    for i, (_number, row) in enumerate(rows[:HEADER_SCAN]):
        headings = [cells.text(v) for v in row]
        hits = len(columns.guess(kind, headings)) + len(wanted & {search_key(h)
                                                                  for h in headings})
        if hits and (best is None or hits > best[0]):
            best = (hits, i)
    if best is None:
        raise UserError(_("No column heading was recognised at the top of the sheet “{sheet}”; "
                          "name the columns as in an exported list (e.g. “{example}”) or give the "
                          "mapping.").format(sheet=sheet, example=_("Full name")))
    return best[1], [cells.text(v) for v in rows[best[1]][1]]


def _is_numbering(row: list[Any]) -> bool:
    """The line of column numbers «(1) (2) (3)…» many official sheets put under the headings."""
    texts = [cells.text(v) for v in row if cells.text(v)]
    numbers = [m.group(1) for t in texts if (m := _NUMBERING.fullmatch(t))]
    if len(texts) < 3 or len(numbers) != len(texts):
        return False
    first = int(numbers[0])
    return [int(n) for n in numbers] == list(range(first, first + len(numbers)))


# --- checking rows -------------------------------------------------------------------------------


class _Checker:
    """Checks one kind of row; `across()` adds the problems that involve several rows."""

    def __init__(self, services: Services, result: Preview) -> None:
        self.services = services
        self.result = result

    def problem(self, line: Line, key: str | None, message: str) -> None:
        column = self.result.column_name(key) if key else ""
        line.problems.append(RowProblem(line.row, column, message))

    def read(self, line: Line, raw: dict[str, Any], key: str,
             reader: Callable[[Any], Any]) -> Any:
        try:
            return reader(raw.get(key))
        except CellError as exc:
            self.problem(line, key, str(exc))
            return _BAD

    def blame(self, line: Line, exc: UserError, build: Callable[..., object],
              good: dict[str, Any], given: dict[str, Any]) -> None:
        """Record a service validator's complaint against the column that caused it: starting
        from values known to pass, put the row's values back one field at a time."""
        culprit = None
        values = dict(good)
        for key, value in given.items():
            values[key] = value
            try:
                build(**values)
            except UserError:
                culprit = key
                break
        self.problem(line, culprit, str(exc))

    def check(self, line: Line, raw: dict[str, Any]) -> None:
        raise NotImplementedError

    def across(self) -> None:
        pass


def _gender(value: Any) -> str:
    key = search_key(cells.text(value))
    if key in ("nam", "m", "male"):
        return Gender.NAM.value
    if key in ("nu", "f", "female"):
        return Gender.NU.value
    if not key:
        raise CellError(_("The sex is missing; write “Nam” or “Nữ”."))
    raise CellError(_("“{value}” is not a sex; write “Nam” or “Nữ”.").format(
        value=cells.text(value)))


def _person_check(**kwargs: Any) -> object:
    return _person_row(PersonInput(**kwargs))


class _PeopleChecker(_Checker):
    TEXTS = ("full_name", "position", "ethnicity", "hometown", "residence", "qualification")

    def __init__(self, services: Services, result: Preview) -> None:
        super().__init__(services, result)
        self.lookup = Lookup(services, people=True)

    def check(self, line: Line, raw: dict[str, Any]) -> None:
        gender = self.read(line, raw, "gender", _gender)
        birth = self.read(line, raw, "birth_date", cells.day)
        cccd = self.read(line, raw, "cccd", cells.citizen_id)
        unit_id = self.read(line, raw, "unit", lambda v: self.lookup.unit(cells.text(v)))
        if not line.ok:
            return
        given: dict[str, Any] = {k: line.values.get(k, "") for k in self.TEXTS}
        given.update(gender=gender, birth_date=birth, cccd=cccd or None)
        try:
            _person_check(**given)
        except UserError as exc:
            self.blame(line, exc, _person_check, {"full_name": "A", "gender": "nam"}, given)
            return
        line.payload = PersonInput(**given, unit_id=unit_id)

    def across(self) -> None:
        rows_by_cccd: dict[str, list[Line]] = defaultdict(list)
        for line in self.result.lines:
            if line.payload is not None and line.payload.cccd:
                rows_by_cccd[line.payload.cccd].append(line)
        for cccd, lines in rows_by_cccd.items():
            owner = self.lookup.by_cccd.get(cccd)
            for line in lines:
                if owner is not None:
                    self.problem(line, "cccd", _(
                        "The citizen ID {cccd} already belongs to {name} in the database; remove "
                        "this row, or correct the number.").format(cccd=cccd, name=owner[1]))
                elif len(lines) > 1:
                    others = ", ".join(str(o.row) for o in lines if o is not line)
                    self.problem(line, "cccd", _(
                        "The citizen ID {cccd} is also on row {rows}; correct the number on the "
                        "wrong row.").format(cccd=cccd, rows=others))


class _UnitChecker(_Checker):
    def __init__(self, services: Services, result: Preview) -> None:
        super().__init__(services, result)
        self.lookup = Lookup(services)

    def check(self, line: Line, raw: dict[str, Any]) -> None:
        v = line.values
        kind = self.read(line, raw, "kind", lambda x: unit_kind(cells.text(x), v.get("name", "")))
        start = self.read(line, raw, "valid_from", cells.day)
        end = self.read(line, raw, "valid_to", cells.day)
        checks: list[tuple[str, Callable[[], object]]] = [
            ("name", lambda: validate.text(v.get("name"), N_("Unit name"))),
            ("code", lambda: validate.text(v.get("code"), N_("Code"), required=False,
                                           max_len=40)),
            ("short_name", lambda: validate.text(v.get("short_name"), N_("Short name"),
                                                 required=False)),
            ("note", lambda: validate.text(v.get("note"), N_("Note"), required=False,
                                           max_len=4000)),
        ]
        if kind is not _BAD:
            checks.append(("kind", lambda: validate.choice(kind, UnitKind, N_("Kind of unit"))))
        if start is not _BAD and end is not _BAD:
            checks.append(("valid_to", lambda: validate.date_range(start, end)))
        for key, run in checks:
            try:
                run()
            except UserError as exc:
                self.problem(line, key, str(exc))
        if line.ok:
            line.payload = {"name": v["name"], "kind": kind, "code": v.get("code", ""),
                            "short_name": v.get("short_name", ""), "valid_from": start,
                            "valid_to": end, "note": v.get("note", ""),
                            "parent": v.get("parent", "")}

    def across(self) -> None:
        """Names are unique at any one time: a merged commune's old and new units may share one."""
        kept: dict[str, list[Line]] = defaultdict(list)
        for line in self.result.lines:
            if line.payload is None:
                continue
            p = line.payload
            key = name_key(p["name"])
            clash = next((o for o in kept[key] if overlap(
                p["valid_from"], p["valid_to"], o.payload["valid_from"], o.payload["valid_to"])),
                None)
            if clash is not None:
                self.problem(line, "name", _("“{name}” is already on row {row}; keep only one of "
                                             "the two rows.").format(name=line.values["name"],
                                                                    row=clash.row))
            elif self.lookup.has_unit(p["name"], p["valid_from"], p["valid_to"]):
                self.problem(line, "name", _("The unit “{name}” already exists; remove this row, "
                                             "or give the new unit another name.").format(
                    name=line.values["name"]))
            else:
                kept[key].append(line)
        self._check_parents()

    def _check_parents(self) -> None:
        changed = True
        while changed:  # a row whose parent row fails fails too
            changed = False
            in_sheet = _by_name(self.result.lines)
            for line in self.result.lines:
                parent = line.payload["parent"] if line.ok and line.payload else ""
                if not parent:
                    continue
                row = in_sheet.get(name_key(parent))
                if row is not None and not row.ok:
                    self.problem(line, "parent", _("The parent unit on row {row} has errors; "
                                                   "correct that row first.").format(row=row.row))
                    changed = True
                elif row is None:
                    try:
                        self.lookup.unit(parent)
                    except CellError as exc:
                        self.problem(line, "parent", str(exc))
                        changed = True
        for line in _loop(_by_name([ln for ln in self.result.lines if ln.ok])):
            self.problem(line, "parent", _("The parent units of this row lead back to it; "
                                           "correct the parent unit."))

    @staticmethod
    def create_all(services: Services, lines: list[Line]) -> int:
        lookup = Lookup(services)
        chosen = _by_name(lines)
        created: dict[int, uuid.UUID] = {}
        order = _in_parent_order(lines)
        with services.transaction():
            for line in order:
                p = line.payload
                parent_id = None
                if p["parent"]:
                    parent_line = chosen.get(name_key(p["parent"]))
                    parent_id = (created[id(parent_line)] if parent_line is not None
                                 else lookup.unit(p["parent"]))
                unit = services.units.create(
                    name=p["name"], kind=p["kind"], parent_id=parent_id, code=p["code"],
                    short_name=p["short_name"], valid_from=p["valid_from"],
                    valid_to=p["valid_to"], note=p["note"])
                created[id(line)] = unit.id
        return len(order)


def _by_name(lines: list[Line]) -> dict[str, Line]:
    """The row a parent name points to: of rows with that name, the one still valid."""
    chosen: dict[str, Line] = {}
    for line in lines:
        if line.payload is None:
            continue
        key = name_key(line.payload["name"])
        if key not in chosen or line.payload["valid_to"] is None:
            chosen[key] = line
    return chosen


def _loop(chosen: dict[str, Line]) -> list[Line]:
    """Rows whose chain of parents inside the sheet comes back to them."""
    looping = []
    for key, line in chosen.items():
        seen = {key}
        parent = name_key(line.payload["parent"])
        while parent in chosen:
            if parent in seen:
                looping.append(line)
                break
            seen.add(parent)
            parent = name_key(chosen[parent].payload["parent"])
    return looping


def _in_parent_order(lines: list[Line]) -> list[Line]:
    """Parents before their sub-units (the sheet may list them the other way round)."""
    chosen = _by_name(lines)
    done: set[int] = set()
    order: list[Line] = []

    def visit(line: Line, depth: int = 0) -> None:
        if id(line) in done or depth > len(lines):
            return
        parent = chosen.get(name_key(line.payload["parent"]))
        if parent is not None and parent is not line:
            visit(parent, depth + 1)
        done.add(id(line))
        order.append(line)

    for line in lines:
        visit(line)
    return order


def _award_year(value: Any) -> int:
    year = cells.year(value)
    if year is None:
        raise CellError(_("The year is missing; write the year the award is for, e.g. 2023."))
    return year


def _award_text(value: Any) -> str:
    text = cells.text(value)
    if not text:
        raise CellError(_("The award is missing; write its name, e.g. “Lao động tiên tiến”."))
    return text


def _award_check(**kwargs: Any) -> object:
    return _award_row(AwardInput(**kwargs))


class _AwardChecker(_Checker):
    def __init__(self, services: Services, result: Preview) -> None:
        super().__init__(services, result)
        self.lookup = Lookup(services, people=True, awards=True)

    def check(self, line: Line, raw: dict[str, Any]) -> None:
        v = line.values
        year = self.read(line, raw, "year", _award_year)
        decided = self.read(line, raw, "decision_date", cells.day)
        thematic = self.read(line, raw, "thematic", cells.flag)
        award = self.read(line, raw, "award", lambda x: self.lookup.award(_award_text(x)))
        subject = self._subject(line, raw, self.lookup.award_kinds(award[0])
                                if award is not _BAD else set(),
                                None if year is _BAD else date(year, 12, 31))
        if not line.ok or subject is None:
            return
        given = {"award_code": award[0], "award_name": award[1], "year": year,
                 "decision_symbol": v.get("decision_symbol", ""), "decision_date": decided,
                 "issuer": v.get("issuer", ""), "thematic": thematic,
                 "source": AwardSource.IMPORTED.value}
        try:
            _award_check(subject=subject, **given)
        except UserError as exc:
            good = {"subject": subject, "award_code": "X", "award_name": "X", "year": 2000}
            self.blame(line, exc, _award_check, good, {
                "year": year, "decision_date": decided,
                "decision_symbol": given["decision_symbol"], "issuer": given["issuer"]})
            return
        line.payload = AwardInput(subject=subject, **given)

    def _subject(self, line: Line, raw: dict[str, Any], kinds: set[str],
                 on: date | None) -> Subject | None:
        """Who the row is about: a person, else a household's head when the award may go to
        households («Gia đình văn hóa»); a unit as it was in the award's year."""
        v = line.values
        cccd = self.read(line, raw, "cccd", cells.citizen_id)
        birth = self.read(line, raw, "birth_date", cells.day)
        unit_id = self.read(line, raw, "unit", lambda x: self.lookup.unit(cells.text(x), on))
        if _BAD in (cccd, birth, unit_id):
            return None
        try:
            if cccd:
                return self.lookup.person_by_cccd(cccd)
        except CellError as exc:
            self.problem(line, "cccd", str(exc))
            return None
        try:
            if v.get("full_name"):
                return self._named(v["full_name"], birth, unit_id, kinds)
        except CellError as exc:
            self.problem(line, "full_name", str(exc))
            return None
        if unit_id is not None:
            return Subject.unit(unit_id)
        self.problem(line, None, _("The row does not say who was awarded; fill in the name or "
                                   "the unit."))
        return None

    def _named(self, name: str, birth: date | None, unit_id: uuid.UUID | None,
               kinds: set[str]) -> Subject:
        household = SubjectKind.HO_GIA_DINH.value
        if kinds == {household}:
            return self.lookup.household(name)
        try:
            return self.lookup.person_by_name(name, birth, unit_id)
        except CellError:
            if household not in kinds or birth is not None or unit_id is not None:
                raise
        return self.lookup.household(name)

    def across(self) -> None:
        payloads = [line for line in self.result.lines if line.payload is not None]
        known = self._recorded({line.payload.subject.id for line in payloads})
        seen: dict[tuple[Any, ...], int] = {}
        for line in payloads:
            a = line.payload
            key = (a.subject.id, a.award_code, a.year)
            if key in known:
                self.problem(line, "award", _("This award for {year} is already recorded; remove "
                                              "the row.").format(year=a.year))
            elif key in seen:
                self.problem(line, "award", _("The same award for the same year is on row {row}; "
                                              "keep only one of the two rows.").format(
                    row=seen[key]))
            else:
                seen[key] = line.row

    def _recorded(self, subjects: set[uuid.UUID]) -> set[tuple[Any, ...]]:
        found: set[tuple[Any, ...]] = set()
        ids = list(subjects)
        with self.services.reading() as session:
            for start in range(0, len(ids), 400):
                chunk = ids[start:start + 400]
                for pid, uid, hid, code, year in session.execute(
                        select(AwardRecord.person_id, AwardRecord.unit_id,
                               AwardRecord.household_id, AwardRecord.award_code, AwardRecord.year)
                        .where(AwardRecord.person_id.in_(chunk) | AwardRecord.unit_id.in_(chunk)
                               | AwardRecord.household_id.in_(chunk))):
                    found.add((pid or uid or hid, code, year))
        return found


_CHECKERS: dict[str, Callable[[Services, Preview], _Checker]] = {
    PEOPLE: _PeopleChecker, UNITS: _UnitChecker, AWARDS: _AwardChecker,
}
