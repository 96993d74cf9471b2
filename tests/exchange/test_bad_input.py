"""Each bad package of issue 7 that test_packages.py does not already cover: refused with one
sentence, and the database left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop import paths
from desktop.exchange import keys, manifest

from .conftest import PASSPHRASE, refused, rewrite


def office_signer(homes: dict[str, Path]) -> Any:
    paths.set_home(homes["office"])
    return keys.load_keys(PASSPHRASE).signing


def resigned(src: Path, dest: Path, homes: dict[str, Path], change: Any) -> Path:
    """A package changed by `change(members)`, with its member list and signature made valid
    again by the real office key: only the content checks can catch it."""
    tmp = rewrite(src, dest.with_suffix(".tmp"), members=change)

    def relist(doc: dict[str, Any]) -> None:
        with zipfile.ZipFile(tmp) as z:
            doc["members"] = [{"path": n, "size": len(z.read(n)),
                               "sha256": hashlib.sha256(z.read(n)).hexdigest()}
                              for n in z.namelist() if n not in ("manifest.json", "signature")]

    return rewrite(tmp, dest, manifest=relist, sign_with=office_signer(homes))


def test_missing_signature(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(sent) as z, zipfile.ZipFile(tmp_path / "x.tdkt", "w") as out:
        for name in z.namelist():
            if name != "signature":
                out.writestr(name, z.read(name))
    refused(db, homes, tmp_path / "x.tdkt", "signature")


def test_garbage_signature(sent: Path, db: Any, homes: dict[str, Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(sent) as z:
        data = {n: z.read(n) for n in z.namelist()}
    data["signature"] = b"\x01" * 64
    with zipfile.ZipFile(tmp_path / "x.tdkt", "w") as out:
        for name, blob in data.items():
            out.writestr(name, blob)
    refused(db, homes, tmp_path / "x.tdkt", "signature")


def test_malformed_manifest_json(sent: Path, db: Any, homes: dict[str, Path],
                                 tmp_path: Path) -> None:
    bad = rewrite(sent, tmp_path / "x.tdkt", raw_manifest=lambda raw: raw[:-20])
    refused(db, homes, bad, "manifest")


def test_malformed_record_json_even_when_signed(sent: Path, db: Any, homes: dict[str, Path],
                                                tmp_path: Path) -> None:
    def cut(d: dict[str, bytes]) -> None:
        d["data/person.json"] = d["data/person.json"][:-3]

    refused(db, homes, resigned(sent, tmp_path / "x.tdkt", homes, cut), "records")


def test_record_table_unknown_even_when_signed(sent: Path, db: Any, homes: dict[str, Path],
                                               tmp_path: Path) -> None:
    def smuggle(d: dict[str, bytes]) -> None:
        d["data/audit_log.json"] = json.dumps({"table": "audit_log", "records": []}).encode()

    refused(db, homes, resigned(sent, tmp_path / "x.tdkt", homes, smuggle), "records")


def test_too_many_members(sent: Path, db: Any, homes: dict[str, Path],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest, "MAX_MEMBERS", 3)
    refused(db, homes, sent, "bomb")


def test_total_size_limit(sent: Path, db: Any, homes: dict[str, Path],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest, "MAX_TOTAL_SIZE", 10_000)
    refused(db, homes, sent, "bomb")


def _set_declared_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip's central directory declares for `member`."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        name_len, = struct.unpack_from("<H", raw, pos + 28)
        if raw[pos + 46:pos + 46 + name_len].decode() == member:
            struct.pack_into("<I", raw, pos + 24, size)
            break
        pos = raw.find(b"PK\x01\x02", pos + 4)
    assert pos != -1 and info.file_size != size
    path.write_bytes(bytes(raw))


def test_declared_size_smaller_than_real(sent: Path, db: Any, homes: dict[str, Path],
                                         tmp_path: Path) -> None:
    """A member that inflates to more than its zip entry declares (the zip-bomb trick): the
    reader never reads past the declared size, and the size no longer matches the manifest."""
    bad = rewrite(sent, tmp_path / "x.tdkt")
    _set_declared_size(bad, "data/person.json", 100)
    refused(db, homes, bad, "hash")


def test_declared_size_larger_than_limit(sent: Path, db: Any, homes: dict[str, Path],
                                         tmp_path: Path) -> None:
    bad = rewrite(sent, tmp_path / "x.tdkt")
    _set_declared_size(bad, "data/person.json", manifest.MAX_MEMBER_SIZE + 1)
    refused(db, homes, bad, "bomb")


def test_replayed_sequence_under_a_new_id(sent: Path, db: Any, homes: dict[str, Path],
                                          tmp_path: Path) -> None:
    from .conftest import do_import

    do_import(db, homes, sent)

    def new_id(doc: dict[str, Any]) -> None:
        doc["package_id"] = "22222222-3333-4444-5555-666666666666"

    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt", manifest=new_id,
                               sign_with=office_signer(homes)), "sequence")


def test_addressed_to_another_trusted_office(sent: Path, db: Any, homes: dict[str, Path],
                                             tmp_path: Path) -> None:
    paths.set_home(homes["stranger"])
    stranger = keys.load_public().fingerprint

    def readdress(doc: dict[str, Any]) -> None:
        doc["recipient"] = {"name": "Sở Nội vụ tỉnh khác", "key_fingerprint": stranger}

    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt", manifest=readdress,
                               sign_with=office_signer(homes)), "recipient")


def test_unsupported_format_unsigned(sent: Path, db: Any, homes: dict[str, Path],
                                     tmp_path: Path) -> None:
    def bump(doc: dict[str, Any]) -> None:
        doc["format"] = 99

    refused(db, homes, rewrite(sent, tmp_path / "x.tdkt", manifest=bump), "format")


def test_age_file_for_another_key(demo_db: Any, db: Any, homes: dict[str, Path],
                                  tmp_path: Path) -> None:
    from .conftest import export

    path = export(demo_db, homes, tmp_path / "stick", encrypt=True)
    # The stranger trusts the office, so only the encryption stands in the way.
    paths.set_home(homes["office"])
    office_pub = keys.load_public()
    paths.set_home(homes["stranger"])
    keys.trust(keys.PublicKeyFile(office_pub.public_key, office_pub.age_recipient, "", "x"))
    refused(db, {**homes, "province": homes["stranger"]}, path, "age-key")


def test_a_damaged_encrypted_package(demo_db: Any, db: Any, homes: dict[str, Path],
                                     tmp_path: Path) -> None:
    from .conftest import export

    path = export(demo_db, homes, tmp_path / "stick", encrypt=True)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the encrypted payload
    path.write_bytes(bytes(data))
    refused(db, homes, path, "age-damaged")


def test_the_office_key_opens_on_a_slow_or_busy_pc(homes: dict[str, Path]) -> None:
    """The sealed identity has no machine-speed limit, unlike age's passphrase files."""
    paths.set_home(homes["office"])
    sealed = (keys.keys_dir() / keys.AGE_FILE).read_bytes()
    assert sealed.startswith(keys.SEALED)
    assert keys.load_keys(PASSPHRASE, with_age=True).age_identity.startswith("AGE-SECRET-KEY-")
