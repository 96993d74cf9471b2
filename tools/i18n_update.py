"""Refresh the message catalogues: extract, update, and fill translations from i18n/pending/.

Run through ``python3 dev.py i18n`` (``--prune`` also drops messages no longer in the source).
Each contributor writes the Vietnamese for new messages in ``i18n/pending/<any name>.json`` as
``{"English msgid": "bản dịch"}``; this merges every such file into
``i18n/vi/LC_MESSAGES/desktop.po``, deletes the merged files, and lists what is still
untranslated. A lock file keeps two runs from overwriting each other.
"""

from __future__ import annotations

import fcntl
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "i18n" / "desktop.pot"
PO = ROOT / "i18n" / "vi" / "LC_MESSAGES" / "desktop.po"
PENDING = ROOT / "i18n" / "pending"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract() -> Catalog:
    template = Catalog(project="tdkt-desktop", version="0.1.0")
    for _file, _line, message, comments, context in extract_from_dir(
        str(ROOT / "desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS,
    ):
        template.add(message, context=context, auto_comments=comments)
    return template


def main() -> int:
    PENDING.mkdir(exist_ok=True)
    with (PENDING / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        template = extract()
        with POT.open("wb") as fp:
            write_po(fp, template, width=100, no_location=True, omit_header=False)
        with PO.open("rb") as fp:
            catalog = read_po(fp, locale="vi")
        if "--prune" in sys.argv:  # only when nobody else has work in progress
            catalog.update(template, no_fuzzy_matching=True)
        else:  # add new messages, keep the rest: other work in the tree may still use them
            for message in template:
                if message.id and message.id not in catalog:
                    catalog.add(message.id, context=message.context, flags=message.flags)
        merged = []
        for path in sorted(PENDING.glob("*.json")):
            for msgid, msgstr in json.loads(path.read_text(encoding="utf-8")).items():
                message = catalog.get(msgid)
                if message is not None and msgstr:
                    message.string = msgstr
            merged.append(path)
        with PO.open("wb") as fp:
            write_po(fp, catalog, width=100, no_location=True, ignore_obsolete=True)
        for path in merged:
            path.unlink()
    missing = [m.id for m in catalog if m.id and not m.string]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(catalog) - 1} messages, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
