"""Built-in DOCX layouts (Decree 30/2020) for decisions, submissions, minutes and round lists.

Each ``build_*`` returns a python-docx Document; :func:`render_docx` returns the bytes of the
agency's template when it has one for the kind (see :mod:`tdkt.documents.templates`) and of
the built-in layout otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from docx.document import Document as DocumentObject

from tdkt.documents import layout as L
from tdkt.documents.data import (
    DecisionDoc,
    ListRow,
    MinutesDoc,
    RoundListDoc,
    SubmissionDoc,
    _WithList,
    money_text,
    place_date,
)
from tdkt.documents.errors import DocumentError
from tdkt.documents.layout import Align, Cell

BODY_PT = 14
AnyDoc = DecisionDoc | SubmissionDoc | MinutesDoc | RoundListDoc


class _Grouped(Protocol):
    @property
    def group(self) -> str: ...


R = TypeVar("R", bound=_Grouped)


def _save(doc: DocumentObject) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _header(
    doc: DocumentObject, d: DecisionDoc | SubmissionDoc | MinutesDoc, date_line: str = ""
) -> None:
    L.add_header(
        doc,
        parent_agency=d.parent_agency,
        agency=d.agency,
        number_line=d.number_line,
        date_line=date_line,
    )
    doc.core_properties.title = f"{d.doc_type} {d.number_code.strip()} {d.subject}"
    doc.core_properties.author = d.agency


def _body(doc: DocumentObject, text: str, *, italic: bool = False) -> None:
    L.paragraph(
        doc,
        text,
        italic=italic,
        size=BODY_PT,
        align="justify",
        first_line_indent=True,
        space_after=6,
    )


def _scaled(widths: Sequence[float], total: float) -> list[float]:
    s = sum(widths)
    return [w * total / s for w in widths]


def _numbered(rows: Sequence[R], n_cols: int, cells: Callable[[R], list[str]]) -> list[L.Row]:
    """Rows numbered from 1 within each group, with a bold heading row per group."""
    out: list[L.Row] = []
    group: str | None = None
    i = 0
    for item in rows:
        if item.group != group:
            group, i = item.group, 0
            if item.group:
                out.append([Cell(item.group, span=n_cols, bold=True, align="left")])
        i += 1
        out.append([str(i), *cells(item)])
    return out


def add_attached_list(doc: DocumentObject, d: _WithList) -> None:
    """The attached list on a new page: title, "(Kèm theo ...)", and the table with totals."""
    L.add_section(doc, landscape=d.list_landscape)
    L.paragraph(doc, d.list_title.upper(), bold=True, size=BODY_PT, align="center", space_after=0)
    L.paragraph(doc, d.list_reference, italic=True, size=BODY_PT, align="center", space_after=0)
    width = L.text_width_mm(doc)
    L.rule(doc, 40, width)
    L.paragraph(doc, space_after=3)
    has_year = any(r.year for r in d.rows)
    has_money = d.total_money is not None
    cols: list[tuple[str, float, Align]] = [
        ("STT", 12, "center"),
        (d.name_header, 38, "left"),
        ("Chức vụ", 25, "left"),
        ("Đơn vị", 36, "left"),
        ("Danh hiệu, hình thức", 30, "left"),
    ]
    if has_year:
        cols.append(("Năm", 12, "center"))
    if has_money:
        cols.append(("Số tiền (đồng)", 22, "right"))

    def cells(r: ListRow) -> list[str]:
        out = [r.name, r.position, r.unit, r.award]
        if has_year:
            out.append(str(r.year) if r.year else "")
        if has_money:
            out.append(money_text(r.money))
        return out

    rows = _numbered(d.rows, len(cols), cells)
    if has_money:
        rows.append(
            [
                Cell("Tổng cộng", span=len(cols) - 1, bold=True, align="center"),
                Cell(money_text(d.total_money), bold=True),
            ]
        )
    L.add_grid(
        doc,
        [c[0] for c in cols],
        rows,
        _scaled([c[1] for c in cols], width),
        aligns=[c[2] for c in cols],
        size=12,
    )


def build_decision(d: DecisionDoc) -> DocumentObject:
    """Quyết định: header, title, authority, legal bases, articles, signature, attached list."""
    doc = L.new_document(BODY_PT)
    _header(doc, d, d.place_date)
    L.add_title(doc, d.doc_type, d.subject, subject_rule=True)
    L.paragraph(doc, d.authority.upper(), bold=True, size=BODY_PT, align="center", space_after=6)
    for basis in d.legal_bases:
        _body(doc, basis, italic=True)
    L.paragraph(
        doc,
        f"{d.doc_type.upper()}:",
        bold=True,
        size=BODY_PT,
        align="center",
        space_before=6,
        space_after=6,
    )
    for i, text in enumerate(d.articles, start=1):
        L.rich_paragraph(doc, [(f"Điều {i}. ", "b"), (text, "")], size=BODY_PT)
    L.paragraph(doc, space_after=0)
    L.add_recipients_and_signature(doc, d.recipients, d.signature)
    if d.rows:
        add_attached_list(doc, d)
    return doc


def build_submission(d: SubmissionDoc) -> DocumentObject:
    """Tờ trình: header, title, "Kính gửi:", body, signature, attached list."""
    doc = L.new_document(BODY_PT)
    _header(doc, d, d.place_date)
    L.add_title(doc, d.doc_type, d.subject, subject_rule=True)
    if len(d.addressees) == 1:
        L.paragraph(
            doc, f"Kính gửi: {d.addressees[0]}", size=BODY_PT, align="center", space_after=12
        )
    else:
        L.paragraph(doc, "Kính gửi:", size=BODY_PT, align="center", space_after=0)
        for a in d.addressees:
            L.paragraph(doc, f"- {a};", size=BODY_PT, align="center", space_after=0)
        L.paragraph(doc, space_after=6)
    for text in d.paragraphs:
        _body(doc, text)
    L.paragraph(doc, space_after=0)
    L.add_recipients_and_signature(doc, d.recipients, d.signature)
    if d.rows:
        add_attached_list(doc, d)
    return doc


def clock(t: dt.datetime) -> str:
    """ "08 giờ 30 phút"."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def date_words(day: dt.date) -> str:
    """ "ngày 05 tháng 02 năm 2025" (the Decree 30 padding)."""
    return place_date("", day).removeprefix(", ")


