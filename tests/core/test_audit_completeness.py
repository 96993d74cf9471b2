"""Every write of the service layer leaves an audit row: who, when, what, before/after.

The public methods of every service part are found by introspection, so a new method fails
here until it is given a call below (WRITES) or listed as a read (READS) or exempt (EXEMPT).
"""

from __future__ import annotations

import importlib
import inspect
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, update

from desktop.core.council import MemberInput
from desktop.core.facts import AwardInput, RatingInput
from desktop.core.movements import CriterionInput
from desktop.core.people import HouseholdInput, PersonInput
from desktop.core.score_sheet import CellChange
from desktop.core.scoring import ScoreInput
from desktop.core.service import Part, Services, Subject
from desktop.paths import resource
from desktop.store.database import Database
from desktop.store.models import (
    AuditEntry,
    AwardType,
    Bloc,
    BlocMember,
    CouncilMeeting,
    CouncilMember,
    Criterion,
    Movement,
    Nomination,
    NominationRound,
    Person,
    Phase,
    Recusal,
    TargetGroup,
    Unit,
)


def _parts() -> dict[str, type[Part]]:
    """The service parts `Services` creates, by attribute name (read from its source)."""
    source = inspect.getsource(Services.__init__)
    classes = {cls: importlib.import_module(f"desktop.core.{mod}")
               for mod, cls in re.findall(r"from desktop\.core\.(\w+) import (\w+)", source)}
    return {attr: getattr(classes[cls], cls)
            for attr, cls in re.findall(r"self\.(\w+) = (\w+)\(self\)", source)}


def public_methods() -> list[str]:
    return sorted(
        f"{attr}.{name}"
        for attr, cls in _parts().items()
        for name, _fn in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and not hasattr(Part, name)
    )


READS = {
    "accounts.users",
    "backups.folder", "backups.list", "catalogue.load",
    "council.agenda", "council.meetings", "council.thresholds", "council.total_members",
    "council.voters",
    "dossiers.attachments", "dossiers.checklist", "dossiers.components",
    "facts.history", "movements.all", "movements.criteria_leaves", "movements.outline",
    "office.last_numbers", "office.own", "office.own_with_signers", "office.require_own",
    "rounds.all_rounds", "rounds.nominations", "rounds.rows",
    "score_sheets.can_undo", "score_sheets.groups", "score_sheets.latest_year",
    "score_sheets.sheet", "score_sheets.subject_units", "scoring.totals",
    "screening.base_salaries", "screening.check", "screening.price",
    "units.blocs", "units.dependents", "units.lineage_of", "units.tree",
}

EXEMPT = {
    # Writes inside the caller's session and transaction; rounds.nominate and
    # screening.rescreen_round call it and write the audit row for the nomination.
    "screening.screen": "a step of nominate/rescreen_round, which audit it",
    # Puts a backup's rows in place of the database's, so its audit row can have a lower id.
    "backups.restore": "audited in the restored data: tests/reliability/test_restore.py",
}


class Demo:
    """Records of the demo database that the calls below work on."""

    def __init__(self, services: Services, tmp_path: Path) -> None:
        self.services = services
        self.tmp_path = tmp_path
        self.writes = Writes(services.db)
        self.begin()

    def begin(self) -> None:
        """Preparation done: what follows is the write under test."""
        self.writes.tables.clear()
        self.start = _last_audit_id(self.services)
        self.at = datetime.now()

    def first(self, model: Any, *where: Any) -> Any:
        with self.services.reading() as session:
            obj = session.scalars(select(model).where(*where).limit(1)).first()
            assert obj is not None, f"the demo has no {model.__name__} {where}"
            session.expunge(obj)
            return obj

    def nomination(self, status: str) -> Nomination:
        return self.first(Nomination, Nomination.status == status)

    def unit(self) -> Unit:
        return self.first(Unit, Unit.parent_id.is_not(None))

    def person(self) -> Person:
        return self.first(Person)

    def group(self, kind: str = "tap_the") -> TargetGroup:
        return self.first(TargetGroup, TargetGroup.subject_kind == kind)

    def leaf(self, kind: str = "tap_the") -> Criterion:
        leaves = self.services.movements.criteria_leaves(self.group(kind).id)
        return leaves[0]

    def round(self) -> NominationRound:
        return self.first(NominationRound)

    def meeting(self) -> CouncilMeeting:
        return self.first(CouncilMeeting)

    def member(self) -> CouncilMember:
        return self.first(CouncilMember, CouncilMember.present.is_(True),
                          CouncilMember.written_opinion.is_(False))


