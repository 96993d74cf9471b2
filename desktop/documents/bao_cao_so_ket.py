"""Báo cáo sơ kết / tổng kết a movement's phase (seed 002: sơ kết 2025, tổng kết 2030).

I. Công tác chỉ đạo, triển khai; II. Kết quả thực hiện (participation, each criterion group,
the table of the plan's measurable targets against what was achieved); III. Công tác khen
thưởng; IV. Đánh giá chung; V. Phương hướng, nhiệm vụ of the next phase; VI. Đề xuất, kiến
nghị. What the database knows is written out; what only the officer knows is left as dotted
lines to fill in (or to type into the editable copy).
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core import movement_results as mr
from desktop.core.text import format_date_short, format_number, money_with_words
from desktop.documents import common as c
from desktop.documents.blocks import Signer, closing, grid, title_block
from desktop.documents.header import header_table, heading, number_line
from desktop.documents.ke_hoach import find_movement
from desktop.documents.page import PORTRAIT, Styles, render, write_pdf
from desktop.documents.parts import fill
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Office

DOC_TYPE = "BC"
FILENAME = "bao-cao-so-ket.pdf"
RECIPIENTS = ("Sở Nội vụ (Ban Thi đua - Khen thưởng)", "Thường trực Hội đồng Thi đua - Khen thưởng",
              "Các cơ quan, đơn vị, địa phương")
WORDS = {"so_ket": "sơ kết", "tong_ket": "tổng kết"}
TARGET_HEAD = ("STT", "Chỉ tiêu", "Chỉ tiêu kế hoạch", "Kết quả đạt được",
               "Số đơn vị đạt / được chấm điểm", "Tỷ lệ điểm đạt (%)", "Đánh giá")
TARGET_WIDTHS_MM = (10, 52, 32, 21, 19, 16, 15)


def summary_of(results: mr.PhaseResults) -> str:
    """The trích yếu, also the register's summary of the report."""
    p = results.phase
    return (f"{WORDS.get(results.milestone, 'Sơ kết').capitalize()} giai đoạn "
            f"{p.start_year} - {p.end_year} thực hiện Phong trào thi đua "
            f"“{results.movement.name}”")


def _achieved(t: mr.TargetResult) -> str:
    if t.average_result is None:
        return "Chưa có số liệu đo"
    return format_number(t.average_result.normalize())


def _verdict(t: mr.TargetResult) -> str:
    if not t.subjects:
        return "Chưa đánh giá"
    return "Đạt" if t.met == t.subjects else "Chưa đạt"


def target_table(styles: Styles, results: mr.PhaseResults, width: float) -> list[Flowable]:
    rows: list[list[object]] = []
    for i, t in enumerate(results.targets, start=1):
        rows.append([str(i), f"{t.code}. {t.name}", t.target, _achieved(t),
                     f"{t.met}/{t.subjects}", format_number(t.completion), _verdict(t)])
    widths = [w * mm * width / (sum(TARGET_WIDTHS_MM) * mm) for w in TARGET_WIDTHS_MM]
    return [grid(TARGET_HEAD, rows, widths, styles=styles, align="CLLCCCC", size=11)]


def build(db: c.Db, movement_ref: str | uuid.UUID, *, milestone: str | None = None,
          draft: bool = False, on: date | None = None, **_ignored: object) -> bytes:
    """The review report of the movement's phase; a final copy reserves a «…/BC-…» number."""
    if milestone is not None and milestone not in WORDS:
        raise UserError(_("Choose so_ket or tong_ket for the review report."))
    with c.reading(db) as session:
        movement = find_movement(session, movement_ref)
        results = mr.phase_results(session, movement.id, milestone=milestone)
        when = on or date(results.phase.milestone_year, 12, 31)
        summary = summary_of(results)
        movement_id = movement.id
    symbol = c.reserve(db, DOC_TYPE, when, summary, draft)
    with c.reading(db) as session:
        results = mr.phase_results(session, movement_id, milestone=milestone)
        office = session.scalars(c.select(Office).where(Office.is_own.is_(True))).first()
        if office is None:
            raise UserError(_("Set up your office first (menu Office & settings)."))
        return _render(results, office, when, symbol, on is None)


