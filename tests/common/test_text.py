"""The Vietnamese text helpers: exact examples, then properties checked with hypothesis."""

from __future__ import annotations

import functools
import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tdkt.common.text import fold, nfc, person_sort_key, sort_key, split_name


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def as_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- nfc ----------------------------------------------------------------------------------


def test_nfc_and_nfd_inputs_are_equal():
    assert nfd("Nguyễn") != "Nguyễn"  # the test really compares two encodings
    assert nfc(nfd("Nguyễn Thị Hương")) == "Nguyễn Thị Hương"
    assert nfc(nfd("Nguyễn Thị Hương")).encode() == "Nguyễn Thị Hương".encode()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hoà", "Hòa"),
        ("hoà", "hòa"),
        ("HOÀ", "HÒA"),
        ("Hoà Bình", "Hòa Bình"),
        ("thuỷ", "thủy"),
        ("Thuỷ", "Thủy"),
        ("khoẻ", "khỏe"),
        ("hoá", "hóa"),
        ("luỹ", "lũy"),
        ("Toạ", "Tọa"),
    ],
)
def test_old_tone_placement_becomes_new(old, new):
    assert nfc(old) == new
    assert nfc(nfd(old)) == new
    assert nfc(new) == new


@pytest.mark.parametrize(
    "word",
    ["Quý", "quỳ", "QUỸ", "Hoàng", "hoạch", "khuỷu", "Thuyết", "Nguyễn", "Khoa", "Hòa"],
)
def test_words_already_right_are_unchanged(word):
    """ "qu" + vowel keeps its tone; a tone inside a longer rhyme is not moved."""
    assert nfc(word) == word


def test_nfc_collapses_and_strips_white_space():
    assert nfc("  Nguyễn \t Văn\u00a0 An \n") == "Nguyễn Văn An"
    assert nfc(None) == ""
    assert nfc("") == ""


