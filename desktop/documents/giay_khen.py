"""Giấy khen for the recipients of a round's decision, one page each (A4 landscape).

No design is fixed by law (DOMAIN.md §4.2 H), so there are two ways to print:

- :func:`build`: the whole certificate on plain paper: a double border with corner marks, an
  emblem area, Quốc hiệu and Tiêu ngữ, «CHỦ TỊCH ỦY BAN NHÂN DÂN …», «TẶNG», «GIẤY KHEN», the
  recipient, the achievement, the decision, place and date, the signer. Every fixed text comes
  from :class:`Design` and may be changed.
- :func:`build_overlay`: only the variable fields, at the places of a printer profile
  (:mod:`desktop.documents.printer_profile`), for pre-printed stock (phôi); and
  :func:`calibration`, a millimetre grid with crosshairs at each field to hold against a blank.
"""

from __future__ import annotations

import io
import json
import os
import unicodedata
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from desktop import paths
from desktop.core.text import format_date_short, format_place_date
from desktop.documents import common as c
from desktop.documents import printer_profile as pp
from desktop.documents.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts
from desktop.documents.header import QUOC_HIEU, TIEU_NGU, upper
from desktop.documents.page import write_pdf
from desktop.errors import UserError
from desktop.i18n import _
from desktop.store.models import Person

FILENAME = "05-giay-khen.pdf"
OVERLAY_FILENAME = "05-giay-khen-phoi.pdf"
CRIMSON = Color(0.55, 0.05, 0.05)
GOLD = Color(0.72, 0.55, 0.15)
GRID = Color(0.75, 0.75, 0.75)


@dataclass(frozen=True)
class Design:
    """The fixed wording of the certificate ({issuer}, {round}, {symbol}, {date}, {number} are
    filled in); saved by :func:`save_design`, read by :func:`load_design`."""

    issuer_line: str = "CHỦ TỊCH {issuer}"
    award_intro: str = "TẶNG"
    award_title: str = "GIẤY KHEN"
    reason: str = "Đã có thành tích xuất sắc trong {round}"
    decision: str = "Quyết định số {symbol} ngày {date}"
    book: str = "Số vào sổ khen thưởng: {number}"


DESIGN_FILE = "giay-khen.json"


def load_design() -> Design:
    """The wording saved in the user's config folder (``giay-khen.json``), else the standard."""
    path = paths.config_dir() / DESIGN_FILE
    if not path.exists():
        return Design()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        design = Design(**{k: unicodedata.normalize("NFC", str(v)) for k, v in data.items()})
        for text in (design.issuer_line, design.reason, design.decision, design.book):
            text.format(issuer="", round="", symbol="", date="", number="")
        return design
    except (OSError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        raise UserError(_("The certificate wording file “{name}” is damaged; delete it to go "
                          "back to the standard wording.").format(name=path.name)) from exc


def save_design(design: Design) -> Path:
    path = paths.config_dir() / DESIGN_FILE
    try:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(design), ensure_ascii=False, indent=2),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(_("Cannot write the file into “{folder}”: {reason}.").format(
            folder=path.parent, reason=exc.strerror or exc)) from exc
    return path


@dataclass(frozen=True)
class Recipient:
    salutation_name: str  # «Ông Nguyễn Văn An», «Phòng Tài chính - Kế hoạch …»
    detail: str  # chức vụ, đơn vị / địa chỉ
    kind: str


@dataclass(frozen=True)
class Sheet:
    """What every certificate of one decision shares."""

    issuer: str  # «CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP»
    reason: str
    decision: str
    place_date: str
    signer_authority: str
    signer_title: str
    signer_name: str


def _recipients(session: c.Session, decision: c.Decision) -> list[Recipient]:
    out = []
    for line in decision.lines:
        s = c.subject_line(session, line)
        name = s.name
        if s.kind == "ca_nhan":
            person = session.get(Person, line.person_id)
            name = f"{'Bà' if person is not None and person.gender == 'nu' else 'Ông'} {s.name}"
        out.append((c.KIND_ORDER.index(s.kind), s.sort, Recipient(name, s.where, s.kind)))
    out.sort(key=lambda x: (x[0], x[1]))
    return [r for _k, _s, r in out]


