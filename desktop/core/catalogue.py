"""The award catalogue: legal regimes, titles and award forms, base salaries, dossier parts.

Laws and money are data with effective dates (``resources/catalogue/*.toml``), never constants in
code. This module reads those files and checks them; it knows no Qt and no database and computes no
money (the rules engine owns amounts). Every problem becomes a `CatalogueError` carrying one
Vietnamese sentence that names the file, the entry and the field, so an officer can fix the file.

Any ``.toml`` file of the folder may hold any of the sections ``[[regime]]``, ``[[office_level]]``,
``[[base_salary]]``, ``[[dossier_component]]`` and ``[[award]]``; files are read in name order.
The meaning of every field is written at the top of the shipped files.

Dates are inclusive: a row is in force from ``effective_from`` to ``effective_to`` (its last day);
no ``effective_to`` means "still in force".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from desktop.errors import UserError
from desktop.paths import resource

__all__ = [
    "AUTHORITY_ROLES",
    "CATEGORIES",
    "CERTIFICATES",
    "EVIDENCE_TAGS",
    "FORM_VARIANTS",
    "KINDS",
    "SUBJECT_KINDS",
    "AwardDef",
    "BaseSalaryDef",
    "Catalogue",
    "CatalogueError",
    "DossierComponent",
    "DossierForm",
    "OfficeLevelDef",
    "Regime",
    "format_day",
    "load_catalogue",
    "load_catalogue_text",
]

# --- closed vocabularies (words of the data format, not law) ----------------------------------

CATEGORIES: dict[str, str] = {
    "danh_hieu": "danh hiệu thi đua",
    "hinh_thuc": "hình thức khen thưởng",
}
KINDS: dict[str, str] = {
    "thuong_xuyen": "thi đua thường xuyên",
    "chuyen_de": "thi đua theo chuyên đề",
    "dot_xuat": "khen thưởng đột xuất",
}
SUBJECT_KINDS: dict[str, str] = {
    "ca_nhan": "cá nhân",
    "tap_the": "tập thể",
    "ho_gia_dinh": "hộ gia đình",
}
AUTHORITY_ROLES: dict[str, str] = {
    "award": "quyết định tặng",
    "propose": "đề nghị lên cấp trên",
}
CERTIFICATES: dict[str, str] = {
    "bang_chung_nhan_khung": "bằng chứng nhận và khung",
    "co": "cờ",
    "tien": "chỉ tiền thưởng",
    "giay_khen": "giấy khen",
    "bang_khen": "bằng khen",
    "giay_chung_nhan": "giấy chứng nhận",
    "huan_chuong": "huân chương",
}
EVIDENCE_TAGS: dict[str, str] = {
    "V": "đã đối chiếu văn bản",
    "R": "chỉ thấy ở nguồn thứ cấp",
    "M": "theo hiểu biết, chưa đọc lại văn bản",
    "I": "suy luận",
}
FORM_VARIANTS: dict[str, str] = {
    "": "chung",
    "tap_the": "tập thể",
    "ca_nhan": "cá nhân",
    "dot_xuat": "đột xuất",
    "chuyen_de": "theo chuyên đề",
    "cong_hien": "quá trình cống hiến",
    "co_cp": "Cờ thi đua của Chính phủ",
    "cstd_tq": "Chiến sĩ thi đua toàn quốc",
}
# Aspects of an award row whose evidence may be tagged apart from the coefficients.
EVIDENCE_ASPECTS: frozenset[str] = frozenset(
    {
        "name",
        "authority",
        "council_threshold",
        "dossier",
        "kinds",
        "legal_source",
        "prerequisites",
        "household_multiplier",
        "level_coefficients",
        "certificate",
    }
)
# Weakest last: used when two tags combine (e.g. a household amount).
_EVIDENCE_RANK = {"V": 0, "R": 1, "M": 2, "I": 3}

_SECTIONS = ("regime", "office_level", "base_salary", "dossier_component", "award")
_AWARD_CODE = re.compile(r"[A-Z][A-Z0-9_]*")
_LOWER_CODE = re.compile(r"[a-z][a-z0-9_]*")
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")
_TABLE_HEADER = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(?:#.*)?")

# (file, position in its section, the table, line of its [[section]] header or 0)
_Item = tuple[str, int, Mapping[str, Any], int]

# Vietnamese words for every field, used in messages next to the field's own name.
_FIELD_LABELS: dict[str, str] = {
    "code": "mã",
    "regime": "chế độ",
    "name": "tên",
    "legal_name": "tên trong luật",
    "quoted": "đặt tên trong ngoặc kép",
    "legal_basis": "căn cứ pháp lý",
    "law": "luật",
    "guidance": "thông tư hướng dẫn",
    "effective_from": "ngày bắt đầu hiệu lực",
    "effective_to": "ngày cuối cùng còn hiệu lực",
    "evidence": "mức độ tin cậy",
    "evidence_detail": "mức độ tin cậy từng phần",
    "note": "ghi chú",
    "category": "nhóm",
    "kinds": "loại hình",
    "subject_kinds": "đối tượng",
    "authority": "thẩm quyền",
    "agency_head_may_award": "thủ trưởng cơ quan, đơn vị được quyết định",
    "coefficients": "hệ số",
    "level_coefficients": "hệ số theo cấp",
    "household_multiplier": "hệ số hộ gia đình so với cá nhân",
    "council_threshold": "tỷ lệ phiếu đồng ý",
    "secret_ballot": "bỏ phiếu kín",
    "dossier": "thành phần hồ sơ",
    "dossier_optional": "thành phần hồ sơ khi có",
    "dossier_one_of": "nhóm hồ sơ chọn một",
    "legal_source": "nguồn pháp lý",
    "discontinued": "ngừng áp dụng",
    "proposal_only": "chỉ đề nghị",
    "certificate": "hiện vật khen thưởng",
    "prerequisites_note": "tiêu chuẩn",
    "amount": "mức lương",
    "reported": "mới thấy qua nguồn thứ cấp",
    "forms": "mẫu văn bản",
    "form": "số mẫu",
    "variant": "biến thể mẫu",
}

_REGIME_KEYS = frozenset(
    {
        "code",
        "name",
        "legal_basis",
        "law",
        "guidance",
        "effective_from",
        "effective_to",
        "evidence",
        "note",
    }
)
_LEVEL_KEYS = frozenset({"code", "name", "effective_from", "effective_to", "legal_source", "note"})
_SALARY_KEYS = frozenset({"amount", "effective_from", "legal_source", "reported", "note"})
_DOSSIER_KEYS = frozenset({"code", "name", "forms", "note"})
_FORM_KEYS = frozenset({"regime", "form", "variant", "evidence", "note"})
_AWARD_KEYS = frozenset(
    {
        "code",
        "regime",
        "name",
        "legal_name",
        "quoted",
        "category",
        "kinds",
        "subject_kinds",
        "authority",
        "agency_head_may_award",
        "coefficients",
        "level_coefficients",
        "household_multiplier",
        "council_threshold",
        "secret_ballot",
        "dossier",
        "dossier_optional",
        "dossier_one_of",
        "legal_source",
        "effective_from",
        "effective_to",
        "discontinued",
        "proposal_only",
        "certificate",
        "prerequisites_note",
        "evidence",
        "evidence_detail",
        "note",
    }
)


class CatalogueError(UserError):
    """A problem in the catalogue files or a look-up outside them; one Vietnamese sentence."""


def format_day(d: date) -> str:
    """dd/mm/yyyy, the short form used in running text and messages."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _period(start: date | None, end: date | None) -> str:
    """«01/01/2024–30/06/2025», «từ 01/07/2025», «đến hết 30/06/2025»."""
    if start and end:
        return f"{format_day(start)}–{format_day(end)}"
    if start:
        return f"từ {format_day(start)}"
    if end:
        return f"đến hết {format_day(end)}"
    return "mọi thời điểm"


