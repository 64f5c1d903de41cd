"""The built-in award catalogue (DOMAIN.md codes), seeded into ``AwardType`` by a migration.

Money multiples are of the base salary (RULES.md, Decree 152 Art 50): (individual, collective).
``level_key`` joins codes of the same legal level ("cấp bộ, ban, ngành, tỉnh").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    short_name: str
    kind: str  # title | commendation
    subjects: str  # individual | collective | both
    tier: str
    level_key: str
    money: tuple[Decimal, Decimal]
    order: int
    aliases: tuple[str, ...] = field(default=())


def _d(x: str) -> Decimal:
    return Decimal(x)


BUILTIN: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        "LDTT",
        "Lao động tiên tiến",
        "LĐTT",
        "title",
        "individual",
        "Thủ trưởng đơn vị",
        "CO_SO",
        (_d("0.3"), _d("0")),
        10,
        ("Chiến sĩ tiên tiến", "LĐTT"),
    ),
    CatalogueEntry(
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "CSTĐCS",
        "title",
        "individual",
        "Thủ trưởng đơn vị",
        "CO_SO",
        (_d("1.0"), _d("0")),
        20,
        ("CSTĐCS",),
    ),
    CatalogueEntry(
        "CSTD_BO",
        "Chiến sĩ thi đua cấp bộ, ngành",
        "CSTĐ cấp bộ",
        "title",
        "individual",
        "Bộ, ngành",
        "BO_TINH",
        (_d("3.0"), _d("0")),
        30,
        ("CSTĐ cấp bộ",),
    ),
    CatalogueEntry(
        "CSTD_TINH",
        "Chiến sĩ thi đua cấp tỉnh",
        "CSTĐ cấp tỉnh",
        "title",
        "individual",
        "Tỉnh",
        "BO_TINH",
        (_d("3.0"), _d("0")),
        31,
        ("CSTĐ cấp tỉnh",),
    ),
    CatalogueEntry(
        "CSTDTQ",
        "Chiến sĩ thi đua toàn quốc",
        "CSTĐTQ",
        "title",
        "individual",
        "Thủ tướng Chính phủ",
        "NHA_NUOC",
        (_d("4.5"), _d("0")),
        40,
        ("CSTĐTQ",),
    ),
    CatalogueEntry(
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "TTLĐTT",
        "title",
        "collective",
        "Thủ trưởng đơn vị",
        "CO_SO",
        (_d("0"), _d("0.8")),
        50,
        ("TTLĐTT",),
    ),
    CatalogueEntry(
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        "TTLĐXS",
        "title",
        "collective",
        "Bộ, ngành, tỉnh",
        "BO_TINH",
        (_d("0"), _d("1.5")),
        60,
        ("TTLĐXS",),
    ),
    CatalogueEntry(
        "CO_BO",
        "Cờ thi đua của Bộ",
        "Cờ thi đua Bộ",
        "title",
        "collective",
        "Bộ, ngành",
        "BO_TINH",
        (_d("0"), _d("8.0")),
        70,
        (),
    ),
    CatalogueEntry(
        "CO_TINH",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Cờ thi đua tỉnh",
        "title",
        "collective",
        "Tỉnh",
        "BO_TINH",
        (_d("0"), _d("8.0")),
        71,
        (),
    ),
    CatalogueEntry(
        "CO_CP",
        "Cờ thi đua của Chính phủ",
        "Cờ thi đua Chính phủ",
        "title",
        "collective",
        "Thủ tướng Chính phủ",
        "NHA_NUOC",
        (_d("0"), _d("12.0")),
        80,
        (),
    ),
    CatalogueEntry(
        "GK",
        "Giấy khen",
        "Giấy khen",
        "commendation",
        "both",
        "Thủ trưởng đơn vị",
        "CO_SO",
        (_d("0.3"), _d("0.6")),
        90,
        (),
    ),
    CatalogueEntry(
        "BK_BO",
        "Bằng khen của Bộ trưởng",
        "Bằng khen Bộ",
        "commendation",
        "both",
        "Bộ, ngành",
        "BO_TINH",
        (_d("1.5"), _d("3.0")),
        100,
        (),
    ),
    CatalogueEntry(
        "BK_TINH",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Bằng khen tỉnh",
        "commendation",
        "both",
        "Tỉnh",
        "BO_TINH",
        (_d("1.5"), _d("3.0")),
        101,
        (),
    ),
    CatalogueEntry(
        "BK_TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen Thủ tướng",
        "commendation",
        "both",
        "Thủ tướng Chính phủ",
        "NHA_NUOC",
        (_d("3.5"), _d("7.0")),
        110,
        ("BKTTg",),
    ),
    CatalogueEntry(
        "HCLD3",
        "Huân chương Lao động hạng Ba",
        "HCLĐ hạng Ba",
        "commendation",
        "both",
        "Chủ tịch nước",
        "NHA_NUOC",
        (_d("4.5"), _d("9.0")),
        120,
        (),
    ),
    CatalogueEntry(
        "HCLD2",
        "Huân chương Lao động hạng Nhì",
        "HCLĐ hạng Nhì",
        "commendation",
        "both",
        "Chủ tịch nước",
        "NHA_NUOC",
        (_d("7.5"), _d("15.0")),
        121,
        (),
    ),
    CatalogueEntry(
        "HCLD1",
        "Huân chương Lao động hạng Nhất",
        "HCLĐ hạng Nhất",
        "commendation",
        "both",
        "Chủ tịch nước",
        "NHA_NUOC",
        (_d("9.0"), _d("18.0")),
        122,
        (),
    ),
    CatalogueEntry(
        "KNC",
        "Kỷ niệm chương",
        "Kỷ niệm chương",
        "commendation",
        "individual",
        "Bộ, ngành",
        "KNC",
        (_d("0.6"), _d("0")),
        130,
        (),
    ),
)

BY_CODE = {e.code: e for e in BUILTIN}