def _sheet(session: c.Session, round_ref: str | uuid.UUID, design: Design
           ) -> tuple[Sheet, list[Recipient]]:
    rnd = c.find_round(session, round_ref)
    decision = c.decision_of(session, rnd)
    office = c.office_of(session, rnd)
    authority = decision.signer_authority
    if authority.upper().startswith("TM."):
        authority = ""  # the chairman awards in person
    sheet = Sheet(
        issuer=upper(design.issuer_line.format(issuer=office.issuer_name)),
        reason=design.reason.format(round=c.lower_first(rnd.name)),
        decision=design.decision.format(symbol=decision.symbol,
                                        date=format_date_short(decision.signed_on)),
        place_date=format_place_date(office.place, decision.signed_on),
        signer_authority=upper(authority), signer_title=upper(decision.signer_title),
        signer_name=decision.signer_name)
    people = _recipients(session, decision)
    if not people:
        raise UserError(_("The decision of the round “{name}” lists nobody to award.")
                        .format(name=c.short(rnd.name)))
    return sheet, people


def _centred(cv: Canvas, text: str, font: str, size: float, x: float, y: float,
             width: float, leading: float | None = None) -> float:
    """Centred lines wrapped in `width`; returns the baseline below the last line."""
    lead = leading or size * 1.25
    for line in simpleSplit(text, font, size, width):
        cv.setFont(font, size)
        cv.drawCentredString(x, y, line)
        y -= lead
    return y


def _border(cv: Canvas, w: float, h: float) -> None:
    cv.setStrokeColor(CRIMSON)
    cv.setLineWidth(3)
    cv.rect(10 * mm, 10 * mm, w - 20 * mm, h - 20 * mm)
    cv.setStrokeColor(GOLD)
    cv.setLineWidth(1)
    cv.rect(13 * mm, 13 * mm, w - 26 * mm, h - 26 * mm)
    cv.setFillColor(GOLD)
    for x, y in ((13, 13), (13, h / mm - 13), (w / mm - 13, 13), (w / mm - 13, h / mm - 13)):
        cv.saveState()
        cv.translate(x * mm, y * mm)
        cv.rotate(45)
        cv.rect(-2.2 * mm, -2.2 * mm, 4.4 * mm, 4.4 * mm, stroke=0, fill=1)
        cv.restoreState()


def _emblem_area(cv: Canvas, x: float, y: float, r: float) -> None:
    """A ring with a five-pointed star where the pre-printed emblem or seal goes."""
    import math

    cv.setStrokeColor(CRIMSON)
    cv.setLineWidth(1.2)
    cv.circle(x, y, r)
    cv.setLineWidth(0.5)
    cv.circle(x, y, r - 2 * mm)
    points = []
    for i in range(10):
        radius = (r - 4 * mm) if i % 2 == 0 else (r - 4 * mm) * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    path = cv.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    cv.setFillColor(CRIMSON)
    cv.drawPath(path, stroke=0, fill=1)


def _certificate(cv: Canvas, sheet: Sheet, who: Recipient, design: Design) -> None:
    w, h = landscape(A4)
    _border(cv, w, h)
    cx = w / 2
    text_w = w - 70 * mm
    _emblem_area(cv, 45 * mm, h - 45 * mm, 13 * mm)
    cv.setFillColor(black)
    cv.setFont(BOLD, 13)
    cv.drawCentredString(cx, h - 30 * mm, QUOC_HIEU)
    cv.setFont(BOLD, 14)
    cv.drawCentredString(cx, h - 36 * mm, TIEU_NGU)
    rule = cv.stringWidth(TIEU_NGU, BOLD, 14)
    cv.setLineWidth(0.6)
    cv.setStrokeColor(black)
    cv.line(cx - rule / 2, h - 37.5 * mm, cx + rule / 2, h - 37.5 * mm)
    y = _centred(cv, sheet.issuer, BOLD, 15, cx, h - 52 * mm, text_w)
    cv.setFont(BOLD, 15)
    cv.drawCentredString(cx, y - 2 * mm, design.award_intro)
    cv.setFillColor(CRIMSON)
    cv.setFont(BOLD, 40)
    cv.drawCentredString(cx, y - 20 * mm, design.award_title)
    cv.setFillColor(black)
    y = _centred(cv, who.salutation_name, BOLD_ITALIC, 22, cx, y - 36 * mm, text_w)
    if who.detail:
        y = _centred(cv, who.detail, ITALIC, 14, cx, y + 1 * mm, text_w)
    _centred(cv, sheet.reason, REGULAR, 15, cx, y - 4 * mm, text_w - 20 * mm)
    right = w - 82 * mm
    y = _centred(cv, sheet.place_date, ITALIC, 13, right, 52 * mm, 110 * mm)
    for line in (sheet.signer_authority, sheet.signer_title):
        if line:
            y = _centred(cv, line, BOLD, 13, right, y, 110 * mm)
    cv.setFont(BOLD, 14)
    cv.drawCentredString(right, 24 * mm, sheet.signer_name)
    cv.setFont(REGULAR, 12)
    cv.drawString(32 * mm, 30 * mm, sheet.decision)
    cv.drawString(32 * mm, 24 * mm, design.book.format(number="…………"))


