"""Documents: pages per second of the whole dossier of a 1,000-nominee round.

A demo database is built with the demo builder, then a round of 1,000 nominations (60
collectives, 100 households, 840 people) goes through the services: submitted, reviewed, voted
on by a 9-member council, decided. The dossier (tờ trình, danh sách, one báo cáo thành tích
per nominee, biên bản, quyết định with its list) is rendered from that database the way
`tdkt print round` does it. The baseline, in
the same run, draws the same annex texts with plain `canvas.drawString` (no layout engine) for
the same number of pages. The dossier is timed ten times, five before LibreOffice's run and five
after, and the median counts: on a shared machine one run of a few seconds varies by a third
from one minute to the next, while LibreOffice's minute-long call averages that out by itself.
The ≥ 200 pages/s target is checked on the CPU seconds of this process (on a shared machine
the wall clock also measures the neighbours; it is shown beside).

LibreOffice, side by side: the same documents as .docx (desktop.documents.word) converted to PDF
by one `soffice --headless --convert-to pdf` call (warm profile); our wall-clock pages/s must be
at least 10 times its pages/s. Skipped with a message where soffice is not installed.

For information: the time to write those .docx copies, and `tdkt print round --draft` as a
whole (every PDF and .docx and the merged PDF written into a folder).
"""

from __future__ import annotations

import io
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from desktop import paths
from desktop.core.text import format_number
from desktop.documents.fonts import REGULAR, register_fonts
from tests.bench import Measure

NOMINEES = 1000
TIMED_RUNS = 10  # half before LibreOffice's run, half after; the median counts
ACHIEVEMENTS = ("Hoàn thành xuất sắc nhiệm vụ năm; vận động Nhân dân hiến {n} m² đất làm "
                "đường giao thông nông thôn, giải phóng mặt bằng đúng tiến độ.")


def build_round_db(target: Path, nominees: int = NOMINEES) -> str:
    """A demo database plus one decided round of `nominees` nominations; returns its id."""
    from desktop.core.council import MemberInput
    from desktop.core.demo import build_demo
    from desktop.core.service import Services, Subject
    from desktop.store.database import open_database
    from desktop.store.models import Household, Movement, Person, Unit

    build_demo(target, size=nominees + 100, replace=True)
    db = open_database(target)
    try:
        svc = Services(db, actor="bench")
        with svc.reading() as s:
            people = list(s.scalars(select(Person.id).order_by(Person.cccd)))
            units = list(s.scalars(select(Unit.id).where(Unit.id.in_(  # collectives with staff
                select(Person.unit_id))).order_by(Unit.code, Unit.name)))
            households = list(s.scalars(select(Household.id).order_by(Household.head_name)))
            movement = s.scalars(select(Movement.id).order_by(Movement.code)).first()
        subjects = [Subject.unit(u) for u in units[:60]]
        subjects += [Subject.household(h) for h in households[:100]]
        subjects += [Subject.person(p) for p in people[: nominees - len(subjects)]]
        with svc.transaction():
            rnd = svc.rounds.create_round(name="Tổng kết phong trào thi đua năm 2025",
                                          kind="tong_ket", year=2025, movement_id=movement,
                                          deadline=date(2025, 4, 30))
            noms = []
            for i, subject in enumerate(subjects):
                nom = svc.rounds.nominate(rnd.id, subject, "GIAY_KHEN",
                                          achievements=ACHIEVEMENTS.format(n=100 + 37 * i))
                svc.rounds.change_status(nom.id, "da_nop")
                svc.rounds.change_status(nom.id, "dang_xet")
                noms.append(nom)
            meeting = svc.council.open_meeting(
                rnd.id, held_at=datetime(2025, 5, 12, 8), place="Phòng họp Ủy ban nhân dân",
                chair="Nguyễn Quang Tú", secretary="Trần Thị Hương",
                members=[MemberInput(f"Thành viên Hội đồng số {i + 1}", "Ủy viên", "uy_vien")
                         for i in range(9)])
            for nom in noms:
                svc.council.record_ballot(meeting.id, nom.id, yes=8, no=1)
            svc.decisions.issue(rnd.id, [n.id for n in noms], signed_on=date(2025, 5, 20),
                                title="Về việc tặng Giấy khen cho các tập thể, cá nhân, hộ gia "
                                      "đình có thành tích xuất sắc năm 2025")
        return str(rnd.id)
    finally:
        db.close()


def pages_of(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))  # ReportLab writes a space, LibreOffice not


def dossier_pdfs(db_path: Path, round_id: str) -> list[bytes]:
    """Every document of the round's dossier, as `tdkt print round --draft` builds them."""
    from desktop.core.service import Services
    from desktop.documents.printing import build_dossier
    from desktop.store.database import open_database

    db = open_database(db_path)
    try:
        return [pdf for _form, pdf in build_dossier(Services(db, actor="bench"), round_id,
                                                     draft=True)]
    finally:
        db.close()


def _timed(db_path: Path, round_id: str) -> tuple[float, float]:
    """Wall and CPU seconds of one dossier."""
    started, cpu = time.perf_counter(), time.process_time()
    dossier_pdfs(db_path, round_id)
    return time.perf_counter() - started, time.process_time() - cpu


def _print_round_seconds(db_path: Path, round_id: str, out: Path) -> float:
    """`tdkt print round --draft` as the officer waits for it: every PDF and .docx and the
    merged PDF, written into a folder."""
    from desktop.core.service import Services
    from desktop.documents.printing import print_round
    from desktop.store.database import open_database

    db = open_database(db_path)
    try:
        started = time.perf_counter()
        print_round(Services(db, actor="bench"), round_id, out, draft=True)
        return time.perf_counter() - started
    finally:
        db.close()


