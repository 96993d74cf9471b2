"""Opening an .xlsx file someone brought on a stick, and reading one sheet of it.

Everything that can go wrong with the file itself (not a spreadsheet, an old .xls, a password,
a damaged zip, a missing or empty sheet) becomes one sentence saying what to do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desktop.errors import UserError
from desktop.i18n import _

MAX_FILE = 200 * 2**20
MAX_UNPACKED = 1024 * 2**20  # a zip that unpacks to more is not a list of people
MAX_ROWS = 200_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: an .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass
class SheetData:
    names: list[str]  # every sheet of the file
    name: str  # the one read
    rows: list[tuple[int, list[Any]]]  # (row number as Excel shows it, cell values), no blanks


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise UserError(_("The file “{name}” is larger than {mb} MB; split the list into "
                              "several files.").format(name=path.name, mb=MAX_FILE // 2**20))
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("The file “{path}” does not exist; check its name and folder.")
                        .format(path=path)) from None
    except IsADirectoryError:
        raise UserError(_("“{path}” is a folder; choose an .xlsx file.").format(
            path=path)) from None
    except OSError as exc:
        raise UserError(_("The file “{name}” cannot be read ({reason}); close it in other "
                          "programs and try again.").format(name=path.name,
                                                            reason=exc.strerror or exc)) from None


def _check_container(path: Path, data: bytes) -> None:
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise UserError(_("The file “{name}” is protected by a password; open it in Excel, "
                              "remove the password, save it and import it again.").format(
                name=path.name))
        raise UserError(_("“{name}” is an old Excel 97–2003 file; open it in Excel, save it as "
                          "“Excel Workbook (.xlsx)” and import that file.").format(name=path.name))
    if not data.startswith(b"PK"):
        raise UserError(_("“{name}” is not an Excel .xlsx file; open it in Excel, save it as "
                          "“Excel Workbook (.xlsx)” and import that file.").format(name=path.name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        damaged = "?"
        unpacked = 0
    if damaged is not None:
        raise _damaged(path)
    if unpacked > MAX_UNPACKED:
        raise UserError(_("The file “{name}” unpacks to more than {mb} MB, far more than a list "
                          "needs; check that it is the right file.").format(
            name=path.name, mb=MAX_UNPACKED // 2**20))


def _damaged(path: Path) -> UserError:
    return UserError(_("The file “{name}” is damaged and cannot be read; open it in Excel, save "
                       "it again as .xlsx and import that copy.").format(name=path.name))


def read_sheet(path: Path, sheet: str | None = None) -> SheetData:
    """The non-empty rows of `sheet` (default: the sheet that was open when the file was saved)."""
    data = _bytes(path)
    _check_container(path, data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken package
        raise _damaged(path) from None
    try:
        names = list(book.sheetnames)
        if sheet is None:
            name = book.active.title if book.active is not None else names[0]
        else:
            match = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
            if not match:
                raise UserError(_("There is no sheet “{sheet}” in “{name}”; its sheets are: "
                                  "{names}.").format(sheet=sheet, name=path.name,
                                                     names=", ".join(names)))
            name = match[0]
        rows: list[tuple[int, list[Any]]] = []
        try:
            for number, values in enumerate(book[name].iter_rows(values_only=True), start=1):
                cells = list(values)
                if any(v is not None and str(v).strip() for v in cells):
                    rows.append((number, cells))
                if number > MAX_ROWS:
                    raise UserError(_("The sheet “{sheet}” has more than {n} rows; split it into "
                                      "several files.").format(sheet=name, n=MAX_ROWS))
        except UserError:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet part
            raise _damaged(path) from None
    finally:
        book.close()
    if not rows:
        raise UserError(_("The sheet “{sheet}” of “{name}” is empty; choose the sheet that "
                          "holds the list.").format(sheet=name, name=path.name))
    return SheetData(names, name, rows)