# --- the definitions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Regime:
    """One legal regime: the decree detailing the Law on Emulation and Commendation."""

    code: str
    name: str
    legal_basis: str
    law: str
    effective_from: date
    effective_to: date | None
    guidance: str = ""
    evidence: str = "V"
    note: str = ""

    def covers(self, d: date) -> bool:
        return self.effective_from <= d and (self.effective_to is None or d <= self.effective_to)


@dataclass(frozen=True)
class OfficeLevelDef:
    """A level of local government (tỉnh, huyện, xã) and the time it exists."""

    code: str
    name: str
    effective_from: date | None = None
    effective_to: date | None = None
    legal_source: str = ""
    note: str = ""

    def covers(self, d: date) -> bool:
        return (self.effective_from is None or self.effective_from <= d) and (
            self.effective_to is None or d <= self.effective_to
        )


@dataclass(frozen=True)
class BaseSalaryDef:
    """Mức lương cơ sở in force from `effective_from` until the next row."""

    amount: int
    effective_from: date
    legal_source: str
    reported: bool
    note: str


@dataclass(frozen=True)
class DossierForm:
    """The official template number of a dossier component under one regime."""

    regime: str
    form: str
    variant: str = ""
    evidence: str = "V"
    note: str = ""


@dataclass(frozen=True)
class DossierComponent:
    code: str
    name: str
    forms: tuple[DossierForm, ...] = ()
    note: str = ""

    def form_for(self, regime: str, variant: str = "") -> DossierForm | None:
        """The template for `regime` and `variant`, else the regime's general one, else None."""
        general = None
        for form in self.forms:
            if form.regime != regime:
                continue
            if form.variant == variant:
                return form
            if form.variant == "":
                general = form
        return general


