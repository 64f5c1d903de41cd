"""TCVN3 (ABC, incl. .VnTimeH), VNI-Windows and Windows-1258: detection and conversion."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tdkt.common.text import nfc
from tdkt.imports.legacy import (
    Encoding,
    bytes_to_surface,
    convert_cell,
    decode_tcvn3,
    decode_vni,
    detect_bytes,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    is_vietnamese_word,
)

# (Unicode, TCVN3 as a .VnTime cell shows it, VNI-Windows as a VNI-Times cell shows it)
SAMPLES = [
    ("Nguyễn Thị Hương", "NguyÔn ThÞ H\xad¬ng", "Nguyeãn Thò Höông"),
    (
        "Sở Lao động – Thương binh và Xã hội",
        "Së Lao ®éng – Th\xad¬ng binh vµ X· héi",
        "Sôû Lao ñoäng – Thöông binh vaø Xaõ hoäi",
    ),
    ("Lao động tiên tiến", "Lao ®éng tiªn tiÕn", "Lao ñoäng tieân tieán"),
    ("Chiến sĩ thi đua cơ sở", "ChiÕn sÜ thi ®ua c¬ së", "Chieán só thi ñua cô sôû"),
    ("Đỗ Văn Tâm", "§ç V¨n T©m", "Ñoã Vaên Taâm"),
    ("125/QĐ-SLĐTBXH", "125/Q§-SL§TBXH", "125/QÑ-SLÑTBXH"),
]


@pytest.mark.parametrize(("text", "tcvn3", "vni"), SAMPLES)
def test_encoders_follow_the_tables(text: str, tcvn3: str, vni: str) -> None:
    assert encode_tcvn3(text) == tcvn3
    assert encode_vni(text) == vni


def test_table_bytes() -> None:
    # A few code points straight from TCVN 5712:1993 VN3 and the VNI-Windows table.
    assert [ord(encode_tcvn3(c)) for c in "ăâêôơưđĐáàảãạễ"] == [
        0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xA7, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9, 0xD4,
    ]  # fmt: skip
    assert encode_vni("ư ơ đ Đ ị ỵ ă ấ") == "ö ô ñ Ñ ò î aê aá"
    assert encode_vni("Ấ Ặ Ư") == "AÁ AË Ö"


@pytest.mark.parametrize(("text", "tcvn3", "vni"), SAMPLES)
def test_legacy_cells_are_converted(text: str, tcvn3: str, vni: str) -> None:
    assert convert_cell(tcvn3).text == text
    assert convert_cell(tcvn3).encoding is Encoding.TCVN3
    assert convert_cell(vni).text == text
    assert convert_cell(vni).encoding is Encoding.VNI
    assert convert_cell(vni).converted


def test_vntimeh_capitals_are_restored() -> None:
    # .VnTimeH draws lower-case code points as capitals: "CỘNG HÒA" is typed "CéNG HßA".
    encoded = encode_tcvn3("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", caps_font=True)
    assert encoded == "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM"
    assert convert_cell(encoded).text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert decode_tcvn3(encode_tcvn3("NGUYỄN THỊ HƯƠNG", caps_font=True)) == "NGUYỄN THỊ HƯƠNG"
    # Plain upper-case letters have their own code points and stay as they are.
    assert decode_tcvn3("§¹I HéI") == "ĐẠI HỘI"
    # Title case in the ordinary font is not mistaken for capitals.
    assert decode_tcvn3("§ç V¨n T©m") == "Đỗ Văn Tâm"
    assert decode_tcvn3("Së L§TBXH") == "Sở LĐTBXH"


def test_tcvn3_cannot_encode_toned_capitals_outside_the_caps_font() -> None:
    with pytest.raises(ValueError, match="TCVN3 cannot encode"):
        encode_tcvn3("NGUYỄN")
    with pytest.raises(ValueError, match="VNI cannot encode"):
        encode_vni("Ωmega")


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Thị Hương",
        "Võ Thành Tâm",  # only Latin-1 letters: TCVN3 would read "Vâ Thµnh" differently
        "Hòa Bình",
        "Tô Tâm",
        "Lê Văn Ánh",
        unicodedata.normalize("NFD", "Trần Thị Lý"),
        "Phòng TC-KT",
        "Café",
        "STT",
        "125/QĐ-UBND",
        "",
        "2019",
    ],
)
def test_unicode_and_ascii_are_never_altered(text: str) -> None:
    assert convert_cell(text).text == text
    assert convert_cell(text).encoding is Encoding.UNICODE
    assert not convert_cell(text).converted


def test_ties_need_a_preference() -> None:
    # "Bé Tô" is good Vietnamese as it stands and also TCVN3 for "Bộ Tụ": left alone unless
    # the rest of the column is known to be TCVN3.
    assert convert_cell("Bé Tô").text == "Bé Tô"
    assert convert_cell("Bé Tô", prefer=Encoding.TCVN3).text == "Bộ Tụ"
    assert convert_cell("Thò", prefer=Encoding.VNI).text == "Thị"
    # A preference never overrides a clear verdict.
    assert convert_cell("Nguyễn", prefer=Encoding.TCVN3).text == "Nguyễn"
    assert convert_cell("NguyÔn", prefer=Encoding.VNI).text == "Nguyễn"


def test_vietnamese_words() -> None:
    good = ["nguyễn", "Hương", "KHUYA", "quốc", "giữ", "thuở", "khuỷu", "ngoài", "hoà", "hòa",
            "QĐ", "LĐTBXH", "tiết", "oanh", "rượu"]  # fmt: skip
    bad = ["NguyÔn", "tiềt", "xaõ", "quoác", "ka", "nghà", "tuù", "Thþ", "ThÞ", "aa", "hƯơng"]
    assert [w for w in good if not is_vietnamese_word(w)] == []
    assert [w for w in bad if is_vietnamese_word(w)] == []


def test_cp1258_bytes() -> None:
    data = encode_cp1258("Nguyễn Thị Hương, Sở Nội vụ")
    assert b"\xcc" in data or b"\xde" in data  # combining tone marks, not precomposed letters
    found = detect_bytes(data)
    assert found is not None
    assert found.encoding is Encoding.CP1258
    assert nfc(found.text) == "Nguyễn Thị Hương, Sở Nội vụ"


@pytest.mark.parametrize(
    ("encode", "encoding"), [(encode_tcvn3, Encoding.TCVN3), (encode_vni, Encoding.VNI)]
)
def test_legacy_bytes(encode: object, encoding: Encoding) -> None:
    text = "Họ và tên,Đơn vị\nNguyễn Thị Hương,Sở Lao động – Thương binh và Xã hội\n"
    data = encode(text).encode("cp1252")  # type: ignore[operator]
    found = detect_bytes(data)
    assert found is not None
    assert found.encoding is encoding
    assert found.text == bytes_to_surface(data)


def test_bytes_in_no_vietnamese_encoding() -> None:
    assert detect_bytes("Привет, мир. Это проверка кодировки".encode("cp1251")) is None


def test_surface_keeps_the_five_holes_of_windows_1252() -> None:
    assert bytes_to_surface(bytes([0x41, 0x81, 0x8D, 0xAD, 0xD4])) == "A\x81\x8d\xadÔ"


# --- Round trips -------------------------------------------------------------------------------
# Real syllables covering every vowel, tone and final; names, units and award vocabulary.
VOCABULARY = tuple(
    """
