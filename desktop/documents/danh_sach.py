"""Danh sách đề nghị khen thưởng: the landscape annex of the tờ trình (DOMAIN.md §4.2 B).

Sections I. Tập thể, II. Cá nhân, III. Hộ gia đình; people ordered by tên, then the whole name
(`person_sort_key`); a totals row with the counts and the money.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.core.text import format_date_vn, format_number
from desktop.documents import common as c
from desktop.documents.blocks import grid
from desktop.documents.header import Heading, header_table
from desktop.documents.page import LANDSCAPE, PageSetup, Styles, render, write_pdf
from desktop.documents.plain import para
from desktop.documents.to_trinh import DOC_TYPE as TTR
from desktop.documents.to_trinh import summary_of
from desktop.store.models import Nomination

SECTIONS = (("tap_the", "I. TẬP THỂ"), ("ca_nhan", "II. CÁ NHÂN"),
            ("ho_gia_dinh", "III. HỘ GIA ĐÌNH"))
HEAD = ("STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác (địa chỉ)",
        "Tóm tắt thành tích", "Hình thức đề nghị", "Số tiền (đồng)", "Ghi chú")
WIDTHS_MM = (12, 45, 48, 80, 32, 22, 13)


@dataclass(frozen=True)
class Entry:
    kind: str  # tap_the | ca_nhan | ho_gia_dinh
    name: str
    where: str
    achievements: str
    award: str
    amount: int | None
    note: str = ""
    sort: Any = ""


def entries_of(session: c.Session, rnd: c.NominationRound, on: date) -> list[Entry]:
    out = []
    rows = c.subject_lines(session, Nomination, (Nomination.round_id == rnd.id)
                           & Nomination.status.in_(c.PROPOSED),
                           Nomination.award_code, Nomination.achievements, Nomination.amount,
                           Nomination.subject_kind)
    for line, (code, achievements, amount, kind) in rows:
        award = c.memo(session, ("award_name", code, on), partial(c.award_name, session, code, on))
        if amount is None:
            probe = Nomination(award_code=code, subject_kind=kind)
            amount = c.memo(session, ("price", code, kind, on),
                            partial(c.price_of, session, probe, on))
        out.append(Entry(line.kind, line.name, line.where, achievements, award,
                         None if amount is None else int(amount), "", line.sort))
    return out


def table_rows(entries: Sequence[Entry], *, with_achievements: bool = True
               ) -> tuple[list[list[object]], list[int], list[int], int, dict[str, int]]:
    """Rows by section, sorted; returns rows, section row indexes, total row, sum, counts."""
    rows: list[list[object]] = []
    spans: list[int] = []
    total = 0
    counts: dict[str, int] = {}
    for kind, label in SECTIONS:
        items = sorted((e for e in entries if e.kind == kind), key=lambda e: e.sort)
        if not items:
            continue
        spans.append(len(rows))
        section: list[object] = [label, *([""] * (len(HEAD) - 1 if with_achievements else 3))]
        rows.append(section)
        counts[kind] = len(items)
        for i, e in enumerate(items, start=1):
            money = format_number(e.amount) if e.amount is not None else ""
            total += e.amount or 0
            if with_achievements:
                rows.append([str(i), e.name, e.where, e.achievements, e.award, money, e.note])
            else:
                rows.append([str(i), e.name, e.where, money])
    return rows, spans, [], total, counts


def compose(entries: Sequence[Entry], *, issuer_parent: str, issuer: str, round_name: str,
            attached_to: str, setup: PageSetup = LANDSCAPE) -> bytes:
    """Lay out the annex from plain entries (also used by the benchmark)."""
    styles = Styles()
    width = setup.frame_width
    story: list[Flowable] = [header_table(Heading(issuer_parent, issuer, "", ""), width)]
    story += [
        Spacer(0, 10),
        styles.p("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "center_bold"),
        styles.p(round_name, "center_bold"),
        para(f"({attached_to})", styles.center_italic),
        Spacer(0, 8),
    ]
    rows, spans, _bold, total, counts = table_rows(entries)
    summary = c.count_words(counts)
    rows.append(["", f"Tổng cộng: {summary}", "", "", "", format_number(total), ""])
    widths = [w * mm * width / (sum(WIDTHS_MM) * mm) for w in WIDTHS_MM]
    story.append(grid(HEAD, rows, widths, styles=styles, align="CLLLCRC",
                      span_rows=spans, bold_rows=[len(rows) - 1]))
    return render(story, setup, title=f"Danh sách đề nghị khen thưởng – {round_name}")


def build(db: c.Db, round_ref: str | uuid.UUID, *, on: date | None = None,
          **_ignored: object) -> bytes:
    """The annex of a round's tờ trình, citing the tờ trình's number when one was reserved."""
    with c.reading(db) as session:
        rnd = c.find_round(session, round_ref)
        office = c.office_of(session, rnd)
        reg = c.registered(session, TTR, summary_of(rnd.name))
        when = reg.issued_on if reg else (on or c.document_date(session, rnd))
        number = reg.symbol if reg else f"     /{TTR}-{office.issuer_abbr}"
        day = format_date_vn(when, blank_day=reg is None)
        attached = f"Kèm theo Tờ trình số {number} {day} của {office.issuer_name}"
        entries = entries_of(session, rnd, when)
        return compose(entries, issuer_parent=office.parent_name, issuer=office.issuer_name,
                       round_name=rnd.name, attached_to=attached)


def write(db: c.Db, round_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, round_ref, **kw), out_dir, "02-danh-sach.pdf")
