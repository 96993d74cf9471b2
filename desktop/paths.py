"""Where the program keeps its files.

Order of precedence for the data home: `--data-dir` (set via `set_home`), the `TDKT_HOME`
environment variable, a portable `data/` folder or `portable.txt` next to a frozen executable,
then the per-user directories from platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from desktop import APP_ID

_home_override: Path | None = None


def set_home(path: str | os.PathLike[str] | None) -> None:
    """Put every file of the program under `path` (tests, portable runs, support)."""
    global _home_override
    _home_override = Path(path).resolve() if path else None


def _portable_home() -> Path | None:
    if not getattr(sys, "frozen", False):
        return None
    exe_dir = Path(sys.executable).resolve().parent
    if (exe_dir / "portable.txt").exists() or (exe_dir / "data").is_dir():
        return exe_dir / "data"
    return None


def home() -> Path | None:
    """The single overriding folder, if any."""
    if _home_override is not None:
        return _home_override
    env = os.environ.get("TDKT_HOME")
    if env:
        return Path(env).resolve()
    return _portable_home()


def _dirs() -> PlatformDirs:
    return PlatformDirs(appname=APP_ID, appauthor=False)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    base = home()
    return _ensure(base if base else _dirs().user_data_path)


def config_dir() -> Path:
    base = home()
    return _ensure(base / "config" if base else _dirs().user_config_path)


def log_dir() -> Path:
    base = home()
    return _ensure(base / "logs" if base else _dirs().user_log_path)


def backup_dir() -> Path:
    return _ensure(data_dir() / "backups")


def default_database() -> Path:
    return data_dir() / "tdkt.sqlite3"


def resource_dir() -> Path:
    """`resources/` of the source tree, or of the frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def locale_dir() -> Path:
    return Path(__file__).resolve().parent / "locale"
