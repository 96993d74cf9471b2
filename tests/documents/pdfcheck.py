"""Reading PDFs back with poppler (pdftotext, pdffonts, pdfinfo) the way a reader sees them."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4
A4_PORTRAIT = (595.28, 841.89)
A4_LANDSCAPE = (841.89, 595.28)


def _file(pdf: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="pdfcheck-"))
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    return path


def text(pdf: bytes, first: int | None = None, last: int | None = None,
         layout: bool = False) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    out = subprocess.run([*cmd, str(_file(pdf)), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def flat(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    """The text with every run of white space made one space (lines joined)."""
    return " ".join(text(pdf, first, last).split())


def page_texts(pdf: bytes) -> list[str]:
    """The flat text of each page (one pdftotext run)."""
    pages = text(pdf).split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]
    return [" ".join(p.split()) for p in pages]


def font_rows(pdf: bytes) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(_file(pdf))], capture_output=True, check=True)
    return [line.split() for line in out.stdout.decode().splitlines()[2:]]


def assert_fonts_embedded(pdf: bytes) -> None:
    """Every font that draws text is a subset of Liberation Serif, embedded, with Unicode."""
    rows = [r for r in font_rows(pdf) if r[0] != "Helvetica"]  # ReportLab's unused default
    assert rows
    for r in rows:
        assert re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-\w+)?", r[0]), r
        assert r[-5:-2] == ["yes", "yes", "yes"], r  # emb sub uni


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(_file(pdf))],
                         capture_output=True, check=True).stdout.decode()
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]


def assert_a4(pdf: bytes, landscape: bool = False) -> int:
    sizes = page_sizes(pdf)
    want = A4_LANDSCAPE if landscape else A4_PORTRAIT
    assert sizes and all(abs(w - want[0]) < 0.1 and abs(h - want[1]) < 0.1 for w, h in sizes)
    return len(sizes)


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float


def words(pdf: bytes) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", str(_file(pdf)), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    found: list[Word] = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r"(.*?)</word>", page):
            found.append(Word(number, unescape(word), float(x0), float(y0), float(x1),
                              float(y1)))
    return found


def page_number_words(pdf: bytes, width: float, top_mm: float = 20) -> dict[int, Word]:
    """Per page, a lone number drawn in the top margin, if any."""
    return {w.page: w for w in words(pdf)
            if w.text.isdigit() and w.y1 <= top_mm * MM and abs((w.x0 + w.x1) / 2 - width / 2)
            < 3}


def assert_inside_margins(pdf: bytes, landscape: bool = False, top: float = 20,
                          bottom: float = 20, left: float = 30, right: float = 15) -> None:
    """All text inside the NĐ 30 margins, except the page number centred in the top margin."""
    width, height = A4_LANDSCAPE if landscape else A4_PORTRAIT
    numbers = page_number_words(pdf, width, top)
    slack = 1.0  # glyph boxes reach a little past the line
    for w in words(pdf):
        if numbers.get(w.page) == w:
            continue
        assert w.x0 >= left * MM - slack, w
        assert w.x1 <= width - right * MM + slack, w
        assert w.y0 >= top * MM - slack, w
        assert w.y1 <= height - bottom * MM + slack, w


def assert_page_numbers(pdf: bytes, landscape: bool = False) -> None:
    """No number on page 1; «2», «3» … centred in the top margin from page 2."""
    width = (A4_LANDSCAPE if landscape else A4_PORTRAIT)[0]
    count = len(page_sizes(pdf))
    numbers = page_number_words(pdf, width)
    assert 1 not in numbers
    for page in range(2, count + 1):
        assert numbers[page].text == str(page), page


def docx_text(data: bytes) -> str:
    """The words of a .docx, paragraph after paragraph (tables included), on one line."""
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paragraphs = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
                  for p in xml.split("</w:p>"))
    return " ".join(" ".join(unescape(p) for p in paragraphs).split())


def docx_fonts(data: bytes) -> set[str]:
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return set(re.findall(r'w:ascii="([^"]+)"', xml))
