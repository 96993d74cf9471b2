"""Long work on a worker thread: progress, cancel with rollback, user errors, crashes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.people import PersonInput
from desktop.core.progress import Progress
from desktop.core.service import Services
from desktop.errors import UserError
from desktop.gui.app import application
from desktop.gui.tasks import SHOW_AFTER_MS, Task, run_task, running_tasks


def _parent(qtbot: QtBot) -> QWidget:
    application()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _answer_next_box(seen: list[str], qtbot: QtBot) -> None:
    """Read the next modal message box as the officer would, then press its default button."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        seen.append(box.text())
        box.done(0)

    QTimer.singleShot(20, look)


def _progress_shown(parent: QWidget) -> list[QProgressDialog]:
    return [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def _wait_ended(qtbot: QtBot, task: Task) -> None:
    qtbot.waitUntil(lambda: not task.is_running(), timeout=10_000)


def test_work_runs_off_the_gui_thread_and_reports_progress(qtbot: QtBot) -> None:
    parent = _parent(qtbot)
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)

    def work(progress: Progress) -> int:
        seen["thread"] = threading.get_ident()
        for i in range(30):
            time.sleep(0.02)
            progress(i + 1, 30, "Đang in hồ sơ {n}".format(n=i + 1))
        return 42

    results: list[int] = []
    task = run_task(parent, "In đợt xét", work, on_success=results.append)
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: task.dialog.value() > 0, timeout=5_000)
    assert task.dialog.labelText().startswith("Đang in hồ sơ")
    assert task.dialog.maximum() == 30
    _wait_ended(qtbot, task)
    timer.stop()
    assert results == [42]
    assert task.outcome == "done"
    assert seen["thread"] != gui_thread
    assert len(ticks) > 10  # the GUI event loop kept turning while the work ran
    assert _progress_shown(parent) == []
    assert running_tasks() == []


def test_cancel_stops_the_work_and_keeps_nothing(qtbot: QtBot, services: Services) -> None:
    parent = _parent(qtbot)
    started = threading.Event()

    def work(progress: Progress) -> None:
        with services.transaction():
            services.people.create(PersonInput(full_name="Nguyễn Văn Huỷ", gender="nam"))
            started.set()
            for i in range(10_000):
                time.sleep(0.005)
                progress(i, 10_000, "")

    results: list[object] = []
    task = run_task(parent, "Nhập danh sách", work, on_success=results.append)
    qtbot.waitUntil(started.is_set, timeout=5_000)
    qtbot.waitUntil(lambda: task.dialog.isVisible(), timeout=5_000)
    button = task.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Hủy"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _wait_ended(qtbot, task)
    assert task.outcome == "cancelled"
    assert results == []
    assert _person_count(services) == 0


def _person_count(services: Services) -> int:
    from sqlalchemy import func, select

    from desktop.store.models import Person

    with services.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_gui_thread_reads_do_not_join_the_workers_transaction(
    qtbot: QtBot, services: Services
) -> None:
    parent = _parent(qtbot)
    inside = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> None:
        with services.transaction():
            services.people.create(PersonInput(full_name="Trần Thị Bình", gender="nu"))
            inside.set()
            release.wait(5)

    task = run_task(parent, "Ghi", work)
    qtbot.waitUntil(inside.is_set, timeout=5_000)
    assert _person_count(services) == 0  # the GUI sees only committed data
    release.set()
    _wait_ended(qtbot, task)
    assert _person_count(services) == 1


def test_user_error_is_one_sentence_in_a_message_box(qtbot: QtBot) -> None:
    parent = _parent(qtbot)
    sentence = "Tệp “ds.xlsx” không đúng mẫu; hãy dùng tệp mẫu của chương trình."

    def work(progress: Progress) -> None:
        progress(1, 2, "")
        raise UserError(sentence)

    shown: list[str] = []
    _answer_next_box(shown, qtbot)
    task = run_task(parent, "Nhập", work)
    _wait_ended(qtbot, task)
    qtbot.waitUntil(lambda: shown != [], timeout=5_000)
    assert task.outcome == "user-error"
    assert shown == [sentence]


def test_unexpected_error_goes_to_the_crash_dialog_and_file(qtbot: QtBot) -> None:
    from desktop import paths
    from desktop.logs import setup_logging

    setup_logging(paths.log_dir())
    parent = _parent(qtbot)

    def work(progress: Progress) -> None:
        raise ZeroDivisionError("chia cho 0")

    shown: list[str] = []
    _answer_next_box(shown, qtbot)
    task = run_task(parent, "Sao lưu", work)
    _wait_ended(qtbot, task)
    qtbot.waitUntil(lambda: shown != [], timeout=5_000)
    assert task.outcome == "crash"
    assert "lỗi" in shown[0].lower()
    crash_files = list(paths.log_dir().glob("crash-*.txt"))
    assert crash_files and "ZeroDivisionError" in crash_files[0].read_text(encoding="utf-8")


def test_quick_work_shows_no_dialog(qtbot: QtBot) -> None:
    parent = _parent(qtbot)
    work: Callable[[Progress], str] = lambda progress: "xong"  # noqa: E731
    results: list[str] = []
    task = run_task(parent, "Nhanh", work, on_success=results.append)
    _wait_ended(qtbot, task)
    qtbot.wait(SHOW_AFTER_MS + 100)
    assert results == ["xong"] and _progress_shown(parent) == []


def test_quiet_work_never_shows_the_dialog(qtbot: QtBot) -> None:
    parent = _parent(qtbot)

    def work(progress: Progress) -> str:
        for i in range(8):
            time.sleep(0.1)
            progress(i, 8, "")
        return "xong"

    seen: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen.append(len(_progress_shown(parent))))
    timer.start(50)
    task = run_task(parent, "Mở dữ liệu", work, quiet=True)
    _wait_ended(qtbot, task)
    timer.stop()
    assert task.outcome == "done" and seen and max(seen) == 0
