"""The manifest of a package (format 1, see docs/package-format.md) and its checks."""

from __future__ import annotations

import re
from typing import Any

from desktop.errors import UserError
from desktop.i18n import _

FORMAT = 1
KINDS = ("ho-so-de-nghi", "bien-nhan", "tra-lai", "quyet-dinh", "danh-muc")
MANIFEST = "manifest.json"
SIGNATURE = "signature"
SUFFIX = ".tdkt"
AGE_SUFFIX = ".tdkt.age"

# Limits a reader enforces before it trusts anything (zip bombs, absurd packages).
MAX_MEMBERS = 100_000
MAX_MEMBER_SIZE = 512 * 1024**2
MAX_TOTAL_SIZE = 4 * 1024**3
MAX_MANIFEST_SIZE = 64 * 1024**2
MAX_RATIO = 200  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1024**2

# Member paths: a known folder, then plain ASCII name parts. This refuses `..`, absolute paths,
# drive letters, backslashes and anything a file system could read differently.
_PART = r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}"
MEMBER_PATH = re.compile(rf"(data|documents|attachments)(/{_PART}){{1,3}}")


class PackageError(UserError):
    """A package refused; `code` names the reason for tests and logs."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_member_path(name: str) -> None:
    if not MEMBER_PATH.fullmatch(name) or any(p in (".", "..") for p in name.split("/")):
        raise PackageError("path", _("The package contains a file with a forbidden name "
                                     "(“{name}”); it was not made by TĐKT and was refused.")
                           .format(name=name[:80]))


def _bad(what: str) -> PackageError:
    return PackageError("manifest", _("The package description is malformed ({what}); ask the "
                                      "sender for a new package.").format(what=what))


def _field(obj: dict[str, Any], key: str, kind: type | tuple[type, ...],
           optional: bool = False) -> Any:
    value = obj.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        raise _bad(key)
    return value


def check_manifest(manifest: Any) -> dict[str, Any]:
    """Check the shape of a decoded manifest; returns it."""
    if not isinstance(manifest, dict):
        raise _bad("manifest")
    fmt = manifest.get("format")
    if fmt != FORMAT:
        raise PackageError("format", _("The package uses format {fmt}, which this version does "
                                       "not know; update the program.").format(fmt=fmt))
    _field(manifest, "package_id", str)
    if _field(manifest, "kind", str) not in KINDS:
        raise _bad("kind")
    _field(manifest, "created_at", str)
    _field(manifest, "app_version", str)
    _field(manifest, "schema_version", str)
    seq = _field(manifest, "sequence", int)
    if seq < 1:
        raise _bad("sequence")
    sender = _field(manifest, "sender", dict)
    for key in ("office_id", "office_name", "key_fingerprint"):
        _field(sender, key, str)
    recipient = _field(manifest, "recipient", dict)
    _field(recipient, "name", str)
    _field(recipient, "key_fingerprint", str, optional=True)
    _field(manifest, "subject", dict)
    _field(manifest, "acknowledges", dict, optional=True)
    members = _field(manifest, "members", list)
    for item in members:
        if not isinstance(item, dict):
            raise _bad("members")
        check_member_path(_field(item, "path", str))
        if _field(item, "size", int) < 0:
            raise _bad("size")
        sha = _field(item, "sha256", str)
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise _bad("sha256")
    return manifest
