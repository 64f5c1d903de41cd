"""Certificates (Giấy khen, Bằng khen) as one print-ready multi-page PDF, one page each.

Drawn directly with reportlab (no LibreOffice per page: 1,000 pages take about a second) in
a Vietnamese-complete serif found at run time (:mod:`tdkt.documents.fonts`).

A layout says where each field goes. ``mode: blank`` prints the whole certificate on plain
paper (frame, static texts such as "TẶNG", title, every field; no national emblem);
``mode: preprinted`` prints only the variable text onto a form that already carries the
design. Agencies write a small YAML or JSON file; positions are in millimetres from the
top-left corner of the page, ``y`` being the baseline of the (first) line::

    mode: preprinted
    page: {width: 297, height: 210}     # mm; A4 landscape by default
    offset: {x: 0, y: 0}                # printer calibration, added to every position
    fields:
      recipient:   {x: 148.5, y: 98, size: 22, bold: true, align: center, width: 200}
      achievement: {x: 148.5, y: 122, size: 15, italic: true, align: center, width: 220,
                    max_lines: 3}
      decision_number: {x: 62, y: 168, size: 12}

Field options: ``x``, ``y`` (required), ``size`` (pt, 14), ``bold``, ``italic``, ``upper``,
``align`` (left | center | right), ``width`` (mm: wrap into ``max_lines`` lines, shrinking the
size down to ``min_size`` if needed), ``max_lines`` (1), ``leading`` (mm between baselines),
``min_size`` (pt), ``color`` ("#rrggbb"). Field names are those of
:data:`tdkt.documents.data.CERTIFICATE_FIELDS`. A blank layout may add ``static`` texts
(the same options plus ``text``) and ``frame: false`` to drop the border.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from tdkt.documents.data import CERTIFICATE_FIELDS, CertificateDoc
from tdkt.documents.errors import DocumentError, LayoutError
from tdkt.documents.fonts import DEFAULT_FAMILIES, FontFiles, find_fonts

MM = 72 / 25.4  # points per millimetre
A4_LANDSCAPE = (297.0, 210.0)


@dataclass(frozen=True)
class FieldSpec:
    """Where and how one text is printed (millimetres from the top-left; y is the baseline)."""

    x: float
    y: float
    size: float = 14
    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: Literal["left", "center", "right"] = "left"
    width: float | None = None
    max_lines: int = 1
    leading: float | None = None
    min_size: float | None = None
    color: str = "#000000"
    text: str = ""  # static texts only


@dataclass(frozen=True)
class CertificateLayout:
    """A page size, the fields to print and, on blank paper, the frame and static texts."""

    mode: Literal["blank", "preprinted"]
    fields: Mapping[str, FieldSpec]
    page_width: float = A4_LANDSCAPE[0]
    page_height: float = A4_LANDSCAPE[1]
    static: tuple[FieldSpec, ...] = ()
    frame: bool = False
    frame_color: str = "#8b1a1a"
    offset_x: float = 0
    offset_y: float = 0
    fonts: tuple[str, ...] = DEFAULT_FAMILIES


_CENTER = A4_LANDSCAPE[0] / 2
_RIGHT = 215.0
_LEFT = 75.0
BLANK_LAYOUT = CertificateLayout(
    mode="blank",
    frame=True,
    fields={
        "issuer": FieldSpec(
            _CENTER,
            36,
            16,
            bold=True,
            upper=True,
            align="center",
            width=230,
            max_lines=2,
            leading=7,
        ),
        "title": FieldSpec(_CENTER, 78, 44, bold=True, align="center", color="#b22222"),
        "recipient": FieldSpec(_CENTER, 98, 24, bold=True, align="center", width=240),
        "unit": FieldSpec(_CENTER, 109, 16, align="center", width=240, max_lines=2, leading=7),
        "achievement": FieldSpec(
            _CENTER, 125, 16, italic=True, align="center", width=235, max_lines=3, leading=7
        ),
        "decision": FieldSpec(_LEFT, 168, 12, align="center", width=110),
        "register": FieldSpec(_LEFT, 174, 12, align="center", width=110),
        "place_date": FieldSpec(_RIGHT, 150, 14, italic=True, align="center", width=120),
        "signer_authority": FieldSpec(_RIGHT, 158, 14, bold=True, align="center", width=120),
        "signer_title": FieldSpec(_RIGHT, 164.5, 14, bold=True, align="center", width=120),
        "signer_name": FieldSpec(_RIGHT, 192, 15, bold=True, align="center", width=120),
    },
    static=(FieldSpec(_CENTER, 53, 16, bold=True, align="center", text="TẶNG"),),
)


# -- loading and validating layout specs ---------------------------------------------------

_FIELD_KEYS = {f.name for f in fields(FieldSpec)}


def _spec(where: str, raw: Any, page: tuple[float, float], *, static: bool) -> FieldSpec:
    if not isinstance(raw, Mapping):
        raise LayoutError(f"{where}: cần một bảng khóa: giá trị (x, y, size ...).")
    unknown = set(raw) - _FIELD_KEYS if static else set(raw) - (_FIELD_KEYS - {"text"})
    if unknown:
        raise LayoutError(f"{where}: khóa không hợp lệ {', '.join(sorted(map(str, unknown)))}.")
    for key in ("x", "y"):
        if key not in raw:
            raise LayoutError(f"{where}: thiếu tọa độ {key} (mm).")
    if static and not raw.get("text"):
        raise LayoutError(f"{where}: thiếu nội dung text.")
    try:
        spec = FieldSpec(**raw)
        numbers = [
            spec.x,
            spec.y,
            spec.size,
            spec.width or 1,
            spec.leading or 1,
            spec.min_size or 1,
            spec.max_lines,
        ]
        if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
            raise TypeError
    except TypeError:
        raise LayoutError(f"{where}: tọa độ, cỡ chữ và độ rộng phải là số.") from None
    if spec.align not in ("left", "center", "right"):
        raise LayoutError(f"{where}: align phải là left, center hoặc right.")
    if not (0 <= spec.x <= page[0] and 0 <= spec.y <= page[1]):
        raise LayoutError(
            f"{where}: vị trí ({spec.x}, {spec.y}) mm nằm ngoài trang {page[0]}×{page[1]} mm."
        )
    if spec.size <= 0 or spec.max_lines < 1 or (spec.width is not None and spec.width <= 0):
        raise LayoutError(f"{where}: cỡ chữ, số dòng và độ rộng phải dương.")
    if not (len(spec.color) == 7 and spec.color.startswith("#")):
        raise LayoutError(f"{where}: màu phải có dạng #rrggbb.")
    try:
        int(spec.color[1:], 16)
    except ValueError:
        raise LayoutError(f"{where}: màu phải có dạng #rrggbb.") from None
    return spec


def parse_layout(raw: Any, *, name: str = "layout") -> CertificateLayout:
    """Build and validate a layout from its parsed YAML/JSON mapping."""
    if not isinstance(raw, Mapping):
        raise LayoutError(f"{name}: tệp bố cục phải là một bảng khóa: giá trị.")
    allowed = {"mode", "page", "offset", "fields", "static", "frame", "frame_color", "fonts"}
    unknown = set(raw) - allowed
    if unknown:
        raise LayoutError(f"{name}: khóa không hợp lệ {', '.join(sorted(map(str, unknown)))}.")
    mode = raw.get("mode")
    if mode not in ("blank", "preprinted"):
        raise LayoutError(f"{name}: mode phải là blank (giấy trắng) hoặc preprinted (phôi in sẵn).")
    page = raw.get("page") or {}
    try:
        size = (
            float(page.get("width", A4_LANDSCAPE[0])),
            float(page.get("height", A4_LANDSCAPE[1])),
        )
        offset = raw.get("offset") or {}
        off = (float(offset.get("x", 0)), float(offset.get("y", 0)))
    except (AttributeError, TypeError, ValueError):
        raise LayoutError(f"{name}: page và offset cần width/height, x/y là số (mm).") from None
    if not (50 <= size[0] <= 1200 and 50 <= size[1] <= 1200):
        raise LayoutError(f"{name}: khổ giấy {size[0]}×{size[1]} mm không hợp lệ.")
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, Mapping) or not raw_fields:
        raise LayoutError(f"{name}: cần ít nhất một trường trong fields.")
    bad = [k for k in raw_fields if k not in CERTIFICATE_FIELDS]
    if bad:
        raise LayoutError(
            f"{name}: trường không có: {', '.join(map(str, bad))}; "
            f"các trường: {', '.join(CERTIFICATE_FIELDS)}."
        )
    specs = {k: _spec(f"{name}: fields.{k}", v, size, static=False) for k, v in raw_fields.items()}
    static_raw = raw.get("static") or []
    if not isinstance(static_raw, list):
        raise LayoutError(f"{name}: static phải là một danh sách.")
    if static_raw and mode != "blank":
        raise LayoutError(f"{name}: static chỉ dùng cho mode: blank (phôi in sẵn đã có chữ).")
    statics = tuple(
        _spec(f"{name}: static[{i}]", v, size, static=True) for i, v in enumerate(static_raw)
    )
    fonts = raw.get("fonts", DEFAULT_FAMILIES)
    if isinstance(fonts, str):
        fonts = [fonts]
    return CertificateLayout(
        mode=mode,
        fields=specs,
        page_width=size[0],
        page_height=size[1],
        static=statics,
        frame=bool(raw.get("frame", mode == "blank")),
        frame_color=str(raw.get("frame_color", "#8b1a1a")),
        offset_x=off[0],
        offset_y=off[1],
        fonts=tuple(map(str, fonts)),
    )


def load_layout(path: Path | str) -> CertificateLayout:
    """Read a layout spec from a .yaml, .yml or .json file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise LayoutError(f"Không đọc được tệp bố cục {path.name}: {exc}") from exc
    return parse_layout(raw, name=path.name)