def _new_unit(d: Demo, name: str = "Phòng Thử nghiệm") -> Unit:
    return d.services.units.create(name=name, kind="co_quan_chuyen_mon", parent_id=d.unit().id)


def _cell_change(d: Demo) -> tuple[uuid.UUID, int, CellChange]:
    group = d.group()
    year = d.services.score_sheets.latest_year(group.id) or 2025
    unit = d.services.score_sheets.sheet(group.id, year).units[0]
    leaf = d.services.movements.criteria_leaves(group.id)[0]
    return group.id, year, CellChange(unit.id, leaf.id, "self", Decimal(0))


def _undo_score_save(d: Demo) -> None:
    group_id, year, change = _cell_change(d)
    d.services.score_sheets.save(group_id, year, [change])
    d.begin()
    d.services.score_sheets.undo_last_save()


def _plan_file(d: Demo) -> Path:
    text = resource("demo", "movements", "lai_chau.toml").read_text(encoding="utf-8")
    path = d.tmp_path / "ke-hoach.toml"
    path.write_text(text.replace('code = "LC-HTCS-2023"', 'code = "KIEM-THU"', 1),
                    encoding="utf-8")
    return path


def _plan(d: Demo) -> dict[str, Any]:
    from desktop.core.movements import read_plan_file

    return read_plan_file(_plan_file(d))


def _scan(d: Demo) -> Path:
    path = d.tmp_path / "bien-ban.pdf"
    path.write_bytes(b"%PDF-1.4\n% bien ban\n")
    return path


def _decision(d: Demo) -> None:
    nom = d.nomination("de_nghi_len_tren")
    d.services.decisions.issue(nom.round_id, [nom.id], signed_on=date.today(),
                               title="Về việc khen thưởng (kiểm thử)")


def _recusal_withdrawn(d: Demo) -> None:
    rec = d.first(Recusal)
    d.services.council.withdraw_recusal(rec.member_id, rec.nomination_id)


def _delete_criterion(d: Demo) -> None:
    crit = d.services.movements.add_criterion(d.group().id, CriterionInput("T.98", "Tạm"))
    d.begin()
    d.services.movements.delete_criterion(crit.id)


def _delete_target_group(d: Demo) -> None:
    group = d.services.movements.add_target_group(d.first(Movement).id, code="XOA",
                                                  name="Nhóm tạm", subject_kind="tap_the")
    d.begin()
    d.services.movements.delete_target_group(group.id)


def _delete_bloc(d: Demo) -> None:
    bloc = d.services.units.create_bloc(name="Cụm tạm", kind="cum", year=2026)
    d.begin()
    d.services.units.delete_bloc(bloc.id)


def _sync_catalogue(d: Demo) -> None:
    with d.services.db.session() as session:  # an out-of-date row for the sync to correct
        session.execute(update(AwardType).where(AwardType.code == "GIAY_KHEN")
                        .values(name="Giấy khen (cũ)"))
    d.begin()
    d.services.catalogue.sync()


def _nominate(d: Demo) -> None:
    person = d.services.people.create(PersonInput("Đỗ Văn Hùng", "nam", unit_id=d.unit().id))
    d.begin()
    d.services.rounds.nominate(d.round().id, Subject.person(person.id), "GIAY_KHEN")


