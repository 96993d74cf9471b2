"""The Qt binding itself: PySide6 6.12.0 drops a reference to True on every Signal.emit().

After enough emissions (a few thousand in a long session or a test run) Python frees True and
the program aborts with «bool_dealloc». pyproject.toml excludes that release; this test fails
if a broken binding is installed anyway.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    happened = Signal()


def test_emitting_a_signal_keeps_true_alive() -> None:
    sender = _Sender()
    before = sys.getrefcount(True)
    for _ in range(200):
        sender.happened.emit()
    assert sys.getrefcount(True) >= before - 10  # a few may move elsewhere; 200 must not vanish
