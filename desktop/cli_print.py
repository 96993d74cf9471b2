"""`tdkt print`: the paper documents of a round or a movement, as PDF and .docx files.

    tdkt print --list
    tdkt print FORM --round ID --out DIR [--draft]
    tdkt print round --round ID --out DIR [--draft]     (the whole dossier, one merged PDF)
    tdkt print calibration --out DIR [--profile NAME]   (grid and crosshairs for Giấy khen stock)

ID is the round's UUID or its number in order of creation (``--round 1`` is the oldest).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _

ALL = "round"
CALIBRATION = "calibration"
ON_STOCK = "giay-khen-phoi"  # the one form printed through a printer profile


def add_print_parser(subparsers: object,
                     add_common: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register `print`; `add_common(name, help)` makes a subparser with the common options."""
    p = add_common("print", _("print the documents of a round or a movement as PDF and Word files"))
    p.add_argument("form", nargs="?", metavar=_("FORM"),
                   help=_("the document to print, or “round” for the whole dossier"))
    p.add_argument("--list", action="store_true",
                   help=_("list the documents, rounds and movements that can be printed"))
    p.add_argument("--round", metavar="ID", help=_("the round: its number or its UUID"))
    p.add_argument("--movement", metavar="ID",
                   help=_("the movement: its number, code or UUID"))
    p.add_argument("--out", metavar=_("FOLDER"), default=".",
                   help=_("folder for the PDF and Word files (default: the current folder)"))
    p.add_argument("--draft", action="store_true",
                   help=_("print a draft: no number is taken from the register"))
    p.add_argument("--profile", metavar=_("NAME"),
                   help=_("the printer profile for pre-printed Giấy khen stock and its "
                          "calibration page (default: the one chosen in the program)"))


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")


def cmd_print(args: argparse.Namespace) -> int:
    from desktop.cli import _db_target
    from desktop.core.service import Services
    from desktop.documents import registry
    from desktop.documents.printing import print_form
    from desktop.store.database import open_database

    if not args.list and not args.form:
        raise UserError(_("Name the document to print, or type “tdkt print --list”."))
    if args.form == CALIBRATION and not args.list:
        return _print_calibration(args)
    if args.form and args.form != ALL and registry.form(args.form) is None:
        raise UserError(_("There is no document “{form}”; type “tdkt print --list” to see "
                          "them.").format(form=args.form))
    db = open_database(_db_target(args))
    try:
        services = Services(db)
        if args.list:
            _list(services)
            return 0
        out = Path(args.out).expanduser()
        if args.form == ALL:
            return _print_round(services, args, out)
        form = registry.BY_CODE[args.form]
        ref = args.round if form.needs == "round" else args.movement
        if not ref:
            raise UserError(_("“{form}” needs --{what} ID.").format(form=form.code,
                                                                       what=form.needs))
        options = {"printer": args.profile} if args.profile and form.code == ON_STOCK else {}
        for path in print_form(services, form, ref, out, draft=args.draft, **options):
            _write(_("Written {path}").format(path=path))
        return 0
    finally:
        db.close()


def _print_round(services: object, args: argparse.Namespace, out: Path) -> int:
    from desktop.cli import _progress_printer
    from desktop.documents.printing import print_round

    if not args.round:
        raise UserError(_("“{form}” needs --{what} ID.").format(form=ALL, what="round"))
    bar = _progress_printer(_("Printing the dossier"))
    skipped: list[str] = []
    written = print_round(services, args.round, out,  # type: ignore[arg-type]
                          lambda done, total, _label: bar(done, total), draft=args.draft,
                          skipped=skipped)
    for reason in skipped:
        _write(_("Skipped {form}").format(form=reason))
    for path in written:
        _write(_("Written {path}").format(path=path))
    return 0


def _print_calibration(args: argparse.Namespace) -> int:
    """The calibration page of a printer profile: no database needed."""
    from desktop.documents import giay_khen
    from desktop.documents import printer_profile as pp
    from desktop.documents.printing import write_files

    profile = pp.load(args.profile)
    name = f"trang-can-chinh-{profile.name}.pdf"  # as the printer profiles page names it
    files = {name: giay_khen.calibration(profile)}
    for path in write_files(Path(args.out).expanduser(), files):
        _write(_("Written {path}").format(path=path))
    return 0


def _list(services: object) -> None:
    from sqlalchemy import select

    from desktop.documents import registry
    from desktop.documents.common import reading
    from desktop.store.models import Movement, NominationRound

    _write(_("Documents:"))
    for f in registry.FORMS:
        _write(f"  {f.code:<12} {f.title} (--{f.needs})")
    _write(f"  {ALL:<12} " + _("the whole dossier of a round"))
    _write(f"  {CALIBRATION:<12} " + _("the calibration page for pre-printed Giấy khen stock "
                                       "(--profile NAME)"))
    with reading(services) as session:  # type: ignore[arg-type]
        _write(_("Rounds:"))
        rounds = session.scalars(select(NominationRound).order_by(
            NominationRound.created_at, NominationRound.id))
        for i, r in enumerate(rounds, start=1):
            _write(f"  {i:>3}  {r.id}  {r.name}")
        _write(_("Movements:"))
        movements = session.scalars(select(Movement).order_by(Movement.doc_date, Movement.code))
        for i, m in enumerate(movements, start=1):
            _write(f"  {i:>3}  {m.code}  {m.name}")
