"""A throw-away PostgreSQL server for the tests: initdb in a temporary folder, 127.0.0.1 only.

The server runs as an unprivileged user when the tests run as root (initdb refuses root), with
fsync off (nothing here must survive a power cut). Each test gets its own database, cloned from
a migrated template with CREATE DATABASE … TEMPLATE, which is much faster than migrating.

Where the binaries are missing the PostgreSQL tests skip, unless TDKT_REQUIRE_POSTGRES is set
(`dev.py test` sets it on Debian, where it installs the server): then they fail.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

REQUIRE_ENV = "TDKT_REQUIRE_POSTGRES"
USER, PASSWORD = "tdkt", "mat-khau-thu"
OWNER = "owner.pid"  # the test run that started the server
# A server whose own collation is not bytewise, as a province's usually is: the program must
# sort by its own keys whatever the database's collation.
ICU_LOCALE = "vi-VN"


class UnavailableError(Exception):
    """No PostgreSQL binaries on this machine."""


def find_bin_dir() -> Path:
    """TDKT_PG_BIN if set (only it), else pg_ctl on PATH, else Debian's newest server."""
    if os.environ.get("TDKT_PG_BIN"):
        candidates = [os.environ["TDKT_PG_BIN"]]
    else:
        found = shutil.which("pg_ctl")
        candidates = [str(Path(found).resolve().parent)] if found else []
        candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                             key=lambda p: int(Path(p).parent.name), reverse=True)
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise UnavailableError("PostgreSQL (initdb, pg_ctl) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self) -> None:
        self.bin = find_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="tdkt-pg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "socket"
        self.port = 0
        self._as_user: list[str] = []
        self._names = itertools.count(1)
        self._templates: dict[str, str] = {}
        self._drops: queue.Queue[str] = queue.Queue()
        self._dropper: threading.Thread | None = None

    # --- lifetime -----------------------------------------------------------------------------

    def start(self) -> None:
        (self.folder / OWNER).write_text(str(os.getpid()))
        self.socket_dir.mkdir()
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD)
        if os.geteuid() == 0:
            owner = "postgres" if _user_exists("postgres") else "nobody"
            shutil.chown(self.folder, owner)
            shutil.chown(self.socket_dir, owner)
            shutil.chown(pwfile, owner)
            self._as_user = ["setpriv", f"--reuid={owner}", f"--regid={_gid(owner)}",
                             "--clear-groups", "--"]
        self._run(["initdb", "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
                   "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                   "--locale=C.UTF-8", "--locale-provider=icu", f"--icu-locale={ICU_LOCALE}",
                   "--no-sync", "--no-instructions"])
        pwfile.unlink()
        for attempt in range(5):
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                       f"-k {self.socket_dir} -c fsync=off -c synchronous_commit=off "
                       "-c full_page_writes=off -c max_connections=200")
            try:
                self._run(["pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"),
                           "-o", options, "-w", "-t", "60", "start"])
                return
            except RuntimeError:
                if attempt == 4:
                    raise

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(self._cmd(["pg_ctl", "-D", str(self.data), "-m", "immediate",
                                      "-w", "stop"]), capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _cmd(self, args: list[str]) -> list[str]:
        return [*self._as_user, str(self.bin / args[0]), *args[1:]]

    def _run(self, args: list[str]) -> None:
        done = subprocess.run(self._cmd(args), capture_output=True, text=True)
        if done.returncode != 0:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}{tail}")

    # --- databases ----------------------------------------------------------------------------

    def url(self, database: str, *, password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=USER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create(self, template: str = "template0") -> str:
        """A new database cloned from `template`; returns its name."""
        name = f"t{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_later(self, name: str) -> None:
        """Drop on a background thread: the next test need not wait for it."""
        if self._dropper is None:
            self._dropper = threading.Thread(target=self._drop_queued, daemon=True)
            self._dropper.start()
        self._drops.put(name)

    def _drop_queued(self) -> None:
        while True:
            name = self._drops.get()
            with contextlib.suppress(psycopg.Error):  # a stopping server takes its folder along
                self.drop(name)

    def template(self, key: str, fill: Callable[[str], None]) -> str:
        """A template database made once by `fill(url)`, for fast clones."""
        if key not in self._templates:
            name = f"tpl_{key}"
            self.admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
            fill(self.url(name))
            self.admin(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
            self._templates[key] = name
        return self._templates[key]


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _gid(name: str) -> int:
    import pwd

    return pwd.getpwnam(name).pw_gid


def stop_orphans(bin_dir: Path) -> None:
    """Stop the servers of test runs that were killed before they could stop their own."""
    for folder in Path(tempfile.gettempdir()).glob("tdkt-pg-*"):
        try:
            owner = int((folder / OWNER).read_text())
            os.kill(owner, 0)
            continue  # that run is still going
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue  # not ours to judge (no owner written yet, or another user's)
        data = folder / "data"
        if (data / "postmaster.pid").exists():
            prefix = ["setpriv", f"--reuid={data.owner()}", f"--regid={_gid(data.owner())}",
                      "--clear-groups", "--"] if os.geteuid() == 0 else []
            subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m",
                            "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def start_server() -> Server:
    server = Server()
    stop_orphans(server.bin)
    started = time.perf_counter()
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    server.started_in = time.perf_counter() - started  # type: ignore[attr-defined]
    return server
