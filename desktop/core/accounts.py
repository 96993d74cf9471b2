"""Officers' accounts on a shared database: passwords, signing in, and managing accounts.

Passwords are kept as scrypt hashes with a random salt, the parameters stored with the hash
(``scrypt$n$r$p$salt$hash``, base64), so they can be raised later without breaking old ones.
A database with no active account is used as the local officer, with every right (one PC, one
SQLite file: nothing changes for that officer). Once an account exists, the program asks to
sign in, and each change is checked against the role of the officer signed in.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.roles import Account, Permission, Role
from desktop.core.service import Part
from desktop.core.text import nfc
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.database import Database
from desktop.store.models import UserAccount

SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES, SALT_BYTES = 2**14, 8, 1, 32, 16
MIN_PASSWORD = 8
LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES,
                          maxmem=256 * 1024 * 1024)


def hash_password(password: str) -> str:
    salt = os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        got = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(key))


@functools.cache
def _nobody() -> str:
    """A hash to check for an unknown login, so it takes the time a known one takes."""
    return hash_password(os.urandom(12).hex())


def _account(row: UserAccount) -> Account:
    return Account(row.id, row.login, row.full_name, Role(row.role))


def required(db: Database) -> bool:
    """Whether this database has accounts, so that an officer must sign in to use it."""
    with db.sessions() as session:
        return session.scalar(select(UserAccount.id).where(UserAccount.active.is_(True))
                              .limit(1)) is not None


def sign_in(db: Database, login: str, password: str) -> Account:
    """Check the password and make `db` act as that officer from now on."""
    with db.sessions() as session:
        row = session.scalars(select(UserAccount).where(
            UserAccount.login == login.strip().lower(), UserAccount.active.is_(True))).first()
    if not check_password(password, row.password_hash if row else _nobody()) or row is None:
        raise UserError(_("The login or the password is wrong; type them again (letters are "
                          "case-sensitive in the password)."))
    db.account = _account(row)
    return db.account


_given: tuple[str, str] | None = None  # from `tdkt --user`, for every database opened after


def sign_in_everywhere(login: str, password: str) -> None:
    """Sign in with these credentials to every database this process opens (the command line)."""
    global _given
    _given = (login, password)


def forget_credentials() -> None:
    global _given
    _given = None


def current(db: Database) -> Account | None:
    """The officer `db` acts as: signed in, or None for the local officer of a database without
    accounts; refused when the database has accounts and nobody signed in."""
    if db.account is not None:
        return db.account
    if _given is not None:
        return sign_in(db, *_given)
    if required(db):
        raise UserError(_("This database has user accounts: sign in to use it (in a command, "
                          "add --user followed by your login)."))
    return None


@dataclass(frozen=True)
class AccountRow:
    login: str
    full_name: str
    role: Role
    active: bool


def _login(text: str) -> str:
    login = text.strip().lower()
    if not LOGIN.fullmatch(login):
        raise UserError(_("A login is 2 to 60 letters without accents, digits, dots, dashes or "
                          "underscores, starting with a letter or a digit (for example an.nv)."))
    return login


def _password(text: str) -> str:
    if len(text) < MIN_PASSWORD:
        raise UserError(_("A password has at least {n} characters; choose a longer one.")
                        .format(n=MIN_PASSWORD))
    return text


class AccountService(Part):
    """Accounts of the officers who share this database (quản trị only, except the first)."""

    def users(self) -> list[AccountRow]:
        with self.services.reading() as session:
            return [AccountRow(u.login, u.full_name, Role(u.role), u.active)
                    for u in session.scalars(select(UserAccount).order_by(UserAccount.login))]

    def add(self, login: str, full_name: str, role: str, password: str) -> Account:
        """Add an account; the first one of a database must be an administrator."""
        login = _login(login)
        name = nfc(full_name.strip())
        if not name:
            raise UserError(_("Type the officer's full name."))
        try:
            kind = Role(role)
        except ValueError:
            raise UserError(_("The role must be one of: {roles}.").format(
                roles=", ".join(r.value for r in Role))) from None
        secret = hash_password(_password(password))
        with self._tx(None) as session:
            first = not session.scalar(select(func.count()).select_from(UserAccount))
            if first and kind is not Role.QUAN_TRI:
                raise UserError(_("The first account must be an administrator (quan_tri), who "
                                  "can then add the others."))
            if not first:
                self.services.require(Permission.ADMIN)
            if session.scalar(select(UserAccount.id).where(UserAccount.login == login)):
                raise UserError(_("The login “{login}” is taken; choose another.")
                                .format(login=login))
            row = UserAccount(login=login, full_name=name, role=kind.value,
                              password_hash=secret, active=True)
            session.add(row)
            self._audit(session, "user.add", row, after=self._public(row), summary=login)
            return _account(row)

    def set_password(self, login: str, password: str) -> None:
        """Change a password: one's own, or anyone's for an administrator."""
        login = _login(login)
        own = self.services.account is not None and self.services.account.login == login
        secret = hash_password(_password(password))
        with self._tx(None if own else Permission.ADMIN) as session:
            row = self._find(session, login)
            row.password_hash = secret
            self._audit(session, "user.password", row, after={"login": login}, summary=login)

    def disable(self, login: str) -> None:
        """Stop an account from signing in (its name stays in the audit log)."""
        login = _login(login)
        with self._tx(Permission.ADMIN) as session:
            row = self._find(session, login)
            admins = session.scalar(select(func.count()).select_from(UserAccount).where(
                UserAccount.role == Role.QUAN_TRI.value, UserAccount.active.is_(True)))
            if row.role == Role.QUAN_TRI.value and row.active and admins == 1:
                raise UserError(_("“{login}” is the last administrator; add another "
                                  "administrator before disabling this one.").format(login=login))
            before = self._public(row)
            row.active = False
            self._audit(session, "user.disable", row, before=before, after=self._public(row),
                        summary=login)

    @staticmethod
    def _find(session: Session, login: str) -> UserAccount:
        row = session.scalars(select(UserAccount).where(UserAccount.login == login)).first()
        if row is None:
            raise UserError(_("There is no account “{login}”; see the list with “tdkt user "
                              "list”.").format(login=login))
        return row

    @staticmethod
    def _public(row: UserAccount) -> dict[str, object]:
        """What the audit log keeps of an account: never the password hash."""
        return {"login": row.login, "full_name": row.full_name, "role": row.role,
                "active": row.active}
