"""Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua of the khối / cụm (DOMAIN.md §7.3).

Landscape A4, one section per bloc starting on its own page: STT, đơn vị, points per criterion
group (the top-level criteria of the movement's target group), điểm cộng/trừ, tổng điểm, xếp
hạng, xếp loại, ghi chú (khối trưởng / khối phó). A bloc whose members fall under several
target groups gets one table per group; the rank is always within the whole bloc.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from desktop.core import ranking
from desktop.core.text import format_number
from desktop.documents import common as c
from desktop.documents.blocks import Signer, closing, grid
from desktop.documents.header import header_table, heading, upper
from desktop.documents.ke_hoach import find_movement
from desktop.documents.page import LANDSCAPE, Styles, render, write_pdf
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Bloc, Office

FILENAME = "bang-cham-diem.pdf"
COUNCIL = "HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG"


def _widths(n_groups: int, width: float) -> list[float]:
    mm_widths = [11, 78, *([19] * n_groups), 20, 19, 17, 21, 27]
    return [w * width / sum(mm_widths) for w in mm_widths]


def _points(v: Any) -> str:
    return "" if v is None else format_number(v)


def group_table(styles: Styles, table: ranking.GroupTable, width: float) -> list[Flowable]:
    head = ["STT", "Tên đơn vị",
            *(f"Tiêu chí {col.code} (tối đa {format_number(col.max_points)} điểm)"
              for col in table.columns),
            "Điểm cộng (+), trừ (-)", "Tổng điểm", "Xếp hạng", "Xếp loại", "Ghi chú"]
    rows: list[list[object]] = []
    for i, u in enumerate(table.units, start=1):
        adj = "" if not u.adjustment else (
            ("+" if u.adjustment > 0 else "") + format_number(u.adjustment))
        rows.append([str(i), u.name, *(_points(u.points.get(col.code)) for col in table.columns),
                     adj, _points(u.total), str(u.rank) if u.rank else "",
                     u.grade or "Chưa chấm điểm", u.role])
    n = len(table.columns)
    legend = "; ".join(f"{col.code}: {col.name.rstrip('.;')}" for col in table.columns)
    return [styles.p(f"Ghi chú: {legend}.", "cell"), Spacer(0, 4),
            grid(head, rows, _widths(n, width), styles=styles, align="CL" + "C" * n + "CCCCC",
                 size=11)]


def bloc_section(styles: Styles, result: ranking.BlocRanking, width: float) -> list[Flowable]:
    out: list[Flowable] = [styles.p(upper(result.name), "center_bold"), Spacer(0, 6)]
    several = len(result.groups) > 1
    for g in result.groups:
        if several:
            out.append(styles.p(f"Nhóm tiêu chí {g.code}) {g.name}", "heading"))
        out += group_table(styles, g, width)
        out.append(Spacer(0, 8))
    if not result.groups:
        out.append(styles.p("Chưa có đơn vị nào của khối được chấm điểm trong năm.", "plain"))
    return out


def _select_blocs(session: c.Session, year: int, bloc: str | uuid.UUID | None) -> list[Bloc]:
    blocs = ranking.blocs_of_year(session, year)
    if bloc is None:
        return blocs
    text = str(bloc).strip()
    for i, b in enumerate(blocs, start=1):
        if text in (str(b.id), b.code, str(i)):
            return [b]
    raise UserError(_("There is no bloc “{ref}”; check its code or number.").format(ref=text))


def build(db: c.Db, movement_ref: str | uuid.UUID, *, year: int | None = None,
          bloc: str | uuid.UUID | None = None, on: date | None = None,
          bands: Sequence[tuple[int, str]] = ranking.DEFAULT_BANDS, **_ignored: object) -> bytes:
    """The ranking of every bloc (or of one) for the movement's latest scored year."""
    with c.reading(db) as session:
        movement = find_movement(session, movement_ref)
        year = year or ranking.latest_scored_year(session, movement.id)
        office = session.scalars(c.select(Office).where(Office.is_own.is_(True))).first()
        if office is None:
            raise UserError(_("Set up your office first (menu Office & settings)."))
        blocs = _select_blocs(session, year, bloc)
        if not blocs:
            raise UserError(_("No emulation bloc has members in {year}; set up the blocs "
                              "first.").format(year=year))
        styles = Styles()
        setup = LANDSCAPE
        width = setup.frame_width
        when = on or date(year, 12, 31)
        h = heading(office.issuer_name, COUNCIL, "", office.place, when, blank_day=on is None)
        story: list[Flowable] = [header_table(h, width), Spacer(0, 10),
                                 styles.p("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA",
                                          "center_bold"),
                                 styles.p(f"Phong trào thi đua “{movement.name}” năm {year}",
                                          "center_bold"),
                                 Spacer(0, 10)]
        for i, b in enumerate(blocs):
            if i:
                story.append(PageBreak())
            story += bloc_section(styles, ranking.rank_bloc(session, b.id, movement.id, year,
                                                            bands), width)
        chair = office.signers[0].full_name if office.signers else ""
        story.append(KeepTogether([closing(None, Signer("TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                                                        "CHỦ TỊCH", chair), width)]))
        return render(story, setup, title=f"Bảng chấm điểm, xếp hạng thi đua năm {year}")


def write(db: c.Db, movement_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, movement_ref, **kw), out_dir, FILENAME)

