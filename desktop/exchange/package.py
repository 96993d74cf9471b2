"""Writing and reading `.tdkt` packages (format 1, docs/package-format.md).

`build()` writes a signed zip to a local file; `read()` checks a package completely (limits,
paths, signature with a trusted key, every member's size and hash, every record against the
schema) and returns its contents without touching any database.
"""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from desktop import __version__, paths
from desktop.exchange import keys as keymod
from desktop.exchange import manifest as mf
from desktop.exchange import records as rec
from desktop.exchange.manifest import PackageError
from desktop.exchange.usb import sha256_file
from desktop.i18n import _

AGE_MAGIC = b"age-encryption.org/v1"
# Everything zipfile may raise on a damaged archive (a flipped bit can make it claim an
# encrypted member, an unknown compression, a bad deflate block or a short header).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError,
              ValueError, RuntimeError, zlib.error, struct.error)


@dataclass
class Contents:
    """What goes into a package, before it is signed."""

    kind: str
    subject: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]  # table → JSON-ready records
    blobs: dict[str, bytes] = field(default_factory=dict)  # member path → bytes
    acknowledges: dict[str, Any] | None = None


@dataclass
class Package:
    """A package that passed every check."""

    path: Path
    sha256: str  # of the zip (after decryption, for a .tdkt.age)
    manifest: dict[str, Any]
    sender: keymod.TrustedKey
    records: dict[str, list[dict[str, Any]]]  # table → database values
    blobs: dict[str, bytes]
    encrypted: bool = False

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])


def tmp_dir() -> Path:
    folder = paths.data_dir() / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def build(contents: Contents, *, office_keys: keymod.OfficeKeys, sender: dict[str, str],
          recipient: dict[str, Any], sequence: int, schema_version: str,
          out: Path) -> dict[str, Any]:
    """Write the signed package to `out` (a local file); returns the manifest."""
    members: dict[str, bytes] = {}
    for table, items in contents.records.items():
        members[f"data/{table}.json"] = _json_bytes({"table": table, "records": items})
    members.update(contents.blobs)
    manifest = {
        "format": mf.FORMAT,
        "package_id": str(uuid.uuid4()),
        "kind": contents.kind,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "schema_version": schema_version,
        "sender": {**sender, "key_fingerprint": office_keys.fingerprint},
        "recipient": recipient,
        "sequence": sequence,
        "subject": contents.subject,
        "acknowledges": contents.acknowledges,
        "members": [
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data in sorted(members.items())
        ],
    }
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        z.writestr(mf.MANIFEST, raw)
        z.writestr(mf.SIGNATURE, office_keys.signing.sign(raw), zipfile.ZIP_STORED)
        for path, data in sorted(members.items()):
            method = zipfile.ZIP_DEFLATED if path.startswith("data/") else zipfile.ZIP_STORED
            z.writestr(path, data, method)
    return manifest


# --- encryption (standard age) -------------------------------------------------------------


def encrypt(source: Path, target: Path, age_recipient: str) -> None:
    import pyrage

    try:
        recipient = pyrage.x25519.Recipient.from_str(age_recipient)
    except pyrage.RecipientError as exc:
        raise PackageError("age-key", _("The encryption key of the recipient is not valid; ask "
                                        "for its key file again.")) from exc
    pyrage.encrypt_file(str(source), str(target), [recipient])


def is_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as fp:
            return fp.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return False


def decrypt(source: Path, target: Path, identity: str) -> None:
    import pyrage

    try:
        pyrage.decrypt_file(str(source), str(target), [pyrage.x25519.Identity.from_str(identity)])
    except pyrage.DecryptError as exc:
        raise PackageError("age-key", _("The package is encrypted for another office and "
                                        "cannot be opened with this office's key.")) from exc
    except OSError as exc:  # pyrage reports a damaged or truncated file this way
        raise PackageError("age-damaged", _("The encrypted package is damaged or incomplete; "
                                            "ask the sender to write it again.")) from exc


# --- reading -------------------------------------------------------------------------------


def _refuse(code: str) -> PackageError:
    texts = {
        "zip": _("The file is not a complete package (it may have been cut off when the stick "
                 "was pulled); copy it again from the sender."),
        "bomb": _("The package is larger than the allowed limits and was refused; ask the "
                  "sender to split it."),
        "duplicate": _("The package contains the same file twice and was refused; ask the "
                       "sender for a new package."),
        "symlink": _("The package contains a link instead of a file and was refused; ask the "
                     "sender for a new package."),
        "signature": _("The signature of the package does not match its contents: it was "
                       "changed after it was signed and was refused."),
        "missing": _("The package lacks a file that its description lists; copy it again from "
                     "the sender."),
        "extra": _("The package contains a file that its description does not list and was "
                   "refused; ask the sender for a new package."),
        "hash": _("A file in the package was changed or damaged after it was signed; copy it "
                  "again from the sender."),
        "records": _("The package contains records that do not fit this program's data and "
                     "was refused; ask the sender to update the program."),
    }
    return PackageError(code, texts[code])


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    try:
        with z.open(info) as fp:
            data = fp.read(limit + 1)
    except ZIP_ERRORS as exc:
        raise _refuse("zip") from exc
    if len(data) > limit:
        raise _refuse("bomb")
    return data


