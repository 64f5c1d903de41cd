"""`tdkt eligibility` (FORMATS.md §5): exact JSON, the quota section, xlsx, bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from eligibility_db_support import History, build_history
from openpyxl import load_workbook

from tdkt.records import domain as records

pytestmark = pytest.mark.django_db

HOLD_2025 = (
    "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết "
    "khiếu nại, tố cáo (ngày 15/01/2025)"
)
HOLD_2025_CITE = "Law 06/2022/QH15; Decree 98/2023/NĐ-CP (general principles)"
RATED = "Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên"
HIRED = "Được tuyển dụng từ 6 tháng trở lên tính đến hết năm 2024 (không sau ngày 01/07/2024)"
HIRED_CITE = "Decree 98/2023/NĐ-CP; Circular 01/2024/TT-BNV"
NO_DISCIPLINE = "Không bị kỷ luật từ hình thức khiển trách trở lên trong năm 2024"
NO_DISCIPLINE_CITE = "Decree 98/2023/NĐ-CP (assumed unchanged)"
LDTT_TITLE = "Đạt danh hiệu Lao động tiên tiến năm 2024"
INITIATIVE = "Có 1 sáng kiến được công nhận cấp cơ sở trở lên trong năm 2024"


@pytest.fixture
def history(tree: Any) -> History:
    return build_history(tree)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("eligibility", *args, stdout=out)
    return out.getvalue()


def reason(criterion: str, met: bool | None, citation: str) -> dict[str, Any]:
    return {"criterion": criterion, "met": met, "citation": citation}


def row(sid: str, name: str, code: str, verdict: str, reasons: list[Any]) -> dict[str, Any]:
    return {
        "subject_kind": "person",
        "subject_id": sid,
        "name": name,
        "unit": "PLDVL",
        "code": code,
        "verdict": verdict,
        "regime": "R2024",
        "reasons": reasons,
    }


def test_json_is_exactly_formats_5(history: History) -> None:
    data = json.loads(run("--year", "2024", "--unit", "pldvl", "--codes", "LDTT", "CSTDCS"))
    minh = str(history.minh.pk)  # no Mã định danh: the internal id
    assert data == [
        row("003", "Lê Thị Hoa", "LDTT", "eligible", [
            reason(RATED, True, "Law 06/2022/QH15 Art 24"),
            reason(HIRED, True, HIRED_CITE),
            reason(NO_DISCIPLINE, True, NO_DISCIPLINE_CITE),
            reason(HOLD_2025, True, HOLD_2025_CITE),
        ]),
        row("003", "Lê Thị Hoa", "CSTDCS", "eligible", [
            reason(LDTT_TITLE, True, "Law 06/2022/QH15 Art 23"),
            reason(INITIATIVE, True, "Law 06/2022/QH15 Art 23"),
            reason(HOLD_2025, True, HOLD_2025_CITE),
        ]),
        row(minh, "Trần Văn Minh", "LDTT", "not_eligible", [
            reason(RATED, False, "Law 06/2022/QH15 Art 24"),
            reason(HIRED, True, HIRED_CITE),
            reason(NO_DISCIPLINE, True, NO_DISCIPLINE_CITE),
            reason(HOLD_2025, True, HOLD_2025_CITE),
        ]),
        row(minh, "Trần Văn Minh", "CSTDCS", "not_eligible", [
            reason(LDTT_TITLE, False, "Law 06/2022/QH15 Art 23"),
            reason(INITIATIVE, False, "Law 06/2022/QH15 Art 23"),
            reason(HOLD_2025, True, HOLD_2025_CITE),
        ]),
        {"quotas": []},  # no national CSTĐCS quota under R2024
    ]  # fmt: skip


def test_quota_section_under_r2017(history: History) -> None:
    data = json.loads(run("--year", "2022", "--unit", "SNV", "--codes", "CSTDCS"))
    assert [(r["subject_id"], r["verdict"]) for r in data[:-1]] == [
        ("003", "not_eligible"),
        ("001", "eligible"),
        (str(history.minh.pk), "not_eligible"),
    ]
    assert data[-1] == {
        "quotas": [
            {
                "code": "CSTDCS",
                "unit": "SNV",
                "year": 2022,
                "regime": "R2017",
                "base": 1,
                "base_undetermined": 0,
                "percent": 15.0,
                "limit": 0,
                "within": [],
                "outside": ["001"],
                "citation": "Decree 91/2017/NĐ-CP Art 9 k3",
                "mark": "verified",
                "override": None,
                "tie_break_citation": "Decree 91/2017/NĐ-CP (general principles)",
                "rounding": (
                    "Số lượng tối đa = phần nguyên của (tỷ lệ × số cá nhân đạt LĐTT / 100)"
                ),
                "order": (
                    "Ưu tiên cá nhân nữ, tập thể có từ 70% nữ trở lên; sau đó thành tích cao "
                    "hơn (xếp loại, sáng kiến); sau đó theo mã đối tượng"
                ),
            }
        ]
    }


def test_collectives_have_rows_too(history: History, tree: Any) -> None:
    records.set_rating(None, unit=tree.pldvl, year=2024, grade="HTT")
    data = json.loads(run("--year", "2024", "--unit", "PLDVL", "--codes", "TTLDTT"))
    assert len(data) == 2
    collective = data[0]
    assert {k: collective[k] for k in collective if k != "reasons"} == {
        "subject_kind": "collective",
        "subject_id": "PLDVL",
        "name": "Phòng Lao động – Việc làm",
        "unit": "SLDTBXH",
        "code": "TTLDTT",
        "verdict": "eligible",  # both members hold a recorded LĐTT 2024
        "regime": "R2024",
    }
    assert collective["reasons"][1] == {
        "criterion": "Có trên 50% cá nhân đạt danh hiệu Lao động tiên tiến",
        "met": True,
        "citation": "Law 06/2022/QH15 Art 28",
    }


def test_all_codes_for_the_whole_database(history: History) -> None:
    data = json.loads(run("--year", "2024"))
    people = {r["subject_id"] for r in data[:-1] if r["subject_kind"] == "person"}
    assert people == {"001", "003", "004", str(history.minh.pk)}
    codes = [r["code"] for r in data[:-1] if r["subject_id"] == "003"]
    assert codes == [
        "LDTT", "CSTDCS", "CSTD_BO", "CSTD_TINH", "CSTDTQ", "BK_BO", "BK_TINH", "BK_TTG",
        "HCLD3", "HCLD2", "HCLD1", "KNC",
    ]  # fmt: skip
    units = {r["subject_id"] for r in data[:-1] if r["subject_kind"] == "collective"}
    assert units == {"SNV", "VP", "PTDKT", "SLDTBXH", "PLDVL", "UBND_X"}


def test_xlsx_is_the_same_for_the_council(history: History, tmp_path: Path) -> None:
    path = tmp_path / "ket-qua.xlsx"
    assert run("--year", "2024", "--unit", "PLDVL", "--codes", "LDTT", "--format", "xlsx",
               "--output", str(path)) == ""  # fmt: skip
    wb = load_workbook(path)
    assert wb.sheetnames == ["Xét điều kiện", "Tỷ lệ"]
    ws = wb["Xét điều kiện"]
    assert (
        ws["A1"].value == "Danh sách xét điều kiện khen thưởng năm 2024 – Phòng Lao động – Việc làm"
    )
    header = [c.value for c in ws[4]]
    assert header[:9] == [
        "STT", "Đối tượng", "Mã định danh", "Họ tên / Tên tập thể", "Đơn vị", "Mã danh hiệu",
        "Danh hiệu, hình thức", "Kết quả", "Chế độ áp dụng",
    ]  # fmt: skip
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert [r[:9] for r in rows] == [
        [1, "Cá nhân", "003", "Lê Thị Hoa", "PLDVL", "LDTT", "Lao động tiên tiến",
         "Đủ điều kiện", "R2024"],
        [2, "Cá nhân", str(history.minh.pk), "Trần Văn Minh", "PLDVL", "LDTT",
         "Lao động tiên tiến", "Không đủ điều kiện", "R2024"],
    ]  # fmt: skip
    assert rows[1][10].splitlines()[0] == f"Không đạt: {RATED} — Law 06/2022/QH15 Art 24 ✅"
    assert wb["Tỷ lệ"]["A4"].value == "Mã danh hiệu"
    assert wb["Tỷ lệ"].max_row == 4  # no quota under R2024


def test_xlsx_quota_sheet(history: History, tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    run("--year", "2022", "--unit", "SNV", "--codes", "CSTDCS", "--format", "xlsx", "-o", str(path))
    quota = [c.value for c in load_workbook(path)["Tỷ lệ"][5]]
    assert quota[:11] == [
        "CSTDCS", "SNV", 2022, "R2017", 15, 1, 0, 0, None, "001", "Decree 91/2017/NĐ-CP Art 9 k3",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2024", "--unit", "KHONG_CO"], "unknown unit code: KHONG_CO"),
        (["--year", "2009"], "year 2009 is out of range (2010–"),
        (["--year", "2999"], "year 2999 is out of range (2010–"),
        (["--year", "2024", "--codes", "LDTT", "XX"], "unknown award code: XX (known: LDTT,"),
        (["--year", "2024", "--decision-date", "2025-02-30"], "--decision-date '2025-02-30'"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_written(
    history: History, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out.json"
    with pytest.raises(CommandError) as exc:
        run(*args, "--output", str(out))
    assert message in str(exc.value)
    assert not out.exists()


def test_bad_year_exits_non_zero(tmp_path: Path) -> None:
    env = {**os.environ, "TDKT_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "tdkt", "eligibility", "--year", "1990"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert "year 1990 is out of range" in proc.stderr
    assert proc.stdout == ""
