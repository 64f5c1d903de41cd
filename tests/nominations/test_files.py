"""Dossier uploads: type sniffed from the bytes, size limits, storage outside the web root,
and refusals that store nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from nominations_support import (
    DOC,
    DOCM,
    DOCX,
    EXE,
    JPEG,
    PDF,
    PLAIN_ZIP,
    PNG,
    XLS,
    XLSX,
    make_member,
    upload,
)

from tdkt.common.models import AuditEntry
from tdkt.nominations import domain as nom
from tdkt.nominations.files import DOCX as DOCX_TYPE
from tdkt.nominations.files import XLSX as XLSX_TYPE
from tdkt.nominations.models import DossierFile
from tdkt.org.models import Membership

MB = 1024 * 1024


@pytest.fixture
def draft(clerk, people, t, round_, engine):
    return nom.propose(clerk, round_, award_type=t["CSTD_TINH"], person=people.huong)


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("To trinh.pdf", PDF, "application/pdf"),
        ("Báo cáo thành tích.docx", DOCX, DOCX_TYPE),
        ("Danh sách.xlsx", XLSX, XLSX_TYPE),
        ("bien-ban.doc", DOC, "application/msword"),
        ("anh.JPG", JPEG, "image/jpeg"),
        ("anh.jpeg", JPEG, "image/jpeg"),
        ("so-do.png", PNG, "image/png"),
    ],
)
def test_accepted(clerk, draft, media, name, content, content_type):
    row = nom.attach_file(clerk, draft, upload(name, content), kind="achievement_report")
    assert (row.original_name, row.size, row.content_type) == (name, len(content), content_type)
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    (path,) = stored_files(media)
    assert path.read_bytes() == content
    assert path.is_relative_to(media / "dossiers" / str(draft.round_id) / str(draft.pk))
    assert name not in path.name  # random stored name, never the user's
    entry = AuditEntry.objects.get(model="nominations.dossierfile", object_id=str(row.pk))
    assert entry.after["sha256"] == row.sha256


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.pdf", PLAIN_ZIP, "Nội dung tệp là tệp nén ZIP; chỉ nhận PDF, DOCX"),
        ("bao-cao.docx", EXE, "Không nhận tệp chương trình chạy được"),
        ("bao-cao.pdf", DOCX, "có đuôi .pdf nhưng nội dung là DOCX"),
        ("bao-cao.docx", PDF, "có đuôi .docx nhưng nội dung là PDF"),
        ("bao-cao", PDF, r"có đuôi \(không có đuôi\) nhưng nội dung là PDF"),
        ("bao-cao.docm", DOCM, "Không nhận tệp Office có chứa macro"),
        ("bang.xls", XLS, "không phải văn bản Word"),
        ("ghi-chu.txt", "Báo cáo".encode(), "Không nhận dạng được loại tệp"),
        ("rong.pdf", b"", "rỗng"),
        ("hong.docx", b"PK\x03\x04" + b"\x00" * 40, "Tệp nén bị hỏng"),
    ],
)
def test_refused_by_type(clerk, draft, media, name, content, message):
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=message):
        nom.attach_file(clerk, draft, upload(name, content), kind="other")
    assert not DossierFile.objects.exists()
    assert stored_files(media) == []
    assert AuditEntry.objects.count() == audit


def test_refused_by_size(clerk, draft, media, settings):
    big = upload("bao-cao.pdf", PDF + b"\x00" * (25 * MB))
    with pytest.raises(ValidationError, match=r"vượt quá dung lượng cho phép \(20 MB mỗi tệp\)"):
        nom.attach_file(clerk, draft, big, kind="other")
    # A client that lies about the size is caught while reading.
    liar = upload("bao-cao.pdf", PDF + b"\x00" * (21 * MB))
    liar.size = 100
    with pytest.raises(ValidationError, match="vượt quá dung lượng"):
        nom.attach_file(clerk, draft, liar, kind="other")
    # Exactly at the limit passes.
    exact = upload("bao-cao.pdf", PDF + b"\x00" * (20 * MB - len(PDF)))
    assert nom.attach_file(clerk, draft, exact, kind="other").size == 20 * MB
    # A smaller site-wide limit wins.
    settings.TDKT_MAX_UPLOAD_BYTES = 1 * MB
    with pytest.raises(ValidationError, match=r"\(1 MB mỗi tệp\)"):
        nom.attach_file(clerk, draft, upload("b.pdf", PDF + b"\x00" * (2 * MB)), kind="other")
    assert DossierFile.objects.count() == 1 and len(stored_files(media)) == 1


def test_name_is_sanitised(clerk, draft, media):
    row = nom.attach_file(clerk, draft, upload("../../etc/bao cao.pdf", PDF), kind="other")
    assert row.original_name == "bao cao.pdf"
    (path,) = stored_files(media)
    assert path.is_relative_to(media / "dossiers")


def test_permission_and_kind(tree, draft, media):
    other = make_member(tree, "vanthu_vp", Membership.Role.CLERK, tree.vp)
    with pytest.raises(PermissionDenied):
        nom.attach_file(other, draft, upload("a.pdf", PDF), kind="other")
    with pytest.raises(ValidationError, match="Loại tài liệu “thu” không hợp lệ"):
        nom.attach_file(None, draft, upload("a.pdf", PDF), kind="thu")
    assert stored_files(media) == [] and not DossierFile.objects.exists()


def test_media_root_is_not_served(client, officer, clerk, draft):
    """MEDIA_ROOT is not served: a stored file is not reachable by its path."""
    row = nom.attach_file(clerk, draft, upload("a.pdf", PDF), kind="other")
    client.force_login(officer)
    for prefix in ("/media/", "/files/", "/"):
        assert client.get(prefix + row.file.name).status_code == 404
