"""Translation and locale formatting, free of Qt.

English is the source language (the msgids); Vietnamese is the default. Import the functions
explicitly (`from desktop.i18n import _`); nothing is installed into builtins. A language change
takes effect on the next start.
"""

from __future__ import annotations

import gettext
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.support import NullTranslations, Translations

from desktop.paths import locale_dir

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
DOMAIN = "desktop"
_SOURCE_CATALOGUES = Path(__file__).resolve().parent.parent / "i18n"

_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations | None = None


def _load(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return NullTranslations()
    mo = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.exists():
        with mo.open("rb") as fp:
            return Translations(fp, domain=DOMAIN)
    po = _SOURCE_CATALOGUES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():  # running from a source tree whose catalogues were not compiled yet
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=True)
        buf.seek(0)
        return Translations(buf, domain=DOMAIN)
    return NullTranslations()


def setup_i18n(lang: str | None = None) -> str:
    """Choose the language for this run; unknown values fall back to Vietnamese."""
    global _language, _translations
    _language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _translations = _load(_language)
    return _language


def current_language() -> str:
    return _language


def babel_locale() -> str:
    return "vi_VN" if _language == "vi" else "en_US"


def _t() -> gettext.NullTranslations:
    if _translations is None:
        setup_i18n(_language)
    assert _translations is not None
    return _translations


def _(message: str) -> str:
    if not message:
        return ""
    return _t().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _t().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _t().pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction; translate it later with `_()` when it is shown."""
    return message


def format_decimal(value: int | float | Decimal) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale())


def format_currency(amount: int | Decimal) -> str:
    return babel_numbers.format_currency(amount, "VND", locale=babel_locale())


def format_date(value: date) -> str:
    """dd/MM/yyyy, the form officers read and type everywhere in the program."""
    return babel_dates.format_date(value, "dd/MM/yyyy", locale=babel_locale())
