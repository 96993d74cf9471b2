"""The exchange service: export a round as a package, import a checked package.

State kept in the database's `app_meta` table (so it is written in the same transaction as
the records, and travels with backups; no schema change needed):

- ``xout:<recipient fingerprint, 32 hex>`` → last sequence number sent to that recipient;
- ``xin:<sender office UUID>`` → last sequence number received from that sender;
- ``xpkg:<package UUID>`` → JSON note of a package received (hash, kind, sequence, when).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.service import Part
from desktop.errors import UserError
from desktop.exchange import keys as keymod
from desktop.exchange import package as pkg
from desktop.exchange import records as rec
from desktop.exchange import usb
from desktop.exchange.manifest import PackageError
from desktop.i18n import _
from desktop.store import models as m

CHUNK = 500


@dataclass
class TableChange:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0


@dataclass
class ImportSummary:
    package_id: str
    sender: str
    kind: str
    sequence: int
    nominations: int
    already: bool = False
    gap: int = 0  # packages missing between the last one received and this one
    tables: dict[str, TableChange] = field(default_factory=dict)

    def total(self, what: str) -> int:
        return sum(getattr(t, what) for t in self.tables.values())


@dataclass
class ExportResult:
    path: Path
    manifest: dict[str, Any]
    sha256: str
    size: int


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _meta_get(session: Session, key: str) -> str | None:
    row = session.get(m.Meta, key)
    return row.value if row else None


def _meta_set(session: Session, key: str, value: str) -> None:
    row = session.get(m.Meta, key)
    if row is None:
        session.add(m.Meta(key=key, value=value))
    else:
        row.value = value


def resolve_round(session: Session, ref: str) -> m.NominationRound:
    """A round by UUID, or by its 1-based number in order of creation."""
    rounds = list(session.scalars(select(m.NominationRound).order_by(
        m.NominationRound.created_at, m.NominationRound.id)))
    found: m.NominationRound | None = None
    if ref.isdigit() and 1 <= int(ref) <= len(rounds):
        found = rounds[int(ref) - 1]
    else:
        try:
            found = session.get(m.NominationRound, uuid.UUID(ref))
        except ValueError:
            found = None
    if found is None:
        raise UserError(_("There is no round “{ref}”; give its number (1 is the oldest) or its "
                          "UUID.").format(ref=ref))
    return found


def collect_round(session: Session, round_id: uuid.UUID) -> pkg.Contents:
    """Everything of a round, as JSON-ready records by table, plus attachment files."""
    found: dict[str, dict[uuid.UUID, dict[str, Any]]] = {n: {} for n in rec.BY_NAME}
    blobs: dict[str, bytes] = {}

    def fetch(name: str, where: Any) -> list[uuid.UUID]:
        t = rec.table(rec.BY_NAME[name])
        got = []
        for row in session.execute(select(t).where(where)).mappings():
            if row["id"] not in found[name]:
                data = rec.encode_row(name, row)
                if name == "attachment":
                    blobs[f"attachments/{row['id']}"] = row["content"]
                found[name][row["id"]] = data
                got.append(row["id"])
        return got

    def by_ids(name: str, column: str, ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        t = rec.table(rec.BY_NAME[name])
        out: list[uuid.UUID] = []
        for part in _chunks(list(ids)):
            out += fetch(name, t.c[column].in_(part))
        return out

    by_ids("nomination_round", "id", [round_id])
    noms = by_ids("nomination", "round_id", [round_id])
    by_ids("nomination_event", "nomination_id", noms)
    by_ids("attachment", "nomination_id", noms)
    meetings = by_ids("council_meeting", "round_id", [round_id])
    by_ids("council_member", "meeting_id", meetings)
    by_ids("ballot", "meeting_id", meetings)
    by_ids("recusal", "nomination_id", noms)
    decisions = by_ids("decision", "round_id", [round_id])
    by_ids("decision_line", "decision_id", decisions)
    subjects = {"person_id": set(), "unit_id": set(), "household_id": set()}  # type: dict[str, set[uuid.UUID]]
    for item in found["nomination"].values():
        for key in subjects:
            if item[key]:
                subjects[key].add(uuid.UUID(item[key]))
    awards = rec.table(m.AwardRecord)
    for key, ids in subjects.items():
        for part in _chunks(sorted(ids)):
            fetch("award_record", awards.c[key].in_(part))
    _follow(found, by_ids)
    records = {name: list(rows.values()) for name, rows in found.items() if rows}
    rnd = found["nomination_round"][round_id]
    subject = {"round_id": str(round_id), "round_name": rnd["name"], "year": rnd["year"],
               "nominations": len(found["nomination"])}
    return pkg.Contents(kind="ho-so-de-nghi", subject=subject, records=records, blobs=blobs)


def _follow(found: dict[str, dict[uuid.UUID, dict[str, Any]]], by_ids: Any) -> None:
    """Pull in referenced units, people, households, offices and movements; null the rest."""
    while True:
        wanted: dict[str, set[uuid.UUID]] = {}
        for name, rows in found.items():
            for col in rec.table(rec.BY_NAME[name]).columns:
                for fk in col.foreign_keys:
                    target = fk.column.table.name
                    if target not in rec.FOLLOWED:
                        continue
                    for row in rows.values():
                        ref = row.get(col.name)
                        if ref and uuid.UUID(ref) not in found[target]:
                            wanted.setdefault(target, set()).add(uuid.UUID(ref))
        if not wanted:
            break
        for target, ids in wanted.items():
            by_ids(target, "id", sorted(ids))
    for name, rows in found.items():
        for col in rec.table(rec.BY_NAME[name]).columns:
            for fk in col.foreign_keys:
                target = fk.column.table.name
                for key, row in list(rows.items()):
                    ref = row.get(col.name)
                    if ref and uuid.UUID(ref) not in found[target]:
                        if col.nullable:
                            row[col.name] = None
                        else:
                            del rows[key]


class ExchangeService(Part):
    # --- sending ---------------------------------------------------------------------------

    def export_round(self, round_ref: str, target: Path, *, office_keys: keymod.OfficeKeys,
                     recipient: keymod.TrustedKey, encrypt: bool = False) -> ExportResult:
        """Write the round's package to `target` (a folder or a file name), USB-safe."""
        from desktop.store.database import head_revision

        office = self.services.office.require_own()
        with self.services.reading() as session:
            rnd = resolve_round(session, round_ref)
            contents = collect_round(session, rnd.id)
            seq_key = f"xout:{recipient.fingerprint[:32]}"
            sequence = int(_meta_get(session, seq_key) or 0) + 1
        target = Path(target).expanduser()
        suffix = ".tdkt.age" if encrypt else ".tdkt"
        if target.is_dir():
            stamp = datetime.now().strftime("%Y%m%d")
            code = office.code or "donvi"
            target = target / f"tdkt_{code}_{rnd.year}_{stamp}_{sequence:04d}{suffix}"
        elif not target.name.endswith(suffix):
            target = target.with_name(target.name + suffix)
        sender = {"office_id": str(office.id), "office_name": office.name}
        to = {"name": recipient.name, "key_fingerprint": recipient.fingerprint}
        with _TempFiles() as tmp:
            plain = tmp.path("package.tdkt")
            manifest = pkg.build(contents, office_keys=office_keys, sender=sender, recipient=to,
                                 sequence=sequence, schema_version=head_revision(), out=plain)
            local = plain
            if encrypt:
                if not recipient.age_recipient:
                    raise UserError(_("The recipient's key file has no encryption key; ask for "
                                      "a new one made by “tdkt keys export”."))
                local = tmp.path("package.tdkt.age")
                pkg.encrypt(plain, local, recipient.age_recipient)
            sha = usb.safe_copy(local, target)
            size = local.stat().st_size
        with self._tx() as session:
            _meta_set(session, seq_key, str(sequence))
            self._audit(session, "exchange.export", entity="package",
                        entity_id=manifest["package_id"],
                        after={"path": str(target), "sha256": sha, "sequence": sequence,
                               "recipient": recipient.name, "round": str(rnd.id)},
                        summary=rnd.name)
        return ExportResult(target, manifest, sha, size)

    # --- receiving -------------------------------------------------------------------------

    def apply(self, package: pkg.Package, *, own_fingerprint: str | None,
              dry_run: bool = False) -> ImportSummary:
        """Apply a checked package in one transaction (or only report, with `dry_run`)."""
        man = package.manifest
        wanted = man["recipient"].get("key_fingerprint")
        if wanted and wanted != own_fingerprint:
            raise PackageError("recipient", _("The package is addressed to “{name}”, not to this "
                                              "office, and was refused.").format(
                name=man["recipient"]["name"]))
        sender = man["sender"]
        summary = ImportSummary(
            package_id=package.package_id, sender=sender["office_name"], kind=man["kind"],
            sequence=package.sequence, nominations=len(package.records.get("nomination", [])))
        try:
            return self._apply(package, summary, dry_run)
        except IntegrityError as exc:
            raise PackageError("conflict", _(
                "The package clashes with records already in this database (for example the "
                "same CCCD under another person); nothing was imported.")) from exc

    def _apply(self, package: pkg.Package, summary: ImportSummary,
               dry_run: bool) -> ImportSummary:
        man = package.manifest
        sender = man["sender"]
        with self._tx() as session:
            if _meta_get(session, f"xpkg:{package.package_id}") is not None:
                summary.already = True
                return summary
            seq_key = f"xin:{sender['office_id']}"
            last = int(_meta_get(session, seq_key) or 0)
            if package.sequence <= last:
                raise PackageError("sequence", _(
                    "This package is number {seq} from {sender}, but number {last} was already "
                    "received: it is a replay or came out of order and was refused.").format(
                    seq=package.sequence, sender=sender["office_name"], last=last))
            summary.gap = package.sequence - last - 1
            plans = {name: self._plan(session, name, rows, summary)
                     for name, rows in package.records.items()}
            if dry_run:
                return summary
            if session.get_bind().dialect.name == "sqlite":
                session.execute(text("PRAGMA defer_foreign_keys = ON"))
            for name in rec.BY_NAME:
                if name in plans:
                    self._write(session, name, plans[name], package)
            _meta_set(session, seq_key, str(package.sequence))
            _meta_set(session, f"xpkg:{package.package_id}", json.dumps({
                "sha256": package.sha256, "kind": man["kind"], "sequence": package.sequence,
                "sender": sender["office_id"], "received_at": datetime.now().isoformat(),
            }))
            self._audit(session, "exchange.import", entity="package",
                        entity_id=package.package_id,
                        after={"sha256": package.sha256, "sender": sender["office_name"],
                               "sequence": package.sequence, "new": summary.total("new"),
                               "changed": summary.total("changed"),
                               "conflicts": summary.total("conflicts")},
                        summary=str(man["subject"].get("round_name", man["kind"])))
        return summary

    def _plan(self, session: Session, name: str, rows: list[dict[str, Any]],
              summary: ImportSummary) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any],
                                                                                 dict[str, Any]]]]:
        t = rec.table(rec.BY_NAME[name])
        existing: dict[uuid.UUID, Any] = {}
        ids = [r["id"] for r in rows]
        for part in _chunks(ids):
            for found in session.execute(select(t).where(t.c.id.in_(part))).mappings():
                existing[found["id"]] = found
        change = summary.tables.setdefault(name, TableChange())
        new: list[dict[str, Any]] = []
        changed: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for row in rows:
            old = existing.get(row["id"])
            if old is None:
                change.new += 1
                new.append(row)
                continue
            if name == "office" and old["is_own"]:
                change.unchanged += 1
                continue
            before = rec.encode_row(name, old)
            after = rec.encode_row(name, row)
            if all(before[k] == after[k] for k in before if k not in rec.TIMESTAMPS):
                change.unchanged += 1
            elif old["updated_at"] and row["updated_at"] and old["updated_at"] > row["updated_at"]:
                change.conflicts += 1  # changed here after the sender's version: keep ours
            else:
                change.changed += 1
                changed.append((before, row))
        return new, changed

    def _write(self, session: Session, name: str,
               plan: tuple[list[dict[str, Any]], list[tuple[dict[str, Any], dict[str, Any]]]],
               package: pkg.Package) -> None:
        t = rec.table(rec.BY_NAME[name])
        new, changed = plan
        now = datetime.now()

        def full(row: dict[str, Any]) -> dict[str, Any]:
            out = dict(row)
            for key in rec.TIMESTAMPS:
                if out.get(key) is None:
                    out[key] = now
            if name == "office":
                out["is_own"] = False
            if name == "attachment":
                out["content"] = package.blobs[f"attachments/{row['id']}"]
            return out

        if new:
            session.execute(insert(t), [full(r) for r in new])
        if changed:
            params = []
            for _before, row in changed:
                values = full(row)
                values.pop("is_own", None)
                values["b_id"] = values.pop("id")
                params.append(values)
            session.execute(update(t).where(t.c.id == bindparam("b_id")), params)
        for row in new:
            self._audit(session, "exchange.import.new", entity=name, entity_id=row["id"],
                        after=rec.encode_row(name, row), summary=package.package_id)
        for before, row in changed:
            self._audit(session, "exchange.import.change", entity=name, entity_id=row["id"],
                        before=before, after=rec.encode_row(name, row),
                        summary=package.package_id)

    def received(self, package_id: str) -> dict[str, Any] | None:
        with self.services.reading() as session:
            value = _meta_get(session, f"xpkg:{package_id}")
        return json.loads(value) if value else None


class _TempFiles:
    """A private temporary folder under the data folder, removed on exit."""

    def __enter__(self) -> _TempFiles:
        import tempfile

        self._dir = tempfile.TemporaryDirectory(dir=pkg.tmp_dir())
        return self

    def path(self, name: str) -> Path:
        return Path(self._dir.name) / name

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


