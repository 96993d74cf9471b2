"""Giao nộp: a district office sends its round on a "USB stick"; the province previews, imports."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop import paths
from desktop.core.service import Services
from desktop.exchange import keys
from desktop.gui.app import application
from desktop.gui.exchange_view import ExchangeView
from desktop.i18n import _
from desktop.store.database import Database
from desktop.store.models import Nomination

PASSPHRASE = "mat-khau-giao-nop"


@pytest.fixture(scope="module")
def key_homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The district office's and the province's keys (slow to make), each trusting the other."""
    base = tmp_path_factory.mktemp("gui-keys")
    made = {}
    for name, office in (("office", "Phòng Nội vụ huyện Đắk R'Lấp"), ("province", "Sở Nội vụ")):
        paths.set_home(base / name)
        keys.init_keys(PASSPHRASE, office_name=office)
        made[name] = base / name
    pubs = {n: keys.read_public_key_file(h / "config" / "keys" / keys.PUBLIC_FILE)
            for n, h in made.items()}
    for me, other, name in (("office", "province", "Sở Nội vụ"),
                            ("province", "office", "Phòng Nội vụ Đắk R'Lấp")):
        paths.set_home(made[me])
        keys.trust(pubs[other], name=name)
    paths.set_home(None)
    yield made


@pytest.fixture
def homes(key_homes: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, src in key_homes.items():
        out[name] = tmp_path / f"home-{name}"
        shutil.copytree(src / "config", out[name] / "config")
    return out


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """The passphrase typed when asked, and every warning the officer was shown."""
    seen: dict[str, list[Any]] = {"asked": [], "warnings": []}

    def get_text(*args: Any, **kwargs: Any) -> tuple[str, bool]:
        seen["asked"].append(args[2])
        return PASSPHRASE, True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: seen["warnings"].append(text))
    return seen


def _view(qtbot: QtBot, db: Database) -> ExchangeView:
    application()
    view = ExchangeView(Services(db))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def _wait(qtbot: QtBot, view: ExchangeView) -> str:
    task = view.task
    assert task is not None
    qtbot.waitUntil(lambda: not task.is_running(), timeout=60_000)
    return task.outcome


def _send(qtbot: QtBot, db: Database, homes: dict[str, Path], stick: Path, *,
          encrypt: bool = True) -> Path:
    paths.set_home(homes["office"])
    view = _view(qtbot, db)
    assert view.recipients.currentText().startswith("Sở Nội vụ")
    assert view.encrypt.isChecked()  # the province's key can decrypt: encrypt by default
    view.encrypt.setChecked(encrypt)
    stick.mkdir()
    view.folder.setText(str(stick))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert _wait(qtbot, view) == "done"
    assert view.last_export is not None
    written = view.last_export.path
    assert written.parent == stick
    assert written.name.endswith(".tdkt.age" if encrypt else ".tdkt")
    assert "có thể rút USB" in view.send_result.text()
    qtmodel_rows = [view.history.index(r, 1).data() for r in range(view.history.rowCount())]
    assert qtmodel_rows == ["Đã gửi"]
    return written


def _nominations(db: Database) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(Nomination)) or 0


def test_send_preview_and_import(qtbot: QtBot, demo_db: Database, db: Database,
                                 homes: dict[str, Path], tmp_path: Path,
                                 answers: dict[str, list[Any]], qtmodeltester: Any) -> None:
    package = _send(qtbot, demo_db, homes, tmp_path / "usb")
    paths.set_home(homes["province"])
    view = _view(qtbot, db)
    qtmodeltester.check(view.changes)
    qtmodeltester.check(view.history)
    assert not view.import_button.isEnabled()
    view.package_path.setText(str(package))
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    assert _wait(qtbot, view) == "done", answers["warnings"]
    rows = {view.changes.index(r, 0).data(): view.changes.index(r, 1).data()
            for r in range(view.changes.rowCount())}
    assert rows[_("Nominations")] == str(_nominations(demo_db))
    assert "Chưa có gì thay đổi" in view.receive_result.text()
    assert _nominations(db) == 0  # a preview changes nothing
    assert view.import_button.isEnabled()
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert _wait(qtbot, view) == "done", answers["warnings"]
    assert _nominations(db) == _nominations(demo_db)
    assert view.receive_result.text().startswith("Đã nhập")
    assert not view.import_button.isEnabled()
    assert [view.history.index(r, 1).data() for r in range(view.history.rowCount())] \
        == ["Đã nhận"]
    # the same package again: recognised, nothing to import
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    assert _wait(qtbot, view) == "done"
    assert "đã được nhận trước đây" in view.receive_result.text()
    assert not view.import_button.isEnabled()


def test_a_tampered_package_is_refused(qtbot: QtBot, demo_db: Database, db: Database,
                                       homes: dict[str, Path], tmp_path: Path,
                                       answers: dict[str, list[Any]]) -> None:
    package = _send(qtbot, demo_db, homes, tmp_path / "usb", encrypt=False)
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    package.write_bytes(bytes(data))
    paths.set_home(homes["province"])
    view = _view(qtbot, db)
    view.package_path.setText(str(package))
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    assert _wait(qtbot, view) == "user-error"
    assert len(answers["warnings"]) == 1
    message = answers["warnings"][0]
    assert "\n" not in message and "Traceback" not in message and message.endswith(".")
    assert not view.import_button.isEnabled() and _nominations(db) == 0


def test_export_needs_a_folder_and_the_right_passphrase(
        qtbot: QtBot, demo_db: Database, homes: dict[str, Path], tmp_path: Path,
        answers: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    paths.set_home(homes["office"])
    view = _view(qtbot, demo_db)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert answers["warnings"] == ["Hãy chọn USB hoặc thư mục để ghi gói hồ sơ."]
    view.folder.setText(str(tmp_path))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("sai-mat-khau", True))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert _wait(qtbot, view) == "user-error"
    assert answers["warnings"][-1] == keys_error_wrong_passphrase()
    assert list(tmp_path.glob("*.tdkt*")) == []


def keys_error_wrong_passphrase() -> str:
    with pytest.raises(Exception) as info:
        keys.load_keys("sai-mat-khau")
    return str(info.value)


def test_screenshot(qtbot: QtBot, demo_db: Database, homes: dict[str, Path],
                    tmp_path: Path) -> None:
    paths.set_home(homes["office"])
    view = _view(qtbot, demo_db)
    path = tmp_path / "exchange.png"
    assert view.grab().save(str(path)) and path.stat().st_size > 10_000
