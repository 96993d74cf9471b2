"""A nomination's dossier: files kept in the database, and what is still missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.dossiers import State
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.store.database import Database


def _decided_and_open(svc: Services):  # type: ignore[no-untyped-def]
    rnd = svc.rounds.all_rounds()[0]
    rows = svc.rounds.rows(rnd.id)
    return next(r for r in rows if r.status == "da_quyet_dinh"), next(
        r for r in rows if r.status == "tra_lai")


def test_the_checklist_follows_the_catalogue_and_the_council(demo_db: Database) -> None:
    svc = Services(demo_db)
    decided, returned = _decided_and_open(svc)
    assert decided.dossier is not None and returned.dossier is not None
    states = {item.code: item.state for item in decided.dossier.items}
    assert states["bien_ban_xet_khen_thuong"] is State.PRESENT  # the council voted on it
    assert states["to_trinh"] is State.DRAFT
    missing = {item.code: item.hint for item in returned.dossier.missing}
    assert missing["bien_ban_xet_khen_thuong"] == "cần họp Hội đồng bỏ phiếu trước"
    assert returned.dossier.state is State.MISSING


def test_an_attached_file_completes_its_component_and_is_audited(
        demo_db: Database, tmp_path: Path) -> None:
    svc = Services(demo_db)
    _decided, returned = _decided_and_open(svc)
    scan = tmp_path / "Biên bản.pdf"
    scan.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    svc.dossiers.attach(returned.id, "bien_ban_xet_khen_thuong", scan)
    after = svc.dossiers.checklist(returned.id)
    assert {i.code: i.state for i in after.items}["bien_ban_xet_khen_thuong"] is State.PRESENT
    [info] = svc.dossiers.attachments(returned.id)
    assert (info.kind, info.filename, info.size) == ("bien_ban_xet_khen_thuong", "Biên bản.pdf",
                                                    scan.stat().st_size)


@pytest.mark.parametrize(("name", "content", "kind", "message"), [
    ("rong.pdf", b"", "bao_cao_thanh_tich", "trống"),
    ("khong-co.pdf", None, "bao_cao_thanh_tich", "Không đọc được"),
    ("bao-cao.pdf", b"%PDF", "khong_phai_ma", "không phải"),
])
def test_bad_files_are_refused_and_nothing_is_kept(
        demo_db: Database, tmp_path: Path, name: str, content: bytes | None, kind: str,
        message: str) -> None:
    svc = Services(demo_db)
    _decided, returned = _decided_and_open(svc)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        svc.dossiers.attach(returned.id, kind, path)
    assert svc.dossiers.attachments(returned.id) == []
