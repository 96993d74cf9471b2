"""Build a realistic demo database from the seed plans (resources/demo/), through the services.

The Đắk R'Lấp district (2023–2025) with its units and blocs, three movements with their
criteria, people with award history, one year of scores, a sơ kết nomination round, its
council meeting and the decision. Deterministic for a given seed. Built in a temporary file
next to the target and renamed when complete, so a failed build leaves nothing behind.
"""

from __future__ import annotations

import random
import sqlite3
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.council import MemberInput
from desktop.core.facts import AwardInput, RatingInput
from desktop.core.office import SignerInput
from desktop.core.people import HouseholdInput, PersonInput
from desktop.core.scoring import ScoreInput
from desktop.core.service import Services, Subject
from desktop.core.units import BlocMemberInput
from desktop.errors import UserError
from desktop.i18n import _
from desktop.paths import resource
from desktop.store.database import check_sqlite_file, open_database
from desktop.store.kinds import NominationStatus, SubjectKind, UnitKind
from desktop.store.models import AwardType, Movement, TargetGroup

Progress = Callable[[int, int], None]

PROVINCE_CODE = "067"  # Đắk Nông, the first three digits of a CCCD
STAFF_KINDS = {
    UnitKind.CO_QUAN_HANH_CHINH, UnitKind.CO_QUAN_CHUYEN_MON, UnitKind.DON_VI_SU_NGHIEP,
    UnitKind.HOI_DAC_THU, UnitKind.UBND_CAP_XA, UnitKind.MTTQ, UnitKind.TO_CHUC_CT_XH,
    UnitKind.TO_CHUC_XH, UnitKind.DOANH_NGHIEP, UnitKind.HOP_TAC_XA,
}
HISTORY_YEARS = range(2019, 2024)
SCORE_YEAR = 2024
STEPS = 10


def load_toml(*parts: str) -> dict[str, Any]:
    path = resource("demo", *parts)
    try:
        with path.open("rb") as fp:
            return tomllib.load(fp)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(
            _("The demo data file “{name}” is missing or damaged; reinstall the program.").format(
                name=path.name)
        ) from exc


@dataclass
class World:
    """What the builder made so far, by the codes of the demo files."""

    units: dict[str, uuid.UUID] = field(default_factory=dict)
    unit_kind: dict[uuid.UUID, str] = field(default_factory=dict)
    unit_name: dict[uuid.UUID, str] = field(default_factory=dict)
    staff: list[tuple[uuid.UUID, str, uuid.UUID]] = field(default_factory=list)  # id, name, unit
    residents: list[tuple[uuid.UUID, str, uuid.UUID]] = field(default_factory=list)
    households: list[tuple[uuid.UUID, str, uuid.UUID]] = field(default_factory=list)
    movements: dict[str, uuid.UUID] = field(default_factory=dict)


class NameMaker:
    def __init__(self, pools: dict[str, Any], rng: random.Random) -> None:
        self.rng = rng
        fam = pools["family"]
        self.family, self.weights = fam["names"], fam["weights"]
        self.male, self.female = pools["male"], pools["female"]
        ethnic = pools.get("ethnic", {})
        self.ethnic_rate = float(ethnic.get("rate", 0.0))
        self.ethnic = {
            gender: [(name, origin) for name, g, origin in zip(
                ethnic.get("names", []), ethnic.get("genders", []),
                ethnic.get("ethnicities", []), strict=False) if g == gender]
            for gender in ("nam", "nu")
        }

    def person(self, gender: str) -> tuple[str, str]:
        """A full name and an ethnicity for a person of that sex."""
        rng = self.rng
        if self.ethnic[gender] and rng.random() < self.ethnic_rate:
            name, origin = rng.choice(self.ethnic[gender])
            return str(name), str(origin)
        pool = self.male if gender == "nam" else self.female
        family = rng.choices(self.family, weights=self.weights)[0]
        middle = rng.choices(pool["middle"], weights=pool.get("middle_weights"))[0]
        given = rng.choice(pool["given"])
        return f"{family} {middle} {given}", "Kinh"


class CccdMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, gender: str, born: date) -> str:
        century = 0 if born.year < 2000 else 2
        digit = century + (1 if gender == "nu" else 0)
        while True:
            value = f"{PROVINCE_CODE}{digit}{born.year % 100:02d}{self.rng.randrange(10**6):06d}"
            if value not in self.used:
                self.used.add(value)
                return value


def _prepare_target(target: Path, replace: bool) -> Path:
    if target.exists():
        if not replace:
            raise UserError(
                _("“{path}” already exists; add --force to replace it.").format(path=target))
        check_sqlite_file(target)
    if not target.parent.is_dir():
        raise UserError(_("The folder “{folder}” does not exist; choose an existing folder.")
                        .format(folder=target.parent))
    building = target.with_name(target.name + ".dang-tao")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    return building


def _finish(building: Path, target: Path) -> None:
    con = sqlite3.connect(building)
    try:
        con.execute("PRAGMA journal_mode=DELETE")  # fold the WAL into the file before the rename
    finally:
        con.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    building.replace(target)


def build_demo(
    target: Path, *, size: int = 300, seed: int = 2023, replace: bool = False,
    progress: Progress | None = None,
) -> str:
    """Write the demo database to `target`; returns a one-line summary."""
    if size < 1:
        raise UserError(_("The number of people must be at least 1."))
    building = _prepare_target(target, replace)
    report = progress or (lambda done, total: None)
    try:
        db = open_database(building)
        try:
            svc = Services(db, actor="demo")
            with svc.transaction():
                summary = Builder(svc, size=size, seed=seed, report=report).run()
        finally:
            db.close()
        _finish(building, target)
    except BaseException:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        raise
    return summary


def fill_demo(svc: Services, *, size: int = 300, seed: int = 2023,
              progress: Progress | None = None) -> str:
    """Put the demo data into the open database, which must not have an office yet."""
    if svc.office.own() is not None:
        raise UserError(_("This database already has an office; the demo data goes only into "
                          "an empty database."))
    with svc.transaction():
        return Builder(svc, size=size, seed=seed,
                       report=progress or (lambda done, total: None)).run()


