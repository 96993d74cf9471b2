"""Kill the writer child with SIGKILL at random moments and check the file after each kill."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.service import Services
from desktop.paths import resource
from desktop.store.database import open_database
from tests.reliability import packages as pkgs
from tests.reliability.writer import ROUND, UNIT_PREFIX

ROOT = Path(__file__).resolve().parents[2]


def child_home(path: Path) -> Path:
    """The writer's data folder (its keys, and the backups made before each import)."""
    return path.parent / "home-writer"


def prepare(path: Path, packages: int = 0) -> Path | None:
    """A new database with the catalogue, one plan and one open round; with `packages`, that
    many packages to import from another office, and the list of them."""
    listing = None
    if packages:
        folder = path.parent / "packages"
        folder.mkdir()
        listing = pkgs.make(folder, child_home(path), packages)
    with open_database(path) as db:
        services = Services(db, actor="chuẩn bị")
        services.catalogue.sync()
        services.office.set_up(name="UBND huyện Đắk R'lấp", level="huyen", province="Đắk Nông")
        services.movements.import_plan_file(resource("demo", "movements", "lai_chau.toml"))
        services.rounds.create_round(name=ROUND, kind="hang_nam", year=2025)
    return listing


@dataclass
class Outcome:
    kills: int = 0
    committed: int = 0  # writes the child reported as committed, over all kills
    imports: int = 0  # of which package imports
    leaves: int = 0  # scores per test unit
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def _hex(value: str) -> str:
    return uuid.UUID(value).hex


def check(path: Path, reported: list[dict[str, str]], leaves: int,
          packages: list[dict[str, object]] | None = None) -> list[str]:
    """What is wrong with the file after a kill (nothing, when all is well)."""
    problems = []
    con = sqlite3.connect(path)  # read-write: the first open after a crash replays the WAL
    try:
        result = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return [f"integrity_check: {result[:3]}"]
        if con.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found dangling references")
        nominations = {r[0]: r[1] for r in con.execute("SELECT id, person_id FROM nomination")}
        people = {r[0] for r in con.execute("SELECT id FROM person")}
        audited = {(r[0].split(".")[0] if r[0].endswith(".create") else r[1], _hex(r[2]))
                   for r in con.execute(
            "SELECT action, entity, entity_id FROM audit_log WHERE entity_id != '' AND action "
            "IN ('nomination.create', 'person.create', 'unit.create', 'exchange.import.new')")}
        received = {r[0].removeprefix("xpkg:") for r in con.execute(
            "SELECT key FROM app_meta WHERE key LIKE 'xpkg:%'")}
        imports = {r[0] for r in con.execute(
            "SELECT entity_id FROM audit_log WHERE action = 'exchange.import'")}
        units = {r[0] for r in con.execute("SELECT id FROM unit WHERE name LIKE ?",
                                           (UNIT_PREFIX + "%",))}
        scored = dict(con.execute("SELECT unit_id, count(*) FROM score GROUP BY unit_id"))
        score_batches = con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'score.import'").fetchone()[0]
    finally:
        con.close()
    for write in reported:
        if write["op"] == "nomination" and nominations.get(write["nomination"]) != write["person"]:
            problems.append(f"committed nomination {write['nomination']} is missing")
        if write["op"] == "scores" and write["unit"] not in units:
            problems.append(f"committed unit {write['unit']} is missing")
        if write["op"] == "import" and write["package"] not in received:
            problems.append(f"committed import of {write['package']} is missing")
    # Nothing half-applied: each person with its nomination, each record with its audit row,
    # each test unit with all its scores and the audit row of the batch, each package all there
    # (its records, its note, its audit row) or not at all.
    if set(nominations.values()) != people:
        problems.append("a person without a nomination, or the reverse")
    for nid in nominations:
        if ("nomination", nid) not in audited:
            problems.append(f"nomination {nid} without its audit row")
    for pid in people:
        if ("person", pid) not in audited:
            problems.append(f"person {pid} without its audit row")
    for unit in units:
        if ("unit", unit) not in audited or scored.get(unit) != leaves:
            problems.append(f"unit {unit}: {scored.get(unit, 0)} of {leaves} scores or no audit")
    if score_batches != len(units):
        problems.append(f"{score_batches} score audit rows for {len(units)} scored units")
    for pkg in packages or []:
        pid = str(pkg["package_id"])
        brought = [n in nominations for n in pkg["nominations"]]  # type: ignore[attr-defined]
        brought += [p in people for p in pkg["people"]]  # type: ignore[attr-defined]
        whole = all(brought) and pid in imports
        if (pid in received and not whole) or (pid not in received and any(brought)):
            problems.append(f"package {pid} half imported: {sum(brought)} of {len(brought)} "
                            f"records, note {pid in received}, audit {pid in imports}")
    return problems


def check_backups(folder: Path) -> list[str]:
    """Every backup that took its final name is whole (a kill leaves at most a .part file)."""
    problems = []
    for backup in sorted(folder.glob("*.sqlite3")):
        con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problems.append(f"backup {backup.name} is damaged")
        finally:
            con.close()
    return problems


def run(path: Path, kills: int, seed: int = 1, max_delay: float = 0.3,
        listing: Path | None = None) -> Outcome:
    """Start the writer `kills` times on `path`, SIGKILL it after a random delay, check."""
    rng = random.Random(seed)
    outcome = Outcome()
    reported: list[dict[str, str]] = []
    pool = pkgs.load(listing)
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TDKT_HOME": str(child_home(path))}
    extra = [str(listing)] if listing else []
    for k in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.writer", str(path), str(seed * 10_000 + k),
             *extra],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        if not first.startswith("ready "):
            child.kill()
            outcome.failures.append(f"kill {k}: writer did not start: {child.stderr.read()}")
            break
        outcome.leaves = json.loads(first.split(" ", 1)[1])["leaves"]
        # Every other life is killed only after its first reported commit, so that however slow
        # the machine, kills also land among writes and not only during the start.
        early = ""
        if k % 2:
            for line in child.stdout:  # up to the first commit reported, or the end
                early += line
                if line.startswith("done "):
                    break
        time.sleep(rng.uniform(0, max_delay))
        child.send_signal(signal.SIGKILL)
        # read(), not communicate(): the lines already buffered by readline stay in the report
        out, err = early + child.stdout.read(), child.stderr.read()
        child.wait()
        if child.returncode != -signal.SIGKILL:
            outcome.failures.append(f"kill {k}: writer stopped on its own: {err[-500:]}")
        for line in out.splitlines():
            word, _sep, data = line.partition(" ")
            if word == "done" and data.endswith("}"):  # a line cut by the kill is not a report
                reported.append(json.loads(data))
        outcome.kills += 1
        problems = check(path, reported, outcome.leaves, pool)
        problems += check_backups(child_home(path) / "backups")
        outcome.failures += [f"kill {k}: {p}" for p in problems]
    outcome.committed = len(reported)
    outcome.imports = sum(1 for write in reported if write["op"] == "import")
    outcome.seconds = time.perf_counter() - started
    return outcome
