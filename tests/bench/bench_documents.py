"""Documents: pages per second of a 1,000-page Danh sách-like annex (platypus, NĐ 30 frame),
beside a plain ReportLab canvas drawing the same text with drawString, in the same run."""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from desktop.core.text import format_number
from desktop.documents.danh_sach import Entry, compose
from desktop.documents.fonts import REGULAR, register_fonts
from tests.bench import Measure

TARGET_PAGES = 1000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Quang", "Thanh"]
GIVEN = ["Hùng", "Hương", "Tú", "Lộc", "Lực", "Đông", "Linh", "Ánh", "Thủy", "Phượng"]
ACHIEVEMENT = ("Vận động Nhân dân hiến {n} m² đất, giải phóng mặt bằng đúng tiến độ dự án "
               "nâng cấp đường giao thông liên xã.")


def entries(n: int, seed: int = 7) -> list[Entry]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        kind = "ca_nhan" if i % 10 else "tap_the"
        out.append(Entry(kind, name, "Chuyên viên, Phòng Nội vụ huyện Đắk R'Lấp",
                         ACHIEVEMENT.format(n=rng.randint(100, 9000)), "Giấy khen", 710_000,
                         "", (name.split()[-1], name)))
    return out


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ")


def _baseline(rows: list[Entry], pages: int) -> float:
    """drawString of the same cell texts, the same number of pages, no layout engine."""
    register_fonts()
    started = time.perf_counter()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=landscape(A4), invariant=1)
    per_page = max(1, len(rows) // pages)
    for p in range(pages):
        canvas.setFont(REGULAR, 12)
        y = 540.0
        for e in rows[p * per_page:(p + 1) * per_page]:
            canvas.drawString(90, y, e.name)
            canvas.drawString(220, y, e.where[:40])
            canvas.drawString(360, y, e.achievements[:60])
            canvas.drawString(640, y, e.award)
            canvas.drawRightString(760, y, format_number(e.amount or 0))
            y -= 36
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started


def run() -> list[Measure]:
    # Calibrate: how many entries fill the target number of pages.
    probe = compose(entries(200), issuer_parent="", issuer="Ủy ban nhân dân huyện Đắk R'Lấp",
                    round_name="Sơ kết", attached_to="Kèm theo Tờ trình số 01/TTr-UBND")
    per_page = 200 / max(1, _pages(probe))
    rows = entries(int(per_page * TARGET_PAGES))
    started = time.perf_counter()
    pdf = compose(rows, issuer_parent="", issuer="Ủy ban nhân dân huyện Đắk R'Lấp",
                  round_name="Sơ kết giai đoạn 2023 - 2025",
                  attached_to="Kèm theo Tờ trình số 01/TTr-UBND")
    took = time.perf_counter() - started
    pages = _pages(pdf)
    base = _baseline(rows, pages)
    rate, base_rate = pages / took, pages / base
    out = [Measure(f"Danh sách annex, {pages} pages ({len(rows)} rows)", rate, "pages/s",
                   base_rate, "canvas.drawString of the same text", "≥ 200 pages/s",
                   rate >= 200)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.pdf"
        path.write_bytes(pdf)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
        embedded = "LiberationSerif" in fonts.stdout
    out.append(Measure("fonts embedded in the 1,000-page annex", float(embedded), "bool",
                       None, "", "Liberation Serif embedded", embedded))
    return out


if __name__ == "__main__":
    for m in run():
        print(m.as_dict())  # noqa: T201
