"""`tdkt user add|list|passwd|disable`, and signing in with `--user` on a database with accounts.

    tdkt user add LOGIN --name "Họ và tên" [--role chuyen_vien|lanh_dao|quan_tri]
    tdkt user list
    tdkt user passwd LOGIN
    tdkt user disable LOGIN
    tdkt --user LOGIN COMMAND …     (sign in; the database asks for it once it has accounts)

Passwords are typed without echo; for scripts they are read from standard input, one per line
(first the password of --user, then a new password).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from desktop.core.roles import ROLE_LABELS, Role
from desktop.errors import UserError
from desktop.i18n import _


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")


def add_user_parser(add_common: Callable[[str, str], argparse.ArgumentParser]) -> None:
    user = add_common("user", _("manage the accounts of the officers who share this database"))
    user.add_argument("action", choices=["add", "list", "passwd", "disable"],
                      help=_("add: a new account; list: show the accounts; passwd: change a "
                             "password; disable: stop an account from signing in"))
    user.add_argument("login", nargs="?", metavar=_("LOGIN"), help=_("the account's login"))
    user.add_argument("--name", help=_("the officer's full name (for add)"))
    user.add_argument("--role", choices=[r.value for r in Role], default=Role.CHUYEN_VIEN.value,
                      help=_("chuyen_vien: edits; lanh_dao: also approves and decides; "
                             "quan_tri: accounts and settings (default chuyen_vien)"))


def add_sign_in_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--user", metavar=_("LOGIN"), default=default,
                        help=_("sign in as this account (asks for its password)"))


def read_password(prompt: str, *, confirm: bool = False) -> str:
    """Without echo at a terminal; one line of standard input otherwise (scripts)."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise UserError(_("No password was given on standard input; give one per line."))
        return line.rstrip("\r\n")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type it again: ")) != password:
        raise UserError(_("The two passwords differ; type the same one twice."))
    return password


def sign_in_from_arguments(args: argparse.Namespace) -> None:
    """With --user, every database this command opens is used as that officer."""
    login = getattr(args, "user", None)
    if login:
        from desktop.core import accounts

        accounts.sign_in_everywhere(login, read_password(
            _("Password of {login}: ").format(login=login)))


def cmd_user(args: argparse.Namespace) -> int:
    from desktop.cli import _db_target
    from desktop.core.service import Services
    from desktop.store.database import open_database

    if args.action != "list" and not args.login:
        raise UserError(_("Give the login of the account, for example: tdkt user {action} "
                          "an.nv").format(action=args.action))
    with open_database(_db_target(args)) as db:
        services = Services(db)
        if args.action == "list":
            rows = services.accounts.users()
            for row in rows:
                state = "" if row.active else " " + _("(disabled)")
                _write(f"{row.login}\t{row.full_name}\t{_(ROLE_LABELS[row.role])}{state}")
            if not rows:
                _write(_("No accounts yet: the database is used without signing in."))
        elif args.action == "add":
            if not args.name:
                raise UserError(_("Give the officer's full name with --name \"Họ và tên\"."))
            account = services.accounts.add(args.login, args.name, args.role, read_password(
                _("New password for {login}: ").format(login=args.login), confirm=True))
            _write(_("Account {login} ({role}) added.").format(
                login=account.login, role=_(ROLE_LABELS[account.role])))
        elif args.action == "passwd":
            services.accounts.set_password(args.login, read_password(
                _("New password for {login}: ").format(login=args.login), confirm=True))
            _write(_("The password of {login} was changed.").format(login=args.login))
        else:
            services.accounts.disable(args.login)
            _write(_("The account {login} can no longer sign in.").format(login=args.login))
    return 0
