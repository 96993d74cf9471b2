"""The office that runs this installation: its identity, signers and document numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desktop.core import validate
from desktop.core.roles import Permission
from desktop.core.service import Part
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.store import audit
from desktop.store.kinds import OfficeLevel
from desktop.store.models import NumberRegister, Office, Signer


@dataclass(frozen=True)
class SignerInput:
    authority: str  # «TM. ỦY BAN NHÂN DÂN», «KT. CHỦ TỊCH», or ""
    title: str  # «CHỦ TỊCH», «PHÓ CHỦ TỊCH»
    full_name: str


DOC_TYPES = {
    "TTr": N_("Submissions (Tờ trình)"),
    "QĐ": N_("Decisions (Quyết định)"),
    "KH": N_("Plans (Kế hoạch)"),
    "BC": N_("Reports (Báo cáo)"),
    "BB": N_("Minutes (Biên bản)"),
}


class OfficeService(Part):
    def own(self) -> Office | None:
        with self.services.reading() as session:
            return session.scalars(select(Office).where(Office.is_own.is_(True))).first()

    def own_with_signers(self) -> Office | None:
        with self.services.reading() as session:
            return session.scalars(select(Office).where(Office.is_own.is_(True))
                                   .options(selectinload(Office.signers))).first()

    def last_numbers(self, year: int) -> dict[str, int]:
        """The last number taken this year, per document type (0 when none)."""
        office = self.own()
        numbers = dict.fromkeys(DOC_TYPES, 0)
        if office is None:
            return numbers
        with self.services.reading() as session:
            for doc_type, last in session.execute(
                select(NumberRegister.doc_type, func.max(NumberRegister.number))
                .where(NumberRegister.office_id == office.id, NumberRegister.year == year)
                .group_by(NumberRegister.doc_type)
            ).all():
                numbers[doc_type] = int(last or 0)
        return numbers

    def continue_numbering(self, year: int, used: dict[str, int]) -> None:
        """Record the numbers already used on paper this year, so the next one follows them."""
        validate.year(year)
        current = self.last_numbers(year)
        office = self.require_own()
        with self._tx(Permission.ADMIN) as session:
            for doc_type, last in used.items():
                if doc_type not in DOC_TYPES or last < 0:
                    raise UserError(_("“{value}” is not a valid document number.").format(
                        value=last))
                if last < current[doc_type]:
                    raise UserError(_("Numbers of {kind} were already given up to {n} in {year}; "
                                      "a number cannot go back.").format(
                        kind=_(DOC_TYPES[doc_type]), n=current[doc_type], year=year))
                if last == current[doc_type]:
                    continue
                entry = NumberRegister(
                    office_id=office.id, doc_type=doc_type, year=year, number=last,
                    symbol=f"{last:02d}/{doc_type}-{office.issuer_abbr}",
                    issued_on=date(year, 1, 1),
                    summary=_("Numbers used before this program"))
                session.add(entry)
                self._audit(session, "number.continue", entry, summary=entry.symbol)

    def require_own(self) -> Office:
        office = self.own()
        if office is None:
            raise UserError(_("Set up your office first (menu Office & settings)."))
        return office

    def set_up(
        self,
        *,
        name: str,
        level: str,
        province: str,
        parent_name: str = "",
        issuer_name: str = "",
        issuer_abbr: str = "UBND",
        place: str = "",
        code: str = "",
        signers: list[SignerInput] | None = None,
    ) -> Office:
        """Create or update this installation's own office."""
        with self._tx(Permission.ADMIN) as session:
            office = session.scalars(select(Office).where(Office.is_own.is_(True))).first()
            before = audit.snapshot(office) if office else None
            if office is None:
                office = Office(is_own=True)
                session.add(office)
            office.name = validate.text(name, N_("Office name"))
            office.level = validate.choice(level, OfficeLevel, N_("Level")).value
            office.province = validate.text(province, N_("Province"))
            office.parent_name = validate.text(parent_name, N_("Superior body"), required=False)
            office.issuer_name = validate.text(issuer_name or name, N_("Issuing body"))
            office.issuer_abbr = validate.text(issuer_abbr, N_("Issuer abbreviation"), max_len=20)
            office.place = validate.text(place or province, N_("Place name"), max_len=100)
            office.code = validate.text(code, N_("Code"), required=False, max_len=20)
            if signers is not None:
                office.signers.clear()
                for i, s in enumerate(signers):
                    office.signers.append(
                        Signer(
                            authority=validate.text(s.authority, N_("Authority"), required=False),
                            title=validate.text(s.title, N_("Position title")),
                            full_name=validate.text(s.full_name, N_("Full name")),
                            position=i,
                        )
                    )
            self._audit(session, "office.set_up", office, before=before, summary=office.name)
            return office

    def reserve_number(
        self, doc_type: str, issued_on: date, summary: str = ""
    ) -> NumberRegister:
        """Take the next number of a document type for the year: no gaps, no duplicates."""
        with self._tx() as session:
            office = session.scalars(select(Office).where(Office.is_own.is_(True))).first()
            if office is None:
                raise UserError(_("Set up your office first (menu Office & settings)."))
            last = session.scalar(
                select(func.max(NumberRegister.number)).where(
                    NumberRegister.office_id == office.id,
                    NumberRegister.doc_type == doc_type,
                    NumberRegister.year == issued_on.year,
                )
            )
            number = (last or 0) + 1
            entry = NumberRegister(
                office_id=office.id,
                doc_type=doc_type,
                year=issued_on.year,
                number=number,
                symbol=f"{number:02d}/{doc_type}-{office.issuer_abbr}",
                issued_on=issued_on,
                summary=summary,
            )
            session.add(entry)
            self._audit(session, "number.reserve", entry, summary=entry.symbol)
            return entry
