"""Match a file's header row to an import template (FORMATS.md §1 and §3).

Matching ignores case, diacritics, spacing, punctuation and column order: "HỌ VÀ TÊN",
"Ho va ten" and "Họ  và tên:" are all the name column. A few spellings officials commonly
use instead of the template's are accepted too ("Họ tên", "Số QĐ"). A missing required column
and a column given twice are errors; a column the template does not know is a warning.

The header is expected on the first non-empty row; when that row lacks required columns, the
next few rows are tried, so lists with a title above the table ("DANH SÁCH CÁ NHÂN ĐƯỢC KHEN
THƯỞNG ...") still import. Row numbers stay those of the spreadsheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdkt.common.text import fold
from tdkt.imports.errors import Problem
from tdkt.imports.readers import CellValue, SheetRow, Table

__all__ = [
    "AWARD_TEMPLATE",
    "INITIATIVE_TEMPLATE",
    "Column",
    "HeaderMatch",
    "Template",
    "header_key",
    "match_headers",
]

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """The matching key of a header: folded, letters and digits only ("Họ và tên" → "hovaten")."""
    return _NOT_ALNUM.sub("", fold(text))


@dataclass(frozen=True, slots=True)
class Column:
    """A template column: its key in row objects, its header as printed, accepted variants."""

    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """An import template: its columns in the order the export writes them."""

    name: str
    columns: tuple[Column, ...]
    by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Column] = {}
        for column in self.columns:
            for text in (column.label, *column.aliases):
                key = header_key(text)
                if index.get(key, column) is not column:
                    raise ValueError(f"header {text!r} matches two columns")
                index[key] = column
        object.__setattr__(self, "by_header", index)

    def label(self, key: str) -> str:
        return next(c.label for c in self.columns if c.key == key)


AWARD_TEMPLATE = Template(
    "awards",
    (
        Column("stt", "STT", aliases=("Số thứ tự", "TT")),
        Column("kind", "Loại", True, ("Loại đối tượng", "Đối tượng", "Cá nhân/Tập thể")),
        Column("name", "Họ và tên", True, ("Họ tên", "Tên", "Tên cá nhân/tập thể")),
        Column("external_id", "Mã định danh", aliases=("Mã", "Mã số", "Mã cán bộ")),
        Column("sex", "Giới tính", aliases=("Nam/Nữ",)),
        Column("birth", "Năm sinh", aliases=("Ngày sinh", "Ngày tháng năm sinh")),
        Column("position", "Chức vụ", aliases=("Chức danh", "Chức vụ, chức danh")),
        Column("unit", "Đơn vị", True, ("Đơn vị công tác", "Cơ quan, đơn vị")),
        Column(
            "award",
            "Danh hiệu/Hình thức",
            True,
            (
                "Danh hiệu",
                "Hình thức",
                "Hình thức khen thưởng",
                "Danh hiệu thi đua",
                "Danh hiệu, hình thức khen thưởng",
                "Danh hiệu/Hình thức khen thưởng",
            ),
        ),
        Column("year", "Năm", True, ("Năm thành tích",)),
        Column("decision_number", "Số quyết định", True, ("Số QĐ",)),
        Column("decision_date", "Ngày quyết định", True, ("Ngày QĐ", "Ngày ký")),
        Column("issuer", "Cơ quan quyết định", aliases=("Cấp quyết định", "Cơ quan ban hành")),
        Column("note", "Ghi chú"),
    ),
)

INITIATIVE_TEMPLATE = Template(
    "initiatives",
    (
        Column("stt", "STT", aliases=("Số thứ tự", "TT")),
        Column("title", "Tên sáng kiến", True, ("Sáng kiến", "Tên sáng kiến, đề tài")),
        Column("authors", "Tác giả", True, ("Tác giả sáng kiến", "Đồng tác giả")),
        Column("unit", "Đơn vị", True, ("Đơn vị công tác", "Cơ quan, đơn vị")),
        Column("year", "Năm", True, ("Năm công nhận",)),
        Column("level", "Cấp công nhận", True, ("Cấp", "Phạm vi ảnh hưởng")),
        Column("decision_number", "Số quyết định", True, ("Số QĐ",)),
        Column("decision_date", "Ngày quyết định", True, ("Ngày QĐ", "Ngày ký")),
        Column("note", "Ghi chú"),
    ),
)


@dataclass
class HeaderMatch:
    """Where each template column is in a table, and what is wrong with the header."""

    table: Table
    template: Template
    row: int  # spreadsheet row number of the header
    columns: dict[str, int]  # column key → 0-based cell index
    data: list[SheetRow]  # the rows below the header
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def cell(self, row: SheetRow, key: str) -> CellValue:
        """The cell of *row* in template column *key* ("" when the file has no such column)."""
        index = self.columns.get(key)
        return "" if index is None else row.get(index)


def _text(value: CellValue) -> str:
    return value if isinstance(value, str) else str(value)


def _match_row(table: Table, template: Template, position: int) -> tuple[HeaderMatch, bool]:
    """Match the row at *position*; also say whether all required columns were found."""
    header = table.rows[position]
    found: dict[str, list[int]] = {}
    unknown: list[tuple[int, str]] = []
    for index, value in enumerate(header.cells):
        text = _text(value).strip()
        if not text:
            continue
        column = template.by_header.get(header_key(text))
        if column is None:
            unknown.append((index, text))
        else:
            found.setdefault(column.key, []).append(index)
    match = HeaderMatch(
        table,
        template,
        header.number,
        {key: indexes[0] for key, indexes in found.items()},
        table.rows[position + 1 :],
    )
    complete = True
    for column in template.columns:
        indexes = found.get(column.key, [])
        if column.required and not indexes:
            complete = False
            match.errors.append(Problem(header.number, column.label, "thiếu cột bắt buộc"))
        if len(indexes) > 1:
            letters = " và ".join(f"cột {table.letter(i)}" for i in indexes)
            match.errors.append(
                Problem(header.number, column.label, f"cột bị lặp ({letters}), chỉ được có một"),
            )
    for index, text in unknown:
        match.warnings.append(
            Problem(
                header.number,
                text,
                f"cột {table.letter(index)} không có trong mẫu nhập, bị bỏ qua",
            ),
        )
    if position:
        match.warnings.insert(
            0,
            Problem(
                None,
                None,
                f"Dòng tiêu đề là dòng {header.number}; bỏ qua các dòng phía trên "
                f"(1–{header.number - 1}).",
            ),
        )
    return match, complete


def match_headers(table: Table, template: Template, *, search_rows: int = 10) -> HeaderMatch:
    """Find and match the header row of *table* (see the module docstring)."""
    first, complete = _match_row(table, template, 0)
    if complete:
        return first
    for position in range(1, min(search_rows, len(table.rows))):
        match, complete = _match_row(table, template, position)
        if complete:
            return match
    return first
