"""Type text into a widget as a keyboard would, Vietnamese letters included.

`QTest.keyClicks` handles ASCII only (it asserts on «ă», «đ»…); a Vietnamese keyboard (Unikey,
Telex) delivers each composed letter as one key event carrying its text, which this sends.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))
