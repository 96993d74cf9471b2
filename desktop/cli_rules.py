"""`tdkt rules`: the award rules engine from the command line (support staff, tests).

    tdkt rules list   [--date DAY] [--json]
    tdkt rules amount --award CODE --subject individual|collective|household --date DAY [--json]
    tdkt rules check  --award CODE --facts FILE.json --date DAY [--kind KIND] [--json]
    tdkt rules vote   --award CODE --members N --yes K [--present P] [--written W] [--date DAY]
                      [--threshold 0.8] [--quorum 0.667] [--json]

DAY is YYYY-MM-DD or dd/mm/yyyy. The catalogue is the shipped one (resources/catalogue); the
facts file format is in docs/rules.md. Bad input ends with one Vietnamese sentence and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.i18n import _

SUBJECT_CHOICES = ("individual", "collective", "household", "ca_nhan", "tap_the", "ho_gia_dinh")
KIND_CHOICES = ("thuong_xuyen", "chuyen_de", "dot_xuat")


def add_rules_parser(subparsers: object,
                     add_common: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register `rules` and its sub-commands; `add_common(name, help)` makes the `rules` parser."""
    from desktop.cli import _common

    rules = add_common("rules", _("the award rules: catalogue, amounts, eligibility, votes"))
    sub = rules.add_subparsers(dest="rules_command", title=_("commands"), metavar=_("COMMAND"),
                               parser_class=type(rules))

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p._optionals.title = _("options")
        _common(p, suppress=True)
        return p

    signed = _("date the decision is signed, as YYYY-MM-DD or dd/mm/yyyy")
    as_json = _("print JSON instead of text")

    p = add("list", _("list the awards in force on a date"))
    p.add_argument("--date", metavar=_("DAY"),
                   help=_("date as YYYY-MM-DD or dd/mm/yyyy (default: today)"))
    p.add_argument("--json", action="store_true", help=as_json)

    p = add("amount", _("compute the cash reward of an award"))
    p.add_argument("--award", required=True, metavar=_("CODE"), help=_("award code, e.g. LDTT"))
    p.add_argument("--subject", required=True, metavar="individual|collective|household",
                   help=_("who receives it"))
    p.add_argument("--date", required=True, metavar=_("DAY"),
                   help=signed)
    p.add_argument("--level", choices=["tinh", "huyen", "xa"],
                   help=_("level of the office that decides, where the decree pays differently"))
    p.add_argument("--step", type=int, metavar="N",
                   help=_("round up to a multiple of this (default 10000)"))
    p.add_argument("--json", action="store_true", help=as_json)

    p = add("check", _("check whether a subject meets an award's standard"))
    p.add_argument("--award", required=True, metavar=_("CODE"), help=_("award code, e.g. CSTDCS"))
    p.add_argument("--facts", required=True, metavar=_("FILE"),
                   help=_("JSON file with the subject's facts (see docs/rules.md)"))
    p.add_argument("--date", required=True, metavar=_("DAY"),
                   help=signed)
    p.add_argument("--kind", choices=KIND_CHOICES, default="thuong_xuyen",
                   help=_("kind of commendation (default: thuong_xuyen)"))
    p.add_argument("--json", action="store_true", help=as_json)

    p = add("vote", _("check a council vote against the award's threshold"))
    p.add_argument("--award", required=True, metavar=_("CODE"), help=_("award code, e.g. CSTDCS"))
    p.add_argument("--members", required=True, type=int, metavar="N",
                   help=_("number of council members"))
    p.add_argument("--yes", required=True, type=int, metavar="K", help=_("approvals"))
    p.add_argument("--present", type=int, metavar="P", help=_("members present"))
    p.add_argument("--written", type=int, default=0, metavar="W",
                   help=_("absent members who voted in writing"))
    p.add_argument("--date", metavar=_("DAY"),
                   help=_("date of the meeting, as YYYY-MM-DD or dd/mm/yyyy (default: today)"))
    p.add_argument("--threshold", metavar="0.8",
                   help=_("this office's approval threshold for the award, of all members"))
    p.add_argument("--quorum", metavar="0.667",
                   help=_("share of members who must take part (default 2/3)"))
    p.add_argument("--json", action="store_true", help=as_json)

    p = add("threshold", _("list or set this office's own council approval thresholds"))
    p.add_argument("--award", metavar=_("CODE"), help=_("award code, e.g. CSTDCS"))
    p.add_argument("--set", metavar="0.8", help=_("share of all members needed to approve"))
    p.add_argument("--clear", action="store_true", help=_("go back to the law's threshold"))

    p = add("salary", _("list the base salaries the database uses, or add a newly decreed one"))
    p.add_argument("--add", nargs=3, metavar=(_("DAY"), _("AMOUNT"), _("SOURCE")),
                   help=_("add a base salary in force from DAY, e.g. --add 01/07/2027 2800000 "
                          "\"Nghị định số …/2027/NĐ-CP\""))
    p.add_argument("--json", action="store_true", help=as_json)


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")


