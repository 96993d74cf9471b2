"""Sizes of the program folder and the installer (standard library only).

    python3 installer/bundle_size.py dist/tdkt-X.Y.Z      the 40 largest files and folders

`dev.py installer` prints the sizes and the slow tests in tests/installer hold them to the limits.
A symbolic link counts nothing: a Windows bundle has none (on Linux, PyInstaller links a few
libraries to a second place).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

MB = 1_000_000
BUNDLE_LIMIT = 200 * MB
INSTALLER_LIMIT = 60 * MB


def files_of(folder: Path) -> dict[Path, int]:
    """Every regular file under `folder` with its size in bytes."""
    return {f: f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()}


def folder_size(folder: Path) -> int:
    return sum(files_of(folder).values())


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


def report(folder: Path, top: int = 40) -> list[str]:
    """The largest files, then the largest folders two levels down, with the total."""
    files = files_of(folder)
    folders: Counter[str] = Counter()
    for path, size in files.items():
        parts = path.relative_to(folder).parts[:-1]
        for depth in range(1, min(len(parts), 3) + 1):
            folders["/".join(parts[:depth]) + "/"] += size
    lines = [f"{folder}: {megabytes(sum(files.values()))} in {len(files)} files", "", "files:"]
    lines += [f"{megabytes(size):>10}  {path.relative_to(folder)}"
              for path, size in sorted(files.items(), key=lambda item: -item[1])[:top]]
    lines += ["", "folders:"]
    lines += [f"{megabytes(size):>10}  {name}" for name, size in folders.most_common(top)]
    return lines


if __name__ == "__main__":
    print("\n".join(report(Path(sys.argv[1]))))  # noqa: T201
