"""An eligibility run as an XLSX workbook for the council: the verdicts, then the quotas."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from tdkt.awards.catalogue import BY_CODE
from tdkt.common.formatting import format_date
from tdkt.eligibility.core import Mark
from tdkt.eligibility.service import Eligibility

VERDICT_VN = {
    "eligible": "Đủ điều kiện",
    "not_eligible": "Không đủ điều kiện",
    "undetermined": "Chưa xác định",
}
MET_VN = {True: "Đạt", False: "Không đạt", None: "Chưa rõ"}
KIND_VN = {"person": "Cá nhân", "collective": "Tập thể"}
QUOTA_VN = {"within": "Trong tỷ lệ", "outside": "Ngoài tỷ lệ", None: ""}
MARK_SYMBOL = {m.value: m.symbol for m in Mark}

HEADER = [
    "STT",
    "Đối tượng",
    "Mã định danh",
    "Họ tên / Tên tập thể",
    "Đơn vị",
    "Mã danh hiệu",
    "Danh hiệu, hình thức",
    "Kết quả",
    "Chế độ áp dụng",
    "Tỷ lệ",
    "Các tiêu chuẩn (đạt / không đạt / chưa rõ — căn cứ)",
]
QUOTA_HEADER = [
    "Mã danh hiệu",
    "Đơn vị xét tỷ lệ",
    "Năm",
    "Chế độ",
    "Tỷ lệ tối đa (%)",
    "Số người/tập thể làm cơ sở tính",
    "Chưa xác định (không tính)",
    "Số lượng tối đa",
    "Trong tỷ lệ",
    "Ngoài tỷ lệ",
    "Căn cứ",
    "Cách làm tròn",
    "Thứ tự ưu tiên",
]


def reasons_text(reasons: list[dict[str, Any]], marks: list[str] | None = None) -> str:
    """One line per criterion: "Đạt: … — citation ✅"."""
    lines = []
    for i, r in enumerate(reasons):
        mark = f" {MARK_SYMBOL.get(marks[i], '')}" if marks else ""
        lines.append(f"{MET_VN[r['met']]}: {r['criterion']} — {r['citation']}{mark}")
    return "\n".join(lines)


def _title(ws: Worksheet, text: str, sub: str) -> None:
    ws.append([text])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([sub])
    ws.append([])


def _header(ws: Worksheet, header: list[str]) -> None:
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def to_xlsx(result: Eligibility, *, unit_name: str = "") -> bytes:
    """Sheet "Xét điều kiện": one row per subject × code; sheet "Tỷ lệ": one row per quota."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Xét điều kiện"
    where = f" – {unit_name}" if unit_name else ""
    sub = (
        f"Chế độ {result.regime or '—'}; ngày quyết định dự kiến "
        f"{format_date(result.decision_date)}"
    )
    _title(ws, f"Danh sách xét điều kiện khen thưởng năm {result.year}{where}", sub)
    _header(ws, HEADER)
    data = result.as_json()
    for i, (row, d) in enumerate(zip(result.rows, data, strict=False), start=1):
        entry = BY_CODE.get(d["code"])
        ws.append(
            [
                i,
                KIND_VN[d["subject_kind"]],
                d["subject_id"],
                d["name"],
                d["unit"],
                d["code"],
                entry.name if entry else d["code"],
                VERDICT_VN[d["verdict"]],
                d["regime"] or "",
                QUOTA_VN[row.quota],
                reasons_text(d["reasons"], [str(c.mark) for c in row.verdict.criteria]),
            ]
        )
        ws.cell(ws.max_row, len(HEADER)).alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHIJK", (6, 10, 16, 28, 14, 12, 30, 18, 10, 12, 100), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"

    qs = wb.create_sheet("Tỷ lệ")
    _title(qs, f"Tỷ lệ khen thưởng năm {result.year}{where}", sub)
    _header(qs, QUOTA_HEADER)
    for q in data[-1]["quotas"]:
        qs.append(
            [
                q["code"],
                q["unit"] or "",
                q["year"],
                q["regime"],
                q["percent"],
                q["base"],
                q["base_undetermined"],
                q["limit"],
                ", ".join(q["within"]),
                ", ".join(q["outside"]),
                q["override"] or q["citation"],
                q["rounding"],
                q["order"],
            ]
        )
    widths = (12, 14, 8, 8, 10, 12, 12, 10, 40, 40, 40, 40, 50)
    for col, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        qs.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