def _score_save(d: Demo) -> None:
    group_id, year, change = _cell_change(d)
    d.services.score_sheets.save(group_id, year, [change])


def _prepared_unit(d: Demo) -> uuid.UUID:
    unit = _new_unit(d)
    d.begin()
    return unit.id


def _prepared_household(d: Demo) -> uuid.UUID:
    household = d.services.people.create_household(HouseholdInput("Phạm Văn Dũng"))
    d.begin()
    return household.id


# These write a file; their audit row is their record.
OUTSIDE_THE_DATABASE = {"backups.automatic", "backups.automatic_daily",
                        "backups.automatic_on_exit", "backups.backup_now"}

def _first_admin(d: Demo) -> None:
    d.services.accounts.add("admin", "Phạm Quản Trị", "quan_tri", "mật khẩu cũ 1")
    d.begin()


def _two_accounts(d: Demo) -> None:
    d.services.accounts.add("admin", "Phạm Quản Trị", "quan_tri", "mật khẩu cũ 1")
    d.services.accounts.add("an.nv", "Nguyễn Văn An", "chuyen_vien", "mật khẩu cũ 1")
    d.begin()


WRITES: dict[str, Callable[[Demo], object]] = {
    "accounts.add": lambda d: d.services.accounts.add(
        "admin", "Phạm Quản Trị", "quan_tri", "mật khẩu 2025"),
    "accounts.disable": lambda d: (_two_accounts(d), d.services.accounts.disable("an.nv")),
    "accounts.set_password": lambda d: (_first_admin(d), d.services.accounts.set_password(
        "admin", "mật khẩu mới 2")),
    "backups.automatic": lambda d: d.services.backups.automatic("import"),
    "backups.automatic_daily": lambda d: d.services.backups.automatic_daily(),
    "backups.automatic_on_exit": lambda d: d.services.backups.automatic_on_exit(),
    "backups.backup_now": lambda d: d.services.backups.backup_now(),
    "catalogue.sync": _sync_catalogue,
    "council.open_meeting": lambda d: d.services.council.open_meeting(
        d.round().id, held_at=datetime.now(), place="Phòng họp số 2", chair="Nguyễn Văn An",
        secretary="Trần Thị Bình",
        members=[MemberInput("Nguyễn Văn An", role="chu_tich")]),
    "council.record_ballot": lambda d: d.services.council.record_ballot(
        d.meeting().id, d.services.council.agenda(d.meeting().id)[0].nomination.id,
        yes=9, no=1),
    "council.recuse": lambda d: d.services.council.recuse(
        d.member().id, d.services.council.agenda(d.meeting().id)[-1].nomination.id,
        "Người thân của người được đề nghị"),
    "council.set_threshold": lambda d: d.services.council.set_threshold(
        "CSTDCS", Decimal("0.9")),
    "council.set_attendance": lambda d: d.services.council.set_attendance(
        d.member().id, present=False, written_opinion=False),
    "council.withdraw_recusal": _recusal_withdrawn,
    "decisions.issue": _decision,
    "dossiers.attach": lambda d: d.services.dossiers.attach(
        d.first(Nomination).id, "bien_ban_xet_khen_thuong", _scan(d)),
    "facts.add_discipline": lambda d: d.services.facts.add_discipline(
        Subject.person(d.person().id), level="khien_trach", start=date(2025, 3, 1)),
    "facts.add_initiative": lambda d: d.services.facts.add_initiative(
        Subject.person(d.person().id), year=2025, title="Số hóa hồ sơ khen thưởng",
        scope="co_so"),
    "facts.record_awards": lambda d: d.services.facts.record_awards([
        AwardInput(Subject.person(d.person().id), "giay_khen",
                                                "Giấy khen", 2019)]),
    "facts.set_ratings": lambda d: d.services.facts.set_ratings([
        RatingInput(Subject.person(d.person().id), 2018, "htt")]),
    "movements.add_criterion": lambda d: d.services.movements.add_criterion(
        d.group().id, CriterionInput("T.99", "Tiêu chí thử",
                                                                     max_points=5)),
    "movements.add_legal_basis": lambda d: d.services.movements.add_legal_basis(
        d.first(Movement).id, doc_type="Luật",
        number="06/2022/QH15", title="Luật Thi đua, khen thưởng"),
    "movements.add_phase": lambda d: d.services.movements.add_phase(
        d.first(Movement).id, name="Giai đoạn thử",
        start_year=2026, end_year=2027, milestone="so_ket"),
    "movements.add_target_group": lambda d: d.services.movements.add_target_group(
        d.first(Movement).id, code="NHOM-THU",
        name="Nhóm thử", subject_kind="tap_the"),
    "movements.delete_criterion": _delete_criterion,
    "movements.delete_target_group": _delete_target_group,
    "movements.import_plan": lambda d: d.services.movements.import_plan(_plan(d)),
    "movements.import_plan_file": lambda d: d.services.movements.import_plan_file(_plan_file(d)),
    "movements.move_criterion": lambda d: d.services.movements.move_criterion(
        d.leaf().id, parent_id=d.leaf().parent_id, position=0),
    "movements.shift_criterion": lambda d: d.services.movements.shift_criterion(
        d.leaf().id, 1),
    "movements.update_phase": lambda d: d.services.movements.update_phase(
        d.first(Phase).id, name="Giai đoạn đã sửa", start_year=d.first(Phase).start_year,
        end_year=d.first(Phase).end_year, milestone=d.first(Phase).milestone),
    "movements.update_target_group": lambda d: d.services.movements.update_target_group(
        d.group().id, code=d.group().code, name="Nhóm đối tượng đã sửa"),
    "movements.update_criterion": lambda d: d.services.movements.update_criterion(
        d.leaf().id, CriterionInput(
            d.leaf().code, "Tên tiêu chí đã sửa", max_points=d.leaf().max_points)),
    "office.continue_numbering": lambda d: d.services.office.continue_numbering(
        date.today().year, {"QĐ": 900}),
    "office.reserve_number": lambda d: d.services.office.reserve_number(
        "TTr", date.today(), "Tờ trình thử"),
    "office.set_up": lambda d: d.services.office.set_up(
        name="UBND huyện Thử", level="huyen", province="Tỉnh Thử"),
    "people.create": lambda d: d.services.people.create(
        PersonInput("Lê Thị Cúc", "nu")),
    "people.create_household": lambda d: d.services.people.create_household(
        HouseholdInput("Phạm Văn Dũng")),
    "people.delete_household": lambda d: d.services.people.delete_household(
        _prepared_household(d)),
    "people.update_household": lambda d: d.services.people.update_household(
        _prepared_household(d), HouseholdInput("Phạm Văn Dũng", members=5)),
    "people.import_households": lambda d: d.services.people.import_households(
        [HouseholdInput("Hoàng Văn Em")]),
    "people.import_many": lambda d: d.services.people.import_many(
        [PersonInput("Vũ Thị Giang", "nu")]),
    "people.update": lambda d: d.services.people.update(
        d.person().id, PersonInput(
            "Tên Đã Sửa", d.person().gender, unit_id=d.person().unit_id)),
    "rounds.change_status": lambda d: d.services.rounds.change_status(
        d.nomination("tra_lai").id, "da_nop"),
    "rounds.create_round": lambda d: d.services.rounds.create_round(
        name="Đợt thử", kind="hang_nam", year=2026),
    "rounds.nominate": _nominate,
    "score_sheets.save": _score_save,
    "score_sheets.undo_last_save": _undo_score_save,
    "scoring.set_scores": lambda d: d.services.scoring.set_scores([
        ScoreInput(
            d.leaf().id, Subject.unit(d.unit().id), 2026, self_points=Decimal(0))]),
    "screening.add_base_salary": lambda d: d.services.screening.add_base_salary(
        date(2030, 1, 1), 3_000_000, "Nghị định thử"),
    "screening.rescreen_round": lambda d: d.services.screening.rescreen_round(
        d.round().id, date.today()),
    "units.add_bloc_member": lambda d: d.services.units.add_bloc_member(
        d.first(Bloc).id, _prepared_unit(d), year=2026),
    "units.create": lambda d: _new_unit(d),
    "units.create_bloc": lambda d: d.services.units.create_bloc(
        name="Cụm thử", kind="cum", year=2026),
    "units.delete": lambda d: d.services.units.delete(_prepared_unit(d)),
    "units.delete_bloc": _delete_bloc,
    "units.merge": lambda d: d.services.units.merge(
        [_new_unit(d, "Phòng A").id, _new_unit(d, "Phòng B").id], into_name="Phòng A-B",
        kind="co_quan_chuyen_mon", effective=date(2026, 1, 1)),
    "units.move": lambda d: d.services.units.move(_prepared_unit(d), None),
    "units.remove_bloc_member": lambda d: d.services.units.remove_bloc_member(
        d.first(BlocMember).id),
    "units.rename": lambda d: d.services.units.rename(
        d.unit().id, new_name="Tên mới theo quyết định", effective=date(2026, 1, 1)),
    "units.update": lambda d: d.services.units.update(d.unit().id, note="Ghi chú thử"),
    "units.update_bloc": lambda d: d.services.units.update_bloc(
        d.first(Bloc).id, name="Cụm đã đổi tên", kind=d.first(Bloc).kind),
}