def _check_entries(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = z.infolist()
    if len(infos) > mf.MAX_MEMBERS + 2:
        raise _refuse("bomb")
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in entries:
            raise _refuse("duplicate")
        if name not in (mf.MANIFEST, mf.SIGNATURE):
            mf.check_member_path(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse("symlink")
        if info.file_size > mf.MAX_MEMBER_SIZE:
            raise _refuse("bomb")
        if (info.file_size > mf.RATIO_FLOOR
                and info.file_size > mf.MAX_RATIO * max(info.compress_size, 1)):
            raise _refuse("bomb")
        total += info.file_size
        entries[name] = info
    if total > mf.MAX_TOTAL_SIZE:
        raise _refuse("bomb")
    return entries


def read(path: Path, identity: Callable[[], str] | None = None) -> Package:
    """Check everything in the package at `path`; PackageError (one sentence) if anything fails.

    `identity` gives this office's age identity; it is called only for an encrypted package.
    """
    path = Path(path)
    if not path.is_file():
        raise PackageError("missing-file", _("There is no package “{path}”; check the name.")
                           .format(path=path))
    if is_encrypted(path):
        if identity is None:
            raise PackageError("age-key", _("The package is encrypted; this office's key is "
                                            "needed to open it."))
        with tempfile.TemporaryDirectory(dir=tmp_dir()) as folder:
            plain = Path(folder) / "package.tdkt"
            decrypt(path, plain, identity())
            package = _read_zip(plain)
        package.path = path
        package.encrypted = True
        return package
    return _read_zip(path)


def _read_zip(path: Path) -> Package:
    try:
        z = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise _refuse("zip") from exc
    with z:
        entries = _check_entries(z)
        if mf.MANIFEST not in entries or mf.SIGNATURE not in entries:
            raise PackageError("signature", _("The package has no signature or no description "
                                              "and was refused."))
        raw = _read_member(z, entries[mf.MANIFEST], mf.MAX_MANIFEST_SIZE)
        signature = _read_member(z, entries[mf.SIGNATURE], 64)
        try:
            manifest = json.loads(raw)
        except ValueError as exc:
            raise PackageError("manifest", _("The package description is malformed (JSON); "
                                             "ask the sender for a new package.")) from exc
        if isinstance(manifest, dict) and manifest.get("format") != mf.FORMAT:
            mf.check_manifest(manifest)  # says which format
        fp = manifest.get("sender", {}).get("key_fingerprint") if isinstance(
            manifest, dict) and isinstance(manifest.get("sender"), dict) else None
        trusted = keymod.find_trusted(fp) if isinstance(fp, str) else None
        if trusted is None:
            raise PackageError("untrusted", _("The package is signed with a key this office "
                                              "does not trust; compare the sender's fingerprint "
                                              "by phone, then run “tdkt keys trust”."))
        try:
            trusted.key.verify(signature, raw)
        except InvalidSignature as exc:
            raise _refuse("signature") from exc
        manifest = mf.check_manifest(manifest)
        listed = [m["path"] for m in manifest["members"]]
        if len(set(listed)) != len(listed):
            raise _refuse("duplicate")
        present = set(entries) - {mf.MANIFEST, mf.SIGNATURE}
        if set(listed) - present:
            raise _refuse("missing")
        if present - set(listed):
            raise _refuse("extra")
        data: dict[str, bytes] = {}
        for item in manifest["members"]:
            info = entries[item["path"]]
            if info.file_size != item["size"]:
                raise _refuse("hash")
            blob = _read_member(z, info, item["size"])
            if len(blob) != item["size"] or hashlib.sha256(blob).hexdigest() != item["sha256"]:
                raise _refuse("hash")
            data[item["path"]] = blob
    records, blobs = _decode_members(data)
    return Package(path=path, sha256=sha256_file(path), manifest=manifest, sender=trusted,
                   records=records, blobs=blobs)


def _decode_members(
    data: dict[str, bytes],
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bytes]]:
    records: dict[str, list[dict[str, Any]]] = {}
    blobs: dict[str, bytes] = {}
    try:
        for path, blob in data.items():
            if not path.startswith("data/"):
                blobs[path] = blob
                continue
            name = path[len("data/"):-len(".json")] if path.endswith(".json") else ""
            if name not in rec.BY_NAME:
                raise rec.RecordError(path)
            doc = json.loads(blob)
            if not isinstance(doc, dict) or doc.get("table") != name or not isinstance(
                    doc.get("records"), list):
                raise rec.RecordError(path)
            records[name] = [rec.decode_row(name, item) for item in doc["records"]]
        for att in records.get("attachment", []):
            found = blobs.get(f"attachments/{att['id']}")
            if found is None or len(found) != att["size"] or (
                    hashlib.sha256(found).hexdigest() != att["sha256"]):
                raise rec.RecordError("attachment")
    except (rec.RecordError, ValueError) as exc:
        raise _refuse("records") from exc
    return records, blobs
