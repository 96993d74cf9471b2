"""Many commune offices, each with its own database, each sending one real dossier package to
the province (for the consolidated-import test).

The offices sign with one shared key pair: a key each would cost a scrypt each, and trust per
key is tested in test_packages.py; the province tells the senders apart by their office UUIDs.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.core.people import PersonInput
from desktop.core.service import Services, Subject
from desktop.exchange import keys
from desktop.exchange.service import ExchangeService
from desktop.store.database import open_database

PASSPHRASE = "mat-khau-cac-xa"


@dataclass(frozen=True)
class Sent:
    office: str
    path: Path
    nominees: int


def _keys(home: Path, name: str) -> keys.PublicKeyFile:
    paths.set_home(home)
    keys.init_keys(PASSPHRASE, office_name=name)
    return keys.load_public()


def send_from_offices(folder: Path, province_home: Path, offices: int,
                      nominees: int) -> list[Sent]:
    """`offices` packages in `folder`, one per office, for the province of `province_home`
    (its keys are made there and trust the offices' key); `nominees` people in each."""
    previous = paths.home()
    try:
        province = _keys(province_home, "Sở Nội vụ")
        signing_home = folder / "khoa-cac-xa"
        signing = _keys(signing_home, "Các xã")
        keys.trust(province, name="Sở Nội vụ")
        paths.set_home(province_home)
        keys.trust(signing, name="Các xã")
        catalogue = folder / "catalogue.sqlite3"  # synced once, copied into every office
        with open_database(catalogue) as db:
            Services(db).catalogue.sync()
        sent = []
        for n in range(1, offices + 1):
            name = f"UBND xã Thử Nghiệm {n:02d}"
            home = folder / f"xa-{n:02d}"
            shutil.copytree(signing_home / "config", home / "config")
            paths.set_home(home)
            stick = home / "usb"  # every office names its package the same way
            stick.mkdir()
            database = home / "xa.sqlite3"
            shutil.copyfile(catalogue, database)
            with open_database(database) as db:
                services = Services(db, actor=f"Văn phòng xã {n:02d}")
                services.office.set_up(name=name, level="xa", province="Đắk Nông")
                rnd = services.rounds.create_round(name=f"Khen thưởng năm 2025 của xã {n:02d}",
                                                   kind="hang_nam", year=2025)
                for i in range(1, nominees + 1):
                    person = services.people.create(PersonInput(
                        f"Nguyễn Văn Xã{n:02d} Người{i:02d}", "nam" if i % 2 else "nu"))
                    services.rounds.nominate(rnd.id, Subject.person(person.id), "GIAY_KHEN")
                result = ExchangeService(services).export_round(
                    str(rnd.id), stick, office_keys=keys.load_keys(PASSPHRASE),
                    recipient=keys.find_recipient("Sở Nội vụ"))
            sent.append(Sent(name, result.path, nominees))
        return sent
    finally:
        paths.set_home(previous)
