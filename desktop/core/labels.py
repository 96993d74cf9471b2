"""Display names of the stored vocabularies (marked with N_, translated when shown)."""

from __future__ import annotations

from desktop.i18n import N_, _
from desktop.store.kinds import Gender, OfficeLevel, SubjectKind, UnitKind

UNIT_KINDS = {
    UnitKind.CO_QUAN_HANH_CHINH: N_("Administrative body"),
    UnitKind.CO_QUAN_CHUYEN_MON: N_("Specialised department"),
    UnitKind.DON_VI_SU_NGHIEP: N_("Public service unit"),
    UnitKind.HOI_DAC_THU: N_("Special association"),
    UnitKind.UBND_CAP_XA: N_("Commune People's Committee"),
    UnitKind.MTTQ: N_("Fatherland Front"),
    UnitKind.TO_CHUC_CT_XH: N_("Socio-political organisation"),
    UnitKind.TO_CHUC_XH: N_("Social organisation"),
    UnitKind.DOANH_NGHIEP: N_("Enterprise"),
    UnitKind.HOP_TAC_XA: N_("Cooperative"),
    UnitKind.THON_TO_DAN_PHO: N_("Village / residential group"),
}

GENDERS = {Gender.NAM: N_("Male"), Gender.NU: N_("Female")}

LEVELS = {
    OfficeLevel.TINH: N_("Province"),
    OfficeLevel.HUYEN: N_("District (until 30/6/2025)"),
    OfficeLevel.XA: N_("Commune"),
}

SUBJECT_KINDS = {
    SubjectKind.CA_NHAN: N_("Individual"),
    SubjectKind.TAP_THE: N_("Collective"),
    SubjectKind.HO_GIA_DINH: N_("Household"),
}


def label(table: dict[UnitKind, str] | dict[Gender, str] | dict[OfficeLevel, str]
          | dict[SubjectKind, str], value: str) -> str:
    for key, text in table.items():
        if key.value == value:
            return _(text)
    return value
