"""`tdkt keys|export|verify|import`: hand-up packages on a USB stick.

    tdkt keys init [--rotate] [--passphrase-file F]
    tdkt keys export [--to FILE]
    tdkt keys trust FILE [--name NAME]
    tdkt keys list
    tdkt export --round ID --to PATH [--recipient NAME] [--encrypt-to KEYFILE]
                [--kind ho-so-de-nghi|tra-lai|quyet-dinh] [--changed-only]
    tdkt verify PACKAGE
    tdkt import PACKAGE [--dry-run]      (writes a receipt next to the package)
    tdkt sent                            (packages sent, and which were acknowledged)

The passphrase of the office key comes from --passphrase-file, else $TDKT_PASSPHRASE, else a
prompt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.exchange.keys import TrustedKey
    from desktop.exchange.package import Package
    from desktop.store.database import Database


EXPORT_KINDS = ["ho-so-de-nghi", "tra-lai", "quyet-dinh"]


def _write(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def add_exchange_parsers(subparsers: object,
                         add_common: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register `keys`, `export`, `verify` and `import`."""

    def passphrase(p: argparse.ArgumentParser) -> None:
        p.add_argument("--passphrase-file", metavar=_("FILE"),
                       help=_("read the passphrase of the office key from this file"))

    keys = add_common("keys", _("create, show and trust the keys that sign packages"))
    keys.add_argument("action", choices=["init", "export", "trust", "list"],
                      help=_("init: create the office key; export: write the public key; "
                             "trust: accept another office's key; list: show trusted keys"))
    keys.add_argument("file", nargs="?", metavar=_("FILE"),
                      help=_("the public key file to trust"))
    keys.add_argument("--to", metavar=_("FILE"), help=_("where to write the public key"))
    keys.add_argument("--name", help=_("the name to show for a trusted key"))
    keys.add_argument("--rotate", action="store_true",
                      help=_("replace the office key; the old public key stays trusted"))
    passphrase(keys)

    export = add_common("export", _("write the package of a round for the province"))
    export.add_argument("--round", metavar="ID", required=True,
                        help=_("the round: its number or its UUID"))
    export.add_argument("--to", metavar=_("PATH"), required=True,
                        help=_("the folder (USB stick) or file name to write"))
    export.add_argument("--recipient", metavar=_("NAME"),
                        help=_("the trusted key the package is for (name or fingerprint)"))
    export.add_argument("--encrypt-to", metavar=_("KEYFILE"),
                        help=_("encrypt the package for the owner of this public key file"))
    export.add_argument("--kind", choices=EXPORT_KINDS, default=EXPORT_KINDS[0],
                        help=_("ho-so-de-nghi: the round's dossier; tra-lai: the nominations "
                               "returned here; quyet-dinh: the decisions made here"))
    export.add_argument("--changed-only", action="store_true",
                        help=_("only what changed since the last package the recipient "
                               "acknowledged"))
    passphrase(export)

    verify = add_common("verify", _("check a package without importing it"))
    verify.add_argument("package", metavar=_("PACKAGE"), help=_("the .tdkt or .tdkt.age file"))
    passphrase(verify)

    imp = add_common("import", _("check a package, then add its records to the database"))
    imp.add_argument("package", metavar=_("PACKAGE"), help=_("the .tdkt or .tdkt.age file"))
    imp.add_argument("--dry-run", action="store_true",
                     help=_("show what would change, change nothing"))
    passphrase(imp)

    add_common("sent", _("list the packages sent and whether they were acknowledged"))


def _passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    """Asked once per command, even when both the age identity and the signing key are needed
    (importing an encrypted package, then signing its receipt)."""
    from desktop.exchange.keys import read_passphrase

    if not getattr(args, "passphrase_given", None):
        args.passphrase_given = read_passphrase(getattr(args, "passphrase_file", None),
                                                confirm=confirm)
    return str(args.passphrase_given)


def _open(args: argparse.Namespace) -> Database:
    from desktop.cli import _db_target
    from desktop.store.database import open_database

    return open_database(_db_target(args))