def test_every_public_service_method_is_a_known_write_read_or_exemption() -> None:
    found = set(public_methods())
    known = set(WRITES) | READS | set(EXEMPT)
    assert not found - known, (
        "new service methods: give each a call in WRITES, or list it in READS or EXEMPT")
    assert not known - found, "listed methods that no longer exist"


class Writes:
    """The data statements (INSERT/UPDATE/DELETE outside the audit log) run on a database."""

    def __init__(self, db: Database) -> None:
        self.tables: set[str] = set()
        self._db = db
        event.listen(db.engine, "after_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        m = re.match(r"\s*(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM)\s+\"?(\w+)", statement)
        if m and m.group(1) not in ("audit_log", "sqlite_sequence"):
            self.tables.add(m.group(1))

    def close(self) -> None:
        event.remove(self._db.engine, "after_cursor_execute", self._seen)


@pytest.fixture
def demo(demo_db: Database, tmp_path: Path) -> Iterator[Demo]:
    yield Demo(Services(demo_db, actor="kiểm toán viên"), tmp_path)


def _last_audit_id(services: Services) -> int:
    with services.reading() as session:
        return session.scalar(select(func.max(AuditEntry.id))) or 0


@pytest.mark.parametrize("name", sorted(set(WRITES) - OUTSIDE_THE_DATABASE))
def test_a_write_leaves_an_audit_row(name: str, demo: Demo) -> None:
    services, writes = demo.services, demo.writes
    try:
        WRITES[name](demo)
    finally:
        writes.close()
    assert writes.tables or name in OUTSIDE_THE_DATABASE, (
        f"{name} changed no data; its call here must make a real change")
    with services.reading() as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.id > demo.start)))
    assert rows, f"{name} changed {sorted(writes.tables)} without an audit row"
    for row in rows:
        assert row.actor == "kiểm toán viên"
        assert demo.at - timedelta(seconds=1) <= row.at <= datetime.now()
        assert row.action and row.entity
        assert row.before is not None or row.after is not None, f"{row.action}: no values"


@pytest.mark.sqlite_only  # they copy the SQLite file; a server is dumped by pg_dump
@pytest.mark.parametrize("name", sorted(OUTSIDE_THE_DATABASE))
def test_a_backup_leaves_an_audit_row(name: str, demo: Demo) -> None:
    test_a_write_leaves_an_audit_row(name, demo)
