"""Reading typed values out of spreadsheet cells the way officers fill them in.

Each reader returns the value, or raises CellError with one sentence saying what is wrong and
what to write instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from desktop.core.text import nfc, search_key
from desktop.i18n import _


class CellError(ValueError):
    """A cell that cannot be read; `str()` is the translated sentence for the report."""


_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YES = {"x", "co", "yes", "1", "true", "dung", "chuyen de"}
_NO = {"", "khong", "no", "0", "false"}


def text(value: Any) -> str:
    """Any cell as trimmed NFC text; a whole number typed as a number loses its «.0»."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return nfc(str(value))


def day(value: Any) -> date | None:
    """A date typed as an Excel date, or as text dd/mm/yyyy (also with «-» or «.»)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    shown = text(value)
    if isinstance(value, int | float) or shown.isdigit():
        raise CellError(_("“{value}” is not a full date; write the day, month and year, "
                          "e.g. 15/03/1980.").format(value=shown))
    m = _DMY.fullmatch(shown)
    parts = (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    if parts is None and (m := _YMD.fullmatch(shown)):
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if parts is None:
        raise CellError(_("“{value}” is not a date; write it as dd/mm/yyyy, e.g. 15/03/1980.")
                        .format(value=shown))
    try:
        return date(*parts)
    except ValueError:
        raise CellError(_("“{value}” is not a real date (no such day in that month); check it "
                          "against the paper record.").format(value=shown)) from None


def year(value: Any) -> int | None:
    """A year typed as a number or text («2023»)."""
    shown = text(value)
    if not shown:
        return None
    if isinstance(value, datetime | date):
        return value.year
    if not shown.isdigit() or len(shown) != 4:
        raise CellError(_("“{value}” is not a year; write four digits, e.g. 2023.").format(
            value=shown))
    return int(shown)


def citizen_id(value: Any) -> str:
    """The CCCD as text; typed as a number, Excel dropped its leading zeros (codes start 0xx)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        digits = str(int(value))
        return digits.zfill(12) if len(digits) < 12 else digits
    return text(value).replace(" ", "")


def flag(value: Any) -> bool:
    """Yes/no: «x», «có», «1» mean yes; empty, «không», «0» mean no."""
    if isinstance(value, bool):
        return value
    key = search_key(text(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(_("“{value}” is neither yes nor no; write “x” or “có” for yes, leave it "
                      "empty for no.").format(value=text(value)))