def _canvas(buf: io.BytesIO, title: str, size: tuple[float, float]) -> Canvas:
    register_fonts()
    cv = Canvas(buf, pagesize=size, invariant=1)
    cv.setTitle(title)
    cv.setAuthor("TĐKT")
    cv.setCreator("TĐKT desktop")
    return cv


def build(db: c.Db, round_ref: str | uuid.UUID, *, design: Design | None = None,
          **_ignored: object) -> bytes:
    """Plain-paper certificates, one page per recipient of the round's decision."""
    design = design or load_design()
    with c.reading(db) as session:
        sheet, people = _sheet(session, round_ref, design)
    buf = io.BytesIO()
    cv = _canvas(buf, f"Giấy khen – {sheet.decision}", landscape(A4))
    for who in people:
        _certificate(cv, sheet, who, design)
        cv.showPage()
    cv.save()
    return buf.getvalue()


def _place(cv: Canvas, profile: pp.PrinterProfile, key: str, text: str) -> None:
    f = profile.fields.get(key)
    if f is None or not text:
        return
    font = BOLD_ITALIC if f.bold and f.italic else BOLD if f.bold else \
        ITALIC if f.italic else REGULAR
    x = (f.x + profile.offset_x) * mm
    y = (profile.page_height - f.y - profile.offset_y) * mm
    size = f.size
    lines = simpleSplit(text, font, size, f.width * mm)
    while len(lines) > f.max_lines and size > 8:  # the stock leaves one place: shrink to fit
        size -= 0.5
        lines = simpleSplit(text, font, size, f.width * mm)
    cv.setFont(font, size)
    for line in lines:
        if f.align == "C":
            cv.drawCentredString(x, y, line)
        elif f.align == "R":
            cv.drawRightString(x, y, line)
        else:
            cv.drawString(x, y, line)
        y -= size * 1.25


def build_overlay(db: c.Db, round_ref: str | uuid.UUID, *, printer: str | None = None,
                  profile: pp.PrinterProfile | None = None, design: Design | None = None,
                  **_ignored: object) -> bytes:
    """Only the variable fields, for pre-printed stock, one page per recipient."""
    profile = profile or pp.load(printer)
    design = design or load_design()
    with c.reading(db) as session:
        sheet, people = _sheet(session, round_ref, design)
    buf = io.BytesIO()
    size = (profile.page_width * mm, profile.page_height * mm)
    cv = _canvas(buf, f"Giấy khen (in trên phôi) – {sheet.decision}", size)
    for who in people:
        _overlay_page(cv, profile, {
            "issuer": sheet.issuer, "recipient": who.salutation_name, "detail": who.detail,
            "reason": sheet.reason, "decision": sheet.decision, "place_date": sheet.place_date,
            "signer_title": "\n".join(x for x in (sheet.signer_authority, sheet.signer_title)
                                      if x),
            "signer_name": sheet.signer_name})
    cv.save()
    return buf.getvalue()


SAMPLE = {
    "issuer": "ỦY BAN NHÂN DÂN XÃ NHÂN CƠ", "recipient": "Ông Nguyễn Văn Mẫu",
    "detail": "Trưởng thôn 3, xã Nhân Cơ",
    "reason": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    "decision": "Quyết định số 01/QĐ-UBND ngày 15/01/2026",
    "place_date": "Nhân Cơ, ngày 15 tháng 01 năm 2026",
    "signer_title": "CHỦ TỊCH", "signer_name": "Trần Văn Ký",
}


