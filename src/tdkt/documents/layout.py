"""Decree 30/2020 administrative layout for DOCX documents (RULES.md, last section).

A4; Times New Roman; margins top/bottom 20 mm, left 30 mm, right 15 mm; a two-column header
(parent agency regular over issuing agency bold with a short rule | national motto with a rule
as long as its second line), number line and italic place-date, type in bold upper case,
subject in bold, body 13–14 pt, page numbers centred at the top from page 2, signature block
beside "Nơi nhận:" (bold italic 12, entries 11).

Rules are drawn as paragraph borders, not underscores, so the text of a header stays clean
when an officer edits it or when it is extracted from the PDF. Long tables are built from
prototype rows (python-docx's ``row.cells`` is quadratic in the table length).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tdkt.documents.data import Signature, place_date

FONT = "Times New Roman"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
TEXT_WIDTH_MM = 165  # A4 portrait less the 30 + 15 mm side margins
HEADER_WIDTHS_MM = (70, 95)
CELL_PADDING_MM = 3.8  # Word's default 0.19 cm on each side
GRID_PADDING_MM = 2.0  # 1 mm on each side in bordered tables
FIRST_LINE_INDENT = Mm(10)
_TWIPS_PER_MM = 1440 / 25.4

Align = Literal["left", "center", "right", "justify"]
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_WD_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _twips(mm: float) -> str:
    return str(round(mm * _TWIPS_PER_MM))


def new_document(body_pt: int = 13, *, page_numbers: bool = True) -> DocumentObject:
    """An empty A4 document with the Decree 30 margins, font, language and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
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
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    style.paragraph_format.space_after = Pt(3)  # type: ignore[attr-defined]
    style.paragraph_format.space_before = Pt(0)  # type: ignore[attr-defined]
    style.paragraph_format.line_spacing = 1.0  # type: ignore[attr-defined]
    if page_numbers:
        _page_numbers(section, body_pt)
    return doc


def _page_numbers(section: Section, size: int) -> None:
    """Arabic page numbers centred in the top margin, from the second page on."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def add_section(doc: DocumentObject, *, landscape: bool = False) -> Section:
    """Start a new page in a new section (portrait or landscape), same margins."""
    first = doc.sections[0]
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    short, long_ = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long_, short
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = short, long_
    section.top_margin, section.bottom_margin = first.top_margin, first.bottom_margin
    section.left_margin, section.right_margin = first.left_margin, first.right_margin
    return section


def text_width_mm(doc: DocumentObject) -> float:
    """The width between the margins of the last section."""
    s = doc.sections[-1]
    return float((s.page_width - s.left_margin - s.right_margin) / Mm(1))  # type: ignore[operator]


def paragraph(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Align = "left",
    first_line_indent: bool = False,
    space_before: float = 0,
    space_after: float = 3,
    first: bool = False,
) -> Paragraph:
    """Add one paragraph of a single run to a document or a table cell."""
    p = container.paragraphs[0] if first else container.add_paragraph()
    p.alignment = _WD_ALIGN[align]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if first_line_indent:
        fmt.first_line_indent = FIRST_LINE_INDENT
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def rich_paragraph(
    container: Any,
    parts: Sequence[tuple[str, str]],
    *,
    size: float | None = None,
    align: Align = "justify",
    first_line_indent: bool = True,
    space_after: float = 6,
) -> Paragraph:
    """A paragraph of runs, each (text, style) with style a combination of "b" and "i"."""
    p = paragraph(
        container, align=align, first_line_indent=first_line_indent, space_after=space_after
    )
    for text, style in parts:
        run = p.add_run(text)
        run.bold, run.italic = "b" in style, "i" in style
        if size:
            run.font.size = Pt(size)
    return p


def rule(container: Any, length_mm: float, box_mm: float) -> Paragraph:
    """A centred horizontal line *length_mm* long, drawn as the top border of a thin paragraph.

    *box_mm* is the width of the cell or text area the line is centred in.
    """
    p = container.add_paragraph()
    indent = max((box_mm - length_mm) / 2, 0)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    bdr.append(top)
    ppr.append(bdr)
    spacing = OxmlElement("w:spacing")
    for k, v in (("w:before", "60"), ("w:after", "0"), ("w:line", "120"), ("w:lineRule", "exact")):
        spacing.set(qn(k), v)
    ppr.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), _twips(indent))
    ind.set(qn("w:right"), _twips(indent))
    ppr.append(ind)
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "4")
    rpr.append(sz)
    ppr.append(rpr)
    return p


def estimate_width_mm(text: str, size: float, *, bold: bool = False) -> float:
    """A rough printed width of *text* in Times New Roman (enough to size a rule)."""
    em = 0.62 if bold else 0.55
    upper = sum(1 for c in text if c.isupper())
    lower = len(text) - upper
    return (upper * em + lower * em * 0.78) * size * 25.4 / 72


def vn_place_date(place: str, day: dt.date | None) -> str:
    """ "Thái Nguyên, ngày 05 tháng 02 năm 2025" (days < 10 and months 1–2 zero-padded)."""
    return place_date(place, day)


def _set_tbl_pr(table: Table, el: Any) -> None:
    """Put *el* into the table properties where the schema wants it (Word is strict)."""
    tbl_pr = table._tbl.tblPr
    tag = el.tag.split("}")[1]
    seq = _TBL_PR_SEQ[_TBL_PR_SEQ.index(tag) + 1 :]
    for old in tbl_pr.findall(qn(f"w:{tag}")):
        tbl_pr.remove(old)
    tbl_pr.insert_element_before(el, *(f"w:{t}" for t in seq))


_TBL_PR_SEQ = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)  # fmt: skip


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _set_tbl_pr(table, borders)


def _cell_margins(table: Table, mm: float) -> None:
    mar = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), _twips(mm))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    _set_tbl_pr(table, mar)


def _fixed_widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    for col, w in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)


def layout_table(doc: DocumentObject, widths_mm: Sequence[float], rows: int = 1) -> Table:
    """A borderless table of fixed column widths, used to place blocks side by side."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, widths_mm)
    return table


