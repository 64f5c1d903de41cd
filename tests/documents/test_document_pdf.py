"""Every document converted with LibreOffice headless; the text pdftotext extracts is exact."""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docsamples import make_decision, make_minutes, make_round_list, make_submission, need

from tdkt.documents import ConversionError, docx_to_pdf, docx_to_pdf_many, render_docx
from tdkt.documents import pdf as pdf_module
from tdkt.documents.templates import starter_template


def _text(pdf: bytes, tmp: Path, mode: str) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


class Extracted:
    """A converted document: its PDF, `pdftotext -layout` lines and `pdftotext -raw` lines."""

    def __init__(self, pdf: bytes, tmp: Path) -> None:
        self.pdf = pdf
        self.layout = _text(pdf, tmp, "-layout")
        self.raw_lines = _text(pdf, tmp, "-raw").replace("\f", "\n").splitlines()
        self.pages = self.layout.count("\f")

    def row(self, *segments: str) -> None:
        """Some line of the laid-out text consists of exactly these columns."""
        rows = [re.split(r"\s{2,}", line.strip()) for line in self.layout.splitlines()]
        assert list(segments) in rows, f"{segments!r} not a line of:\n{self.layout}"

    def line(self, text: str) -> None:
        """Some line of the text in reading order is exactly *text*."""
        assert text in self.raw_lines, f"{text!r} not a line of:\n" + "\n".join(self.raw_lines)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Extracted]:
    need("soffice", "libreoffice-writer-nogui")
    need("pdftotext", "poppler-utils")
    tmp = tmp_path_factory.mktemp("pdf")
    templates = tmp / "templates"
    templates.mkdir()
    (templates / "decision.docx").write_bytes(starter_template("decision"))
    docs = {
        "decision": render_docx(make_decision()),
        "submission": render_docx(make_submission()),
        "minutes": render_docx(make_minutes()),
        "round_list": render_docx(make_round_list()),
        "template": render_docx(make_decision(), template_dir=templates),
    }
    # Two conversions at once, as parallel workers would run them: each has its own profile.
    data = list(docs.values())
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(docx_to_pdf_many, (data[:3], data[3:]))
    pdfs = first + second
    return {name: Extracted(pdf, tmp) for name, pdf in zip(docs, pdfs, strict=True)}


def test_decision_pdf(converted: dict[str, Extracted]) -> None:
    d = converted["decision"]
    assert d.pdf.startswith(b"%PDF-")
    assert d.pages == 2
    d.row("UBND TỈNH THÁI NGUYÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    d.row("SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc")
    d.row("Số: 05/QĐ-SNV", "Thái Nguyên, ngày 05 tháng 02 năm 2025")
    d.row("QUYẾT ĐỊNH")
    d.row("Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024")
    d.row("GIÁM ĐỐC SỞ NỘI VỤ TỈNH THÁI NGUYÊN")
    d.row("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    d.row("QUYẾT ĐỊNH:")
    d.row("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    d.row("Nơi nhận:", "KT. GIÁM ĐỐC")
    d.row("- Như Điều 2;", "PHÓ GIÁM ĐỐC")
    d.row("Trần Văn Bình")
    d.row("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG")
    d.row("(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/02/2025 của Giám đốc Sở Nội vụ)")
    d.line("Độc lập - Tự do - Hạnh phúc")
    d.line("1 Nguyễn Thị Hương Chuyên viên Văn phòng Sở")
    d.line("I. Cá nhân")
    d.line("II. Tập thể")
    d.line("Tổng cộng 8.190.000")


def test_submission_pdf(converted: dict[str, Extracted]) -> None:
    d = converted["submission"]
    assert d.pages == 2
    d.row("Số: 12/TTr-SNV", "Thái Nguyên, ngày 15 tháng 12 năm 2025")
    d.row("TỜ TRÌNH")
    d.row("Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh")
    d.row("Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh")
    d.row("Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.")
    d.row("Nơi nhận:", "GIÁM ĐỐC")
    d.row("Hoàng Minh Tuấn")
    d.row("(Kèm theo Tờ trình số 12/TTr-SNV ngày 15/12/2025 của Sở Nội vụ)")
    d.line("2 Lê Văn Đức")


def test_minutes_pdf(converted: dict[str, Extracted]) -> None:
    d = converted["minutes"]
    d.row("Số: 03/BB-HĐTĐKT")
    d.row("BIÊN BẢN")
    d.row("Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm 2024")
    d.row("Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 11 năm 2025.")
    d.row("Thành phần tham dự: 10/11 thành viên Hội đồng có mặt:")
    d.row("(Tỷ lệ tính trên tổng số 11 thành viên Hội đồng)")
    d.row("Cuộc họp kết thúc vào 10 giờ 30 phút, ngày 05 tháng 11 năm 2025./.")
    d.row("THƯ KÝ", "CHỦ TỌA")
    d.row("Vũ Thị Lan", "Hoàng Minh Tuấn")
    d.line("10 0 0 90,9% Đạt")
    d.line("8 2 0 72,7%")
    d.line("Không")
    d.line("đạt")


def test_round_list_pdf(converted: dict[str, Extracted]) -> None:
    d = converted["round_list"]
    assert d.pages == 1
    d.row("DANH SÁCH TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG")
    d.row("Đợt xét khen thưởng tổng kết năm 2024")
    d.line("1 Nguyễn Thị Hương Chuyên viên Văn phòng Sở Chiến sĩ thi đua cơ sở Đủ điều kiện")
    d.line(
        "2 Lê Văn Đức Trưởng phòng Văn phòng Sở Chiến sĩ thi đua cơ sở Không đủ điều kiện "
        "Có giải trình"
    )
    d.row("NGƯỜI LẬP BIỂU", "GIÁM ĐỐC")


def test_agency_template_pdf(converted: dict[str, Extracted]) -> None:
    d = converted["template"]
    d.row("Số: 05/QĐ-SNV", "Thái Nguyên, ngày 05 tháng 02 năm 2025")
    d.row("Điều 1. Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024 cho 02 cá nhân.")
    d.line("1 Nguyễn Thị Hương Văn phòng Sở Chiến sĩ thi đua cơ sở 2.340.000")
    assert "{{" not in d.layout and "{%" not in d.layout


def test_fonts_are_embedded_times_compatible(
    converted: dict[str, Extracted], tmp_path: Path
) -> None:
    need("pdffonts", "poppler-utils")
    for name, d in converted.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(d.pdf)
        out = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert out, name
        for line in out:
            font, emb = line.split()[0], line.split()[-5]
            assert re.search(r"\+(LiberationSerif|TimesNewRoman)", font), (name, line)
            assert emb == "yes", (name, line)


def test_conversion_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConversionError, match="Tài liệu thứ 1 không phải tệp DOCX"):
        docx_to_pdf(b"plain text, not a DOCX")
    assert docx_to_pdf_many([]) == []
    need("soffice", "libreoffice-writer-nogui")
    with pytest.raises(ConversionError, match=r"trong 0\.01 giây"):
        docx_to_pdf(render_docx(make_minutes()), timeout=0.01)
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(ConversionError, match="cài gói Debian libreoffice-writer-nogui"):
        docx_to_pdf(render_docx(make_minutes()))
