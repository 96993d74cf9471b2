"""Tờ trình đề nghị khen thưởng (NĐ 152/2025 Mẫu số 01; DOMAIN.md §4.2 A)."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable

from desktop.core.text import format_date_short
from desktop.documents import common as c
from desktop.documents.blocks import Signer, can_cu, closing, finish, kinh_gui, title_block
from desktop.documents.header import header_table, heading, number_line
from desktop.documents.page import PORTRAIT, Styles, render, write_pdf
from desktop.errors import UserError
from desktop.i18n import _

DOC_TYPE = "TTr"


def summary_of(round_name: str) -> str:
    """The register's summary of a round's tờ trình (an annex finds its number by it)."""
    return f"Tờ trình đề nghị khen thưởng: {round_name}"


def trich_yeu(award_names: list[str], round_name: str) -> str:
    return (f"Về việc đề nghị tặng {', '.join(award_names)} cho các tập thể, cá nhân, hộ gia "
            f"đình có thành tích xuất sắc trong {c.lower_first(round_name)}")


def build(db: c.Db, round_ref: str | uuid.UUID, *, draft: bool = False,
          on: date | None = None, recipient: str | None = None) -> bytes:
    """The tờ trình of a round as PDF bytes; a final copy reserves its «…/TTr-…» number."""
    with c.reading(db) as session:
        rnd = c.find_round(session, round_ref)
        round_id, round_name = rnd.id, rnd.name
        on = on or c.document_date(session, rnd)
    symbol = c.reserve(db, DOC_TYPE, on, summary_of(round_name), draft)
    with c.reading(db) as session:
        rnd = c.find_round(session, round_id)
        return _render(session, rnd, on, symbol, recipient)


def _render(session: c.Session, rnd: c.NominationRound, on: date, symbol: str | None,
            recipient: str | None) -> bytes:
    office = c.office_of(session, rnd)
    counts = c.proposed_counts(session, rnd)
    if not counts:
        raise UserError(_("The round “{name}” has no nominations to propose.").format(
            name=c.short(rnd.name)))
    movement = c.movement_of(session, rnd)
    meeting = c.meeting_of(session, rnd)
    regime = c.regime_on(on)
    names = {code: c.award_name(session, code, on) for code in counts}
    order = sorted(counts, key=lambda code: (-sum(counts[code].values()), names[code]))
    issuer = office.issuer_name
    to = recipient or f"Chủ tịch {issuer}"

    st = PORTRAIT
    styles = Styles()
    width = st.frame_width
    h = heading(office.parent_name, issuer, number_line(symbol, DOC_TYPE, office.issuer_abbr),
                office.place, on, blank_day=symbol is None)
    story: list[Flowable] = [header_table(h, width)]
    story += title_block("TỜ TRÌNH", trich_yeu([names[k] for k in order], rnd.name), width)
    story += kinh_gui([to])
    bases = [f"Căn cứ {regime.law}", f"Căn cứ {regime.legal_basis}"]
    if regime.guidance:
        bases.append(f"Căn cứ {regime.guidance}")
    if movement is not None:
        number = f"số {movement.doc_number}/{movement.doc_symbol}" if movement.doc_number \
            else f"số      /{movement.doc_symbol}" if movement.doc_symbol else ""
        when = f" ngày {format_date_short(movement.doc_date)}" if movement.doc_date else ""
        who = c.org_sentence(movement.issuer, office)
        bases.append(f"Căn cứ Kế hoạch {number}{when} của {who} về việc "
                     f"{c.lower_first(movement.title or movement.name)}")
    if meeting is not None:
        bases.append("Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng ngày "
                     f"{format_date_short(meeting.held_at.date())}")
    story += can_cu(bases, styles, final=",", italic=False)
    story.append(styles.p(f"{issuer} kính trình {to} xem xét, tặng:"))
    for i, code in enumerate(order):
        end = " (có danh sách và báo cáo thành tích kèm theo)." if i == len(order) - 1 else ";"
        story.append(styles.p(f"- {names[code]} cho {c.count_words(counts[code])}{end}"))
    story.append(styles.p(f"Kính trình {to} xem xét, quyết định./."))
    signer = office.signers[0] if office.signers else None
    sig = Signer(signer.authority, signer.title, signer.full_name) if signer else \
        Signer("", "THỦ TRƯỞNG CƠ QUAN", "")
    finish(story, closing(["Như trên", "Hội đồng Thi đua - Khen thưởng"], sig, width))
    return render(story, st, title=f"Tờ trình – {rnd.name}")


def write(db: c.Db, round_ref: str | uuid.UUID, out_dir: Path | str, **kw: object) -> Path:
    return write_pdf(build(db, round_ref, **kw), out_dir, "01-to-trinh.pdf")  # type: ignore[arg-type]
