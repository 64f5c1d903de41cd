"""Export award records in the import template (FORMATS.md §1), so export → import round-trips.

Cells a spreadsheet would run as a formula (starting with = + - @, or a tab/CR) are
neutralised with a leading apostrophe. Rows are streamed: memory stays flat for big exports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import QuerySet
from openpyxl import Workbook

from tdkt.awards.models import Award

HEADERS = [
    "STT",
    "Loại",
    "Họ và tên",
    "Mã định danh",
    "Giới tính",
    "Năm sinh",
    "Chức vụ",
    "Đơn vị",
    "Danh hiệu/Hình thức",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
    "Ghi chú",
]
SUBJECT_LABELS = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
SEX_LABELS = {"M": "Nam", "F": "Nữ"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Make a text cell inert in spreadsheets (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_queryset(
    from_year: int | None = None, to_year: int | None = None, unit_ids: list[int] | None = None
) -> QuerySet[Award]:
    qs = Award.objects.filter(revoked_by__isnull=True)
    if from_year is not None:
        qs = qs.filter(year__gte=from_year)
    if to_year is not None:
        qs = qs.filter(year__lte=to_year)
    if unit_ids is not None:
        qs = qs.filter(unit_at_time_id__in=unit_ids)
    return qs.select_related(
        "award_type", "decision", "person", "unit", "household", "unit_at_time"
    ).order_by("decision__date", "decision_id", "id")


def rows(qs: QuerySet[Award]) -> Iterator[list[Any]]:
    """Template rows (without the header), numbered from 1."""
    for i, a in enumerate(qs.iterator(chunk_size=5000), start=1):
        p = a.person
        if p is not None:
            name, ext = p.full_name, p.external_id or ""
            sex = SEX_LABELS.get(p.sex, "")
            born = p.birth_date.strftime("%d/%m/%Y") if p.birth_date else (p.birth_year or "")
        elif a.unit is not None:
            name, ext, sex, born = a.unit.name, a.unit.code, "", ""
        else:
            name, ext, sex, born = a.household.name if a.household else "", "", "", ""
        yield [
            i,
            SUBJECT_LABELS[a.subject_kind],
            name,
            ext,
            sex,
            born,
            a.position_at_time,
            a.unit_at_time.code,
            a.award_type.name,
            a.year,
            a.decision.number,
            a.decision.date.strftime("%d/%m/%Y"),
            a.decision.issuer,
            a.note,
        ]


def write_csv(qs: QuerySet[Award], out: IO[str]) -> int:
    """UTF-8 CSV (callers open the file with BOM, "utf-8-sig", for Excel)."""
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    n = 0
    for row in rows(qs):
        writer.writerow([neutralise(v) for v in row])
        n += 1
    return n


def write_xlsx(qs: QuerySet[Award], out: IO[bytes]) -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(HEADERS)
    n = 0
    for row in rows(qs):
        ws.append([neutralise(v) for v in row])
        n += 1
    wb.save(out)
    return n


def to_bytes(qs: QuerySet[Award], fmt: str) -> bytes:
    if fmt == "csv":
        text = io.StringIO()
        write_csv(qs, text)
        return text.getvalue().encode("utf-8-sig")
    buf = io.BytesIO()
    write_xlsx(qs, buf)
    return buf.getvalue()