nguyễn thị hương sở lao động thương binh và xã hội tiên tiến chiến sĩ thi đua cơ sở tập thể
xuất sắc cờ bằng khen giấy huân chương hạng nhất nhì ba kỷ niệm thủ tướng chính phủ bộ trưởng
tỉnh ủy ban nhân dân giám đốc phòng nội vụ trường tiểu học phường thị trấn huyện quận việt nam
lê trần phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý văn đức minh anh tuấn hùng dũng
thanh thảo ngọc lan hồng phượng loan nguyệt khoa quyết định ngày tháng năm khuya quốc giữ gìn
thuở oanh tuyết yêu yến rượu hươu tuần xoăn gì già giếng quý thủy ánh ếch ích nghĩa ghế kể
kiên cũng quỹ quà ngoài khuỷu người mười nghiêng cuối muối chuyện quyền thuyền ước ăn ẩn ẵm
ặc ỏi ợt ụt ỷ ỹ ỵ ừ ữ ứng lực đạt thiết bị sáng kiến ưu đãi
""".split()  # noqa: SIM905
)
SURFACE = set(bytes_to_surface(bytes(range(256))))
STYLES = st.sampled_from([str.lower, str.title, str.upper])
words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5)
separators = st.sampled_from([" ", " – ", ", ", " - ", "/", " (", ") "])


@st.composite
def vietnamese(draw: st.DrawFn) -> str:
    chosen = draw(words)
    style = draw(STYLES)
    text = chosen[0]
    for word in chosen[1:]:
        text += draw(separators) + word
    if draw(st.booleans()):
        text += " " + str(draw(st.integers(0, 2030)))
    return style(text)


def _fits_vntime(text: str) -> bool:
    return all(c.isascii() or c == c.lower() or c in "ĂÂÊÔƠƯĐ" for c in text)


@settings(max_examples=400)
@given(vietnamese())
def test_tcvn3_round_trip(text: str) -> None:
    assume(_fits_vntime(text))
    encoded = encode_tcvn3(text)
    assert convert_cell(encoded, prefer=Encoding.TCVN3).text == nfc(text)
    # Without knowing the column, a cell is converted right or left alone — never garbled.
    assert convert_cell(encoded).text in (nfc(text), encoded)


@settings(max_examples=400)
@given(vietnamese())
def test_vni_round_trip(text: str) -> None:
    encoded = encode_vni(text)
    assert convert_cell(encoded, prefer=Encoding.VNI).text == nfc(text)
    assert convert_cell(encoded).text in (nfc(text), encoded)
    assert decode_vni(encoded) == nfc(text)


def _evident(text: str) -> bool:
    """A word whose capitals show after decoding, like NGUYỄN (not HỒ, which reads as Hồ)."""
    return any(
        any(c.isascii() and c.isalpha() for c in w[1:]) and not w.isascii()
        for w in re.findall(r"[^\W\d_]+", text)
    )


@settings(max_examples=400)
@given(vietnamese().map(str.upper))
def test_vntimeh_round_trip(text: str) -> None:
    encoded = encode_tcvn3(text, caps_font=True)
    converted = convert_cell(encoded, prefer=Encoding.TCVN3).text
    assert converted.upper() == nfc(text)  # the letters always come back
    if _evident(text):
        assert converted == nfc(text)  # and the capitals whenever one word shows them


@settings(max_examples=300)
@given(vietnamese(), st.sampled_from(["NFC", "NFD"]))
def test_genuine_unicode_is_never_altered(text: str, form: str) -> None:
    text = unicodedata.normalize(form, text)  # type: ignore[arg-type]
    assert convert_cell(text).text == text
    if any(c not in SURFACE for c in text):
        # Letters no legacy font has (ộ, ư …): even a TCVN3 column leaves the cell alone.
        assert convert_cell(text, prefer=Encoding.TCVN3).text == text


@settings(max_examples=300)
@given(vietnamese())
def test_cp1258_round_trip(text: str) -> None:
    found = detect_bytes(encode_cp1258(text))
    assert found is not None
    if not text.isascii():
        assert found.encoding is Encoding.CP1258
    assert nfc(found.text) == nfc(text)


@given(st.text())
def test_any_text_is_safe(text: str) -> None:
    result = convert_cell(text)
    if result.encoding is Encoding.UNICODE:
        assert result.text == text
    if text.isascii():
        assert result.text == text


@given(st.binary(max_size=2000))
def test_any_bytes_are_safe(data: bytes) -> None:
    found = detect_bytes(data)
    assert found is None or found.encoding in (Encoding.CP1258, Encoding.TCVN3, Encoding.VNI)