def _dump(data: object) -> None:
    _write(json.dumps(data, ensure_ascii=False, indent=2))


def _day(text: str | None) -> date:
    from desktop.core.rules import parse_day

    if text is None:
        return date.today()
    day = parse_day(text)
    if day is None:
        raise UserError(_("The date “{text}” is not valid; write it as 2025-02-28 or 28/02/2025.")
                        .format(text=text))
    return day


def _decimal(text: str | None, what: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise UserError(_("The {what} “{value}” must be a fraction above 0 and at most 1, for "
                          "example 0.8.").format(what=what, value=text)) from None


def cmd_rules(args: argparse.Namespace) -> int:
    from desktop.core.catalogue import load_catalogue

    command = getattr(args, "rules_command", None)
    if command is None:
        raise UserError(_("Name what to do: “tdkt rules list”, “amount”, “check”, “vote”, "
                          "“threshold” or “salary”."))
    if command == "salary":
        return _salary(args)
    if command == "threshold":
        return _threshold(args)
    catalogue = load_catalogue()
    run = {"list": _list, "amount": _amount, "check": _check, "vote": _vote}[command]
    try:
        return run(args, catalogue)
    except BrokenPipeError:  # `tdkt rules list | head`: the reader left; nothing to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _list(args: argparse.Namespace, catalogue: Any) -> int:
    from desktop.core.rules import words
    from desktop.core.text import format_number

    on = _day(args.date)
    rows = catalogue.awards_on(on)
    if args.json:
        _dump([{
            "code": row.code,
            "name": row.name,
            "category": row.category,
            "kinds": list(row.kinds),
            "subject_kinds": list(row.subject_kinds),
            "coefficients": {k: str(v) for k, v in row.coefficients.items()},
            "level_coefficients": {level: {k: str(v) for k, v in table.items()}
                                   for level, table in row.level_coefficients.items()},
            "household_multiplier": (None if row.household_multiplier is None
                                     else str(row.household_multiplier)),
            "council_threshold": (None if row.council_threshold is None
                                  else str(row.council_threshold)),
            "proposal_only": row.proposal_only,
            "regime": row.regime,
            "legal_source": row.legal_source,
            "effective_from": row.effective_from.isoformat(),
            "effective_to": None if row.effective_to is None else row.effective_to.isoformat(),
        } for row in rows])
        return 0
    regime = catalogue.regime_on(on)
    _write(_("Awards in force on {date} ({regime}):").format(date=words.day(on),
                                                             regime=regime.name))
    from desktop.store.kinds import SubjectKind

    for row in rows:
        parts = [_(words.CATEGORIES[row.category])]
        for kind in row.subject_kinds:
            coefficient = row.coefficients.get(kind)
            subject = _(words.SUBJECTS[SubjectKind(kind)])
            if coefficient is not None:
                subject = _("coefficient {coefficient} for {subject}").format(
                    subject=subject, coefficient=format_number(coefficient))
            parts.append(subject)
        if row.council_threshold is not None:
            parts.append(_("council {threshold} of all members").format(
                threshold=words.share(row.council_threshold)))
        if row.proposal_only:
            parts.append(_("proposal only"))
        _write(f"  {row.code:<13} {row.name} ({'; '.join(parts)})")
    return 0


def _amount(args: argparse.Namespace, catalogue: Any) -> int:
    from desktop.core.rules import price
    from desktop.core.rules.facts import subject_kind
    from desktop.core.text import format_money

    kind = subject_kind(args.subject)
    if kind is None:
        raise UserError(_("“{value}” is not a subject kind; use individual, collective or "
                          "household.").format(value=args.subject))
    result = price(args.award.strip().upper(), kind, _day(args.date), catalogue,
                   level=args.level, step=args.step)
    if args.json:
        _dump(result.as_dict())
        return 0
    _write(format_money(result.amount))
    _write(result.describe())
    _write(_("Regime: {regime}; legal source: {source}").format(
        regime=result.regime_name, source=result.legal_source))
    return 0


def _read_facts(path_text: str) -> Any:
    from desktop.core.rules import facts_from_json

    path = Path(path_text).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("The facts file “{path}” does not exist.").format(path=path)) from None
    except OSError as exc:
        raise UserError(_("The facts file “{path}” cannot be read ({problem}).").format(
            path=path, problem=exc.strerror or exc)) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(_("The facts file “{path}” is not UTF-8 text.").format(path=path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(_("The facts file “{path}” is not valid JSON (line {line}, column "
                          "{column}).").format(path=path, line=exc.lineno, column=exc.colno)
                        ) from None
    return facts_from_json(data)


def _check(args: argparse.Namespace, catalogue: Any) -> int:
    from desktop.core.rules import check, words

    facts = _read_facts(args.facts)
    on = _day(args.date)
    verdict = check(args.award.strip().upper(), facts, on, catalogue, kind=args.kind)
    if args.json:
        _dump(verdict.as_dict())
        return 0
    regime = catalogue.regime(verdict.regime).name if verdict.regime else "—"
    _write(_("{award} ({regime}), year {year}, decision dated {date}: {verdict}").format(
        award=verdict.award_name, regime=regime, year=verdict.year, date=words.day(on),
        verdict=_("eligible") if verdict.eligible else _("not eligible")))
    for reason in verdict.reasons:
        mark = _("[note]") if reason.info else (_("[met]") if reason.ok else _("[not met]"))
        _write(f"  {mark} {reason.text}")
    for note in verdict.preference:
        _write(note)
    return 0


def _vote(args: argparse.Namespace, catalogue: Any) -> int:
    from desktop.core.rules import vote
    from desktop.core.rules.votes import DEFAULT_QUORUM

    code = args.award.strip().upper()
    threshold = _decimal(args.threshold, _("threshold"))
    quorum = _decimal(args.quorum, _("quorum"))
    result = vote(code, _day(args.date), catalogue, members_total=args.members, yes=args.yes,
                  present=args.present, written=args.written,
                  overrides=None if threshold is None else {code: threshold},
                  quorum=DEFAULT_QUORUM if quorum is None else quorum)
    if args.json:
        _dump(result.as_dict())
        return 0
    _write(result.explanation)
    return 0


def _salary(args: argparse.Namespace) -> int:
    from desktop.cli import _db_target
    from desktop.core.service import Services
    from desktop.core.text import format_date_short, format_money
    from desktop.store.database import open_database

    db = open_database(_db_target(args))
    try:
        services = Services(db)
        if args.add:
            day, amount, source = args.add
            if not amount.replace(".", "").isdigit():
                raise UserError(_("The amount “{value}” must be a whole number of đồng, for "
                                  "example 2800000.").format(value=amount))
            services.screening.add_base_salary(_day(day), int(amount.replace(".", "")), source)
        rows = services.screening.base_salaries()
    finally:
        db.close()
    if args.json:
        _dump([{"from": r.effective_from.isoformat(), "amount": r.amount,
                "legal_source": r.legal_source, "reported": r.reported} for r in rows])
        return 0
    for row in rows:
        note = _(" (reported by secondary sources: check the original)") if row.reported else ""
        _write(_("from {day}: {amount} — {source}{note}").format(
            day=format_date_short(row.effective_from), amount=format_money(row.amount),
            source=row.legal_source, note=note))
    return 0


def _threshold(args: argparse.Namespace) -> int:
    from desktop.cli import _db_target
    from desktop.core.service import Services
    from desktop.store.database import open_database

    if (args.set is not None or args.clear) and not args.award:
        raise UserError(_("Say which award with --award, e.g. --award CSTDCS --set 0.9."))
    db = open_database(_db_target(args))
    try:
        services = Services(db)
        if args.set is not None or args.clear:
            share = None if args.clear else _decimal(args.set, _("threshold"))
            services.council.set_threshold(args.award.upper(), share)
        for code, share_text in sorted(services.council.thresholds().items()):
            _write(_("{award}: approved with at least {share} of all members").format(
                award=code, share=share_text))
    finally:
        db.close()
    return 0
