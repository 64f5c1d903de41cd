"""Agency templates: a DOCX per document kind, rendered with docxtpl (Jinja in Word).

An agency that wants its own letterhead or wording puts ``decision.docx``, ``submission.docx``,
``minutes.docx`` or ``round_list.docx`` in its template directory; kinds without a file use the
built-in layout. :func:`starter_template` writes a starting point with every variable in
place. Templates run in Jinja's sandbox with strict variables, so a misspelt name is an error
naming the template, not a blank in a signed document.

Variables: every field of the data class (``agency``, ``subject``, ``legal_bases``,
``articles``, ``recipients`` ...), plus ``number_code`` ("05/QĐ-SNV"), ``number_line``
("Số: 05/QĐ-SNV"), ``place_date``, ``date_text`` (dd/mm/yyyy), ``doc_type_upper``,
``list_reference``, ``total_money_text``; ``signature`` with ``prefix``, ``on_behalf_of``,
``title``, ``name``, ``authority_line``, ``title_upper``; ``rows`` with ``stt`` (numbered
within its group), ``group_start``, ``name``, ``position``, ``unit``, ``award``, ``year``,
``money``, ``money_text``, ``verdict``, ``note``; minutes add ``started_text``,
``ended_text``, ``members_present_count`` and ``votes`` with ``yes``, ``no``, ``abstain``,
``share`` ("90,9%") and ``result`` ("Đạt"). Filters: ``vnint``, ``vnnum``, ``vndate``.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from tdkt.common.formatting import format_date, format_decimal, format_int
from tdkt.documents import layout as L
from tdkt.documents.data import (
    DecisionDoc,
    MinutesDoc,
    RoundListDoc,
    Signature,
    SubmissionDoc,
    _WithList,
    money_text,
)
from tdkt.documents.errors import TemplateError

KINDS: dict[type, str] = {
    DecisionDoc: "decision",
    SubmissionDoc: "submission",
    MinutesDoc: "minutes",
    RoundListDoc: "round_list",
}


def kind_of(d: object) -> str:
    try:
        return KINDS[type(d)]
    except KeyError:
        raise TemplateError(f"Không có mẫu văn bản cho {type(d).__name__}.") from None


def find_template(template_dir: Path | str, d: object) -> Path | None:
    """The agency's template for the kind of *d*, or None to use the built-in layout."""
    directory = Path(template_dir)
    if not directory.is_dir():
        raise TemplateError(f"Thư mục mẫu văn bản không tồn tại: {directory}")
    path = directory / f"{kind_of(d)}.docx"
    return path if path.is_file() else None


def _signature(s: Signature | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "prefix": s.prefix,
        "on_behalf_of": s.on_behalf_of,
        "title": s.title,
        "name": s.name,
        "authority_line": s.authority_line,
        "title_upper": s.title.upper(),
        "lines": s.lines,
    }


