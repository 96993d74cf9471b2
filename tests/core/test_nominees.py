"""Finding whom to nominate by name and the awards open to them."""

from __future__ import annotations

from datetime import date

from desktop.core.nominees import awards_open_to, find_subjects
from desktop.core.service import Services
from desktop.store.database import Database
from desktop.store.kinds import SubjectKind


def test_names_are_found_without_diacritics(demo_db: Database) -> None:
    with Services(demo_db).reading() as session:
        units = find_subjects(session, SubjectKind.TAP_THE, "uy ban nhan dan xa nhan co")
        people = find_subjects(session, SubjectKind.CA_NHAN, "NGUYEN", limit=5)
        nobody = find_subjects(session, SubjectKind.HO_GIA_DINH, "không có ai tên này")
    assert [u.label for u in units] == ["Ủy ban nhân dân xã Nhân Cơ"]
    assert len(people) == 5 and all(p.label.startswith("Nguyễn") for p in people)
    assert nobody == []


def test_awards_follow_the_subject_and_the_date(demo_db: Database) -> None:
    with Services(demo_db).reading() as session:
        household = dict(awards_open_to(session, SubjectKind.HO_GIA_DINH, date(2025, 3, 1)))
        person = dict(awards_open_to(session, SubjectKind.CA_NHAN, date(2025, 3, 1)))
    assert "GIAY_KHEN" in household and "CSTDCS" not in household
    assert {"LDTT", "CSTDCS", "GIAY_KHEN"} <= set(person)
