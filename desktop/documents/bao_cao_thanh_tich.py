"""Báo cáo thành tích (NĐ 152/2025 Mẫu 04–08; DOMAIN.md §4.2 C–F), one per nominee of a round.

Variants: ``cong_trang`` (cá nhân Mẫu 05, tập thể Mẫu 04), ``chuyen_de`` (section II pre-filled
from the subject's criterion scores against the movement's targets) and ``dot_xuat``. Every
variant has I. sơ lược lý lịch / đặc điểm, II. thành tích, III. the award history tables.
The round's kind picks the variant unless one is asked for: a đột xuất round → ``dot_xuat``,
a round of a chuyên đề movement → ``chuyen_de``, else ``cong_trang``. All reports of a round
go into one PDF, each numbered on its own.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.core import achievements as a
from desktop.core.service import Subject
from desktop.core.text import format_date_short, format_number, format_place_date
from desktop.documents import common as c
from desktop.documents.blocks import grid, labelled
from desktop.documents.columns import SideBySide
from desktop.documents.header import Heading, header_table, upper
from desktop.documents.page import PORTRAIT, Styles, write_pdf
from desktop.documents.parts import fill, national_heading, render_parts, signed_by
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Movement, Nomination, NominationRound

VARIANTS = ("cong_trang", "chuyen_de", "dot_xuat")
FILENAME = "02a-bao-cao-thanh-tich.pdf"
HISTORY_WIDTHS_MM = (18, 55, 92)
SCORE_HEAD = ("Mã", "Tiêu chí", "Chỉ tiêu", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định")
SCORE_WIDTHS_MM = (15, 76, 29, 15, 15, 15)


def variant_of(rnd: NominationRound, movement: Movement | None) -> str:
    if rnd.kind == "dot_xuat":
        return "dot_xuat"
    if movement is not None and movement.kind == "chuyen_de":
        return "chuyen_de"
    return "cong_trang"


def _period(session: c.Session, rnd: NominationRound, movement: Movement | None) -> str:
    """«(Từ năm 2023 đến năm 2025)» for a phase review, «(Năm 2025)» for a yearly round."""
    if movement is not None and rnd.kind in ("so_ket", "tong_ket"):
        phases = [p for p in movement.phases if p.milestone == rnd.kind
                  and p.start_year <= rnd.year <= p.end_year]
        if phases:
            return f"(Từ năm {phases[0].start_year} đến năm {phases[0].end_year})"
    return f"(Năm {rnd.year})"


def _fields(styles: Styles, pairs: list[tuple[str, str]], width: float) -> list[Flowable]:
    """«- Họ và tên: Nguyễn Văn A»; an empty value leaves dots to write on."""
    out: list[Flowable] = []
    for label, value in pairs:
        text = f"- {label}: "
        if not value:
            from desktop.documents.fonts import REGULAR, text_width

            value = fill(width - text_width(text, REGULAR, 14) - 4)
        out.append(styles.p(text + value, "plain"))
    return out


def _history(styles: Styles, history: a.History, width: float) -> list[Flowable]:
    widths = [w * mm * width / (sum(HISTORY_WIDTHS_MM) * mm) for w in HISTORY_WIDTHS_MM]
    out: list[Flowable] = []
    lead: list[Flowable] = [styles.p("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", "heading")]
    for number, label, head, lines in (
        ("1", "Danh hiệu thi đua", "Danh hiệu thi đua", history.titles),
        ("2", "Hình thức khen thưởng", "Hình thức khen thưởng", history.forms),
    ):
        lead.append(styles.p(f"{number}. {label}:", "plain"))
        if not lines:
            out += labelled(*lead, then=styles.p("Chưa có.", "body"), width=width)
            lead = []
            continue
        rows = [[str(x.year), x.name + (" (chuyên đề)" if x.thematic else ""), x.decision]
                for x in lines]
        table = grid(("Năm", head, "Số, ngày, tháng, năm của quyết định; cơ quan ban hành "
                                   "quyết định"), rows, widths, styles=styles, align="CLL")
        out += [*labelled(*lead, then=table, width=width), Spacer(0, 6)]
        lead = []
    return out


def _score_table(styles: Styles, results: a.GroupResults, width: float) -> Flowable:
    widths = [w * mm * width / (sum(SCORE_WIDTHS_MM) * mm) for w in SCORE_WIDTHS_MM]
    rows: list[list[object]] = []
    bold = []
    for r in results.rows:
        if r.depth > 1 and not r.target:
            continue  # the deeper breakdown stays in the scoring sheet; targets are shown
        if r.depth == 0:
            bold.append(len(rows))
        rows.append([r.code, r.name, r.target, format_number(r.max_points),
                     _points(r.self_points), _points(r.verified_points)])
    own = sum((r.self_points or 0 for r in results.rows if r.depth == 0), Decimal(0))
    bold.append(len(rows))
    rows.append(["", "Tổng cộng", "", format_number(results.maximum), format_number(own),
                 format_number(results.total)])
    return grid(SCORE_HEAD, rows, widths, styles=styles, align="CLLCCC", bold_rows=bold,
                size=11)


def _points(v: Decimal | None) -> str:
    return "" if v is None else format_number(v)


def _signatures(kind: str, name: str, width: float) -> list[Flowable]:
    if kind == "ca_nhan":
        left = signed_by("THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ", "(Ký, đóng dấu)")
        right = signed_by("NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", name)
    elif kind == "ho_gia_dinh":
        left = signed_by("XÁC NHẬN CỦA\nỦY BAN NHÂN DÂN XÃ", "(Ký, đóng dấu)")
        right = signed_by("CHỦ HỘ", "(Ký, ghi rõ họ và tên)", name)
    else:
        left = signed_by("XÁC NHẬN CỦA CẤP TRÌNH\nKHEN THƯỞNG", "(Ký, đóng dấu)")
        right = signed_by("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)")
    out: list[Flowable] = [Spacer(0, 10), SideBySide([left, right], [width / 2, width / 2])]
    if kind == "ca_nhan":
        out += [Spacer(0, 8), *signed_by("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "(Ký, đóng dấu)")]
    return [KeepTogether(out)]


def _profile_fields(p: a.Profile) -> list[tuple[str, str]]:
    if p.kind == "ca_nhan":
        born = format_date_short(p.birth_date)
        return [("Họ và tên", p.name), ("Giới tính", p.gender), ("Sinh ngày, tháng, năm", born),
                ("Dân tộc", p.ethnicity), ("Quê quán", p.hometown), ("Trú quán", p.residence),
                ("Đơn vị công tác", p.unit), ("Chức vụ (Đảng, chính quyền, đoàn thể)", p.position),
                ("Trình độ chuyên môn, nghiệp vụ", p.qualification),
                ("Học hàm, học vị, danh hiệu, giải thưởng", "")]
    if p.kind == "ho_gia_dinh":
        return [("Chủ hộ", p.name), ("Địa chỉ", p.residence),
                ("Số nhân khẩu", f"{p.members:02d}" if p.members else ""),
                ("Thôn, tổ dân phố", p.unit)]
    return [("Tên tập thể", p.name), ("Cơ quan, đơn vị cấp trên trực tiếp", p.unit),
            ("Trụ sở chính", ""), ("Điện thoại", ""),
            ("Tổng số cán bộ, công chức, viên chức, người lao động",
             f"{p.staff:02d} người" if p.staff else "")]


def report(session: c.Session, book: a.Book, nom: Nomination, rnd: NominationRound,
           variant: str, on: date, place: str, width: float, styles: Styles) -> list[Flowable]:
    """The flowables of one báo cáo thành tích (`book` holds its subject's records)."""
    subject = Subject.of(nom)
    p = book.profile(subject)
    movement = c.movement_of(session, rnd)
    award = c.award_name(session, nom.award_code, on)
    place_date = format_place_date(place, on, blank_day=True)
    story: list[Flowable]
    if p.kind == "tap_the":
        story = [header_table(Heading(p.unit, p.name, "", place_date), width)]
    else:
        story = national_heading(place_date)
    story += [Spacer(0, 14), styles.p("BÁO CÁO THÀNH TÍCH", "center_bold"),
              styles.p(f"ĐỀ NGHỊ TẶNG {upper(award)}", "center_bold")]
    if variant == "chuyen_de" and movement is not None:
        story.append(styles.p(f"Trong Phong trào thi đua “{movement.name}”", "center_bold"))
    if variant == "dot_xuat":
        story.append(styles.p("(Thành tích xuất sắc đột xuất)", "center_italic"))
    else:
        story.append(styles.p(_period(session, rnd, movement), "center_italic"))
    story.append(Spacer(0, 12))
    fields = _profile_fields(p)
    if p.kind == "ca_nhan":
        story.append(styles.p("I. SƠ LƯỢC LÝ LỊCH", "heading"))
        story += _fields(styles, fields, width)
    elif p.kind == "ho_gia_dinh":
        story.append(styles.p("I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH", "heading"))
        story += _fields(styles, fields, width)
    else:
        story.append(styles.p("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "heading"))
        story.append(styles.p("1. Đặc điểm, tình hình", "plain"))
        story += _fields(styles, fields[1:], width)
        story.append(styles.p("2. Chức năng, nhiệm vụ được giao", "plain"))
        story.append(styles.p(fill(width * 2 - 10 * mm), "body"))
    story += _achievements(book, nom, subject, p, rnd, movement, variant, width, styles)
    # awards before the round's year: not the one this round may already have given
    story += _history(styles, book.history(subject, before_year=rnd.year), width)
    story += _signatures(p.kind, p.name, width)
    return story


def _achievements(book: a.Book, nom: Nomination, subject: Subject, p: a.Profile,
                  rnd: NominationRound, movement: Movement | None, variant: str, width: float,
                  styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    summary = nom.achievements.strip()
    if variant == "dot_xuat":
        out += labelled(styles.p("II. NỘI DUNG THÀNH TÍCH XUẤT SẮC ĐỘT XUẤT", "heading"),
                        styles.p("1. Tóm tắt diễn biến sự việc, hành động", "plain"),
                        then=styles.p(summary or fill(width * 2 - 10 * mm)), width=width)
        out += labelled(styles.p("2. Kết quả, ý nghĩa, tác dụng", "plain"),
                        then=styles.p(fill(width * 2 - 10 * mm)), width=width)
        return out
    heading = styles.p("II. THÀNH TÍCH ĐẠT ĐƯỢC", "heading")
    if variant == "chuyen_de" and movement is not None:
        results = book.criterion_results(movement.id, subject)
        label = styles.p("1. Kết quả thực hiện các tiêu chí, chỉ tiêu thi đua", "plain")
        if results is None:
            out += [heading, label, styles.p("Chưa có kết quả chấm điểm theo tiêu chí của "
                                             "Phong trào thi đua.")]
        else:
            intro = styles.p(
                f"Năm {results.year}, {p.name} được chấm điểm theo nhóm tiêu chí "
                f"{results.group_code}) {c.lower_first(results.group_name)}; tổng điểm thẩm "
                f"định đạt {format_number(results.total)}/{format_number(results.maximum)} "
                "điểm, cụ thể như sau:")
            out += labelled(heading, label, intro, then=_score_table(styles, results, width),
                            width=width)
            out.append(Spacer(0, 6))
        out += labelled(styles.p("2. Biện pháp, giải pháp đã thực hiện", "plain"),
                        then=styles.p(summary or fill(width * 2 - 10 * mm)), width=width)
        out += labelled(styles.p("3. Hiệu quả kinh tế - xã hội, bài học kinh nghiệm", "plain"),
                        then=styles.p(fill(width * 2 - 10 * mm)), width=width)
        return out
    first = "1. Quyền hạn, nhiệm vụ được giao" if p.kind == "ca_nhan" else \
        "1. Kết quả thực hiện chức năng, nhiệm vụ được giao"
    out += labelled(heading, styles.p(first, "plain"),
                    then=styles.p(summary or fill(width * 2 - 10 * mm)), width=width)
    years = range(rnd.year - 3, rnd.year)
    ratings = book.ratings(subject, years)
    if ratings:
        out.append(styles.p("2. Kết quả đánh giá, xếp loại", "plain"))
        for year, words in ratings:
            out.append(styles.p(f"- Năm {year}: {words}.", "body"))
    inits = book.initiatives(subject)
    if inits:
        out.append(styles.p(f"{3 if ratings else 2}. Sáng kiến, đề tài được công nhận", "plain"))
        for x in inits:
            by = f", {x.recognised_by}" if x.recognised_by else ""
            number = f" (Quyết định số {x.decision}{by})" if x.decision else ""
            out.append(styles.p(f"- Năm {x.year}: {x.title}{number}.", "body"))
    return out


def build(db: c.Db, round_ref: str | uuid.UUID, *, variant: str | None = None,
          nomination: str | uuid.UUID | None = None, on: date | None = None,
          **_ignored: object) -> bytes:
    """The reports of the round's proposed nominees (or of one nomination) as one PDF."""
    if variant is not None and variant not in VARIANTS:
        raise UserError(_("There is no report variant “{name}”; choose cong_trang, chuyen_de "
                          "or dot_xuat.").format(name=variant))
    with c.reading(db) as session:
        rnd = c.find_round(session, round_ref)
        office = c.office_of(session, rnd)
        movement = c.movement_of(session, rnd)
        chosen = variant or variant_of(rnd, movement)
        when = on or c.document_date(session, rnd)
        noms = c.nominations(session, rnd)
        if nomination is not None:
            noms = [n for n in noms if str(n.id) == str(nomination)]
        if not noms:
            raise UserError(_("The round “{name}” has no nominations to propose.").format(
                name=c.short(rnd.name)))
        noms.sort(key=lambda n: (c.KIND_ORDER.index(n.subject_kind),
                                 c.subject_line(session, n).sort))
        styles = Styles()
        width = PORTRAIT.frame_width
        book = a.Book(session, [Subject.of(n) for n in noms])
        parts = [report(session, book, n, rnd, chosen, when, office.place, width, styles)
                 for n in noms]
        return render_parts(parts, PORTRAIT, f"Báo cáo thành tích – {rnd.name}")


def write(db: c.Db, round_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, round_ref, **kw), out_dir, FILENAME)
