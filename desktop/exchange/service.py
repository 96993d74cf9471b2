"""The exchange service: export a round as a package, import a checked package.

State kept in the database's `app_meta` table (so it is written in the same transaction as
the records, and travels with backups; no schema change needed):

- ``xout:<recipient fingerprint, 32 hex>`` → last sequence number sent to that recipient;
- ``xin:<sender office UUID>`` → last sequence number received from that sender;
- ``xpkg:<package UUID>`` → JSON note of a package received (hash, kind, sequence, when, counts);
- ``xsent:<package UUID>`` → JSON note of a package sent (recipient, round, kind, sequence, hash,
  the versions of the round's records at that time, and when and by whom it was acknowledged).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.roles import Permission
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.exchange import duplicates, kinds, receipts, usb
from desktop.exchange import keys as keymod
from desktop.exchange import package as pkg
from desktop.exchange import records as rec
from desktop.exchange import versions as vers
from desktop.exchange.documents import round_documents
from desktop.exchange.manifest import PackageError
from desktop.i18n import _
from desktop.store import bulk, locks
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
    duplicates: list[duplicates.Duplicate] = field(default_factory=list)
    statuses: int = 0  # nominations whose status a return or a decision changed
    statuses_unchanged: int = 0
    acknowledged: int | None = None  # a receipt: the number of the package it acknowledges
    receipt: Path | None = None  # where the receipt of this import was written

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


@dataclass(frozen=True)
class _StatusChange:
    nomination_id: uuid.UUID
    to: str
    comment: str


@dataclass
class _ReceiptJob:
    keys: keymod.OfficeKeys
    office: m.Office
    target: Path
    built: Path | None = None


def _refuse_kind() -> PackageError:
    return PackageError("records", _("The package contains records its kind does not allow and "
                                     "was refused; ask the sender for a new package."))


def _collect(session: Session, rnd: m.NominationRound, office: m.Office,
             kind: str) -> pkg.Contents:
    if kind == kinds.DOSSIER:
        return collect_round(session, rnd.id)
    if kind == kinds.RETURN:
        contents = kinds.collect_returns(session, rnd)
        if not contents.records:
            raise UserError(_("No nomination of this round is returned; return nominations "
                              "(with a comment) before sending them back."))
        return contents
    if kind == kinds.DECISION:
        contents = kinds.collect_decisions(session, rnd, office)
        if "decision" not in contents.records:
            raise UserError(_("This office has issued no decision on this round yet; issue the "
                              "decision before sending it."))
        return contents
    raise UserError(_("A package of kind “{kind}” cannot be exported from a round.").format(
        kind=kind))


def _acknowledged(session: Session, fingerprint: str, round_id: str,
                  kind: str) -> dict[str, Any] | None:
    """The note of the last package of `kind` on the round that the recipient acknowledged."""
    best: dict[str, Any] | None = None
    for row in session.scalars(select(m.Meta).where(m.Meta.key.like("xsent:%"))):
        note = json.loads(row.value)
        if (note["recipient"] == fingerprint and note["round"] == round_id
                and note["kind"] == kind and note.get("acked_at")
                and (best is None or note["sequence"] > best["sequence"])):
            best = dict(note, package_id=row.key[len("xsent:"):])
    return best


def _target_path(target: Path, office: m.Office, year: int, sequence: int,
                 encrypt: bool) -> Path:
    suffix = ".tdkt.age" if encrypt else ".tdkt"
    if target.is_dir():
        stamp = datetime.now().strftime("%Y%m%d")
        code = office.code or "donvi"
        return target / f"tdkt_{code}_{year}_{stamp}_{sequence:04d}{suffix}"
    if not target.name.endswith(suffix):
        return target.with_name(target.name + suffix)
    return target


class ExchangeService(Part):
    # --- sending ---------------------------------------------------------------------------

    def export_round(self, round_ref: str, target: Path, *, office_keys: keymod.OfficeKeys,
                     recipient: keymod.TrustedKey, encrypt: bool = False,
                     kind: str = kinds.DOSSIER, changed_only: bool = False) -> ExportResult:
        """Write a package of the round to `target` (a folder or a file name), USB-safe.

        `kind`: the dossier (ho-so-de-nghi), the nominations this office returned (tra-lai) or
        its decisions (quyet-dinh). With `changed_only`, only the records that changed since the
        last package of that kind the recipient acknowledged.
        """
        from desktop.store.database import head_revision

        self.services.require(Permission.DECIDE)  # a package speaks for the office
        office = self.services.office.require_own()
        with self.services.reading() as session:
            rnd = resolve_round(session, round_ref)
            round_id, round_name, year = rnd.id, rnd.name, rnd.year
            contents = _collect(session, rnd, office, kind)
            seq_key = f"xout:{recipient.fingerprint[:32]}"
            sequence = int(_meta_get(session, seq_key) or 0) + 1
            base = _acknowledged(session, recipient.fingerprint, str(round_id), kind)
        versions = vers.versions_of(contents)
        if changed_only:
            if base is None:
                raise UserError(_("{name} has not acknowledged any package of this round yet; "
                                  "export it without --changed-only.").format(
                    name=recipient.name))
            contents = vers.only_changed(contents, base["versions"])
            if not contents.records:
                raise UserError(_("Nothing in this round changed since package number {seq} "
                                  "that {name} acknowledged; there is nothing to send.").format(
                    seq=base["sequence"], name=recipient.name))
            contents.subject["changes_since"] = base["package_id"]
        self._add_documents(contents, round_id, kind)
        target = _target_path(Path(target).expanduser(), office, year, sequence, encrypt)
        sender = {"office_id": str(office.id), "office_name": office.name}
        to = {"name": recipient.name, "key_fingerprint": recipient.fingerprint}
        with _TempFiles() as tmp:
            plain = tmp.path("package.tdkt")
            manifest = pkg.build(contents, office_keys=office_keys, sender=sender, recipient=to,
                                 sequence=sequence, schema_version=head_revision(), out=plain)
            plain_sha = usb.sha256_file(plain)
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
            _meta_set(session, f"xsent:{manifest['package_id']}", json.dumps({
                "recipient": recipient.fingerprint, "recipient_name": recipient.name,
                "round": str(round_id), "kind": kind, "sequence": sequence, "sha256": plain_sha,
                "path": str(target), "sent_at": datetime.now().isoformat(timespec="seconds"),
                "versions": versions, "acked_at": None, "acked_by": None}))
            self._audit(session, "exchange.export", entity="package",
                        entity_id=manifest["package_id"],
                        after={"path": str(target), "sha256": sha, "sequence": sequence,
                               "recipient": recipient.name, "round": str(round_id),
                               "kind": kind, "changed_only": changed_only},
                        summary=round_name)
        return ExportResult(target, manifest, sha, size)

    def _add_documents(self, contents: pkg.Contents, round_id: uuid.UUID, kind: str) -> None:
        codes = {kinds.DOSSIER: None, kinds.DECISION: (kinds.DECISION,)}
        if kind not in codes:
            return
        blobs, listed = round_documents(self.services, round_id, codes[kind])
        contents.blobs.update(blobs)
        contents.subject["documents"] = listed

    def sent(self) -> list[dict[str, Any]]:
        """Packages sent from this database, newest first, with their acknowledgement."""
        with self.services.reading() as session:
            notes = [dict(json.loads(row.value), package_id=row.key[len("xsent:"):])
                     for row in session.scalars(select(m.Meta).where(
                         m.Meta.key.like("xsent:%")))]
        for note in notes:
            note.pop("versions", None)
        return sorted(notes, key=lambda n: (n["sent_at"], n["sequence"]), reverse=True)

    # --- receiving -------------------------------------------------------------------------

    def apply(self, package: pkg.Package, *, own_fingerprint: str | None,
              dry_run: bool = False,
              office_keys: keymod.OfficeKeys | None = None) -> ImportSummary:
        """Apply a checked package in one transaction (or only report, with `dry_run`).

        With `office_keys`, a receipt signed with them is written next to the package (except
        for a receipt, and for a package received before whose receipt is still there).
        """
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
        receipt = None
        if office_keys is not None and not dry_run and man["kind"] != kinds.RECEIPT:
            receipt = _ReceiptJob(office_keys, self.services.office.require_own(),
                                  receipts.receipt_path(package.path))
            usb.check_target(receipt.target, 1024**2)
        with _TempFiles() as tmp:
            try:
                self._apply(package, summary, dry_run, receipt, tmp)
            except IntegrityError as exc:
                raise PackageError("conflict", _(
                    "The package clashes with records already in this database (for example "
                    "the same person twice); nothing was imported.")) from exc
            if receipt is not None and receipt.built is not None:
                try:
                    usb.safe_copy(receipt.built, receipt.target)
                except UserError as exc:
                    raise UserError(_("The package was imported, but its receipt could not be "
                                      "written ({reason}); import the package again to write "
                                      "it.").format(reason=str(exc).rstrip("."))) from exc
                summary.receipt = receipt.target
        return summary

    def _apply(self, package: pkg.Package, summary: ImportSummary, dry_run: bool,
               receipt: _ReceiptJob | None, tmp: _TempFiles) -> None:
        man = package.manifest
        sender = man["sender"]
        kind = man["kind"]
        with self._tx() as session:
            # One import per sender at a time: a second officer importing the same package
            # waits here, then finds it received.
            seq_key = f"xin:{sender['office_id']}"
            if not dry_run:
                locks.hold(session, seq_key, busy=_(
                    "Another officer is importing a package from {sender}; wait a moment and "
                    "import this one again.").format(sender=sender["office_name"]))
            note = _meta_get(session, f"xpkg:{package.package_id}")
            if note is not None:
                summary.already = True
                if receipt is not None and not receipt.target.exists():
                    self._build_receipt(session, package, json.loads(note).get("counts", {}),
                                        receipt, tmp)
                return
            last = int(_meta_get(session, seq_key) or 0)
            # A receipt may travel on the same stick as a later package and be imported after
            # it; it only acknowledges a package this office sent, so its order does not matter.
            if package.sequence <= last and kind != kinds.RECEIPT:
                raise PackageError("sequence", _(
                    "This package is number {seq} from {sender}, but number {last} was already "
                    "received: it is a replay or came out of order and was refused.").format(
                    seq=package.sequence, sender=sender["office_name"], last=last))
            summary.gap = max(0, package.sequence - last - 1)
            if not dry_run:  # the file as it was before; its audit row goes with the import
                self.services.backups.automatic("import")
            if kind == kinds.RECEIPT:
                self._acknowledge(session, package, summary, dry_run)
            else:
                self._apply_records(session, package, summary, dry_run)
            if dry_run:
                return
            _meta_set(session, seq_key, str(max(last, package.sequence)))
            counts = {what: summary.total(what)
                      for what in ("new", "changed", "unchanged", "conflicts")}
            counts.update(statuses=summary.statuses, duplicates=len(summary.duplicates))
            _meta_set(session, f"xpkg:{package.package_id}", json.dumps({
                "sha256": package.sha256, "kind": kind, "sequence": package.sequence,
                "sender": sender["office_id"], "received_at": datetime.now().isoformat(),
                "counts": counts}))
            self._audit(session, "exchange.import", entity="package",
                        entity_id=package.package_id,
                        after={"sha256": package.sha256, "sender": sender["office_name"],
                               "kind": kind, "sequence": package.sequence, **counts},
                        summary=str(man["subject"].get("round_name", kind)))
            if receipt is not None:
                self._build_receipt(session, package, counts, receipt, tmp)

    def _apply_records(self, session: Session, package: pkg.Package, summary: ImportSummary,
                       dry_run: bool) -> None:
        kind = package.manifest["kind"]
        records = dict(package.records)
        statuses: list[_StatusChange] = []
        if kind in kinds.STATUS_OF_KIND:
            statuses = self._plan_statuses(session, records.pop("nomination", []), kind, summary)
            if kind == kinds.RETURN and records:
                raise _refuse_kind()
            if kind == kinds.DECISION and set(records) - set(kinds.DECISION_TABLES):
                raise _refuse_kind()
        if "person" in records:
            records["person"] = self._flag_duplicates(session, records["person"], summary)
        plans = {name: self._plan(session, name, rows, summary) for name, rows in records.items()}
        if dry_run:
            return
        bulk.defer_foreign_keys(session)
        for name in rec.BY_NAME:
            if name in plans:
                self._write(session, name, plans[name], package)
        for dup in summary.duplicates:
            self._audit(session, "exchange.import.duplicate", entity="person",
                        entity_id=dup.incoming_id, summary=dup.incoming_name,
                        after={"existing_id": str(dup.existing_id), "by_cccd": dup.by_cccd})
        for change in statuses:
            self.services.rounds.change_status(change.nomination_id, change.to, change.comment,
                                               received=True)

    def _flag_duplicates(self, session: Session, people: list[dict[str, Any]],
                         summary: ImportSummary) -> list[dict[str, Any]]:
        """Find possible duplicates; an incoming CCCD held by another record is left empty."""
        summary.duplicates = duplicates.find(session, people)
        taken = {d.incoming_id for d in summary.duplicates if d.by_cccd}
        return [dict(p, cccd=None) if p["id"] in taken else p for p in people]

    def _plan_statuses(self, session: Session, rows: list[dict[str, Any]], kind: str,
                       summary: ImportSummary) -> list[_StatusChange]:
        """The status changes a return or a decision brings; refused if one is not allowed."""
        from desktop.core.rounds import STATUS_LABELS, TRANSITIONS
        from desktop.store.kinds import NominationStatus

        changes: list[_StatusChange] = []
        for row in rows:
            if row["status"] not in kinds.STATUS_OF_KIND[kind]:
                raise _refuse_kind()
            nom = session.get(m.Nomination, row["id"])
            if nom is None:
                raise PackageError("unknown", _(
                    "The package refers to nominations this database does not hold; import "
                    "the round's dossier first, or ask the sender which office it is for."))
            if nom.status == row["status"] and nom.status_note == row["status_note"]:
                summary.statuses_unchanged += 1
                continue
            have, want = NominationStatus(nom.status), NominationStatus(row["status"])
            if want not in TRANSITIONS[have]:
                raise PackageError("status", _(
                    "A nomination that is “{a}” here cannot become “{b}” as the package asks; "
                    "nothing was imported, check the round with the sender.").format(
                    a=_(STATUS_LABELS[have]), b=_(STATUS_LABELS[want])))
            changes.append(_StatusChange(nom.id, row["status"], row["status_note"]))
        summary.statuses = len(changes)
        return changes

    def _acknowledge(self, session: Session, package: pkg.Package, summary: ImportSummary,
                     dry_run: bool) -> None:
        ack = package.manifest.get("acknowledges") or {}
        key = f"xsent:{ack.get('package_id')}"
        note = _meta_get(session, key)
        sent = json.loads(note) if note else None
        if sent is None or sent["sha256"] != ack.get("sha256") or (
                sent["recipient"] != package.sender.fingerprint):
            raise PackageError("receipt", _("This receipt is for a package this office did not "
                                            "send to its signer; it was refused."))
        subject = package.manifest["subject"]
        summary.acknowledged = sent["sequence"]
        if dry_run:
            return
        sent.update(acked_at=str(subject.get("received_at", "")),
                    acked_by=str(subject.get("received_by", "")), receipt=package.package_id)
        _meta_set(session, key, json.dumps(sent))

    def _build_receipt(self, session: Session, package: pkg.Package, counts: dict[str, int],
                       job: _ReceiptJob, tmp: _TempFiles) -> None:
        """Sign the receipt of `package` into a local file; it is copied after the commit."""
        from desktop.store.database import head_revision

        seq_key = f"xout:{package.sender.fingerprint[:32]}"
        sequence = int(_meta_get(session, seq_key) or 0) + 1
        contents = receipts.receipt_contents(
            package.manifest, package.sha256, received_at=datetime.now(),
            received_by=self.services.actor, office_name=job.office.name, counts=counts)
        out = tmp.path("receipt.tdkt")
        manifest = pkg.build(
            contents, office_keys=job.keys,
            sender={"office_id": str(job.office.id), "office_name": job.office.name},
            recipient={"name": package.sender.name,
                       "key_fingerprint": package.sender.fingerprint},
            sequence=sequence, schema_version=head_revision(), out=out)
        _meta_set(session, seq_key, str(sequence))
        self._audit(session, "exchange.receipt", entity="package",
                    entity_id=manifest["package_id"],
                    after={"acknowledges": package.package_id, "sequence": sequence,
                           "path": str(job.target)},
                    summary=package.sender.name)
        job.built = out

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
            session.execute(insert(t), [full(r) for r in _parents_first(name, new)])
        if changed:
            params = []
            for _before, row in changed:
                values = full(row)
                values.pop("is_own", None)
                values["b_id"] = values.pop("id")
                params.append(values)
            session.execute(update(t).where(t.c.id == bindparam("b_id"))
                            .values(version=t.c.version + 1), params)
        # One audit row per record, as `_audit` writes them, but in one bulk insert: a round of
        # 1,000 nominees brings thousands of records and ORM objects would double the import.
        entries = [("exchange.import.new", None, row) for row in new] + [
            ("exchange.import.change", before, row) for before, row in changed]
        if entries:
            session.execute(insert(m.AuditEntry), [
                {"at": now, "actor": self.services.actor, "action": action, "entity": name,
                 "entity_id": str(row["id"]), "summary": package.package_id,
                 "before": before, "after": rec.encode_row(name, row)}
                for action, before, row in entries])

    def received(self, package_id: str) -> dict[str, Any] | None:
        with self.services.reading() as session:
            value = _meta_get(session, f"xpkg:{package_id}")
        return json.loads(value) if value else None


def _parents_first(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Units in an order where a parent comes before its sub-units: PostgreSQL checks the
    parent_id of each row as it is inserted (SQLite defers the check to the commit)."""
    if name != "unit":
        return rows
    waiting = {row["id"]: row for row in rows}
    ordered: list[dict[str, Any]] = []

    def place(row: dict[str, Any], depth: int = 0) -> None:
        parent = waiting.get(row["parent_id"]) if row["parent_id"] is not None else None
        if parent is not None and depth < len(rows):
            place(parent, depth + 1)
        if waiting.pop(row["id"], None) is not None:
            ordered.append(row)

    for row in rows:
        place(row)
    return ordered


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


