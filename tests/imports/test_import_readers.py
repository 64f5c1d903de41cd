"""Reading CSV and XLSX files: encodings, types, row numbers, and refusals."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.common.text import fold, nfc
from tdkt.imports.errors import (
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    FileTypeMismatchError,
    ImportFileError,
    UnknownEncodingError,
    UnsupportedFileTypeError,
)
from tdkt.imports.legacy import encode_cp1258, encode_tcvn3, encode_vni
from tdkt.imports.readers import Table, _nfc, column_letter, read_table
from tdkt.imports.validate import _fold


def xlsx(*sheets: list[list[object]], start: str = "A1") -> bytes:
    """An XLSX file with one sheet per argument; the first sheet's rows begin at *start*."""
    workbook = openpyxl.Workbook()
    for index, rows in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet(f"Trang {index + 1}")
        assert sheet is not None
        origin = sheet[start] if index == 0 else sheet["A1"]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.cell(row=origin.row + r, column=origin.column + c, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def cells(table: Table) -> list[tuple[int, tuple[object, ...]]]:
    return [(row.number, row.cells) for row in table.rows]


# --- XLSX ----------------------------------------------------------------------------------
def test_xlsx_cells_are_typed_and_numbered(tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(
        xlsx(
            [
                ["Họ và tên", "Năm", "Ngày quyết định", "Hệ số", "Lúc"],
                [
                    "  Nguyễn   Thị Hương ",
                    2019,
                    dt.date(2020, 1, 15),
                    1.5,
                    dt.datetime(2020, 1, 15, 8, 30),
                ],
                [None, None, None, None, None],
                [unicodedata_nfd("Trần Văn Bình"), 2020.0, dt.datetime(2021, 1, 2), None, None],
            ]
        )
    )
    table = read_table(path)
    assert table.source == "xlsx"
    assert cells(table) == [
        (1, ("Họ và tên", "Năm", "Ngày quyết định", "Hệ số", "Lúc")),
        (2, ("Nguyễn Thị Hương", 2019, dt.date(2020, 1, 15), 1.5, dt.datetime(2020, 1, 15, 8, 30))),
        (4, ("Trần Văn Bình", 2020, dt.date(2021, 1, 2))),
    ]
    assert table.warnings == []
    assert table.header.cells[0] == "Họ và tên"
    assert [r.number for r in table.data] == [2, 4]


def unicodedata_nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text)


def test_xlsx_rows_keep_sheet_numbers_and_columns() -> None:
    table = read_table(xlsx([["Họ và tên", "Năm"], ["A", 2019]], start="C4"), "a.xlsx")
    assert cells(table) == [(4, ("Họ và tên", "Năm")), (5, ("A", 2019))]
    assert table.letter(0) == "C"
    assert table.letter(1) == "D"


def test_only_the_first_sheet_is_read() -> None:
    data = xlsx([["Họ và tên"], ["A"]], [["Khác"], ["B"]], [["Nữa"]])
    table = read_table(data, "a.xlsx")
    assert cells(table) == [(1, ("Họ và tên",)), (2, ("A",))]
    assert [str(w) for w in table.warnings] == [
        "Tệp có 3 trang tính; chỉ đọc trang đầu tiên “Sheet”, bỏ qua 2 trang: “Trang 2”, “Trang 3”."
    ]


def test_legacy_cells_in_xlsx_are_converted_per_column() -> None:
    data = xlsx(
        [
            ["Họ và tên", "Đơn vị", "Danh hiệu/Hình thức"],
            [
                encode_tcvn3("Nguyễn Thị Hương"),
                encode_tcvn3("Sở Nội vụ"),
                encode_vni("Lao động tiên tiến"),
            ],
            ["Trần Văn Bình", encode_tcvn3("Sở Lao động – Thương binh và Xã hội"), "LĐTT"],
            # "Bé" is good Vietnamese, and TCVN3 for "Bộ": column B is all TCVN3 (under its
            # Unicode header), so it is read as TCVN3; in column A, where a genuine Unicode
            # name stands, it is left alone.
            ["Bé", encode_tcvn3("Bộ"), encode_vni("Chiến sĩ thi đua cơ sở")],
            [encode_tcvn3("Lê Thị Hà"), encode_tcvn3("Phòng Lao động"), "Giấy khen"],
        ]
    )
    table = read_table(data, "a.xlsx")
    assert [row.cells for row in table.data] == [
        ("Nguyễn Thị Hương", "Sở Nội vụ", "Lao động tiên tiến"),
        ("Trần Văn Bình", "Sở Lao động – Thương binh và Xã hội", "LĐTT"),
        ("Bé", "Bộ", "Chiến sĩ thi đua cơ sở"),
        ("Lê Thị Hà", "Phòng Lao động", "Giấy khen"),
    ]
    assert [str(w) for w in table.warnings] == [
        "Cột A “Họ và tên”: 2 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode",
        "Cột B “Đơn vị”: 4 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode",
        "Cột C “Danh hiệu/Hình thức”: 2 ô viết bằng bảng mã VNI-Windows đã được chuyển sang "
        "Unicode",
    ]


def test_a_legacy_header_row_is_converted_too() -> None:
    table = read_table(xlsx([[encode_tcvn3("Họ và tên"), encode_tcvn3("Năm")], ["A", 2019]]),
                       "a.xlsx")  # fmt: skip
    assert table.header.cells == ("Họ và tên", "Năm")


def test_formula_neutralising_apostrophe_is_removed() -> None:
    table = read_table(xlsx([["Ghi chú"], ["'=SUM(A1:A3)"], ["'- gạch đầu dòng"], ["'abc"]]),
                       "a.xlsx")  # fmt: skip
    assert [row.cells[0] for row in table.data] == ["=SUM(A1:A3)", "- gạch đầu dòng", "'abc"]


def test_invisible_characters_are_dropped() -> None:
    table = read_table("Tên\n\u200bNguyễn\u00adAn\ufeff\x07\n".encode(), "a.csv")
    assert table.data[0].cells == ("NguyễnAn",)


# --- CSV -----------------------------------------------------------------------------------
CSV_TEXT = "Họ và tên,Đơn vị,Năm\nNguyễn Thị Hương,Sở Lao động – Thương binh và Xã hội,2019\n"
EXPECTED = [
    (1, ("Họ và tên", "Đơn vị", "Năm")),
    (2, ("Nguyễn Thị Hương", "Sở Lao động – Thương binh và Xã hội", "2019")),
]


@pytest.mark.parametrize(
    ("data", "source"),
    [
        (CSV_TEXT.encode("utf-8"), "utf-8"),
        (CSV_TEXT.encode("utf-8-sig"), "utf-8"),
        (CSV_TEXT.encode("utf-16"), "utf-16"),
        (CSV_TEXT.encode("utf-16-le"), "utf-16"),
        (CSV_TEXT.encode("utf-16-be"), "utf-16"),
        (encode_cp1258(CSV_TEXT), "cp1258"),
        (encode_tcvn3(CSV_TEXT).encode("cp1252"), "tcvn3"),
        (encode_vni(CSV_TEXT).encode("cp1252"), "vni"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-nobom", "utf16be-nobom", "cp1258", "tcvn3", "vni"],
)
def test_csv_encodings(data: bytes, source: str) -> None:
    table = read_table(data, "danh-sach.csv")
    assert table.source == source
    assert cells(table) == EXPECTED


def test_legacy_csv_says_so() -> None:
    table = read_table(encode_tcvn3(CSV_TEXT).encode("cp1252"), "a.csv")
    assert [str(w) for w in table.warnings] == [
        "Tệp CSV dùng bảng mã TCVN3 (ABC); đã chuyển sang Unicode.",
        "Cột A “Họ và tên”: 2 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode",
        "Cột B “Đơn vị”: 2 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode",
        "Cột C “Năm”: 1 ô viết bằng bảng mã TCVN3 (ABC) đã được chuyển sang Unicode",
    ]


def test_big_legacy_csv_is_detected_from_its_start() -> None:
    line = "Nguyễn Thị Hương,Sở Lao động – Thương binh và Xã hội,2019\n"
    text = "Họ và tên,Đơn vị,Năm\n" + line * 6000 + "Trần Văn Bình,Sở Nội vụ,2020\n"
    data = encode_tcvn3(text).encode("cp1252")
    assert len(data) > 300_000
    table = read_table(data, "a.csv")
    assert table.source == "tcvn3"
    assert table.rows[-1].cells == ("Trần Văn Bình", "Sở Nội vụ", "2020")
    # Windows-1258 decided from the start, but a byte it cannot hold further on: refused.
    bad = encode_cp1258("Họ và tên\n" + "Nguyễn Thị Hương\n" * 20000) + b"\x81\n"
    with pytest.raises(UnknownEncodingError):
        read_table(bad, "a.csv")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(delimiter: str) -> None:
    text = CSV_TEXT.replace(",", delimiter)
    assert cells(read_table(text.encode(), "a.csv")) == EXPECTED


def test_csv_quotes_blank_lines_and_record_numbers() -> None:
    text = 'Tên;Ghi chú\n"Nguyễn; An";"hai\ndòng"\n\n;\nBình;"nói ""có"""\n'
    assert cells(read_table(text.encode(), "a.csv")) == [
        (1, ("Tên", "Ghi chú")),
        (2, ("Nguyễn; An", "hai dòng")),
        (5, ("Bình", 'nói "có"')),
    ]


# --- Refusals ------------------------------------------------------------------------------
def test_empty_files() -> None:
    with pytest.raises(EmptyFileError, match="Tệp trống"):
        read_table(b"", "a.csv")
    with pytest.raises(EmptyFileError, match="không có dòng dữ liệu"):
        read_table(b"\n ,, \n\n", "a.csv")
    with pytest.raises(EmptyFileError, match="không có dòng dữ liệu"):
        read_table(xlsx([]), "a.xlsx")


def test_size_limit(tmp_path: Path) -> None:
    data = ("Tên\n" + "Nguyễn Văn An\n" * 100).encode()
    with pytest.raises(FileTooLargeError) as caught:
        read_table(data, "a.csv", max_bytes=1024 * 1024 // 1000)
    assert caught.value.message == "Tệp quá lớn (0,0 MB); giới hạn là 0,0 MB."
    path = tmp_path / "lon.csv"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    with pytest.raises(FileTooLargeError, match=r"Tệp quá lớn \(3,0 MB\); giới hạn là 2,0 MB"):
        read_table(path, max_bytes=2 * 1024 * 1024)
    with pytest.raises(FileTooLargeError, match=r"hơn 2,0 MB"):
        read_table(io.BytesIO(path.read_bytes()), "lon.csv", max_bytes=2 * 1024 * 1024)
    assert read_table(data, "a.csv", max_bytes=len(data)).rows[1].cells == ("Nguyễn Văn An",)


def test_default_limit_is_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(FileTooLargeError, match="giới hạn là 50,0 MB"):
        read_table(path)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (b"%PDF-1.7\n...", "a.xlsx", "tệp PDF"),
        (_zip({"word/document.xml": b"<w/>"}), "a.xlsx", "tài liệu Word (DOCX)"),
        (_zip({"notes.txt": b"hello"}), "a.xlsx", "tệp nén ZIP"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "tệp ZIP bị hỏng"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "a.xlsx", "đặt mật khẩu"),
        (CSV_TEXT.encode(), "a.xlsx", "văn bản"),
        (xlsx([["Tên"], ["An"]]), "a.csv", "bảng tính XLSX"),
        (b"%PDF-1.4\n%\xe2\xe3", "a.csv", "tệp PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "a.csv", "ảnh PNG"),
        (bytes(range(256)) * 4, "a.csv", "dữ liệu nhị phân"),
        (b"A,B\n\x01\x02\x03\x04\x05\x06\x07\x08" * 10, "a.csv", "dữ liệu nhị phân"),
        (b"PK\x03\x04", "a.xls", "tệp ZIP bị hỏng"),
    ],
)
def test_content_must_match_the_extension(data: bytes, name: str, said: str) -> None:
    with pytest.raises(FileTypeMismatchError) as caught:
        read_table(data, name)
    assert said in caught.value.message
    assert name in caught.value.message


def test_unknown_extension() -> None:
    with pytest.raises(UnsupportedFileTypeError) as caught:
        read_table(b"abc", "bao-cao.docx")
    assert (
        caught.value.message
        == "Chỉ nhận tệp .xlsx, .xls hoặc .csv; tệp “bao-cao.docx” có đuôi .docx."
    )


@pytest.mark.parametrize(
    "data",
    [
        "Фамилия,Имя\nИванов,Иван\nПетров,Пётр\n".encode("cp1251"),
        "氏名,所属\n山田太郎,総務課\n鈴木花子,人事課\n".encode("shift_jis"),
        b"\xef\xbb\xbfA,B\n\xff\xfe\xfa\n",  # a UTF-8 BOM, then bytes UTF-8 cannot hold
    ],
    ids=["cp1251", "shift-jis", "broken-utf8"],
)
def test_unknown_encoding(data: bytes) -> None:
    with pytest.raises(UnknownEncodingError) as caught:
        read_table(data, "a.csv")
    assert "Không nhận ra bảng mã của tệp “a.csv”" in caught.value.message
    assert "CSV UTF-8" in caught.value.message


def test_corrupt_xlsx() -> None:
    data = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"not xml at all <<<"})
    with pytest.raises(CorruptFileError, match=r"Không đọc được tệp “a\.xlsx”"):
        read_table(data, "a.xlsx")


def test_zip_bomb_is_refused() -> None:
    data = _zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": bytes(2_000_000)})
    assert len(data) < 10_000
    with pytest.raises(FileTooLargeError, match="giải nén ra 1,9 MB"):
        read_table(data, "a.xlsx", max_bytes=10_000)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


# --- Garbage ---------------------------------------------------------------------------------
GARBAGE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID_XLSX = xlsx([["Họ và tên", "Năm"], ["Nguyễn Thị Hương", 2019], ["Trần Văn Bình", 2020]])


def _read_or_refuse(data: bytes, name: str) -> None:
    try:
        table = read_table(data, name, max_bytes=1_000_000)
    except ImportFileError as exc:
        assert exc.message
        return
    assert table.rows
    for row in table.rows:
        assert row.number >= 1
        assert all(not isinstance(c, str) or c == c.strip() for c in row.cells)


@GARBAGE
@given(st.binary(max_size=3000), st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a.tsv"]))
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    _read_or_refuse(data, name)


@GARBAGE
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_random_text_never_crashes(text: str, codec: str) -> None:
    _read_or_refuse(text.encode(codec, errors="replace"), "a.csv")


@GARBAGE
@given(st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), max_size=8))
def test_damaged_xlsx_never_crashes(changes: list[tuple[int, int]]) -> None:
    data = bytearray(VALID_XLSX)
    for position, value in changes:
        data[position] = value
    _read_or_refuse(bytes(data), "a.xlsx")


# --- Fast paths keep the shared helpers' results -----------------------------------------------
vietnamese_text = st.lists(
    st.sampled_from(
        [
            *"aăâeêioôơuưy AĂÂEÊIOÔƠƯY đĐqQgGàÀýỷỸ\t\n\u00a0-ΩΣ",
            *("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "hoà", "thuỷ", "Quý", "ồ"),
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=500)
@given(st.one_of(st.text(max_size=40), vietnamese_text))
def test_fast_nfc_is_nfc(text: str) -> None:
    assert _nfc(text) == nfc(text)


@settings(max_examples=500)
@given(st.one_of(st.text(max_size=40), vietnamese_text))
def test_fast_fold_is_fold(text: str) -> None:
    assert _fold(text) == fold(text)