def layout_for(template_dir: Path | str | None, kind: str) -> CertificateLayout:
    """The agency's layout for *kind* ("Giấy khen"/"Bằng khen"), else the blank-paper design.

    Looks for ``certificate_giay_khen.yaml`` / ``certificate_bang_khen.yaml`` (or .yml, .json),
    then ``certificate.yaml`` in *template_dir*.
    """
    if template_dir is None:
        return BLANK_LAYOUT
    slug = {"Giấy khen": "giay_khen", "Bằng khen": "bang_khen"}.get(kind, "")
    directory = Path(template_dir)
    for stem in (f"certificate_{slug}", "certificate"):
        for ext in (".yaml", ".yml", ".json"):
            path = directory / f"{stem}{ext}"
            if path.is_file():
                return load_layout(path)
    return BLANK_LAYOUT


# -- drawing -------------------------------------------------------------------------------

_STYLE_SUFFIX = {
    (False, False): "",
    (True, False): "-Bold",
    (False, True): "-Italic",
    (True, True): "-BoldItalic",
}


@functools.cache
def _register(files: FontFiles) -> str:
    """Register the four styles with reportlab once per process; returns the base name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = "TDKT-" + files.family.replace(" ", "")
    for (bold, italic), suffix in _STYLE_SUFFIX.items():
        style = ("bold" if bold else "") + ("italic" if italic else "") or "regular"
        pdfmetrics.registerFont(TTFont(base + suffix, str(getattr(files, style))))
    return base


@functools.lru_cache(maxsize=65536)
def _unit_width(text: str, font: str) -> float:
    """Width of *text* at 1 pt (cached: reportlab measures TrueType text in pure Python)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, 1000)) / 1000


