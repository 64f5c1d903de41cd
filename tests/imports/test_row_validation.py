"""Row validation of award and initiative lists: typed rows and one error per bad cell."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.imports.errors import Problem
from tdkt.imports.headers import AWARD_TEMPLATE, INITIATIVE_TEMPLATE
from tdkt.imports.readers import CellValue, SheetRow, Table, read_table
from tdkt.imports.validate import (
    AwardRow,
    InitiativeRow,
    parse_date,
    validate_awards,
    validate_initiatives,
)

TODAY = dt.date(2025, 6, 1)
HEADERS = tuple(c.label for c in AWARD_TEMPLATE.columns)
GOOD = {
    "STT": 1,
    "Loại": "Cá nhân",
    "Họ và tên": "Nguyễn Thị Hương",
    "Mã định danh": "",
    "Giới tính": "Nữ",
    "Năm sinh": 1980,
    "Chức vụ": "Chuyên viên",
    "Đơn vị": "Phòng Lao động – Việc làm",
    "Danh hiệu/Hình thức": "Lao động tiên tiến",
    "Năm": 2019,
    "Số quyết định": "125/QĐ-SLĐTBXH",
    "Ngày quyết định": dt.date(2020, 1, 15),
    "Cơ quan quyết định": "Giám đốc Sở LĐ-TBXH",
    "Ghi chú": "",
}


def awards(*changes: dict[str, CellValue]) -> Table:
    """A table with the template header and one row per *changes* applied to GOOD."""
    rows = [SheetRow(1, HEADERS)]
    for i, change in enumerate(changes, start=2):
        values = {**GOOD, **change}
        rows.append(SheetRow(i, tuple(values[h] for h in HEADERS)))
    return Table(rows, "test")


def errors(table: Table) -> list[str]:
    return [str(p) for p in validate_awards(table, today=TODAY).errors]


def test_a_good_row() -> None:
    result = validate_awards(awards({}), today=TODAY)
    assert result.ok
    assert result.warnings == []
    assert result.rows == [
        AwardRow(
            row=2,
            subject_kind="individual",
            name="Nguyễn Thị Hương",
            name_key="nguyen thi huong",
            external_id="",
            sex="F",
            birth_year=1980,
            birth_date=None,
            position="Chuyên viên",
            unit="Phòng Lao động – Việc làm",
            unit_key="phong lao dong – viec lam",
            code="LDTT",
            award_text="Lao động tiên tiến",
            year=2019,
            decision_number="125/QĐ-SLĐTBXH",
            decision_key="125/QD-SLDTBXH",
            decision_date=dt.date(2020, 1, 15),
            issuer="Giám đốc Sở LĐ-TBXH",
            note="",
        )
    ]
    row = result.rows[0]
    assert row.subject_key == ("name", "individual", "nguyen thi huong",
                               "phong lao dong – viec lam", 1980)  # fmt: skip
    assert row.identity == (row.subject_key, "LDTT", 2019, "125/QD-SLDTBXH")


def test_text_cells_and_other_forms() -> None:
    result = validate_awards(
        awards(
            {"Loại": "Tập thể", "Họ và tên": "Phòng Lao động", "Giới tính": "", "Năm sinh": "",
             "Danh hiệu/Hình thức": "Tập thể lao động tiên tiến", "Năm": "2019",
             "Số quyết định": " Số: 05 / qđ – snv ", "Ngày quyết định": "15/1/2020",
             "Mã định danh": 12345},
            {"Loại": "Hộ gia đình", "Họ và tên": "Hộ ông Lò Văn Páo", "Giới tính": "",
             "Năm sinh": "", "Danh hiệu/Hình thức": "Giấy khen của Chủ tịch UBND huyện",
             "Ngày quyết định": 43845},  # an Excel serial number: 15/01/2020
            {"Năm sinh": "02/09/1975", "Ngày quyết định": "ngày 15 tháng 01 năm 2020",
             "Giới tính": "nam", "Mã định danh": "CB-001"},
        ),
        today=TODAY,
    )  # fmt: skip
    assert result.errors == []
    first, second, third = result.rows
    assert (first.subject_kind, first.code, first.year) == ("collective", "TTLDTT", 2019)
    assert (first.decision_number, first.decision_key) == ("05/QĐ-SNV", "5/QD-SNV")
    assert first.decision_date == dt.date(2020, 1, 15)
    assert first.external_id == "12345"
    assert first.subject_key == ("id", "collective", "12345")
    assert (second.subject_kind, second.code) == ("household", "GK")
    assert second.decision_date == dt.date(2020, 1, 15)
    assert (third.sex, third.birth_year, third.birth_date) == ("M", 1975, dt.date(1975, 9, 2))
    assert third.decision_date == dt.date(2020, 1, 15)


def test_missing_required_cells() -> None:
    assert errors(awards({"Họ và tên": "", "Đơn vị": "  ", "Năm": "", "Loại": ""})) == [
        "row 2: Loại: thiếu giá trị (bắt buộc)",
        "row 2: Họ và tên: thiếu giá trị (bắt buộc)",
        "row 2: Đơn vị: thiếu giá trị (bắt buộc)",
        "row 2: Năm: thiếu giá trị (bắt buộc)",
    ]
    assert errors(awards({"Danh hiệu/Hình thức": "", "Số quyết định": "",
                          "Ngày quyết định": ""})) == [
        "row 2: Danh hiệu/Hình thức: thiếu giá trị (bắt buộc)",
        "row 2: Số quyết định: thiếu giá trị (bắt buộc)",
        "row 2: Ngày quyết định: thiếu giá trị (bắt buộc)",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Ngày quyết định": "31/02/2020"},
         'row 2: Ngày quyết định: ngày "31/02/2020" không tồn tại (dạng dd/mm/yyyy)'),
        ({"Ngày quyết định": "15/13/2020"},
         'row 2: Ngày quyết định: ngày "15/13/2020" không tồn tại (dạng dd/mm/yyyy)'),
        ({"Ngày quyết định": "15/01/20"},
         'row 2: Ngày quyết định: "15/01/20": năm phải đủ 4 chữ số (dạng dd/mm/yyyy)'),
        ({"Ngày quyết định": "tháng Giêng"},
         'row 2: Ngày quyết định: "tháng Giêng" không phải ngày (dạng dd/mm/yyyy)'),
        ({"Ngày quyết định": 2020},
         'row 2: Ngày quyết định: "2020" không phải ngày (dạng dd/mm/yyyy)'),
        ({"Ngày quyết định": dt.date(2025, 6, 2)},
         "row 2: Ngày quyết định: ngày 02/06/2025 ở tương lai"),
        ({"Năm": 1944}, "row 2: Năm: năm 1944 quá sớm: phải từ 1945 trở đi"),
        ({"Ngày quyết định": "31/12/1944"},
         "row 2: Ngày quyết định: ngày 31/12/1944 quá sớm (trước 1945)"),
        ({"Năm": "năm 2019"},
         'row 2: Năm: "năm 2019" không phải năm (số có 4 chữ số, ví dụ 2019)'),
        ({"Năm": 2019.5},
         'row 2: Năm: "2019.5" không phải năm (số có 4 chữ số, ví dụ 2019)'),
        ({"Năm": 2013},
         "row 2: Năm: năm 2013 không hợp lý với quyết định ngày 15/01/2020: phải từ 2014 đến "
         "2020 (quyết định khen thành tích của năm ký hoặc tối đa 6 năm trước đó)"),
        ({"Năm": 2021},
         "row 2: Năm: năm 2021 không hợp lý với quyết định ngày 15/01/2020: phải từ 2014 đến "
         "2020 (quyết định khen thành tích của năm ký hoặc tối đa 6 năm trước đó)"),
        ({"Năm sinh": "198O"},
         'row 2: Năm sinh: "198O" không phải năm sinh (ví dụ 1980) hoặc ngày sinh dd/mm/yyyy'),
        ({"Năm sinh": 1850}, "row 2: Năm sinh: năm sinh 1850 không hợp lý (phải từ 1900 trở đi)"),
        ({"Năm sinh": 2020}, "row 2: Năm sinh: năm sinh 2020 sau năm thành tích 2019"),
        ({"Giới tính": "Ông"}, 'row 2: Giới tính: "Ông" không hợp lệ; dùng "Nam" hoặc "Nữ"'),
        ({"Loại": "Đơn vị"},
         'row 2: Loại: "Đơn vị" không hợp lệ; dùng một trong: Cá nhân, Tập thể, Hộ gia đình'),
        ({"Danh hiệu/Hình thức": "Bằng khen"},
         'row 2: Danh hiệu/Hình thức: "Bằng khen" is ambiguous (BK_BO, BK_TINH, BK_TTG)'),
        ({"Danh hiệu/Hình thức": "Bằng khn"},
         'row 2: Danh hiệu/Hình thức: "Bằng khn" không có trong danh mục danh hiệu, hình thức '
         "khen thưởng (gần giống: BK_BO)"),
        ({"Loại": "Tập thể", "Giới tính": ""},
         'row 2: Danh hiệu/Hình thức: "Lao động tiên tiến" (LDTT) không dùng cho đối tượng '
         "“Tập thể” (chỉ dành cho cá nhân)"),
        ({"Danh hiệu/Hình thức": "TTLĐXS"},
         'row 2: Danh hiệu/Hình thức: "TTLĐXS" (TTLDXS) không dùng cho đối tượng “Cá nhân” '
         "(chỉ dành cho tập thể)"),
        ({"Số quyết định": "QĐ-SLĐTBXH"},
         'row 2: Số quyết định: "QĐ-SLĐTBXH" không có số thứ tự (ví dụ 125/QĐ-SNV)'),
        ({"Số quyết định": "1/" + "X" * 60},
         "row 2: Số quyết định: dài 62 ký tự, tối đa 60"),
        ({"Họ và tên": "Nguyễn " * 20}, "row 2: Họ và tên: dài 139 ký tự, tối đa 120"),
        ({"Mã định danh": "X" * 41}, "row 2: Mã định danh: dài 41 ký tự, tối đa 40"),
    ],
)  # fmt: skip
def test_one_error_per_bad_cell(change: dict[str, CellValue], message: str) -> None:
    assert errors(awards(change)) == [message]


def test_a_collective_name_may_be_longer() -> None:
    name = "Phòng " + "Lao động " * 20
    assert errors(awards({"Loại": "Tập thể", "Họ và tên": name, "Giới tính": "",
                          "Danh hiệu/Hình thức": "Giấy khen"})) == []  # fmt: skip


def test_sex_of_a_collective_is_ignored_with_a_warning() -> None:
    result = validate_awards(
        awards({"Loại": "Tập thể", "Danh hiệu/Hình thức": "Giấy khen"}), today=TODAY
    )
    assert result.ok
    assert result.rows[0].sex == ""
    assert [str(w) for w in result.warnings] == [
        "row 2: Giới tính: chỉ ghi cho cá nhân, đã bỏ qua",
    ]


def test_duplicate_rows_name_both_rows() -> None:
    result = validate_awards(
        awards(
            {},
            {"Họ và tên": "Trần Văn Bình"},
            # the same award again: other spelling, NFD, decision number with spaces
            {"Họ và tên": "NGUYỄN THỊ HƯƠNG", "Danh hiệu/Hình thức": "LĐTT",
             "Số quyết định": "125 / QĐ-SLĐTBXH"},
            # same person, another year: not a duplicate
            {"Năm": 2018},
        ),
        today=TODAY,
    )  # fmt: skip
    assert [str(p) for p in result.errors] == [
        "row 4: Họ và tên: trùng với dòng 2 (cùng đối tượng, danh hiệu/hình thức, năm và số "
        "quyết định)",
    ]
    assert [r.row for r in result.rows] == [2, 3, 5]


def test_duplicates_without_birth_year_suggest_adding_it() -> None:
    assert errors(awards({"Năm sinh": ""}, {"Năm sinh": ""}))[0].endswith(
        "; nếu là hai người, hãy ghi Năm sinh"
    )
    # two people of the same name are told apart by birth year, or by external id
    assert errors(awards({"Năm sinh": 1980}, {"Năm sinh": 1985})) == []
    assert errors(awards({"Mã định danh": "A1"}, {"Mã định danh": "A2"})) == []


def test_one_decision_number_with_two_dates_is_a_warning() -> None:
    result = validate_awards(
        awards({}, {"Họ và tên": "Trần Văn Bình", "Ngày quyết định": "16/01/2020"}), today=TODAY
    )
    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "row 3: Ngày quyết định: quyết định 125/QĐ-SLĐTBXH đã ghi ngày 15/01/2020 ở dòng 2; "
        "hai ngày khác nhau sẽ là hai quyết định",
    ]


def test_header_problems_stop_validation() -> None:
    table = Table([SheetRow(1, ("Họ và tên", "Năm")), SheetRow(2, ("A", 2019))], "test")
    result = validate_awards(table, today=TODAY)
    assert result.rows == []
    assert [str(p) for p in result.errors][:2] == [
        "row 1: Loại: thiếu cột bắt buộc",
        "row 1: Đơn vị: thiếu cột bắt buộc",
    ]


def test_no_data_rows() -> None:
    result = validate_awards(Table([SheetRow(1, HEADERS)], "test"), today=TODAY)
    assert [str(p) for p in result.errors] == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]
    result = validate_initiatives(Table([], "test"), today=TODAY)
    assert [str(p) for p in result.errors] == ["Tệp không có dữ liệu."]


def test_reader_and_header_warnings_are_passed_on() -> None:
    table = awards({})
    table.rows[0] = SheetRow(1, (*HEADERS, "Xếp loại"))
    table.warnings.append(Problem(None, None, "Tệp có 2 trang tính"))
    result = validate_awards(table, today=TODAY)
    assert [str(w) for w in result.warnings] == [
        "Tệp có 2 trang tính",
        "row 1: Xếp loại: cột O không có trong mẫu nhập, bị bỏ qua",
    ]


def test_parse_date() -> None:
    assert parse_date("05/02/2025") == dt.date(2025, 2, 5)
    assert parse_date("5-2-2025") == dt.date(2025, 2, 5)
    assert parse_date("05.02.2025") == dt.date(2025, 2, 5)
    assert parse_date("2025-02-05") == dt.date(2025, 2, 5)
    assert parse_date("05/02/2025 00:00") == dt.date(2025, 2, 5)
    assert parse_date(dt.datetime(2025, 2, 5, 9, 0)) == dt.date(2025, 2, 5)
    assert parse_date(45693) == dt.date(2025, 2, 5)
    assert parse_date("Ngày 05 tháng 02 năm 2025") == dt.date(2025, 2, 5)
    with pytest.raises(ValueError, match="không tồn tại"):
        parse_date("29/02/2023")
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)


# --- Initiatives -------------------------------------------------------------------------------
INITIATIVE_HEADERS = tuple(c.label for c in INITIATIVE_TEMPLATE.columns if c.required)


def initiatives(*rows: tuple[CellValue, ...]) -> Table:
    return Table(
        [SheetRow(1, INITIATIVE_HEADERS), *(SheetRow(i, r) for i, r in enumerate(rows, 2))], "t"
    )


def test_initiatives() -> None:
    # Through the reader, which normalises text ("hoá" → "hóa", spaces) before validation.
    csv = (
        "Tên sáng kiến;Tác giả;Đơn vị;Năm;Cấp công nhận;Số quyết định;Ngày quyết định\n"
        'Số hoá  hồ sơ khen thưởng;"Nguyễn Văn An; Trần Thị Bình,  Lê Văn Cường ";'
        "Văn phòng Sở;2019;Cơ sở;12/QĐ-SNV;20/12/2019\n"
        "Phần mềm chấm điểm thi đua;Phạm Văn Dũng;Văn phòng Sở;2020;Cấp tỉnh;7/QĐ-UBND;"
        "01/03/2021\n"
    )
    result = validate_initiatives(read_table(csv.encode(), "sang-kien.csv"), today=TODAY)
    assert result.errors == []
    assert result.rows[0] == InitiativeRow(
        row=2,
        title="Số hóa hồ sơ khen thưởng",
        title_key="so hoa ho so khen thuong",
        authors=("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"),
        author_keys=("nguyen van an", "tran thi binh", "le van cuong"),
        unit="Văn phòng Sở",
        unit_key="van phong so",
        year=2019,
        level="CO_SO",
        decision_number="12/QĐ-SNV",
        decision_key="12/QD-SNV",
        decision_date=dt.date(2019, 12, 20),
        note="",
    )
    assert (result.rows[1].level, result.rows[1].year) == ("BO_TINH", 2020)


def test_initiative_errors() -> None:
    result = validate_initiatives(
        initiatives(
            ("Sáng kiến A", " ; ", "VP", 2019, "Cấp huyện", "12/QĐ-SNV", "20/12/2019"),
            ("Sáng kiến B", "An", "VP", 2010, "Cơ sở", "12/QĐ-SNV", "20/12/2019"),
            ("Sáng kiến C", "An", "VP", 2019, "Cơ sở", "12/QĐ-SNV", "20/12/2019"),
            ("Sáng kiến C", "Bình", "VP", 2019, "Cơ sở", "12/QĐ-SNV", "20/12/2019"),
        ),
        today=TODAY,
    )
    assert [str(p) for p in result.errors] == [
        "row 2: Tác giả: thiếu tên tác giả (bắt buộc)",
        'row 2: Cấp công nhận: "Cấp huyện" không hợp lệ; dùng một trong: Cơ sở, Cấp tỉnh, '
        "Cấp bộ, Toàn quốc (hoặc CO_SO, BO_TINH, TOAN_QUOC)",
        "row 3: Năm: năm 2010 không hợp lý với quyết định ngày 20/12/2019: phải từ 2013 đến "
        "2019 (quyết định khen thành tích của năm ký hoặc tối đa 6 năm trước đó)",
        "row 5: Tên sáng kiến: trùng với dòng 4 (cùng sáng kiến, đơn vị, năm và số quyết định)",
    ]
    assert [r.row for r in result.rows] == [4]


# --- Garbage -----------------------------------------------------------------------------------
cell_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["Cá nhân", "Tập thể", "Bằng khen", "LĐTT", "31/02/2020", "15/01/2020",
                     "2019", "Nữ", "", "125/QĐ-SNV", "Cấp tỉnh"]),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell_values, max_size=16), min_size=1, max_size=8), st.booleans())
def test_random_cells_never_crash(rows: list[list[CellValue]], initiatives_file: bool) -> None:
    header = INITIATIVE_HEADERS if initiatives_file else HEADERS
    table = Table(
        [SheetRow(1, header), *(SheetRow(i, tuple(r)) for i, r in enumerate(rows, 2))], "t"
    )
    if initiatives_file:
        result: object = validate_initiatives(table, today=TODAY)
    else:
        result = validate_awards(table, today=TODAY)
    valid = {r.row for r in result.rows}  # type: ignore[attr-defined]
    bad = {p.row for p in result.errors}  # type: ignore[attr-defined]
    assert not valid & bad
    assert valid | bad <= set(range(2, len(rows) + 2))
    for problem in result.errors:  # type: ignore[attr-defined]
        assert str(problem).startswith(f"row {problem.row}: ")
