"""Built-in DOCX layouts opened with python-docx: texts, fonts, margins, bold/italic."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from docsamples import ROWS, make_decision, make_minutes, make_round_list, make_submission
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from tdkt.documents import DocumentError, ListRow, render_docx
from tdkt.documents.layout import FONT, Cell, add_grid, add_header, new_document


def load(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def paragraphs(doc: DocumentObject) -> Iterator[Paragraph]:
    """Every paragraph of the body, tables included, in order."""
    from docx.table import Table

    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs
        else:
            yield block


def find(doc: DocumentObject, text: str) -> Paragraph:
    matches = [p for p in paragraphs(doc) if p.text == text]
    assert len(matches) == 1, f"{text!r} found {len(matches)} times"
    return matches[0]


def style_of(p: Paragraph) -> tuple[bool, bool, float]:
    """(bold, italic, size in pt) of a single-run paragraph."""
    runs = [r for r in p.runs if r.text]
    assert len(runs) == 1, [r.text for r in runs]
    r = runs[0]
    size = r.font.size or p.style.font.size
    return bool(r.bold), bool(r.italic), size.pt


def is_rule(p: Paragraph) -> bool:
    return p.text == "" and p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}") is not None


def grid(table: object) -> list[list[str]]:
    rows = []
    for tr in table._tbl.tr_lst:  # type: ignore[attr-defined]
        rows.append(["".join(t.text for t in tc.iter(qn("w:t"))) for tc in tr.tc_lst])
    return rows


def mm(*lengths: object) -> tuple[float, ...]:
    """Lengths in millimetres to 0.1 mm (DOCX stores twips)."""
    return tuple(round(x.mm, 1) for x in lengths)  # type: ignore[attr-defined]


def assert_decree_page(doc: DocumentObject) -> None:
    s = doc.sections[0]
    assert mm(s.page_width, s.page_height) in ((210, 297), (297, 210))
    assert mm(s.top_margin, s.bottom_margin, s.left_margin, s.right_margin) == (20, 20, 30, 15)
    normal = doc.styles["Normal"]
    assert normal.font.name == FONT
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {FONT}
    for p in paragraphs(doc):
        for r in p.runs:
            assert r.font.name in (None, FONT), (p.text, r.font.name)


def test_decision_layout() -> None:
    doc = load(render_docx(make_decision()))
    assert_decree_page(doc)
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["UBND TỈNH THÁI NGUYÊN", "SỞ NỘI VỤ", ""]
    assert style_of(left.paragraphs[0]) == (False, False, 12)
    assert style_of(left.paragraphs[1]) == (True, False, 12)
    assert is_rule(left.paragraphs[2])
    assert [p.text for p in right.paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
    ]
    assert style_of(right.paragraphs[0]) == (True, False, 12)
    assert style_of(right.paragraphs[1]) == (True, False, 13)
    assert is_rule(right.paragraphs[2])
    number, date = header.rows[1].cells
    assert number.text == "Số: 05/QĐ-SNV"
    assert style_of(number.paragraphs[0]) == (False, False, 13)
    assert date.text == "Thái Nguyên, ngày 05 tháng 02 năm 2025"
    assert style_of(date.paragraphs[0]) == (False, True, 13)

    assert style_of(find(doc, "QUYẾT ĐỊNH")) == (True, False, 14)
    assert style_of(find(doc, "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024")) == (
        True,
        False,
        14,
    )
    assert style_of(find(doc, "GIÁM ĐỐC SỞ NỘI VỤ TỈNH THÁI NGUYÊN")) == (True, False, 14)
    basis = find(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    assert style_of(basis) == (False, True, 14)
    assert mm(basis.paragraph_format.first_line_indent) == (10,)
    assert style_of(find(doc, "QUYẾT ĐỊNH:")) == (True, False, 14)
    art = find(doc, "Điều 1. Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024 cho 02 cá nhân.")
    assert [(r.text, bool(r.bold), r.font.size.pt) for r in art.runs] == [
        ("Điều 1. ", True, 14),
        ("Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024 cho 02 cá nhân.", False, 14),
    ]
    find(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")

    # Signature block beside "Nơi nhận:".
    assert style_of(find(doc, "Nơi nhận:")) == (True, True, 12)
    assert style_of(find(doc, "- Như Điều 2;")) == (False, False, 11)
    assert style_of(find(doc, "- Lưu: VT, TĐKT.")) == (False, False, 11)
    for line in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình"):
        assert style_of(find(doc, line)) == (True, False, 14)

    # The attached list on a new portrait page with the reference line.
    assert len(doc.sections) == 2
    assert mm(doc.sections[1].page_width, doc.sections[1].page_height) == (210, 297)
    assert style_of(find(doc, "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG")) == (True, False, 14)
    ref = "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/02/2025 của Giám đốc Sở Nội vụ)"
    assert style_of(find(doc, ref)) == (False, True, 14)
    table = doc.tables[-1]
    assert grid(table) == [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức", "Năm", "Số tiền (đồng)"],
        ["I. Cá nhân"],
        [
            "1",
            "Nguyễn Thị Hương",
            "Chuyên viên",
            "Văn phòng Sở",
            "Chiến sĩ thi đua cơ sở",
            "2024",
            "2.340.000",
        ],
        [
            "2",
            "Lê Văn Đức",
            "Trưởng phòng",
            "Phòng Thi đua - Khen thưởng",
            "Chiến sĩ thi đua cơ sở",
            "2024",
            "2.340.000",
        ],
        ["II. Tập thể"],
        [
            "1",
            "Phòng Lao động - Việc làm",
            "",
            "Sở Nội vụ",
            "Tập thể lao động xuất sắc",
            "2024",
            "3.510.000",
        ],
        ["Tổng cộng", "8.190.000"],
    ]
    header_row = table._tbl.tr_lst[0]
    assert header_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(c.bold for c in table.rows[0].cells[0].paragraphs[0].runs)
    # Page numbers in the header from page 2 only.
    sec = doc.sections[0]
    assert sec.different_first_page_header_footer
    assert "PAGE" in sec.header._element.xml
    assert sec.first_page_header.paragraphs[0].text == ""


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2025, 2, 5), "Thái Nguyên, ngày 05 tháng 02 năm 2025"),
        (dt.date(2025, 12, 15), "Thái Nguyên, ngày 15 tháng 12 năm 2025"),
        (dt.date(2025, 11, 5), "Thái Nguyên, ngày 05 tháng 11 năm 2025"),
    ],
)
def test_number_and_date_lines(day: dt.date, line: str) -> None:
    doc = load(render_docx(make_decision(date=day, number=7)))
    number, date = doc.tables[0].rows[1].cells
    assert (number.text, date.text) == ("Số: 07/QĐ-SNV", line)
    ref = find(
        doc, f"(Kèm theo Quyết định số 07/QĐ-SNV ngày {day:%d/%m/%Y} của Giám đốc Sở Nội vụ)"
    )
    assert ref.runs[0].italic


def test_draft_decision_leaves_number_and_date_blank() -> None:
    doc = load(render_docx(make_decision(number=None, date=None, rows=(), list_title="")))
    number, date = doc.tables[0].rows[1].cells
    assert number.text == "Số:      /QĐ-SNV"
    assert date.text == "Thái Nguyên, ngày     tháng     năm     "
    assert len(doc.sections) == 1  # no attached list without rows


def test_landscape_list_without_money_or_year() -> None:
    rows = (
        ListRow(
            name="Nguyễn Thị Hương",
            position="Chuyên viên",
            unit="Văn phòng Sở",
            award="Lao động tiên tiến",
        ),
    )
    doc = load(render_docx(make_decision(rows=rows, list_landscape=True)))
    s = doc.sections[1]
    assert mm(s.page_width, s.page_height) == (297, 210)
    assert mm(s.top_margin, s.left_margin) == (20, 30)
    assert grid(doc.tables[-1]) == [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức"],
        ["1", "Nguyễn Thị Hương", "Chuyên viên", "Văn phòng Sở", "Lao động tiên tiến"],
    ]


def test_submission_layout() -> None:
    doc = load(render_docx(make_submission()))
    assert_decree_page(doc)
    number, date = doc.tables[0].rows[1].cells
    assert (number.text, date.text) == ("Số: 12/TTr-SNV", "Thái Nguyên, ngày 15 tháng 12 năm 2025")
    assert style_of(find(doc, "TỜ TRÌNH")) == (True, False, 14)
    assert style_of(find(doc, "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh")) == (
        True,
        False,
        14,
    )
    assert style_of(find(doc, "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh")) == (
        False,
        False,
        14,
    )
    body = find(doc, "Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét, quyết định./.")
    assert style_of(body) == (False, False, 14)
    assert style_of(find(doc, "GIÁM ĐỐC")) == (True, False, 14)
    assert style_of(find(doc, "Hoàng Minh Tuấn")) == (True, False, 14)
    find(doc, "(Kèm theo Tờ trình số 12/TTr-SNV ngày 15/12/2025 của Sở Nội vụ)")
    assert [r[1] for r in grid(doc.tables[-1])[2:4]] == ["Nguyễn Thị Hương", "Lê Văn Đức"]
    many = load(render_docx(make_submission(addressees=("Chủ tịch UBND tỉnh", "Ban Thi đua"))))
    texts = [p.text for p in many.paragraphs]
    i = texts.index("Kính gửi:")
    assert texts[i + 1 : i + 3] == ["- Chủ tịch UBND tỉnh;", "- Ban Thi đua;"]


def test_minutes_layout() -> None:
    doc = load(render_docx(make_minutes()))
    assert_decree_page(doc)
    assert len(doc.tables[0].rows) == 2
    number, date = doc.tables[0].rows[1].cells
    assert (number.text, date.text) == ("Số: 03/BB-HĐTĐKT", "")  # Mẫu 1.5: no place-date
    assert style_of(find(doc, "BIÊN BẢN")) == (True, False, 14)
    start = find(doc, "Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 11 năm 2025.")
    assert [(r.text, bool(r.bold)) for r in start.runs] == [
        ("Thời gian bắt đầu: ", True),
        ("08 giờ 00 phút, ngày 05 tháng 11 năm 2025.", False),
    ]
    find(doc, "Thành phần tham dự: 10/11 thành viên Hội đồng có mặt:")
    find(doc, "- Thành viên số 10;")
    find(doc, "Vắng mặt: Ông Đỗ Văn Hải (đi công tác).")
    find(doc, "Chủ trì: Ông Hoàng Minh Tuấn - Giám đốc Sở, Chủ tịch Hội đồng")
    find(doc, "Hình thức biểu quyết: bỏ phiếu kín.")
    find(doc, "(Tỷ lệ tính trên tổng số 11 thành viên Hội đồng)")
    assert grid(doc.tables[1]) == [
        [
            "STT",
            "Họ và tên, tập thể",
            "Đơn vị",
            "Danh hiệu, hình thức",
            "Đồng ý",
            "Không đồng ý",
            "Không biểu quyết",
            "Tỷ lệ đồng ý",
            "Kết quả",
        ],
        [
            "1",
            "Nguyễn Thị Hương",
            "Văn phòng Sở",
            "Chiến sĩ thi đua cơ sở",
            "10",
            "0",
            "0",
            "90,9%",
            "Đạt",
        ],
        [
            "2",
            "Lê Văn Đức",
            "Phòng Thi đua - Khen thưởng",
            "Chiến sĩ thi đua cơ sở",
            "8",
            "2",
            "0",
            "72,7%",
            "Không đạt",
        ],
    ]
    find(doc, "Cuộc họp kết thúc vào 10 giờ 30 phút, ngày 05 tháng 11 năm 2025./.")
    left, right = doc.tables[2].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["THƯ KÝ", "Vũ Thị Lan"]
    assert [p.text for p in right.paragraphs if p.text] == ["CHỦ TỌA", "Hoàng Minh Tuấn"]


def test_round_list_layout() -> None:
    doc = load(render_docx(make_round_list()))
    assert_decree_page(doc)
    s = doc.sections[0]
    assert mm(s.page_width, s.page_height) == (297, 210)
    assert doc.tables[0].rows[1].cells[1].text == "Thái Nguyên, ngày 05 tháng 11 năm 2025"
    assert style_of(find(doc, "DANH SÁCH TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG")) == (True, False, 14)
    assert style_of(find(doc, "Đợt xét khen thưởng tổng kết năm 2024")) == (True, False, 14)
    assert grid(doc.tables[1])[1:] == [
        [
            "1",
            "Nguyễn Thị Hương",
            "Chuyên viên",
            "Văn phòng Sở",
            "Chiến sĩ thi đua cơ sở",
            "Đủ điều kiện",
            "",
        ],
        [
            "2",
            "Lê Văn Đức",
            "Trưởng phòng",
            "Văn phòng Sở",
            "Chiến sĩ thi đua cơ sở",
            "Không đủ điều kiện",
            "Có giải trình",
        ],
    ]
    left, right = doc.tables[2].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["NGƯỜI LẬP BIỂU", "Vũ Thị Lan"]
    assert [p.text for p in right.paragraphs if p.text] == ["GIÁM ĐỐC", "Hoàng Minh Tuấn"]


def test_five_hundred_line_decision() -> None:
    rows = tuple(
        ListRow(
            name=f"Nguyễn Văn {i}",
            position="Chuyên viên",
            unit="Văn phòng",
            award="Lao động tiên tiến",
            year=2024,
            money=702_000,
        )
        for i in range(500)
    )
    doc = load(render_docx(make_decision(rows=rows)))
    g = grid(doc.tables[-1])
    assert len(g) == 1 + 500 + 1
    assert g[500] == [
        "500",
        "Nguyễn Văn 499",
        "Chuyên viên",
        "Văn phòng",
        "Lao động tiên tiến",
        "2024",
        "702.000",
    ]
    assert g[-1] == ["Tổng cộng", "351.000.000"]


def test_header_without_number_keeps_one_row() -> None:
    """The summary report's use: agencies and motto only."""
    doc = new_document()
    add_header(doc, parent_agency="UBND tỉnh Thái Nguyên", agency="Sở Nội vụ")
    assert len(doc.tables[0].rows) == 1
    assert doc.tables[0].rows[0].cells[1].text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    )


