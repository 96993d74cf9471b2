"""Accounts on a shared database: scrypt passwords, signing in, roles checked by the services,
and the audit log naming the officer. Without accounts nothing changes for the local officer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.core import accounts
from desktop.core.office import SignerInput
from desktop.core.people import PersonInput
from desktop.core.service import Services, Subject
from desktop.errors import UserError
from desktop.store.database import Database, open_database
from desktop.store.models import AuditEntry, UserAccount

PASSWORD = "Mật khẩu 2025!"


@pytest.fixture
def as_officer(db: Database) -> Iterator[Callable[..., Services]]:
    """Services acting as the officer `login` signed in on a connection of their own."""
    opened: list[Database] = []

    def sign_in(login: str, password: str = PASSWORD) -> Services:
        database = open_database(db.url)
        opened.append(database)
        accounts.sign_in(database, login, password)
        return Services(database)

    yield sign_in
    for database in opened:
        database.close()


def _staff(services: Services) -> None:
    services.accounts.add("admin", "Phạm Quản Trị", "quan_tri", PASSWORD)
    services.accounts.add("an.nv", "Nguyễn Văn An", "chuyen_vien", PASSWORD)
    services.accounts.add("hoa.lv", "Lê Văn Hòa", "lanh_dao", PASSWORD)


def test_passwords_are_salted_scrypt_with_their_parameters() -> None:
    one, two = accounts.hash_password("bí mật 123"), accounts.hash_password("bí mật 123")
    assert one != two and one.startswith("scrypt$16384$8$1$")
    assert accounts.check_password("bí mật 123", one)
    assert not accounts.check_password("bi mat 123", one)
    assert not accounts.check_password("bí mật 123", "md5$abc")


def test_without_accounts_the_local_officer_does_everything(services: Services) -> None:
    assert services.account is None and not accounts.required(services.db)
    services.office.set_up(name="Phòng Nội vụ huyện Đắk R'Lấp", level="huyen",
                           province="Đắk Nông")
    services.council.set_threshold("GIAY_KHEN", Decimal("0.6"))


def test_the_first_account_is_an_administrator_and_then_signing_in_is_required(
        services: Services, db: Database) -> None:
    with pytest.raises(UserError, match="quản trị"):
        services.accounts.add("an.nv", "Nguyễn Văn An", "chuyen_vien", PASSWORD)
    with pytest.raises(UserError, match="ít nhất 8"):
        services.accounts.add("admin", "Phạm Quản Trị", "quan_tri", "ngan")
    _staff(services)
    other = open_database(db.url)
    try:
        with pytest.raises(UserError, match="--user"):
            Services(other)
        with pytest.raises(UserError, match="mật khẩu"):
            accounts.sign_in(other, "an.nv", "sai mật khẩu")
        with pytest.raises(UserError, match="mật khẩu"):
            accounts.sign_in(other, "khong.co", PASSWORD)
        accounts.sign_in(other, "AN.NV ", PASSWORD)
        assert Services(other).actor == "Nguyễn Văn An (an.nv)"
    finally:
        other.close()
    with services.reading() as s:
        stored = s.scalars(select(UserAccount.password_hash)).all()
        logged = [e.after for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "user.add"))]
    assert all(h.startswith("scrypt$") and PASSWORD not in h for h in stored)
    assert [a["login"] for a in logged if a] == ["admin", "an.nv", "hoa.lv"]
    assert not any("password_hash" in (a or {}) for a in logged)


def test_roles_are_checked_by_the_services_and_the_audit_log_names_the_officer(
        services: Services, as_officer: Callable[..., Services]) -> None:
    _staff(services)
    services.office.set_up(name="Phòng Nội vụ huyện Đắk R'Lấp", level="huyen",
                           province="Đắk Nông",
                           signers=[SignerInput("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hòa")])
    officer, leader, admin = as_officer("an.nv"), as_officer("hoa.lv"), as_officer("admin")

    unit = officer.units.create(name="Ủy ban nhân dân xã Nhân Cơ", kind="ubnd_cap_xa")
    person = officer.people.create(PersonInput("Hoàng Văn Minh", "nam", unit_id=unit.id))
    rnd = officer.rounds.create_round(name="Sơ kết 2023 - 2025", kind="so_ket", year=2025)
    nom = officer.rounds.nominate(rnd.id, Subject.person(person.id), "GIAY_KHEN")
    officer.rounds.change_status(nom.id, "da_nop")
    officer.rounds.change_status(nom.id, "dang_xet")
    with pytest.raises(UserError, match="Chuyên viên.*lãnh đạo") as refused:
        officer.rounds.change_status(nom.id, "da_quyet_dinh")
    assert "\n" not in str(refused.value)
    with pytest.raises(UserError, match="an.nv"):
        officer.decisions.issue(rnd.id, [nom.id], signed_on=date(2025, 12, 1),
                                title="Về việc tặng Giấy khen")
    for refused_call in (lambda: officer.council.set_threshold("GIAY_KHEN", Decimal("0.6")),
                         lambda: officer.accounts.add("binh.tt", "Trần Thị Bình",
                                                      "chuyen_vien", PASSWORD),
                         lambda: leader.office.set_up(name="Khác", level="huyen",
                                                      province="Đắk Nông")):
        with pytest.raises(UserError, match="quản trị"):
            refused_call()

    leader.decisions.issue(rnd.id, [nom.id], signed_on=date(2025, 12, 1),
                           title="Về việc tặng Giấy khen")
    admin.accounts.add("binh.tt", "Trần Thị Bình", "chuyen_vien", PASSWORD)
    admin.council.set_threshold("GIAY_KHEN", Decimal("0.6"))

    with services.reading() as s:
        actors = dict(s.execute(select(AuditEntry.action, AuditEntry.actor)).all())
    assert actors["unit.create"] == "Nguyễn Văn An (an.nv)"
    assert actors["decision.issue"] == "Lê Văn Hòa (hoa.lv)"
    assert actors["user.add"] == "Phạm Quản Trị (admin)"


def test_passwords_and_disabling(services: Services,
                                 as_officer: Callable[..., Services]) -> None:
    _staff(services)
    officer = as_officer("an.nv")
    officer.accounts.set_password("an.nv", "mật khẩu mới 2026")  # one's own
    with pytest.raises(UserError, match="quản trị"):
        officer.accounts.set_password("hoa.lv", "mật khẩu mới 2026")
    admin = as_officer("admin")
    with pytest.raises(UserError, match="quản trị cuối cùng"):
        admin.accounts.disable("admin")
    admin.accounts.disable("an.nv")
    with pytest.raises(UserError, match="mật khẩu"):
        as_officer("an.nv", "mật khẩu mới 2026")
    assert [(u.login, u.active) for u in admin.accounts.users()] == [
        ("admin", True), ("an.nv", False), ("hoa.lv", True)]
