"""The paragraph an officer pastes into the conference report, written from the numbers."""

from __future__ import annotations

from tdkt.common.formatting import format_int
from tdkt.reports.summary import Summary

COLLECTIVE_TITLES = [
    ("TTLDTT", "Tập thể lao động tiên tiến"),
    ("TTLDXS", "Tập thể lao động xuất sắc"),
]
FLAGS = [
    ("CO_TINH", "Cờ thi đua của UBND tỉnh"),
    ("CO_BO", "Cờ thi đua của Bộ"),
    ("CO_CP", "Cờ thi đua của Chính phủ"),
]
INDIVIDUAL_TITLES = [
    ("LDTT", "Lao động tiên tiến"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở"),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh"),
    ("CSTD_BO", "Chiến sĩ thi đua cấp bộ"),
    ("CSTDTQ", "Chiến sĩ thi đua toàn quốc"),
]
COMMENDATIONS = [
    ("GK", "Giấy khen"),
    ("BK_BO", "Bằng khen của Bộ trưởng"),
    ("BK_TINH", "Bằng khen của Chủ tịch UBND tỉnh"),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ"),
    ("HCLD3", "Huân chương Lao động hạng Ba"),
    ("HCLD2", "Huân chương Lao động hạng Nhì"),
    ("HCLD1", "Huân chương Lao động hạng Nhất"),
]
LEVEL_NAMES = {"CO_SO": "cấp cơ sở", "BO_TINH": "cấp bộ, ngành, tỉnh", "TOAN_QUOC": "toàn quốc"}


def _n(x: int) -> str:
    return format_int(x)


def summary_paragraph(s: Summary, scope_name: str = "toàn ngành") -> str:
    """E.g. "Giai đoạn 2015–2019, toàn ngành có 231 lượt tập thể được công nhận Tập thể
    lao động tiên tiến, 34 lượt Tập thể lao động xuất sắc; ..."."""
    parts: list[str] = []
    coll = [
        f"{_n(s.count(c, 'collective'))} lượt {name}"
        for c, name in COLLECTIVE_TITLES
        if s.count(c, "collective")
    ]
    flags = [
        f"{_n(s.count(c, 'collective'))} {name}" for c, name in FLAGS if s.count(c, "collective")
    ]
    if coll or flags:
        text = "tập thể được công nhận " + ", ".join(coll) if coll else ""
        if flags:
            text += ("; được tặng " if text else "tập thể được tặng ") + ", ".join(flags)
        parts.append(text)
    ind = [
        f"{_n(s.count(c, 'individual'))} lượt {name}"
        for c, name in INDIVIDUAL_TITLES
        if s.count(c, "individual")
    ]
    if ind:
        parts.append("cá nhân đạt danh hiệu " + ", ".join(ind))
    for code, name in COMMENDATIONS:
        i, c = s.count(code, "individual"), s.count(code, "collective")
        if i or c:
            who = []
            if i:
                who.append(f"{_n(i)} lượt cá nhân")
            if c:
                who.append(f"{_n(c)} lượt tập thể")
            parts.append(f"{name}: {' và '.join(who)}")
    inits = [f"{_n(n)} sáng kiến {LEVEL_NAMES.get(lv, lv)}" for lv, n in s.initiatives]
    if inits:
        parts.append(", ".join(inits) + " được công nhận")
    period = (
        f"Năm {s.from_year}" if s.from_year == s.to_year else f"Giai đoạn {s.from_year}–{s.to_year}"
    )
    if not parts:
        return f"{period}, {scope_name} chưa có lượt khen thưởng nào được ghi nhận."
    return f"{period}, {scope_name} có " + "; ".join(parts) + "."
