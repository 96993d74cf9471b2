"""Tests for desktop.core.text: normalisation, search keys, collation, dates, numbers, money."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.text import (
    format_date_short,
    format_date_vn,
    format_money,
    format_number,
    format_place_date,
    money_in_words,
    money_with_words,
    nfc,
    nfc_or_none,
    number_to_words,
    person_sort_key,
    person_sort_key_str,
    search_key,
    sort_key,
    sort_key_str,
    split_name,
)

FAST = settings(max_examples=100, deadline=None)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def cmp(a: Any, b: Any) -> int:
    return int(a > b) - int(a < b)


# --------------------------------------------------------------------------------------------
# Strategies: a Vietnamese alphabet with all 134 precomposed Vietnamese letters
# --------------------------------------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # huyền hỏi ngã sắc nặng
TONED = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES]
VIET_LOWER = TONED + list("ăâêôơư") + ["đ"]
VIET_LETTERS = VIET_LOWER + [c.upper() for c in VIET_LOWER]
ALPHABET = (
    VIET_LETTERS
    + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    + list("0123456789")
    + [" ", " ", " ", "\t", "'", "-", ".", ","]
)


def test_alphabet_has_all_134_vietnamese_letters() -> None:
    assert len(set(VIET_LETTERS)) == 134
    assert all(len(c) == 1 and ord(c) > 0x7F for c in VIET_LETTERS)


def _normal_form(s: str, decompose: bool) -> str:
    return unicodedata.normalize("NFD" if decompose else "NFC", s)


viet_text = st.builds(_normal_form, st.text(alphabet=ALPHABET, max_size=14), st.booleans())
# A small alphabet so that random pairs often tie on the primary level.
dense_text = st.lists(
    st.sampled_from(list("aàảãáạAÀăắâdđĐuüçñ- ") + ["a\u0301", "A\u0323", "a\u0308\u0301"]),
    max_size=4,
).map("".join)
# Characters from every class and escape range of the key encoding.
EXOTIC = list("aAáăđĐ ü1١߁𝟏9_-'.«»–…€$©中日한ⅫßøæαΩǅǆİı") + ["\x00", "\x7f", "\U0001f600", "\ue000"]
exotic_text = st.lists(st.sampled_from(EXOTIC), max_size=3).map("".join)
any_text = st.text(max_size=12)
viet_word = st.text(alphabet=VIET_LETTERS + list("abcdghiklmnoprstuvxy"), min_size=1, max_size=6)
viet_name = st.lists(viet_word, min_size=1, max_size=5).map(" ".join)


# --------------------------------------------------------------------------------------------
# nfc
# --------------------------------------------------------------------------------------------


def test_nfc_composes_and_collapses_whitespace() -> None:
    assert nfc(nfd("  Nguyễn \t Văn\n\nHưởng  ")) == "Nguyễn Văn Hưởng"
    assert nfc("Ủy\u00a0ban  nhân dân") == "Ủy ban nhân dân"
    assert nfc(nfd("Đắk R'Lấp")) == "Đắk R'Lấp"
    assert nfc("") == ""
    assert nfc(" \n ") == ""


def test_nfc_or_none() -> None:
    assert nfc_or_none(None) is None
    assert nfc_or_none("") is None
    assert nfc_or_none("  \t") is None
    assert nfc_or_none(nfd(" Hòa ")) == "Hòa"


@FAST
@given(viet_text)
def test_nfc_is_idempotent_and_nfc(s: str) -> None:
    out = nfc(s)
    assert nfc(out) == out
    assert unicodedata.is_normalized("NFC", out)
    assert out == out.strip()
    assert "  " not in out


# --------------------------------------------------------------------------------------------
# search_key
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nguyễn Văn Hưởng", "nguyen van huong"),
        ("Đắk R'Lấp", "dak r lap"),
        ("ĐẮK R’LẤP", "dak r lap"),
        ("Ủy ban nhân dân huyện Đắk R'Lấp", "uy ban nhan dan huyen dak r lap"),
        ("Hội đồng Thi đua - Khen thưởng", "hoi dong thi dua khen thuong"),
        ("Số: 15/TTr-UBND", "so 15 ttr ubnd"),
        ("  Lê   Thị. Ánh,  ", "le thi anh"),
        ("Nghị định số 152/2025/NĐ-CP", "nghi dinh so 152 2025 nd cp"),
        ("", ""),
        (" - ", ""),
    ],
)
def test_search_key_examples(text: str, key: str) -> None:
    assert search_key(text) == key
    assert search_key(nfd(text)) == key


def test_search_key_folds_tone_placement_but_keeps_y_and_i() -> None:
    assert search_key("hòa") == search_key("hoà") == "hoa"
    assert search_key("Thủy") == search_key("Thuỷ") == "thuy"
    assert search_key("CỘNG HÒA") == search_key("cộng hoà")
    assert search_key("Vy") != search_key("Vi")
    assert search_key("Kỷ") != search_key("Kỉ")


@FAST
@given(st.one_of(viet_text, any_text))
def test_search_key_is_idempotent(s: str) -> None:
    key = search_key(s)
    assert search_key(key) == key


@FAST
@given(viet_text)
def test_search_key_ignores_form_and_case(s: str) -> None:
    key = search_key(s)
    assert search_key(nfd(s)) == key
    assert search_key(unicodedata.normalize("NFC", s)) == key
    assert search_key(s.upper()) == key
    assert search_key(s.lower()) == key
    assert re.fullmatch(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?", key)


# --------------------------------------------------------------------------------------------
# sort_key / sort_key_str
# --------------------------------------------------------------------------------------------


def test_vietnamese_order_of_the_reference_list() -> None:
    names = ["Đào", "Dương", "Zô", "Ánh", "An", "Ân", "Ăn", "Bình", "đức", "Oanh", "Ông", "Ơn"]
    names += ["Uyên", "Ưng"]
    expected = "An, Ánh, Ăn, Ân, Bình, Dương, Đào, đức, Oanh, Ông, Ơn, Uyên, Ưng, Zô"
    assert ", ".join(sorted(names, key=sort_key)) == expected
    assert ", ".join(sorted(names, key=sort_key_str)) == expected
    assert ", ".join(sorted(map(nfd, names), key=sort_key)) == nfd(expected)


def test_tone_order() -> None:
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    for shuffled in (tones[::-1], tones[2:] + tones[:2]):
        assert sorted(shuffled, key=sort_key) == tones
        assert sorted(shuffled, key=sort_key_str) == tones
        assert sorted(map(nfd, shuffled), key=sort_key) == [nfd(t) for t in tones]


def test_base_letter_order() -> None:
    alphabet = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    assert sorted(reversed(alphabet), key=sort_key) == alphabet
    assert sorted(reversed(alphabet), key=sort_key_str) == alphabet


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("Anh", "Ăn"),  # primary: a < ă decides before the length
        ("Dz", "Đa"),  # d < đ
        ("Chi", "Cu"),  # digraphs are not letters: h < u
        ("Ngọc", "Nhung"),  # g < h
        ("An Bình", "Anh"),  # a space sorts before letters
        ("An", "An Bình"),  # a prefix sorts first
        ("10", "9"),  # digits compare digit by digit, as in ICU
        ("2023", "An"),  # digits before letters
        ("An-", "An0"),  # punctuation before digits
        ("An", "An-"),
        ("an", "An"),  # tertiary: lower before upper
        ("An", "àn"),  # tone (secondary) before case (tertiary)
        ("má b", "ma c"),  # primary before secondary
        ("mà mả", "mả mà"),  # secondary left to right
        ("a", "á"),
        ("hòa", "hóa"),
        ("Đào", "đào2"),
        ("Đà", "đào"),
    ],
)
def test_pairwise_order(lower: str, higher: str) -> None:
    assert sort_key(lower) < sort_key(higher)
    assert sort_key_str(lower) < sort_key_str(higher)
    assert sort_key(nfd(lower)) < sort_key(nfd(higher))


def test_other_marks_sort_after_the_tones() -> None:
    # Same order as ICU / QCollator("vi_VN"): Vietnamese tones first, then other accents.
    words = ["c", "ç", "ca", "ça", "n", "ñ", "na", "ña", "u", "U", "ù", "ủ", "ũ", "ú", "ụ", "ü"]
    words += ["Ü", "ǘ", "ua", "úa", "üa", "ưa"]
    assert sorted(reversed(words), key=sort_key) == words
    assert sorted(reversed(words), key=sort_key_str) == words


def test_sort_key_normalises_input() -> None:
    assert sort_key(nfd("Nguyễn Văn Hưởng")) == sort_key("Nguyễn Văn Hưởng")
    assert sort_key_str("  Lê \t Văn  An ") == sort_key_str("Lê Văn An")
    assert sort_key("hòa") != sort_key("hoà")  # distinct strings never tie


@FAST
@given(st.one_of(viet_text, dense_text), st.one_of(viet_text, dense_text))
def test_sort_key_and_sort_key_str_agree(a: str, b: str) -> None:
    ka, kb = sort_key(a), sort_key(b)
    sa, sb = sort_key_str(a), sort_key_str(b)
    assert cmp(ka, kb) == cmp(sa, sb)
    assert cmp(sa.encode(), sb.encode()) == cmp(sa, sb)  # SQLite BINARY compares UTF-8 bytes
    assert (ka == kb) == (nfc(a) == nfc(b))


def test_sort_key_str_agrees_on_exotic_characters() -> None:
    texts = EXOTIC + [a + b for a in EXOTIC for b in ("a", "ü", "١", "€", "中")]
    by_key = sorted(texts, key=sort_key)
    assert sorted(texts, key=sort_key_str) == by_key
    assert sorted(texts, key=lambda t: sort_key_str(t).encode()) == by_key
    assert by_key.index(" ") < by_key.index("_") < by_key.index("€") < by_key.index("1")
    assert by_key.index("9") < by_key.index("a") < by_key.index("ß") < by_key.index("中")


@FAST
@given(st.one_of(any_text, exotic_text), st.one_of(any_text, exotic_text))
def test_sort_key_str_agrees_on_any_unicode(a: str, b: str) -> None:
    sa, sb = sort_key_str(a), sort_key_str(b)
    assert cmp(sort_key(a), sort_key(b)) == cmp(sa, sb)
    assert (sa == sb) == (nfc(a) == nfc(b))
    assert "\x00" not in sa
    sa.encode("utf-8")  # no surrogates


@FAST
@given(dense_text, dense_text, dense_text)
def test_sort_key_is_a_total_order(a: str, b: str, c: str) -> None:
    ka, kb, kc = sort_key(a), sort_key(b), sort_key(c)
    assert cmp(ka, kb) == -cmp(kb, ka)
    if ka <= kb <= kc:
        assert ka <= kc
    assert sort_key(nfd(a)) == ka


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(viet_text, dense_text), max_size=25))
def test_sqlite_order_by_sort_key_str(texts: list[str]) -> None:
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE TABLE t (name TEXT, k TEXT)")
        con.execute("CREATE INDEX t_k ON t (k)")
        con.executemany("INSERT INTO t VALUES (?, ?)", [(nfc(s), sort_key_str(s)) for s in texts])
        got = [row[0] for row in con.execute("SELECT name FROM t ORDER BY k")]
    finally:
        con.close()
    assert got == sorted((nfc(s) for s in texts), key=sort_key)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Nguyễn Quang Tú", ("Nguyễn", "Quang", "Tú")),
        ("Lê An", ("Lê", "", "An")),
        ("Khai", ("", "", "Khai")),
        ("  Trần   Văn  Bình ", ("Trần", "Văn", "Bình")),
        ("", ("", "", "")),
    ],
)
def test_split_name(full: str, parts: tuple[str, str, str]) -> None:
    assert split_name(full) == parts
    assert split_name(nfd(full)) == parts


def test_person_order_by_given_name_then_from_the_start() -> None:
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An"]
    expected = ["Lê Văn An", "Nguyễn Thị An", "Trần Văn Bình"]
    assert sorted(people, key=person_sort_key) == expected
    assert sorted(people, key=person_sort_key_str) == expected


def test_person_order_groups_given_names() -> None:
    people = ["Lê Thị Ánh", "Phạm Anh", "Nguyễn Văn Anh", "Anh", "Đỗ Văn anh", "Bùi Ân", "Vũ Ăn"]
    expected = ["Anh", "Đỗ Văn anh", "Nguyễn Văn Anh", "Phạm Anh", "Lê Thị Ánh", "Vũ Ăn", "Bùi Ân"]
    assert sorted(people, key=person_sort_key) == expected
    assert sorted(people, key=person_sort_key_str) == expected


@FAST
@given(st.one_of(viet_name, dense_text), st.one_of(viet_name, dense_text))
def test_person_keys_agree(a: str, b: str) -> None:
    ka, kb = person_sort_key(a), person_sort_key(b)
    assert cmp(ka, kb) == cmp(person_sort_key_str(a), person_sort_key_str(b))
    assert (ka == kb) == (nfc(a) == nfc(b))
    assert person_sort_key(nfd(a)) == ka
    assert person_sort_key_str(nfd(a)) == person_sort_key_str(a)
    ta, tb = split_name(a)[2], split_name(b)[2]
    if sort_key(ta)[:2] != sort_key(tb)[:2]:  # different given names: they alone decide
        assert cmp(ka, kb) == cmp(sort_key(ta)[:2], sort_key(tb)[:2])


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2023, 2, 9), "ngày 09 tháng 02 năm 2023"),
        (date(2022, 11, 28), "ngày 28 tháng 11 năm 2022"),
        (date(2025, 3, 5), "ngày 05 tháng 3 năm 2025"),
        (date(2025, 6, 14), "ngày 14 tháng 6 năm 2025"),
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
        (date(2024, 10, 10), "ngày 10 tháng 10 năm 2024"),
        (datetime(2023, 2, 9, 15, 30), "ngày 09 tháng 02 năm 2023"),
    ],
)
def test_format_date_vn(d: date, text: str) -> None:
    assert format_date_vn(d) == text


def test_date_padding_rule_for_every_day_of_a_year() -> None:
    for ordinal in range(date(2024, 1, 1).toordinal(), date(2024, 12, 31).toordinal() + 1):
        d = date.fromordinal(ordinal)
        m = re.fullmatch(r"ngày (\d+) tháng (\d+) năm 2024", format_date_vn(d))
        assert m is not None
        day, month = m.groups()
        assert day == f"{d.day:02d}"
        assert month == (f"0{d.month}" if d.month in (1, 2) else str(d.month))


def test_blank_dates_and_place() -> None:
    assert format_date_vn(date(2023, 2, 9), blank_day=True) == "ngày     tháng 02 năm 2023"
    assert format_date_vn(None) == "ngày     tháng     năm     "
    assert (
        format_place_date("Đắk R'Lấp", date(2023, 2, 9)) == "Đắk R'Lấp, ngày 09 tháng 02 năm 2023"
    )
    assert (
        format_place_date(nfd(" Đắk R'Lấp "), date(2023, 2, 9), blank_day=True)
        == "Đắk R'Lấp, ngày     tháng 02 năm 2023"
    )
    assert format_place_date("Hà Nội", date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"


def test_format_date_short() -> None:
    assert format_date_short(date(2023, 2, 9)) == "09/02/2023"
    assert format_date_short(date(2022, 11, 28)) == "28/11/2022"
    assert format_date_short(date(2023, 1, 13)) == "13/01/2023"
    assert format_date_short(None) == ""


# --------------------------------------------------------------------------------------------
# Numbers and money
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((2_340_000,), "2.340.000"),
        ((0,), "0"),
        ((999,), "999"),
        ((1000,), "1.000"),
        ((2023,), "2.023"),
        ((-1_234_567,), "-1.234.567"),
        ((10**18,), "1.000.000.000.000.000.000"),
        ((1234, 2), "1.234,00"),
        ((Decimal("1.5"),), "1,5"),
        ((Decimal("6.50"),), "6,5"),
        ((Decimal("6.50"), 2), "6,50"),
        ((Decimal("1.000"),), "1"),
        ((Decimal("1E+3"),), "1.000"),
        ((Decimal("-0.3"),), "-0,3"),
        ((Decimal("1.25"), 1), "1,3"),  # half up
        ((Decimal("2.5"), 0), "3"),
        ((Decimal("-2.5"), 0), "-3"),
        ((Decimal("-0.04"), 1), "0,0"),  # no "-0"
        ((Decimal("1234567.891"), 2), "1.234.567,89"),
        ((Decimal("1e30"), 1), "1" + ".000" * 10 + ",0"),
    ],
)
def test_format_number(args: tuple[int | Decimal, int], text: str) -> None:
    assert format_number(*args) == text


def test_format_number_rejects_bad_input() -> None:
    with pytest.raises(TypeError):
        format_number(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_number(Decimal("NaN"))
    with pytest.raises(ValueError):
        format_number(1, -1)


@FAST
@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_format_number_int_grouping(n: int) -> None:
    text = format_number(n)
    assert int(text.replace(".", "")) == n
    assert re.fullmatch(r"-?\d{1,3}(?:\.\d{3})*", text)


def test_format_money() -> None:
    assert format_money(2_340_000) == "2.340.000 đồng"
    assert format_money(Decimal("710000.00")) == "710.000 đồng"
    assert format_money(-710_000) == "-710.000 đồng"
    assert format_money(0) == "0 đồng"
    with pytest.raises(ValueError):
        format_money(Decimal("702000.5"))


# Hand-written readings (official style), independent of the implementation.
WORDS = {
    0: "không",
    1: "một",
    4: "bốn",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi tư",
    25: "hai mươi lăm",
    31: "ba mươi mốt",
    44: "bốn mươi tư",
    55: "năm mươi lăm",
    99: "chín mươi chín",
    100: "một trăm",
    101: "một trăm linh một",
    104: "một trăm linh bốn",
    105: "một trăm linh năm",
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    999: "chín trăm chín mươi chín",
    1000: "một nghìn",
    1001: "một nghìn không trăm linh một",
    1015: "một nghìn không trăm mười lăm",
    1021: "một nghìn không trăm hai mươi mốt",
    1100: "một nghìn một trăm",
    2_340_000: "hai triệu ba trăm bốn mươi nghìn",
    702_000: "bảy trăm linh hai nghìn",
    1_050_000: "một triệu không trăm năm mươi nghìn",
    1_000_005: "một triệu không trăm linh năm",
    2_000_000: "hai triệu",
    10_530_000: "mười triệu năm trăm ba mươi nghìn",
    28_080_000: "hai mươi tám triệu không trăm tám mươi nghìn",
    1_000_000_000: "một tỷ",
    1_000_000_001: "một tỷ không trăm linh một",
    2_500_000_000: "hai tỷ năm trăm triệu",
    10**12: "một nghìn tỷ",
    1_005_000_000_000: "một nghìn không trăm linh năm tỷ",
    10**15: "một triệu tỷ",
    2 * 10**15: "hai triệu tỷ",
}


@pytest.mark.parametrize(("n", "words"), sorted(WORDS.items()))
def test_number_to_words_examples(n: int, words: str) -> None:
    assert number_to_words(n) == words


ONES = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
AFTER_MUOI = {0: "", 1: "mốt", 4: "tư", 5: "lăm"}  # units after «… mươi» (tens ≥ 2)
AFTER_MUOI_10 = {0: "", 5: "lăm"}  # units after «mười»


def ref_below_100(n: int) -> str:
    tens, units = divmod(n, 10)
    if tens == 0:
        return ONES[units]
    if tens == 1:
        return " ".join(filter(None, ["mười", AFTER_MUOI_10.get(units, ONES[units])]))
    return " ".join(filter(None, [ONES[tens], "mươi", AFTER_MUOI.get(units, ONES[units])]))


def ref_tail(r: int) -> str:
    """0 < r < 100 after a hundreds word: «linh x» or the two-digit reading."""
    return f"linh {ONES[r]}" if r < 10 else ref_below_100(r)


def ref_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return ref_below_100(rest)
    head = f"{ONES[hundreds]} trăm"
    return head if rest == 0 else f"{head} {ref_tail(rest)}"


def test_number_to_words_matches_rules_0_to_999() -> None:
    for n in range(1000):
        assert number_to_words(n) == ref_below_1000(n), n


def test_number_to_words_matches_rules_1000_to_1100() -> None:
    for n in range(1000, 1101):
        rest = n - 1000
        if rest == 0:
            expected = "một nghìn"
        elif rest == 100:
            expected = "một nghìn một trăm"
        else:
            expected = f"một nghìn không trăm {ref_tail(rest)}"
        assert number_to_words(n) == expected, n


def test_number_to_words_inner_groups() -> None:
    for n in range(1000):
        for unit, scale in (("nghìn", 10**3), ("triệu", 10**6), ("tỷ", 10**9)):
            if n:
                inner = f"không trăm {ref_tail(n % 100)}" if n < 100 else ref_below_1000(n)
                assert number_to_words(7 * scale + n) == f"bảy {unit} {inner}"
                assert number_to_words(n * scale) == f"{ref_below_1000(n)} {unit}"


def test_number_to_words_is_injective_on_a_range() -> None:
    readings = {number_to_words(n) for n in range(20_000)}
    assert len(readings) == 20_000


DIGIT = {w: i for i, w in enumerate(ONES)} | {"mốt": 1, "tư": 4, "lăm": 5}


def parse_group(tokens: list[str]) -> int:
    value = 0
    if len(tokens) >= 2 and tokens[1] == "trăm":
        value, tokens = DIGIT[tokens[0]] * 100, tokens[2:]
    if not tokens:
        return value
    if tokens[0] == "linh":
        (unit,) = tokens[1:]
        return value + DIGIT[unit]
    if tokens[0] == "mười":
        return value + 10 + sum(DIGIT[t] for t in tokens[1:2])
    if len(tokens) >= 2 and tokens[1] == "mươi":
        return value + DIGIT[tokens[0]] * 10 + sum(DIGIT[t] for t in tokens[2:3])
    (unit,) = tokens
    return value + DIGIT[unit]


def parse_words(tokens: list[str]) -> int:
    """A small reader of Vietnamese number words, used to prove the readings are unambiguous."""
    if "tỷ" in tokens:
        i = len(tokens) - 1 - tokens[::-1].index("tỷ")
        return parse_words(tokens[:i]) * 10**9 + parse_words(tokens[i + 1 :])
    for unit, scale in (("triệu", 10**6), ("nghìn", 10**3)):
        if unit in tokens:
            i = tokens.index(unit)
            return parse_group(tokens[:i]) * scale + parse_words(tokens[i + 1 :])
    return parse_group(tokens) if tokens else 0


@FAST
@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_number_to_words_round_trips_and_follows_style(n: int) -> None:
    words = number_to_words(n)
    assert parse_words(words.split()) == n
    assert words == words.lower() == words.strip()
    assert "  " not in words
    padded = f" {words} "
    for bad in ("ngàn", " lẻ ", "mươi một", "mươi năm", "mươi bốn", "mười mốt", "linh mốt"):
        assert bad not in padded, (n, bad)
    for bad in ("linh lăm", "linh tư", " mươi mươi", "mười mươi", "không mươi", " không không"):
        assert bad not in padded, (n, bad)
    assert not padded.startswith(" không") or n == 0
    assert not padded.startswith(" linh")


def test_number_to_words_range() -> None:
    assert number_to_words(10**18 - 1).startswith("chín trăm chín mươi chín triệu")
    with pytest.raises(ValueError):
        number_to_words(-1)
    with pytest.raises(ValueError):
        number_to_words(10**18)


def test_money_in_words() -> None:
    assert money_in_words(1_800_000) == "Một triệu tám trăm nghìn đồng chẵn"
    assert money_in_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng chẵn"
    assert money_in_words(702_000) == "Bảy trăm linh hai nghìn đồng chẵn"
    assert money_in_words(1_234_567) == (
        "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"
    )
    assert money_in_words(1_000_500) == "Một triệu năm trăm đồng"
    assert money_in_words(1_001_000) == "Một triệu không trăm linh một nghìn đồng chẵn"
    assert money_in_words(0) == "Không đồng chẵn"
    with pytest.raises(ValueError):
        money_in_words(-1)


def test_money_with_words() -> None:
    assert money_with_words(1_800_000) == "1.800.000 đồng (Một triệu tám trăm nghìn đồng chẵn)"
    assert money_with_words(710_000) == "710.000 đồng (Bảy trăm mười nghìn đồng chẵn)"
    assert money_with_words(18_720_000) == (
        "18.720.000 đồng (Mười tám triệu bảy trăm hai mươi nghìn đồng chẵn)"
    )


@FAST
@given(st.integers(min_value=0, max_value=10**15))
def test_money_in_words_shape(amount: int) -> None:
    text = money_in_words(amount)
    assert text[0].isupper() and text[1:] == text[1:].lower()
    assert text.endswith(" đồng chẵn") == (amount % 1000 == 0)
    assert text.endswith((" đồng", " đồng chẵn"))
    assert text.lower().startswith(number_to_words(amount))


# --------------------------------------------------------------------------------------------
# NFD input gives the same output as NFC input, for every function that takes text
# --------------------------------------------------------------------------------------------


@FAST
@given(viet_text)
def test_nfd_and_nfc_inputs_agree(s: str) -> None:
    composed, decomposed = unicodedata.normalize("NFC", s), nfd(s)
    functions: list[Any] = [nfc, nfc_or_none, search_key, sort_key, sort_key_str, split_name]
    functions += [person_sort_key, person_sort_key_str]
    for fn in functions:
        assert fn(composed) == fn(decomposed), fn
    d = date(2023, 2, 9)
    assert format_place_date(composed, d) == format_place_date(decomposed, d)
