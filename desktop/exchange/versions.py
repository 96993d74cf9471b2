"""Record versions sent to a recipient, so a later package can carry only what changed.

A version is a short digest of a record as it travels (every column, timestamps included). After
each export the sender notes the versions of *every* record of the round it would have sent, so
the note of the last package a recipient acknowledged describes exactly what that recipient holds.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from desktop.exchange.package import Contents

Versions = dict[str, dict[str, str]]  # table → record id → digest


def digest(row: dict[str, Any]) -> str:
    raw = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def versions_of(contents: Contents) -> Versions:
    return {table: {str(row["id"]): digest(row) for row in rows}
            for table, rows in contents.records.items()}


def only_changed(contents: Contents, base: Versions) -> Contents:
    """The records of `contents` that are new or differ from `base`; attachment files follow."""
    records: dict[str, list[dict[str, Any]]] = {}
    for table, rows in contents.records.items():
        known = base.get(table, {})
        kept = [row for row in rows if known.get(str(row["id"])) != digest(row)]
        if kept:
            records[table] = kept
    attachments = {f"attachments/{row['id']}" for row in records.get("attachment", [])}
    blobs = {path: data for path, data in contents.blobs.items()
             if not path.startswith("attachments/") or path in attachments}
    return Contents(kind=contents.kind, subject=dict(contents.subject), records=records,
                    blobs=blobs, acknowledges=contents.acknowledges)
