"""The Vietnamese catalogue is complete, current, and keeps every placeholder."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from desktop.i18n import _, setup_i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "i18n" / "vi" / "LC_MESSAGES" / "desktop.po"
FIELD = re.compile(r"\{[^{}]*\}")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def _catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as fp:
        return read_po(fp, locale="vi")


def test_every_message_in_the_source_is_translated() -> None:
    catalog = _catalog()
    source = {
        (msg[2] if isinstance(msg[2], str) else msg[2][0])
        for msg in extract_from_dir(
            str(ROOT / "desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    untranslated = sorted(m for m in source if not (catalog.get(m) and catalog.get(m).string))
    assert untranslated == [], "run pybabel extract/update and translate: " + repr(untranslated)


def test_placeholders_match() -> None:
    for message in _catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(FIELD.findall(ids[0]))
        for text in strings:
            if text:  # untranslated entries are the completeness test's business
                assert sorted(FIELD.findall(text)) == expected, message.id


def test_catalogue_compiles_without_errors() -> None:
    problems = [(message.id, [str(e) for e in errors]) for message, errors in _catalog().check()]
    assert problems == []


def test_vietnamese_is_default_and_english_available() -> None:
    setup_i18n(None)
    assert _("Invalid command: {detail}; type “tdkt --help” to see how to use it.").startswith(
        "Lệnh không hợp lệ")
    setup_i18n("en")
    assert _("People") == "People"
    setup_i18n("vi")
    assert _("People") == "Cá nhân"
    assert _("") == ""