def _own_office(args: argparse.Namespace) -> tuple[str, str]:
    from desktop.cli import _db_target
    from desktop.core.service import Services
    from desktop.store.database import open_database, url_for

    _url, path = url_for(_db_target(args))
    if path is not None and not path.exists():
        return "", ""
    db = open_database(_db_target(args))
    try:
        office = Services(db).office.own()
        return (str(office.id), office.name) if office else ("", "")
    finally:
        db.close()


def cmd_keys(args: argparse.Namespace) -> int:
    from desktop.exchange import keys

    if args.action == "init":
        office_id, office_name = _own_office(args)
        made = keys.init_keys(_passphrase(args, confirm=True), office_id=office_id,
                              office_name=office_name, rotate=args.rotate)
        _write(_("The office key was created in {folder}.").format(folder=keys.keys_dir()))
        _write(_("Fingerprint (read it to the province by phone):"))
        _write(keys.printable(made.fingerprint))
        return 0
    if args.action == "export":
        public = keys.load_public()
        if args.to:
            Path(args.to).expanduser().write_text(keys.public_text(), encoding="utf-8")
            _write(_("Public key written to {path}.").format(path=args.to))
        else:
            sys.stdout.write(keys.public_text())
        _write(_("Fingerprint:"))
        _write(keys.printable(public.fingerprint))
        return 0
    if args.action == "trust":
        if not args.file:
            raise UserError(_("Name the public key file to trust."))
        public = keys.read_public_key_file(args.file)
        entry = keys.trust(public, name=args.name or "")
        _write(_("Key of “{name}” trusted. Check by phone that its fingerprint is:").format(
            name=entry.name))
        _write(keys.printable(entry.fingerprint))
        return 0
    for entry in keys.trusted_keys():
        mark = _(" (this office)") if entry.own else ""
        _write(f"{entry.name}{mark}  {entry.added_at}")
        _write("  " + keys.printable(entry.fingerprint).replace("\n", "\n  "))
    return 0


def _recipient(args: argparse.Namespace) -> TrustedKey:
    from desktop.exchange import keys

    if args.encrypt_to:
        public = keys.read_public_key_file(args.encrypt_to)
        found = keys.find_trusted(public.fingerprint)
        if found is None:
            raise UserError(_("Trust the recipient's key first: tdkt keys trust {path}").format(
                path=args.encrypt_to))
        return found
    if args.recipient:
        return keys.find_recipient(args.recipient)
    others = [k for k in keys.trusted_keys() if not k.own]
    if len(others) != 1:
        raise UserError(_("Say who the package is for with --recipient (see “tdkt keys "
                          "list”)."))
    return others[0]


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.core.service import Services
    from desktop.exchange import keys
    from desktop.exchange.service import ExchangeService

    recipient = _recipient(args)
    office_keys = keys.load_keys(_passphrase(args))
    db = _open(args)
    try:
        result = ExchangeService(Services(db)).export_round(
            args.round, Path(args.to), office_keys=office_keys, recipient=recipient,
            encrypt=bool(args.encrypt_to), kind=args.kind, changed_only=args.changed_only)
    finally:
        db.close()
    subject = result.manifest["subject"]
    _write(_("Package {path} written and checked: round “{round}”, {n} nominees, number {seq} "
             "for {to}.").format(path=result.path, round=subject["round_name"],
                                 n=subject["nominations"], seq=result.manifest["sequence"],
                                 to=recipient.name))
    documents = subject.get("documents") or []
    if documents:
        _write(_("Documents: {names}.").format(names=", ".join(d["path"].split("/")[-1]
                                                                for d in documents)))
    _write(_("SHA-256: {sha}").format(sha=result.sha256))
    _write(_("You can now remove the USB stick safely."))
    return 0


def _read(args: argparse.Namespace) -> Package:
    from desktop.exchange import keys, package

    def identity() -> str:
        return keys.load_keys(_passphrase(args), with_age=True).age_identity

    return package.read(Path(args.package).expanduser(), identity)


