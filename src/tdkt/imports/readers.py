"""Read CSV and Excel files into rows of clean cells.

:func:`read_table` takes a path, bytes or a binary file object and returns a :class:`Table`:
every non-empty row with its spreadsheet row number (the first row of the sheet is row 1),
string cells in NFC with legacy encodings (TCVN3, VNI) converted column by column, numbers as
int/float and Excel dates as :class:`datetime.date`. Files that cannot be read raise an
:class:`~tdkt.imports.errors.ImportFileError` subclass with a Vietnamese message.

CSV: UTF-8 (with or without BOM), UTF-16, Windows-1258, or TCVN3/VNI bytes; the delimiter is
``,``, ``;`` or tab, whichever the header line uses most. Excel: ``.xlsx``/``.xlsm`` (and the
old ``.xls``) through python-calamine, first sheet only.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import math
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import python_calamine

from tdkt.common.text import nfc
from tdkt.imports import legacy
from tdkt.imports.errors import (
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    FileTypeMismatchError,
    Problem,
    UnknownEncodingError,
    UnsupportedFileTypeError,
)
from tdkt.imports.legacy import Encoding

__all__ = [
    "CSV_EXTENSIONS",
    "EXCEL_EXTENSIONS",
    "MAX_BYTES",
    "CellValue",
    "SheetRow",
    "Table",
    "column_letter",
    "paused_gc",
    "read_table",
]

MAX_BYTES = 50 * 1024 * 1024
#: How much an Excel file may unpack to, as a multiple of ``max_bytes`` (zip bombs).
UNPACK_FACTOR = 40
CSV_EXTENSIONS = frozenset({".csv", ".tsv", ".txt"})
EXCEL_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls"})

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One non-empty row: its spreadsheet row number and cells (trailing blanks dropped)."""

    number: int
    cells: tuple[CellValue, ...]

    def get(self, index: int) -> CellValue:
        """The cell at a 0-based column index, "" beyond the last one."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""


@dataclass
class Table:
    """The non-empty rows of a file; ``rows[0]`` is where the header is expected."""

    rows: list[SheetRow]
    source: str  # "xlsx", "xls", or the CSV encoding: "utf-8", "utf-16", "cp1258", "tcvn3" ...
    warnings: list[Problem] = field(default_factory=list)
    first_column: int = 0  # 0-based sheet column of cells[0] (for column letters)

    @property
    def header(self) -> SheetRow:
        return self.rows[0]

    @property
    def data(self) -> list[SheetRow]:
        return self.rows[1:]

    def letter(self, index: int) -> str:
        """Column letter of a 0-based cell index, as the spreadsheet shows it."""
        return column_letter(self.first_column + index)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk job.

    Reading a big sheet creates millions of small objects and no cycles; the collector would
    rescan them over and over (a third of the run time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- Entry point -----------------------------------------------------------------------------
@paused_gc()
def read_table(
    source: bytes | str | os.PathLike[str] | BinaryIO,
    filename: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
) -> Table:
    """Read a CSV or Excel file (see the module docstring).

    ``filename`` gives the extension when ``source`` is bytes or a file object; a path
    supplies its own. Files over ``max_bytes`` are refused before being read whole.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        filename = filename or path.name
        _check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        data = source.read(max_bytes + 1)
        _check_size(len(data), max_bytes, exact=False)
    _check_size(len(data), max_bytes)
    if not data:
        raise EmptyFileError("Tệp trống (0 byte).")
    name = filename or ""
    extension = Path(name).suffix.lower()
    if extension in CSV_EXTENSIONS:
        table = _read_csv(data, name)
    elif extension in EXCEL_EXTENSIONS:
        table = _read_excel(data, name, extension, max_bytes * UNPACK_FACTOR)
    else:
        shown = extension or "(không có đuôi)"
        raise UnsupportedFileTypeError(
            f"Chỉ nhận tệp .xlsx, .xls hoặc .csv; tệp “{name}” có đuôi {shown}.",
        )
    if not table.rows:
        raise EmptyFileError(f"Tệp “{name}” không có dòng dữ liệu nào.")
    return table


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _check_size(size: int, max_bytes: int, *, exact: bool = True) -> None:
    if size > max_bytes:
        shown = _mb(size) if exact else "hơn " + _mb(max_bytes)
        raise FileTooLargeError(
            f"Tệp quá lớn ({shown} MB); giới hạn là {_mb(max_bytes)} MB.",
        )


