"""Bulk certificates: one page per recipient, exact text, pre-printed positions, bad layouts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
from pathlib import Path

import pytest
from docsamples import make_certificate, need

from tdkt.documents import (
    BLANK_LAYOUT,
    DocumentError,
    FieldSpec,
    FontNotFound,
    LayoutError,
    layout_for,
    load_layout,
    parse_layout,
    render_certificates,
)
from tdkt.documents import fonts as fonts_module
from tdkt.documents.certificates import MM, fit, with_offset
from tdkt.documents.fonts import covers_vietnamese, find_fonts

PREPRINTED = """
mode: preprinted
page: {width: 297, height: 210}
fields:
  recipient: {x: 50, y: 80, size: 20, bold: true}
  achievement: {x: 148.5, y: 120, size: 14, italic: true, align: center, width: 120,
                max_lines: 3, leading: 7}
  decision_number: {x: 250, y: 150, size: 12, align: right}
  day: {x: 200, y: 170, size: 13, align: center}
"""
LONG = (
    "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn 2020 - 2025, "
    "góp phần vào sự nghiệp xây dựng và bảo vệ Tổ quốc"
)


def pdf_pages(pdf: bytes, tmp: Path, mode: str = "-raw") -> list[list[str]]:
    need("pdftotext", "poppler-utils")
    path = tmp / "c.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    pages = out.split("\f")[:-1]
    return [[line.strip() for line in p.splitlines() if line.strip()] for p in pages]


def words(pdf: bytes, tmp: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in millimetres from the top-left, first page."""
    need("pdftotext", "poppler-utils")
    path = tmp / "c.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)'
    return [
        (w, float(a) / MM, float(b) / MM, float(c) / MM, float(d) / MM)
        for a, b, c, d, w in re.findall(pattern, html)
    ]


def test_one_page_per_recipient_with_exact_text(tmp_path: Path) -> None:
    certs = [make_certificate(i) for i in range(40)]
    pdf = render_certificates(certs)
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf, tmp_path)
    assert len(pages) == 40
    assert pages[0] == [
        "TẶNG",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        "BẰNG KHEN",
        "Bà Nguyễn Thị Hương",
        "Chuyên viên Văn phòng Sở Nội vụ",
        "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2024",
        "Quyết định số 123/QĐ-UBND ngày 05/02/2025",
        "Số sổ: 45",
        "Thái Nguyên, ngày 05 tháng 02 năm 2025",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ]
    names = [p[3] for p in pages]
    assert names[:4] == [
        "Bà Nguyễn Thị Hương",
        "Ông Lê Văn Đức",
        "Bà Phạm Thị Ngọc Ánh",
        "Ông Đặng Quốc Việt",
    ]
    assert names[39] == "Ông Đặng Quốc Việt 39"
    assert len(set(names)) == 40


def test_giay_khen_title_and_long_achievement_wraps(tmp_path: Path) -> None:
    pdf = render_certificates([make_certificate(kind="Giấy khen", achievement=LONG)])
    page = pdf_pages(pdf, tmp_path, "-layout")[0]
    assert "GIẤY KHEN" in page
    i = page.index(next(line for line in page if line.startswith("Đã có")))
    assert page[i : i + 2] == [  # every word kept, over two lines
        "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn 2020 - 2025, góp "
        "phần vào sự",
        "nghiệp xây dựng và bảo vệ Tổ quốc",
    ]


def test_preprinted_positions(tmp_path: Path) -> None:
    spec = tmp_path / "certificate.yaml"
    spec.write_text(PREPRINTED, encoding="utf-8")
    layout = load_layout(spec)
    cert = make_certificate(0, achievement=LONG, date=dt.date(2025, 11, 5))
    got = words(render_certificates([cert], layout), tmp_path)
    # Only the variable text is printed: no title, issuer, "TẶNG" or signer.
    text = " ".join(w[0] for w in got)
    assert text == "Bà Nguyễn Thị Hương " + LONG + " 123/QĐ-UBND 05"

    first = got[0]  # "Bà", left-aligned at (50, 80)
    assert first[0] == "Bà"
    assert first[1] == pytest.approx(50, abs=0.3)
    assert first[2] < 80 < first[4] and first[4] - 80 < 3

    number = next(w for w in got if w[0] == "123/QĐ-UBND")  # right-aligned at x = 250
    assert number[3] == pytest.approx(250, abs=0.3)
    assert number[2] < 150 < number[4]

    day = got[-1]  # centred on x = 200
    assert day[0] == "05"
    assert (day[1] + day[3]) / 2 == pytest.approx(200, abs=0.3)
    assert day[2] < 170 < day[4]

    achievement = got[4:-2]
    lines: dict[float, list[tuple[str, float, float, float, float]]] = {}
    for w in achievement:
        lines.setdefault(round(w[4], 1), []).append(w)
    assert 2 <= len(lines) <= 3
    baselines = sorted(lines)
    for a, b in itertools.pairwise(baselines):
        assert b - a == pytest.approx(7, abs=0.2)  # the configured leading
    for ws in lines.values():
        left, right = ws[0][1], ws[-1][3]
        assert right - left <= 120
        assert (left + right) / 2 == pytest.approx(148.5, abs=0.3)

    shifted = words(render_certificates([cert], with_offset(layout, 2, -1)), tmp_path)
    assert shifted[0][1] == pytest.approx(52, abs=0.3)
    assert shifted[0][4] == pytest.approx(first[4] - 1, abs=0.1)


