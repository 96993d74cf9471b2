"""Hand-up packages end to end: real zips, real Ed25519 signatures, real SQLite on both sides."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop import paths
from desktop.errors import UserError
from desktop.exchange import keys, manifest, package, usb
from desktop.exchange.manifest import PackageError
from desktop.store import models as m

from .conftest import PASSPHRASE, counts, do_import, export, one_sentence, refused, rewrite

DOC = Path(__file__).resolve().parents[2] / "docs" / "package-format.md"


# --- the happy path ------------------------------------------------------------------------


def test_round_trip_is_complete_and_idempotent(sent: Path, demo_db: Any, db: Any,
                                               homes: dict[str, Path]) -> None:
    assert sent.name.endswith(".tdkt") and sent.exists()
    assert not list(sent.parent.glob(".*partial"))
    dry = do_import(db, homes, sent, dry_run=True)
    assert dry.total("new") > 0 and counts(db)["nomination"] == 0
    summary = do_import(db, homes, sent)
    assert summary.nominations == 23 and summary.total("new") == dry.total("new")
    with db.sessions() as s, demo_db.sessions() as d:
        rnd = d.scalars(select(m.NominationRound).order_by(m.NominationRound.created_at)).first()
        assert s.get(m.NominationRound, rnd.id) is not None
        got = {n.id: n.status for n in s.scalars(select(m.Nomination))}
        want = {n.id: n.status for n in d.scalars(
            select(m.Nomination).where(m.Nomination.round_id == rnd.id))}
        assert got == want
        att = s.scalars(select(m.Attachment)).one()
        assert hashlib.sha256(att.content).hexdigest() == att.sha256
        office = s.scalars(select(m.Office)).one()
        assert office.is_own is False
        actions = {a.action for a in s.scalars(select(m.AuditEntry))}
        assert {"exchange.import", "exchange.import.new"} <= actions
    before = counts(db)
    again = do_import(db, homes, sent)
    assert again.already and counts(db) == before


def test_documented_snippet_verifies_without_the_program(sent: Path, tmp_path: Path,
                                                         homes: dict[str, Path]) -> None:
    block = re.search(r"<!-- verify-snippet -->\s*```python\n(.*?)```", DOC.read_text(), re.S)
    assert block
    code = block.group(1)
    assert len(code.strip().splitlines()) <= 15
    script = tmp_path / "check.py"
    script.write_text(code)
    office_pub = keys.read_public_key_file(homes["office"] / "config/keys/office.pub")
    import base64

    key = base64.b64encode(office_pub.public_key).decode()
    ok = subprocess.run([sys.executable, str(script), str(sent), key], capture_output=True,
                        text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.startswith("OK ho-so-de-nghi"), ok.stderr
    bad = rewrite(sent, tmp_path / "bad.tdkt", members=lambda d: d.update(
        {"data/person.json": d["data/person.json"].replace(b'"', b"'", 1)}))
    ko = subprocess.run([sys.executable, str(script), str(bad), key], capture_output=True,
                        text=True, check=False)
    assert ko.returncode != 0


def test_sequence_replay_and_out_of_order_refused(demo_db: Any, db: Any, homes: dict[str, Path],
                                                  tmp_path: Path) -> None:
    first = export(demo_db, homes, tmp_path / "a")
    second = export(demo_db, homes, tmp_path / "b")
    assert json.loads(zipfile.ZipFile(second).read("manifest.json"))["sequence"] == 2
    do_import(db, homes, second)
    refused(db, homes, first, "sequence")


def test_gap_is_reported(demo_db: Any, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    export(demo_db, homes, tmp_path / "a")
    second = export(demo_db, homes, tmp_path / "b")
    assert do_import(db, homes, second).gap == 1


# --- bad packages --------------------------------------------------------------------------


def test_tampered_manifest_byte(sent: Path, db: Any, homes: dict[str, Path],
                                tmp_path: Path) -> None:
    bad = rewrite(sent, tmp_path / "x.tdkt",
                  raw_manifest=lambda raw: raw.replace(b'"sequence": 1', b'"sequence": 7'))
    refused(db, homes, bad, "signature")


def test_tampered_member(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    def change(d: dict[str, bytes]) -> None:
        name = next(n for n in d if n.startswith("attachments/"))
        d[name] = d[name][:-1] + b"X"

    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt", members=change), "hash")


def test_extra_and_missing_member(sent: Path, db: Any, homes: dict[str, Path],
                                  tmp_path: Path) -> None:
    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt",
                               extra_entries=[("data/extra.json", b"{}")]), "extra")
    refused(db, homes, rewrite(sent, tmp_path / "y.tdkt",
                               members=lambda d: d.pop("data/person.json")), "missing")


@pytest.mark.parametrize("name", ["../../evil", "/etc/passwd", "data\\..\\evil", "C:/evil",
                                  "C:\\evil", "D:evil", "data/C:evil", "\\\\server\\evil",
                                  "documents/..\\..\\evil", "data/./evil", "data/../../evil",
                                  "evil.txt", "data/"])
def test_escaping_paths(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path,
                        name: str) -> None:
    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt", extra_entries=[(name, b"boom")]),
            "path")
    assert not (tmp_path / "evil").exists()


def test_symlink_member(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    bad = rewrite(sent, tmp_path / "x.tdkt")
    with zipfile.ZipFile(bad, "a") as z:
        info = zipfile.ZipInfo("attachments/link")
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/passwd")
    refused(db, homes, bad, "symlink")


def test_duplicate_member(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(sent) as z:
        person = z.read("data/person.json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bad = rewrite(sent, tmp_path / "x.tdkt", extra_entries=[("data/person.json", person)])
    refused(db, homes, bad, "duplicate")


def test_oversized_member_and_bomb(sent: Path, db: Any, homes: dict[str, Path],
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest, "MAX_MEMBER_SIZE", 1000)
    refused(db, homes, sent, "bomb")
    monkeypatch.undo()
    bomb = rewrite(sent, tmp_path / "bomb.tdkt",
                   extra_entries=[("documents/bomb.pdf", b"\0" * (3 * 1024**2))])
    refused(db, homes, bomb, "bomb")


def test_truncated_zip(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    cut = tmp_path / "cut.tdkt"
    cut.write_bytes(sent.read_bytes()[: sent.stat().st_size // 2])
    refused(db, homes, cut, "zip")


def test_untrusted_and_wrong_key(sent: Path, db: Any, homes: dict[str, Path],
                                 tmp_path: Path) -> None:
    paths.set_home(homes["stranger"])
    stranger = keys.load_keys(PASSPHRASE)
    # signed by a stranger who claims to be the office: the signature does not match
    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt", sign_with=stranger.signing),
            "signature")
    # signed by a stranger under its own name: not trusted

    def as_stranger(doc: dict[str, Any]) -> None:
        doc["sender"]["key_fingerprint"] = stranger.fingerprint

    refused(db, homes, rewrite(sent, tmp_path / "y.tdkt", manifest=as_stranger,
                               sign_with=stranger.signing), "untrusted")


def test_resigned_bad_contents(sent: Path, db: Any, homes: dict[str, Path],
                               tmp_path: Path) -> None:
    """Even a correctly signed package is refused if its contents are malformed."""
    paths.set_home(homes["office"])
    office = keys.load_keys(PASSPHRASE)

    def bump(doc: dict[str, Any]) -> None:
        doc["format"] = 2

    refused(db, homes, rewrite(sent, tmp_path / "f.tdkt", manifest=bump,
                               sign_with=office.signing), "format")

    def unknown_field(d: dict[str, bytes]) -> None:
        doc = json.loads(d["data/person.json"])
        doc["records"][0]["nickname"] = "x"
        d["data/person.json"] = json.dumps(doc).encode()

    def bad_type(d: dict[str, bytes]) -> None:
        doc = json.loads(d["data/nomination.json"])
        doc["records"][0]["amount"] = "nhiều"
        d["data/nomination.json"] = json.dumps(doc).encode()

    for i, change in enumerate((unknown_field, bad_type)):
        tmp = rewrite(sent, tmp_path / f"r{i}.tdkt", members=change)

        def fix_hashes(doc: dict[str, Any], tmp: Path = tmp) -> None:
            with zipfile.ZipFile(tmp) as z:
                for item in doc["members"]:
                    blob = z.read(item["path"])
                    item["size"], item["sha256"] = len(blob), hashlib.sha256(blob).hexdigest()

        refused(db, homes, rewrite(tmp, tmp_path / f"s{i}.tdkt", manifest=fix_hashes,
                                   sign_with=office.signing), "records")


def test_addressed_to_someone_else(sent: Path, db: Any, homes: dict[str, Path]) -> None:
    before = counts(db)
    with pytest.raises(PackageError) as info:
        do_import(db, homes, sent, who="stranger")
    assert info.value.code in ("recipient", "untrusted")
    assert counts(db) == before


# --- USB safety ----------------------------------------------------------------------------


def test_full_stick(demo_db: Any, homes: dict[str, Path], tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    import collections

    usage = collections.namedtuple("usage", "total used free")
    monkeypatch.setattr(usb.shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 1000, 1000))
    stick = tmp_path / "stick"
    with pytest.raises(UserError) as info:
        export(demo_db, homes, stick)
    one_sentence(info.value)
    assert list(stick.iterdir()) == []
    monkeypatch.undo()
    again = export(demo_db, homes, stick)
    assert json.loads(zipfile.ZipFile(again).read("manifest.json"))["sequence"] == 1


def test_stick_pulled_mid_write(demo_db: Any, homes: dict[str, Path], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "stick"
    real = usb._read_back

    def pulled(path: Path) -> str:
        digest = real(path)
        shutil.rmtree(path.parent)
        return digest

    monkeypatch.setattr(usb, "_read_back", pulled)
    with pytest.raises(UserError) as info:
        export(demo_db, homes, stick)
    one_sentence(info.value)
    assert not stick.exists()


def test_bad_read_back_leaves_nothing(demo_db: Any, homes: dict[str, Path], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "stick"
    monkeypatch.setattr(usb, "_read_back", lambda _p: "0" * 64)
    with pytest.raises(UserError):
        export(demo_db, homes, stick)
    assert list(stick.iterdir()) == []


def test_missing_or_readonly_folder(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.write_bytes(b"x")
    with pytest.raises(UserError):
        usb.safe_copy(src, tmp_path / "nowhere" / "p.tdkt")
    with pytest.raises(UserError) as info:
        usb.check_target(tmp_path / "p.tdkt", usb.FAT32_LIMIT + 1)
    one_sentence(info.value)


# --- encryption ----------------------------------------------------------------------------


def test_encrypted_round_trip(demo_db: Any, db: Any, homes: dict[str, Path],
                              tmp_path: Path) -> None:
    path = export(demo_db, homes, tmp_path / "stick", encrypt=True)
    assert path.name.endswith(".tdkt.age") and package.is_encrypted(path)
    assert not zipfile.is_zipfile(path)
    assert do_import(db, homes, path).nominations == 23
    # the stranger cannot open it
    paths.set_home(homes["stranger"])
    with pytest.raises(PackageError) as info:
        package.read(path, lambda: keys.load_keys(PASSPHRASE, with_age=True).age_identity)
    assert info.value.code == "age-key"


@pytest.mark.skipif(shutil.which("age") is None, reason="the stock age tool is not installed")
def test_stock_age_decrypts(demo_db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    path = export(demo_db, homes, tmp_path / "stick", encrypt=True)
    paths.set_home(homes["province"])
    identity = tmp_path / "identity.txt"
    identity.write_text(keys.load_keys(PASSPHRASE, with_age=True).age_identity + "\n")
    out = tmp_path / "plain.tdkt"
    subprocess.run(["age", "-d", "-i", str(identity), "-o", str(out), str(path)], check=True)
    assert json.loads(zipfile.ZipFile(out).read("manifest.json"))["kind"] == "ho-so-de-nghi"


# --- keys ----------------------------------------------------------------------------------


def test_key_file_and_rotation(homes: dict[str, Path], tmp_path: Path) -> None:
    paths.set_home(homes["office"])
    pub = keys.load_public()
    assert len(keys.printable(pub.fingerprint).split()) == 16
    text = keys.public_text()
    forged = text.replace(pub.age_recipient, "age1" + "q" * 58)
    with pytest.raises(UserError):
        keys.PublicKeyFile.parse(forged, "forged.pub")
    with pytest.raises(UserError):
        keys.init_keys(PASSPHRASE)
    with pytest.raises(UserError):
        keys.load_keys("sai mật khẩu")
    keys.init_keys(PASSPHRASE, rotate=True)
    assert keys.load_public().fingerprint != pub.fingerprint
    assert keys.find_trusted(pub.fingerprint) is not None  # old packages still verify
    assert (homes["office"] / "config/keys/retired" / pub.fingerprint[:16]).is_dir()
