"""TCVN3 and VNI text: exact tables, round trips on Vietnamese names, a conservative detector."""

from __future__ import annotations

import random
import shutil
import subprocess
import tomllib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.interop.legacy_text import (
    ENCODINGS,
    TCVN3,
    VNI,
    decode,
    encode,
    fix_legacy,
    is_syllable,
    tables,
)
from desktop.paths import resource

NAMES = tomllib.loads(resource("demo", "names.toml").read_text(encoding="utf-8"))
FAMILY = NAMES["family"]["names"]
MIDDLE = NAMES["male"]["middle"] + NAMES["female"]["middle"]
GIVEN = NAMES["male"]["given"] + NAMES["female"]["given"]
# Every letter Vietnamese adds to ASCII (lower case): 12 vowels × 6 tones + đ − the 6 plain vowels.
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
LETTERS = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} - set(VOWELS)
                 | {"đ", "ă", "â", "ê", "ô", "ơ", "ư"})

names = st.builds(
    lambda f, m, g: f"{f} {m} {g}",
    st.sampled_from(FAMILY), st.sampled_from(MIDDLE), st.sampled_from(GIVEN),
)


def test_each_table_covers_every_vietnamese_letter_once() -> None:
    assert len(LETTERS) == 67
    for encoding in ENCODINGS:
        table = tables()[encoding]
        letters = set(LETTERS) | {c.upper() for c in LETTERS}
        assert set(table.encode) == letters, encoding
        assert len(set(table.encode.values())) == len(letters), encoding  # no two share a code


def test_the_examples_officers_see() -> None:
    assert encode("Nguyễn Văn A", TCVN3) == "NguyÔn V¨n A"
    assert encode("Nguyễn Văn A", VNI) == "Nguyeãn Vaên A"
    assert fix_legacy("NguyÔn V¨n A") == ("Nguyễn Văn A", TCVN3)
    assert fix_legacy("Nguyeãn Vaên A") == ("Nguyễn Văn A", VNI)
    assert fix_legacy("UBND x· §¾k Ru") == ("UBND xã Đắk Ru", TCVN3)
    assert fix_legacy("Ñaék R'Laáp") == ("Đắk R'Lấp", VNI)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs GNU iconv")
def test_tcvn3_table_agrees_with_iconv() -> None:
    for letter in LETTERS + [c.upper() for c in LETTERS]:
        shown = encode(letter, TCVN3)
        byte = shown.encode("cp1252") if ord(shown) > 0xFF else shown.encode("latin-1")
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=byte,
                             capture_output=True, check=True).stdout.decode()
        assert unicodedata.normalize("NFC", out) == letter


@settings(max_examples=300, deadline=None)
@given(name=names, encoding=st.sampled_from(ENCODINGS))
def test_round_trip_on_names(name: str, encoding: str) -> None:
    legacy = encode(name, encoding)
    assert decode(legacy, encoding) == name
    assert fix_legacy(legacy) in ((name, encoding), (legacy, None))  # never a wrong guess
    assert fix_legacy(legacy, prefer=encoding) in ((name, encoding), (legacy, None))


@settings(max_examples=300, deadline=None)
@given(name=names)
def test_unicode_names_are_never_touched(name: str) -> None:
    assert fix_legacy(name) == (name, None)
    assert fix_legacy(name.upper()) == (name.upper(), None)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_almost_every_legacy_name_is_recognised(encoding: str) -> None:
    """Measured over all 243,880 names the demo lists give: 98.5 % of TCVN3 and VNI names are
    recognised cell by cell (98.6 / 98.9 % with the sheet's encoding), none wrongly; the rest
    («Hoàng» is VNI for «Hồng») read as Vietnamese as typed and are left alone."""
    rng = random.Random(7)
    names = {f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(4000)}
    pairs = [(name, legacy) for name in sorted(names)
             if (legacy := encode(name, encoding)) != name]
    alone = [fix_legacy(legacy) for _name, legacy in pairs]
    in_context = [fix_legacy(legacy, prefer=encoding) for _name, legacy in pairs]
    assert not [r for r in alone + in_context if r[1] not in (None, encoding)]
    assert sum(r[0] == n for r, (n, _l) in zip(alone, pairs, strict=True)) > 0.96 * len(pairs)
    assert sum(r[0] == n for r, (n, _l) in zip(in_context, pairs, strict=True)) > (
        0.97 * len(pairs))


@pytest.mark.parametrize("text", [
    "José Müller", "Café Hà Nội", "Lê Hà", "Hòa", "Đắk R'Lấp", "ABC-123", "© 2023", "Tổng: 12",
    "Phòng Nội vụ – Văn phòng", "Ông Ké", "",
])
def test_ordinary_text_stays(text: str) -> None:
    assert fix_legacy(text) == (text, None)


def test_syllables() -> None:
    for word in ("nguyễn", "Trường", "khuỷu", "quốc", "gì", "Đắk", "thuở", "oanh", "hoà", "hòa",
                 "thủy", "thuỷ"):
        assert is_syllable(word), word
    for word in ("nguyôn", "müller", "hộlốne", "aê", "hoàá", "lùc", "quèc", "maùnh", "taù"):
        assert not is_syllable(word), word
