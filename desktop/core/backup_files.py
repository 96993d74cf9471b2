"""The backup files of a folder: what kind each is (read from its name), when it was made, its
size; and the names and rotation of the automatic ones.

An automatic backup is named `{database}-{tag}-{stamp}.sqlite3`; the tag says why it was made.
A file without a known tag was made by hand («Back up now», `tdkt backup`) and is never removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.backup_rotation import to_keep
from desktop.i18n import N_

AUTOMATIC = "tu-dong"  # on exit and daily
BEFORE_IMPORT = "truoc-khi-nhap"
BEFORE_RESTORE = "truoc-khoi-phuc"
BEFORE_UPGRADE = "truoc-nang-cap"  # made by the store before a migration (not rotated)
BY_HAND = "thu-cong"
KIND_LABELS = {
    AUTOMATIC: N_("automatic"),
    BEFORE_IMPORT: N_("before an import"),
    BEFORE_RESTORE: N_("before a restore"),
    BEFORE_UPGRADE: N_("before an upgrade"),
    BY_HAND: N_("by hand"),
}
TAG_OF_REASON = {"exit": AUTOMATIC, "daily": AUTOMATIC, "import": BEFORE_IMPORT,
                 "restore": BEFORE_RESTORE}
RECENT_KEPT = 10  # besides the 7/4/12, the newest few made before an import or a restore
STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    size: int
    kind: str = BY_HAND  # a key of KIND_LABELS
    second: bool = False  # in the second backup folder (a stick, a network folder)


def kind_of(path: Path) -> str:
    for tag in (AUTOMATIC, BEFORE_IMPORT, BEFORE_RESTORE, BEFORE_UPGRADE):
        if f"-{tag}-" in path.stem:
            return tag
    return BY_HAND


def in_folder(folder: Path, *, second: bool = False) -> list[BackupFile]:
    """The backup files of `folder` (none when it cannot be read), newest first."""
    items = []
    try:
        found = list(folder.glob("*.sqlite3"))
    except OSError:  # a stick pulled while listing
        return []
    for path in found:
        try:
            stat = path.stat()
        except OSError:  # removed while listing
            continue
        items.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size,
                                kind_of(path), second))
    return sorted(items, key=lambda b: b.made_at, reverse=True)


def automatic_name(live: Path, tag: str, now: datetime) -> str:
    return f"{live.stem}-{tag}-{now:{STAMP}}.sqlite3"


def automatic_files(folder: Path, live: Path, tag: str) -> dict[datetime, Path]:
    """The automatic backups of `live` with `tag` in `folder`, by the time in their name."""
    found = {}
    for path in folder.glob(f"{live.stem}-{tag}-*.sqlite3"):
        try:
            found[datetime.strptime(path.stem.rsplit(f"-{tag}-", 1)[1], STAMP)] = path
        except ValueError:  # a file named by hand: not ours to remove
            continue
    return found


def rotate(folder: Path, live: Path, tag: str) -> None:
    """Remove the automatic backups with `tag` that the 7 daily, 4 weekly, 12 monthly rule (and,
    for those made before a step, the newest few) no longer keeps, and unfinished copies."""
    files = automatic_files(folder, live, tag)
    keep = to_keep(files)
    if tag != AUTOMATIC:
        keep |= set(sorted(files)[-RECENT_KEPT:])
    for made in set(files) - keep:
        files[made].unlink(missing_ok=True)
    for stale in folder.glob(f"{live.stem}-{tag}-*.sqlite3.part"):  # left by a killed program
        stale.unlink(missing_ok=True)
