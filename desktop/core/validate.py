"""Input checks shared by the services: NFC text, required fields, known values, dates.

Field names are passed untranslated (marked with N_) and translated only for an error.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TypeVar

from desktop.core.text import nfc
from desktop.errors import UserError
from desktop.i18n import _

E = TypeVar("E", bound=StrEnum)


def text(value: str | None, field: str, *, required: bool = True, max_len: int = 250) -> str:
    cleaned = nfc(value or "")
    if required and not cleaned:
        raise UserError(_("Please fill in “{field}”.").format(field=_(field)))
    if len(cleaned) > max_len:
        raise UserError(
            _("“{field}” is too long (at most {n} characters).").format(field=_(field), n=max_len)
        )
    return cleaned


def choice(value: str, enum: type[E], field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        raise UserError(
            _("“{value}” is not a valid value for “{field}”.").format(value=value, field=_(field))
        ) from None


def date_range(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise UserError(_("The end date must not be before the start date."))


def year(value: int) -> int:
    if not 1945 <= value <= 2100:
        raise UserError(_("The year {year} is not valid.").format(year=value))
    return value
