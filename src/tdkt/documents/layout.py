"""Decree 30/2020 administrative layout for DOCX documents (RULES.md, last section).

A4; Times New Roman; margins top/bottom 20 mm, left 30 mm, right 15 mm; a two-column header
(issuing agency | national motto), body 13–14 pt.
"""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

FONT = "Times New Roman"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def new_document(body_pt: int = 13) -> DocumentObject:
    """An empty A4 document with the Decree 30 margins and font."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT  # type: ignore[attr-defined]
    style.font.size = Pt(body_pt)  # type: ignore[attr-defined]
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(3)  # type: ignore[attr-defined]
    return doc


def _line(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False,
          size: int = 13, first: bool = False) -> None:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def vn_place_date(place: str, day: dt.date) -> str:
    """"Thái Nguyên, ngày 05 tháng 02 năm 2025" (days < 10 and months 1–2 zero-padded)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def add_header(doc: DocumentObject, *, parent_agency: str, agency: str, number_line: str = "",
               place: str = "", day: dt.date | None = None) -> None:
    """The two-column header: agency and number | national motto and place-date."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    _line(left, parent_agency.upper(), size=12, first=True)
    _line(left, agency.upper(), bold=True, size=12)
    _line(left, "________", size=12)
    if number_line:
        _line(left, number_line, size=13)
    _line(right, MOTTO, bold=True, size=12, first=True)
    _line(right, MOTTO_2, bold=True, size=13)
    _line(right, "________________", size=12)
    if place and day:
        _line(right, vn_place_date(place, day), italic=True, size=13)
    doc.add_paragraph()


def add_title(doc: DocumentObject, kind: str, subject: str = "") -> None:
    """Document type in bold upper case, then the subject in bold."""
    for text, size in ((kind.upper(), 14), (subject, 14)):
        if not text:
            continue
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.font.size = True, Pt(size)


def add_table(doc: DocumentObject, header: list[str], rows: list[list[str]],
              widths_mm: list[int] | None = None, size: int = 12) -> None:
    """A bordered table with a bold header row; numbers right-aligned."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(size)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(size)
            if text.replace(".", "").isdigit():
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths_mm:
        for row in table.rows:
            for cell, w in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(w)
