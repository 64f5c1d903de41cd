"""What imports report: typed exceptions for unreadable files, and row-level problems.

Messages are in Vietnamese (users read them), except where FORMATS.md fixes the wording.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CorruptFileError",
    "EmptyFileError",
    "FileTooLargeError",
    "FileTypeMismatchError",
    "ImportFileError",
    "Problem",
    "UnknownEncodingError",
    "UnsupportedFileTypeError",
]


class ImportFileError(Exception):
    """A file that cannot be read at all; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EmptyFileError(ImportFileError):
    """The file has no bytes, or no non-empty row."""


class FileTooLargeError(ImportFileError):
    """The file (or what it unpacks to) is over the size limit."""


class UnsupportedFileTypeError(ImportFileError):
    """The extension is not one the importer reads."""


class FileTypeMismatchError(ImportFileError):
    """The content is not what the extension says (a PDF named .xlsx, binary named .csv)."""


class UnknownEncodingError(ImportFileError):
    """CSV bytes in no encoding we can recognise."""


class CorruptFileError(ImportFileError):
    """The right kind of file, but damaged, encrypted or unparseable."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning, printed as ``row 17: Năm: <message>`` (FORMATS.md §1).

    ``row`` is the spreadsheet row (header = 1) and ``column`` the template header; either
    may be None for problems about the whole file or a whole column.
    """

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        parts.append(self.message)
        return ": ".join(parts)
