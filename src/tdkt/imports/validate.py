"""Validate parsed rows into typed row objects — no database (FORMATS.md §1 and §3).

:func:`validate_awards` and :func:`validate_initiatives` take a :class:`~.readers.Table`
and return a :class:`Validation`: the valid rows as dataclasses with normalised fields,
and one :class:`~.errors.Problem` per bad cell, printed ``row 17: Năm: <message>``. A row with
any error is left out of ``rows``; the importer writes nothing unless ``errors`` is empty.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tdkt.awards.numbers import decision_key, normalise_decision_number
from tdkt.common.text import fold, nfc
from tdkt.imports.errors import Problem
from tdkt.imports.headers import (
    AWARD_TEMPLATE,
    INITIATIVE_TEMPLATE,
    HeaderMatch,
    Template,
    match_headers,
)
from tdkt.imports.names import AwardResolver, resolve_level, resolve_subject_kind, subject_fits
from tdkt.imports.readers import CellValue, SheetRow, Table, paused_gc

__all__ = [
    "EARLIEST_YEAR",
    "MAX_YEARS_BEFORE_DECISION",
    "AwardRow",
    "InitiativeRow",
    "Validation",
    "parse_date",
    "validate_awards",
    "validate_initiatives",
]

#: The earliest achievement or decision year accepted.
EARLIEST_YEAR = 1945
#: A decision commends achievements of its own year or of at most this many years before.
MAX_YEARS_BEFORE_DECISION = 6
# Field lengths of the models the importer writes to.
_LIMITS = {
    "name_individual": 120,
    "name_collective": 255,
    "external_id": 40,
    "position": 120,
    "unit": 255,
    "decision_number": 60,
    "issuer": 200,
    "note": 255,
    "title": 500,
}


# --- Row objects -----------------------------------------------------------------------------
@dataclass(slots=True, kw_only=True)
class AwardRow:
    """One valid line of an award list, normalised (treat as read-only)."""

    row: int  # spreadsheet row number
    subject_kind: str  # individual | collective | household
    name: str  # NFC
    name_key: str  # fold(name)
    external_id: str  # "" when not given
    sex: str  # "M", "F" or ""
    birth_year: int | None
    birth_date: dt.date | None
    position: str
    unit: str  # as written (a unit name or code), NFC
    unit_key: str  # fold(unit)
    code: str  # catalogue code
    award_text: str  # the award as written
    year: int  # achievement year
    decision_number: str  # "125/QĐ-SLĐTBXH": NFC, no spaces, upper case
    decision_key: str  # "125/QD-SLDTBXH": folded, no leading zeros, for matching
    decision_date: dt.date
    issuer: str
    note: str

    @property
    def subject_key(self) -> tuple[object, ...]:
        """Who the row is about: the external id if given, else name + unit + birth year."""
        if self.external_id:
            return ("id", self.subject_kind, _fold(self.external_id))
        return ("name", self.subject_kind, self.name_key, self.unit_key, self.birth_year)

    @property
    def identity(self) -> tuple[object, ...]:
        """An award is identified by subject, code, year and decision number (FORMATS.md §1)."""
        return (self.subject_key, self.code, self.year, self.decision_key)


@dataclass(slots=True, kw_only=True)
class InitiativeRow:
    """One valid line of an initiative list, normalised (treat as read-only)."""

    row: int
    title: str
    title_key: str
    authors: tuple[str, ...]  # NFC names, in the order written
    author_keys: tuple[str, ...]
    unit: str
    unit_key: str
    year: int
    level: str  # CO_SO | BO_TINH | TOAN_QUOC
    decision_number: str
    decision_key: str
    decision_date: dt.date
    note: str

    @property
    def identity(self) -> tuple[object, ...]:
        return (self.title_key, self.unit_key, self.year, self.decision_key)


RowT = TypeVar("RowT")


@dataclass
class Validation(Generic[RowT]):
    """Valid rows, errors and warnings of one file."""

    rows: list[RowT] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    header: HeaderMatch | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Cell parsers (each raises ValueError with the user's message) --------------------------
def _text(value: CellValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return nfc(str(value))


_DMY = re.compile(
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d+)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?")
_WORDS = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_RANGE = (16438, 73050)  # serial numbers of 01/01/1945 and 31/12/2099


def parse_date(value: CellValue) -> dt.date:
    """A date from an Excel date cell, "dd/mm/yyyy" (also - or .), ISO, or "ngày … tháng …".

    Raises ValueError (Vietnamese message) for anything else, and for dates that do not exist.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _EXCEL_RANGE[0] <= value <= _EXCEL_RANGE[1] and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f'"{_text(value)}" không phải ngày (dạng dd/mm/yyyy)')
    text = _text(value).strip()
    if match := _DMY.fullmatch(text):
        day, month, year = match.groups()
        if len(year) != 4:
            raise ValueError(f'"{text}": năm phải đủ 4 chữ số (dạng dd/mm/yyyy)')
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _WORDS.fullmatch(fold(text)):
        day, month, year = match.groups()
    else:
        raise ValueError(f'"{text}" không phải ngày (dạng dd/mm/yyyy)')
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f'ngày "{text}" không tồn tại (dạng dd/mm/yyyy)') from None