def add_header(
    doc: DocumentObject,
    *,
    parent_agency: str,
    agency: str,
    number_line: str = "",
    place: str = "",
    day: dt.date | None = None,
    date_line: str = "",
) -> None:
    """The two-column header: agencies | national motto, then number | italic place-date.

    *date_line* overrides the place-date built from *place* and *day* (e.g. a draft's blanks).
    """
    left_w, right_w = HEADER_WIDTHS_MM
    date_line = date_line or (vn_place_date(place, day) if place and day else "")
    table = layout_table(doc, HEADER_WIDTHS_MM, rows=2 if (number_line or date_line) else 1)
    left, right = table.rows[0].cells
    first = True
    if parent_agency:
        paragraph(left, parent_agency.upper(), size=12, align="center", space_after=0, first=True)
        first = False
    paragraph(left, agency.upper(), bold=True, size=12, align="center", space_after=0, first=first)
    agency_w = estimate_width_mm(agency.upper(), 12, bold=True)
    rule(left, min(max(agency_w * 0.45, 20.0), left_w * 0.5), left_w - CELL_PADDING_MM)
    paragraph(right, MOTTO, bold=True, size=12, align="center", space_after=0, first=True)
    paragraph(right, MOTTO_2, bold=True, size=13, align="center", space_after=0)
    rule(right, 56.5, right_w - CELL_PADDING_MM)  # the length of MOTTO_2 in 13 pt bold
    if len(table.rows) > 1:
        num, date = table.rows[1].cells
        paragraph(
            num, number_line, size=13, align="center", space_before=6, space_after=0, first=True
        )
        paragraph(
            date,
            date_line,
            italic=True,
            size=13,
            align="center",
            space_before=6,
            space_after=0,
            first=True,
        )
    paragraph(doc, space_after=6)


def add_title(
    doc: DocumentObject, kind: str, subject: str = "", *, size: int = 14, subject_rule: bool = False
) -> None:
    """Document type in bold upper case, then the subject in bold (optionally ruled below)."""
    for text in (kind.upper(), subject):
        if text:
            paragraph(doc, text, bold=True, size=size, align="center", space_after=0)
    if subject_rule:
        w = text_width_mm(doc)
        rule(doc, min(max(estimate_width_mm(subject, size, bold=True) * 0.4, 25.0), w / 3), w)
    paragraph(doc, space_after=6)


@dataclass(frozen=True)
class Cell:
    """A table cell with options: spanning columns, bold, its own alignment."""

    text: str
    span: int = 1
    bold: bool = False
    italic: bool = False
    align: Align | None = None


Row = Sequence["str | Cell"]


def _run_props(size: float, bold: bool, italic: bool) -> Any:
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(OxmlElement("w:b"))
    if italic:
        rpr.append(OxmlElement("w:i"))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        rpr.append(el)
    return rpr


def _tc(
    width_mm: float,
    align: Align,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    span: int = 1,
) -> Any:
    """A prototype <w:tc> holding one paragraph with one empty text run."""
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcw = OxmlElement("w:tcW")
    tcw.set(qn("w:w"), _twips(width_mm))
    tcw.set(qn("w:type"), "dxa")
    tcpr.append(tcw)
    if span > 1:
        gs = OxmlElement("w:gridSpan")
        gs.set(qn("w:val"), str(span))
        tcpr.append(gs)
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    tcpr.append(valign)
    tc.append(tcpr)
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "20")
    spacing.set(qn("w:after"), "20")
    ppr.append(spacing)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), _ALIGN[align])
    ppr.append(jc)
    p.append(ppr)
    r = OxmlElement("w:r")
    r.append(_run_props(size, bold, italic))
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    p.append(r)
    tc.append(p)
    return tc


