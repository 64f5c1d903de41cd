"""Tolerant header matching for the award (FORMATS.md §1) and initiative (§3) templates."""

from __future__ import annotations

import pytest

from tdkt.imports.headers import (
    AWARD_TEMPLATE,
    INITIATIVE_TEMPLATE,
    Column,
    Template,
    header_key,
    match_headers,
)
from tdkt.imports.readers import SheetRow, Table

AWARD_HEADERS = [c.label for c in AWARD_TEMPLATE.columns]


def table(*rows: list[object], first_column: int = 0) -> Table:
    return Table([SheetRow(i + 1, tuple(r)) for i, r in enumerate(rows)], "test",
                 first_column=first_column)  # fmt: skip


def test_template_headers_are_those_of_formats_md() -> None:
    assert AWARD_HEADERS == [
        "STT", "Loại", "Họ và tên", "Mã định danh", "Giới tính", "Năm sinh", "Chức vụ", "Đơn vị",
        "Danh hiệu/Hình thức", "Năm", "Số quyết định", "Ngày quyết định", "Cơ quan quyết định",
        "Ghi chú",
    ]  # fmt: skip
    assert [c.label for c in AWARD_TEMPLATE.columns if c.required] == [
        "Loại", "Họ và tên", "Đơn vị", "Danh hiệu/Hình thức", "Năm", "Số quyết định",
        "Ngày quyết định",
    ]  # fmt: skip
    assert [c.label for c in INITIATIVE_TEMPLATE.columns if c.required] == [
        "Tên sáng kiến", "Tác giả", "Đơn vị", "Năm", "Cấp công nhận", "Số quyết định",
        "Ngày quyết định",
    ]  # fmt: skip


def test_header_key() -> None:
    assert header_key("Họ và tên") == "hovaten"
    assert header_key("  HỌ   VÀ TÊN: ") == "hovaten"
    assert header_key("Danh hiệu / Hình thức") == "danhhieuhinhthuc"
    assert header_key("Số\nquyết định (*)") == "soquyetdinh"


def test_case_diacritics_spacing_and_order_are_ignored() -> None:
    headers = ["SỐ QUYẾT ĐỊNH", "ho va ten", "Danh hieu - Hinh thuc", " Năm ", "ĐƠN VỊ",
               "loại", "Ngày Quyết Định", "Ghi  chú"]  # fmt: skip
    match = match_headers(table(headers, ["x"] * 8), AWARD_TEMPLATE)
    assert match.ok
    assert match.errors == [] and match.warnings == []
    assert match.columns == {
        "decision_number": 0, "name": 1, "award": 2, "year": 3, "unit": 4, "kind": 5,
        "decision_date": 6, "note": 7,
    }  # fmt: skip
    assert match.row == 1
    assert [r.number for r in match.data] == [2]
    assert match.cell(match.data[0], "issuer") == ""


def test_common_variants_are_accepted() -> None:
    headers = ["TT", "Loại", "Họ tên", "Đơn vị công tác", "Hình thức khen thưởng",
               "Năm thành tích", "Số QĐ", "Ngày QĐ"]  # fmt: skip
    match = match_headers(table(headers), AWARD_TEMPLATE)
    assert match.ok
    assert set(match.columns) == {"stt", "kind", "name", "unit", "award", "year",
                                  "decision_number", "decision_date"}  # fmt: skip


def test_missing_required_headers_are_errors() -> None:
    headers = ["STT", "Họ và tên", "Đơn vị", "Năm", "Số quyết định"]
    match = match_headers(table(headers), AWARD_TEMPLATE)
    assert not match.ok
    assert [str(p) for p in match.errors] == [
        "row 1: Loại: thiếu cột bắt buộc",
        "row 1: Danh hiệu/Hình thức: thiếu cột bắt buộc",
        "row 1: Ngày quyết định: thiếu cột bắt buộc",
    ]


def test_duplicated_header_is_an_error() -> None:
    headers = [*AWARD_HEADERS, "NĂM"]
    match = match_headers(table(headers, first_column=1), AWARD_TEMPLATE)
    assert [str(p) for p in match.errors] == [
        "row 1: Năm: cột bị lặp (cột K và cột P), chỉ được có một",
    ]


def test_unknown_columns_are_warnings() -> None:
    headers = [*AWARD_HEADERS, "Xếp loại", "", "Số điện thoại"]
    match = match_headers(table(headers), AWARD_TEMPLATE)
    assert match.ok
    assert [str(p) for p in match.warnings] == [
        "row 1: Xếp loại: cột O không có trong mẫu nhập, bị bỏ qua",
        "row 1: Số điện thoại: cột Q không có trong mẫu nhập, bị bỏ qua",
    ]


def test_header_below_a_title_is_found() -> None:
    rows = table(
        ["DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"],
        ["(Kèm theo Quyết định số 125/QĐ-SLĐTBXH)"],
        AWARD_HEADERS,
        ["1", "Cá nhân"],
    )
    rows.rows[2] = SheetRow(4, rows.rows[2].cells)
    rows.rows[3] = SheetRow(5, rows.rows[3].cells)
    match = match_headers(rows, AWARD_TEMPLATE)
    assert match.ok
    assert match.row == 4
    assert [r.number for r in match.data] == [5]
    assert [str(p) for p in match.warnings] == [
        "Dòng tiêu đề là dòng 4; bỏ qua các dòng phía trên (1–3).",
    ]


def test_when_no_row_matches_the_first_row_is_reported() -> None:
    match = match_headers(table(["Tên"], ["Họ và tên", "Loại"]), AWARD_TEMPLATE)
    assert match.row == 1
    assert match.columns == {"name": 0}
    assert [p.column for p in match.errors] == [
        "Loại", "Đơn vị", "Danh hiệu/Hình thức", "Năm", "Số quyết định", "Ngày quyết định",
    ]  # fmt: skip


def test_non_text_header_cells() -> None:
    match = match_headers(table([*AWARD_HEADERS, 2019]), AWARD_TEMPLATE)
    assert [str(p) for p in match.warnings] == [
        "row 1: 2019: cột O không có trong mẫu nhập, bị bỏ qua",
    ]


def test_initiative_template() -> None:
    headers = ["Tên sáng kiến", "Tác giả", "Đơn vị", "Năm", "Cấp công nhận", "Số quyết định",
               "Ngày quyết định"]  # fmt: skip
    match = match_headers(table(list(reversed(headers))), INITIATIVE_TEMPLATE)
    assert match.ok
    assert match.columns["title"] == 6
    assert match.columns["level"] == 2


def test_templates_refuse_ambiguous_variants() -> None:
    with pytest.raises(ValueError, match="matches two columns"):
        Template("bad", (Column("a", "Năm"), Column("b", "Nam")))
