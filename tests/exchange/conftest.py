"""Two installations (a district office and the province), with real keys and real packages."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import paths
from desktop.core.service import Services
from desktop.exchange import keys, package
from desktop.exchange.manifest import PackageError
from desktop.exchange.service import ExchangeService
from desktop.store import models as m

PASSPHRASE = "mat-khau-kiem-thu"


@pytest.fixture(scope="session")
def key_homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Office and province key folders, made once (scrypt is slow), trusting each other."""
    base = tmp_path_factory.mktemp("keys")
    made = {}
    for name in ("office", "province", "stranger"):
        paths.set_home(base / name)
        keys.init_keys(PASSPHRASE, office_id="", office_name=name)
        made[name] = base / name
    pubs = {n: keys.read_public_key_file(h / "config" / "keys" / keys.PUBLIC_FILE)
            for n, h in made.items()}
    paths.set_home(made["office"])
    keys.trust(pubs["province"], name="Sở Nội vụ")
    paths.set_home(made["province"])
    keys.trust(pubs["office"], name="Phòng Nội vụ")
    paths.set_home(None)
    return made


@pytest.fixture
def homes(key_homes: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, src in key_homes.items():
        dest = tmp_path / f"home-{name}"
        shutil.copytree(src / "config", dest / "config")
        out[name] = dest
    paths.set_home(out["office"])
    return out


def counts(db: Any) -> dict[str, int]:
    from desktop.store import models as m

    with db.sessions() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
                for t in (m.Nomination, m.Person, m.Unit, m.AuditEntry, m.Meta, m.Attachment)}


def rewrite(src: Path, dest: Path, *, manifest: Callable[[dict[str, Any]], None] | None = None,
            members: Callable[[dict[str, bytes]], None] | None = None,
            sign_with: Any = None, raw_manifest: Callable[[bytes], bytes] | None = None,
            extra_entries: list[tuple[str, bytes]] | None = None) -> Path:
    """Copy a package with changes; re-sign with `sign_with` (an Ed25519 key) if given."""
    with zipfile.ZipFile(src) as z:
        data = {n: z.read(n) for n in z.namelist()}
    raw = data.pop("manifest.json")
    sig = data.pop("signature")
    if members:
        members(data)
    if manifest:
        doc = json.loads(raw)
        manifest(doc)
        raw = json.dumps(doc, ensure_ascii=False, indent=1).encode()
    if raw_manifest:
        raw = raw_manifest(raw)
    if sign_with is not None:
        sig = sign_with.sign(raw)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", raw)
        z.writestr("signature", sig)
        for name, blob in data.items():
            z.writestr(name, blob)
        for name, blob in extra_entries or []:
            z.writestr(name, blob)
    return dest


def set_up_province(db: Any) -> Any:
    """The province's own office, catalogue and signer, as `tdkt` would have them."""
    from desktop.core.office import SignerInput
    from desktop.core.service import Services

    svc = Services(db, actor="Chuyên viên Sở")
    svc.catalogue.sync()
    svc.office.set_up(name="Sở Nội vụ tỉnh Bình Phước", level="tinh", province="Bình Phước",
                      parent_name="UBND TỈNH BÌNH PHƯỚC", issuer_name="ỦY BAN NHÂN DÂN TỈNH "
                      "BÌNH PHƯỚC", issuer_abbr="UBND", place="Bình Phước", code="SNV",
                      signers=[SignerInput("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Mười")])
    return svc


def dump(db: Any) -> str:
    """Every row of every table, to compare a database before and after a refused import."""
    import sqlite3

    url = db.engine.url.database
    with sqlite3.connect(url) as con:
        return "\n".join(con.iterdump())


def one_sentence(exc: BaseException) -> None:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    assert text.rstrip("”»").endswith((".", "!")), text


def _add_attachment(db: Any) -> None:
    with db.session() as s:
        nom = s.scalars(select(m.Nomination)).first()
        content = b"%PDF-1.4 minh chung\n" * 100
        s.add(m.Attachment(nomination_id=nom.id, kind="minh_chung", filename="Bằng khen.pdf",
                           media_type="application/pdf", size=len(content),
                           sha256=hashlib.sha256(content).hexdigest(), content=content))


def export(demo_db: Any, homes: dict[str, Path], folder: Path, *, encrypt: bool = False,
           recipient: str = "Sở Nội vụ") -> Path:
    paths.set_home(homes["office"])
    folder.mkdir(parents=True, exist_ok=True)
    result = ExchangeService(Services(demo_db)).export_round(
        "1", folder, office_keys=keys.load_keys(PASSPHRASE),
        recipient=keys.find_recipient(recipient), encrypt=encrypt)
    return result.path


def do_import(db: Any, homes: dict[str, Path], path: Path, dry_run: bool = False,
              who: str = "province") -> Any:
    paths.set_home(homes[who])
    pkg = package.read(path, lambda: keys.load_keys(PASSPHRASE, with_age=True).age_identity)
    return ExchangeService(Services(db)).apply(
        pkg, own_fingerprint=keys.load_public().fingerprint, dry_run=dry_run)


@pytest.fixture(scope="session")
def sent_once(demo_template: Path, key_homes: dict[str, Path],
              tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One dossier package with an attachment and the round's PDFs, exported once (the keys
    of every test are copies of the same session keys, so it verifies everywhere)."""
    from desktop.store.database import open_database

    folder = tmp_path_factory.mktemp("sent")
    copy = folder / "demo.sqlite3"
    shutil.copyfile(demo_template, copy)
    with open_database(copy) as database:
        _add_attachment(database)
        path = export(database, key_homes, folder / "stick")
    paths.set_home(None)
    return path


@pytest.fixture
def sent(sent_once: Path, homes: dict[str, Path], tmp_path: Path) -> Path:
    stick = tmp_path / "stick"
    stick.mkdir()
    return Path(shutil.copy(sent_once, stick / sent_once.name))


def refused(db: Any, homes: dict[str, Path], path: Path, code: str) -> PackageError:
    """The import is refused with `code`, one sentence, and the database stays byte-for-byte
    the same (every row of every table)."""
    before = dump(db)
    with pytest.raises(PackageError) as info:
        do_import(db, homes, path)
    assert info.value.code == code, info.value
    one_sentence(info.value)
    assert dump(db) == before
    return info.value
