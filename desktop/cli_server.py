"""The file commands of `tdkt` on a shared PostgreSQL server (`--db postgresql://…`).

`demo` fills an empty server database; `check` says which schema it has and what it holds;
`backup` runs PostgreSQL's own pg_dump; a restore is the server administrator's work with
pg_restore (docs/province-server.md), so `restore` refuses a server in one sentence.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, table, text
from sqlalchemy.engine import make_url

from desktop import paths
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.server import shown


def _write(line: str) -> None:
    sys.stdout.write(line + "\n")


def server_url(target: str) -> str | None:
    """The server URL if `target` names a server, None for a file."""
    from desktop.store.database import url_for

    url, path = url_for(target)
    return url if path is None else None


def cmd_demo(url: str, args: argparse.Namespace, progress: object) -> int:
    from desktop.core.demo import fill_demo
    from desktop.core.service import Services
    from desktop.store.database import open_database

    started = time.perf_counter()
    with open_database(url) as db:
        summary = fill_demo(Services(db, actor="demo"), size=args.size, seed=args.seed,
                            progress=progress)  # type: ignore[arg-type]
    _write(_("Demo data written to {url} in {s:.1f} s: {summary}.").format(
        url=shown(url), s=time.perf_counter() - started, summary=summary))
    return 0


def cmd_check(url: str) -> int:
    from desktop.store.database import current_revision, open_database
    from desktop.store.maintenance import COUNTED

    with open_database(url, create=False) as db, db.engine.connect() as conn:
        revision = current_revision(db.engine)
        version = conn.execute(text("SHOW server_version")).scalar_one()
        counts = {name: conn.execute(select(func.count()).select_from(table(name))).scalar_one()
                  for name, _label in COUNTED}
    _write(_("Database {path} (schema {rev}):").format(path=shown(url), rev=revision))
    labels = dict(COUNTED)
    for name, count in counts.items():
        _write("  {}: {}".format(_(labels[name]), count))
    _write(_("The server (PostgreSQL {version}) answered; the database is at this version's "
             "schema.").format(version=version))
    return 0


def find_pg_dump() -> str | None:
    found = shutil.which("pg_dump")
    if found:
        return found
    patterns = ["/usr/lib/postgresql/*/bin/pg_dump",
                os.path.expandvars(r"%ProgramFiles%\PostgreSQL\*\bin\pg_dump.exe")]
    candidates = sorted((p for pattern in patterns for p in glob.glob(pattern)),
                        key=lambda p: int(Path(p).parent.parent.name or 0), reverse=True)
    return candidates[0] if candidates else None


def cmd_backup(url: str, to: str | None) -> int:
    from desktop.store.database import open_database

    open_database(url, create=False).close()  # a clear sentence if the server is not there
    pg_dump = find_pg_dump()
    if pg_dump is None:
        raise UserError(_("The PostgreSQL tool pg_dump is not on this computer; install the "
                          "PostgreSQL command-line tools, or back up on the server as the "
                          "province server guide says."))
    parsed = make_url(url)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = (Path(to).expanduser().resolve() if to
            else paths.backup_dir() / f"{parsed.database}-{stamp}.dump")
    if not dest.parent.is_dir():
        raise UserError(_("The folder “{folder}” does not exist; choose an existing folder.")
                        .format(folder=dest.parent))
    partial = dest.with_name(dest.name + ".part")
    env = dict(os.environ, PGPASSWORD=parsed.password or "", PGCONNECT_TIMEOUT="5")
    done = subprocess.run(
        [pg_dump, "--format=custom", f"--file={partial}", f"--host={parsed.host or 'localhost'}",
         f"--port={parsed.port or 5432}", f"--username={parsed.username or ''}",
         f"--dbname={parsed.database}"],
        env=env, capture_output=True, text=True)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or [""])[-1]
        raise UserError(_("pg_dump could not back up the database ({reason}); nothing was "
                          "written.").format(reason=reason))
    partial.replace(dest)
    _write(_("Backup of {url} written: {path}").format(url=shown(url), path=dest))
    return 0
