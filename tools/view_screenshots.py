"""The main window at 1100×700 on each of its eleven views, with a fresh demo database.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/view_screenshots.py

Writes docs/screenshots/<view>.png (and main-window.png, the window on its first view).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
NAMES = ("office_settings", "units", "people_list", "movements", "scoring", "rounds", "council",
         "decisions", "documents", "exchange", "statistics")


def main() -> None:
    from desktop import paths
    from desktop.core.demo import build_demo
    from desktop.core.service import Services
    from desktop.gui.app import application
    from desktop.gui.main_window import MainWindow
    from desktop.i18n import setup_i18n
    from desktop.store.database import open_database

    folder = Path(tempfile.mkdtemp(prefix="tdkt-shots-"))
    paths.set_home(folder / "home")
    setup_i18n("vi")
    target = folder / "demo.sqlite3"
    build_demo(target)
    app = application()
    db = open_database(target)
    window = MainWindow(Services(db))
    window.resize(1100, 700)
    window.show()
    for row, name in enumerate(NAMES):
        window.show_view(row)
        view = window.views[row][1]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the documents view renders its preview off-thread
            app.processEvents()
            busy = getattr(view, "busy", None)
            if not (busy and busy()):
                break
            time.sleep(0.05)
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)
        image = window.grab()
        image.save(str(OUT / f"{name}.png"))
        if row == 0:
            image.save(str(OUT / "main-window.png"))
        print(name, image.width(), image.height())
    window.close()
    db.close()


if __name__ == "__main__":
    main()
