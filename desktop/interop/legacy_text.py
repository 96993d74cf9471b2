"""TCVN3 (ABC) and VNI text from old sheets: recognise it cell by cell and convert it to Unicode.

Text typed with a .VnTime (TCVN3) or VNI-Times font reaches Excel as Latin-1 look-alikes:
«NguyÔn V¨n A» (TCVN3) or «Nguyeãn Vaên A» (VNI) for «Nguyễn Văn A». The two tables are data
(resources/legacy/vietnamese_8bit.toml). A cell is converted only when it cannot be read as
Vietnamese as it stands and exactly one of the two encodings turns it into valid Vietnamese
syllables; anything doubtful is left as it was.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop.paths import resource

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)

# Letters only Vietnamese Unicode text has (ă đ ĩ ũ ơ ư and the Latin Extended Additional
# block), and combining marks: a cell holding any of them is Unicode already.
_UNICODE_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u1ea0-\u1ef9\u0300-\u036f]"
)
# A "word" for the checks below: anything between spaces, ASCII digits and ASCII punctuation.
_WORD = re.compile(r"[^\s!-@\[-`{-~]+")

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _spaced(text: str) -> list[str]:
    return text.split()


_ONSETS = _spaced("ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x")
_NUCLEI = _spaced(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu"
)
_CODAS = _spaced("ch ng nh c k m n p t")  # k: Tây Nguyên names (Đắk, Lắk)


def _alternatives(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(
    f"({_alternatives(_ONSETS)})?({_alternatives(_NUCLEI)})({_alternatives(_CODAS)})?"
)
_MODIFIED_VOWELS = "ăâêôơư"
_STOPS = ("c", "ch", "k", "p", "t")
_STOP_TONES = ("\u0301", "\u0323")  # a syllable ending in a stop takes only sắc or nặng
# Nuclei that end the syllable: a glide or «ia ua ưa» takes no final consonant.
_OPEN_ONLY = frozenset(_spaced(
    "ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu ia ua ưa "
    "iêu oai oao oay oeo uây uôi ươi ươu yêu uyu"))


@dataclass(frozen=True)
class Table:
    encode: dict[str, str]  # Unicode letter → the text a sheet shows for it
    decode: dict[str, str]  # that text (one or two characters) → Unicode letter
    longest: int


def _cell_char(byte: int) -> str:
    """The character a sheet shows for a byte typed with a legacy font (Windows-1252)."""
    raw = bytes([byte])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return raw.decode("latin-1")


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    with resource("legacy", "vietnamese_8bit.toml").open("rb") as fp:
        data = tomllib.load(fp)
    tcvn_encode = {letter: _cell_char(byte) for letter, byte in data[TCVN3].items()}
    tcvn_decode = {chr(byte): letter for letter, byte in data[TCVN3].items()}  # Latin-1 reading
    tcvn_decode.update({shown: letter for letter, shown in tcvn_encode.items()})
    vni_encode = dict(data[VNI])
    vni_decode = {shown: letter for letter, shown in vni_encode.items()}
    return {
        TCVN3: Table(tcvn_encode, tcvn_decode, 1),
        VNI: Table(vni_encode, vni_decode, max(map(len, vni_decode))),
    }


def encode(text: str, encoding: str) -> str:
    """Unicode → the look-alike text a legacy font would leave in a sheet (for tests and demos).

    Raises ValueError for a character the encoding cannot hold.
    """
    table = tables()[encoding]
    out = []
    for char in unicodedata.normalize("NFC", text):
        shown = table.encode.get(char)
        if shown is None:
            if not char.isascii():
                raise ValueError(f"{char!r} has no {encoding} code")
            shown = char
        out.append(shown)
    return "".join(out)


def decode(text: str, encoding: str) -> str:
    """Legacy look-alike text → Unicode NFC, longest match first; other characters stay."""
    table = tables()[encoding]
    out = []
    i = 0
    while i < len(text):
        for size in range(table.longest, 0, -1):
            letter = table.decode.get(text[i:i + size])
            if letter is not None:
                out.append(letter)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """A Vietnamese syllable: onset, vowel nucleus, final consonant, one tone where it belongs."""
    bases: list[str] = []
    tone_at: list[int] = []
    tones: list[str] = []
    for char in word.lower():
        decomposed = unicodedata.normalize("NFD", char)
        for c in decomposed:
            if c in _TONES:
                tone_at.append(len(bases))
                tones.append(c)
        bases.append(unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                          if c not in _TONES)))
    m = _SYLLABLE.fullmatch("".join(bases))
    if m is None or len(tone_at) > 1 or any(len(b) != 1 for b in bases):
        return False
    if m.group(3) and m.group(2) in _OPEN_ONLY:
        return False
    if m.group(3) in _STOPS and tones and tones[0] not in _STOP_TONES:
        return False
    return not tone_at or tone_at[0] - m.start(2) in _tone_places(m.group(2), bool(m.group(3)))


def _tone_places(nucleus: str, closed: bool) -> set[int]:
    """Where the tone mark may sit in a vowel nucleus (old «hòa» and new «hoà» style both)."""
    marked = [i for i, c in enumerate(nucleus) if c in _MODIFIED_VOWELS]
    if marked:
        return {marked[-1]}
    if len(nucleus) == 1:
        return {0}
    if closed:
        return {len(nucleus) - 1}
    if len(nucleus) == 3:
        return {1}
    return {0, 1} if nucleus in ("oa", "oe", "uy") else {0}


def _word_ok(word: str) -> bool:
    if word.isascii():
        return True
    if not word.isalpha() or not is_syllable(word):
        return False
    # a capital after a small letter («NguyÔn») is how legacy text looks, not a name
    return not any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))


def reads_as_vietnamese(text: str) -> bool:
    """Every word is ASCII or a well-formed Vietnamese syllable."""
    return all(_word_ok(w) for w in _WORD.findall(text))


def fix_legacy(text: str, prefer: str | None = None) -> tuple[str, str | None]:
    """Return (Unicode text, encoding) for a TCVN3 or VNI cell, else (text, None) unchanged.

    A few short texts read as valid Vietnamese in both encodings («Löu»: «Lưu» in VNI, «Lửu» in
    TCVN3); `prefer`, the encoding the rest of the sheet uses, settles those.
    """
    if text.isascii() or _UNICODE_VIETNAMESE.search(text) or reads_as_vietnamese(text):
        return text, None
    found = []
    for encoding in ENCODINGS:
        converted = decode(text, encoding)
        if (converted != text and reads_as_vietnamese(converted)
                and any(len(w) > 1 and not w.isascii() for w in _WORD.findall(converted))):
            found.append((converted, encoding))
    if len(found) > 1:
        found = [f for f in found if f[1] == prefer]
    if len(found) != 1:
        return text, None
    return found[0][0], found[0][1]