def _rows(rows: tuple[Any, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    group: str | None = None
    i = 0
    for r in rows:
        start = r.group != group
        if start:
            group, i = r.group, 0
        i += 1
        item = dataclasses.asdict(r)
        item.update(stt=i, group_start=start and bool(r.group))
        if "money" in item:
            item["money_text"] = money_text(r.money)
        out.append(item)
    return out


def context(d: Any) -> dict[str, Any]:
    """The template variables for *d* (see the module docstring)."""
    ctx: dict[str, Any] = {f.name: getattr(d, f.name) for f in dataclasses.fields(d)}
    for name in ("number_code", "number_line", "place_date", "date_text", "list_reference"):
        if hasattr(d, name):
            ctx[name] = getattr(d, name)
    for name in ("signature", "preparer", "secretary_signature", "chair_signature"):
        if name in ctx:
            ctx[name] = _signature(ctx[name])
    if "rows" in ctx:
        ctx["rows"] = _rows(d.rows)
    if isinstance(d, _WithList):
        ctx["total_money_text"] = money_text(d.total_money)
    ctx["doc_type_upper"] = ctx.get("doc_type", "").upper()
    if isinstance(d, MinutesDoc):
        from tdkt.documents.render import clock, date_words

        assert d.started_at is not None
        ctx["started_text"] = f"{clock(d.started_at)}, {date_words(d.started_at.date())}"
        ctx["ended_text"] = (
            f"{clock(d.ended_at)}, {date_words(d.ended_at.date())}" if d.ended_at else ""
        )
        ctx["members_present_count"] = len(d.members_present)
        ctx["votes"] = [
            {
                **dataclasses.asdict(v),
                "stt": i,
                "share": v.share(d.members_total),
                "result": "Đạt" if v.passed else "Không đạt",
            }
            for i, v in enumerate(d.votes, start=1)
        ]
    return ctx


def _environment() -> jinja2.Environment:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(vnint=format_int, vnnum=format_decimal, vndate=format_date)
    return env


def render_template(path: Path | str, d: Any) -> bytes:
    """Render the agency template at *path* with the variables of *d*."""
    from docxtpl import DocxTemplate

    path = Path(path)
    try:
        tpl = DocxTemplate(path)
        tpl.render(context(d), jinja_env=_environment(), autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (dòng {line})" if line else ""
        raise TemplateError(f"Mẫu {path.name}{where}: {exc.message or exc}") from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"Mẫu {path.name} không phải tệp DOCX hợp lệ: {exc}") from exc
    return buf.getvalue()


def starter_template(kind: str) -> bytes:
    """A simple DOCX template for *kind* using every main variable; agencies restyle it."""
    if kind not in KINDS.values():
        raise TemplateError(f"Loại mẫu “{kind}” không có; dùng {', '.join(KINDS.values())}.")
    doc = L.new_document(14)
    table = L.layout_table(doc, L.HEADER_WIDTHS_MM, rows=2)
    left, right = table.rows[0].cells
    L.paragraph(left, "{{ parent_agency|upper }}", size=12, align="center", first=True)
    L.paragraph(left, "{{ agency|upper }}", bold=True, size=12, align="center")
    L.paragraph(right, L.MOTTO, bold=True, size=12, align="center", first=True)
    L.paragraph(right, L.MOTTO_2, bold=True, size=13, align="center")
    num, date = table.rows[1].cells
    L.paragraph(
        num,
        "{{ number_line }}" if kind != "round_list" else "",
        size=13,
        align="center",
        first=True,
    )
    L.paragraph(
        date,
        "{{ place_date }}" if kind != "minutes" else "",
        italic=True,
        size=13,
        align="center",
        first=True,
    )
    title = "{{ title|upper }}" if kind == "round_list" else "{{ doc_type_upper }}"
    L.paragraph(doc, title, bold=True, size=14, align="center", space_before=12)
    L.paragraph(
        doc,
        "{{ subtitle }}" if kind == "round_list" else "{{ subject }}",
        bold=True,
        size=14,
        align="center",
        space_after=12,
    )
    if kind == "decision":
        L.paragraph(doc, "{{ authority|upper }}", bold=True, size=14, align="center")
        for text, style in (
            ("{%p for b in legal_bases %}", ""),
            ("{{ b }}", "i"),
            ("{%p endfor %}", ""),
            ("QUYẾT ĐỊNH:", "b"),
            ("{%p for a in articles %}", ""),
            ("Điều {{ loop.index }}. {{ a }}", ""),
            ("{%p endfor %}", ""),
        ):
            L.paragraph(
                doc,
                text,
                bold="b" in style,
                italic="i" in style,
                size=14,
                align="center" if text == "QUYẾT ĐỊNH:" else "justify",
            )
    elif kind == "submission":
        L.paragraph(doc, "Kính gửi: {{ addressees|join(', ') }}", size=14, align="center")
        for text in ("{%p for t in paragraphs %}", "{{ t }}", "{%p endfor %}"):
            L.paragraph(doc, text, size=14, align="justify")
    elif kind == "minutes":
        for text in (
            "Thời gian bắt đầu: {{ started_text }}.",
            "Địa điểm: {{ location }}",
            "Thành phần tham dự: {{ members_present_count }}/{{ members_total }} "
            "thành viên Hội đồng có mặt.",
            "Chủ trì: {{ chair }}",
            "Thư ký: {{ secretary }}",
            "{%p for t in paragraphs %}",
            "{{ t }}",
            "{%p endfor %}",
        ):
            L.paragraph(doc, text, size=14, align="justify")
        L.add_grid(
            doc,
            [
                "STT",
                "Họ và tên, tập thể",
                "Danh hiệu, hình thức",
                "Đồng ý",
                "Tỷ lệ đồng ý",
                "Kết quả",
            ],
            [
                ["{%tr for v in votes %}", "", "", "", "", ""],
                [
                    "{{ v.stt }}",
                    "{{ v.name }}",
                    "{{ v.award }}",
                    "{{ v.yes }}",
                    "{{ v.share }}",
                    "{{ v.result }}",
                ],
                ["{%tr endfor %}", "", "", "", "", ""],
            ],
            [10, 50, 40, 20, 20, 25],
        )
    if kind in ("decision", "submission"):
        L.paragraph(doc, "{{ signature.authority_line }}", bold=True, size=14, align="right")
        L.paragraph(doc, "{{ signature.title_upper }}", bold=True, size=14, align="right")
        L.paragraph(doc, "{{ signature.name }}", bold=True, size=14, align="right", space_before=60)
        L.paragraph(doc, "Nơi nhận:", bold=True, italic=True, size=12)
        for text in ("{%p for r in recipients %}", "- {{ r }}", "{%p endfor %}"):
            L.paragraph(doc, text, size=11, space_after=0)
        L.add_section(doc)
        L.paragraph(doc, "{{ list_title|upper }}", bold=True, size=14, align="center")
        L.paragraph(doc, "{{ list_reference }}", italic=True, size=14, align="center")
    if kind != "minutes":
        L.add_grid(
            doc,
            ["STT", "Họ và tên", "Đơn vị", "Danh hiệu, hình thức", "Ghi chú"],
            [
                ["{%tr for r in rows %}", "", "", "", ""],
                [
                    "{{ r.stt }}",
                    "{{ r.name }}",
                    "{{ r.unit }}",
                    "{{ r.award }}",
                    "{{ r.money_text if r.money_text is defined else r.note }}",
                ],
                ["{%tr endfor %}", "", "", "", ""],
            ],
            [12, 45, 45, 40, 23],
        )
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