def build_minutes(d: MinutesDoc) -> DocumentObject:
    """Biên bản họp Hội đồng (Decree 30 Mẫu 1.5) with the vote results per nomination."""
    assert d.started_at is not None  # validated
    doc = L.new_document(BODY_PT)
    _header(doc, d)
    L.add_title(doc, d.doc_type, d.subject, subject_rule=True)

    def field(label: str, value: str) -> None:
        L.rich_paragraph(
            doc,
            [(f"{label}: ", "b"), (value, "")],
            size=BODY_PT,
            first_line_indent=True,
            space_after=3,
        )

    field("Thời gian bắt đầu", f"{clock(d.started_at)}, {date_words(d.started_at.date())}.")
    field("Địa điểm", d.location)
    present = len(d.members_present)
    field(
        "Thành phần tham dự",
        f"{present}/{d.members_total} thành viên Hội đồng có mặt" + (":" if present else "."),
    )
    for m in d.members_present:
        L.paragraph(
            doc, f"- {m};", size=BODY_PT, align="justify", first_line_indent=True, space_after=0
        )
    if d.members_absent:
        field("Vắng mặt", "; ".join(d.members_absent) + ".")
    field("Chủ trì", d.chair)
    field("Thư ký", d.secretary)
    if d.paragraphs:
        L.paragraph(
            doc,
            "Nội dung:",
            bold=True,
            size=BODY_PT,
            first_line_indent=True,
            space_before=3,
            space_after=3,
        )
        for text in d.paragraphs:
            _body(doc, text)
    if d.votes:
        L.paragraph(
            doc,
            "Kết quả biểu quyết:",
            bold=True,
            size=BODY_PT,
            first_line_indent=True,
            space_before=3,
            space_after=3,
        )
        if d.voting_method:
            _body(doc, d.voting_method)
        L.paragraph(
            doc,
            f"(Tỷ lệ tính trên tổng số {d.members_total} thành viên Hội đồng)",
            italic=True,
            size=12,
            align="center",
            space_after=3,
        )
        cols: list[tuple[str, float, Align]] = [
            ("STT", 10, "center"),
            ("Họ và tên, tập thể", 27, "left"),
            ("Đơn vị", 24, "left"),
            ("Danh hiệu, hình thức", 27, "left"),
            ("Đồng ý", 15, "center"),
            ("Không đồng ý", 15, "center"),
            ("Không biểu quyết", 16, "center"),
            ("Tỷ lệ đồng ý", 15, "center"),
            ("Kết quả", 16, "center"),
        ]
        rows: list[L.Row] = [
            [
                str(i),
                v.name,
                v.unit,
                v.award,
                str(v.yes),
                str(v.no),
                str(v.abstain),
                v.share(d.members_total),
                "Đạt" if v.passed else "Không đạt",
            ]
            for i, v in enumerate(d.votes, start=1)
        ]
        L.add_grid(
            doc,
            [c[0] for c in cols],
            rows,
            _scaled([c[1] for c in cols], 165),
            aligns=[c[2] for c in cols],
            size=11,
        )
    if d.ended_at:
        L.paragraph(doc, space_after=0)
        _body(doc, f"Cuộc họp kết thúc vào {clock(d.ended_at)}, {date_words(d.ended_at.date())}./.")
    L.paragraph(doc, space_after=0)
    L.add_two_signatures(doc, d.secretary_signature, d.chair_signature)
    if d.recipients:
        L.paragraph(
            doc, "Nơi nhận:", bold=True, italic=True, size=12, space_before=12, space_after=0
        )
        for r in d.recipients:
            L.paragraph(doc, f"- {r}", size=11, space_after=0)
    return doc


