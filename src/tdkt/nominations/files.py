"""Upload checks for dossier files: type sniffed from the bytes, size limit, hash.

Accepted: PDF, DOCX, XLSX, DOC (OLE2 with a WordDocument stream), JPEG and PNG. The file
name's extension must agree with the content: a ZIP named ``.pdf`` or a program renamed
``.docx`` is refused. Macro-enabled Office files are refused. Nothing is written here.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

from tdkt.common.text import nfc

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
CHUNK = 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"
JPEG = "image/jpeg"
PNG = "image/png"

# content type → (label shown to users, accepted extensions)
ALLOWED: dict[str, tuple[str, frozenset[str]]] = {
    PDF: ("PDF", frozenset({".pdf"})),
    DOCX: ("DOCX", frozenset({".docx"})),
    XLSX: ("XLSX", frozenset({".xlsx"})),
    DOC: ("DOC", frozenset({".doc"})),
    JPEG: ("JPEG", frozenset({".jpg", ".jpeg"})),
    PNG: ("PNG", frozenset({".png"})),
}
ACCEPTED_LABEL = "PDF, DOCX, XLSX, DOC, JPEG, PNG"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the original base name, NFC
    size: int
    sha256: str
    content_type: str


def max_file_bytes() -> int:
    """The per-file limit: 20 MB, or less when the site-wide upload limit is smaller."""
    site = int(getattr(settings, "TDKT_MAX_UPLOAD_BYTES", DEFAULT_MAX_FILE_BYTES))
    own = int(getattr(settings, "TDKT_DOSSIER_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))
    return min(site, own)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def clean_name(name: str) -> str:
    """Base name only (no directories), NFC, without control characters, at most 255 chars."""
    base = os.path.basename(nfc(name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if len(base) > 255:
        stem, ext = os.path.splitext(base)
        base = stem[: 255 - len(ext)] + ext
    return base


def _sniff_zip(f: IO[bytes]) -> str:
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError("Tệp nén bị hỏng, không đọc được.") from None
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ValidationError("Không nhận tệp Office có chứa macro.")
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    raise ValidationError(f"Nội dung tệp là tệp nén ZIP; chỉ nhận {ACCEPTED_LABEL}.")


def _is_word_ole(f: IO[bytes]) -> bool:
    f.seek(0)
    tail = b""
    while chunk := f.read(CHUNK):
        if _WORD_STREAM in tail + chunk:
            return True
        tail = chunk[-len(_WORD_STREAM) :]
    return False


def sniff(head: bytes, f: IO[bytes]) -> str:
    """The content type from the bytes, or ValidationError naming what the file is."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(f)
    if head.startswith(_OLE):
        if _is_word_ole(f):
            return DOC
        raise ValidationError(
            f"Tệp Office định dạng cũ không phải văn bản Word; chỉ nhận {ACCEPTED_LABEL}."
        )
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        raise ValidationError("Không nhận tệp chương trình chạy được.")
    raise ValidationError(f"Không nhận dạng được loại tệp; chỉ nhận {ACCEPTED_LABEL}.")


def check_upload(upload: Any, limit: int | None = None) -> CheckedUpload:
    """Check an uploaded file (Django ``UploadedFile`` or ``File``); raise ValidationError.

    Reads the whole file once for size and hash (stopping past the limit), then sniffs.
    """
    limit = max_file_bytes() if limit is None else limit
    name = clean_name(getattr(upload, "name", "") or "")
    if not name:
        raise ValidationError("Tệp tải lên không có tên.")
    declared = getattr(upload, "size", None)
    too_big = ValidationError(f"Tệp “{name}” vượt quá dung lượng cho phép ({_mb(limit)} mỗi tệp).")
    if declared is not None and declared > limit:
        raise too_big
    f = getattr(upload, "file", upload)
    f.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    while chunk := f.read(CHUNK):
        if not head:
            head = chunk[:16]
        size += len(chunk)
        if size > limit:
            raise too_big
        digest.update(chunk)
    if size == 0:
        raise ValidationError(f"Tệp “{name}” rỗng.")
    content_type = sniff(head, f)
    label, extensions = ALLOWED[content_type]
    ext = os.path.splitext(name)[1].lower()
    if ext not in extensions:
        shown = ext or "(không có đuôi)"
        raise ValidationError(
            f"Tên tệp “{name}” có đuôi {shown} nhưng nội dung là {label}; "
            "hãy đặt đúng tên tệp rồi tải lên lại."
        )
    f.seek(0)
    return CheckedUpload(name=name, size=size, sha256=digest.hexdigest(), content_type=content_type)
