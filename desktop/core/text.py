"""Vietnamese text handling: normalisation, search keys, collation, dates, numbers, money.

Pure Python (stdlib only, no Qt, no ICU) so that the core, the store and the PDF export can use it.
Rules follow DOMAIN.md §6 (text) and §2.5 (money).

Collation follows CLDR ``vi`` with three levels, as ICU does:

1. primary: base letters ``a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z``
   (digraphs are not special); a space sorts first, then ASCII punctuation in ICU root order
   (``_-,;:!?.'"()[]{}@*/\\&#%`^+<=>|~$``), then other symbols and controls (by code point),
   then digits (by value), then those letters, then any other letter (by code point);
2. secondary: tones, unmarked < huyền < hỏi < ngã < sắc < nặng, compared left to right; other
   combining marks (ü, ç, …) come after the tones, by code point;
3. tertiary: case, lower before upper.

A fourth, "identical" level (the NFC code points) breaks the remaining ties, so two keys are
equal exactly when the strings are equal after :func:`nfc`; ORDER BY on the key is deterministic.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

__all__ = [
    "SortKey",
    "PersonSortKey",
    "nfc",
    "nfc_or_none",
    "search_key",
    "sort_key",
    "sort_key_str",
    "split_name",
    "person_sort_key",
    "person_sort_key_str",
    "format_date_vn",
    "format_place_date",
    "format_date_short",
    "format_number",
    "format_money",
    "number_to_words",
    "money_in_words",
    "money_with_words",
]

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]
"""(primary, secondary, tertiary, identical) weights; compare with ``<`` like any tuple."""

PersonSortKey = tuple[tuple[int, ...], tuple[int, ...], SortKey]
"""(primary of tên, secondary of tên, sort key of the whole name)."""


# --------------------------------------------------------------------------------------------
# Normalisation and search
# --------------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    """Return ``s`` in NFC with outer whitespace stripped and inner runs collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def nfc_or_none(s: str | None) -> str | None:
    """Like :func:`nfc`, but ``None`` and blank strings give ``None``."""
    if s is None:
        return None
    return nfc(s) or None


@lru_cache(maxsize=65536)
def search_key(s: str) -> str:
    """Return a case- and diacritic-insensitive key for filtering (``LIKE`` on a stored column).

    Both tone placements fold together («hòa»/«hoà»); «y» and «i» stay distinct («Vy» ≠ «Vi»).
    Anything that is not a letter or digit becomes a space; spaces are collapsed.
    """
    folded = unicodedata.normalize("NFC", s).casefold().replace("đ", "d")
    bare = "".join(c for c in unicodedata.normalize("NFD", folded) if not _is_mark(c))
    kept = "".join(c if c.isalnum() else " " for c in bare)
    return unicodedata.normalize("NFC", " ".join(kept.split()))


def _is_mark(c: str) -> bool:
    return unicodedata.category(c)[0] == "M"


# --------------------------------------------------------------------------------------------
# Collation
# --------------------------------------------------------------------------------------------

_LATIN = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LATIN_INDEX = {c: i for i, c in enumerate(_LATIN)}

# Vowel-forming marks (they change the base letter, hence the primary weight).
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

# Secondary weights: 1 = a base character, 2..6 = the tones, 7 + code point = any other mark.
_SEC_BASE = 1
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}
_SEC_OTHER = 7

# Tertiary weights.
_LOWER, _UPPER = 1, 2

# Primary weights, in collation order of the classes.
_PUNCT = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"  # ICU root order of ASCII punctuation
_PUNCT_RANK = {c: i for i, c in enumerate(_PUNCT)}
_P_SPACE = 1
_P_PUNCT = 2  # + rank in _PUNCT
_P_SYMBOL = _P_PUNCT + len(_PUNCT)  # + code point: other symbols, controls, a leading mark
_P_DIGIT = 0x120000  # + decimal value
_P_LATIN = 0x120010  # + index in _LATIN
_P_OTHER = 0x130000  # + code point of the lower-case letter

_Element = tuple[int, tuple[int, ...], int]  # (primary, secondary weights, tertiary)


def _elements(s: str) -> list[_Element]:
    """Split NFD text into collation elements: a base character with its combining marks."""
    groups: list[tuple[str, list[str]]] = []
    for c in unicodedata.normalize("NFD", s):
        if groups and _is_mark(c):
            groups[-1][1].append(c)
        else:
            groups.append((c, []))
    return [_element(base, marks) for base, marks in groups]


