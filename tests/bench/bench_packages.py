"""Hand-up packages: export, verify and import of a round with 1,000 nominees and their PDFs
(one evidence PDF per nominee, plus the round's printed forms built by desktop/documents).
The import includes signing and writing the receipt next to the package.

Baseline, measured in the same run: a plain zipfile write (resp. read + SHA-256 of every member)
of the very same member bytes, without signatures, checks or the database.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from sqlalchemy import insert, select

from desktop import paths
from desktop.core.demo import build_demo
from desktop.core.service import Services
from desktop.exchange import keys, package
from desktop.exchange.service import ExchangeService
from desktop.store import models as m
from desktop.store.database import open_database
from tests.bench import Measure

NOMINEES = 1000
PDF_SIZE = 60_000
PASS = "mat-khau-bench"


def _grow_round(db_path: Path) -> None:
    """Put 1,000 people with one PDF each into round 1 (bulk inserts: set-up, not measured)."""
    with open_database(db_path) as db, db.session() as s:
        rnd = s.scalars(select(m.NominationRound).order_by(m.NominationRound.created_at)).first()
        assert rnd is not None
        people = list(s.scalars(select(m.Person.id).limit(NOMINEES)))
        noms, atts = [], []
        for pid in people:
            nid = uuid.uuid4()
            noms.append({"id": nid, "round_id": rnd.id, "subject_kind": "ca_nhan",
                         "person_id": pid, "award_code": "GK_CT_HUYEN", "status": "nhap",
                         "achievements": "Hoàn thành xuất sắc nhiệm vụ " * 10})
            pdf = b"%PDF-1.4\n" + os.urandom(PDF_SIZE)
            atts.append({"id": uuid.uuid4(), "nomination_id": nid, "kind": "bao_cao",
                         "filename": "bao-cao.pdf", "media_type": "application/pdf",
                         "size": len(pdf), "sha256": hashlib.sha256(pdf).hexdigest(),
                         "content": pdf})
        s.execute(insert(m.Nomination), noms)
        s.execute(insert(m.Attachment), atts)


def _timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def run() -> list[Measure]:
    out: list[Measure] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        province = folder / "province"
        office = folder / "office"
        paths.set_home(province)
        keys.init_keys(PASS, office_name="Sở Nội vụ")
        prov_pub = keys.load_public()
        paths.set_home(office)
        src = folder / "office.sqlite3"
        build_demo(src, size=1200)
        _grow_round(src)
        keys.init_keys(PASS, office_name="Phòng Nội vụ")
        office_pub = keys.load_public()
        recipient = keys.trust(prov_pub, name="Sở Nội vụ")
        office_keys = keys.load_keys(PASS)
        stick = folder / "stick"
        stick.mkdir()
        with open_database(src) as db:
            t_export, result = _timed(lambda: ExchangeService(Services(db)).export_round(
                "1", stick, office_keys=office_keys, recipient=recipient))
        nominees = result.manifest["subject"]["nominations"]
        with zipfile.ZipFile(result.path) as z:
            members = {n: z.read(n) for n in z.namelist()}

        def plain_write() -> None:
            with zipfile.ZipFile(folder / "plain.zip", "w", zipfile.ZIP_DEFLATED) as z:
                for name, data in members.items():
                    method = zipfile.ZIP_DEFLATED if name.endswith(".json") else zipfile.ZIP_STORED
                    z.writestr(name, data, method)
            with open(folder / "plain.zip", "rb") as fp:
                os.fsync(fp.fileno())

        def plain_read() -> None:
            with zipfile.ZipFile(folder / "plain.zip") as z:
                for name in z.namelist():
                    hashlib.sha256(z.read(name)).hexdigest()

        b_write, _ = _timed(plain_write)
        b_read, _ = _timed(plain_read)
        out.append(Measure(f"package export, {nominees} nominees + PDFs", t_export, "s", b_write,
                           "plain zip write of the same bytes", "< 10 s", t_export < 10))
        paths.set_home(province)
        keys.trust(office_pub, name="Phòng Nội vụ")
        t_verify, pkg = _timed(lambda: package.read(result.path))
        out.append(Measure(f"package verify, {nominees} nominees", t_verify, "s", b_read,
                           "plain zip read + SHA-256", "< 10 s", t_verify < 10))
        with open_database(folder / "province.sqlite3") as pdb:
            own = keys.load_public().fingerprint
            province_keys = keys.load_keys(PASS)
            services = Services(pdb)
            services.office.set_up(name="Sở Nội vụ", level="tinh", province="Bình Phước")
            t_import, summary = _timed(lambda: ExchangeService(services).apply(
                package.read(result.path), own_fingerprint=own, office_keys=province_keys))
            assert summary.receipt is not None and summary.receipt.exists()
        out.append(Measure(f"package import (verify + write), {summary.total('new')} records",
                           t_import, "s", b_read, "plain zip read + SHA-256", "< 10 s",
                           t_import < 10))
        out.append(Measure("package size", result.size / 1e6, "MB", None, "", "(reported)",
                           True))
        documents = len(result.manifest["subject"].get("documents", []))
        out.append(Measure("round documents in the package", documents, "PDF", None, "",
                           "(reported)", documents > 0))
        paths.set_home(None)
    return out
