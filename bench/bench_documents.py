"""Benchmark the document renderers: 1,000 certificates to PDF, a 500-line decision to DOCX.

Each figure is printed with its ratio to a floor measured in the same run: the same text lines
written to a bare PDF (reportlab, same font, fixed positions, no layout) or a bare DOCX (one
python-docx paragraph per line, no layout). Targets from issue 5: certificates < 10 s, the
decision < 1 s. Exits 1 if a target is missed.

    .venv/bin/python bench/bench_documents.py [--certificates 1000] [--lines 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Callable

from docx import Document

from tdkt.documents import (
    BLANK_LAYOUT,
    CertificateDoc,
    DecisionDoc,
    ListRow,
    Signature,
    render_certificates,
    render_docx,
)
from tdkt.documents import certificates as cert_module
from tdkt.documents.certificates import MM, _register
from tdkt.documents.fonts import find_fonts

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
GIVEN = ("Hương", "Đức", "Ngọc Ánh", "Quốc Việt", "Thị Lan", "Minh Tuấn", "Văn Bình")


def name(i: int) -> str:
    return f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]} {i}"


def certificates(n: int) -> list[CertificateDoc]:
    sig = Signature(
        prefix="KT.", on_behalf_of="Chủ tịch", title="Phó Chủ tịch", name="Trần Văn Bình"
    )
    return [
        CertificateDoc(
            kind="Bằng khen",
            issuer="Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên",
            honorific="Bà" if i % 2 else "Ông",
            recipient=name(i),
            unit=f"Chuyên viên Phòng {i % 40 + 1}, Sở Nội vụ tỉnh Thái Nguyên",
            achievement="Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn "
            "2020 - 2025, góp phần vào sự nghiệp xây dựng và bảo vệ Tổ quốc",
            decision_number=123,
            decision_symbol="QĐ-UBND",
            decision_date=dt.date(2025, 2, 5),
            place="Thái Nguyên",
            signature=sig,
            register_no=str(1000 + i),
        )
        for i in range(n)
    ]


def decision(lines: int) -> DecisionDoc:
    rows = tuple(
        ListRow(
            name=name(i),
            position="Chuyên viên",
            unit=f"Phòng {i % 40 + 1}",
            award="Lao động tiên tiến",
            year=2024,
            money=702_000,
            group="I. Cá nhân" if i < lines // 2 else "II. Cá nhân khối xã",
        )
        for i in range(lines)
    )
    return DecisionDoc(
        parent_agency="UBND tỉnh Thái Nguyên",
        agency="Sở Nội vụ",
        number=5,
        symbol="QĐ-SNV",
        place="Thái Nguyên",
        date=dt.date(2025, 2, 5),
        subject="Về việc công nhận danh hiệu Lao động tiên tiến năm 2024",
        authority="Giám đốc Sở Nội vụ tỉnh Thái Nguyên",
        legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",),
        articles=(f"Công nhận danh hiệu Lao động tiên tiến năm 2024 cho {lines} cá nhân.",),
        signature=Signature(title="Giám đốc", name="Hoàng Minh Tuấn"),
        recipients=("Như Điều 1;", "Lưu: VT, TĐKT."),
        rows=rows,
        list_title="Danh sách cá nhân đạt danh hiệu Lao động tiên tiến năm 2024",
    )


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """The best of *repeat* runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bare_pdf(certs: list[CertificateDoc]) -> bytes:
    """The texts the blank layout prints, at fixed positions, no fitting, frame or form."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    font = _register(find_fonts())
    names = list(BLANK_LAYOUT.fields)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(297 * MM, 210 * MM), invariant=1, initialFontName=font)
    for cert in certs:
        values = cert.fields()
        c.setFont(font, 14)
        for i, text in enumerate(["TẶNG", *(values[n] for n in names)]):
            c.drawString(20 * MM, (200 - 9 * i) * MM, text)
        c.showPage()
    saved, rl_config.useA85 = rl_config.useA85, 0  # as render_certificates does
    try:
        c.save()
    finally:
        rl_config.useA85 = saved
    return buf.getvalue()


def bare_docx(d: DecisionDoc) -> bytes:
    doc = Document()
    for r in d.rows:
        doc.add_paragraph(f"{r.name} {r.position} {r.unit} {r.award} {r.year} {r.money}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def cold_certificates(certs: list[CertificateDoc]) -> bytes:
    """Render with empty text-measure caches, as a fresh worker would."""
    cert_module.fit.cache_clear()
    cert_module._unit_width.cache_clear()
    return render_certificates(certs)


def report(label: str, seconds: float, floor: float, target: float) -> bool:
    ok = seconds < target
    print(
        f"{label}: {seconds:.3f} s (target < {target:g} s: {'ok' if ok else 'MISSED'}); "
        f"floor {floor:.3f} s; ratio {seconds / floor:.1f}×"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=500)
    args = parser.parse_args()

    certs = certificates(args.certificates)
    render_certificates(certs[:1])  # font discovery and registration, once per process
    pdf = cold_certificates(certs)
    ok = report(
        f"{args.certificates} certificates → PDF ({len(pdf) / 1e6:.1f} MB)",
        timed(lambda: cold_certificates(certs)),
        timed(lambda: bare_pdf(certs)),
        10,
    )

    d = decision(args.lines)
    docx = render_docx(d)
    ok &= report(
        f"{args.lines}-line decision → DOCX ({len(docx) / 1e3:.0f} kB)",
        timed(lambda: render_docx(d)),
        timed(lambda: bare_docx(d)),
        1,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
