"""Receipts, returns, decisions and changed-only packages between a district and the province."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop import paths
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.exchange import keys, package
from desktop.exchange.manifest import PackageError
from desktop.exchange.service import ExchangeService
from desktop.store import models as m
from desktop.store.kinds import NominationStatus as S

from .conftest import PASSPHRASE, dump, set_up_province


def send(db: Any, homes: dict[str, Path], who: str, to: str, folder: Path, **kw: Any) -> Path:
    paths.set_home(homes[who])
    folder.mkdir(parents=True, exist_ok=True)
    return ExchangeService(Services(db)).export_round(
        "1", folder, office_keys=keys.load_keys(PASSPHRASE),
        recipient=keys.find_recipient(to), **kw).path


ACTORS = {"office": "Chuyên viên Phòng", "province": "Chuyên viên Sở"}


def receive(db: Any, homes: dict[str, Path], who: str, path: Path, **kw: Any) -> Any:
    paths.set_home(homes[who])
    pkg = package.read(path)
    return ExchangeService(Services(db, actor=ACTORS[who])).apply(
        pkg, own_fingerprint=keys.load_public().fingerprint,
        office_keys=keys.load_keys(PASSPHRASE), **kw)


def statuses(db: Any) -> dict[Any, tuple[str, str]]:
    with db.sessions() as s:
        return {n.id: (n.status, n.status_note) for n in s.scalars(select(m.Nomination))}


def upward(db: Any) -> list[Any]:
    """Individual nominations proposed to the province."""
    with db.sessions() as s:
        return list(s.scalars(select(m.Nomination.id).where(
            m.Nomination.status == S.DE_NGHI_LEN_TREN.value,
            m.Nomination.subject_kind == "ca_nhan").order_by(m.Nomination.created_at)))


@pytest.fixture
def province(db: Any) -> Services:
    return set_up_province(db)


def test_receipt_return_and_decision_travel_back(demo_db: Any, db: Any, province: Services,
                                                 homes: dict[str, Path], tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    dossier = send(demo_db, homes, "office", "Sở Nội vụ", stick)
    with zipfile.ZipFile(dossier) as z:
        names = z.namelist()
    assert "documents/01-to-trinh.pdf" in names and "documents/02-danh-sach.pdf" in names

    # The province imports: a signed receipt lands next to the package on the same stick.
    got = receive(db, homes, "province", dossier)
    assert got.receipt == stick / dossier.name.replace(".tdkt", "_bien-nhan.tdkt")
    assert sorted(p.name for p in stick.iterdir()) == sorted([dossier.name, got.receipt.name])
    paths.set_home(homes["office"])
    receipt = package.read(got.receipt)
    assert receipt.manifest["kind"] == "bien-nhan"
    assert receipt.manifest["acknowledges"] == {"package_id": got.package_id,
                                                "sha256": package.read(dossier).sha256}
    assert receipt.manifest["subject"]["received_by"] == "Chuyên viên Sở"

    # The office imports the receipt: the package is acknowledged, no receipt of a receipt.
    office = ExchangeService(Services(demo_db))
    assert office.sent()[0]["acked_at"] is None
    ack = receive(demo_db, homes, "office", got.receipt)
    assert ack.acknowledged == 1 and ack.receipt is None
    assert office.sent()[0]["acked_at"] and office.sent()[0]["acked_by"] == "Chuyên viên Sở"

    # The province returns one nominee with a comment and decides on the others.
    returned, *decided = upward(db)
    comment = "Bổ sung bản sao quyết định công nhận sáng kiến."
    province.rounds.change_status(returned, S.TRA_LAI.value, comment)
    back = send(db, homes, "province", "Phòng Nội vụ", tmp_path / "back", kind="tra-lai")
    with zipfile.ZipFile(back) as z:
        assert json.loads(z.read("data/nomination.json"))["records"][0]["status_note"] == comment
    before = statuses(demo_db)
    result = receive(demo_db, homes, "office", back)
    assert result.statuses == 1 and result.receipt is not None and result.receipt.exists()
    after = statuses(demo_db)
    assert after[returned] == (S.TRA_LAI.value, comment)
    assert {k: v for k, v in after.items() if k != returned} == {
        k: v for k, v in before.items() if k != returned}
    with demo_db.sessions() as s:
        event = s.scalars(select(m.NominationEvent).where(
            m.NominationEvent.nomination_id == returned,
            m.NominationEvent.to_status == S.TRA_LAI.value)).one()
        assert event.comment == comment and event.from_status == S.DE_NGHI_LEN_TREN.value
        assert s.scalars(select(m.AuditEntry).where(
            m.AuditEntry.action == "nomination.status",
            m.AuditEntry.entity_id == str(returned))).first() is not None

    decision = province.decisions.issue(province.rounds.all_rounds()[0].id, decided,
                                        signed_on=date(2025, 6, 20),
                                        title="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh")
    sent_decision = send(db, homes, "province", "Phòng Nội vụ", tmp_path / "decision",
                         kind="quyet-dinh")
    with zipfile.ZipFile(sent_decision) as z:
        assert "documents/04-quyet-dinh.pdf" in z.namelist()
    result = receive(demo_db, homes, "office", sent_decision)
    assert result.statuses == len(decided)
    with demo_db.sessions() as s:
        here = s.get(m.Decision, decision.id)
        assert here is not None and here.symbol == decision.symbol
        assert here.total_amount == decision.total_amount and len(here.lines) == len(decided)
        awards = s.scalars(select(m.AwardRecord).where(
            m.AwardRecord.decision_line_id.in_([ln.id for ln in here.lines]))).all()
        assert len(awards) == len(decided)
    assert all(statuses(demo_db)[n][0] == S.DA_QUYET_DINH.value for n in decided)
    # The same decision again changes nothing.
    before_dump = dump(demo_db)
    assert receive(demo_db, homes, "office", sent_decision).already
    assert dump(demo_db) == before_dump


def test_changed_only_sends_what_changed_since_the_acknowledged_package(
        demo_db: Any, db: Any, province: Services, homes: dict[str, Path],
        tmp_path: Path) -> None:
    with pytest.raises(UserError):  # nothing acknowledged yet
        send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "a", changed_only=True)
    first = send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "a")
    receipt = receive(db, homes, "province", first).receipt
    receive(demo_db, homes, "office", receipt)
    with pytest.raises(UserError) as info:  # nothing changed since
        send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "b", changed_only=True)
    assert "\n" not in str(info.value)
    office = Services(demo_db)
    returned = next(nid for nid, (status, _n) in statuses(demo_db).items()
                    if status == S.TRA_LAI.value)
    office.rounds.change_status(returned, S.DA_NOP.value)
    delta = send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "b", changed_only=True)
    with zipfile.ZipFile(delta) as z:
        manifest = json.loads(z.read("manifest.json"))
        nominations = json.loads(z.read("data/nomination.json"))["records"]
        assert "data/person.json" not in z.namelist()
    assert [n["id"] for n in nominations] == [str(returned)]
    assert manifest["subject"]["changes_since"] == json.loads(
        zipfile.ZipFile(first).read("manifest.json"))["package_id"]
    summary = receive(db, homes, "province", delta)
    assert summary.total("changed") >= 1
    assert statuses(db)[returned][0] == S.DA_NOP.value


def test_duplicates_from_two_offices_are_flagged_not_merged(
        demo_db: Any, db: Any, province: Services, homes: dict[str, Path],
        tmp_path: Path) -> None:
    first = send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "a")
    receive(db, homes, "province", first)
    # A second office sends the same people under new UUIDs: one keeps its CCCD, one only
    # shares name (in other case, without diacritics) and date of birth.
    from .conftest import rewrite

    with zipfile.ZipFile(first) as z:
        people = json.loads(z.read("data/person.json"))["records"]
    by_cccd = next(p for p in people if p["cccd"])
    by_name = next(p for p in people if not p["cccd"] and p["birth_date"] and p is not by_cccd)
    from desktop.core.text import search_key

    def other_office(d: dict[str, bytes]) -> None:
        twins = [dict(by_cccd, id="0" * 8 + by_cccd["id"][8:]),
                 dict(by_name, id="0" * 8 + by_name["id"][8:],
                      full_name=search_key(by_name["full_name"]).upper())]
        d.clear()
        d["data/person.json"] = json.dumps({"table": "person", "records": twins}).encode()

    paths.set_home(homes["office"])
    signer = keys.load_keys(PASSPHRASE)
    tmp = rewrite(first, tmp_path / "t.tdkt", members=other_office)

    def relist(doc: dict[str, Any]) -> None:
        import hashlib

        blob = zipfile.ZipFile(tmp).read("data/person.json")
        doc["members"] = [{"path": "data/person.json", "size": len(blob),
                           "sha256": hashlib.sha256(blob).hexdigest()}]
        doc["sequence"] = 2
        doc["package_id"] = "11111111-2222-3333-4444-555555555555"

    second = rewrite(tmp, tmp_path / "second.tdkt", manifest=relist, sign_with=signer.signing)
    summary = receive(db, homes, "province", second)
    found = {(d.existing_id.hex, d.by_cccd) for d in summary.duplicates}
    assert found == {(by_cccd["id"].replace("-", ""), True),
                     (by_name["id"].replace("-", ""), False)}
    with db.sessions() as s:
        assert s.scalar(select(m.Person.cccd).where(m.Person.id == __import__("uuid").UUID(
            by_cccd["id"]))) == by_cccd["cccd"]
        twins = s.scalars(select(m.Person).where(m.Person.id.in_(
            [d.incoming_id for d in summary.duplicates]))).all()
        assert len(twins) == 2 and all(t.cccd is None for t in twins)


def test_receipt_for_a_package_never_sent_is_refused(
        demo_db: Any, db: Any, province: Services, homes: dict[str, Path],
        tmp_path: Path) -> None:
    first = send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "a")
    receipt = receive(db, homes, "province", first).receipt
    before = dump(demo_db)
    other = Services(db)  # the province's database never sent that package
    paths.set_home(homes["office"])
    with pytest.raises(PackageError) as info:
        ExchangeService(other).apply(package.read(receipt),
                                     own_fingerprint=keys.load_public().fingerprint)
    assert info.value.code == "receipt" and "\n" not in str(info.value)
    assert dump(demo_db) == before


def test_a_lost_receipt_is_written_again_and_nothing_else_changes(
        demo_db: Any, db: Any, province: Services, homes: dict[str, Path],
        tmp_path: Path) -> None:
    first = send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "a")
    receipt = receive(db, homes, "province", first).receipt
    assert receipt is not None
    receipt.unlink()  # the copy failed, or the stick was cleaned
    with db.sessions() as s:
        nominations = s.scalars(select(m.Nomination.id)).all()
    again = receive(db, homes, "province", first)
    assert again.already and again.receipt == receipt and receipt.exists()
    with db.sessions() as s:
        assert s.scalars(select(m.Nomination.id)).all() == nominations
    before = dump(db)
    assert receive(db, homes, "province", first).receipt is None  # still there: not rewritten
    assert dump(db) == before
    assert receive(demo_db, homes, "office", receipt).acknowledged == 1


def test_a_receipt_imported_after_a_later_package_still_counts(
        demo_db: Any, db: Any, province: Services, homes: dict[str, Path],
        tmp_path: Path) -> None:
    dossier = send(demo_db, homes, "office", "Sở Nội vụ", tmp_path / "a")
    receipt = receive(db, homes, "province", dossier).receipt  # the province's number 1
    province.rounds.change_status(upward(db)[0], S.TRA_LAI.value, "Thiếu bản sao CCCD.")
    back = send(db, homes, "province", "Phòng Nội vụ", tmp_path / "b", kind="tra-lai")  # 2
    assert receive(demo_db, homes, "office", back).statuses == 1
    assert receive(demo_db, homes, "office", receipt).acknowledged == 1
    assert ExchangeService(Services(demo_db)).sent()[-1]["acked_at"]