def _element(base: str, marks: list[str]) -> _Element:
    lower = base.lower()
    if len(lower) != 1:
        lower = base
    upper = base.isupper() or unicodedata.category(base) == "Lt"
    tertiary = _UPPER if upper else _LOWER
    if base == " ":
        primary = _P_SPACE
    elif lower in _LATIN_INDEX:
        for i, mark in enumerate(marks):
            letter = _MODIFIED.get((lower, mark))
            if letter is not None:
                lower = letter
                marks = marks[:i] + marks[i + 1 :]
                break
        primary = _P_LATIN + _LATIN_INDEX[lower]
    elif unicodedata.decimal(base, -1) >= 0:
        primary = _P_DIGIT + unicodedata.decimal(base)
    elif base.isalpha():
        primary = _P_OTHER + ord(lower)
    elif base in _PUNCT_RANK:
        primary = _P_PUNCT + _PUNCT_RANK[base]
    else:
        primary = _P_SYMBOL + ord(base)
    secondary = tuple(_TONES.get(m, _SEC_OTHER + ord(m)) for m in marks)
    return primary, secondary, tertiary


def _levels(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    elements = _elements(text)
    primary = tuple(e[0] for e in elements)
    secondary = tuple(w for e in elements for w in (_SEC_BASE, *e[1]))
    tertiary = tuple(e[2] for e in elements)
    return primary, secondary, tertiary


@lru_cache(maxsize=65536)
def sort_key(s: str) -> SortKey:
    """Return a Vietnamese (CLDR ``vi``) collation key for ``sorted(key=…)``.

    The text is passed through :func:`nfc` first, so NFD input and extra spaces do not matter.
    """
    text = nfc(s)
    primary, secondary, tertiary = _levels(text)
    return primary, secondary, tertiary, tuple(ord(c) for c in text)


# String encoding of the weights. Every level but the last ends with _END, which is lower than
# any weight code; the codes are prefix-free and increase with the weight, so plain code-point
# order of the string (= UTF-8 byte order, SQLite BINARY) equals the order of the tuples.
# No surrogates and no NUL are produced.
_END = "\x01"
_FIX = 0x800  # a "fixed" value is two characters in U+0800..U+0FFF (values below 0x400000)


def _fixed(v: int) -> str:
    return chr(_FIX + v // _FIX) + chr(_FIX + v % _FIX)


def _enc_primary(w: int) -> str:
    if w < _P_SYMBOL:  # space, ASCII punctuation: U+0002..U+0022
        return chr(w + 1)
    if w < _P_DIGIT:  # U+0023 + two characters
        return "#" + _fixed(w - _P_SYMBOL)
    if w < _P_LATIN:  # U+0030..U+0039, the digits themselves
        return chr(ord("0") + w - _P_DIGIT)
    if w < _P_OTHER:  # U+0040..U+0060
        return chr(0x40 + w - _P_LATIN)
    return "~" + _fixed(w - _P_OTHER)


def _enc_secondary(w: int) -> str:
    return chr(w + 1) if w < _SEC_OTHER else "\x08" + _fixed(w - _SEC_OTHER)


def _enc_identical(cp: int) -> str:
    return chr(cp + 2) if cp < 0xD000 else chr(0xD002) + _fixed(cp)  # below the surrogates


def _enc_levels(primary: tuple[int, ...], secondary: tuple[int, ...]) -> str:
    return (
        "".join(map(_enc_primary, primary)) + _END + "".join(map(_enc_secondary, secondary)) + _END
    )


@lru_cache(maxsize=65536)
def sort_key_str(s: str) -> str:
    """Return :func:`sort_key` encoded as a string whose code-point order is the same order.

    Store it in an indexed TEXT column (BINARY collation) and ``ORDER BY`` it.
    """
    primary, secondary, tertiary, identical = sort_key(s)
    return (
        _enc_levels(primary, secondary)
        + "".join(chr(w + 1) for w in tertiary)
        + _END
        + "".join(map(_enc_identical, identical))
    )


# --------------------------------------------------------------------------------------------
# Person names
# --------------------------------------------------------------------------------------------


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a full name into (họ, tên đệm, tên); one word is the tên."""
    words = nfc(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def person_sort_key(full_name: str) -> PersonSortKey:
    """Order people by tên (last word, ignoring case), then by the whole name from the họ."""
    name = nfc(full_name)
    primary, secondary, _ = _levels(split_name(name)[2])
    return primary, secondary, sort_key(name)


@lru_cache(maxsize=65536)
def person_sort_key_str(full_name: str) -> str:
    """Return :func:`person_sort_key` encoded like :func:`sort_key_str`."""
    name = nfc(full_name)
    primary, secondary, _ = _levels(split_name(name)[2])
    return _enc_levels(primary, secondary) + sort_key_str(name)


# --------------------------------------------------------------------------------------------
# Dates (Nghị định 30/2020: day 01–09 padded, month padded only for 01 and 02)
# --------------------------------------------------------------------------------------------

_BLANK = " " * 5


def format_date_vn(d: date | None, *, blank_day: bool = False) -> str:
    """Return «ngày 09 tháng 02 năm 2023»; ``blank_day`` leaves the day as five spaces.

    ``None`` gives an all-blank «ngày     tháng     năm     » for hand-filled drafts.
    """
    if d is None:
        return f"ngày{_BLANK}tháng{_BLANK}năm{_BLANK}"
    day = _BLANK if blank_day else f" {d.day:02d} "
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày{day}tháng {month} năm {d.year}"


def format_place_date(place: str, d: date | None, *, blank_day: bool = False) -> str:
    """Return «Đắk R'Lấp, ngày 09 tháng 02 năm 2023» (địa danh và thời gian)."""
    return f"{nfc(place)}, {format_date_vn(d, blank_day=blank_day)}"


def format_date_short(d: date | None) -> str:
    """Return «09/02/2023»; ``None`` gives an empty string."""
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


# --------------------------------------------------------------------------------------------
# Numbers and money
# --------------------------------------------------------------------------------------------


def format_number(n: int | Decimal, decimals: int | None = None) -> str:
    """Format with «.» for thousands and «,» for decimals: «2.340.000», «1,5», «-6,5».

    ``decimals`` rounds (half up) to that many places and keeps trailing zeros. With ``None``
    (the default) an int has no decimals and a Decimal keeps exactly its value without trailing
    zeros: Decimal("6.50") → «6,5», Decimal("1.000") → «1». Floats are refused (TypeError).
    """
    if isinstance(n, bool) or not isinstance(n, int | Decimal):
        raise TypeError(f"format_number() needs an int or a Decimal, not {type(n).__name__}")
    value = Decimal(n)
    if not value.is_finite():
        raise ValueError(f"cannot format {n!r}")
    if decimals is not None and decimals < 0:
        raise ValueError("decimals must be >= 0")
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + (decimals or 0) + 3)
        if decimals is None:
            value = value.normalize() if isinstance(n, Decimal) else value
        else:
            value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    out = f"{int(whole):,}".replace(",", ".")
    if frac:
        out += "," + frac
    return "-" + out if value < 0 else out


def _whole_dong(amount: int | Decimal) -> int:
    if isinstance(amount, Decimal):
        if not amount.is_finite() or amount != amount.to_integral_value():
            raise ValueError(f"an amount in đồng must be whole, got {amount}")
        return int(amount)
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"an amount needs an int or a Decimal, not {type(amount).__name__}")
    return amount


