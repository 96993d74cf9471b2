"""Who may do what on a shared database: the roles of the accounts and what each allows.

With no accounts (one PC, one SQLite file) the program acts as the local officer, who may do
everything. Once accounts exist every change is checked against the signed-in officer's role.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from desktop.i18n import N_, _


class Role(StrEnum):
    CHUYEN_VIEN = "chuyen_vien"  # prepares records and dossiers
    LANH_DAO = "lanh_dao"  # approves and decides
    QUAN_TRI = "quan_tri"  # manages accounts and settings


class Permission(StrEnum):
    EDIT = "edit"
    DECIDE = "decide"  # issue decisions, record council results, send packages, approve
    ADMIN = "admin"  # accounts, office settings, numbering, thresholds, base salary


ROLE_LABELS = {
    Role.CHUYEN_VIEN: N_("Officer (chuyên viên)"),
    Role.LANH_DAO: N_("Leader (lãnh đạo)"),
    Role.QUAN_TRI: N_("Administrator (quản trị)"),
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CHUYEN_VIEN: frozenset({Permission.EDIT}),
    Role.LANH_DAO: frozenset({Permission.EDIT, Permission.DECIDE}),
    Role.QUAN_TRI: frozenset({Permission.ADMIN, Permission.EDIT}),
}

REFUSALS = {
    Permission.EDIT: N_("The account “{login}” ({role}) may not change records; sign in as an "
                        "officer or a leader to do this."),
    Permission.DECIDE: N_("The account “{login}” ({role}) may not issue decisions, record "
                          "council results, approve nominations or send packages; ask a leader "
                          "(lãnh đạo) to do this."),
    Permission.ADMIN: N_("The account “{login}” ({role}) may not manage accounts or settings; "
                         "ask the administrator (quản trị) to do this."),
}


@dataclass(frozen=True)
class Account:
    """The officer signed in to a database."""

    id: uuid.UUID
    login: str
    full_name: str
    role: Role

    @property
    def label(self) -> str:
        """How the audit log names the officer: «Nguyễn Văn An (an.nv)»."""
        return f"{self.full_name} ({self.login})"

    def may(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]

    def refusal(self, permission: Permission) -> str:
        return _(REFUSALS[permission]).format(login=self.login, role=_(ROLE_LABELS[self.role]))
