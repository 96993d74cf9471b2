"""Export the statistics to .xlsx: one sheet per grouping (award, unit, year, sex, kind).

Counts and amounts are real numbers (Excel can sum them); the file is written atomically by
`xlsx_export.save`.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from desktop.core.service import Services
from desktop.core.statistics import Filter, StatisticsService
from desktop.errors import UserError
from desktop.i18n import N_, _
from desktop.interop.xlsx_export import MONEY_FORMAT, save

SHEETS = [
    ("award", N_("By award"), N_("Award")),
    ("unit", N_("By unit"), N_("Unit")),
    ("year", N_("By year"), N_("Year")),
    ("sex", N_("By sex (individuals)"), N_("Sex")),
    ("subject_kind", N_("By kind of subject"), N_("Kind")),
]


def export_statistics(services: Services, target: Path, flt: Filter = Filter()) -> int:  # noqa: B008
    """Write every grouping to `target`; returns the number of rows written in all."""
    target = Path(target).expanduser()
    if target.suffix.lower() != ".xlsx":
        raise UserError(_("The file name must end in .xlsx, e.g. “danh_sach.xlsx”."))
    if not target.parent.is_dir():
        raise UserError(_("The folder “{folder}” does not exist; choose another folder.").format(
            folder=target.parent))
    stats = StatisticsService(services)
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    written = 0
    for grouping, title, first in SHEETS:
        sheet = book.create_sheet(_(title)[:31])
        sheet.column_dimensions["A"].width = 50
        sheet.column_dimensions["B"].width = 14
        sheet.column_dimensions["C"].width = 18
        heads = []
        for text in (_(first), _("Awards"), _("Amount")):
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            heads.append(cell)
        sheet.append(heads)
        for row in stats.table(grouping, flt):
            amount = WriteOnlyCell(sheet, value=row.amount)
            amount.number_format = MONEY_FORMAT
            sheet.append([row.label, row.count, amount])
            written += 1
    save(book, target)
    return written
