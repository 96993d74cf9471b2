"""Spreadsheet interop: import units, people and award history from .xlsx, export any list.

Old sheets typed with TCVN3 (ABC) or VNI fonts are converted to Unicode on the way in.
May import desktop.core, desktop.store, desktop.documents (read helpers) and desktop.i18n; no Qt.
"""
