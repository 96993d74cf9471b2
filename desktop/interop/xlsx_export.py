"""Export a list (people, units, award history, a round's nominations) to an .xlsx file.

Headings are the program's own column names (they import again as they are), dates are real
Excel dates shown dd/mm/yyyy, money is a number with thousands separators, the heading row stays
in view, columns are wide enough to read, rows are in Vietnamese order. The file is written under
a temporary name in the target folder, flushed, then renamed, so a failed export never leaves a
half file under the chosen name.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import aliased

from desktop.core.labels import GENDERS, SUBJECT_KINDS, UNIT_KINDS, label
from desktop.core.lists import PeopleQuery, UnitsQuery
from desktop.core.rounds import STATUS_LABELS
from desktop.core.service import Services
from desktop.core.text import person_sort_key, sort_key
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store.kinds import NominationStatus
from desktop.store.models import AwardRecord, Household, Person, Unit

LISTS = ("people", "units", "awards", "nominations")
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"
MAX_WIDTH = 60
_KIND_ORDER = {"tap_the": 0, "ca_nhan": 1, "ho_gia_dinh": 2}


@dataclass(frozen=True)
class Column:
    title: str  # N_() msgid, translated on export
    kind: str = "text"  # text | date | money | number


@dataclass
class Table:
    sheet: str  # N_() msgid
    columns: Sequence[Column]
    rows: list[list[Any]]


def export_list(services: Services, what: str, target: Path, *,
                round_ref: str | None = None) -> int:
    """Write the list to `target` (.xlsx); returns the number of rows written."""
    target = Path(target).expanduser()
    if what not in LISTS:
        raise UserError(_("“{what}” is not a list that can be exported; choose people, units, "
                          "awards or nominations.").format(what=what))
    if target.suffix.lower() != ".xlsx":
        raise UserError(_("The file name must end in .xlsx, e.g. “danh_sach.xlsx”."))
    if what == "nominations" and not round_ref:
        raise UserError(_("Say which round’s nominations to export (its number or UUID)."))
    _check_target(target)
    table = {
        "people": _people, "units": _units, "awards": _awards,
    }[what](services) if what != "nominations" else _nominations(services, str(round_ref))
    save(_workbook(table), target)
    return len(table.rows)


# --- the lists -------------------------------------------------------------------------------


def _people(services: Services) -> Table:
    query = PeopleQuery(services.db)
    keys = query.ids()  # ordered by the stored Vietnamese person sort key (tên, then họ)
    found = query.rows(keys)
    rows = [[p.full_name, label(GENDERS, p.gender), p.birth_date, p.cccd or "", p.position,
             p.unit_name] for p in (found[k] for k in keys)]
    return Table(N_("People"), [Column(N_("Full name")), Column(N_("Sex")),
                                Column(N_("Date of birth"), "date"), Column(N_("Citizen ID")),
                                Column(N_("Position")), Column(N_("Unit"))], rows)


def _units(services: Services) -> Table:
    query = UnitsQuery(services.db)
    keys = query.ids()
    found = query.rows(keys)
    rows = [[u.name, label(UNIT_KINDS, u.kind), u.parent_name, u.valid_from, u.valid_to]
            for u in (found[k] for k in keys)]
    return Table(N_("Units"), [Column(N_("Unit name")), Column(N_("Kind of unit")),
                               Column(N_("Parent unit")), Column(N_("Valid from"), "date"),
                               Column(N_("Valid to"), "date")], rows)


def _awards(services: Services) -> Table:
    person_unit = aliased(Unit)
    query = (
        select(AwardRecord, Person.full_name, Person.cccd, Person.birth_date,
               person_unit.name, Unit.name, Household.head_name)
        .outerjoin(Person, Person.id == AwardRecord.person_id)
        .outerjoin(person_unit, person_unit.id == Person.unit_id)
        .outerjoin(Unit, Unit.id == AwardRecord.unit_id)
        .outerjoin(Household, Household.id == AwardRecord.household_id)
    )
    rows: list[tuple[Any, list[Any]]] = []
    with services.reading() as session:
        for a, name, cccd, birth, their_unit, unit_name, head in session.execute(query):
            subject = name or head or ""
            key = person_sort_key(subject) if name else sort_key(unit_name or subject)
            rows.append(((key, a.year), [
                name or head or "", cccd or "", birth, unit_name or their_unit or "", a.year,
                a.award_name, a.decision_symbol, a.decision_date, a.issuer,
                _("yes") if a.thematic else ""]))
    rows.sort(key=lambda r: r[0])
    return Table(N_("Award history"), [
        Column(N_("Full name")), Column(N_("Citizen ID")), Column(N_("Date of birth"), "date"),
        Column(N_("Unit")), Column(N_("Year"), "number"), Column(N_("Award")),
        Column(N_("Decision number")), Column(N_("Decision date"), "date"), Column(N_("Issuer")),
        Column(N_("Thematic"))], [r[1] for r in rows])


def _nominations(services: Services, round_ref: str) -> Table:
    from desktop.core.rounds import nomination_rows
    from desktop.documents.common import find_round

    with services.reading() as session:
        rnd = find_round(session, round_ref)
        found = nomination_rows(session, rnd.id)
    found.sort(key=lambda n: (_KIND_ORDER.get(n.subject_kind, 9),
                              person_sort_key(n.subject_name) if n.subject_kind == "ca_nhan"
                              else sort_key(n.subject_name)))
    rows = [[n.subject_name, label(SUBJECT_KINDS, n.subject_kind), n.detail, n.award_name,
             _(STATUS_LABELS[NominationStatus(n.status)]), n.amount] for n in found]
    return Table(N_("Nominations"), [
        Column(N_("Nominee")), Column(N_("Subject")), Column(N_("Position and unit")),
        Column(N_("Award")), Column(N_("Status")), Column(N_("Amount"), "money")], rows)


# --- the workbook ------------------------------------------------------------------------------


def _workbook(table: Table) -> Workbook:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_(table.sheet)[:31])
    headings = [_("No."), *(_(c.title) for c in table.columns)]
    kinds = ["number", *(c.kind for c in table.columns)]
    widths = [len(h) + 2 for h in headings]
    for row in table.rows:
        for i, value in enumerate(row, start=1):
            widths[i] = max(widths[i], _shown_width(value, kinds[i]))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    heading_cells = []
    for h in headings:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = bold
        cell.alignment = wrap
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for number, row in enumerate(table.rows, start=1):
        sheet.append(_cells(sheet, [number, *row], kinds))
    return book


def _cells(sheet: Worksheet, values: Iterable[Any], kinds: Sequence[str]) -> list[WriteOnlyCell]:
    out = []
    for value, kind in zip(values, kinds, strict=True):
        cell = WriteOnlyCell(sheet, value=None if value == "" else value)
        if kind == "date" and isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif kind == "money" and value is not None:
            cell.number_format = MONEY_FORMAT
        out.append(cell)
    return out


def _shown_width(value: Any, kind: str) -> int:
    if value is None:
        return 0
    if kind == "date":
        return 12
    if kind == "money":
        return len(f"{value:,}") + 2
    return len(str(value)) + 2


def _check_target(target: Path) -> None:
    if not target.parent.is_dir():
        raise UserError(_("The folder “{folder}” does not exist; choose another folder.").format(
            folder=target.parent))
    if target.is_dir():
        raise UserError(_("“{path}” is a folder; give a file name ending in .xlsx.").format(
            path=target))


def save(book: Workbook, target: Path) -> None:
    """Write under a temporary name in the same folder, flush to disk, then rename."""
    buffer = io.BytesIO()
    book.save(buffer)
    tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.partial"
    try:
        with tmp.open("xb") as fp:
            fp.write(buffer.getbuffer())
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, target)
    except PermissionError:
        raise UserError(_("“{name}” cannot be written; it may be open in Excel, close it and "
                          "export again.").format(name=target.name)) from None
    except OSError as exc:
        raise UserError(_("Writing “{path}” failed ({reason}); check the folder and export "
                          "again.").format(path=target, reason=exc.strerror or exc)) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
