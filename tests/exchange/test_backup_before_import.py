"""Every package import is preceded by a verified backup of the database as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop import paths
from tests.reliability.backup_checks import counts, intact

from .conftest import do_import


def test_an_import_first_backs_up_the_state_before_it(sent: Path, db: Any,
                                                      homes: dict[str, Path]) -> None:
    live = db.path
    before = counts(live)
    do_import(db, homes, sent, dry_run=True)  # a dry run writes nothing: no backup either
    assert list(paths.backup_dir().glob("*.sqlite3")) == []
    do_import(db, homes, sent)
    made = list(paths.backup_dir().glob(f"{live.stem}-truoc-khi-nhap-*.sqlite3"))
    assert len(made) == 1 and intact(made[0])
    assert counts(made[0]) == before and before["nomination"] == 0
    assert counts(live)["nomination"] == 23