def format_money(amount: int | Decimal) -> str:
    """Return «2.340.000 đồng»; a Decimal with a fractional part raises ValueError."""
    return f"{format_number(_whole_dong(amount))} đồng"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9


def _group_words(n: int, full: bool) -> list[str]:
    """Read 0 < n < 1000; ``full`` reads an empty hundreds as «không trăm» and 0x as «linh x»."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += ["linh", _DIGITS[units]]
        elif units:
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _words(n: int, leading: bool) -> list[str]:
    """Read 0 < n < 10**18; a non-leading part reads every group in full."""
    words: list[str] = []
    if n >= _BILLION:
        high, n = divmod(n, _BILLION)
        words += [*_words(high, leading), "tỷ"]
        leading = False
    for value, unit in ((n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if value:
            words += _group_words(value, full=not leading)
            if unit:
                words.append(unit)
            leading = False
    return words


def number_to_words(n: int) -> str:
    """Read 0 ≤ n < 10**18 in Vietnamese, lower case: 105 → «một trăm linh năm».

    Official style: «nghìn», «linh», «mốt», «tư», «lăm», «không trăm» in inner groups, «tỷ»;
    above 10**12 the tỷ count is read as a number («một nghìn tỷ», «hai triệu tỷ»).
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"number_to_words() needs an int, not {type(n).__name__}")
    if not 0 <= n < 10**18:
        raise ValueError(f"number out of range 0..10**18-1: {n}")
    return " ".join(_words(n, True)) if n else _DIGITS[0]


def money_in_words(amount: int) -> str:
    """Return «Một triệu tám trăm nghìn đồng chẵn»; «chẵn» only for multiples of 1.000 đồng."""
    amount = _whole_dong(amount)
    words = number_to_words(amount)
    suffix = "đồng chẵn" if amount % 1000 == 0 else "đồng"
    return f"{words[0].upper()}{words[1:]} {suffix}"


def money_with_words(amount: int) -> str:
    """Return «1.800.000 đồng (Một triệu tám trăm nghìn đồng chẵn)»."""
    return f"{format_money(amount)} ({money_in_words(amount)})"
