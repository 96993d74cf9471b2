"""Qt's side of the language: default locale, Qt's own translations, the application font."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.i18n import current_language
from desktop.paths import resource

UI_FONTS = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")


def apply_language(app: QApplication) -> None:
    lang = current_language()
    QLocale.setDefault(QLocale("vi_VN" if lang == "vi" else "en_US"))
    if lang != "en":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)


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
