"""TĐKT desktop: emulation and commendation (thi đua – khen thưởng) for local offices.

Sub-packages and what they may import:
    core       domain rules, services, Vietnamese text; uses store and i18n, never Qt
    store      SQLAlchemy models, database opening, migrations, backup, audit; uses i18n only
    documents  ReportLab documents (NĐ 30/2020); uses core, never Qt
    exchange   hand-up packages and file import/export; uses core, never Qt
    gui        the only package that imports PySide6
"""

__version__ = "0.1.0"
APP_NAME = "TĐKT"
APP_ID = "tdkt-desktop"
