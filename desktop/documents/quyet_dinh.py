"""Quyết định khen thưởng with its attached list (DOMAIN.md §4.2 H).

Issued in the chairman's own name («CHỦ TỊCH ỦY BAN NHÂN DÂN …»), so the signature reads
«CHỦ TỊCH» or «KT. CHỦ TỊCH / PHÓ CHỦ TỊCH», never «TM. ỦY BAN NHÂN DÂN».
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop.core.text import format_date_short, format_date_vn, format_money, money_with_words
from desktop.documents import common as c
from desktop.documents.blocks import Signer, can_cu, closing, finish, grid, title_block
from desktop.documents.danh_sach import SECTIONS
from desktop.documents.header import Heading, header_table, heading, number_line, upper
from desktop.documents.page import PORTRAIT, Styles, render, write_pdf
from desktop.documents.plain import para, t
from desktop.store.models import DecisionLine

DOC_TYPE = "QĐ"


class _Line(NamedTuple):
    award_code: str
    subject_kind: str
    amount: int

LIST_HEAD = ("STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác (địa chỉ)",
             "Số tiền (đồng)")
LIST_WIDTHS_MM = (12, 58, 66, 29)
# Luật Tổ chức chính quyền địa phương in force on a date.
_LOCAL_GOV = (
    (date(2025, 6, 16), "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025"),
    (date(2020, 7, 1), "Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ "
                       "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
                       "địa phương ngày 22/11/2019"),
    (date(2016, 1, 1), "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"),
)


def local_government_law(on: date) -> str:
    for start, text in _LOCAL_GOV:
        if on >= start:
            return text
    return _LOCAL_GOV[-1][1]


def build(db: c.Db, round_ref: str | uuid.UUID, **_ignored: object) -> bytes:
    """The round's (latest) decision; its number was reserved when it was issued."""
    with c.reading(db) as session:
        rnd = c.find_round(session, round_ref)
        decision = c.decision_of(session, rnd)
        office = c.office_of(session, rnd)
        movement = c.movement_of(session, rnd)
        on = decision.signed_on
        regime = c.regime_on(on)
        lines = [(s, _Line(*row)) for s, row in c.subject_lines(
            session, DecisionLine, DecisionLine.decision_id == decision.id,
            DecisionLine.award_code, DecisionLine.subject_kind, DecisionLine.amount,
            order=(DecisionLine.position, DecisionLine.id))]
        names = {ln.award_code: c.award_name(session, ln.award_code, on) for _s, ln in lines}
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for _s, ln in lines:
            counts[ln.award_code][ln.subject_kind] += 1
        styles = Styles()
        st = PORTRAIT
        width = st.frame_width
        issuer = office.issuer_name
        chairman = f"CHỦ TỊCH {upper(issuer)}"
        h = heading(office.parent_name, issuer, number_line(decision.symbol, DOC_TYPE,
                                                            office.issuer_abbr),
                    office.place, on)
        story: list[Flowable] = [header_table(h, width)]
        story += title_block("QUYẾT ĐỊNH", decision.title, width)
        story.append(para(chairman, styles.center_bold))
        story.append(Spacer(0, 8))
        bases = [f"Căn cứ {local_government_law(on)}", f"Căn cứ {regime.law}",
                 f"Căn cứ {regime.legal_basis}"]
        if regime.guidance:
            bases.append(f"Căn cứ {regime.guidance}")
        if movement is not None:
            number = f"số {movement.doc_number}/{movement.doc_symbol}" if movement.doc_number \
                else ""
            when = f" ngày {format_date_short(movement.doc_date)}" if movement.doc_date else ""
            who = c.org_sentence(movement.issuer, office)
            bases.append(f"Căn cứ Kế hoạch {number}{when} của {who}"
                         f" về việc {c.lower_first(movement.title or movement.name)}")
        proposer = office.name if office.name != issuer else "Hội đồng Thi đua - Khen thưởng"
        bases.append(f"Theo đề nghị của Trưởng {c.lower_first(proposer)}" if office.name != issuer
                     else f"Theo đề nghị của {proposer}")
        story += can_cu([b.replace("Kế hoạch  ngày", "Kế hoạch ngày") for b in bases], styles)
        story.append(Spacer(0, 4))
        story.append(para("QUYẾT ĐỊNH:", styles.center_bold))
        story.append(Spacer(0, 6))
        what = "; ".join(f"{names[k]} cho {c.count_words(counts[k])}" for k in counts)
        reason = (f"đã có thành tích xuất sắc trong {c.lower_first(rnd.name)}" if rnd.name
                  else "đã có thành tích xuất sắc")
        article1 = t(f"Tặng {what} (có danh sách kèm theo), {reason}.")
        story.append(styles.m(f"<b>Điều 1.</b> {article1}"))
        story.append(styles.m(
            "<b>Điều 2.</b> " + t(
                f"Kèm theo Giấy khen là tiền thưởng theo quy định, tính trên mức lương cơ sở "
                f"{format_money(decision.base_salary)}"
                + (f" ({decision.base_salary_source})" if decision.base_salary_source else "")
                + f". Tổng số tiền thưởng là {money_with_words(decision.total_amount)}, "
                "chi từ Quỹ Thi đua, khen thưởng theo quy định.")))
        story.append(styles.m(
            "<b>Điều 3.</b> " + t(
                f"Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng "
                f"{c.lower_first(proposer)}, thủ trưởng các cơ quan, đơn vị có liên quan và các "
                "tập thể, cá nhân, hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành "
                "Quyết định này./.")))
        authority = decision.signer_authority
        if authority.upper().startswith("TM."):
            authority = ""  # the chairman decides in person
        sig = Signer(authority, decision.signer_title, decision.signer_name)
        finish(story, closing(["Như Điều 3", "Sở Nội vụ (Ban Thi đua - Khen thưởng)"], sig,
                              width))
        # The attached list.
        story.append(PageBreak())
        story.append(header_table(Heading(office.parent_name, issuer, "", ""), width))
        story += [Spacer(0, 10), styles.p("DANH SÁCH", "center_bold"),
                  styles.p(f"Được tặng {', '.join(names.values())}", "center_bold"),
                  para(f"(Kèm theo Quyết định số {decision.symbol} {format_date_vn(on)} "
                              f"của Chủ tịch {issuer})", styles.center_italic),
                  Spacer(0, 8)]
        rows: list[list[object]] = []
        spans: list[int] = []
        total = 0
        for kind, label in SECTIONS:
            items = sorted((x for x in lines if x[1].subject_kind == kind),
                           key=lambda x: x[0].sort)
            if not items:
                continue
            spans.append(len(rows))
            rows.append([label, "", "", ""])
            for i, (s, ln) in enumerate(items, start=1):
                rows.append([str(i), s.name, s.where, f"{ln.amount:,}".replace(",", ".")])
                total += ln.amount
        rows.append(["", "Tổng cộng", "", f"{total:,}".replace(",", ".")])
        widths = [w * mm * width / (sum(LIST_WIDTHS_MM) * mm) for w in LIST_WIDTHS_MM]
        story.append(grid(LIST_HEAD, rows, widths, styles=styles, align="CLLR",
                          span_rows=spans, bold_rows=[len(rows) - 1]))
        story.append(Spacer(0, 6))
        story.append(styles.p(f"Bằng chữ: {money_with_words(total)}.", "plain"))
        return render(story, st, title=f"Quyết định {decision.symbol}")


def write(db: c.Db, round_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, round_ref, **kw), out_dir, "04-quyet-dinh.pdf")
