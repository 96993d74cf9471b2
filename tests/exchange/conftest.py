"""Two installations (a district office and the province), with real keys and real packages."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import paths
from desktop.exchange import keys

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
