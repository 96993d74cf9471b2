"""Where a database file lives (local disk, removable stick, network share), and a working copy.

A stick is pulled without warning and a share drops: SQLite must not write there live. The
program then works on a copy on the local disk and writes it back when it closes — written to a
temporary name next to the original, flushed, checked, then renamed over it, so the original is
either the old file or the new one, never half of each. A marker remembers an unsaved copy so
that the next start can still write it back.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop import paths
from desktop.errors import UserError
from desktop.i18n import _

NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p",
                        "afs", "davfs", "fuse.davfs", "fuse.rclone", "ncpfs"})


class Media(StrEnum):
    LOCAL = "local"
    REMOVABLE = "removable"
    NETWORK = "network"


@dataclass(frozen=True)
class Mount:
    point: Path
    device: str
    fstype: str


def _mounts(table: str) -> list[Mount]:
    mounts = []
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].replace("\\040", " ")
            mounts.append(Mount(Path(point), fields[0], fields[2]))
    return mounts


def _removable_block(device: str, sys_block: Path) -> bool:
    """Whether /dev/sdb1 (or its disk sdb) is marked removable by the kernel."""
    name = Path(device).name
    for candidate in (name, name.rstrip("0123456789"), name.rstrip("0123456789").rstrip("p")):
        flag = sys_block / candidate / "removable"
        if flag.exists():
            return flag.read_text().strip() == "1"
    return False


def classify_linux(path: Path, mount_table: str, sys_block: Path = Path("/sys/block")) -> Media:
    """The media of `path`, from the text of /proc/mounts and the kernel's removable flags."""
    resolved = path.resolve()
    best: Mount | None = None
    for mount in _mounts(mount_table):
        inside = resolved == mount.point or mount.point in resolved.parents
        if inside and (best is None or len(mount.point.parts) > len(best.point.parts)):
            best = mount
    if best is None:
        return Media.LOCAL
    if best.fstype in NETWORK_FS or best.device.startswith("//"):
        return Media.NETWORK
    if best.device.startswith("/dev/") and _removable_block(best.device, sys_block):
        return Media.REMOVABLE
    return Media.LOCAL


def _classify_windows(path: Path) -> Media:
    import ctypes

    text = str(path.resolve())
    if text.startswith("\\\\"):
        return Media.NETWORK
    kind = ctypes.windll.kernel32.GetDriveTypeW(text[:3])  # type: ignore[attr-defined]
    return {2: Media.REMOVABLE, 4: Media.NETWORK}.get(kind, Media.LOCAL)


def media_of(path: Path) -> Media:
    try:
        if sys.platform == "win32":
            return _classify_windows(path)
        if sys.platform.startswith("linux"):
            return classify_linux(path, Path("/proc/mounts").read_text(encoding="utf-8"))
    except OSError:
        pass
    return Media.LOCAL


# --- the working copy ------------------------------------------------------------------------


def _marker_dir() -> Path:
    folder = paths.data_dir() / "working-copies"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class WorkingCopy:
    original: Path
    copy: Path
    marker: Path

    def write_back(self) -> None:
        """Put the copy's content in place of the original, atomically; keep the copy on failure."""
        from desktop.store.database import sqlite_backup  # SQLAlchemy: not on the GUI thread

        try:
            if not self.original.parent.is_dir():  # pulled out: never recreate its folder here
                raise FileNotFoundError(self.original.parent)
            sqlite_backup(self.copy, self.original)
        except (OSError, sqlite3.Error):
            raise UserError(_(
                "The database could not be written back to {original} (the stick or the network "
                "folder is not reachable); your work is safe in {copy}: plug the stick in again "
                "and open the program to write it back.").format(
                    original=self.original, copy=self.copy)) from None
        self.marker.unlink(missing_ok=True)
        self.copy.unlink(missing_ok=True)


def open_working_copy(original: Path) -> WorkingCopy:
    """Copy the database at `original` to the local disk and remember to write it back."""
    from desktop.store.database import sqlite_backup
    folder = _marker_dir()
    key = hashlib.sha256(str(original.resolve()).encode("utf-8")).hexdigest()[:16]
    copy = folder / f"{key}-{original.name}"
    marker = folder / f"{key}.json"
    if marker.exists() and copy.exists():  # an earlier session ended before writing back
        return WorkingCopy(original, copy, marker)
    try:
        sqlite_backup(original, copy)
    except (OSError, sqlite3.Error):
        copy.unlink(missing_ok=True)
        raise UserError(_("The database on {original} cannot be read; check the stick or the "
                          "network folder and try again.").format(original=original)) from None
    marker.write_text(json.dumps({"original": str(original.resolve()), "copy": str(copy)}),
                      encoding="utf-8")
    return WorkingCopy(original, copy, marker)


def pending_copies() -> list[WorkingCopy]:
    """Working copies of earlier sessions that were not written back yet."""
    found = []
    for marker in sorted(_marker_dir().glob("*.json")):
        try:
            data = json.loads(marker.read_text(encoding="utf-8"))
            found.append(WorkingCopy(Path(data["original"]), Path(data["copy"]), marker))
        except (OSError, ValueError, KeyError):
            continue
    return found