@dataclass(frozen=True, kw_only=True)
class AwardDef:
    """One title (danh hiệu) or award form (hình thức) under one regime, with its dates."""

    code: str
    regime: str
    name: str
    legal_name: str
    quoted: bool
    category: str
    kinds: tuple[str, ...]
    subject_kinds: tuple[str, ...]
    authority: dict[str, str] = field(hash=False)
    agency_head_may_award: bool
    coefficients: dict[str, Decimal] = field(hash=False)
    level_coefficients: dict[str, dict[str, Decimal]] = field(hash=False)
    household_multiplier: Decimal | None
    council_threshold: Decimal | None
    secret_ballot: bool
    dossier: tuple[str, ...]
    dossier_optional: tuple[str, ...]
    dossier_one_of: tuple[tuple[str, ...], ...]
    legal_source: str
    effective_from: date
    effective_to: date | None
    discontinued: bool
    proposal_only: bool
    certificate: str
    prerequisites_note: str
    evidence: str
    evidence_detail: dict[str, str] = field(hash=False)
    note: str
    source: str
    line: int = field(default=0, compare=False)  # of its [[award]] header in `source`

    @property
    def label(self) -> str:
        """«LDTT (nd98_2023)», how messages name the row."""
        return f"{self.code} ({self.regime})"

    def covers(self, d: date) -> bool:
        return self.effective_from <= d and (self.effective_to is None or d <= self.effective_to)

    def can_award(self, level: str) -> bool:
        """Whether the chairman of `level` ("tinh", "huyen", "xa") decides this award."""
        return self.authority.get(level) == "award"

    def can_propose(self, level: str) -> bool:
        """Whether `level` takes part at all (decides it, or proposes it upward)."""
        return level in self.authority

    def coefficient(self, subject_kind: str, level: str | None = None) -> Decimal | None:
        """Coefficient × base salary for `subject_kind`, for a decision taken at `level`.

        None when the decree gives no cash amount for that subject.
        """
        if level is not None:
            override = self.level_coefficients.get(level, {})
            if subject_kind in override:
                return override[subject_kind]
        return self.coefficients.get(subject_kind)

    def coefficient_evidence(self, subject_kind: str, level: str | None = None) -> str:
        """The evidence tag (V/R/M/I) of `coefficient(subject_kind, level)`."""
        tags = [self.evidence]
        if level is not None and subject_kind in self.level_coefficients.get(level, {}):
            tags = [self.evidence_detail.get("level_coefficients", self.evidence)]
        if subject_kind == "ho_gia_dinh" and "household_multiplier" in self.evidence_detail:
            tags.append(self.evidence_detail["household_multiplier"])
        return max(tags, key=lambda tag: _EVIDENCE_RANK[tag])


