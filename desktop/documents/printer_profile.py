"""Where a printer puts the variable fields of a Giấy khen on pre-printed stock (phôi).

A profile is a small JSON file in the user's config folder (``printers/<name>.json``): the
paper size, an X/Y offset in millimetres that the user adjusts after printing the calibration
page, and for each field its position (mm from the top-left corner of the sheet), the width it
may wrap in, its size and alignment. A missing file gives the defaults; a damaged one is
refused with one sentence and nothing is written.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.core.settings import load_settings, save_settings
from desktop.errors import UserError
from desktop.i18n import _

MAX_OFFSET_MM = 30.0
FOLDER = "printers"
DEFAULT_NAME = "mac-dinh"  # always offered; deleting it puts its defaults back


@dataclass(frozen=True)
class FieldPlace:
    x: float  # mm from the left edge (the centre for «C», the right end for «R»)
    y: float  # mm from the top edge to the first baseline
    width: float  # mm the text may wrap in
    size: float = 14
    align: str = "C"  # L, C or R
    bold: bool = False
    italic: bool = False
    max_lines: int = 1  # more text shrinks the size down to 8 pt


DEFAULT_FIELDS: dict[str, FieldPlace] = {
    "issuer": FieldPlace(148.5, 62, 200, 15, "C", bold=True),
    "recipient": FieldPlace(148.5, 100, 220, 20, "C", bold=True),
    "detail": FieldPlace(148.5, 111, 220, 14, "C", italic=True),
    "reason": FieldPlace(148.5, 124, 220, 15, "C", max_lines=3),
    "decision": FieldPlace(40, 172, 95, 12, "L", max_lines=2),
    "place_date": FieldPlace(215, 160, 120, 13, "C", italic=True),
    "signer_title": FieldPlace(215, 168, 120, 13, "C", bold=True),
    "signer_name": FieldPlace(215, 195, 120, 14, "C", bold=True),
}
FIELD_WORDS = {
    "issuer": "Cơ quan khen thưởng", "recipient": "Người, tập thể được khen",
    "detail": "Chức vụ, đơn vị", "reason": "Thành tích", "decision": "Quyết định số",
    "place_date": "Địa danh, ngày tháng", "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
}


@dataclass(frozen=True)
class PrinterProfile:
    name: str = "mac-dinh"
    page_width: float = 297.0  # mm; A4 landscape by default
    page_height: float = 210.0
    offset_x: float = 0.0  # mm, positive moves everything right
    offset_y: float = 0.0  # mm, positive moves everything down
    fields: dict[str, FieldPlace] = field(default_factory=lambda: dict(DEFAULT_FIELDS))

    def moved(self, dx: float, dy: float) -> PrinterProfile:
        """The same profile with its offsets shifted by (dx, dy) mm."""
        return checked(replace(self, offset_x=self.offset_x + dx, offset_y=self.offset_y + dy))

    def on_paper(self, width: float, height: float) -> PrinterProfile:
        """The same layout on another paper size: each field keeps its place on the sheet."""
        if (width, height) == (self.page_width, self.page_height):
            return self
        sx, sy = width / self.page_width, height / self.page_height
        fields = {k: replace(f, x=round(f.x * sx, 1), y=round(f.y * sy, 1),
                             width=round(f.width * sx, 1)) for k, f in self.fields.items()}
        return replace(self, page_width=width, page_height=height, fields=fields)


def _safe_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,60}", name) or name.startswith("."):
        raise UserError(_("A printer profile name may only hold letters without accents, "
                          "digits, dots, dashes and underscores."))
    return name


def profile_path(name: str) -> Path:
    return paths.config_dir() / FOLDER / f"{_safe_name(name)}.json"


def checked(p: PrinterProfile) -> PrinterProfile:
    if not (100 <= p.page_width <= 500 and 100 <= p.page_height <= 500):
        raise UserError(_("The paper size of the printer profile must be between 100 and "
                          "500 mm."))
    for value in (p.offset_x, p.offset_y):
        if abs(value) > MAX_OFFSET_MM:
            raise UserError(_("A printer offset must be between -{max} and {max} mm.").format(
                max=f"{MAX_OFFSET_MM:g}"))
    for f in p.fields.values():
        if not (0 <= f.x <= p.page_width and 0 <= f.y <= p.page_height and f.width > 0
                and 6 <= f.size <= 40 and f.align in ("L", "C", "R") and f.max_lines >= 1):
            raise UserError(_("A field of the printer profile lies outside the paper; check "
                              "its position in millimetres."))
    return p


def _from_json(data: dict[str, Any], name: str) -> PrinterProfile:
    fields = dict(DEFAULT_FIELDS)
    for key, value in (data.get("fields") or {}).items():
        if key not in DEFAULT_FIELDS:
            raise KeyError(key)
        fields[key] = FieldPlace(**{**asdict(DEFAULT_FIELDS[key]), **value})
    return checked(PrinterProfile(
        name=name, page_width=float(data.get("page_width", 297)),
        page_height=float(data.get("page_height", 210)),
        offset_x=float(data.get("offset_x", 0)), offset_y=float(data.get("offset_y", 0)),
        fields=fields))


def load(name: str | None = None) -> PrinterProfile:
    """The saved profile (by default the chosen one), or the defaults when none was saved yet."""
    name = name or chosen()
    path = profile_path(name)
    if not path.exists():
        return PrinterProfile(name=name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError
        return _from_json(data, name)
    except UserError:
        raise
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise UserError(_("The printer profile “{name}” is damaged; delete it or print the "
                          "calibration page again.").format(name=path.name)) from exc


def save(profile: PrinterProfile) -> Path:
    """Write the profile (all or nothing: a temporary file renamed over the old one)."""
    checked(profile)
    path = profile_path(profile.name)
    data = {"page_width": profile.page_width, "page_height": profile.page_height,
            "offset_x": profile.offset_x, "offset_y": profile.offset_y,
            "fields": {k: asdict(v) for k, v in profile.fields.items()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(_("Cannot write the file into “{folder}”: {reason}.").format(
            folder=path.parent, reason=exc.strerror or exc)) from exc
    return path


def names() -> list[str]:
    """The saved profiles and the default one, by name."""
    folder = paths.config_dir() / FOLDER
    saved = {p.stem for p in folder.glob("*.json")} if folder.is_dir() else set()
    return sorted(saved | {DEFAULT_NAME})


def chosen() -> str:
    """The profile Giấy khen on stock is printed with, as the settings say (else the default)."""
    name = load_settings().printer_profile
    try:
        return name if profile_path(name).exists() else DEFAULT_NAME
    except UserError:  # a hand-edited settings file
        return DEFAULT_NAME


def choose(name: str) -> None:
    """Print Giấy khen on stock with this profile from now on (kept in the settings)."""
    save_settings(replace(load_settings(), printer_profile=_safe_name(name)))


def delete(name: str) -> None:
    """Forget a saved profile (the default profile goes back to its defaults)."""
    path = profile_path(name)
    if chosen() == name:
        choose(DEFAULT_NAME)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot delete the printer profile “{name}” ({reason}); check that "
                          "the folder “{folder}” can be written.").format(
            name=name, reason=exc.strerror or exc, folder=path.parent)) from exc


def rename(old: str, new: str) -> PrinterProfile:
    """Save the profile `old` under the name `new`, then forget `old`."""
    target = profile_path(new)
    if new == old:
        return load(old)
    if target.exists() or new == DEFAULT_NAME:
        raise UserError(_("A printer profile named “{name}” already exists; choose another "
                          "name.").format(name=new))
    profile = replace(load(old), name=new)
    save(profile)
    was_chosen = chosen() == old
    delete(old)
    if was_chosen:
        choose(new)
    return profile
