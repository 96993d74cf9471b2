"""`tdkt excel`: lists to and from Excel (.xlsx).

    tdkt excel import --kind people|units|awards FILE [--sheet NAME] [--map 'Cột=field,…']
                      [--valid-only] [--dry-run]
    tdkt excel export --list people|units|awards|nominations --to FILE.xlsx [--round ID]

The import prints what it understood (sheet, heading row, columns, converted TCVN3/VNI cells)
and one line per problem; it writes nothing if any row has a problem, unless --valid-only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _

IMPORT, EXPORT = "import", "export"


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")


def add_excel_parser(subparsers: object,
                     add_common: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register `excel import` and `excel export`; `add_common(name, help)` makes a subparser
    with the common options."""
    from desktop.cli import _common  # cli.py is loaded by the time it builds its parser

    excel = add_common("excel", _("import lists from Excel (.xlsx), or export a list to Excel"))
    actions = excel.add_subparsers(dest="excel_action", metavar="import|export",
                                   parser_class=type(excel))

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text, description=help_text)
        p._optionals.title = _("options")
        _common(p, suppress=True)
        return p

    imp = action(IMPORT, _("read a sheet of people, units or award history into the database"))
    imp.add_argument("file", metavar=_("FILE"), help=_("the .xlsx file to import"))
    imp.add_argument("--kind", choices=["people", "units", "awards"], required=True,
                     help=_("what the sheet holds: people, units or awards (award history)"))
    imp.add_argument("--sheet", metavar=_("NAME"),
                     help=_("the sheet to read (default: the one open when the file was saved)"))
    imp.add_argument("--map", metavar="'Cột=field,…'", dest="mapping",
                     help=_("say which column holds which field, e.g. 'Tên CB=full_name,"
                            "B=gender'; 'Cột=' ignores a column"))
    imp.add_argument("--valid-only", action="store_true",
                     help=_("import the valid rows even if other rows have errors"))
    imp.add_argument("--dry-run", action="store_true",
                     help=_("check the sheet and show the report, change nothing"))

    exp = action(EXPORT, _("write a list to an .xlsx file"))
    exp.add_argument("--list", choices=["people", "units", "awards", "nominations"],
                     dest="what", required=True, help=_("the list to export"))
    exp.add_argument("--to", metavar=_("FILE"), required=True, help=_("the .xlsx file to write"))
    exp.add_argument("--round", metavar="ID",
                     help=_("for nominations: the round, its number or its UUID"))


def cmd_excel(args: argparse.Namespace) -> int:
    from desktop.cli import _db_target
    from desktop.core.service import Services
    from desktop.store.database import open_database

    if args.excel_action not in (IMPORT, EXPORT):
        raise UserError(_("Say what to do, e.g. “tdkt excel import --kind people "
                          "danh_sach.xlsx” or “tdkt excel export --list people --to "
                          "danh_sach.xlsx”."))
    db = open_database(_db_target(args))
    try:
        services = Services(db)
        if args.excel_action == EXPORT:
            return _export(services, args)
        return _import(services, args)
    finally:
        db.close()


def _export(services: object, args: argparse.Namespace) -> int:
    from desktop.core.service import Services
    from desktop.interop.xlsx_export import export_list

    assert isinstance(services, Services)
    target = Path(args.to).expanduser()
    n = export_list(services, args.what, target, round_ref=args.round)
    _write(_("Written {path}: {n} rows.").format(path=target, n=n))
    return 0


def _import(services: object, args: argparse.Namespace) -> int:
    from desktop.core.service import Services
    from desktop.interop.xlsx_import import apply, preview

    assert isinstance(services, Services)
    result = preview(services, Path(args.file).expanduser(), args.kind, sheet=args.sheet,
                     mapping=args.mapping)
    _write(_("Sheet “{sheet}” of {file}: headings on row {row}.").format(
        sheet=result.sheet, file=result.path.name, row=result.header_row))
    for heading, label in result.columns_used():
        _write(f"  {heading} → {label}")
    if result.converted_total:
        _write(_("{n} cells typed in the old TCVN3/VNI fonts were converted to Unicode.").format(
            n=result.converted_total))
    _write(_("{total} rows read: {good} valid, {bad} with errors.").format(
        total=len(result.lines), good=len(result.valid), bad=len(result.invalid)))
    for problem in result.problems:
        _write("  " + str(problem))
    if args.dry_run:
        _write(_("Dry run: nothing was imported."))
        return 0
    n = apply(services, result, valid_only=args.valid_only)
    _write(_("Imported {n} rows.").format(n=n))
    return 0
