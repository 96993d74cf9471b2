"""Qt's side of the language: default locale, Qt's own translations, the application font.

Qt ships no Vietnamese catalogue (there is no qtbase_vi.qm), so the strings of Qt's own buttons,
message boxes, wizards and edit menus that the program shows are msgids of our catalogue,
answered by `QtStrings`. A qtbase_<lang>.qm that Qt does ship is loaded as well.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.i18n import N_, _, current_language
from desktop.paths import resource

UI_FONTS = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")

# Qt's own source strings (QPlatformTheme buttons, QMessageBox, QWizard, QLineEdit's menu,
# QFileDialog), whatever the context they are asked in.
QT_STRINGS = frozenset({
    N_("OK"), N_("Cancel"), N_("Close"), N_("&Yes"), N_("&No"), N_("Yes to &All"),
    N_("N&o to All"), N_("Save"), N_("Save All"), N_("Open"), N_("Apply"), N_("Discard"),
    N_("Help"), N_("Reset"), N_("Restore Defaults"), N_("Abort"), N_("Retry"), N_("Ignore"),
    N_("Show Details..."), N_("Hide Details..."),
    N_("< &Back"), N_("&Next >"), N_("&Finish"), N_("Commit"), N_("Done"),
    N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
    N_("Select All"),
    N_("Look in:"), N_("File name:"), N_("Files of type:"), N_("&Open"), N_("&Save"),
    N_("&Choose"), N_("Save As"), N_("All Files (*)"), N_("New Folder"),
})


class QtStrings(QTranslator):
    """Qt's own strings, from our catalogue."""

    # PySide6 6.12.0 drops a reference to None on each call without disambiguation; on Python
    # 3.11 (None is not immortal) the program then aborts at exit. `probe()` finds out.
    lends_none = False

    def translate(self, context: str, source: str, disambiguation: Any = None,
                  n: int = -1) -> str:
        if disambiguation is None and self.lends_none:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
        return _(source) if source in QT_STRINGS else ""

    def isEmpty(self) -> bool:
        return False

    def probe(self) -> None:
        if sys.version_info >= (3, 12):
            return
        before = sys.getrefcount(None)
        for _i in range(100):
            QCoreApplication.translate("QtStrings", "probe")
        self.lends_none = before - sys.getrefcount(None) >= 100


def apply_language(app: QApplication) -> None:
    lang = current_language()
    QLocale.setDefault(QLocale("vi_VN" if lang == "vi" else "en_US"))
    if lang != "en":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)
        strings = QtStrings(app)
        app.installTranslator(strings)
        strings.probe()


def apply_font(app: QApplication, point_size: int = 10) -> str:
    """Use the shipped font, so Vietnamese renders the same on every machine."""
    family = ""
    for name in UI_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        app.setFont(QFont(family, point_size))
    return family
