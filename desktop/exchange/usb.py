"""Writing a file to a USB stick so that a pulled stick never leaves a half file behind.

Checks first (folder exists and is writable, free space, FAT32's 4 GiB limit), then writes to a
temporary name in the target folder, flushes and fsyncs, reads the copy back and compares its
SHA-256, and only then renames it to the final name. On any failure nothing is left under the
final name or the temporary name, and the user gets one sentence saying what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _

FAT32_LIMIT = 4 * 1024**3 - 1  # the largest file FAT32 can hold
CHUNK = 1024 * 1024
MARGIN = 1024 * 1024  # keep a little room for the file system's own bookkeeping


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fp:
        while chunk := fp.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_back(path: Path) -> str:
    return sha256_file(path)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_target(target: Path, size: int) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise UserError(_("The folder “{folder}” does not exist; plug in the USB stick or "
                          "choose another folder.").format(folder=folder))
    if not os.access(folder, os.W_OK):
        raise UserError(_("The folder “{folder}” cannot be written to; unlock the USB stick or "
                          "choose another folder.").format(folder=folder))
    if size > FAT32_LIMIT:
        raise UserError(_("The package is larger than 4 GB, which a USB stick in FAT32 cannot "
                          "hold; send the round in parts."))
    free = shutil.disk_usage(folder).free
    if free < size + MARGIN:
        raise UserError(_("The USB stick is full: the package needs {need} MB and only {free} MB "
                          "are free; free some space or use another stick.").format(
            need=(size + MARGIN) // 2**20 + 1, free=free // 2**20))


def safe_copy(source: Path, target: Path) -> str:
    """Copy `source` to `target` safely; returns the SHA-256 of the written file."""
    size = source.stat().st_size
    check_target(target, size)
    expected = sha256_file(source)
    tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.partial"
    try:
        with source.open("rb") as src, tmp.open("xb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)
            dst.flush()
            os.fsync(dst.fileno())
        if _read_back(tmp) != expected:
            raise UserError(_("The copy on the USB stick is damaged; the stick may be failing, "
                              "try another one."))
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except UserError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        if not target.parent.is_dir():
            raise UserError(_("The USB stick was removed during the copy; plug it in again and "
                              "repeat the export.")) from exc
        raise UserError(_("Writing to “{folder}” failed ({reason}); check the USB stick and "
                          "repeat the export.").format(folder=target.parent,
                                                       reason=exc.strerror or exc)) from exc
    return expected


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
