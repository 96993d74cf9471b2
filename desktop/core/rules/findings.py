"""What a condition finds, with its sentence formatted only when someone reads it.

Screening thousands of subjects needs only whether each condition holds; translating and
formatting every reason would cost most of the time. A `Finding` therefore carries a `Text`: an
`N_`-marked msgid and its parts, turned into the sentence (`_()` then `.format()`) when called.
A part is a plain value, or anything callable with no argument (another `Text`, a `partial`)
whose result is formatted in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial

from desktop.i18n import _

__all__ = ["Finding", "Text", "joined", "phrase"]


@dataclass(slots=True)
class Text:
    msgid: str  # marked with N_ where it is written
    parts: Mapping[str, object] | None = None

    def __call__(self) -> str:
        text = _(self.msgid)
        if not self.parts:
            return text
        return text.format(**{key: value() if callable(value) else value
                              for key, value in self.parts.items()})


@cache
def phrase(msgid: str) -> Text:
    """The `Text` of a msgid with no parts (a label, a phrase of a standard), made once."""
    return Text(msgid)


def _join(separator: str, texts: Sequence[Callable[[], str]]) -> str:
    return separator.join(text() for text in texts)


def joined(separator: str, texts: Sequence[Callable[[], str]]) -> Callable[[], str]:
    """The texts one after the other, `separator` between them, formatted when called."""
    return partial(_join, separator, texts)


@dataclass(slots=True)
class Finding:
    """One condition's outcome; `check` turns it into a `Reason` by reading `text`.

    It leaves the subject eligible when `ok or info` (an informational finding always does).
    """

    code: str
    ok: bool
    text: Callable[[], str]
    info: bool = False