def test_unknown_document_type_is_refused() -> None:
    with pytest.raises(DocumentError, match="Không có bố cục văn bản cho ListRow"):
        render_docx(ROWS[0])  # type: ignore[arg-type]


def test_grid_rejects_rows_that_do_not_fit() -> None:
    doc = new_document()
    with pytest.raises(ValueError, match="covers 1 of 2 columns"):
        add_grid(doc, ["A", "B"], [["x"]], [10, 10])
    with pytest.raises(ValueError, match="more than 2 cells"):
        add_grid(doc, ["A", "B"], [["x", "y", "z"]], [10, 10])
    with pytest.raises(ValueError, match="spans more than 2 columns"):
        add_grid(doc, ["A", "B"], [["x", Cell("y", span=2)]], [10, 10])
    with pytest.raises(ValueError, match="one width per column"):
        add_grid(doc, ["A", "B"], [], [10])


def test_rows_keep_their_order_and_group_numbering() -> None:
    rows = (*ROWS, ListRow(name="Đặng Quốc Việt", unit="Sở", award="Giấy khen", group="I. Cá nhân"))
    g = grid(load(render_docx(make_decision(rows=rows))).tables[-1])
    # A group that comes back after another starts again with its heading.
    assert [r[0] for r in g[1:]] == [
        "I. Cá nhân",
        "1",
        "2",
        "II. Tập thể",
        "1",
        "I. Cá nhân",
        "1",
        "Tổng cộng",
    ]
