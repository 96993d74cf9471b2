"""Pages compared with reviewed pictures, and the decision's money checked against the rules.

The pictures in tests/fixtures/golden/ were rendered from the demo database and looked at; a
page may differ from its picture only by a few anti-aliased pixels. After an intended change
of layout, render again with TDKT_GOLDEN=write, look at the new pictures, and commit them.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from desktop.core.service import Services
from desktop.core.text import format_money, money_with_words
from desktop.documents import quyet_dinh, to_trinh
from desktop.store.database import Database
from desktop.store.models import Decision

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
DPI = 40
MAX_CHANGED = 0.004  # share of pixels whose grey level moved by more than a quarter


def _page(pdf: bytes, page: int) -> Image.Image:
    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page),
                          "-l", str(page), "-", ], input=pdf, capture_output=True,
                         check=True).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def _changed(a: Image.Image, b: Image.Image) -> float:
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 64 else 0)
    return diff.histogram()[255] / (a.size[0] * a.size[1])


@pytest.fixture
def svc(demo_db: Database) -> Services:
    return Services(demo_db)


@pytest.mark.parametrize(("name", "build", "page"), [
    ("quyet-dinh-1", lambda s: quyet_dinh.build(s, "1"), 1),
    ("quyet-dinh-2", lambda s: quyet_dinh.build(s, "1"), 2),
    ("to-trinh-1", lambda s: to_trinh.build(s, "1", draft=True), 1),
])
def test_page_matches_its_reviewed_picture(svc: Services, name: str, build, page: int) -> None:  # type: ignore[no-untyped-def]
    image = _page(build(svc), page)
    golden = GOLDEN / f"{name}.png"
    if os.environ.get("TDKT_GOLDEN") == "write":
        image.save(golden, optimize=True)
    assert golden.exists(), f"no reviewed picture {golden.name}; see this module's docstring"
    assert _changed(image, Image.open(golden).convert("L")) <= MAX_CHANGED


def test_decision_money_is_what_the_rules_engine_prices(svc: Services, tmp_path: Path) -> None:
    with svc.reading() as session:
        decision = session.query(Decision).one()
        lines = [(line.award_code, line.subject_kind, line.amount) for line in decision.lines]
        signed_on = decision.signed_on
    priced = [svc.screening.price(code, kind, signed_on).amount for code, kind, _a in lines]
    assert priced == [amount for _c, _k, amount in lines]
    total = sum(priced)
    pdf = tmp_path / "qd.pdf"
    pdf.write_bytes(quyet_dinh.build(svc, "1"))
    flat = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True, text=True).stdout.split())
    assert f"Tổng cộng {format_money(total).removesuffix(' đồng')}" in flat
    assert f"Bằng chữ: {money_with_words(total)}." in flat
