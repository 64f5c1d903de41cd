"""Sample documents and tool helpers for the renderer tests (plain data; no database)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from tdkt.documents.data import (
    CertificateDoc,
    DecisionDoc,
    ListRow,
    MinutesDoc,
    RoundListDoc,
    RoundRow,
    Signature,
    SubmissionDoc,
    VoteLine,
)

DEPUTY = Signature(
    prefix="KT.", on_behalf_of="Giám đốc", title="Phó Giám đốc", name="Trần Văn Bình"
)
ROWS = (
    ListRow(
        name="Nguyễn Thị Hương",
        position="Chuyên viên",
        unit="Văn phòng Sở",
        award="Chiến sĩ thi đua cơ sở",
        year=2024,
        money=2_340_000,
        group="I. Cá nhân",
    ),
    ListRow(
        name="Lê Văn Đức",
        position="Trưởng phòng",
        unit="Phòng Thi đua - Khen thưởng",
        award="Chiến sĩ thi đua cơ sở",
        year=2024,
        money=2_340_000,
        group="I. Cá nhân",
    ),
    ListRow(
        name="Phòng Lao động - Việc làm",
        unit="Sở Nội vụ",
        award="Tập thể lao động xuất sắc",
        year=2024,
        money=3_510_000,
        group="II. Tập thể",
    ),
)


def make_decision(**kw: object) -> DecisionDoc:
    fields: dict[str, object] = dict(
        parent_agency="UBND tỉnh Thái Nguyên",
        agency="Sở Nội vụ",
        number=5,
        symbol="QĐ-SNV",
        place="Thái Nguyên",
        date=dt.date(2025, 2, 5),
        subject="Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
        authority="Giám đốc Sở Nội vụ tỉnh Thái Nguyên",
        legal_bases=(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Theo đề nghị của Trưởng phòng Thi đua - Khen thưởng.",
        ),
        articles=(
            "Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024 cho 02 cá nhân.",
            "Quyết định này có hiệu lực kể từ ngày ký./.",
        ),
        signature=DEPUTY,
        recipients=("Như Điều 2;", "Lưu: VT, TĐKT."),
        rows=ROWS,
        list_title="Danh sách cá nhân, tập thể được khen thưởng",
        list_issuer="Giám đốc Sở Nội vụ",
    )
    fields.update(kw)
    return DecisionDoc(**fields)  # type: ignore[arg-type]


def make_submission(**kw: object) -> SubmissionDoc:
    fields: dict[str, object] = dict(
        parent_agency="UBND tỉnh Thái Nguyên",
        agency="Sở Nội vụ",
        number=12,
        symbol="TTr-SNV",
        place="Thái Nguyên",
        date=dt.date(2025, 12, 15),
        subject="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
        addressees=("Hội đồng Thi đua - Khen thưởng tỉnh",),
        paragraphs=(
            "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng Sở Nội vụ.",
            "Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.",
        ),
        signature=Signature(title="Giám đốc", name="Hoàng Minh Tuấn"),
        recipients=("Như trên;", "Lưu: VT."),
        rows=ROWS[:2],
        list_title="Danh sách đề nghị tặng Bằng khen",
        list_issuer="Sở Nội vụ",
    )
    fields.update(kw)
    return SubmissionDoc(**fields)  # type: ignore[arg-type]


def make_minutes(**kw: object) -> MinutesDoc:
    fields: dict[str, object] = dict(
        parent_agency="UBND tỉnh Thái Nguyên",
        agency="Sở Nội vụ",
        number=3,
        symbol="BB-HĐTĐKT",
        subject="Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm 2024",
        started_at=dt.datetime(2025, 11, 5, 8, 0),
        ended_at=dt.datetime(2025, 11, 5, 10, 30),
        location="Phòng họp số 1, Sở Nội vụ",
        members_total=11,
        members_present=tuple(f"Thành viên số {i}" for i in range(1, 11)),
        members_absent=("Ông Đỗ Văn Hải (đi công tác)",),
        chair="Ông Hoàng Minh Tuấn - Giám đốc Sở, Chủ tịch Hội đồng",
        secretary="Bà Vũ Thị Lan - Phó Trưởng phòng Thi đua - Khen thưởng",
        voting_method="Hình thức biểu quyết: bỏ phiếu kín.",
        paragraphs=("Hội đồng xem xét hồ sơ đề nghị của các đơn vị.",),
        votes=(
            VoteLine(
                name="Nguyễn Thị Hương",
                unit="Văn phòng Sở",
                award="Chiến sĩ thi đua cơ sở",
                yes=10,
                no=0,
                abstain=0,
                passed=True,
            ),
            VoteLine(
                name="Lê Văn Đức",
                unit="Phòng Thi đua - Khen thưởng",
                award="Chiến sĩ thi đua cơ sở",
                yes=8,
                no=2,
                abstain=0,
                passed=False,
            ),
        ),
        secretary_signature=Signature(title="Thư ký", name="Vũ Thị Lan"),
        chair_signature=Signature(title="Chủ tọa", name="Hoàng Minh Tuấn"),
    )
    fields.update(kw)
    return MinutesDoc(**fields)  # type: ignore[arg-type]


def make_round_list(**kw: object) -> RoundListDoc:
    fields: dict[str, object] = dict(
        parent_agency="UBND tỉnh Thái Nguyên",
        agency="Sở Nội vụ",
        place="Thái Nguyên",
        date=dt.date(2025, 11, 5),
        title="Danh sách tổng hợp đề nghị khen thưởng",
        subtitle="Đợt xét khen thưởng tổng kết năm 2024",
        rows=(
            RoundRow(
                name="Nguyễn Thị Hương",
                position="Chuyên viên",
                unit="Văn phòng Sở",
                award="Chiến sĩ thi đua cơ sở",
                verdict="Đủ điều kiện",
            ),
            RoundRow(
                name="Lê Văn Đức",
                position="Trưởng phòng",
                unit="Văn phòng Sở",
                award="Chiến sĩ thi đua cơ sở",
                verdict="Không đủ điều kiện",
                note="Có giải trình",
            ),
        ),
        preparer=Signature(title="Người lập biểu", name="Vũ Thị Lan"),
        signature=Signature(title="Giám đốc", name="Hoàng Minh Tuấn"),
    )
    fields.update(kw)
    return RoundListDoc(**fields)  # type: ignore[arg-type]


NAMES = ("Nguyễn Thị Hương", "Lê Văn Đức", "Phạm Thị Ngọc Ánh", "Đặng Quốc Việt")


def make_certificate(i: int = 0, **kw: object) -> CertificateDoc:
    fields: dict[str, object] = dict(
        kind="Bằng khen",
        issuer="Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên",
        honorific="Ông" if i % 2 else "Bà",
        recipient=NAMES[i % len(NAMES)] + (f" {i}" if i >= len(NAMES) else ""),
        unit="Chuyên viên Văn phòng Sở Nội vụ",
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2024",
        decision_number=123,
        decision_symbol="QĐ-UBND",
        decision_date=dt.date(2025, 2, 5),
        place="Thái Nguyên",
        signature=Signature(
            prefix="KT.", on_behalf_of="Chủ tịch", title="Phó Chủ tịch", name="Trần Văn Bình"
        ),
        register_no="45",
    )
    fields.update(kw)
    return CertificateDoc(**fields)  # type: ignore[arg-type]


def need(tool: str, package: str) -> None:
    if not shutil.which(tool):
        pytest.skip(f"{tool} is not installed (Debian package {package}; scripts/system-deps.sh)")


def pdftotext(pdf: bytes, tmp: Path, *args: str) -> str:
    """Text of *pdf* by poppler's pdftotext with *args* (e.g. -layout, -bbox)."""
    need("pdftotext", "poppler-utils")
    path = tmp / "in.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
