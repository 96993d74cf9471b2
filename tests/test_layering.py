"""Qt stays inside desktop.gui: importing the rest must not load PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import importlib, pkgutil, sys
import desktop
for name in ("desktop.core", "desktop.store", "desktop.documents", "desktop.exchange",
             "desktop.interop"):
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        if ".migrations" in info.name:
            continue
        importlib.import_module(info.name)
import desktop.cli, desktop.i18n, desktop.paths, desktop.logs
leaks = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "desktop.gui")))
print("LEAKS:" + ",".join(leaks))
"""


def test_no_qt_outside_gui() -> None:
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "LEAKS:", out


def test_no_qt_import_statement_outside_gui() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "desktop").rglob("*.py")
        if "gui" not in p.relative_to(ROOT / "desktop").parts[:1]
        and ("import PySide6" in p.read_text(encoding="utf-8")
             or "from PySide6" in p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