def _tr(*, header: bool = False) -> Any:
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    tr.append(trpr)
    return tr


def add_grid(
    doc: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Row],
    widths_mm: Sequence[float],
    *,
    aligns: Sequence[Align] | None = None,
    size: float = 12,
) -> Table:
    """A bordered table with a bold header row repeated on every page; fast for long lists.

    A row is a sequence of strings or :class:`Cell` (spanning, bold, aligned); its cells'
    spans must add up to the number of columns.
    """
    n = len(header)
    if len(widths_mm) != n:
        raise ValueError("widths_mm must give one width per column")
    aligns = list(aligns or ["left"] * n)
    table = doc.add_table(rows=0, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, widths_mm)
    _cell_margins(table, GRID_PADDING_MM / 2)
    tbl = table._tbl
    tr = _tr(header=True)
    for text, w in zip(header, widths_mm, strict=True):
        tc = _tc(w, "center", size, bold=True)
        tc.find(".//" + qn("w:t")).text = text
        tr.append(tc)
    tbl.append(tr)
    protos = [_tc(w, a, size) for w, a in zip(widths_mm, aligns, strict=True)]
    proto_tr = _tr()
    t_tag = qn("w:t")
    for row in rows:
        tr = copy.deepcopy(proto_tr)
        col = 0
        for item in row:
            if isinstance(item, Cell):
                span = max(item.span, 1)
                if col + span > n:
                    raise ValueError(f"row spans more than {n} columns: {row!r}")
                tc = _tc(
                    sum(widths_mm[col : col + span]),
                    item.align or aligns[col],
                    size,
                    bold=item.bold,
                    italic=item.italic,
                    span=span,
                )
                text = item.text
            else:
                if col >= n:
                    raise ValueError(f"row has more than {n} cells: {row!r}")
                span, tc, text = 1, copy.deepcopy(protos[col]), item
            t = tc.find(".//" + t_tag)
            if text:
                t.text = text
            else:  # an empty cell keeps its paragraph (and size) but no run
                r = t.getparent()
                r.getparent().remove(r)
            tr.append(tc)
            col += span
        if col != n:
            raise ValueError(f"row covers {col} of {n} columns: {row!r}")
        tbl.append(tr)
    return table


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "").replace(",", "").isdigit()


def add_table(
    doc: DocumentObject,
    header: list[str],
    rows: list[list[str]],
    widths_mm: list[int] | None = None,
    size: int = 12,
) -> None:
    """A bordered table with a bold header row; numeric columns right-aligned."""
    n = len(header)
    widths = list(widths_mm) if widths_mm else [text_width_mm(doc) / n] * n
    aligns: list[Align] = []
    for i in range(n):
        values = [r[i] for r in rows if r[i]]
        aligns.append("right" if values and all(_is_number(v) for v in values) else "left")
    add_grid(doc, header, rows, widths, aligns=aligns, size=size)


def add_signature_block(
    cell: _Cell, sig: Signature, *, size: int = 14, first: bool = True, space_mm: float = 22
) -> None:
    """Authority and title in bold upper case, room to sign, then the name in bold."""
    for i, line in enumerate(sig.lines):
        paragraph(
            cell, line, bold=True, size=size, align="center", space_after=0, first=first and i == 0
        )
    gap = paragraph(cell, space_after=0)
    gap.paragraph_format.line_spacing = Mm(space_mm)
    paragraph(cell, sig.name, bold=True, size=size, align="center", space_after=0)


def add_recipients_and_signature(
    doc: DocumentObject,
    recipients: Sequence[str],
    sig: Signature,
    *,
    widths_mm: tuple[float, float] = (80, 85),
) -> Table:
    """Bottom block: "Nơi nhận:" (bold italic 12, entries 11) | signature block."""
    table = layout_table(doc, widths_mm)
    left, right = table.rows[0].cells
    if recipients:
        paragraph(left, "Nơi nhận:", bold=True, italic=True, size=12, space_after=0, first=True)
        for r in recipients:
            paragraph(left, f"- {r}", size=11, space_after=0)
    add_signature_block(right, sig)
    return table


def add_two_signatures(doc: DocumentObject, left_sig: Signature, right_sig: Signature) -> Table:
    """Two signature blocks side by side (minutes: secretary | chair)."""
    table = layout_table(doc, (80, 85))
    left, right = table.rows[0].cells
    add_signature_block(left, left_sig)
    add_signature_block(right, right_sig)
    return table