class Builder:
    def __init__(self, svc: Services, *, size: int, seed: int, report: Progress) -> None:
        self.svc = svc
        self.size = size
        self.rng = random.Random(seed)
        self.report = report
        self.world = World()
        self.names = NameMaker(load_toml("names.toml"), self.rng)
        self.pools = load_toml("names.toml")
        self.cccd = CccdMaker(self.rng)

    def run(self) -> str:
        steps: list[Callable[[], None]] = [
            self.catalogue, self.office_and_units, self.movements, self.people,
            self.households, self.history, self.scores, self.round_council_decision,
            self.lineage,
        ]
        for i, step in enumerate(steps, start=1):
            step()
            self.report(i, len(steps))
        w = self.world
        return _("{units} units, {people} people, {households} households, "
                 "{movements} movements").format(
            units=len(w.units), people=len(w.staff) + len(w.residents),
            households=len(w.households), movements=len(w.movements))

    # --- steps -------------------------------------------------------------------------------

    def catalogue(self) -> None:
        self.svc.catalogue.sync()

    def office_and_units(self) -> None:
        data = load_toml("dak_rlap_units.toml")
        o = data["office"]
        self.svc.office.set_up(
            name=o["name"], level=o["level"], province=o["province"],
            parent_name=o.get("parent", ""), issuer_name=o.get("issuer", o.get("parent", "")),
            issuer_abbr=o.get("issuer_abbr", "UBND"), place=o.get("place", ""),
            code=o.get("code", ""),
            signers=[SignerInput(s.get("authority", ""), s["title"], s["name"])
                     for s in data.get("signers", [])],
        )
        pending = list(data["units"])
        while pending:  # parents first, whatever the file's order
            progressed = False
            for u in list(pending):
                parent = u.get("parent", "")
                if parent and parent not in self.world.units:
                    continue
                unit = self.svc.units.create(
                    name=u["name"], kind=u["kind"], code=u["code"],
                    parent_id=self.world.units.get(parent) if parent else None,
                    short_name=u.get("short_name", ""), valid_from=u.get("valid_from"),
                )
                self.world.units[u["code"]] = unit.id
                self.world.unit_kind[unit.id] = unit.kind
                self.world.unit_name[unit.id] = unit.name
                pending.remove(u)
                progressed = True
            if not progressed:
                raise UserError(_("The demo unit list refers to a parent that does not exist."))
        for b in data.get("blocs", []):
            members = []
            for code in b["members"]:
                role = ("truong" if code == b.get("leader")
                        else "pho" if code == b.get("deputy") else "thanh_vien")
                members.append(BlocMemberInput(self.world.units[code], role))
            self.svc.units.create_bloc(name=b["name"], kind=b["kind"], code=b.get("code", ""),
                                       year=SCORE_YEAR, members=members)

    def movements(self) -> None:
        folder = resource("demo", "movements")
        for path in sorted(folder.glob("*.toml")):
            movement = self.svc.movements.import_plan_file(path)
            self.world.movements[movement.code] = movement.id

    def _birth(self) -> date:
        return date(1962, 1, 1) + timedelta(days=self.rng.randrange(365 * 40))

    def people(self) -> None:
        rng, w = self.rng, self.world
        positions = self.pools.get("positions", {})
        staff_units = [u for u, k in w.unit_kind.items() if UnitKind(k) in STAFF_KINDS]
        villages = [u for u, k in w.unit_kind.items() if k == UnitKind.THON_TO_DAN_PHO.value]
        by_kind = {
            UnitKind.UBND_CAP_XA.value: positions.get("commune_staff", []),
            UnitKind.DOANH_NGHIEP.value: positions.get("enterprise", []),
            UnitKind.HOP_TAC_XA.value: positions.get("enterprise", []),
            UnitKind.MTTQ.value: positions.get("mass_org", []),
            UnitKind.TO_CHUC_CT_XH.value: positions.get("mass_org", []),
        }
        default_positions = positions.get("collective_staff", ["Chuyên viên"])
        resident_positions = positions.get("resident", ["Nông dân"])
        inputs: list[PersonInput] = []
        n_staff = max(1, int(self.size * 0.6)) if villages else self.size
        for i in range(self.size):
            gender = "nu" if rng.random() < 0.48 else "nam"
            born = self._birth()
            is_staff = i < n_staff or not villages
            unit = rng.choice(staff_units if is_staff else villages)
            pool = by_kind.get(w.unit_kind[unit], default_positions) if is_staff \
                else resident_positions
            full_name, ethnicity = self.names.person(gender)
            p = PersonInput(
                full_name=full_name, gender=gender, birth_date=born,
                cccd=self.cccd.make(gender, born) if rng.random() < 0.95 else None,
                unit_id=unit, position=rng.choice(pool or default_positions),
                ethnicity=ethnicity,
                hometown=rng.choice(["Đắk Nông", "Thái Bình", "Nam Định", "Nghệ An", "Hà Tĩnh",
                                     "Quảng Nam", "Bình Định", "Thanh Hóa"]),
                residence=f"{w.unit_name[unit]}, huyện Đắk R'Lấp, tỉnh Đắk Nông" if not is_staff
                else "huyện Đắk R'Lấp, tỉnh Đắk Nông",
                qualification=rng.choice(["Đại học", "Thạc sĩ", "Cao đẳng", "Trung cấp"])
                if is_staff else "",
            )
            inputs.append(p)
            (w.staff if is_staff else w.residents).append((p.id, p.full_name, unit))
        self.svc.people.import_many(inputs, source="demo")

    def households(self) -> None:
        rng, w = self.rng, self.world
        villages = [u for u, k in w.unit_kind.items() if k == UnitKind.THON_TO_DAN_PHO.value]
        if not villages:
            return
        items = []
        for _i in range(max(10, self.size // 6)):
            unit = rng.choice(villages)
            gender = "nam" if rng.random() < 0.7 else "nu"
            h = HouseholdInput(head_name=self.names.person(gender)[0],
                               address=f"{w.unit_name[unit]}, huyện Đắk R'Lấp",
                               unit_id=unit, members=rng.randint(2, 7))
            items.append(h)
            w.households.append((h.id, h.head_name, unit))
        self.svc.people.import_households(items, source="demo")

    def history(self) -> None:
        rng, w = self.rng, self.world
        issuer = "Chủ tịch Ủy ban nhân dân huyện Đắk R'Lấp"
        awards: list[AwardInput] = []
        ratings: list[RatingInput] = []
        number = iter(range(100, 10**7))

        def decided(year: int) -> tuple[str, date]:
            return f"{next(number)}/QĐ-UBND", date(year + 1, 1, rng.randint(5, 25))

        for pid, _name, _unit in w.staff:
            subject = Subject.person(pid)
            ldtt_streak = 0
            for year in HISTORY_YEARS:
                roll = rng.random()
                rating = "htxs" if roll < 0.15 else "htt" if roll < 0.8 else \
                    "ht" if roll < 0.96 else "kht"
                ratings.append(RatingInput(subject, year, rating, source="demo"))
                if rating in ("htxs", "htt") and rng.random() < 0.85:
                    symbol, when = decided(year)
                    awards.append(AwardInput(subject, "LDTT", "Lao động tiên tiến", year,
                                             symbol, when, issuer))
                    ldtt_streak += 1
                    if rating == "htxs" and rng.random() < 0.5:
                        symbol, when = decided(year)
                        awards.append(AwardInput(subject, "CSTDCS", "Chiến sĩ thi đua cơ sở",
                                                 year, symbol, when, issuer))
                else:
                    ldtt_streak = 0
            if ldtt_streak >= 4 and rng.random() < 0.2:
                symbol, when = decided(2023)
                awards.append(AwardInput(subject, "GIAY_KHEN", "Giấy khen", 2023, symbol, when,
                                         issuer))
        collectives = [u for u, k in w.unit_kind.items()
                       if UnitKind(k) in STAFF_KINDS - {UnitKind.CO_QUAN_HANH_CHINH}]
        for unit in collectives:
            for year in HISTORY_YEARS:
                if rng.random() < 0.5:
                    symbol, when = decided(year)
                    code, name = ("TTLDXS", "Tập thể lao động xuất sắc") if rng.random() < 0.2 \
                        else ("TTLDTT", "Tập thể lao động tiên tiến")
                    awards.append(AwardInput(Subject.unit(unit), code, name, year, symbol, when,
                                             issuer))
        for hid, _name, _unit in w.households:
            for year in HISTORY_YEARS:
                if rng.random() < 0.6:
                    symbol, when = decided(year)
                    awards.append(AwardInput(Subject.household(hid), "GD_VH", "Gia đình văn hóa",
                                             year, symbol, when,
                                             "Chủ tịch Ủy ban nhân dân xã"))
        self.svc.facts.record_awards(awards)
        self.svc.facts.set_ratings(ratings)
        initiatives = self.pools.get("initiatives", {}).get("titles", [])
        for pid, _name, _unit in rng.sample(w.staff, k=min(len(w.staff), max(3, self.size // 40))):
            self.svc.facts.add_initiative(
                Subject.person(pid), year=rng.choice([2022, 2023, 2024]),
                title=rng.choice(initiatives) if initiatives else "Sáng kiến cải tiến quy trình",
                scope="co_so", recognised_by="Hội đồng sáng kiến huyện Đắk R'Lấp",
                decision=f"{rng.randint(10, 300)}/QĐ-UBND",
            )
        for pid, _name, _unit in rng.sample(w.staff, k=min(len(w.staff), 2)):
            self.svc.facts.add_discipline(Subject.person(pid), level="Khiển trách",
                                          start=date(2024, 3, 1), end=date(2025, 3, 1),
                                          decision=f"{rng.randint(10, 300)}/QĐ-UBND")

    def _main_movement(self) -> Movement:
        with self.svc.reading() as session:
            movement = session.scalars(select(Movement).where(
                Movement.code.in_(list(self.world.movements)))
                .order_by(Movement.doc_date.desc())).all()
            for m in movement:
                if "R'Lấp" in m.name:
                    return m
            return movement[0]

    def scores(self) -> None:
        rng, w = self.rng, self.world
        movement = self._main_movement()
        items: list[ScoreInput] = []
        with self.svc.reading() as session:
            groups = session.scalars(select(TargetGroup).where(
                TargetGroup.movement_id == movement.id)).all()
            for group in groups:
                leaves = self.svc.movements.criteria_leaves(group.id)
                subjects: list[Subject] = []
                if group.subject_kind == SubjectKind.TAP_THE.value:
                    kinds = set(group.unit_kinds)
                    subjects = [Subject.unit(u) for u, k in w.unit_kind.items() if k in kinds]
                elif group.subject_kind == SubjectKind.HO_GIA_DINH.value:
                    subjects = [Subject.household(h) for h, _n, _u in w.households[:20]]
                else:
                    subjects = [Subject.person(p) for p, _n, _u in w.staff[:20]]
                for subject in subjects:
                    skill = rng.uniform(0.55, 1.0)
                    for crit in leaves:
                        top = Decimal(crit.max_points)
                        own = min(top, (top * Decimal(str(round(skill + rng.uniform(0, .1), 2))))
                                  .quantize(Decimal("0.5")))
                        verified = max(Decimal(0), own - Decimal(rng.choice([0, 0, 0, 0.5, 1])))
                        items.append(ScoreInput(crit.id, subject, SCORE_YEAR, own,
                                                min(verified, top), evidence="Báo cáo năm 2024"))
        self.svc.scoring.set_scores(items)

    def _coefficient_kinds(self, code: str, on: date) -> set[str]:
        with self.svc.reading() as session:
            row = session.scalars(select(AwardType).where(
                AwardType.code == code, AwardType.effective_from <= on,
                (AwardType.effective_to.is_(None)) | (AwardType.effective_to >= on))).first()
        return set(row.data.get("coefficients", {})) if row else set()

    def round_council_decision(self) -> None:
        rng, w, svc = self.rng, self.world, self.svc
        movement = self._main_movement()
        decided_on = date(2025, 5, 20)
        rnd = svc.rounds.create_round(
            name="Sơ kết giai đoạn 2023 - 2025 Phong trào thi đua “Đắk R'Lấp đẩy mạnh phát "
                 "triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí”",
            kind="so_ket", year=2025, movement_id=movement.id, deadline=date(2025, 4, 30))
        pool = self.pools.get("achievements", {})
        templates: dict[str, list[str]] = {}
        for text, kind in zip(pool.get("items", []), pool.get("kinds", []), strict=False):
            templates.setdefault(kind, []).append(text)
        home = {ident: unit for ident, _n, unit in [*w.staff, *w.households]}
        gk_kinds = self._coefficient_kinds("GIAY_KHEN", decided_on)
        picks: list[tuple[Subject, str]] = []
        a_group = self._first_collective_group(movement.id)
        ranking = svc.scoring.totals(a_group, SCORE_YEAR) if a_group else []
        top_units = [u for u, _t in ranking]
        for unit in top_units[:2]:
            picks.append((Subject.unit(unit), "BK_TINH"))
        for unit in top_units[2:6]:
            if "tap_the" in gk_kinds:
                picks.append((Subject.unit(unit), "GIAY_KHEN"))
        staff = rng.sample(w.staff, k=min(len(w.staff), 13))
        for pid, _n, _u in staff[:3]:
            picks.append((Subject.person(pid), "BK_TINH"))
        for pid, _n, _u in staff[3:]:
            if "ca_nhan" in gk_kinds:
                picks.append((Subject.person(pid), "GIAY_KHEN"))
        for hid, _n, _u in w.households[:4]:
            if "ho_gia_dinh" in gk_kinds:
                picks.append((Subject.household(hid), "GIAY_KHEN"))
        nominations = []
        for subject, code in picks:
            unit = subject.id if subject.kind is SubjectKind.TAP_THE else home[subject.id]
            choices = templates.get(subject.kind.value) or ["Có nhiều đóng góp trong Phong trào."]
            text = rng.choice(choices).replace("{unit}", w.unit_name[unit])
            nom = svc.rounds.nominate(rnd.id, subject, code, achievements=text,
                                      on=date(2025, 4, 25))
            svc.rounds.change_status(nom.id, NominationStatus.DA_NOP.value)
            nominations.append(nom)
        returned = nominations[-1]
        svc.rounds.change_status(returned.id, NominationStatus.TRA_LAI.value,
                                 "Bổ sung xác nhận của UBND xã về diện tích đất hiến tặng.")
        under_review = [n for n in nominations if n is not returned]
        for nom in under_review:
            svc.rounds.change_status(nom.id, NominationStatus.DANG_XET.value)
        members = self.pools.get("council", {}).get("members", [])
        if not members:
            members = [["Chủ tịch UBND huyện", "chu_tich"], ["Trưởng phòng Nội vụ", "pho_chu_tich"],
                       ["Trưởng phòng Tài chính - Kế hoạch", "uy_vien"],
                       ["Trưởng phòng Kinh tế - Hạ tầng", "uy_vien"],
                       ["Chủ tịch Ủy ban MTTQ Việt Nam huyện", "uy_vien"],
                       ["Chủ tịch Liên đoàn Lao động huyện", "uy_vien"],
                       ["Chủ tịch Hội Liên hiệp Phụ nữ huyện", "uy_vien"],
                       ["Bí thư Huyện đoàn", "uy_vien"],
                       ["Chuyên viên Phòng Nội vụ", "thu_ky"]]
        inputs = []
        for i, (title, role) in enumerate(members):
            gender = "nam" if rng.random() < 0.6 else "nu"
            inputs.append(MemberInput(self.names.person(gender)[0], title, role,
                                      present=i != 5, written_opinion=i == 5))
        meeting = svc.council.open_meeting(
            rnd.id, held_at=datetime(2025, 5, 12, 8, 0),
            place="Phòng họp Ủy ban nhân dân huyện Đắk R'Lấp",
            chair=inputs[0].full_name, secretary=inputs[-1].full_name, members=inputs)
        member_ids = [m.id for m in meeting.members]
        svc.council.recuse(member_ids[2], under_review[0].id,
                           "Thủ trưởng đơn vị được đề nghị khen thưởng")
        failing = under_review[-2] if len(under_review) > 2 else None
        for nom in under_review:
            voters = svc.council.voters(meeting.id, nom.id)
            # The failing nominee gets fewer than half the votes: not approved under any regime.
            yes = voters // 2 - 1 if nom is failing else voters - rng.choice([0, 0, 1])
            svc.council.record_ballot(meeting.id, nom.id, yes=yes, no=voters - yes)
        decide = [n for n in under_review if n.award_code == "GIAY_KHEN" and n is not failing]
        for nom in under_review:
            if nom is failing:
                svc.rounds.change_status(nom.id, NominationStatus.KHONG_DAT.value,
                                         "Không đủ số phiếu đồng ý theo quy định.")
            elif nom.award_code == "BK_TINH":
                svc.rounds.change_status(nom.id, NominationStatus.DE_NGHI_LEN_TREN.value)
        if decide:
            svc.decisions.issue(
                rnd.id, [n.id for n in decide], signed_on=decided_on,
                title="Về việc tặng Giấy khen cho các tập thể, cá nhân, hộ gia đình có thành "
                      "tích xuất sắc trong Phong trào thi đua “Đắk R'Lấp đẩy mạnh phát triển "
                      "kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí” "
                      "giai đoạn 2023 - 2025")

    def _first_collective_group(self, movement_id: uuid.UUID) -> uuid.UUID | None:
        with self.svc.reading() as session:
            group = session.scalars(select(TargetGroup).where(
                TargetGroup.movement_id == movement_id,
                TargetGroup.subject_kind == SubjectKind.TAP_THE.value)
                .order_by(TargetGroup.position)).first()
            return group.id if group else None

    def lineage(self) -> None:
        data = load_toml("dak_rlap_units.toml")
        for item in data.get("lineage", []):
            sources = [self.world.units[c] for c in item["from"] if c in self.world.units]
            if not sources or item.get("kind", "merged_into") != "merged_into":
                continue
            new = self.svc.units.merge(
                sources, into_name=item["to_name"], kind=UnitKind.UBND_CAP_XA.value,
                effective=item["effective"], code=item.get("to_code", ""),
                legal_basis=item.get("legal_basis", ""))
            self.world.units[item.get("to_code", str(new.id))] = new.id
            self.world.unit_kind[new.id] = new.kind
            self.world.unit_name[new.id] = new.name

