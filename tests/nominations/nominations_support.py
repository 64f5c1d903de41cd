"""Test support for the workflow tests: the fake eligibility engine and upload samples."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

DECISION_DAY = dt.date(2026, 1, 15)  # base salary 2,340,000 đ
COUNCIL_DAY = dt.date(2026, 1, 8)


@dataclass
class FakeResult:
    verdict: str
    regime: str = "R2025"
    reasons: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "regime": self.regime, "reasons": self.reasons}


class FakeEngine:
    """Returns 'eligible' unless told otherwise per (subject name, code)."""

    def __init__(self) -> None:
        self.verdicts: dict[tuple[str, str], str] = {}
        self.calls: list[tuple[str, str, int]] = []

    def evaluate_subject(self, subject: Any, code: str, year: int) -> FakeResult:
        self.calls.append((str(subject), code, year))
        verdict = self.verdicts.get((str(subject), code), "eligible")
        reasons = [
            {
                "criterion": "cstdcs_3_consecutive",
                "met": verdict == "eligible",
                "citation": "Decree 91/2017/NĐ-CP Art 9 k2",
                "mark": "verified",
            }
        ]
        return FakeResult(verdict, reasons=reasons)


# --- uploads ---------------------------------------------------------------------------------


def zip_bytes(names: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in names.items():
            z.writestr(name, text)
    return buf.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
DOCM = zip_bytes(
    {
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": "<w:document/>",
        "word/vbaProject.bin": "macro",
    }
)
DOC = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\x00" * 1000
    + "WordDocument".encode("utf-16-le")
    + b"\x00" * 100
)
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "Workbook".encode("utf-16-le")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PLAIN_ZIP = zip_bytes({"bao-cao.txt": "không phải văn bản Word"})
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def make_member(tree: Any, username: str, role: str, unit: Any = None) -> Any:
    """A user with a membership (like the shared ``make_user``, importable from here)."""
    from django.contrib.auth.models import User

    from tdkt.org.models import Membership

    user = User.objects.create_user(username=username, password="Mat-khau-2025!")
    Membership.objects.create(user=user, agency=tree.agency, role=role, unit=unit)
    return user
