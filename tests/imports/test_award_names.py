"""Award names as officials write them → catalogue codes (FORMATS.md §1)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import pytest

from tdkt.imports.names import (
    BUILTIN_CATALOGUE,
    AwardResolver,
    award_key,
    issuer_levels,
    resolve_level,
    resolve_subject_kind,
    subject_fits,
)

RESOLVER = AwardResolver()

RESOLVES = [
    # codes themselves, any case
    ("LDTT", "LDTT"), ("bk_tinh", "BK_TINH"), ("Hcld3", "HCLD3"),
    # names
    ("Lao động tiên tiến", "LDTT"), ("Chiến sĩ thi đua cơ sở", "CSTDCS"),
    ("Chiến sĩ thi đua cấp bộ, ngành", "CSTD_BO"), ("Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Chiến sĩ thi đua toàn quốc", "CSTDTQ"), ("Tập thể lao động tiên tiến", "TTLDTT"),
    ("Tập thể lao động xuất sắc", "TTLDXS"), ("Cờ thi đua của Bộ", "CO_BO"),
    ("Cờ thi đua của Ủy ban nhân dân tỉnh", "CO_TINH"), ("Cờ thi đua của Chính phủ", "CO_CP"),
    ("Giấy khen", "GK"), ("Bằng khen của Bộ trưởng", "BK_BO"),
    ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"), ("Huân chương Lao động hạng Ba", "HCLD3"),
    ("Huân chương Lao động hạng Nhì", "HCLD2"), ("Huân chương Lao động hạng Nhất", "HCLD1"),
    ("Kỷ niệm chương", "KNC"),
    # armed forces
    ("Chiến sĩ tiên tiến", "LDTT"),
    # spelling variants: sĩ/sỹ, Ủy/Uỷ, UBND, LĐ-TB&XH
    ("Chiến sỹ thi đua cơ sở", "CSTDCS"), ("Chiến sỹ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh", "BK_TINH"),
    ("Bằng khen của Bộ trưởng Bộ LĐ-TB&XH", "BK_BO"),
    ("Bằng khen của Bộ trưởng Bộ LĐTBXH", "BK_BO"),
    ("Bằng khen của Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "BK_BO"),
    ("Bằng khen của Bộ Lao động – Thương binh và Xã hội", "BK_BO"),
    ("Kỉ niệm chương", "KNC"),
    # with or without the issuer phrase
    ("Giấy khen của Giám đốc Sở", "GK"), ("Giấy khen của Chủ tịch UBND huyện", "GK"),
    ("Bằng khen Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "BK_BO"),
    ("Bằng khen của UBND tỉnh", "BK_TINH"), ("Bằng khen cấp tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch UBND thành phố Hà Nội", "BK_TINH"),
    ("Bằng khen của UBND TP.HCM", "BK_TINH"),
    ("Cờ thi đua của Chủ tịch UBND tỉnh", "CO_TINH"),
    ("Cờ thi đua xuất sắc của Ủy ban Nhân dân tỉnh", "CO_TINH"),
    ("Cờ thi đua của Bộ Lao động – Thương binh và Xã hội", "CO_BO"),
    ("Cờ thi đua xuất sắc của Bộ Lao động-Thương binh và Xã hội", "CO_BO"),
    ("Kỷ niệm chương Vì sự nghiệp Lao động - Thương binh và Xã hội", "KNC"),
    # abbreviations
    ("LĐTT", "LDTT"), ("CSTĐCS", "CSTDCS"), ("TTLĐTT", "TTLDTT"), ("TTLĐXS", "TTLDXS"),
    ("BKTTg", "BK_TTG"), ("BK TTg", "BK_TTG"), ("HCLĐ hạng Ba", "HCLD3"),
    ("HCLĐ hạng 3", "HCLD3"), ("Huân chương Lao động hạng III", "HCLD3"),
    ("HCLĐ hạng II", "HCLD2"), ("CSTĐ cấp tỉnh", "CSTD_TINH"), ("BK UBND tỉnh", "BK_TINH"),
    # prefixes officials add
    ("Danh hiệu Lao động tiên tiến", "LDTT"), ("Danh hiệu Chiến sỹ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Tặng Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), RESOLVES)
def test_names_resolve(text: str, code: str) -> None:
    for variant in (text, text.upper(), text.lower(), unicodedata.normalize("NFD", text)):
        resolution = RESOLVER.resolve(variant)
        assert resolution.code == code, (variant, resolution.message)
        assert resolution.ok
        assert resolution.message == ""


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Bằng khen", ("BK_BO", "BK_TINH", "BK_TTG")),
        ("Cờ thi đua", ("CO_BO", "CO_CP", "CO_TINH")),
        ("Chiến sĩ thi đua", ("CSTDCS", "CSTDTQ", "CSTD_BO", "CSTD_TINH")),
        ("Chiến sĩ thi đua cấp bộ, ngành, tỉnh", ("CSTD_BO", "CSTD_TINH")),
        ("Huân chương Lao động", ("HCLD1", "HCLD2", "HCLD3")),
        ("Tập thể lao động", ("TTLDTT", "TTLDXS")),
    ],
)
def test_ambiguous_names_list_their_candidates(text: str, candidates: tuple[str, ...]) -> None:
    resolution = RESOLVER.resolve(text)
    assert resolution.code is None
    assert resolution.candidates == candidates
    assert resolution.message == f'"{text}" is ambiguous ({", ".join(candidates)})'


def test_the_formats_md_example() -> None:
    assert RESOLVER.resolve("Bằng khen").message == (
        '"Bằng khen" is ambiguous (BK_BO, BK_TINH, BK_TTG)'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Bằng khn", '"Bằng khn" không có trong danh mục danh hiệu, hình thức khen thưởng '
                     "(gần giống: BK_BO)"),
        ("Lao động tiên tiến xuất sắc", '"Lao động tiên tiến xuất sắc" không có trong danh mục '
                                        "danh hiệu, hình thức khen thưởng (gần giống: LDTT)"),
        # the form needs a ministry, province or Prime Minister: a Sở gives only Giấy khen
        ("Bằng khen của Giám đốc Sở", '"Bằng khen của Giám đốc Sở" không có trong danh mục danh '
                                      "hiệu, hình thức khen thưởng (gần giống: BK_BO, BK_TINH, "
                                      "BK_TTG)"),
        ("Anh hùng Lao động", '"Anh hùng Lao động" không có trong danh mục danh hiệu, hình thức '
                              "khen thưởng"),
        ("", '"" không có trong danh mục danh hiệu, hình thức khen thưởng'),
    ],
)  # fmt: skip
def test_unknown_names(text: str, message: str) -> None:
    resolution = RESOLVER.resolve(text)
    assert resolution.code is None
    assert resolution.message == message


@dataclass
class Row:
    """An agency-added award type, shaped like an AwardType row."""

    code: str
    name: str
    subjects: str
    aliases: list[str]


def test_catalogue_is_data() -> None:
    custom = [
        *BUILTIN_CATALOGUE,
        Row("AHLD", "Anh hùng Lao động", "both", ["AHLĐ", "Danh hiệu Anh hùng Lao động"]),
        Row("HCLD_KC", "Huân chương Lao động hạng Ba (kháng chiến)", "individual", []),
    ]
    resolver = AwardResolver(custom)
    assert resolver.resolve("Anh hùng Lao động").code == "AHLD"
    assert resolver.resolve("AHLĐ").code == "AHLD"
    assert resolver.resolve("ahld").code == "AHLD"
    assert resolver.resolve("Bằng khen của Chủ tịch UBND tỉnh").code == "BK_TINH"
    assert AwardResolver([]).resolve("Lao động tiên tiến").code is None


def test_an_issuer_of_the_right_level_beats_any_issuer() -> None:
    resolver = AwardResolver(
        [*BUILTIN_CATALOGUE, Row("GK_TINH", "Giấy khen của Chủ tịch UBND tỉnh", "both", [])]
    )
    assert resolver.resolve("Giấy khen của UBND tỉnh").code == "GK_TINH"
    assert resolver.resolve("Giấy khen của Giám đốc Sở").code == "GK"
    assert resolver.resolve("Giấy khen của ông Nguyễn Văn A").code == "GK"


def test_subject_narrows_ambiguity_only_when_it_decides() -> None:
    catalogue = [
        Row("GK_CN", "Giấy khen cá nhân", "individual", ["Giấy khen xuất sắc"]),
        Row("GK_TT", "Giấy khen tập thể", "collective", ["Giấy khen xuất sắc"]),
    ]
    resolver = AwardResolver(catalogue)
    assert resolver.resolve("Giấy khen xuất sắc", "individual").code == "GK_CN"
    assert resolver.resolve("Giấy khen xuất sắc", "collective").code == "GK_TT"
    assert resolver.resolve("Giấy khen xuất sắc").candidates == ("GK_CN", "GK_TT")
    assert resolver.resolve("Giấy khen xuất sắc", "household").candidates == ("GK_CN", "GK_TT")
    # A clear name is not bent to the subject: the validator reports the mismatch instead.
    assert RESOLVER.resolve("Lao động tiên tiến", "collective").code == "LDTT"


def test_subject_fits() -> None:
    assert subject_fits("both", "household")
    assert subject_fits("individual", "individual")
    assert not subject_fits("individual", "collective")
    assert not subject_fits("collective", "household")


def test_award_key() -> None:
    assert award_key("Bằng khen của Bộ trưởng Bộ LĐ-TB&XH") == "bang khen cua bo truong bo ldtbxh"
    assert award_key("Chiến sỹ thi đua") == award_key("Chiến sĩ thi đua") == "chien si thi dua"
    assert award_key("HCLĐ hạng III") == "huan chuong lao dong hang ba"
    assert award_key("Uỷ ban nhân dân") == award_key("UBND") == "ubnd"


def test_issuer_levels() -> None:
    assert issuer_levels("chu tich ubnd tinh") == {"TINH"}
    assert issuer_levels("giam doc so ldtbxh tinh hoa binh") == {"CO_SO"}
    assert issuer_levels("bo truong bo ldtbxh") == {"BO"}
    assert issuer_levels("bo nganh tinh") == {"BO", "TINH"}
    assert issuer_levels("thu tuong chinh phu") == {"TTG"}
    assert issuer_levels("chu tich ubnd thanh pho thai nguyen") == {"CO_SO"}
    assert issuer_levels("ong nguyen van a") == frozenset()


# --- The built-in catalogue --------------------------------------------------------------------
def test_builtin_catalogue_has_the_domain_codes() -> None:
    assert [e.code for e in BUILTIN_CATALOGUE] == [
        "LDTT", "CSTDCS", "CSTD_BO", "CSTD_TINH", "CSTDTQ", "TTLDTT", "TTLDXS", "CO_BO",
        "CO_TINH", "CO_CP", "GK", "BK_BO", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1", "KNC",
    ]  # fmt: skip
    orders = [e.order for e in BUILTIN_CATALOGUE]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


def test_builtin_catalogue_subjects_kinds_and_levels() -> None:
    by_code = {e.code: e for e in BUILTIN_CATALOGUE}
    assert {c for c, e in by_code.items() if e.subjects == "collective"} == {
        "TTLDTT", "TTLDXS", "CO_BO", "CO_TINH", "CO_CP",
    }  # fmt: skip
    assert {c for c, e in by_code.items() if e.subjects == "both"} == {
        "GK", "BK_BO", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1",
    }  # fmt: skip
    assert {c for c, e in by_code.items() if e.kind == "commendation"} == {
        "GK", "BK_BO", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1", "KNC",
    }  # fmt: skip
    for pair in (("CSTD_BO", "CSTD_TINH"), ("CO_BO", "CO_TINH"), ("BK_BO", "BK_TINH")):
        assert {by_code[c].level_key for c in pair} == {"BO_TINH"}
    assert by_code["LDTT"].level_key == by_code["GK"].level_key == "CO_SO"


def test_builtin_reward_money_follows_rules_md() -> None:
    money = {e.code: (e.money_individual, e.money_collective) for e in BUILTIN_CATALOGUE}
    d = Decimal
    assert money == {
        "LDTT": (d("0.3"), d(0)), "CSTDCS": (d("1.0"), d(0)), "CSTD_BO": (d("3.0"), d(0)),
        "CSTD_TINH": (d("3.0"), d(0)), "CSTDTQ": (d("4.5"), d(0)), "TTLDTT": (d(0), d("0.8")),
        "TTLDXS": (d(0), d("1.5")), "CO_BO": (d(0), d("8.0")), "CO_TINH": (d(0), d("8.0")),
        "CO_CP": (d(0), d("12.0")), "GK": (d("0.3"), d("0.6")), "BK_BO": (d("1.5"), d("3.0")),
        "BK_TINH": (d("1.5"), d("3.0")), "BK_TTG": (d("3.5"), d("7.0")),
        "HCLD3": (d("4.5"), d("9.0")), "HCLD2": (d("7.5"), d("15.0")),
        "HCLD1": (d("9.0"), d("18.0")), "KNC": (d("0.6"), d(0)),
    }  # fmt: skip


@pytest.mark.django_db
def test_seeded_award_types_are_the_builtin_catalogue() -> None:
    from tdkt.awards.models import AwardType

    seeded = {t.code: t for t in AwardType.objects.filter(is_builtin=True)}
    assert list(seeded) == [e.code for e in BUILTIN_CATALOGUE]
    for e in BUILTIN_CATALOGUE:
        t = seeded[e.code]
        assert (t.name, t.short_name, t.kind, t.subjects, t.tier, t.level_key, t.order,
                t.money_individual, t.money_collective, tuple(t.aliases)) == (
            e.name, e.short_name, e.kind, e.subjects, e.tier, e.level_key, e.order,
            e.money_individual, e.money_collective, e.aliases)  # fmt: skip
    # the database rows resolve exactly as the built-in catalogue does
    resolver = AwardResolver(list(seeded.values()))
    assert resolver.resolve("Kỷ niệm chương Vì sự nghiệp LĐ-TB&XH").code == "KNC"


@pytest.mark.parametrize("entry", BUILTIN_CATALOGUE, ids=lambda e: e.code)
def test_every_builtin_name_and_alias_resolves_to_its_code(entry: object) -> None:
    for text in (entry.name, entry.short_name, *entry.aliases):  # type: ignore[attr-defined]
        text = text.rstrip("*")
        assert RESOLVER.resolve(text).code == entry.code, text  # type: ignore[attr-defined]


# --- Initiative levels and subject kinds -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Cơ sở", "CO_SO"), ("cấp cơ sở", "CO_SO"), ("CO_SO", "CO_SO"), ("co so", "CO_SO"),
        ("Cấp tỉnh", "BO_TINH"), ("Cấp bộ", "BO_TINH"), ("Cấp bộ, ngành", "BO_TINH"),
        ("BO_TINH", "BO_TINH"), ("bo-tinh", "BO_TINH"), ("Toàn quốc", "TOAN_QUOC"),
        ("TOAN_QUOC", "TOAN_QUOC"), ("CẤP TOÀN QUỐC", "TOAN_QUOC"),
    ],
)  # fmt: skip
def test_initiative_levels(text: str, level: str) -> None:
    assert resolve_level(text).code == level
    assert resolve_level(unicodedata.normalize("NFD", text)).code == level


def test_unknown_initiative_level() -> None:
    assert resolve_level("Cấp huyện").message == (
        '"Cấp huyện" không hợp lệ; dùng một trong: Cơ sở, Cấp tỉnh, Cấp bộ, Toàn quốc '
        "(hoặc CO_SO, BO_TINH, TOAN_QUOC)"
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Cá nhân", "individual"), ("CÁ NHÂN", "individual"), ("ca nhan", "individual"),
        ("individual", "individual"), ("Tập thể", "collective"), ("collective", "collective"),
        ("Hộ gia đình", "household"), ("household", "household"),
    ],
)  # fmt: skip
def test_subject_kinds(text: str, kind: str) -> None:
    assert resolve_subject_kind(text).code == kind


def test_unknown_subject_kind() -> None:
    assert resolve_subject_kind("Đơn vị").message == (
        '"Đơn vị" không hợp lệ; dùng một trong: Cá nhân, Tập thể, Hộ gia đình'
    )
