"""`tdkt keys|export|verify|import` through the real command line entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main

from .conftest import PASSPHRASE, set_up_province


def test_cli_end_to_end(demo_db_path: Path, homes: dict[str, Path], tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TDKT_PASSPHRASE", PASSPHRASE)
    office = ["--data-dir", str(homes["office"]), "--db", str(demo_db_path)]
    prov_db = tmp_path / "province.sqlite3"
    from desktop.store.database import open_database

    with open_database(prov_db) as database:
        set_up_province(database)
    province = ["--data-dir", str(homes["province"]), "--db", str(prov_db)]
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main([*office, "keys", "export", "--to", str(tmp_path / "office.pub")]) == 0
    assert main([*office, "export", "--round", "1", "--to", str(stick)]) == 0
    out = capsys.readouterr().out
    assert "23" in out
    (pkg,) = stick.iterdir()
    assert main([*province, "verify", str(pkg)]) == 0
    assert main([*province, "import", str(pkg), "--dry-run"]) == 0
    assert main([*province, "import", str(pkg)]) == 0
    out = capsys.readouterr().out
    (receipt,) = stick.glob("*_bien-nhan.tdkt")
    assert str(receipt) in out
    assert main([*province, "import", str(pkg)]) == 0
    again = capsys.readouterr().out
    assert "already received" in again or "đã nhận trước đây" in again
    assert main([*office, "import", str(pkg)]) == 1  # addressed to the province
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err
    assert main([*office, "sent"]) == 0
    assert "chưa được xác nhận" in capsys.readouterr().out
    assert main([*office, "import", str(receipt)]) == 0
    assert main([*office, "sent"]) == 0
    assert "đã được xác nhận lúc" in capsys.readouterr().out
    assert main([*office, "export", "--round", "1", "--to", str(stick), "--changed-only"]) == 1
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err
    assert main([*office, "export", "--round", "99", "--to", str(stick)]) == 1
    assert main([*province, "keys", "list"]) == 0