def _parse_year(value: CellValue) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        year = int(value)
    else:
        raise ValueError(f'"{_text(value)}" không phải năm (số có 4 chữ số, ví dụ 2019)')
    if year < EARLIEST_YEAR:
        raise ValueError(f"năm {year} quá sớm: phải từ {EARLIEST_YEAR} trở đi")
    return year


def _parse_birth(value: CellValue) -> tuple[int, dt.date | None]:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        year, born = value, None
    elif isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        year, born = int(value), None
    else:
        try:
            born = parse_date(value)
        except ValueError:
            raise ValueError(
                f'"{_text(value)}" không phải năm sinh (ví dụ 1980) hoặc ngày sinh dd/mm/yyyy',
            ) from None
        year = born.year
    if year < 1900:
        raise ValueError(f"năm sinh {year} không hợp lý (phải từ 1900 trở đi)")
    return year, born


_SEXES = {"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}


# fold() of each Latin letter that folds to one ASCII letter ("Ễ" → "e", "đ" → "d").
_FOLD_TABLE = {
    code: folded
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if len(folded := fold(chr(code))) == 1 and folded.isascii()
}


def _fold(text: str) -> str:
    """:func:`fold`, computed faster for text of ASCII and Vietnamese letters (same result)."""
    ascii_text = text if text.isascii() else text.translate(_FOLD_TABLE)
    if not ascii_text.isascii():
        return fold(text)
    return " ".join(ascii_text.lower().split())


def _parse_sex(value: CellValue) -> str:
    sex = _SEXES.get(_fold(_text(value)))
    if sex is None:
        raise ValueError(f'"{_text(value)}" không hợp lệ; dùng "Nam" hoặc "Nữ"')
    return sex


def _missing(value: CellValue) -> bool:
    return value == "" or (type(value) is str and not value.strip())


class _Context:
    """Per-file state: where each column is, and parse results memoised by cell value."""

    def __init__(self, match: HeaderMatch, errors: list[Problem], today: dt.date) -> None:
        self.keys = tuple(match.columns)
        indexes = tuple(match.columns.values())
        self.width = max(indexes, default=-1) + 1
        self.pick: Callable[[tuple[CellValue, ...]], tuple[CellValue, ...]] = (
            operator.itemgetter(*indexes)
            if len(indexes) > 1
            else lambda cells: tuple(cells[i] for i in indexes)
        )
        self.padding: tuple[CellValue, ...] = ("",) * self.width
        self.labels = {c.key: c.label for c in match.template.columns}
        self.errors = errors
        self.today = today
        self.memo: dict[object, dict[object, tuple[object, str]]] = {}
        self.folded: dict[str, str] = {}

    def values(self, row: SheetRow) -> dict[str, CellValue]:
        cells = row.cells
        if len(cells) < self.width:
            cells = cells + self.padding[len(cells) :]
        return dict(zip(self.keys, self.pick(cells), strict=True))

    def parse(self, parser: Callable[[CellValue], object], value: CellValue) -> tuple[object, str]:
        """(result, "") or (None, error message); memoised per parser and value."""
        memo = self.memo.get(parser)
        if memo is None:
            memo = self.memo[parser] = {}
        key = value if type(value) is str else (type(value), value)
        found = memo.get(key)
        if found is None:
            try:
                found = memo[key] = (parser(value), "")
            except ValueError as exc:
                found = memo[key] = (None, str(exc))
        return found

    def fold(self, text: str) -> str:
        found = self.folded.get(text)
        if found is None:
            found = self.folded[text] = _fold(text)
        return found


class _RowCheck:
    """Reads the cells of one row, collecting one problem per bad cell."""

    def __init__(self, context: _Context, row: SheetRow) -> None:
        self.context = context
        self.number = row.number
        self.values = context.values(row)
        self.failed = False

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.context.errors.append(Problem(self.number, self.context.labels[key], message))

    def raw(self, key: str) -> CellValue:
        return self.values.get(key, "")

    def text(
        self, key: str, *, required: bool = False, limit: str | None = None, check: bool = True
    ) -> str:
        value = self.values.get(key, "")
        text = value.strip() if type(value) is str else _text(value)
        if not text:
            if required:
                self.error(key, "thiếu giá trị (bắt buộc)")
            return ""
        maximum = _LIMITS.get(limit or key) if check else None
        if maximum is not None and len(text) > maximum:
            self.error(key, f"dài {len(text)} ký tự, tối đa {maximum}")
        return text

    def parsed(self, key: str, parser: Callable[[CellValue], object], *, required: bool) -> object:
        value = self.values.get(key, "")
        if _missing(value):
            if required:
                self.error(key, "thiếu giá trị (bắt buộc)")
            return None
        result, message = self.context.parse(parser, value)
        if message:
            self.error(key, message)
        return result

    def decision(self) -> tuple[str, str, dt.date | None]:
        """(number, key, date) of the row's decision."""
        number, key = "", ""
        raw = self.text("decision_number", required=True, check=False)
        if raw:
            result, _ = self.context.parse(_decision_number, raw)
            number, key = result  # type: ignore[misc]
            if not any(c.isdigit() for c in number):
                self.error("decision_number", f'"{number}" không có số thứ tự (ví dụ 125/QĐ-SNV)')
            elif len(number) > _LIMITS["decision_number"]:
                self.error("decision_number", f"dài {len(number)} ký tự, tối đa 60")
        date = self.parsed("decision_date", parse_date, required=True)
        assert date is None or isinstance(date, dt.date)
        return number, key, date

    def check_dates(self, year: int | None, date: dt.date | None) -> None:
        if date is not None:
            if date.year < EARLIEST_YEAR:
                self.error("decision_date", f"ngày {date:%d/%m/%Y} quá sớm (trước {EARLIEST_YEAR})")
                return
            if date > self.context.today:
                self.error("decision_date", f"ngày {date:%d/%m/%Y} ở tương lai")
                return
        if year is None or date is None:
            return
        low = max(EARLIEST_YEAR, date.year - MAX_YEARS_BEFORE_DECISION)
        if not low <= year <= date.year:
            self.error(
                "year",
                f"năm {year} không hợp lý với quyết định ngày {date:%d/%m/%Y}: phải từ {low} "
                f"đến {date.year} (quyết định khen thành tích của năm ký hoặc tối đa "
                f"{MAX_YEARS_BEFORE_DECISION} năm trước đó)",
            )


def _decision_number(value: CellValue) -> tuple[str, str]:
    number = normalise_decision_number(value)
    return number, decision_key(number)


def _begin(
    table: Table, template: Template, result: Validation[RowT]
) -> tuple[HeaderMatch, list[SheetRow]] | None:
    """Match the header; None (with the problems in *result*) when rows cannot be checked."""
    result.warnings.extend(table.warnings)
    if not table.rows:
        result.errors.append(Problem(None, None, "Tệp không có dữ liệu."))
        return None
    match = result.header = match_headers(table, template)
    result.warnings.extend(match.warnings)
    result.errors.extend(match.errors)
    if not match.ok:
        return None
    if not match.data:
        result.errors.append(
            Problem(None, None, "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."),
        )
        return None
    return match, match.data


class _DecisionDates:
    """Warns when one decision number appears with two dates in the same year."""

    def __init__(self, warnings: list[Problem], label: str) -> None:
        self.first: dict[tuple[str, int], tuple[dt.date, int]] = {}
        self.warnings = warnings
        self.label = label

    def check(self, row: int, number: str, key: str, date: dt.date) -> None:
        first = self.first.get((key, date.year))
        if first is None:
            self.first[key, date.year] = (date, row)
        elif first[0] != date:
            self.warnings.append(
                Problem(
                    row,
                    self.label,
                    f"quyết định {number} đã ghi ngày {first[0]:%d/%m/%Y} ở dòng {first[1]}; "
                    "hai ngày khác nhau sẽ là hai quyết định",
                ),
            )


# --- Awards ------------------------------------------------------------------------------------
@paused_gc()
def validate_awards(
    table: Table,
    resolver: AwardResolver | None = None,
    *,
    today: dt.date | None = None,
) -> Validation[AwardRow]:
    """Validate an award list (FORMATS.md §1); ``resolver`` defaults to the built-in catalogue."""
    resolver = resolver or AwardResolver()
    today = today or dt.date.today()
    result: Validation[AwardRow] = Validation()
    begun = _begin(table, AWARD_TEMPLATE, result)
    if begun is None:
        return result
    match, data = begun
    context = _Context(match, result.errors, today)
    first_row: dict[tuple[object, ...], int] = {}
    dates = _DecisionDates(result.warnings, AWARD_TEMPLATE.label("decision_date"))
    for row in data:
        check = _RowCheck(context, row)
        kind_text = check.text("kind", required=True)
        parsed_kind = check.parsed("kind", _subject_kind, required=False) if kind_text else None
        kind = parsed_kind if isinstance(parsed_kind, str) else None
        limit = "name_individual" if kind == "individual" else "name_collective"
        name = check.text("name", required=True, limit=limit)
        external_id = check.text("external_id")
        sex = ""
        if not _missing(check.raw("sex")):
            if kind == "individual":
                sex = str(check.parsed("sex", _parse_sex, required=False) or "")
            elif kind is not None:
                result.warnings.append(
                    Problem(row.number, context.labels["sex"], "chỉ ghi cho cá nhân, đã bỏ qua"),
                )
        birth = check.parsed("birth", _parse_birth, required=False)
        birth_year, birth_date = birth if isinstance(birth, tuple) else (None, None)
        position = check.text("position")
        unit = check.text("unit", required=True)
        award_text = check.text("award", required=True)
        code = None
        if award_text:
            award = resolver.resolve(award_text, kind)
            code = award.code
            if code is None:
                check.error("award", award.message)
            elif kind is not None and not subject_fits(subjects := resolver.subjects[code], kind):
                check.error(
                    "award",
                    f'"{award_text}" ({code}) không dùng cho đối tượng '
                    f"“{kind_text}” (chỉ dành cho {_SUBJECTS.get(subjects, subjects)})",
                )
        year = check.parsed("year", _parse_year, required=True)
        assert year is None or isinstance(year, int)
        number, key, date = check.decision()
        check.check_dates(year, date)
        if birth_year is not None and year is not None and birth_year > year:
            check.error("birth", f"năm sinh {birth_year} sau năm thành tích {year}")
        issuer = check.text("issuer")
        note = check.text("note")
        if check.failed:
            continue
        assert kind and code and year and date
        parsed = AwardRow(
            row=row.number,
            subject_kind=kind,
            name=name,
            name_key=_fold(name),
            external_id=external_id,
            sex=sex,
            birth_year=birth_year,
            birth_date=birth_date,
            position=position,
            unit=unit,
            unit_key=context.fold(unit),
            code=code,
            award_text=award_text,
            year=year,
            decision_number=number,
            decision_key=key,
            decision_date=date,
            issuer=issuer,
            note=note,
        )
        earlier = first_row.setdefault(parsed.identity, row.number)
        if earlier != row.number:
            hint = "" if external_id or birth_year else "; nếu là hai người, hãy ghi Năm sinh"
            result.errors.append(
                Problem(
                    row.number,
                    context.labels["name"],
                    f"trùng với dòng {earlier} (cùng đối tượng, danh hiệu/hình thức, năm và "
                    f"số quyết định){hint}",
                ),
            )
            continue
        dates.check(row.number, number, key, date)
        result.rows.append(parsed)
    return result


def _subject_kind(value: CellValue) -> str:
    resolution = resolve_subject_kind(_text(value))
    if resolution.code is None:
        raise ValueError(resolution.message)
    return resolution.code


def _level(value: CellValue) -> str:
    resolution = resolve_level(_text(value))
    if resolution.code is None:
        raise ValueError(resolution.message)
    return resolution.code


_SUBJECTS = {"individual": "cá nhân", "collective": "tập thể", "both": "cá nhân và tập thể"}


# --- Initiatives -------------------------------------------------------------------------------
_AUTHOR_SEPARATORS = re.compile(r"[;,]")


@paused_gc()
def validate_initiatives(
    table: Table, *, today: dt.date | None = None
) -> Validation[InitiativeRow]:
    """Validate an initiative list (FORMATS.md §3)."""
    today = today or dt.date.today()
    result: Validation[InitiativeRow] = Validation()
    begun = _begin(table, INITIATIVE_TEMPLATE, result)
    if begun is None:
        return result
    match, data = begun
    context = _Context(match, result.errors, today)
    first_row: dict[tuple[object, ...], int] = {}
    dates = _DecisionDates(result.warnings, INITIATIVE_TEMPLATE.label("decision_date"))
    for row in data:
        check = _RowCheck(context, row)
        title = check.text("title", required=True)
        authors = tuple(
            a for a in (nfc(p) for p in _AUTHOR_SEPARATORS.split(check.text("authors"))) if a
        )
        if not authors:
            check.error("authors", "thiếu tên tác giả (bắt buộc)")
        elif any(len(a) > _LIMITS["name_individual"] for a in authors):
            check.error("authors", f"tên tác giả dài quá {_LIMITS['name_individual']} ký tự")
        unit = check.text("unit", required=True)
        year = check.parsed("year", _parse_year, required=True)
        assert year is None or isinstance(year, int)
        level = check.parsed("level", _level, required=True)
        number, key, date = check.decision()
        check.check_dates(year, date)
        note = check.text("note")
        if check.failed:
            continue
        assert isinstance(level, str) and year and date
        initiative = InitiativeRow(
            row=row.number,
            title=title,
            title_key=_fold(title),
            authors=authors,
            author_keys=tuple(_fold(a) for a in authors),
            unit=unit,
            unit_key=context.fold(unit),
            year=year,
            level=level,
            decision_number=number,
            decision_key=key,
            decision_date=date,
            note=note,
        )
        earlier = first_row.setdefault(initiative.identity, row.number)
        if earlier != row.number:
            result.errors.append(
                Problem(
                    row.number,
                    INITIATIVE_TEMPLATE.label("title"),
                    f"trùng với dòng {earlier} (cùng sáng kiến, đơn vị, năm và số quyết định)",
                ),
            )
            continue
        dates.check(row.number, number, key, date)
        result.rows.append(initiative)
    return result