def _describe(pkg: object) -> None:
    from desktop.exchange.package import Package

    assert isinstance(pkg, Package)
    man = pkg.manifest
    _write(_("Package {id} ({kind}), number {seq}, made {at}.").format(
        id=pkg.package_id, kind=man["kind"], seq=man["sequence"], at=man["created_at"]))
    _write(_("From: {name} (key {fp}), checked with the trusted key “{trusted}”.").format(
        name=man["sender"]["office_name"], fp=man["sender"]["key_fingerprint"][:16],
        trusted=pkg.sender.name))
    _write(_("To: {name}.").format(name=man["recipient"]["name"]))
    subject = man["subject"]
    if "round_name" in subject:
        _write(_("Round “{round}”: {n} nominees.").format(round=subject["round_name"],
                                                          n=subject["nominations"]))
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in pkg.records.items())
    if counts or pkg.blobs:
        _write(_("Records: {counts}; files: {files}.").format(counts=counts,
                                                             files=len(pkg.blobs)))


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.exchange import keys

    pkg = _read(args)
    _describe(pkg)
    own = keys.load_public().fingerprint if keys.has_keys() else None
    wanted = pkg.manifest["recipient"].get("key_fingerprint")
    if wanted and wanted != own:
        _write(_("Note: this package is not addressed to this office."))
    _write(_("The package is intact and its signature is valid."))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.core.service import Services
    from desktop.exchange import keys
    from desktop.exchange.service import ExchangeService

    pkg = _read(args)
    own = keys.load_public().fingerprint if keys.has_keys() else None
    office_keys = None if args.dry_run else keys.load_keys(_passphrase(args))
    db = _open(args)
    try:
        summary = ExchangeService(Services(db)).apply(pkg, own_fingerprint=own,
                                                      dry_run=args.dry_run,
                                                      office_keys=office_keys)
    finally:
        db.close()
    _describe(pkg)
    if summary.already:
        _write(_("This package was already received before; nothing was changed."))
    else:
        _report(summary, args.dry_run)
    if summary.receipt is not None:
        _write(_("Receipt written to {path}; take it back to the sender on the same USB "
                 "stick.").format(path=summary.receipt))
    return 0


def _report(summary: object, dry_run: bool) -> None:
    from desktop.exchange.service import ImportSummary

    assert isinstance(summary, ImportSummary)
    if summary.gap:
        _write(_("Warning: {n} earlier package(s) from this sender have not arrived yet.")
               .format(n=summary.gap))
    if summary.acknowledged is not None:
        _write(_("Receipt: the recipient acknowledged package number {seq}.").format(
            seq=summary.acknowledged))
    for name, change in summary.tables.items():
        _write(_("  {table}: {new} new, {changed} changed, {same} unchanged, {conflicts} "
                 "conflicts").format(table=name, new=change.new, changed=change.changed,
                                     same=change.unchanged, conflicts=change.conflicts))
    if summary.statuses or summary.statuses_unchanged:
        _write(_("  Nominations whose status changes: {n} (already so: {same}).").format(
            n=summary.statuses, same=summary.statuses_unchanged))
    for dup in summary.duplicates:
        born = dup.birth_date.strftime("%d/%m/%Y") if dup.birth_date else ""
        reason = _("same CCCD; the CCCD was left empty on the new record") if dup.by_cccd \
            else _("same name and date of birth {born}").format(born=born)
        _write(_("  Possible duplicate: “{new}” is perhaps “{old}” already here ({reason}); "
                 "check and merge by hand.").format(new=dup.incoming_name,
                                                    old=dup.existing_name, reason=reason))
    if dry_run:
        _write(_("Dry run: nothing was changed."))
    elif summary.acknowledged is None:
        _write(_("Imported: {new} new, {changed} changed, {conflicts} conflicts kept as they "
                 "were here.").format(new=summary.total("new"), changed=summary.total("changed"),
                                      conflicts=summary.total("conflicts")))


def cmd_sent(args: argparse.Namespace) -> int:
    from desktop.core.service import Services
    from desktop.exchange.service import ExchangeService

    db = _open(args)
    try:
        notes = ExchangeService(Services(db)).sent()
    finally:
        db.close()
    if not notes:
        _write(_("No package was sent from this database."))
    for note in notes:
        state = _("acknowledged on {at} by {who}").format(at=note["acked_at"],
                                                          who=note["acked_by"]) \
            if note.get("acked_at") else _("not acknowledged yet")
        _write(_("Number {seq} ({kind}) to {to}, {at}: {state}.").format(
            seq=note["sequence"], kind=note["kind"], to=note["recipient_name"],
            at=note["sent_at"], state=state))
    return 0
