"""The built-in award catalogue (DOMAIN.md codes), seeded into ``AwardType`` by a migration.

Field names are those of the ``AwardType`` model. Money multiples are of the base salary
(RULES.md, Decree 152 Art 50; KNC: at most 0.6). ``level_key`` joins codes of the same legal
level ("cấp bộ, ban, ngành, tỉnh"). Aliases are names officials write (the import resolver
reads them); an alias ending in "*" accepts any words after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A built-in award type; field names are those of the ``AwardType`` model."""

    code: str
    name: str
    short_name: str
    kind: str  # title | commendation
    subjects: str  # individual | collective | both
    tier: str  # who confers it
    level_key: str  # legal level; _BO and _TINH share BO_TINH
    money_individual: Decimal  # reward, multiples of the base salary (0 = not for them)
    money_collective: Decimal
    order: int
    aliases: tuple[str, ...] = ()


def _entry(
    code: str,
    name: str,
    short_name: str,
    kind: str,
    subjects: str,
    tier: str,
    level_key: str,
    money: tuple[str, str],
    order: int,
    *aliases: str,
) -> CatalogueEntry:
    return CatalogueEntry(
        code,
        name,
        short_name,
        kind,
        subjects,
        tier,
        level_key,
        Decimal(money[0]),
        Decimal(money[1]),
        order,
        aliases,
    )


_UNIT_HEAD = "Thủ trưởng đơn vị"
_MINISTRY = "Bộ, ngành"
_PROVINCE = "Tỉnh"
_PM = "Thủ tướng Chính phủ"
_PRESIDENT = "Chủ tịch nước"

#: DOMAIN.md's codes; money from RULES.md "Reward money" (Decree 152 Art 50; KNC: at most 0.6).
BUILTIN_CATALOGUE: tuple[CatalogueEntry, ...] = (
    _entry("LDTT", "Lao động tiên tiến", "LĐTT", "title", "individual", _UNIT_HEAD, "CO_SO",
           ("0.3", "0"), 10, "Chiến sĩ tiên tiến", "LĐTT", "CSTT"),
    _entry("CSTDCS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "title", "individual", _UNIT_HEAD,
           "CO_SO", ("1.0", "0"), 20, "CSTĐCS", "CSTĐ cơ sở", "Chiến sĩ thi đua cấp cơ sở"),
    _entry("CSTD_BO", "Chiến sĩ thi đua cấp bộ, ngành", "CSTĐ cấp bộ", "title", "individual",
           _MINISTRY, "BO_TINH", ("3.0", "0"), 30, "Chiến sĩ thi đua cấp bộ",
           "Chiến sĩ thi đua cấp ngành", "CSTĐ cấp bộ", "CSTĐ cấp bộ, ngành"),
    _entry("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "CSTĐ cấp tỉnh", "title", "individual",
           _PROVINCE, "BO_TINH", ("3.0", "0"), 31, "CSTĐ cấp tỉnh", "Chiến sĩ thi đua tỉnh"),
    _entry("CSTDTQ", "Chiến sĩ thi đua toàn quốc", "CSTĐTQ", "title", "individual", _PM,
           "NHA_NUOC", ("4.5", "0"), 40, "CSTĐTQ", "CSTĐ toàn quốc",
           "Chiến sĩ thi đua cấp toàn quốc"),
    _entry("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", "title", "collective", _UNIT_HEAD,
           "CO_SO", ("0", "0.8"), 50, "TTLĐTT", "Tập thể LĐTT"),
    _entry("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", "title", "collective",
           "Bộ, ngành, tỉnh", "BO_TINH", ("0", "1.5"), 60, "TTLĐXS", "Tập thể LĐXS"),
    _entry("CO_BO", "Cờ thi đua của Bộ", "Cờ thi đua Bộ", "title", "collective", _MINISTRY,
           "BO_TINH", ("0", "8.0"), 70, "Cờ thi đua cấp bộ", "Cờ thi đua của Bộ trưởng",
           "Cờ thi đua xuất sắc của Bộ"),
    _entry("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua tỉnh", "title",
           "collective", _PROVINCE, "BO_TINH", ("0", "8.0"), 71, "Cờ thi đua cấp tỉnh",
           "Cờ thi đua của Chủ tịch UBND tỉnh", "Cờ thi đua xuất sắc của UBND tỉnh"),
    _entry("CO_CP", "Cờ thi đua của Chính phủ", "Cờ thi đua Chính phủ", "title", "collective",
           _PM, "NHA_NUOC", ("0", "12.0"), 80, "Cờ thi đua của Thủ tướng Chính phủ",
           "Cờ thi đua xuất sắc của Chính phủ"),
    _entry("GK", "Giấy khen", "Giấy khen", "commendation", "both", _UNIT_HEAD, "CO_SO",
           ("0.3", "0.6"), 90),
    _entry("BK_BO", "Bằng khen của Bộ trưởng", "Bằng khen Bộ", "commendation", "both",
           _MINISTRY, "BO_TINH", ("1.5", "3.0"), 100, "Bằng khen của Bộ", "Bằng khen cấp bộ"),
    _entry("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen tỉnh",
           "commendation", "both", _PROVINCE, "BO_TINH", ("1.5", "3.0"), 101,
           "Bằng khen của UBND tỉnh", "Bằng khen cấp tỉnh"),
    _entry("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "Bằng khen Thủ tướng",
           "commendation", "both", _PM, "NHA_NUOC", ("3.5", "7.0"), 110, "BKTTg",
           "Bằng khen của Thủ tướng"),
    _entry("HCLD3", "Huân chương Lao động hạng Ba", "HCLĐ hạng Ba", "commendation", "both",
           _PRESIDENT, "NHA_NUOC", ("4.5", "9.0"), 120, "HCLĐ hạng Ba"),
    _entry("HCLD2", "Huân chương Lao động hạng Nhì", "HCLĐ hạng Nhì", "commendation", "both",
           _PRESIDENT, "NHA_NUOC", ("7.5", "15.0"), 121, "HCLĐ hạng Nhì"),
    _entry("HCLD1", "Huân chương Lao động hạng Nhất", "HCLĐ hạng Nhất", "commendation", "both",
           _PRESIDENT, "NHA_NUOC", ("9.0", "18.0"), 122, "HCLĐ hạng Nhất"),
    _entry("KNC", "Kỷ niệm chương", "Kỷ niệm chương", "commendation", "individual", _MINISTRY,
           "KNC", ("0.6", "0"), 130, "Kỷ niệm chương*"),
)  # fmt: skip

BUILTIN = BUILTIN_CATALOGUE
BY_CODE = {e.code: e for e in BUILTIN_CATALOGUE}