def build_round_list(d: RoundListDoc) -> DocumentObject:
    """The round's summary list: header, title, table with verdicts, signatures."""
    doc = L.new_document(BODY_PT)
    if d.landscape:
        s = doc.sections[0]
        s.orientation = L.WD_ORIENT.LANDSCAPE
        s.page_width, s.page_height = s.page_height, s.page_width
    L.add_header(doc, parent_agency=d.parent_agency, agency=d.agency, date_line=d.place_date)
    doc.core_properties.title = d.title
    doc.core_properties.author = d.agency
    L.paragraph(doc, d.title.upper(), bold=True, size=BODY_PT, align="center", space_after=0)
    if d.subtitle:
        L.paragraph(doc, d.subtitle, bold=True, size=BODY_PT, align="center", space_after=0)
    if d.reference:
        L.paragraph(doc, d.reference, italic=True, size=BODY_PT, align="center", space_after=0)
    width = L.text_width_mm(doc)
    L.rule(doc, 40, width)
    L.paragraph(doc, space_after=3)
    cols: list[tuple[str, float, Align]] = [
        ("STT", 12, "center"),
        ("Họ và tên, tập thể", 45, "left"),
        ("Chức vụ", 30, "left"),
        ("Đơn vị", 45, "left"),
        ("Danh hiệu, hình thức đề nghị", 42, "left"),
        ("Kết quả thẩm định", 38, "left"),
        ("Ghi chú", 40, "left"),
    ]
    rows = _numbered(
        d.rows, len(cols), lambda r: [r.name, r.position, r.unit, r.award, r.verdict, r.note]
    )
    L.add_grid(
        doc,
        [c[0] for c in cols],
        rows,
        _scaled([c[1] for c in cols], width),
        aligns=[c[2] for c in cols],
        size=12,
    )
    if d.preparer or d.signature:
        L.paragraph(doc, space_after=6)
        table = L.layout_table(doc, _scaled((1, 1), width))
        left, right = table.rows[0].cells
        if d.preparer:
            L.add_signature_block(left, d.preparer)
        if d.signature:
            L.add_signature_block(right, d.signature)
    return doc


BUILDERS = {
    DecisionDoc: build_decision,
    SubmissionDoc: build_submission,
    MinutesDoc: build_minutes,
    RoundListDoc: build_round_list,
}


def render_docx(d: AnyDoc, template_dir: Path | str | None = None) -> bytes:
    """The DOCX bytes of *d*: the agency's template for its kind if there is one, else the
    built-in Decree 30 layout."""
    from tdkt.documents import templates

    if template_dir is not None:
        path = templates.find_template(template_dir, d)
        if path is not None:
            return templates.render_template(path, d)
    builder = BUILDERS.get(type(d))
    if builder is None:
        raise DocumentError(f"Không có bố cục văn bản cho {type(d).__name__}.")
    return _save(builder(d))  # type: ignore[operator]
