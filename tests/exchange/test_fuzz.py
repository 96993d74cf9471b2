"""Property: a mutated package (bit flips, truncation, reordered members) is either refused
with one sentence and the database untouched, or imported whole; never half."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import paths
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.exchange import keys, package
from desktop.exchange.service import ExchangeService
from desktop.store.database import open_database

from .conftest import counts, dump, one_sentence


@dataclass
class Fuzz:
    folder: Path
    original: bytes
    empty: Path  # an empty, migrated database file
    empty_dump: str
    reference: dict[str, int]  # table counts after importing the original package
    fingerprint: str
    n: int = 0

    def fresh_db(self) -> Path:
        self.n += 1
        target = self.folder / f"db{self.n}.sqlite3"
        shutil.copyfile(self.empty, target)
        return target


@pytest.fixture(scope="module")
def fuzz(sent_once: Path, key_homes: dict[str, Path],
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzz]:
    folder = tmp_path_factory.mktemp("fuzz")
    home = folder / "home"
    shutil.copytree(key_homes["province"] / "config", home / "config")
    paths.set_home(home)
    empty = folder / "empty.sqlite3"
    with open_database(empty) as db:
        empty_dump = dump(db)
    env = Fuzz(folder, sent_once.read_bytes(), empty, empty_dump, {},
               keys.load_public().fingerprint)
    with open_database(env.fresh_db()) as db:
        ExchangeService(Services(db)).apply(package.read(sent_once),
                                            own_fingerprint=env.fingerprint)
        env.reference = counts(db)
    yield env
    paths.set_home(None)


def _reordered(raw: bytes, order: list[int]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        infos = z.infolist()
        items = [(infos[i], z.read(infos[i])) for i in order]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info, data in items:
            z.writestr(info, data)
    return out.getvalue()


@st.composite
def mutations(draw: Any, size: int, members: int) -> tuple[str, Any]:
    kind = draw(st.sampled_from(["flip", "flip", "truncate", "reorder"]))
    if kind == "flip":
        return kind, draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, 7)),
                                   min_size=1, max_size=3))
    if kind == "truncate":
        return kind, draw(st.integers(0, size - 1))
    return kind, draw(st.permutations(list(range(members))))


def _mutate(raw: bytes, mutation: tuple[str, Any]) -> bytes:
    kind, arg = mutation
    if kind == "flip":
        data = bytearray(raw)
        for pos, bit in arg:
            data[pos] ^= 1 << bit
        return bytes(data)
    if kind == "truncate":
        return raw[:arg]
    return _reordered(raw, arg)


def _members(raw: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return len(z.infolist())


def test_mutated_packages_never_half_import(fuzz: Fuzz) -> None:
    size, members = len(fuzz.original), _members(fuzz.original)

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(mutations(size, members))
    def check(mutation: tuple[str, Any]) -> None:
        path = fuzz.folder / "mutated.tdkt"
        path.write_bytes(_mutate(fuzz.original, mutation))
        with open_database(fuzz.fresh_db()) as db:
            try:
                pkg = package.read(path)
                ExchangeService(Services(db)).apply(pkg, own_fingerprint=fuzz.fingerprint)
            except UserError as exc:
                one_sentence(exc)
                assert dump(db) == fuzz.empty_dump
                return
            assert counts(db) == fuzz.reference

    check()
