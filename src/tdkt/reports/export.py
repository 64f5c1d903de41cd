"""The period summary as XLSX and DOCX (FORMATS.md §2 "the report table, laid out for printing")."""

from __future__ import annotations

import io
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from tdkt.common.formatting import format_int
from tdkt.documents.layout import add_header, add_table, add_title, new_document
from tdkt.reports.prose import LEVEL_NAMES, summary_paragraph
from tdkt.reports.summary import Summary

HEADER = ["STT", "Danh hiệu, hình thức", "Mã", "Cá nhân", "Tập thể", "Hộ gia đình", "Tổng"]


def table_rows(s: Summary) -> list[tuple[str, str, int, int, int]]:
    """(code, name, individual, collective, household) per award type, catalogue order."""
    merged: dict[str, dict[str, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    for r in s.awards:
        merged[r.code][r.subject] = r.count
        names[r.code] = r.name
    return [
        (code, names[code], c.get("individual", 0), c.get("collective", 0), c.get("household", 0))
        for code, c in merged.items()
    ]


def title_of(s: Summary) -> str:
    period = str(s.from_year) if s.from_year == s.to_year else f"{s.from_year}–{s.to_year}"
    where = f" – {s.unit.name}" if s.unit else ""
    return f"Kết quả khen thưởng giai đoạn {period}{where}"


def to_xlsx(s: Summary) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    ws.append([title_of(s)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(HEADER)
    thin = Side(style="thin")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for i, (code, name, ind, coll, hh) in enumerate(table_rows(s), start=1):
        ws.append([i, name, code, ind, coll, hh, ind + coll + hh])
    ws.append([])
    ws.append(["", "Sáng kiến được công nhận", "Cấp", "Số lượng"])
    for lv, n in s.initiatives:
        ws.append(["", LEVEL_NAMES.get(lv, lv), lv, n])
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in row:
            if cell.value is not None:
                cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    for col, width in zip("ABCDEFG", (6, 46, 12, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_docx(s: Summary, *, parent_agency: str = "", agency: str = "", place: str = "") -> bytes:
    doc = new_document()
    add_header(doc, parent_agency=parent_agency, agency=agency)
    add_title(doc, "Báo cáo", title_of(s))
    doc.add_paragraph(summary_paragraph(s))
    rows = [
        [
            str(i),
            name,
            format_int(ind),
            format_int(coll),
            format_int(hh),
            format_int(ind + coll + hh),
        ]
        for i, (_code, name, ind, coll, hh) in enumerate(table_rows(s), start=1)
    ]
    add_table(
        doc,
        ["STT", "Danh hiệu, hình thức", "Cá nhân", "Tập thể", "Hộ gia đình", "Tổng"],
        rows,
        [12, 70, 22, 22, 22, 17],
    )
    if s.initiatives:
        doc.add_paragraph()
        add_table(
            doc,
            ["STT", "Sáng kiến được công nhận", "Số lượng"],
            [
                [str(i), LEVEL_NAMES.get(lv, lv).capitalize(), format_int(n)]
                for i, (lv, n) in enumerate(s.initiatives, start=1)
            ],
            [12, 120, 33],
        )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
