"""Find an installed serif font that covers Vietnamese (for the certificate PDFs).

Fonts come from Debian packages, never from the repository: Liberation Serif 2.x
(``fonts-liberation2``, metric-compatible with Times New Roman) first, DejaVu Serif
(``fonts-dejavu-core`` / ``fonts-dejavu-extra``) as a fallback. Liberation 1.x
(``fonts-liberation``) lacks the Vietnamese letters and is rejected by the coverage check.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tdkt.documents.errors import FontNotFound

STYLES = ("regular", "bold", "italic", "bolditalic")
_FC_STYLE = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "Bold Italic"}
# Letters only Vietnamese uses (precomposed, NFC): a font without them prints boxes.
VIETNAMESE_PROBE = (
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸạảấầẩ"
    "ẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂăĐđĨĩŨũƠơƯư"
)
KNOWN = {
    "Liberation Serif": (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-{}.ttf",
        {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"},
    ),
    "DejaVu Serif": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif{}.ttf",
        {"regular": "", "bold": "-Bold", "italic": "-Italic", "bolditalic": "-BoldItalic"},
    ),
}
DEFAULT_FAMILIES = ("Liberation Serif", "DejaVu Serif")
PACKAGES = "fonts-liberation2 (hoặc fonts-dejavu-core và fonts-dejavu-extra)"


@dataclass(frozen=True)
class FontFiles:
    """The TTF files of one family, by style."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bolditalic: Path


def covers_vietnamese(path: Path) -> bool:
    """True if the TrueType font at *path* has a glyph for every Vietnamese letter."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        face = TTFontFile(str(path))
    except Exception:  # an unreadable or non-TrueType file
        return False
    cmap = face.charToGlyph
    return all(ord(c) in cmap for c in VIETNAMESE_PROBE)


def _fc_match(family: str, style: str) -> Path | None:
    fc = shutil.which("fc-match")
    if not fc:
        return None
    try:
        out = subprocess.run(  # noqa: S603 (fc-match found on PATH, fixed arguments)
            [fc, "--format=%{family[0]}|%{file}", f"{family}:style={_FC_STYLE[style]}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    matched, _, file = out.partition("|")
    # fc-match always answers, with another family if it must: only take the one asked for.
    return Path(file) if file and matched.casefold() == family.casefold() else None


def _candidates(family: str, style: str) -> list[Path]:
    out = []
    if family in KNOWN:
        pattern, names = KNOWN[family]
        out.append(Path(pattern.format(names[style])))
    match = _fc_match(family, style)
    if match:
        out.append(match)
    return out


@functools.cache
def find_fonts(families: tuple[str, ...] = DEFAULT_FAMILIES) -> FontFiles:
    """The first family of *families* whose four styles are installed and cover Vietnamese.

    Raises FontNotFound naming the Debian packages to install.
    """
    tried: list[str] = []
    for family in families:
        found: dict[str, Path] = {}
        for style in STYLES:
            for path in _candidates(family, style):
                if path.is_file() and covers_vietnamese(path):
                    found[style] = path
                    break
        if len(found) == len(STYLES):
            return FontFiles(family=family, **found)
        tried.append(family)
    raise FontNotFound(
        f"Không tìm thấy phông chữ có đủ dấu tiếng Việt (đã thử: {', '.join(tried)}). "
        f"Cài gói Debian {PACKAGES}."
    )