def test_layout_files_per_agency_and_kind(tmp_path: Path) -> None:
    assert layout_for(None, "Bằng khen") is BLANK_LAYOUT
    assert layout_for(tmp_path, "Bằng khen") is BLANK_LAYOUT
    (tmp_path / "certificate.yaml").write_text(PREPRINTED, encoding="utf-8")
    raw = {"mode": "preprinted", "fields": {"recipient": {"x": 10, "y": 20}}}
    (tmp_path / "certificate_bang_khen.json").write_text(json.dumps(raw), encoding="utf-8")
    bk = layout_for(tmp_path, "Bằng khen")
    assert bk.mode == "preprinted" and set(bk.fields) == {"recipient"}
    assert bk.fields["recipient"] == FieldSpec(x=10, y=20)
    gk = layout_for(tmp_path, "Giấy khen")
    assert set(gk.fields) == {"recipient", "achievement", "decision_number", "day"}
    assert not gk.frame and BLANK_LAYOUT.frame


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "phải là một bảng khóa"),
        ({"mode": "fancy", "fields": {}}, "mode phải là blank"),
        ({"mode": "blank"}, "cần ít nhất một trường"),
        ({"mode": "blank", "colour": 1, "fields": {}}, "khóa không hợp lệ colour"),
        ({"mode": "blank", "fields": {"name": {"x": 1, "y": 1}}}, "trường không có: name"),
        ({"mode": "blank", "fields": {"recipient": {"y": 1}}}, "thiếu tọa độ x"),
        (
            {"mode": "blank", "fields": {"recipient": {"x": 1, "y": 1, "font": "A"}}},
            "khóa không hợp lệ font",
        ),
        (
            {"mode": "blank", "fields": {"recipient": {"x": 300, "y": 1}}},
            r"vị trí \(300, 1\) mm nằm ngoài trang 297.0×210.0 mm",
        ),
        ({"mode": "blank", "fields": {"recipient": {"x": "a", "y": 1}}}, "phải là số"),
        ({"mode": "blank", "fields": {"recipient": {"x": 1, "y": 1, "size": 0}}}, "phải dương"),
        (
            {"mode": "blank", "fields": {"recipient": {"x": 1, "y": 1, "align": "middle"}}},
            "align phải là",
        ),
        (
            {"mode": "blank", "fields": {"recipient": {"x": 1, "y": 1, "color": "red"}}},
            "màu phải có dạng",
        ),
        (
            {"mode": "blank", "fields": {"recipient": {"x": 1, "y": 1, "text": "A"}}},
            "khóa không hợp lệ text",
        ),
        (
            {
                "mode": "preprinted",
                "fields": {"recipient": {"x": 1, "y": 1}},
                "static": [{"x": 1, "y": 1, "text": "TẶNG"}],
            },
            "static chỉ dùng cho mode: blank",
        ),
        (
            {
                "mode": "blank",
                "fields": {"recipient": {"x": 1, "y": 1}},
                "static": [{"x": 1, "y": 1}],
            },
            "thiếu nội dung text",
        ),
        (
            {"mode": "blank", "page": {"width": 10}, "fields": {"recipient": {"x": 1, "y": 1}}},
            "khổ giấy 10.0×210.0 mm không hợp lệ",
        ),
    ],
)
def test_bad_layouts_are_refused(raw: object, message: str) -> None:
    with pytest.raises(LayoutError, match=message):
        parse_layout(raw, name="bk.yaml")


def test_unreadable_layout_file(tmp_path: Path) -> None:
    bad = tmp_path / "certificate.yaml"
    bad.write_text("mode: [unclosed", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"Không đọc được tệp bố cục certificate\.yaml"):
        load_layout(bad)
    with pytest.raises(LayoutError, match=r"Không đọc được tệp bố cục nope\.yaml"):
        load_layout(tmp_path / "nope.yaml")


def test_fit_shrinks_then_keeps_every_word() -> None:
    font = "TDKT-LiberationSerif"
    render_certificates([make_certificate()])  # registers the fonts
    size, lines = fit(LONG, FieldSpec(x=0, y=0, size=16, width=120, max_lines=2), font)
    assert size < 16 and len(lines) == 2 and " ".join(lines) == LONG
    size, lines = fit("Ngắn", FieldSpec(x=0, y=0, size=16, width=120), font)
    assert (size, lines) == (16, ("Ngắn",))
    size, lines = fit(LONG, FieldSpec(x=0, y=0, size=16, width=20, max_lines=2), font)
    assert size == pytest.approx(16 * 0.7, abs=0.5)
    assert len(lines) == 2 and " ".join(lines) == LONG


def test_bad_input_produces_nothing() -> None:
    with pytest.raises(DocumentError, match="Không có giấy khen, bằng khen nào để in"):
        render_certificates([])
    with pytest.raises(DocumentError, match="Cần CertificateDoc, nhận str"):
        render_certificates(["Nguyễn Thị Hương"])  # type: ignore[list-item]


def test_fonts_must_cover_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = find_fonts()
    assert files.family in ("Liberation Serif", "DejaVu Serif")
    assert covers_vietnamese(files.regular)
    not_a_font = tmp_path / "x.ttf"
    not_a_font.write_bytes(b"\0" * 64)
    assert not covers_vietnamese(not_a_font)
    monkeypatch.setattr(fonts_module, "VIETNAMESE_PROBE", "ễ\ue000")  # a letter no font has
    assert not covers_vietnamese(files.regular)
    with pytest.raises(FontNotFound, match="Cài gói Debian fonts-liberation2"):
        find_fonts(("Phông Không Có",))
