"""The closed vocabularies stored in the database, as string enums (values are stored)."""

from __future__ import annotations

from enum import StrEnum


class OfficeLevel(StrEnum):
    TINH = "tinh"
    HUYEN = "huyen"  # until 30/6/2025
    XA = "xa"


class UnitKind(StrEnum):
    CO_QUAN_HANH_CHINH = "co_quan_hanh_chinh"
    CO_QUAN_CHUYEN_MON = "co_quan_chuyen_mon"
    DON_VI_SU_NGHIEP = "don_vi_su_nghiep"
    HOI_DAC_THU = "hoi_dac_thu"
    UBND_CAP_XA = "ubnd_cap_xa"
    MTTQ = "mttq"
    TO_CHUC_CT_XH = "to_chuc_ct_xh"
    TO_CHUC_XH = "to_chuc_xh"
    DOANH_NGHIEP = "doanh_nghiep"
    HOP_TAC_XA = "hop_tac_xa"
    THON_TO_DAN_PHO = "thon_to_dan_pho"


class SubjectKind(StrEnum):
    """The three kinds of award subject the law knows."""

    CA_NHAN = "ca_nhan"
    TAP_THE = "tap_the"
    HO_GIA_DINH = "ho_gia_dinh"


class Gender(StrEnum):
    NAM = "nam"
    NU = "nu"


class LineageKind(StrEnum):
    MERGED_INTO = "merged_into"
    SPLIT_FROM = "split_from"
    RENAMED = "renamed"


class BlocKind(StrEnum):
    KHOI = "khoi"
    CUM = "cum"


class BlocRole(StrEnum):
    TRUONG = "truong"
    PHO = "pho"
    THANH_VIEN = "thanh_vien"


class MovementKind(StrEnum):
    THUONG_XUYEN = "thuong_xuyen"
    CHUYEN_DE = "chuyen_de"


class Milestone(StrEnum):
    SO_KET = "so_ket"
    TONG_KET = "tong_ket"


class ScoringRule(StrEnum):
    PROPORTIONAL = "proportional"
    BANDS = "bands"
    BOOLEAN = "boolean"
    MANUAL = "manual"


class TaskRating(StrEnum):
    """Annual task-completion rating."""

    HTXS = "htxs"  # hoàn thành xuất sắc nhiệm vụ
    HTT = "htt"  # hoàn thành tốt nhiệm vụ
    HT = "ht"  # hoàn thành nhiệm vụ
    KHT = "kht"  # không hoàn thành nhiệm vụ


class Scope(StrEnum):
    """How far a recognised initiative reaches."""

    CO_SO = "co_so"
    TINH = "tinh"
    TOAN_QUOC = "toan_quoc"


class RoundKind(StrEnum):
    HANG_NAM = "hang_nam"
    SO_KET = "so_ket"
    TONG_KET = "tong_ket"
    DOT_XUAT = "dot_xuat"


class NominationStatus(StrEnum):
    NHAP = "nhap"
    DA_NOP = "da_nop"
    DANG_XET = "dang_xet"
    TRA_LAI = "tra_lai"
    DE_NGHI_LEN_TREN = "de_nghi_len_tren"
    DA_QUYET_DINH = "da_quyet_dinh"
    KHONG_DAT = "khong_dat"


class AwardCategory(StrEnum):
    DANH_HIEU = "danh_hieu"  # danh hiệu thi đua
    HINH_THUC = "hinh_thuc"  # hình thức khen thưởng


class AwardSource(StrEnum):
    RECORDED = "recorded"  # typed in from old paper decisions
    IMPORTED = "imported"
    DECISION = "decision"  # issued by this program
