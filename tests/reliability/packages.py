"""Small real packages for the crash harness: a district office exports one round of two
nominees per package (sequence 1, 2, …) to the office whose database the writer fills."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from desktop import paths
from desktop.core.people import PersonInput
from desktop.core.service import Services, Subject
from desktop.exchange import keys
from desktop.exchange.service import ExchangeService
from desktop.store.database import open_database
from desktop.store.models import Nomination

PASSPHRASE = "mat-khau-do-ben"
LIST = "packages.json"  # in the packages folder: what each package brings


def _keys_in(home: Path, name: str) -> keys.PublicKeyFile:
    paths.set_home(home)
    keys.init_keys(PASSPHRASE, office_name=name)
    return keys.load_public()


def make(folder: Path, receiver_home: Path, count: int) -> Path:
    """`count` packages in `folder` for the office of `receiver_home` (keys made there, trusting
    the sender); returns the list file."""
    previous = paths.home()
    sender_home = folder / "home-huyen"
    try:
        receiver = _keys_in(receiver_home, "UBND tỉnh")
        sender = _keys_in(sender_home, "Phòng Nội vụ huyện")
        keys.trust(receiver, name="UBND tỉnh")
        paths.set_home(receiver_home)
        keys.trust(sender, name="Phòng Nội vụ huyện")
        paths.set_home(sender_home)
        made = []
        with open_database(folder / "huyen.sqlite3") as db:
            services = Services(db, actor="phòng nội vụ")
            services.catalogue.sync()
            services.office.set_up(name="Phòng Nội vụ huyện Tuy Đức", level="huyen",
                                   province="Đắk Nông")
            office_keys = keys.load_keys(PASSPHRASE)
            recipient = keys.find_recipient("UBND tỉnh")
            for k in range(1, count + 1):
                rnd = services.rounds.create_round(name=f"Đợt gửi số {k}", kind="hang_nam",
                                                   year=2025)
                for i in (1, 2):
                    person = services.people.create(PersonInput(f"Người gửi {k}-{i}", "nam"))
                    services.rounds.nominate(rnd.id, Subject.person(person.id), "GIAY_KHEN")
                with services.reading() as session:
                    noms = session.scalars(select(Nomination).where(
                        Nomination.round_id == rnd.id)).all()
                    brings = {"nominations": [n.id.hex for n in noms],
                              "people": [n.person_id.hex for n in noms if n.person_id]}
                result = ExchangeService(services).export_round(
                    str(rnd.id), folder, office_keys=office_keys, recipient=recipient)
                made.append({"file": str(result.path),
                             "package_id": result.manifest["package_id"], **brings})
    finally:
        paths.set_home(previous)
    listing = folder / LIST
    listing.write_text(json.dumps(made, ensure_ascii=False, indent=1), encoding="utf-8")
    return listing


def load(listing: Path | None) -> list[dict[str, object]]:
    if listing is None:
        return []
    return list(json.loads(listing.read_text(encoding="utf-8")))
