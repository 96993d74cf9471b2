"""Which column holds which field: guessed from the headings, or given by the user.

Headings are compared by their search key (no diacritics, no case), so «HỌ VÀ TÊN», «Họ và tên»
and «Ho va ten» are the same heading. A heading may carry a note after the name
(«Ngày sinh (dd/mm/yyyy)»). The heading this program writes on export (the field's label in the
current language, or in English) is always recognised, so an exported sheet imports again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string

from desktop.core.text import search_key
from desktop.errors import UserError
from desktop.i18n import N_, _

PEOPLE, UNITS, AWARDS = "people", "units", "awards"
KINDS = (PEOPLE, UNITS, AWARDS)

_LETTERS = re.compile(r"[A-Za-z]{1,3}")
IGNORE = {"", "-"}


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # N_() msgid; translated it is the export heading
    aliases: tuple[str, ...] = ()  # headings seen in real sheets, as search keys
    required: bool = False

    def headings(self) -> tuple[str, ...]:
        return (search_key(_(self.label)), search_key(self.label), *self.aliases)


FIELDS: dict[str, tuple[Field, ...]] = {
    PEOPLE: (
        Field("full_name", N_("Full name"),
              ("ho va ten", "ho ten", "ho va ten can bo", "ten can bo", "ho va ten khai sinh"),
              required=True),
        Field("gender", N_("Sex"), ("gioi tinh", "nam nu", "phai")),
        Field("birth_date", N_("Date of birth"),
              ("ngay sinh", "ngay thang nam sinh", "sinh ngay", "nam sinh")),
        Field("cccd", N_("Citizen ID"),
              ("so cccd", "cccd", "can cuoc cong dan", "so can cuoc", "so dinh danh",
               "so dinh danh ca nhan")),
        Field("position", N_("Position"), ("chuc vu", "chuc danh", "chuc vu chuc danh")),
        Field("unit", N_("Unit"),
              ("don vi", "don vi cong tac", "co quan don vi", "noi cong tac", "co quan")),
        Field("ethnicity", N_("Ethnicity"), ("dan toc",)),
        Field("hometown", N_("Home town"), ("que quan", "nguyen quan")),
        Field("residence", N_("Residence"),
              ("noi o", "noi o hien nay", "cho o hien nay", "dia chi", "noi thuong tru")),
        Field("qualification", N_("Qualification"), ("trinh do", "trinh do chuyen mon")),
    ),
    UNITS: (
        Field("name", N_("Unit name"),
              ("ten don vi", "ten co quan don vi", "ten co quan", "don vi", "ten tap the"),
              required=True),
        Field("short_name", N_("Short name"), ("ten viet tat", "viet tat")),
        Field("code", N_("Code"), ("ma", "ma don vi", "ma so")),
        Field("kind", N_("Kind of unit"), ("loai don vi", "loai hinh", "loai", "khoi")),
        Field("parent", N_("Parent unit"),
              ("don vi cap tren", "truc thuoc", "co quan chu quan", "cap tren")),
        Field("valid_from", N_("Valid from"), ("hieu luc tu", "tu ngay", "ngay thanh lap")),
        Field("valid_to", N_("Valid to"), ("hieu luc den", "den ngay", "ngay giai the")),
        Field("note", N_("Note"), ("ghi chu",)),
    ),
    AWARDS: (
        Field("full_name", N_("Full name"), ("ho va ten", "ho ten", "ten ca nhan")),
        Field("cccd", N_("Citizen ID"), ("so cccd", "cccd", "can cuoc cong dan", "so dinh danh")),
        Field("birth_date", N_("Date of birth"), ("ngay sinh", "ngay thang nam sinh")),
        Field("unit", N_("Unit"),
              ("don vi", "don vi cong tac", "co quan don vi", "ten tap the", "tap the",
               "ten don vi")),
        Field("year", N_("Year"), ("nam", "nam khen thuong", "nam duoc khen", "nam dat"),
              required=True),
        Field("award", N_("Award"),
              ("hinh thuc khen thuong", "danh hieu", "danh hieu thi dua", "hinh thuc khen",
               "khen thuong", "danh hieu hinh thuc khen thuong"), required=True),
        Field("decision_symbol", N_("Decision number"),
              ("so quyet dinh", "so qd", "quyet dinh so", "so ky hieu quyet dinh")),
        Field("decision_date", N_("Decision date"), ("ngay quyet dinh", "ngay qd", "ngay ky")),
        Field("issuer", N_("Issuer"), ("co quan ban hanh", "cap khen", "co quan quyet dinh")),
        Field("thematic", N_("Thematic"), ("chuyen de", "khen chuyen de")),
    ),
}


def field_by_key(kind: str, key: str) -> Field | None:
    return next((f for f in FIELDS[kind] if f.key == key), None)


def _score(heading: str, field: Field) -> int:
    """How well a heading names a field: the length of the matching name, 0 if none."""
    best = 0
    for name in field.headings():
        if heading == name:
            best = max(best, len(name) + 1000)  # an exact heading beats any prefix
        elif heading.startswith(name + " ") and len(name) > 2:
            best = max(best, len(name))
    return best


def guess(kind: str, headings: Sequence[str]) -> dict[str, int]:
    """Field key → column index (0-based), best matches first, each column used once."""
    keys = [search_key(h) for h in headings]
    candidates = sorted(
        ((_score(h, f), i, f.key) for i, h in enumerate(keys) if h for f in FIELDS[kind]),
        key=lambda c: (-c[0], c[1]),
    )
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for score, column, key in candidates:
        if score and key not in mapping and column not in used:
            mapping[key] = column
            used.add(column)
    return mapping


def parse_overrides(kind: str, spec: str) -> dict[str, str]:
    """«Cột=field,…» → {heading or column letter: field key}; «Cột=» ignores that column."""
    result: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        heading, sep, key = part.partition("=")
        heading, key = heading.strip(), key.strip()
        if not sep or not heading:
            raise UserError(_("“{part}” is not a column mapping; write it as "
                              "Heading=field, e.g. “Họ tên=full_name”.").format(part=part.strip()))
        if key not in IGNORE and field_by_key(kind, key) is None:
            raise UserError(_("“{key}” is not a field that can be imported here; use one of: "
                              "{keys}.").format(key=key,
                                                keys=", ".join(f.key for f in FIELDS[kind])))
        result[heading] = key
    return result


def apply_overrides(kind: str, headings: Sequence[str], guessed: dict[str, int],
                    overrides: dict[str, str]) -> dict[str, int]:
    """The guess with the user's choices on top; a column the user names is never guessed."""
    keys = [search_key(h) for h in headings]
    chosen: dict[str, int] = {}
    taken: set[int] = set()
    for heading, key in overrides.items():
        column = _find_column(heading, keys)
        taken.add(column)
        if key not in IGNORE:
            chosen[key] = column
    for key, column in guessed.items():
        if key not in chosen and column not in taken:
            chosen[key] = column
    return chosen


def _find_column(heading: str, keys: list[str]) -> int:
    wanted = search_key(heading)
    if wanted in keys:
        return keys.index(wanted)
    if _LETTERS.fullmatch(heading):
        return column_index_from_string(heading.upper()) - 1
    raise UserError(_("There is no column “{heading}” in the sheet; check the spelling of the "
                      "heading in the mapping.").format(heading=heading))


def check_required(kind: str, mapping: dict[str, int]) -> None:
    for f in FIELDS[kind]:
        if f.required and f.key not in mapping:
            raise UserError(_("No column for “{field}” was found; name a column “{field}” or "
                              "choose its column in the mapping.").format(field=_(f.label)))
    if kind == AWARDS and not {"full_name", "cccd", "unit"} & mapping.keys():
        raise UserError(_("No column says who was awarded; add a column “{name}” or “{unit}”.")
                        .format(name=_("Full name"), unit=_("Unit")))
