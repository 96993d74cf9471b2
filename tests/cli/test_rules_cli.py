"""`tdkt rules …` as support staff run it: real processes, Vietnamese output, exit codes.

The commands are started together once (they are independent), then each test reads its result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FACTS = {
    "subject_kind": "ca_nhan", "year": 2024, "sex": "nu",
    "ratings": {"2022": "htxs", "2023": "htxs", "2024": "htxs"},
    "awards": [{"year": 2022, "code": "CSTDCS"}, {"year": 2023, "code": "CSTDCS"}],
    "initiatives": [{"year": 2023, "scope": "tinh"}],
}
GAP = {**FACTS, "awards": [{"year": 2022, "code": "CSTDCS"},
                           {"year": 2023, "code": "CSTDCS", "kind": "chuyen_de"}]}

COMMANDS: dict[str, list[str]] = {
    "list": ["list", "--date", "2025-07-01"],
    "list_json": ["list", "--date", "15/01/2024", "--json"],
    "amount": ["amount", "--award", "LDTT", "--subject", "individual", "--date", "2025-01-15"],
    "amount_json": ["amount", "--award", "bk_tinh", "--subject", "household", "--date",
                    "01/07/2026", "--json"],
    "check": ["check", "--award", "CSTD_TINH", "--facts", "{facts}", "--date", "2025-01-15"],
    "check_json": ["check", "--award", "CSTD_TINH", "--facts", "{gap}", "--date", "2025-01-15",
                   "--json"],
    "vote": ["vote", "--award", "CSTD_TINH", "--members", "9", "--yes", "8"],
    "vote_json": ["vote", "--award", "CSTDCS", "--members", "15", "--yes", "12", "--present",
                  "11", "--written", "2", "--threshold", "0,75", "--date", "2025-07-01",
                  "--json"],
    "bad_date": ["amount", "--award", "LDTT", "--subject", "individual", "--date", "31/02/2025"],
    "unknown_code": ["vote", "--award", "XYZ", "--members", "10", "--yes", "8"],
    "bad_subject": ["amount", "--award", "LDTT", "--subject", "robot", "--date", "2025-01-15"],
    "missing_file": ["check", "--award", "LDTT", "--facts", "{missing}", "--date", "2025-01-15"],
    "malformed_json": ["check", "--award", "LDTT", "--facts", "{broken}", "--date", "2025-01-15"],
    "bad_field": ["check", "--award", "LDTT", "--facts", "{bad_field}", "--date", "2025-01-15"],
    "missing_option": ["vote", "--award", "CSTDCS", "--members", "10"],
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[int, str, str]]]:
    folder = tmp_path_factory.mktemp("rules_cli")
    files = {
        "facts": folder / "hoa.json", "gap": folder / "gap.json",
        "missing": folder / "khong_co.json", "broken": folder / "broken.json",
        "bad_field": folder / "bad_field.json",
    }
    files["facts"].write_text(json.dumps(FACTS, ensure_ascii=False), encoding="utf-8")
    files["gap"].write_text(json.dumps(GAP, ensure_ascii=False), encoding="utf-8")
    files["broken"].write_text('{"subject_kind": "ca_nhan",\n  "year": 2024,,\n}',
                               encoding="utf-8")
    files["bad_field"].write_text('{"subject_kind": "ca_nhan", "year": 2024, '
                                  '"awards": [{"year": "năm ngoái", "code": "LDTT"}]}',
                                  encoding="utf-8")
    environ = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "TDKT_LANG")}
    environ["TDKT_HOME"] = str(folder / "home")
    started = {}
    for name, args in COMMANDS.items():
        argv = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
        started[name] = subprocess.Popen(
            [sys.executable, "-m", "desktop", "rules", *argv], cwd=ROOT, env=environ,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    results = {}
    for name, proc in started.items():
        out, err = proc.communicate(timeout=120)
        results[name] = (proc.returncode, out, err)
    yield results


def one_vietnamese_sentence(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    assert any(ch in lines[0] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    return lines[0]


def test_list(runs: dict[str, tuple[int, str, str]]) -> None:
    code, out, err = runs["list"]
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("Danh hiệu, hình thức khen thưởng áp dụng ngày 01/7/2025 "
                        "(Nghị định số 152/2025/NĐ-CP):")
    assert any(line.split()[0] == "XA_TIEU_BIEU" for line in lines[1:])
    assert "Chiến sĩ thi đua cấp tỉnh" in out and "Hội đồng: 90% tổng số thành viên" in out

    code, out, err = runs["list_json"]
    assert code == 0, err
    rows = {row["code"]: row for row in json.loads(out)}
    assert rows["BK_TINH"]["coefficients"]["ca_nhan"] == "1.0"
    assert rows["BK_TINH"]["regime"] == "nd98_2023"
    assert rows["CSTDCS"]["council_threshold"] == "0.8"


def test_amount(runs: dict[str, tuple[int, str, str]]) -> None:
    code, out, err = runs["amount"]
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "710.000 đồng"
    assert lines[1] == ("0,3 × 2.340.000 đồng (Nghị định số 73/2024/NĐ-CP) = 702.000 đồng, "
                        "làm tròn lên 710.000 đồng")
    assert lines[2].startswith("Chế độ: Nghị định số 98/2023/NĐ-CP; căn cứ: ")

    code, out, err = runs["amount_json"]
    assert code == 0, err
    data = json.loads(out)
    assert {"amount", "coefficient", "base_salary", "regime", "legal_source"} <= set(data)
    assert data["amount"] == 5_700_000  # 2,25 × 2.530.000 = 5.692.500, rounded up
    assert data["coefficient"] == "2.25" and isinstance(data["coefficient"], str)
    assert data["base_salary"] == 2_530_000 and data["base_salary_reported"] is True
    assert data["regime"] == "nd152_2025" and "NĐ 152/2025" in data["legal_source"]


def test_check(runs: dict[str, tuple[int, str, str]]) -> None:
    code, out, err = runs["check"]
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("Chiến sĩ thi đua cấp tỉnh (Nghị định số 98/2023/NĐ-CP), năm 2024, "
                        "quyết định ngày 15/01/2025: đủ điều kiện")
    assert "  [đạt] 03 năm liên tục (2022–2024): đạt “Chiến sĩ thi đua cơ sở”" in lines
    assert any(line.startswith("  [lưu ý] Đủ tiêu chuẩn “Chiến sĩ thi đua cơ sở” năm 2024")
               for line in lines)
    assert lines[-1] == "Ưu tiên: nữ"

    code, out, err = runs["check_json"]
    assert code == 0, err
    data = json.loads(out)
    assert data["eligible"] is False
    gaps = [r["text"] for r in data["reasons"] if r["code"] == "chain_gap"]
    assert gaps == ["Thiếu năm 2023: “Chiến sĩ thi đua cơ sở” năm đó là khen thưởng theo chuyên "
                    "đề, không được tính để xét khen thưởng công trạng"]


def test_vote(runs: dict[str, tuple[int, str, str]]) -> None:
    code, out, err = runs["vote"]
    assert code == 0, err
    assert out.strip() == "Không đạt: 8/9 thành viên đồng ý (88,9%), ngưỡng 90% tổng số thành viên"

    code, out, err = runs["vote_json"]
    assert code == 0, err
    data = json.loads(out)
    assert data["passed"] is True and data["threshold"] == "0.75" and data["quorum_ok"] is True
    assert data["explanation"].startswith("Đạt: 12/15 thành viên đồng ý (80,0%), ngưỡng 75%")


BAD_INPUT = [
    ("bad_date", "Ngày “31/02/2025” không hợp lệ"),
    ("unknown_code", "mã “XYZ”"),
    ("bad_subject", "“robot” không phải là loại đối tượng"),
    ("missing_file", "Không tìm thấy tệp dữ kiện"),
    ("malformed_json", "không đúng định dạng JSON (dòng 2, cột 16)"),
    ("bad_field", "trường “awards[0].year”"),
    ("missing_option", "Lệnh không hợp lệ"),
]


def test_bad_input_is_one_vietnamese_sentence(runs: dict[str, tuple[int, str, str]]) -> None:
    for name, fragment in BAD_INPUT:
        code, out, err = runs[name]
        assert code == 1, (name, out, err)
        assert out == "", name
        assert fragment in one_vietnamese_sentence(err), (name, err)


def test_salary_lists_adds_and_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    db = str(tmp_path / "luong.sqlite3")
    assert main(["--db", db, "rules", "salary", "--add", "01/07/2027", "2800000",
                 "Nghị định số 9/2027/NĐ-CP"]) == 0
    out = capsys.readouterr().out
    assert "từ ngày 01/07/2027: 2.800.000 đồng — Nghị định số 9/2027/NĐ-CP" in out
    assert "2.530.000 đồng" in out and "đối chiếu văn bản gốc" in out
    assert main(["--db", db, "rules", "salary", "--add", "01/07/2027", "2900000", "x"]) == 1
    assert main(["--db", db, "rules", "salary", "--add", "31/02/2028", "2900000", "x"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["Mức lương cơ sở áp dụng từ ngày 01/07/2027 đã có trong danh sách, không "
                   "cần thêm lại.", "Ngày “31/02/2028” không hợp lệ; hãy ghi dạng 2025-02-28 "
                   "hoặc 28/02/2025."]
    assert main(["--db", db, "rules", "salary", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["amount"] for r in rows][-2:] == [2_530_000, 2_800_000]


def test_threshold_is_set_listed_and_cleared(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main

    db = str(tmp_path / "nguong.sqlite3")
    assert main(["--db", db, "rules", "threshold", "--award", "cstdcs", "--set", "0,9"]) == 0
    assert "CSTDCS: được thông qua khi có ít nhất 0.9 tổng số thành viên" in capsys.readouterr().out
    assert main(["--db", db, "rules", "threshold", "--award", "CSTDCS", "--set", "1.5"]) == 1
    assert "không quá 1" in capsys.readouterr().err
    assert main(["--db", db, "rules", "threshold", "--award", "CSTDCS", "--clear"]) == 0
    assert capsys.readouterr().out == ""
