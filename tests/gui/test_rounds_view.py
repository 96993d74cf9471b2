"""Đợt xét & đề nghị: the nominee list and the status workflow, driven as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.core.service import Services
from desktop.gui.app import application
from desktop.gui.movements_view import MovementsView
from desktop.gui.rounds_view import RoundsView
from desktop.store.database import Database
from desktop.store.kinds import NominationStatus as S
from desktop.store.kinds import SubjectKind


def _view(qtbot: QtBot, db: Database) -> RoundsView:
    application()
    view = RoundsView(Services(db))
    qtbot.addWidget(view)
    view.show()
    return view


def test_nominees_of_the_demo_round(qtbot: QtBot, demo_db: Database, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 23
    statuses = {view.model.index(r, 5).data() for r in range(23)}
    assert {"Đã quyết định", "Đề nghị cấp trên", "Trả lại", "Không đạt"} <= statuses
    verdicts = {view.model.index(r, 3).data() for r in range(23)}
    assert verdicts <= {"✓ Đủ điều kiện", "✗ Chưa đủ điều kiện"} and verdicts
    assert view.deadline.text().startswith("Hạn nộp 30/04/2025: đã quá hạn")


def test_detail_shows_reasons_amount_and_what_the_dossier_lacks(
        qtbot: QtBot, demo_db: Database, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, demo_db)
    row = next(r for r in range(23) if view.model.row_object(r).status == S.DANG_XET.value
               or view.model.row_object(r).status == S.DE_NGHI_LEN_TREN.value)
    view.table.selectRow(row)
    text = view.detail.toPlainText()
    assert "Không bị kỷ luật trong năm 2025" in text
    assert "× lương cơ sở 2.340.000 đồng áp dụng ngày 25/04/2025" in text
    assert "Báo cáo thành tích: in từ chương trình" in text or "Báo cáo thành tích: còn thiếu" \
        in text
    scan = tmp_path / "bao-cao.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned report")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Báo cáo thành tích", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    qtbot.mouseClick(view.attach_button, Qt.MouseButton.LeftButton)
    assert "Báo cáo thành tích: đã có" in view.detail.toPlainText()
    assert view.table.currentIndex().row() == row


def test_return_needs_a_comment_and_resubmit_works(
    qtbot: QtBot, demo_db: Database, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    view = _view(qtbot, demo_db)
    returned = next(r for r in range(23) if view.model.row_object(r).status == S.TRA_LAI.value)
    view.table.selectRow(returned)
    assert view.buttons[S.DA_NOP].isEnabled()
    assert not view.buttons[S.DE_NGHI_LEN_TREN].isEnabled()
    qtbot.mouseClick(view.buttons[S.DA_NOP], Qt.MouseButton.LeftButton)
    assert view.model.row_object(returned).status == S.DA_NOP.value
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Thiếu xác nhận của UBND xã", True))
    qtbot.mouseClick(view.buttons[S.TRA_LAI], Qt.MouseButton.LeftButton)
    row = view.model.row_object(returned)
    assert row.status == S.TRA_LAI.value and row.status_note == "Thiếu xác nhận của UBND xã"
    assert "Thiếu xác nhận" in view.detail.toPlainText()


def test_movement_tree_shows_the_plan(qtbot: QtBot, demo_db: Database) -> None:
    application()
    view = MovementsView(Services(demo_db))
    qtbot.addWidget(view)
    texts = [view.model.item(r, 0).text() for r in range(view.model.rowCount())]
    assert any(t.startswith("a) Đối với các cơ quan chuyên môn") for t in texts)
    group = next(view.model.item(r, 0) for r in range(view.model.rowCount())
                 if view.model.item(r, 0).text().startswith("a)"))
    assert group.rowCount() >= 2


def test_a_new_round_and_a_nomination_made_from_the_window(
        qtbot: QtBot, demo_db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from desktop.gui.rounds_view import NominateDialog, RoundDialog

    view = _view(qtbot, demo_db)

    def fill_round(dialog: RoundDialog) -> int:
        dialog.name.setText("Khen thưởng thường xuyên năm 2026")
        dialog.kind.setCurrentIndex(dialog.kind.findData("hang_nam"))
        dialog.year.setValue(2026)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RoundDialog, "exec", fill_round)
    qtbot.mouseClick(view.new_round_button, Qt.MouseButton.LeftButton)
    assert view.rounds.currentText() == "2026 — Khen thưởng thường xuyên năm 2026"
    assert view.model.rowCount() == 0
    seen: dict[str, list[str]] = {}

    def fill_nomination(dialog: NominateDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(SubjectKind.CA_NHAN))
        dialog.search.setText("nguyen")  # no diacritics, lower case
        seen["found"] = [dialog.found.item(i).text() for i in range(dialog.found.count())]
        seen["awards"] = [dialog.award.itemText(i) for i in range(dialog.award.count())]
        dialog.award.setCurrentIndex(dialog.award.findData("GIAY_KHEN"))
        dialog.achievements.setPlainText("Vận động Nhân dân hiến đất mở rộng đường liên thôn.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NominateDialog, "exec", fill_nomination)
    qtbot.mouseClick(view.nominate_button, Qt.MouseButton.LeftButton)
    assert seen["found"] and all(name.startswith("Nguyễn") for name in seen["found"])
    assert "Giấy khen" in seen["awards"]
    assert view.model.rowCount() == 1
    row = view.model.row_object(0)
    assert row is not None and row.award_code == "GIAY_KHEN" and row.status == "nhap"
    assert view.model.index(0, 3).data() in ("✓ Đủ điều kiện", "✗ Chưa đủ điều kiện")
    assert view.model.index(0, 6).data().endswith("đồng")
    assert "hiến đất" in view.detail.toPlainText()