# --- fold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Thị Hoà", "dang thi hoa"),
        ("Đặng Thị Hòa", "dang thi hoa"),
        ("ĐẶNG", "dang"),
        ("Nguyễn Thị Hương", "nguyen thi huong"),
        ("Trương  Vĩnh   Ký", "truong vinh ky"),
        ("Sở Lao động – Thương binh và Xã hội", "so lao dong – thuong binh va xa hoi"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert fold(nfd(text)) == folded


def test_fold_of_none():
    assert fold(None) == ""


# --- sort keys ----------------------------------------------------------------------------


def ordered(words: list[str]) -> list[str]:
    return sorted(words, key=sort_key)


def test_tone_order():
    """ngang < huyền < hỏi < ngã < sắc < nặng."""
    tones = ["a", "à", "ả", "ã", "á", "ạ"]
    assert ordered(list(reversed(tones))) == tones
    assert ordered(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_letter_order():
    assert ordered(["â", "ă", "a"]) == ["a", "ă", "â"]
    assert ordered(["đa", "da", "dz"]) == ["da", "dz", "đa"]
    assert ordered(["ơ", "ô", "o"]) == ["o", "ô", "ơ"]
    assert ordered(["ư", "u", "v"]) == ["u", "ư", "v"]
    assert ordered(["ê", "e", "f"]) == ["e", "ê", "f"]
    # a letter difference outweighs a tone difference anywhere in the word
    assert ordered(["ăn", "án", "an"]) == ["an", "án", "ăn"]
    assert ordered(["đà", "dạ"]) == ["dạ", "đà"]


def test_word_by_word_letters_then_tones():
    assert ordered(["Anh", "An", "Ánh", "Ân"]) == ["An", "Anh", "Ánh", "Ân"]
    assert ordered(["Hà An", "Hà", "Ha"]) == ["Ha", "Hà", "Hà An"]
    # dictionary order: every "ha …" before "hà …"
    assert ordered(["Hà Nam", "Ha Nội", "Hà Giang"]) == ["Ha Nội", "Hà Giang", "Hà Nam"]
    # found while writing these tests: a name that is the beginning of another used to sort
    # after it when its tones were heavier ("À Bà" after "À Bà A")
    assert ordered(["À Bà A", "À Bà"]) == ["À Bà", "À Bà A"]
    assert ordered(["Lê Thị Hà A", "Lê Thị Hà"]) == ["Lê Thị Hà", "Lê Thị Hà A"]


def test_digits_before_letters():
    assert ordered(["Tổ B", "Tổ 2", "Tổ 1", "Tổ A"]) == ["Tổ 1", "Tổ 2", "Tổ A", "Tổ B"]


def test_hyphen_separates_words():
    assert sort_key("Bà Rịa-Vũng Tàu") == sort_key("Bà Rịa - Vũng Tàu")


def test_old_and_new_tone_placement_sort_equal():
    assert sort_key("Hoà") == sort_key("Hòa")
    assert sort_key("Thuỷ") == sort_key("Thủy")
    assert person_sort_key("Nguyễn Thị Hoà") == person_sort_key("Nguyễn Thị Hòa")


def test_split_name():
    assert split_name("Nguyễn Thị Thu Hương") == ("Nguyễn", "Thị Thu", "Hương")
    assert split_name("  Lê   Lợi ") == ("Lê", "", "Lợi")
    assert split_name("Hoà") == ("", "", "Hòa")
    assert split_name("") == ("", "", "")


def test_people_sorted_by_given_then_middle_then_family_name():
    names = [
        "Trần Văn Bình",
        "Nguyễn Thị Ánh",
        "Lê Văn An",
        "Đặng Thị An",
        "Nguyễn Văn Ân",
        "Phạm Thị Hoà",
        "Vũ Đức Anh",
        "Bùi Thị Hương",
        "Nguyễn Thị Hương",
        "Đỗ Hường",
        "Hoàng Văn Đức",
        "Ngô Văn Dũng",
        "Trịnh Thị Hòa",
    ]
    assert sorted(names, key=person_sort_key) == [
        "Đặng Thị An",  # An: middle "Thị" < "Văn"
        "Lê Văn An",
        "Vũ Đức Anh",
        "Nguyễn Thị Ánh",
        "Nguyễn Văn Ân",
        "Trần Văn Bình",
        "Ngô Văn Dũng",
        "Hoàng Văn Đức",  # d < đ
        "Phạm Thị Hoà",  # Hòa, Thị: equal up to the family name, Phạm < Trịnh
        "Trịnh Thị Hòa",
        "Bùi Thị Hương",  # Hương, Thị: Bùi < Nguyễn
        "Nguyễn Thị Hương",
        "Đỗ Hường",  # every Hương before any Hường, whatever the middle and family names
    ]


# --- properties ---------------------------------------------------------------------------

# A reference comparator written from the definition of the Vietnamese alphabet, independent
# of the implementation: every precomposed letter is looked up in a table of (letter, tone).
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # f, j, w, z: where ICU puts them
DIGITS = "0123456789"
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # ngang … nặng
TONED_VOWELS = "aăâeêioôơuưy"
LETTER_OF: dict[str, tuple[str, int]] = {}
for base in ALPHABET:
    LETTER_OF[base] = (base, 0)
for base in TONED_VOWELS:
    for tone, mark in enumerate(TONE_MARKS):
        LETTER_OF[as_nfc(base + mark)] = (base, tone)


def reference_parts(text: str) -> list[tuple[list[int], list[int]]]:
    """Each word of the text as (alphabet ranks of its letters, tone of each letter)."""
    words = [w for w in re.split(r"[\s\-]+", nfc(text).lower()) if w]
    parts = []
    for word in words:
        ranks, tones = [], []
        for ch in word:
            if ch in DIGITS:
                ranks.append(DIGITS.index(ch))
                tones.append(0)
            else:
                base, tone = LETTER_OF[ch]
                ranks.append(len(DIGITS) + ALPHABET.index(base))
                tones.append(tone)
        parts.append((ranks, tones))
    return parts


def reference_cmp(a: str, b: str) -> int:
    """Word by word, each by its letters, then its tones; a text that begins another first."""
    ka, kb = reference_parts(a), reference_parts(b)
    return (ka > kb) - (ka < kb)


def sign(x: int) -> int:
    return (x > 0) - (x < 0)


VIETNAMESE_LETTERS = sorted(
    set(LETTER_OF) | {c.upper() for c in LETTER_OF} | set(DIGITS) | {" ", "-"}
)
vietnamese_text = st.text(alphabet=st.sampled_from(VIETNAMESE_LETTERS), max_size=12)


@given(st.text())
@example("Đặng Thị Hoà")
@example("İ")
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text())
@example("Hoà thuỷ")
def test_fold_ignores_normalisation(text):
    assert fold(nfc(text)) == fold(text)
    assert fold(nfd(text)) == fold(text)


@given(st.text())
@example("Thuỷ")
def test_nfc_of_nfd_equals_nfc_of_nfc(text):
    assert nfc(nfd(text)) == nfc(as_nfc(text))


@given(st.text())
def test_nfc_is_idempotent_and_normalised(text):
    once = nfc(text)
    assert nfc(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text())
@example("x²")
@example("Nguyễn Văn A (1)")
def test_sort_key_uses_only_a_to_z(text):
    assert re.fullmatch("[a-z]*", sort_key(text))
    assert re.fullmatch("[a-z]*", person_sort_key(text))


@given(st.text())
@example("Hoà")
def test_sort_key_of_nfd_equals_nfc(text):
    assert sort_key(nfd(text)) == sort_key(as_nfc(text))


@settings(max_examples=400)
@given(vietnamese_text, vietnamese_text)
@example("À Bà", "À Bà A")
@example("Hà", "Ha An")
@example("an", "ăn")
def test_sort_key_agrees_with_reference(a, b):
    assert sign((sort_key(a) > sort_key(b)) - (sort_key(a) < sort_key(b))) == sign(
        reference_cmp(a, b)
    )


@given(st.lists(vietnamese_text, max_size=8))
def test_sorting_by_key_equals_sorting_by_reference(texts):
    by_key = sorted(texts, key=lambda t: (sort_key(t), t))
    by_reference = sorted(texts, key=lambda t: (functools.cmp_to_key(reference_cmp)(t), t))
    assert [reference_parts(t) for t in by_key] == [reference_parts(t) for t in by_reference]


def test_person_order_compares_middle_names_as_a_field() -> None:
    names = ["Nguyễn Thị Hồng Hương", "Nguyễn Thị Hương", "Trần Hương", "Lê Văn An", "Phạm An"]
    assert sorted(names, key=person_sort_key) == [
        "Phạm An",
        "Lê Văn An",
        "Trần Hương",
        "Nguyễn Thị Hương",
        "Nguyễn Thị Hồng Hương",
    ]
