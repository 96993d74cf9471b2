"""How long work reports progress and learns that the officer wants it stopped.

Long service methods take a `progress` callable and call it as they go:
`progress(done, total, label)`. The caller (a progress bar in the terminal, a progress dialog in
the window) may raise `Cancelled` from inside that call; the work then stops where it is and its
transaction rolls back, so a cancelled job leaves no half-written data behind.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int, label: str = "") -> None: ...


class Cancelled(Exception):  # noqa: N818 - a signal, not an error
    """The officer stopped the work; nothing it did was kept."""


def silent(done: int, total: int, label: str = "") -> None:
    """The progress callback for callers that show nothing."""