def _render(r: mr.PhaseResults, office: Office, when: date, symbol: str | None,
            blank_day: bool) -> bytes:
    styles = Styles()
    st = PORTRAIT
    width = st.frame_width
    m, phase = r.movement, r.phase
    word = WORDS.get(r.milestone, "sơ kết")
    period = f"giai đoạn {phase.start_year} - {phase.end_year}"
    issuer = office.issuer_name
    h = heading(office.parent_name, issuer, number_line(symbol, DOC_TYPE, office.issuer_abbr),
                office.place, when, blank_day=blank_day or symbol is None)
    story: list[Flowable] = [header_table(h, width)]
    story += title_block("BÁO CÁO", summary_of(r), width)
    plan_no = f"số {m.doc_number}/{m.doc_symbol}" if m.doc_number else \
        f"số      /{m.doc_symbol}" if m.doc_symbol else ""
    plan_day = f" ngày {format_date_short(m.doc_date)}" if m.doc_date and m.doc_number else \
        (f" tháng {m.doc_date.month:02d}/{m.doc_date.year}" if m.doc_date else "")
    who = c.org_sentence(m.issuer, office)
    story.append(styles.p(
        f"Thực hiện Kế hoạch {plan_no}{plan_day} của {who} về việc "
        f"{c.lower_first(m.title or m.name)}, {issuer} báo cáo kết quả {word} {period} "
        "như sau:"))
    dots = fill(width * 2 - 10 * mm)

    story.append(styles.p("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", "heading"))
    for task in phase.tasks or []:
        story.append(styles.p(f"- {str(task).rstrip('.')}."))
    groups = ", ".join(f"{code}) {c.lower_first(name)}" for code, name, _n in r.groups)
    if groups:
        story.append(styles.p(f"- Ban hành tiêu chí thi đua cho {len(r.groups):02d} nhóm đối "
                              f"tượng: {groups}."))
    story.append(styles.p(dots))

    story.append(styles.p("II. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA", "heading"))
    story.append(styles.p("1. Kết quả tham gia Phong trào thi đua", "plain"))
    if r.participants:
        story.append(styles.p(
            f"Trong {period}, có {c.count_words(r.participants)} được chấm điểm theo tiêu "
            "chí của Phong trào thi đua, cụ thể:"))
        for code, name, n in r.groups:
            story.append(styles.p(f"- Nhóm {code}) {name}: {n:02d} đối tượng."))
    else:
        story.append(styles.p(f"Trong {period}, chưa có đối tượng nào được chấm điểm theo "
                              "tiêu chí của Phong trào thi đua."))
    story.append(styles.p("2. Kết quả thực hiện các nội dung thi đua", "plain"))
    for section in (m.plan or {}).get("content_sections", []):
        story.append(styles.p(f"- {section.get('heading', '').lstrip('0123456789. ')}:"))
        story.append(styles.p(dots))
    story.append(styles.p("3. Kết quả thực hiện các chỉ tiêu của Kế hoạch", "plain"))
    if r.targets:
        story += target_table(styles, r, width)
        story.append(Spacer(0, 6))
        missed = [t for t in r.targets if _verdict(t) == "Chưa đạt"]
        story.append(styles.p(
            f"Có {len(r.targets) - len(missed):02d}/{len(r.targets):02d} chỉ tiêu được tất cả "
            "các đối tượng thực hiện đạt; " + (
                f"{len(missed):02d} chỉ tiêu còn đối tượng chưa đạt." if missed
                else "không có chỉ tiêu nào chưa đạt.")))
    else:
        story.append(styles.p("Kế hoạch không đặt chỉ tiêu định lượng."))

    story.append(styles.p("III. CÔNG TÁC KHEN THƯỞNG", "heading"))
    story += _awards(styles, r.awards, issuer)

    story.append(styles.p("IV. ĐÁNH GIÁ CHUNG", "heading"))
    for label in ("1. Ưu điểm", "2. Hạn chế, nguyên nhân", "3. Bài học kinh nghiệm"):
        story.append(styles.p(label, "plain"))
        story.append(styles.p(dots))
    following = [p for p in m.phases if p.start_year > phase.end_year]
    story.append(styles.p("V. PHƯƠNG HƯỚNG, NHIỆM VỤ " + (
        following[0].name.upper() if following else "THỜI GIAN TỚI"), "heading"))
    for task in (following[0].tasks if following else []) or []:
        story.append(styles.p(f"- {str(task).rstrip('.')}."))
    story.append(styles.p(dots))
    story.append(styles.p("VI. ĐỀ XUẤT, KIẾN NGHỊ", "heading"))
    story.append(styles.p(dots))
    story.append(styles.p(f"Trên đây là báo cáo {word} {period} thực hiện Phong trào thi đua "
                          f"“{m.name}” của {issuer}./."))
    signer = office.signers[0] if office.signers else None
    sig = Signer(signer.authority, signer.title, signer.full_name) if signer else \
        Signer("", "THỦ TRƯỞNG CƠ QUAN", "")
    recipients = [x for x in (m.plan or {}).get("recipients", []) if not x.startswith("Lưu")] \
        or list(RECIPIENTS)
    story.append(closing(recipients, sig, width))
    return render(story, st, title=f"Báo cáo {word} – {m.name}")


def _awards(styles: Styles, a: mr.AwardSummary, issuer: str) -> list[Flowable]:
    out: list[Flowable] = []
    if not a.proposed:
        return [styles.p("Chưa tổ chức xét khen thưởng trong giai đoạn.")]
    total = sum(a.proposed.values())
    out.append(styles.p(f"Hội đồng Thi đua - Khen thưởng đã xét {total:02d} trường hợp đề nghị "
                        "khen thưởng, trong đó:"))
    if a.decided:
        decided = "; ".join(f"{name} cho {c.count_words(dict(k))}" for name, k in a.decided.items())
        numbers = ", ".join(a.decisions)
        out.append(styles.p(
            f"- Chủ tịch {issuer} đã tặng {decided} (Quyết định số {numbers}); tổng số tiền "
            f"thưởng {money_with_words(a.decided_amount)}."))
    if a.upward:
        upward = "; ".join(f"{name} cho {c.count_words(dict(k))}" for name, k in a.upward.items())
        out.append(styles.p(f"- Đề nghị cấp trên tặng {upward}."))
    return out


def write(db: c.Db, movement_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, movement_ref, **kw), out_dir, FILENAME)

