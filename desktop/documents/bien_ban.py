"""Biên bản họp Hội đồng Thi đua - Khen thưởng (DOMAIN.md §4.2 G; ND 98 Điều 30 k7).

Attendance (absent members who voted in writing are named), recusals, and a ballot table per
nominee with the share of YES votes over the TOTAL membership and đạt / không đạt.
"""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy import select

from desktop.core.text import format_date_vn, format_number
from desktop.documents import common as c
from desktop.documents.blocks import Signer, finish, grid, title_block, two_signatures
from desktop.documents.header import header_table, heading, number_line
from desktop.documents.page import PORTRAIT, Styles, render, write_pdf
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Ballot, Nomination, Recusal

DOC_TYPE = "BB"
ROLES = {"chu_tich": "Chủ tịch Hội đồng", "pho_chu_tich": "Phó Chủ tịch Hội đồng",
         "uy_vien": "Ủy viên", "thu_ky": "Thư ký"}
VOTE_HEAD = ("STT", "Tên tập thể, cá nhân, hộ gia đình", "Hình thức đề nghị",
             "Số phiếu đồng ý", "Tỷ lệ % trên tổng số thành viên", "Kết quả")
VOTE_WIDTHS_MM = (11, 62, 36, 18, 22, 16)


def share(yes: int, total: int) -> Decimal:
    """YES votes as a percentage of the whole council, to two decimals."""
    if total <= 0:
        return Decimal(0)
    return (Decimal(yes) * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def build(db: c.Db, round_ref: str | uuid.UUID, *, draft: bool = False,
          **_ignored: object) -> bytes:
    with c.reading(db) as session:
        rnd = c.find_round(session, round_ref)
        meeting = c.meeting_of(session, rnd)
        if meeting is None:
            raise UserError(_("The round “{name}” has no council meeting yet; record the "
                              "meeting before printing its minutes.").format(
                name=c.short(rnd.name)))
        round_id, on = rnd.id, meeting.held_at.date()
    symbol = c.reserve(db, DOC_TYPE, on, f"Biên bản họp Hội đồng: {rnd.name}", draft)
    with c.reading(db) as session:
        rnd = c.find_round(session, round_id)
        meeting = c.meeting_of(session, rnd)
        assert meeting is not None
        return _render(session, rnd, meeting, symbol)


def _render(session: c.Session, rnd: c.NominationRound, meeting: Any, symbol: str | None
            ) -> bytes:
    office = c.office_of(session, rnd)
    styles = Styles()
    st = PORTRAIT
    width = st.frame_width
    on = meeting.held_at.date()
    council = "Hội đồng Thi đua - Khen thưởng"
    h = heading(office.issuer_name, "HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG",
                number_line(symbol, DOC_TYPE, office.issuer_abbr), office.place, on)
    story: list[Flowable] = [header_table(h, width)]
    summary = f"Họp {council} xét đề nghị khen thưởng {c.lower_first(rnd.name)}"
    story += title_block("BIÊN BẢN", summary, width)
    members = list(meeting.members)
    total = len(members)
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    held = meeting.held_at
    story.append(styles.p(
        f"Hồi {held.hour:02d} giờ {held.minute:02d} phút, {format_date_vn(on)}, tại "
        f"{meeting.place or '…'}, {council} tổ chức họp xét đề nghị khen thưởng "
        f"{c.lower_first(rnd.name)}."))
    story.append(styles.p("I. THÀNH PHẦN", "heading"))
    story.append(styles.p(f"- Chủ trì: {meeting.chair}."))
    story.append(styles.p(f"- Thư ký: {meeting.secretary}."))
    story.append(styles.p(
        f"- Tổng số thành viên Hội đồng: {total:02d}; có mặt: {len(present):02d}; "
        f"vắng: {len(absent):02d}."))
    for m in absent:
        why = "có ý kiến bằng văn bản" if m.written_opinion else "không có ý kiến bằng văn bản"
        story.append(styles.p(f"- Vắng: {m.full_name}, {m.title} ({why})."))
    rows = [[str(i), m.full_name, m.title, ROLES.get(m.role, m.role),
             "Có mặt" if m.present else ("Vắng, có ý kiến bằng văn bản" if m.written_opinion
                                         else "Vắng")]
            for i, m in enumerate(members, start=1)]
    story.append(grid(("STT", "Họ và tên", "Chức vụ", "Nhiệm vụ trong Hội đồng", "Tham dự"),
                      rows, [w * mm for w in (11, 45, 55, 30, 24)], styles=styles,
                      align="CLLLL"))
    story.append(Spacer(0, 8))
    story.append(styles.p("II. NỘI DUNG", "heading"))
    story.append(styles.p(
        f"Hội đồng xem xét hồ sơ đề nghị khen thưởng, thảo luận và bỏ phiếu kín. Tỷ lệ phiếu "
        f"đồng ý được tính trên tổng số {total:02d} thành viên Hội đồng."))
    by_member = {m.id: m for m in members}
    lines = {row[0]: (line, row) for line, row in c.subject_lines(
        session, Nomination, Nomination.round_id == rnd.id, Nomination.id,
        Nomination.award_code, Nomination.status)}
    ballots = list(session.execute(select(Ballot.nomination_id, Ballot.yes)
                                   .where(Ballot.meeting_id == meeting.id)
                                   .order_by(Ballot.created_at, Ballot.id)))
    recusals = list(session.scalars(select(Recusal).where(
        Recusal.nomination_id.in_([nid for nid, _yes in ballots]))))
    for r in recusals:
        m = by_member.get(r.member_id)
        found = lines.get(r.nomination_id)
        if m is None or found is None:
            continue
        story.append(styles.p(f"Thành viên {m.full_name} không tham gia bỏ phiếu đối với "
                              f"{found[0].name} ({r.reason})."))
    story.append(styles.p("III. KẾT QUẢ BỎ PHIẾU", "heading"))
    vote_rows: list[list[object]] = []
    entries = []
    for nomination_id, yes in ballots:
        found = lines.get(nomination_id)
        if found is None:
            continue
        line, (_id, code, status) = found
        row = c.award_row(session, code, on)
        threshold = (row.data or {}).get("council_threshold") if row is not None else None
        pct = share(yes, total)
        ok = (pct >= Decimal(str(threshold)) * 100) if threshold else (pct > 50)
        ok = ok and status != "khong_dat"  # the council's recorded verdict prevails
        entries.append((c.KIND_ORDER.index(line.kind), line.sort, line.name,
                        row.name if row is not None else code, yes, pct, ok))
    entries.sort(key=lambda e: (e[0], e[1]))
    for i, (_k, _s, name, award, yes, pct, ok) in enumerate(entries, start=1):
        vote_rows.append([str(i), name, award, f"{yes}/{total}", f"{format_number(pct)}%",
                          "Đạt" if ok else "Không đạt"])
    widths = [w * mm * width / (sum(VOTE_WIDTHS_MM) * mm) for w in VOTE_WIDTHS_MM]
    story.append(grid(VOTE_HEAD, vote_rows, widths, styles=styles, align="CLLCCC"))
    story.append(Spacer(0, 8))
    passed = sum(1 for e in entries if e[6])
    story.append(styles.p("IV. KẾT LUẬN", "heading"))
    story.append(styles.p(
        meeting.conclusion or
        f"Hội đồng thống nhất đề nghị khen thưởng {passed:02d} trường hợp đạt tỷ lệ phiếu đồng "
        f"ý theo quy định; {len(entries) - passed:02d} trường hợp không đạt."))
    story.append(styles.p("Cuộc họp kết thúc vào hồi      giờ      phút cùng ngày. Biên bản đã "
                          "được đọc lại cho các thành viên dự họp cùng nghe và thống nhất./."))
    finish(story, two_signatures(Signer("", "THƯ KÝ", meeting.secretary),
                                Signer("", "CHỦ TRÌ", meeting.chair), width))
    return render(story, st, title=f"Biên bản họp Hội đồng – {rnd.name}")


def write(db: c.Db, round_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, round_ref, **kw), out_dir, "03-bien-ban.pdf")