def _baseline(db_path: Path, round_id: str, pages: int) -> float:
    """drawString of the annex texts (name, unit, achievements, award, money) read with one
    query, over the same number of pages: no layout, no wrapping, no tables."""
    from desktop.core.service import Services
    from desktop.documents import common as c
    from desktop.documents.danh_sach import entries_of
    from desktop.store.database import open_database

    register_fonts()
    started = time.perf_counter()
    db = open_database(db_path)
    try:
        with c.reading(Services(db)) as session:
            rows = entries_of(session, c.find_round(session, round_id), date(2025, 5, 20))
    finally:
        db.close()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=landscape(A4), invariant=1)
    per_page = max(1, len(rows) // pages + 1)
    for p in range(pages):
        canvas.setFont(REGULAR, 12)
        y = 540.0
        for e in rows[(p * per_page) % len(rows):][:per_page]:
            canvas.drawString(90, y, e.name)
            canvas.drawString(220, y, e.where[:40])
            canvas.drawString(360, y, e.achievements[:60])
            canvas.drawString(640, y, e.award)
            canvas.drawRightString(760, y, format_number(e.amount or 0))
            y -= 36
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - started


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_seconds(docx_files: list[Path], folder: Path) -> tuple[float, int]:
    """One `soffice --headless --convert-to pdf` call over every .docx (a private profile,
    created by an untimed warm-up conversion first); returns seconds and pages produced."""
    office = soffice()
    assert office is not None
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    warm = folder / "warm"
    warm.mkdir()
    shutil.copy(docx_files[0], warm / "warm.docx")
    subprocess.run([office, profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(warm), str(warm / "warm.docx")], capture_output=True, timeout=600)
    out = folder / "lo-pdf"
    started = time.perf_counter()
    subprocess.run([office, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *map(str, docx_files)], capture_output=True, timeout=1800, check=True)
    took = time.perf_counter() - started
    return took, sum(pages_of(p.read_bytes()) for p in out.glob("*.pdf"))


def run() -> list[Measure]:
    from desktop.documents.word import to_docx

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths.set_home(folder / "home")
        try:
            db_path = folder / "round.sqlite3"
            round_id = build_round_db(db_path)
            started = time.perf_counter()
            cold = dossier_pdfs(db_path, round_id)  # fonts, catalogue: once per process
            cold_s = time.perf_counter() - started
            cold_pages = sum(pages_of(p) for p in cold)
            del cold  # the runs to come do not carry its stories
            runs = [_timed(db_path, round_id) for _ in range(TIMED_RUNS // 2)]
            pdfs = dossier_pdfs(db_path, round_id)
            pages = sum(pages_of(p) for p in pdfs)
            base = _baseline(db_path, round_id, pages)
            started = time.perf_counter()
            docx_files = []
            for i, pdf in enumerate(pdfs):
                docx_files.append(folder / f"{i:02d}.docx")
                docx_files[-1].write_bytes(to_docx(pdf))
            docx_s = time.perf_counter() - started
            del pdfs
            office = _libreoffice_seconds(docx_files, folder) if soffice() else None
            # and after LibreOffice: a shared machine's speed drifts over minutes
            runs += [_timed(db_path, round_id) for _ in range(TIMED_RUNS - TIMED_RUNS // 2)]
            took = statistics.median(wall for wall, _cpu in runs)
            took_cpu = statistics.median(cpu for _wall, cpu in runs)
            printed_s = _print_round_seconds(db_path, round_id, folder / "printed")
        finally:
            paths.set_home(None)
    rate, base_rate = pages / took, pages / base
    out = [
        Measure(f"Dossier of a {NOMINEES}-nominee round, {pages} pages, per CPU second "
                f"(median of {TIMED_RUNS})",
                pages / took_cpu, "pages/s", base_rate, "canvas.drawString of the annex texts",
                "≥ 200 pages/s", pages / took_cpu >= 200),
        Measure("same dossier, wall clock (shared machine)", rate, "pages/s", base_rate,
                "canvas.drawString of the annex texts", "(for information)", True),
        Measure("same dossier, first in the process", cold_pages / cold_s, "pages/s",
                base_rate, "canvas.drawString of the annex texts", "(font loading included)",
                True),
        Measure("its editable copies (.docx)", docx_s, "s", None, "", "(for information)",
                True),
        Measure("tdkt print round: PDFs, .docx and merged PDF written", printed_s, "s", None,
                "", "(for information)", True),
    ]
    if office is None:
        print("LibreOffice (soffice) is not installed: comparison skipped.",  # noqa: T201
              file=sys.stderr)
    elif office[1] == 0:
        out.append(Measure("LibreOffice .docx→PDF", 0.0, "pages", None,
                           "soffice --headless --convert-to pdf", "LibreOffice made no page",
                           False))
    else:
        lo_s, lo_pages = office
        out.append(Measure(f"dossier vs LibreOffice .docx→PDF ({lo_pages} pages, one call)",
                           rate, "pages/s", lo_pages / lo_s,
                           "soffice --headless --convert-to pdf", "≥ 10× LibreOffice",
                           rate >= 10 * lo_pages / lo_s))
    return out


if __name__ == "__main__":
    for m in run():
        print(m.as_dict())  # noqa: T201