def sample_overlay(profile: pp.PrinterProfile) -> bytes:
    """One overlay page with sample text, to try a printer profile on a blank stock sheet."""
    buf = io.BytesIO()
    cv = _canvas(buf, f"Giấy khen mẫu (in trên phôi) – {profile.name}",
                 (profile.page_width * mm, profile.page_height * mm))
    _overlay_page(cv, profile, SAMPLE)
    cv.save()
    return buf.getvalue()


def _overlay_page(cv: Canvas, profile: pp.PrinterProfile, values: dict[str, str]) -> None:
    cv.setFillColor(black)
    for key, text in values.items():
        for i, part in enumerate(text.split("\n")):
            _place(cv, _shifted(profile, key, i), key, part)
    cv.showPage()


def _shifted(profile: pp.PrinterProfile, key: str, line: int) -> pp.PrinterProfile:
    """The profile with field `key` moved down by `line` lines (multi-line fixed fields)."""
    if not line or key not in profile.fields:
        return profile
    f = profile.fields[key]
    fields = {**profile.fields, key: replace(f, y=f.y + line * f.size * 1.25 / mm)}
    return replace(profile, fields=fields)


def calibration(profile: pp.PrinterProfile | None = None, printer: str | None = None) -> bytes:
    """A millimetre grid (labels every 10 mm) and a crosshair at each field of the profile.

    Print it on plain paper, hold it against a blank stock sheet to the light, read how far
    the crosshairs miss, and enter that as the profile's X/Y offsets.
    """
    profile = profile or pp.load(printer)
    pw, ph = profile.page_width, profile.page_height
    buf = io.BytesIO()
    cv = _canvas(buf, f"Trang căn chỉnh phôi – {profile.name}", (pw * mm, ph * mm))
    for step, width, colour in ((1, 0.1, GRID), (5, 0.25, GRID), (10, 0.5, black)):
        cv.setStrokeColor(colour)
        cv.setLineWidth(width)
        for x in range(0, int(pw) + 1, step):
            cv.line(x * mm, 0, x * mm, ph * mm)
        for y in range(0, int(ph) + 1, step):
            cv.line(0, (ph - y) * mm, pw * mm, (ph - y) * mm)
    cv.setFillColor(black)
    cv.setFont(REGULAR, 7)
    for x in range(20, int(pw) - 9, 10):
        cv.drawCentredString(x * mm, (ph - 16) * mm, str(x))
    for y in range(30, int(ph) - 19, 10):
        cv.drawString(16 * mm, (ph - y) * mm - 2.5, str(y))
    cv.setStrokeColor(CRIMSON)
    cv.setFillColor(CRIMSON)
    cv.setLineWidth(0.6)
    for key, f in profile.fields.items():
        x = (f.x + profile.offset_x) * mm
        y = (ph - f.y - profile.offset_y) * mm
        cv.line(x - 6 * mm, y, x + 6 * mm, y)
        cv.line(x, y - 6 * mm, x, y + 6 * mm)
        cv.circle(x, y, 2 * mm)
        cv.setFont(BOLD, 8)
        cv.drawString(x + 3 * mm, y + 1.5 * mm, pp.FIELD_WORDS.get(key, key))
    cv.setFillColor(black)
    cv.setFont(BOLD, 11)
    cv.drawCentredString(pw / 2 * mm, 30 * mm, "TRANG CĂN CHỈNH PHÔI GIẤY KHEN")
    cv.setFont(REGULAR, 10)
    cv.drawCentredString(pw / 2 * mm, 25 * mm,
                         f"Máy in: {profile.name} – độ lệch ngang {profile.offset_x:+.1f} mm, "
                         f"độ lệch dọc {profile.offset_y:+.1f} mm".replace(".", ","))
    cv.drawCentredString(pw / 2 * mm, 21 * mm, "Đặt trang này lên phôi trắng, soi ra ánh sáng, "
                         "đo độ lệch của các tâm ngắm rồi nhập vào hồ sơ máy in.")
    cv.showPage()
    cv.save()
    return buf.getvalue()


def write(db: c.Db, round_ref: str | uuid.UUID, out_dir: Path | str, **kw: Any) -> Path:
    return write_pdf(build(db, round_ref, **kw), out_dir, FILENAME)

