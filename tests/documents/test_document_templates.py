"""Agency DOCX templates (docxtpl): rendering, fallback, and clear errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docsamples import make_decision, make_minutes, make_round_list, make_submission
from docx import Document

from tdkt.documents import TemplateError, render_docx, starter_template
from tdkt.documents.templates import context


def texts(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out.append(" | ".join(c.text for c in row.cells))
    return out


def one_paragraph_template(path: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    doc.save(path)
    return path


@pytest.mark.parametrize(
    ("kind", "make", "expected"),
    [
        (
            "decision",
            make_decision,
            [
                "Số: 05/QĐ-SNV | Thái Nguyên, ngày 05 tháng 02 năm 2025",
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
                "KT. GIÁM ĐỐC",
                "PHÓ GIÁM ĐỐC",
                "- Như Điều 2;",
                "1 | Nguyễn Thị Hương | Văn phòng Sở | Chiến sĩ thi đua cơ sở | 2.340.000",
            ],
        ),
        (
            "submission",
            make_submission,
            [
                "Số: 12/TTr-SNV | Thái Nguyên, ngày 15 tháng 12 năm 2025",
                "TỜ TRÌNH",
                "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh",
            ],
        ),
        (
            "minutes",
            make_minutes,
            [
                "Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 11 năm 2025.",
                "Thành phần tham dự: 10/11 thành viên Hội đồng có mặt.",
                "2 | Lê Văn Đức | Chiến sĩ thi đua cơ sở | 8 | 72,7% | Không đạt",
            ],
        ),
        (
            "round_list",
            make_round_list,
            [
                "DANH SÁCH TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG",
                "2 | Lê Văn Đức | Văn phòng Sở | Chiến sĩ thi đua cơ sở | Có giải trình",
            ],
        ),
    ],
)
def test_starter_templates_render(
    tmp_path: Path, kind: str, make: object, expected: list[str]
) -> None:
    (tmp_path / f"{kind}.docx").write_bytes(starter_template(kind))
    out = texts(render_docx(make(), template_dir=tmp_path))  # type: ignore[operator]
    for line in expected:
        assert line in out, (line, out)
    assert not any("{{" in t or "{%" in t for t in out)


def test_kinds_without_a_template_use_the_builtin_layout(tmp_path: Path) -> None:
    (tmp_path / "decision.docx").write_bytes(starter_template("decision"))
    builtin = render_docx(make_submission())
    fallback = render_docx(make_submission(), template_dir=tmp_path)
    assert texts(fallback) == texts(builtin)
    assert "TỜ TRÌNH" in texts(fallback)


def test_values_are_escaped(tmp_path: Path) -> None:
    one_paragraph_template(tmp_path / "decision.docx", "{{ subject }}")
    out = render_docx(make_decision(subject="Về việc A & B <C>"), template_dir=tmp_path)
    assert texts(out)[0] == "Về việc A & B <C>"


def test_template_errors(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="Thư mục mẫu văn bản không tồn tại"):
        render_docx(make_decision(), template_dir=tmp_path / "missing")
    one_paragraph_template(tmp_path / "decision.docx", "{{ numbr_line }}")
    with pytest.raises(TemplateError, match=r"Mẫu decision\.docx: 'numbr_line' is undefined"):
        render_docx(make_decision(), template_dir=tmp_path)
    one_paragraph_template(tmp_path / "decision.docx", "{{ agency ")
    with pytest.raises(TemplateError, match=r"Mẫu decision.docx \(dòng \d+\)"):
        render_docx(make_decision(), template_dir=tmp_path)
    one_paragraph_template(
        tmp_path / "decision.docx", "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    )
    with pytest.raises(TemplateError, match="unsafe"):
        render_docx(make_decision(), template_dir=tmp_path)
    (tmp_path / "decision.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="không phải tệp DOCX hợp lệ"):
        render_docx(make_decision(), template_dir=tmp_path)
    with pytest.raises(TemplateError, match="Loại mẫu “letter” không có"):
        starter_template("letter")


def test_context_variables() -> None:
    ctx = context(make_decision())
    assert ctx["number_line"] == "Số: 05/QĐ-SNV"
    assert ctx["place_date"] == "Thái Nguyên, ngày 05 tháng 02 năm 2025"
    assert ctx["doc_type_upper"] == "QUYẾT ĐỊNH"
    assert ctx["total_money_text"] == "8.190.000"
    assert ctx["signature"]["authority_line"] == "KT. GIÁM ĐỐC"
    assert [(r["stt"], r["group_start"], r["money_text"]) for r in ctx["rows"]] == [
        (1, True, "2.340.000"),
        (2, False, "2.340.000"),
        (1, True, "3.510.000"),
    ]
    m = context(make_minutes())
    assert m["ended_text"] == "10 giờ 30 phút, ngày 05 tháng 11 năm 2025"
    assert [(v["share"], v["result"]) for v in m["votes"]] == [
        ("90,9%", "Đạt"),
        ("72,7%", "Không đạt"),
    ]
