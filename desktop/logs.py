"""Rotating log file, fault handler, and a crash handler that cannot itself crash."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from desktop import __version__, paths

log = logging.getLogger("tdkt")
_fault_file: IO[str] | None = None
_log_dir: Path | None = None


def setup_logging(log_dir: Path, *, verbose: bool = False) -> Path:
    """Log to `tdkt.log` (rotated daily, 14 kept) and hard crashes to `faults.log`."""
    global _fault_file, _log_dir
    _log_dir = log_dir
    log_file = log_dir / "tdkt.log"
    root = logging.getLogger()
    if not any(getattr(h, "_tdkt", False) for h in root.handlers):
        handler = logging.handlers.TimedRotatingFileHandler(
            log_file, when="midnight", backupCount=14, encoding="utf-8", delay=True
        )
        handler._tdkt = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if _fault_file is None:
        try:
            _fault_file = (log_dir / "faults.log").open("a", encoding="utf-8")
            faulthandler.enable(file=_fault_file)
        except OSError:
            faulthandler.enable()
    log.info("TĐKT %s starting (%s)", __version__, sys.platform)
    return log_file


def write_crash_report(exc: BaseException) -> Path | None:
    """Write the traceback to a crash file; returns its path, or None if even that failed."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        log.critical("Unexpected error\n%s", text)
        folder = _log_dir or paths.log_dir()  # never the current folder: it may be the program's
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(f"TĐKT {__version__}\n{text}", encoding="utf-8")
        return path
    except Exception:  # noqa: BLE001 - the crash handler must never raise
        return None


def install_excepthook(show: Callable[[str, Path | None], None]) -> None:
    """Route uncaught exceptions to a crash report and `show(traceback_text, crash_file)`."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        path = write_crash_report(exc)
        text = "".join(traceback.format_exception(kind, exc, tb))
        try:
            show(text, path)
        except Exception:  # noqa: BLE001
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
