"""`tdkt --smoke-test`: prove that an installed or frozen copy of the program works.

In a temporary data folder it creates a database, renders a Vietnamese PDF with the shipped font,
formats a date and an amount in Vietnamese, opens and closes the main window off screen (or on the
platform QT_QPA_PLATFORM names), then shows each of its views once on a small demo office, so that
a Qt module or plugin left out of a frozen copy is found here and not by an officer.
It prints one line per step and exits 0 only if every step passed; the user's data is untouched.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop import __version__, paths

PHRASE = "Quốc hiệu: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc"


def _database(folder: Path) -> str:
    from desktop.core.service import Services
    from desktop.store.database import open_database

    db = open_database(folder / "smoke.sqlite3")
    try:
        Services(db).catalogue.sync()
        version = db.engine.dialect.server_version_info
    finally:
        db.close()
    return "SQLite " + ".".join(str(part) for part in version or ())


def _pdf(folder: Path) -> str:
    from reportlab.pdfgen.canvas import Canvas

    from desktop.documents.fonts import register_fonts

    family = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True)
    canvas.setFont(family, 13)
    canvas.drawString(72, 760, PHRASE)
    canvas.save()
    data = buffer.getvalue()
    if b"/FontFile2" not in data:
        raise RuntimeError("the PDF font is not embedded")
    (folder / "smoke.pdf").write_bytes(data)
    from desktop.gui.pdf_pages import render  # the preview's and the printer's way (PDFium)

    page = render(data, 36)[0]  # A4 at half scale: the line sits about 34-44 pixel rows down
    inked = sum(page.pixelColor(x, y).lightness() < 128
                for y in range(30, 48) for x in range(page.width()))
    if inked < 40:
        raise RuntimeError("the PDF page was drawn without its text")
    return f"{len(data)} bytes, font embedded, page drawn ({inked} dark pixels)"


def _formats(_folder: Path) -> str:
    from desktop.core.text import format_date_vn, format_money, money_in_words

    day, amount = format_date_vn(date(2023, 2, 9)), format_money(2_340_000)
    words = money_in_words(2_340_000)
    expected = ("ngày 09 tháng 02 năm 2023", "2.340.000 đồng")
    if (day, amount) != expected or not words.startswith("Hai triệu ba trăm bốn mươi nghìn"):
        raise RuntimeError(f"Vietnamese formatting is wrong: {day} | {amount} | {words}")
    return f"{day} | {amount}"


def _window(folder: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # xcb or windows: that plugin's turn
    from desktop.gui.app import application, run_gui

    code = run_gui(folder / "smoke.sqlite3", offscreen=True, crash_dialog=False)
    if code != 0:
        raise RuntimeError(f"the window did not open (code {code})")
    return f"opened and closed ({application().platformName()})"


def _views(folder: Path) -> str:
    from desktop.core.demo import build_demo
    from desktop.core.service import Services
    from desktop.gui.app import application
    from desktop.gui.main_window import MainWindow
    from desktop.store.database import open_database

    target = folder / "demo.sqlite3"
    build_demo(target, size=20)
    app = application()
    db = open_database(target)
    try:
        window = MainWindow(Services(db))
        window.show()
        for row, (title, view) in enumerate(window.views):
            window.show_view(row)
            deadline = time.monotonic() + 60
            busy = getattr(view, "busy", lambda: False)  # the documents preview renders off-thread
            app.processEvents()
            while busy():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the view {title!r} is still busy after 60 s")
                time.sleep(0.02)
                app.processEvents()
            if window.stack.currentWidget() is not view or not view.isVisible():
                raise RuntimeError(f"the view {title!r} did not show")
        window.close()
        app.processEvents()
    finally:
        db.close()
    return f"{len(window.views)} shown on a demo office"


STEPS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("database", _database), ("pdf", _pdf), ("formats", _formats), ("window", _window),
    ("views", _views))


def run_smoke_test(out: Callable[[str], None] | None = None) -> int:
    write = out or (lambda line: print(line, file=sys.stdout, flush=True))  # noqa: T201
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    write(f"TĐKT {__version__} smoke test ({frozen}, {sys.platform})")
    previous = paths.home()
    with tempfile.TemporaryDirectory(prefix="tdkt-smoke-") as tmp:
        folder = Path(tmp)
        paths.set_home(folder / "home")
        try:
            for name, step in STEPS:
                started = time.perf_counter()
                try:
                    detail = step(folder)
                except Exception as exc:  # noqa: BLE001 - every failure is reported, then exit 1
                    write(f"FAIL {name}: {exc}")
                    return 1
                write(f"ok   {name}: {detail} ({time.perf_counter() - started:.2f} s)")
        finally:
            paths.set_home(previous)
    write("SMOKE OK")
    return 0