def _string_width(text: str, font: str, size: float) -> float:
    return _unit_width(text, font) * size


def _wrap(words: Sequence[str], font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for w in words:
        trial = f"{current} {w}" if current else w
        if current and _string_width(trial, font, size) > width:
            lines.append(current)
            current = w
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


@functools.lru_cache(maxsize=16384)
def fit(text: str, spec: FieldSpec, font: str) -> tuple[float, tuple[str, ...]]:
    """The font size and lines that fit *text* into the spec's width and line count.

    Shrinks in 0.5 pt steps down to ``min_size`` (70% of the size by default); if it still
    does not fit, the last line holds the rest rather than dropping words. Cached: the
    issuer, unit and achievement lines repeat across a decision's certificates.
    """
    if spec.width is None:
        return spec.size, (text,)
    width = spec.width * MM
    words = text.split()
    floor = spec.min_size or spec.size * 0.7
    size = spec.size
    while True:
        if spec.max_lines == 1:
            lines = [text]
            ok = _string_width(text, font, size) <= width
        else:
            lines = _wrap(words, font, size, width)
            ok = len(lines) <= spec.max_lines and all(
                _string_width(line, font, size) <= width for line in lines
            )
        if ok or size - 0.5 < floor:
            break
        size -= 0.5
    if len(lines) > spec.max_lines:
        lines = [*lines[: spec.max_lines - 1], " ".join(lines[spec.max_lines - 1 :])]
    return size, tuple(lines)


def _rgb(color: str) -> tuple[float, float, float]:
    n = int(color[1:], 16)
    return ((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255


def _draw_frame(c: Any, layout: CertificateLayout) -> None:
    w, h = layout.page_width * MM, layout.page_height * MM
    c.setStrokeColorRGB(*_rgb(layout.frame_color))
    c.setFillColorRGB(*_rgb(layout.frame_color))
    outer, inner = 8 * MM, 11 * MM
    c.setLineWidth(2.4)
    c.rect(outer, outer, w - 2 * outer, h - 2 * outer)
    c.setLineWidth(0.8)
    c.rect(inner, inner, w - 2 * inner, h - 2 * inner)
    d = 2.2 * MM
    for x, y in ((inner, inner), (w - inner, inner), (inner, h - inner), (w - inner, h - inner)):
        path = c.beginPath()
        path.moveTo(x, y - d)
        path.lineTo(x + d, y)
        path.lineTo(x, y + d)
        path.lineTo(x - d, y)
        path.close()
        c.drawPath(path, stroke=0, fill=1)


def _draw(c: Any, text: str, spec: FieldSpec, base: str, layout: CertificateLayout) -> None:
    if not text:
        return
    if spec.upper:
        text = text.upper()
    font = base + _STYLE_SUFFIX[(spec.bold, spec.italic)]
    size, lines = fit(text, spec, font)
    leading = (spec.leading * MM) if spec.leading else size * 1.3
    x = (spec.x + layout.offset_x) * MM
    y = (layout.page_height - spec.y - layout.offset_y) * MM
    c.setFont(font, size)
    c.setFillColorRGB(*_rgb(spec.color))
    draw = {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}
    for i, line in enumerate(lines):
        draw[spec.align](x, y - i * leading, line)


def render_certificates(
    certs: Iterable[CertificateDoc],
    layout: CertificateLayout | None = None,
    *,
    title: str = "",
) -> bytes:
    """One PDF with one page per certificate, in the given order."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    layout = layout or BLANK_LAYOUT
    certs = list(certs)
    if not certs:
        raise DocumentError("Không có giấy khen, bằng khen nào để in.")
    for cert in certs:
        if not isinstance(cert, CertificateDoc):
            raise DocumentError(f"Cần CertificateDoc, nhận {type(cert).__name__}.")
    base = _register(find_fonts(layout.fonts))
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(layout.page_width * MM, layout.page_height * MM),
        invariant=1,
        pageCompression=1,
        initialFontName=base,
    )
    c.setTitle(title or f"{certs[0].kind} - Quyết định số {certs[0].decision_code}")
    c.setAuthor(certs[0].issuer)
    c.setCreator("TĐKT")
    fixed = layout.frame or layout.static
    if fixed:  # drawn once, placed on every page
        c.beginForm("fixed")
        if layout.frame:
            _draw_frame(c, layout)
        for spec in layout.static:
            _draw(c, spec.text, spec, base, layout)
        c.endForm()
    for cert in certs:
        if fixed:
            c.doForm("fixed")
        values = cert.fields()
        for name, spec in layout.fields.items():
            _draw(c, values[name], spec, base, layout)
        c.showPage()
    # Binary Flate streams: ASCII85 on top (reportlab's default) only costs time and size.
    # The setting is read while saving; another thread saving meanwhile still gets valid PDF.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        c.save()
    finally:
        rl_config.useA85 = saved
    return buf.getvalue()


def with_offset(layout: CertificateLayout, x: float, y: float) -> CertificateLayout:
    """The same layout shifted by (x, y) mm, to calibrate a printer."""
    return replace(layout, offset_x=x, offset_y=y)


__all__ = [
    "BLANK_LAYOUT",
    "CertificateLayout",
    "FieldSpec",
    "fit",
    "layout_for",
    "load_layout",
    "parse_layout",
    "render_certificates",
    "with_offset",
]
