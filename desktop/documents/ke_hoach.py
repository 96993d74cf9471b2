"""Kế hoạch phát động phong trào thi đua: the movement's plan, printed from Movement.plan."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.core.text import format_number
from desktop.documents import common as c
from desktop.documents.blocks import Signer, closing, finish, grid, title_block
from desktop.documents.header import header_table, heading, number_line
from desktop.documents.page import PORTRAIT, Styles, render, write_pdf
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Movement

DOC_TYPE = "KH"


def find_movement(session: c.Session, ref: str | uuid.UUID) -> Movement:
    """By UUID, by code, or by 1-based position in order of the plan's date (oldest first)."""
    text = str(ref).strip()
    movements = list(session.scalars(c.select(Movement).order_by(Movement.doc_date,
                                                                Movement.code)))
    if text.isdigit() and 1 <= int(text) <= len(movements):
        return movements[int(text) - 1]
    for m in movements:
        if str(m.id) == text or str(m.id).replace("-", "") == text.replace("-", "") \
                or m.code == text:
            return m
    raise UserError(_("There is no movement “{ref}”; check its code or number.").format(ref=text))


def _lines(styles: Styles, items: list[Any], style: str = "body") -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        for part in str(item).split("\n"):
            if part.strip():
                out.append(styles.p(part.strip(), style))
    return out


def _num(v: Decimal | None) -> str:
    return "" if v is None else format_number(v)


def build(db: c.Db, ref: str | uuid.UUID, **_ignored: object) -> bytes:
    with c.reading(db) as session:
        movement = find_movement(session, ref)
        from desktop.core.service import Services

        outline = None
        if isinstance(db, Services):
            movement, outline = db.movements.outline(movement.id)
        plan: dict[str, Any] = dict(movement.plan or {})
        styles = Styles()
        st = PORTRAIT
        width = st.frame_width
        number = f"Số: {movement.doc_number}/{movement.doc_symbol}" if movement.doc_number \
            else number_line(None, *(movement.doc_symbol or "KH-UBND").split("-", 1))
        h = heading(movement.issuer_parent, movement.issuer, number, movement.place,
                    movement.doc_date, blank_day=bool(plan.get("doc_date_approximate")))
        story: list[Flowable] = [header_table(h, width)]
        story += title_block("KẾ HOẠCH", movement.title or movement.name, width)
        if plan.get("preamble"):
            story += _lines(styles, [plan["preamble"]])
        # Parts the plan does not have are left out, and the rest numbered in order: a plan
        # known only from a summary must not print empty headings.
        numerals = iter(("I", "II", "III", "IV", "V", "VI", "VII"))

        def part(title: str) -> None:
            story.append(styles.p(f"{next(numerals)}. {title}", "heading"))

        part("MỤC ĐÍCH, YÊU CẦU")
        story.append(styles.p("1. Mục đích", "heading"))
        story += _lines(styles, plan.get("purposes", []))
        story.append(styles.p("2. Yêu cầu", "heading"))
        story += _lines(styles, plan.get("requirements", []))
        part("NỘI DUNG, TIÊU CHÍ THI ĐUA")
        for section in plan.get("content_sections", []):
            story.append(styles.p(section.get("heading", ""), "heading"))
            story += _lines(styles, [f"- {x}" for x in section.get("items", [])])
        if outline is None:
            from sqlalchemy.orm import selectinload

            movement = session.scalars(c.select(Movement).where(Movement.id == movement.id)
                                       .options(selectinload(Movement.target_groups),
                                                selectinload(Movement.phases))).one()
        groups = list(movement.target_groups)
        if groups:
            story.append(styles.p(f"{len(plan.get('content_sections', [])) + 1}. Tiêu chí "
                                  "thi đua", "heading"))
            from desktop.store.models import Criterion

            for g in groups:
                story.append(styles.p(f"{g.code}) {g.name}", "heading"))
                crits = list(session.scalars(c.select(Criterion).where(
                    Criterion.target_group_id == g.id).order_by(Criterion.position)))
                parents = {x.parent_id for x in crits}
                rows = []
                for x in sorted(crits, key=lambda x: [int(p) if p.isdigit() else p
                                                       for p in x.code.split(".")][1:]):
                    target = x.target_text or (f"{x.target_direction} {_num(x.target_value)} "
                                               f"{x.target_unit}".strip()
                                               if x.target_value is not None else "")
                    rows.append([x.code, x.name, _num(x.max_points), target])
                bold = [i for i, x in enumerate(sorted(
                    crits, key=lambda x: [int(p) if p.isdigit() else p
                                          for p in x.code.split(".")][1:])) if x.id in parents]
                story.append(grid(("Mã", "Tiêu chí", "Điểm tối đa", "Chỉ tiêu"), rows,
                                  [w * mm * width / (165 * mm) for w in (15, 100, 20, 30)],
                                  styles=styles, align="CLCL", bold_rows=bold, size=11))
        if plan.get("award_forms"):
            part("HÌNH THỨC KHEN THƯỞNG")
            story += _lines(styles, plan["award_forms"])
        if plan.get("solutions"):
            part("GIẢI PHÁP THỰC HIỆN")
            story += _lines(styles, plan["solutions"])
        if movement.phases:
            part("TIẾN ĐỘ THỰC HIỆN")
            for ph in movement.phases:
                story.append(styles.p(ph.name, "heading"))
                story += _lines(styles, [f"- {x}" for x in ph.tasks or []])
        if plan.get("organisation"):
            part("TỔ CHỨC THỰC HIỆN")
            story += _lines(styles, plan["organisation"])
        name = plan.get("signer_name") or ""
        if not name:  # the plan did not keep its signer: the own office's first signer
            from desktop.store.models import Office

            office = session.scalars(c.select(Office).where(Office.is_own.is_(True))).first()
            if office is not None and office.signers and \
                    office.issuer_name.upper() == movement.issuer.upper():
                name = office.signers[0].full_name
        sig = Signer(plan.get("signer_authority") or "", plan.get("signer_title") or "CHỦ TỊCH",
                     name)
        finish(story, closing(plan.get("recipients", []), sig, width))
        return render(story, st, title=f"Kế hoạch – {movement.name}")


def write(db: c.Db, ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, ref, **kw), out_dir, "00-ke-hoach.pdf")