# --- What a file really is -------------------------------------------------------------------
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = (
    (b"%PDF", "tệp PDF"),
    (_OLE2, "tài liệu Office cũ (.xls/.doc) hoặc tệp Excel đặt mật khẩu"),
    (b"\x89PNG", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF8", "ảnh GIF"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"MZ", "chương trình Windows"),
    (b"\x7fELF", "chương trình"),
    (b"{\\rtf", "văn bản RTF"),
)


def _zip_contents(data: bytes) -> tuple[set[str], int] | None:
    """Member names and unpacked size of a ZIP archive, or None if it cannot be opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception:  # zipfile raises many types on damaged archives
        return None
    return {info.filename for info in infos}, sum(info.file_size for info in infos)


def _describe_zip(data: bytes) -> str:
    """What an Office Open XML / ZIP container holds, in words ("bảng tính XLSX" ...)."""
    contents = _zip_contents(data)
    if contents is None:
        return "tệp ZIP bị hỏng"
    names = contents[0]
    if "xl/workbook.xml" in names:
        return "bảng tính XLSX"
    if "xl/workbook.bin" in names:
        return "bảng tính XLSB"
    if "word/document.xml" in names:
        return "tài liệu Word (DOCX)"
    if any(n.startswith("ppt/") for n in names):
        return "bài trình chiếu PowerPoint"
    if "content.xml" in names:
        return "tài liệu OpenDocument"
    return "tệp nén ZIP"


def _sniff(data: bytes) -> str | None:
    """A description of binary content, or None if it may be text."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _describe_zip(data)
    for magic, description in _MAGIC:
        if data.startswith(magic):
            return description
    return None


# --- CSV -------------------------------------------------------------------------------------
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SAMPLE = 256 * 1024  # bytes looked at to tell Windows-1258, TCVN3 and VNI apart


def _decode_csv(data: bytes, name: str) -> tuple[str, str]:
    """Return the text of CSV bytes and the name of their encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            raise UnknownEncodingError(
                _bad_encoding(name, "có BOM UTF-8 nhưng chứa byte sai")
            ) from None
    utf16 = _utf16_codec(data)
    if utf16:
        try:
            return data.decode(utf16).lstrip("\ufeff"), "utf-16"
        except UnicodeDecodeError:
            raise UnknownEncodingError(
                _bad_encoding(name, "dạng UTF-16 nhưng chứa byte sai")
            ) from None
    described = _sniff(data)
    if described:
        raise FileTypeMismatchError(
            f"Tệp “{name}” có đuôi CSV nhưng nội dung là {described}.",
        )
    controls = len(_CONTROL.findall(data[:65536]))
    if controls > max(2, len(data[:65536]) // 200):
        raise FileTypeMismatchError(
            f"Tệp “{name}” có đuôi CSV nhưng chứa dữ liệu nhị phân, không phải văn bản.",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n")]
    detected = legacy.detect_bytes(sample)
    if detected is None:
        raise UnknownEncodingError(_bad_encoding(name, None))
    if detected.encoding is not Encoding.CP1258:
        return legacy.bytes_to_surface(data), detected.encoding.value
    try:
        return data.decode("cp1258"), detected.encoding.value
    except UnicodeDecodeError:
        raise UnknownEncodingError(_bad_encoding(name, None)) from None


def _utf16_codec(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _bad_encoding(name: str, detail: str | None) -> str:
    seen = f" ({detail})" if detail else ""
    return (
        f"Không nhận ra bảng mã của tệp “{name}”{seen}. Hãy mở tệp trong Excel và lưu lại "
        "dạng “CSV UTF-8”, hoặc gửi tệp .xlsx."
    )


def _delimiter(text: str) -> str:
    """The delimiter the header line uses most, outside quotes (default ",")."""
    for line in io.StringIO(text):
        if not line.strip():
            continue
        outside = re.sub(r'"[^"]*"', "", line)
        counts = {d: outside.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","
    return ","


def _read_csv(data: bytes, name: str) -> Table:
    text, encoding = _decode_csv(data, name)
    if "\x00" in text:
        raise FileTypeMismatchError(
            f"Tệp “{name}” có đuôi CSV nhưng chứa dữ liệu nhị phân, không phải văn bản.",
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[CellValue]] = []
    numbers: list[int] = []
    try:
        for number, record in enumerate(reader, start=1):
            if any(cell.strip() for cell in record):
                rows.append(list(record))
                numbers.append(number)
    except csv.Error as exc:
        raise CorruptFileError(
            f"Tệp “{name}” không đúng định dạng CSV ở dòng {reader.line_num}: {exc}.",
        ) from None
    forced = Encoding(encoding) if encoding in (Encoding.TCVN3, Encoding.VNI) else None
    table = Table([], encoding)
    if forced:
        table.warnings.append(
            Problem(None, None, f"Tệp CSV dùng bảng mã {forced.label}; đã chuyển sang Unicode."),
        )
    _finish(table, rows, numbers, forced)
    return table


# --- Excel -----------------------------------------------------------------------------------
def _read_excel(data: bytes, name: str, extension: str, max_unpacked: int) -> Table:
    if extension == ".xls":
        if not data.startswith(_OLE2):
            raise FileTypeMismatchError(
                f"Tệp “{name}” có đuôi .xls nhưng nội dung là "
                f"{_sniff(data) or 'văn bản hoặc dữ liệu không phải bảng tính'}.",
            )
    else:
        described = _sniff(data)
        if described != "bảng tính XLSX":
            raise FileTypeMismatchError(
                f"Tệp “{name}” có đuôi {extension} nhưng nội dung là "
                f"{described or 'văn bản hoặc dữ liệu không phải bảng tính'}.",
            )
        unpacked = (_zip_contents(data) or (set(), 0))[1]
        if unpacked > max_unpacked:
            raise FileTooLargeError(
                f"Tệp “{name}” giải nén ra {_mb(unpacked)} MB, "
                f"vượt giới hạn {_mb(max_unpacked)} MB.",
            )
    try:
        return _read_workbook(data, name, extension)
    except python_calamine.PasswordError:
        raise CorruptFileError(
            f"Tệp “{name}” được đặt mật khẩu; hãy bỏ mật khẩu rồi gửi lại.",
        ) from None
    except Exception as exc:  # calamine raises several types for damaged files
        raise CorruptFileError(f"Không đọc được tệp “{name}”: tệp bị hỏng ({exc}).") from None
    except BaseException as exc:  # a Rust panic inside calamine is a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise CorruptFileError(f"Không đọc được tệp “{name}”: tệp bị hỏng.") from None


def _read_workbook(data: bytes, name: str, extension: str) -> Table:
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheet_names = workbook.sheet_names
    if not sheet_names:
        raise EmptyFileError(f"Tệp “{name}” không có trang tính nào.")
    sheet = workbook.get_sheet_by_index(0)
    table = Table([], extension.lstrip("."), first_column=(sheet.start or (0, 0))[1])
    if len(sheet_names) > 1:
        others = ", ".join(f"“{n}”" for n in sheet_names[1:6])
        more = "…" if len(sheet_names) > 6 else ""
        table.warnings.append(
            Problem(
                None,
                None,
                f"Tệp có {len(sheet_names)} trang tính; chỉ đọc trang đầu tiên “{sheet_names[0]}”, "
                f"bỏ qua {len(sheet_names) - 1} trang: {others}{more}.",
            ),
        )
    rows: list[list[CellValue]] = []
    numbers: list[int] = []
    for index, raw in enumerate(sheet.iter_rows()):
        cells = [v if type(v) is str else _typed(v) for v in raw]
        rows.append(cells)
        numbers.append(index + 1)
    _finish(table, rows, numbers, None)
    return table


def _typed(value: object) -> CellValue:
    """Excel value → cell: integral floats become int, midnight datetimes become dates."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str | int | bool | dt.date | dt.time | dt.timedelta):
        return value
    return "" if value is None else str(value)


# --- Cleaning (shared) -----------------------------------------------------------------------
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
# The apostrophe tdkt.imports.export.neutralise puts before text a spreadsheet would run as a
# formula; reading removes it so that export → import round-trips.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _unneutralise(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2].startswith(_FORMULA_START) else text


_Cleaned = tuple[str, Encoding | None, bool]
# NFC text needs nfc()'s work only if it has old-style tone placement ("hoà") or odd spaces.
_OLD_TONE = re.compile("[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]")


def _nfc(text: str) -> str:
    """:func:`tdkt.common.text.nfc`, skipping the work for text that is already normal."""
    if (
        unicodedata.is_normalized("NFC", text)
        and not _OLD_TONE.search(text)
        and " ".join(text.split()) == text
    ):
        return text
    return nfc(text)


def _finish(
    table: Table,
    rows: list[list[CellValue]],
    numbers: list[int],
    forced: Encoding | None,
) -> None:
    """Convert legacy text, normalise strings, drop empty rows; fill ``table.rows``.

    Works column by column, each distinct string once. A cell that reads equally well as it
    stands and as TCVN3/VNI (legacy.convert_cell) is converted only when its column has cells
    that are certainly in that encoding and none certainly Unicode. The first row does not vote:
    a Unicode template header above pasted legacy data is common.
    """
    width = max(map(len, rows), default=0)
    padded = [r if len(r) == width else r + [""] * (width - len(r)) for r in rows]
    header = padded[0] if padded else []
    columns: list[list[CellValue]] = []
    converted: dict[int, Counter[Encoding]] = {}
    for j, column in enumerate(zip(*padded, strict=True)):
        counts = Counter(column)
        cleaned = {v: _clean(v, forced) for v in counts if type(v) is str and v}
        votes: Counter[Encoding] = Counter()
        certainly_unicode = False
        for value, (_, encoding, unicode) in cleaned.items():
            count = counts[value]
            if encoding is not None:
                converted.setdefault(j, Counter())[encoding] += count
            in_body = count - (value == header[j])  # the header row does not vote
            if encoding is not None and in_body:
                votes[encoding] += in_body
            certainly_unicode |= unicode and in_body > 0
        if votes and not certainly_unicode and not forced:
            prefer = votes.most_common(1)[0][0]
            for value, (_, encoding, _) in list(cleaned.items()):
                if encoding is None and not value.isascii():
                    tie = legacy.convert_cell(_unneutralise(value), prefer)
                    if tie.converted:
                        cleaned[value] = (_nfc(_INVISIBLE.sub("", tie.text)), prefer, False)
                        converted.setdefault(j, Counter())[prefer] += counts[value]
        texts = {v: text for v, (text, _, _) in cleaned.items()}
        columns.append(list(map(texts.get, column, column)))  # other values as they are
    for number, cells in zip(numbers, zip(*columns, strict=True), strict=True):
        size = len(cells)
        while size and cells[size - 1] == "":
            size -= 1
        if size:  # a row of invisible characters only is empty too
            table.rows.append(SheetRow(number, cells[:size] if size < len(cells) else cells))
    _warn_converted(table, converted)


def _warn_converted(table: Table, converted: dict[int, Counter[Encoding]]) -> None:
    header = table.rows[0] if table.rows else SheetRow(0, ())
    for j in sorted(converted):
        name = header.get(j)
        label = f"Cột {table.letter(j)}"
        if isinstance(name, str) and 0 < len(name) <= 60:
            label += f" “{name}”"
        for encoding, count in converted[j].most_common():
            table.warnings.append(
                Problem(
                    None,
                    label,
                    f"{count} ô viết bằng bảng mã {encoding.label} đã được chuyển sang Unicode",
                ),
            )


def _clean(value: str, forced: Encoding | None) -> _Cleaned:
    """One string cell → (NFC text, legacy encoding it came from, certainly Unicode?)."""
    raw = _unneutralise(value)
    if raw.isascii():
        return " ".join(_INVISIBLE.sub("", raw).split()), None, False  # = nfc() for ASCII
    if forced is not None:
        return _nfc(_INVISIBLE.sub("", legacy.force_decode(raw, forced))), forced, False
    analysis = legacy.analyse(raw)
    if analysis.best is not Encoding.UNICODE:
        return _nfc(_INVISIBLE.sub("", analysis.readings[analysis.best])), analysis.best, False
    return _nfc(_INVISIBLE.sub("", raw)), None, analysis.decisive