@dataclass(frozen=True)
class Catalogue:
    regimes: tuple[Regime, ...]
    base_salaries: tuple[BaseSalaryDef, ...]
    awards: tuple[AwardDef, ...]
    dossier_components: dict[str, DossierComponent] = field(hash=False)
    office_levels: tuple[OfficeLevelDef, ...] = ()
    _by_code: dict[str, tuple[AwardDef, ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        by_code: dict[str, list[AwardDef]] = {}
        for row in self.awards:
            by_code.setdefault(row.code, []).append(row)
        object.__setattr__(
            self,
            "_by_code",
            {
                code: tuple(sorted(rows, key=lambda r: r.effective_from))
                for code, rows in by_code.items()
            },
        )

    def regime(self, code: str) -> Regime:
        for regime in self.regimes:
            if regime.code == code:
                return regime
        raise CatalogueError(f"Không có chế độ “{code}” trong danh mục.")

    def regime_on(self, d: date) -> Regime:
        for regime in self.regimes:
            if regime.covers(d):
                return regime
        raise CatalogueError(
            f"Không có chế độ pháp lý về thi đua, khen thưởng nào áp dụng vào ngày {format_day(d)}."
        )

    def office_levels_on(self, d: date) -> list[OfficeLevelDef]:
        return [level for level in self.office_levels if level.covers(d)]

    def codes(self) -> set[str]:
        return set(self._by_code)

    def award_rows(self, code: str) -> tuple[AwardDef, ...]:
        """Every row of `code`, oldest first."""
        rows = self._by_code.get(code)
        if not rows:
            raise CatalogueError(f"Không có danh hiệu/hình thức “{code}” trong danh mục.")
        return rows

    def award(self, code: str, on: date) -> AwardDef:
        """The row of `code` in force on `on`."""
        rows = self.award_rows(code)
        for row in rows:
            if row.covers(on):
                return row
        first = rows[0]
        if on < first.effective_from:
            hint = f"; danh mục chỉ có mục này từ {format_day(first.effective_from)}"
        else:
            hint = ""
        raise CatalogueError(
            f"Không có danh hiệu/hình thức “{code}” áp dụng vào ngày {format_day(on)}{hint}."
        )

    def awards_on(self, d: date) -> list[AwardDef]:
        """The rows in force on `d`, in catalogue order (one per code)."""
        return [row for row in self.awards if row.covers(d)]

    def base_salary_on(self, d: date) -> BaseSalaryDef:
        """The base salary in force on `d` (use the decision's signing date)."""
        found = None
        for row in self.base_salaries:
            if row.effective_from <= d:
                found = row
        if found is None:
            raise CatalogueError(f"Không có mức lương cơ sở áp dụng vào ngày {format_day(d)}.")
        return found

    def dossier_component(self, code: str) -> DossierComponent:
        try:
            return self.dossier_components[code]
        except KeyError:
            raise CatalogueError(f"Không có thành phần hồ sơ “{code}” trong danh mục.") from None


# --- reading -----------------------------------------------------------------------------------


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Read and check every ``*.toml`` of `folder` (default: the shipped resources/catalogue)."""
    folder = folder if folder is not None else resource("catalogue")
    if not folder.is_dir():
        raise CatalogueError(f"Không tìm thấy thư mục danh mục khen thưởng “{folder}”.")
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            texts[path.name] = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CatalogueError(
                f"Tệp {path.name} không phải văn bản UTF-8 nên không đọc được."
            ) from None
        except OSError as exc:
            raise CatalogueError(
                f"Không mở được tệp {path.name} ({exc.strerror or exc})."
            ) from None
    if not texts:
        raise CatalogueError(f"Thư mục danh mục “{folder}” không có tệp .toml nào.")
    return load_catalogue_text(texts)


def load_catalogue_text(texts: Mapping[str, str]) -> Catalogue:
    """Build a catalogue from {file name: TOML text}; files are taken in name order."""
    sections: dict[str, list[_Item]] = {s: [] for s in _SECTIONS}
    for file in sorted(texts):
        for section, index, table, line in _parse_file(file, texts[file]):
            sections[section].append((file, index, table, line))

    regimes = _read_regimes(sections["regime"])
    levels = _read_office_levels(sections["office_level"])
    salaries = _read_base_salaries(sections["base_salary"])
    dossier = _read_dossier(sections["dossier_component"], regimes)
    awards = _read_awards(sections["award"], regimes, levels, dossier)
    return Catalogue(
        regimes=tuple(sorted(regimes.values(), key=lambda r: r.effective_from)),
        base_salaries=tuple(salaries),
        awards=tuple(awards),
        dossier_components=dossier,
        office_levels=tuple(levels.values()),
    )


def _parse_file(file: str, text: str) -> Iterable[tuple[str, int, Mapping[str, Any], int]]:
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_POSITION.search(str(exc))
        at = f" ở dòng {where.group(1)}, cột {where.group(2)}" if where else ""
        raise CatalogueError(f"Tệp {file} có lỗi cú pháp TOML{at} nên không đọc được.") from None
    headers: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = _TABLE_HEADER.fullmatch(line)
        if m:
            headers.setdefault(m.group(1), []).append(number)
    for section, value in data.items():
        if section not in _SECTIONS:
            allowed = ", ".join(f"[[{s}]]" for s in _SECTIONS)
            raise CatalogueError(
                f"Tệp {file} có phần “{section}” không được hỗ trợ (chỉ dùng {allowed})."
            )
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            raise CatalogueError(
                f"Tệp {file}: phần “{section}” phải viết thành các mục [[{section}]]."
            )
        lines = headers.get(section, [])
        for index, table in enumerate(value, start=1):
            yield section, index, table, lines[index - 1] if len(lines) == len(value) else 0


class _Entry:
    """One [[section]] table being read, with what messages need to name it."""

    def __init__(
        self, file: str, label: str, data: Mapping[str, Any], allowed: frozenset[str],
        line: int = 0,
    ) -> None:
        self.file = file
        self.line = line
        self.label = label
        self.data = data
        for key in data:
            if key not in allowed:
                self.fail(f"có trường “{key}” không được hỗ trợ (có thể viết sai tên trường)")

    def fail(self, detail: str) -> NoReturn:
        raise CatalogueError(f"Tệp {_at(self.file, self.line)}, mục {self.label}: {detail}.")

    def missing(self, key: str) -> NoReturn:
        self.fail(f"thiếu trường “{key}” ({_field_label(key)})")

    def wrong(self, key: str, value: object, expected: str) -> NoReturn:
        self.fail(
            f"giá trị “{_show(value)}” của trường “{key}” ({_field_label(key)}) phải là {expected}"
        )

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return ""
        if not isinstance(value, str):
            self.wrong(key, value, "chuỗi chữ trong dấu nháy")
        value = value.strip()
        if required and not value:
            self.fail(f"trường “{key}” ({_field_label(key)}) đang để trống")
        return value

    def code(self, pattern: re.Pattern[str], example: str) -> str:
        value = self.text("code")
        if not pattern.fullmatch(value):
            self.wrong("code", value, f"mã viết liền không dấu, ví dụ “{example}”")
        return value

    def flag(self, key: str, *, required: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return False
        if not isinstance(value, bool):
            self.wrong(key, value, "true hoặc false")
        return value

    def day(self, key: str, *, required: bool) -> date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        if isinstance(value, datetime):
            self.wrong(key, value, "một ngày không kèm giờ, dạng 2024-01-01")
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.wrong(key, value, "một ngày dạng 2024-01-01")

    def dates(self) -> tuple[date, date | None]:
        start = self.day("effective_from", required=True)
        assert start is not None
        end = self.day("effective_to", required=False)
        if end is not None and not start < end:
            self.fail(
                f"ngày cuối cùng còn hiệu lực {format_day(end)} (trường “effective_to”) phải sau "
                f"ngày bắt đầu {format_day(start)} (trường “effective_from”)"
            )
        return start, end

    def choice(self, key: str, vocabulary: Mapping[str, str], *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return ""
        if not isinstance(value, str) or value not in vocabulary:
            self.wrong(key, value, "một trong " + _options(vocabulary))
        return value

    def evidence(self, key: str = "evidence", *, required: bool = True) -> str:
        return self.choice(key, EVIDENCE_TAGS, required=required) or "V"

    def words(
        self,
        key: str,
        vocabulary: Collection[str] | None = None,
        *,
        required: bool = True,
        non_empty: bool = True,
        catalogue_part: str = "",
    ) -> tuple[str, ...]:
        """A list of distinct words from `vocabulary`; `catalogue_part` names where they live."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.wrong(key, value, 'danh sách chuỗi chữ, ví dụ ["a", "b"]')
        if non_empty and not value:
            self.fail(f"trường “{key}” ({_field_label(key)}) không được để trống")
        seen: set[str] = set()
        for word in value:
            if vocabulary is not None and word not in vocabulary:
                where = f"“{word}” trong trường “{key}” ({_field_label(key)})"
                if catalogue_part:
                    self.fail(f"{where} không có trong {catalogue_part}")
                self.fail(f"giá trị {where} không hợp lệ; chỉ dùng {_options(vocabulary)}")
            if word in seen:
                self.fail(f"giá trị “{word}” lặp lại trong trường “{key}”")
            seen.add(word)
        return tuple(value)

    def table(self, key: str, *, required: bool = True) -> Mapping[str, Any]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return {}
        if not isinstance(value, dict):
            self.wrong(key, value, 'một bảng, ví dụ { ca_nhan = "0.3" }')
        return value

    def number(self, key: str, raw: object, what: str) -> Decimal:
        """A non-negative decimal written as a string ("0.3"); ints are accepted too."""
        where = f"{what} “{_show(raw)}” (trường “{key}”)"
        if isinstance(raw, float):
            self.fail(f'{where} phải viết trong dấu nháy, ví dụ "{raw}", để không sai số')
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            self.fail(f"{where} không phải là số")
        text = str(raw).strip()
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # «1,5» as officers write it
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.fail(f"{where} không phải là số")
        if not value.is_finite():
            self.fail(f"{where} không phải là số")
        if value < 0:
            self.fail(f"{where} không được là số âm")
        return value


def _at(file: str, line: int) -> str:
    """«awards.toml, dòng 57»: where an entry starts (its [[section]] header)."""
    return f"{file}, dòng {line}" if line else file


def _field_label(key: str) -> str:
    """Vietnamese words for `key`; «authority.xa» is labelled by «authority»."""
    return _FIELD_LABELS.get(key.split(".", 1)[0], key)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _options(vocabulary: Iterable[str]) -> str:
    return ", ".join(f"“{word}”" for word in vocabulary if word)


def _label(data: Mapping[str, Any], section: str, index: int) -> str:
    code = data.get("code")
    if isinstance(code, str) and code.strip():
        return code.strip()
    return f"thứ {index} trong [[{section}]]"


# --- sections ---------------------------------------------------------------------------------


def _read_regimes(items: list[_Item]) -> dict[str, Regime]:
    regimes: dict[str, Regime] = {}
    files: dict[str, str] = {}
    for file, index, data, line in items:
        entry = _Entry(file, _label(data, "regime", index), data, _REGIME_KEYS, line)
        code = entry.code(_LOWER_CODE, "nd152_2025")
        if code in regimes:
            entry.fail(f"mã chế độ “{code}” bị khai báo hai lần")
        start, end = entry.dates()
        regimes[code] = Regime(
            code=code,
            name=entry.text("name"),
            legal_basis=entry.text("legal_basis"),
            law=entry.text("law"),
            effective_from=start,
            effective_to=end,
            guidance=entry.text("guidance", required=False),
            evidence=entry.evidence(),
            note=entry.text("note", required=False),
        )
        files[code] = _at(file, line)
    if not regimes:
        raise CatalogueError("Danh mục khen thưởng chưa có chế độ pháp lý nào ([[regime]]).")
    ordered = sorted(regimes.values(), key=lambda r: r.effective_from)
    for before, after in zip(ordered, ordered[1:], strict=False):
        where = f"Tệp {files[after.code]}, mục {after.code}"
        if before.effective_to is None or after.effective_from <= before.effective_to:
            raise CatalogueError(
                f"{where}: thời gian hiệu lực {_period(after.effective_from, after.effective_to)} "
                f"chồng lên chế độ {before.code} "
                f"({_period(before.effective_from, before.effective_to)})."
            )
        if after.effective_from != before.effective_to + timedelta(days=1):
            raise CatalogueError(
                f"{where}: ngày bắt đầu {format_day(after.effective_from)} (trường "
                f"“effective_from”) để hở sau chế độ {before.code}, hết hiệu lực ngày "
                f"{format_day(before.effective_to)}."
            )
    return regimes


def _read_office_levels(
    items: list[_Item],
) -> dict[str, OfficeLevelDef]:
    levels: dict[str, OfficeLevelDef] = {}
    for file, index, data, line in items:
        entry = _Entry(file, _label(data, "office_level", index), data, _LEVEL_KEYS, line)
        code = entry.code(_LOWER_CODE, "xa")
        if code in levels:
            entry.fail(f"mã cấp “{code}” bị khai báo hai lần")
        start = entry.day("effective_from", required=False)
        end = entry.day("effective_to", required=False)
        if start is not None and end is not None and not start < end:
            entry.fail(
                f"ngày cuối cùng {format_day(end)} (trường “effective_to”) phải sau ngày bắt đầu "
                f"{format_day(start)}"
            )
        levels[code] = OfficeLevelDef(
            code=code,
            name=entry.text("name"),
            effective_from=start,
            effective_to=end,
            legal_source=entry.text("legal_source", required=False),
            note=entry.text("note", required=False),
        )
    if not levels:
        raise CatalogueError("Danh mục khen thưởng chưa khai báo các cấp ([[office_level]]).")
    return levels


def _read_base_salaries(items: list[_Item]) -> list[BaseSalaryDef]:
    rows: list[BaseSalaryDef] = []
    for file, index, data, line in items:
        start_raw = data.get("effective_from")
        label = (
            f"mức lương cơ sở từ {format_day(start_raw)}"
            if isinstance(start_raw, date) and not isinstance(start_raw, datetime)
            else f"thứ {index} trong [[base_salary]]"
        )
        entry = _Entry(file, label, data, _SALARY_KEYS, line)
        amount = data.get("amount")
        if amount is None:
            entry.missing("amount")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            entry.wrong("amount", amount, "số đồng nguyên dương, không dấu chấm, ví dụ 2340000")
        start = entry.day("effective_from", required=True)
        assert start is not None
        if rows and start <= rows[-1].effective_from:
            entry.fail(
                f"ngày áp dụng {format_day(start)} (trường “effective_from”) phải sau ngày của mức "
                f"trước ({format_day(rows[-1].effective_from)}); các mức ghi theo thứ tự thời gian"
            )
        reported = entry.flag("reported")
        note = entry.text("note", required=False)
        if reported and not note:
            entry.fail(
                "mức mới thấy qua nguồn thứ cấp (reported = true) phải có ghi chú (trường “note”) "
                "nêu nguồn để cán bộ đối chiếu"
            )
        rows.append(
            BaseSalaryDef(
                amount=amount,
                effective_from=start,
                legal_source=entry.text("legal_source"),
                reported=reported,
                note=note,
            )
        )
    if not rows:
        raise CatalogueError("Danh mục khen thưởng chưa có mức lương cơ sở nào ([[base_salary]]).")
    return rows


def _read_dossier(
    items: list[_Item], regimes: Mapping[str, Regime]
) -> dict[str, DossierComponent]:
    components: dict[str, DossierComponent] = {}
    for file, index, data, line in items:
        entry = _Entry(file, _label(data, "dossier_component", index), data, _DOSSIER_KEYS,
                       line)
        code = entry.code(_LOWER_CODE, "to_trinh")
        if code in components:
            entry.fail(f"mã thành phần hồ sơ “{code}” bị khai báo hai lần")
        raw_forms = data.get("forms", [])
        if not isinstance(raw_forms, list) or not all(isinstance(f, dict) for f in raw_forms):
            entry.wrong("forms", raw_forms, "danh sách các bảng { regime = …, form = … }")
        forms: list[DossierForm] = []
        seen: set[tuple[str, str]] = set()
        for number, raw in enumerate(raw_forms, start=1):
            sub = _Entry(file, f"{code}, mẫu thứ {number}", raw, _FORM_KEYS, line)
            regime = sub.text("regime")
            if regime not in regimes:
                sub.fail(f"chế độ “{regime}” (trường “regime”) không có trong danh mục chế độ")
            variant = sub.choice("variant", FORM_VARIANTS, required=False)
            if (regime, variant) in seen:
                sub.fail(f"đã có mẫu cho chế độ {regime}, biến thể “{variant}”")
            seen.add((regime, variant))
            forms.append(
                DossierForm(
                    regime=regime,
                    form=sub.text("form"),
                    variant=variant,
                    evidence=sub.evidence(required=False),
                    note=sub.text("note", required=False),
                )
            )
        components[code] = DossierComponent(
            code=code,
            name=entry.text("name"),
            forms=tuple(forms),
            note=entry.text("note", required=False),
        )
    return components


def _read_awards(
    items: list[_Item],
    regimes: Mapping[str, Regime],
    levels: Mapping[str, OfficeLevelDef],
    dossier: Mapping[str, DossierComponent],
) -> list[AwardDef]:
    rows: list[AwardDef] = []
    for file, index, data, line in items:
        rows.append(_read_award(file, index, data, regimes, levels, dossier, line))
    if not rows:
        raise CatalogueError("Danh mục khen thưởng chưa có danh hiệu, hình thức nào ([[award]]).")
    _check_timelines(rows)
    return rows


def _award_label(data: Mapping[str, Any], index: int) -> str:
    code = _label(data, "award", index)
    regime = data.get("regime")
    if isinstance(regime, str) and regime.strip():
        return f"{code} ({regime.strip()})"
    return f"{code} (chưa ghi chế độ)"


def _read_award(
    file: str,
    index: int,
    data: Mapping[str, Any],
    regimes: Mapping[str, Regime],
    levels: Mapping[str, OfficeLevelDef],
    dossier: Mapping[str, DossierComponent],
    line: int = 0,
) -> AwardDef:
    entry = _Entry(file, _award_label(data, index), data, _AWARD_KEYS, line)
    code = entry.code(_AWARD_CODE, "LDTT")
    regime_code = entry.text("regime")
    regime = regimes.get(regime_code)
    if regime is None:
        entry.fail(
            f"chế độ “{regime_code}” (trường “regime”) không có trong danh mục chế độ; "
            f"có {_options(regimes)}"
        )
    start, end = entry.dates()
    if start < regime.effective_from or (
        regime.effective_to is not None and (end is None or end > regime.effective_to)
    ):
        entry.fail(
            f"thời gian {_period(start, end)} (trường “effective_from”, “effective_to”) vượt "
            f"ra ngoài thời gian hiệu lực của chế độ {regime.code} "
            f"({_period(regime.effective_from, regime.effective_to)})"
        )

    subject_kinds = entry.words("subject_kinds", SUBJECT_KINDS)
    authority = _read_authority(entry, levels, start, end)
    proposal_only = entry.flag("proposal_only", required=True)
    if proposal_only and "award" in authority.values():
        entry.fail(
            "mục chỉ đề nghị (proposal_only = true) không được có cấp “award” trong trường "
            "“authority”"
        )

    coefficients = _read_coefficients(
        entry, "coefficients", entry.table("coefficients"), subject_kinds
    )
    level_coefficients: dict[str, dict[str, Decimal]] = {}
    for level, table in entry.table("level_coefficients", required=False).items():
        if level not in levels:
            entry.fail(
                f"cấp “{level}” trong trường “level_coefficients” không có; chỉ dùng "
                f"{_options(levels)}"
            )
        if not isinstance(table, dict):
            entry.wrong(f"level_coefficients.{level}", table, "một bảng hệ số")
        level_coefficients[level] = _read_coefficients(
            entry, f"level_coefficients.{level}", table, subject_kinds
        )

    multiplier_raw = data.get("household_multiplier")
    multiplier = (
        None
        if multiplier_raw is None
        else entry.number("household_multiplier", multiplier_raw, "hệ số hộ gia đình")
    )
    if multiplier is not None:
        if "ho_gia_dinh" not in subject_kinds:
            entry.fail(
                "có trường “household_multiplier” nhưng “ho_gia_dinh” không có trong trường "
                "“subject_kinds”"
            )
        _check_household(entry, "coefficients", coefficients, multiplier)
        for level, table in level_coefficients.items():
            _check_household(entry, f"level_coefficients.{level}", table, multiplier)

    threshold_raw = data.get("council_threshold")
    threshold = None
    if threshold_raw is not None:
        threshold = entry.number("council_threshold", threshold_raw, "tỷ lệ phiếu")
        if not Decimal(0) < threshold <= Decimal(1):
            entry.fail(
                f"tỷ lệ phiếu “{_show(threshold_raw)}” (trường “council_threshold”) phải lớn hơn "
                '0 và không quá 1, ví dụ "0.8"'
            )

    part = "danh mục thành phần hồ sơ ([[dossier_component]])"
    required = entry.words("dossier", dossier, non_empty=False, catalogue_part=part)
    optional = entry.words(
        "dossier_optional", dossier, required=False, non_empty=False, catalogue_part=part
    )
    one_of = _read_one_of(entry, dossier)

    detail = entry.table("evidence_detail", required=False)
    evidence_detail: dict[str, str] = {}
    for aspect, tag in detail.items():
        if aspect not in EVIDENCE_ASPECTS:
            entry.fail(
                f"phần “{aspect}” trong trường “evidence_detail” không hợp lệ; chỉ dùng "
                f"{_options(sorted(EVIDENCE_ASPECTS))}"
            )
        if not isinstance(tag, str) or tag not in EVIDENCE_TAGS:
            entry.wrong(f"evidence_detail.{aspect}", tag, "một trong " + _options(EVIDENCE_TAGS))
        evidence_detail[aspect] = tag

    name = entry.text("name")
    return AwardDef(
        code=code,
        regime=regime.code,
        name=name,
        legal_name=entry.text("legal_name", required=False) or name,
        quoted=entry.flag("quoted"),
        category=entry.choice("category", CATEGORIES),
        kinds=entry.words("kinds", KINDS),
        subject_kinds=subject_kinds,
        authority=authority,
        agency_head_may_award=entry.flag("agency_head_may_award"),
        coefficients=coefficients,
        level_coefficients=level_coefficients,
        household_multiplier=multiplier,
        council_threshold=threshold,
        secret_ballot=entry.flag("secret_ballot", required=True),
        dossier=required,
        dossier_optional=optional,
        dossier_one_of=one_of,
        legal_source=entry.text("legal_source"),
        effective_from=start,
        effective_to=end,
        discontinued=entry.flag("discontinued"),
        proposal_only=proposal_only,
        certificate=entry.choice("certificate", CERTIFICATES),
        prerequisites_note=entry.text("prerequisites_note"),
        evidence=entry.evidence(),
        evidence_detail=evidence_detail,
        note=entry.text("note", required=False),
        source=file,
        line=line,
    )


def _read_authority(
    entry: _Entry, levels: Mapping[str, OfficeLevelDef], start: date, end: date | None
) -> dict[str, str]:
    table = entry.table("authority")
    if not table:
        entry.fail("trường “authority” (thẩm quyền) phải có ít nhất một cấp")
    authority: dict[str, str] = {}
    for level, role in table.items():
        known = levels.get(level)
        if known is None:
            entry.fail(
                f"cấp “{level}” trong trường “authority” không có; chỉ dùng {_options(levels)}"
            )
        if not isinstance(role, str) or role not in AUTHORITY_ROLES:
            entry.wrong(f"authority.{level}", role, "một trong " + _options(AUTHORITY_ROLES))
        exists = (known.effective_from is None or known.effective_from <= start) and (
            known.effective_to is None or (end is not None and end <= known.effective_to)
        )
        if not exists:
            entry.fail(
                f"cấp “{level}” trong trường “authority” chỉ tồn tại "
                f"{_period(known.effective_from, known.effective_to)}, không phủ hết thời gian "
                f"hiệu lực ({_period(start, end)}) của mục này"
            )
        authority[level] = role
    return authority


def _read_coefficients(
    entry: _Entry, key: str, table: Mapping[str, Any], subject_kinds: tuple[str, ...]
) -> dict[str, Decimal]:
    result: dict[str, Decimal] = {}
    for subject, raw in table.items():
        if subject not in subject_kinds:
            entry.fail(
                f"hệ số cho “{subject}” (trường “{key}”) không thuộc các đối tượng của mục này "
                f"({_options(subject_kinds)})"
            )
        result[subject] = entry.number(f"{key}.{subject}", raw, "hệ số")
    return result


def _check_household(
    entry: _Entry, key: str, table: Mapping[str, Decimal], multiplier: Decimal
) -> None:
    individual = table.get("ca_nhan")
    household = table.get("ho_gia_dinh")
    if individual is None or household is None:
        return
    if household != individual * multiplier:
        entry.fail(
            f"hệ số hộ gia đình {household} (trường “{key}.ho_gia_dinh”) phải bằng hệ số cá nhân "
            f"× household_multiplier = {individual} × {multiplier} = {individual * multiplier}"
        )


def _read_one_of(
    entry: _Entry, dossier: Mapping[str, DossierComponent]
) -> tuple[tuple[str, ...], ...]:
    value = entry.data.get("dossier_one_of")
    if value is None:
        return ()
    shape_ok = isinstance(value, list) and all(
        isinstance(group, list) and group and all(isinstance(c, str) for c in group)
        for group in value
    )
    if not shape_ok:
        entry.wrong("dossier_one_of", value, 'danh sách các nhóm, ví dụ [["a", "b"]]')
    for group in value:
        for component in group:
            if component not in dossier:
                entry.fail(
                    f"“{component}” trong trường “dossier_one_of” (nhóm hồ sơ chọn một) không "
                    "có trong danh mục thành phần hồ sơ ([[dossier_component]])"
                )
    return tuple(tuple(group) for group in value)


def _check_timelines(rows: list[AwardDef]) -> None:
    """Per code: no two rows at once, no gap unless the earlier row says it was discontinued.

    Usually one row per (code, regime); a change inside a regime (an amended law) is a second row
    of the same regime with later dates.
    """
    by_code: dict[str, list[AwardDef]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    for code_rows in by_code.values():
        ordered = sorted(code_rows, key=lambda r: r.effective_from)
        first = ordered[0]
        for row in ordered[1:]:
            if first.category != row.category:
                raise CatalogueError(
                    f"Tệp {_at(row.source, row.line)}, mục {row.label}: nhóm “{row.category}” "
                    f"(trường “category”) khác nhóm “{first.category}” của mục {first.label}."
                )
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before.effective_to is None or after.effective_from <= before.effective_to:
                raise CatalogueError(
                    f"Tệp {_at(after.source, after.line)}, mục {after.label}: thời gian hiệu lực "
                    f"{_period(after.effective_from, after.effective_to)} (trường "
                    f"“effective_from”, “effective_to”) chồng lên mục "
                    f"{before.label} ({_period(before.effective_from, before.effective_to)})."
                )
            gap_start = before.effective_to + timedelta(days=1)
            if after.effective_from != gap_start and not before.discontinued:
                raise CatalogueError(
                    f"Tệp {_at(after.source, after.line)}, mục {after.label}: ngày bắt đầu "
                    f"{format_day(after.effective_from)} (trường “effective_from”) để hở từ "
                    f"{format_day(gap_start)} sau mục {before.label}; nếu danh hiệu, hình thức "
                    "ngừng áp dụng trong khoảng đó thì ghi discontinued = true ở mục trước."
                )
