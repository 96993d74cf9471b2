"""Receipts (biên nhận): what a receiver got, signed by the receiver, sent back on the same stick.

A receipt carries no records, only its manifest: `acknowledges` names the package received and
its SHA-256, `subject` says when, by whom and what it changed. It holds no personal data, so it
is never encrypted.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.exchange.package import Contents

RECEIPT = "bien-nhan"


def receipt_path(package_path: Path) -> Path:
    """`tdkt_X_0003.tdkt[.age]` → `tdkt_X_0003_bien-nhan.tdkt`, in the same folder."""
    name = package_path.name
    for suffix in (".tdkt.age", ".tdkt"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return package_path.with_name(f"{name}_{RECEIPT}.tdkt")


def receipt_contents(manifest: dict[str, Any], sha256: str, *, received_at: datetime,
                     received_by: str, office_name: str, counts: dict[str, int]) -> Contents:
    subject = manifest["subject"]
    return Contents(
        kind=RECEIPT,
        subject={
            "package_id": manifest["package_id"], "kind": manifest["kind"],
            "sequence": manifest["sequence"], "sha256": sha256,
            "received_at": received_at.isoformat(timespec="seconds"),
            "received_by": received_by, "office_name": office_name,
            "round_id": subject.get("round_id"), "round_name": subject.get("round_name", ""),
            "nominations": subject.get("nominations", 0), "counts": counts,
        },
        records={},
        acknowledges={"package_id": manifest["package_id"], "sha256": sha256},
    )
