"""The printable forms: code, Vietnamese title, what they need, and how to build them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.documents import (
    bang_diem,
    bao_cao_so_ket,
    bao_cao_thanh_tich,
    bien_ban,
    danh_sach,
    giay_khen,
    ke_hoach,
    quyet_dinh,
    to_trinh,
)
from desktop.documents.page import gc_paused


@dataclass(frozen=True)
class Form:
    code: str  # the name on the command line
    title: str  # Vietnamese title of the document
    needs: str  # "round" or "movement"
    filename: str
    build: Callable[..., bytes]
    numbered: bool  # a final copy reserves a number from the office register
    dossier: bool = True  # part of `tdkt print round`

    def __post_init__(self) -> None:
        object.__setattr__(self, "build", gc_paused()(self.build))


FORMS: tuple[Form, ...] = (
    Form("ke-hoach", "Kế hoạch phát động phong trào thi đua", "movement", "00-ke-hoach.pdf",
         ke_hoach.build, False),
    Form("to-trinh", "Tờ trình đề nghị khen thưởng", "round", "01-to-trinh.pdf",
         to_trinh.build, True),
    Form("danh-sach", "Danh sách đề nghị khen thưởng", "round", "02-danh-sach.pdf",
         danh_sach.build, False),
    # The law files the achievement reports with the proposal (Luật TĐKT 2022 Điều 84).
    Form("bao-cao-thanh-tich", "Báo cáo thành tích của từng tập thể, cá nhân, hộ gia đình",
         "round", bao_cao_thanh_tich.FILENAME, bao_cao_thanh_tich.build, False),
    Form("bien-ban", "Biên bản họp Hội đồng Thi đua - Khen thưởng", "round", "03-bien-ban.pdf",
         bien_ban.build, True),
    Form("quyet-dinh", "Quyết định khen thưởng và danh sách kèm theo", "round",
         "04-quyet-dinh.pdf", quyet_dinh.build, False),
    Form("giay-khen", "Giấy khen (in trọn mẫu trên giấy trắng)", "round", giay_khen.FILENAME,
         giay_khen.build, False, False),
    Form("giay-khen-phoi", "Giấy khen (in trên phôi in sẵn)", "round",
         giay_khen.OVERLAY_FILENAME, giay_khen.build_overlay, False, False),
    Form("bang-diem", "Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua", "movement",
         bang_diem.FILENAME, bang_diem.build, False),
    Form("bao-cao-so-ket", "Báo cáo sơ kết, tổng kết phong trào thi đua", "movement",
         bao_cao_so_ket.FILENAME, bao_cao_so_ket.build, True),
)
BY_CODE: dict[str, Form] = {f.code: f for f in FORMS}


def form(code: str) -> Form | None:
    return BY_CODE.get(code)


def build(code: str, db: Any, ref: str, **kw: Any) -> bytes:
    return BY_CODE[code].build(db, ref, **kw)
