"""Vietnamese text helpers: the one place that normalises, folds and sorts Vietnamese.

* :func:`nfc` — Unicode NFC, old tone placement ("hoà", "thuỷ") moved to the new one
  ("hòa", "thủy"), white space collapsed. Everything stored goes through it.
* :func:`fold` — a search key: lower case, no diacritics, "đ" → "d", single spaces.
* :func:`sort_key` — an ASCII key that sorts in Vietnamese dictionary order, word by word
  (a ă â b c d đ e ê …; within a word letters first, then tones ngang < huyền < hỏi < ngã <
  sắc < nặng) and is safe to compare byte-wise in any database collation (only a–z are used).
* :func:`person_sort_key` — people are listed by given name, then middle, then family name.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold",
    "nfc",
    "person_sort_key",
    "sort_key",
    "split_name",
]

_SPACES = re.compile(r"\s+")

# Combining marks of the five tones (NFD), in dictionary order after "no tone".
_TONES = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
# Marks that make a different letter (ă, â, ê, ô, ơ, ư).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

# Old ("hoà") → new ("hòa") tone placement applies to the rhymes oa, oe, uy when they end
# the syllable; "qu" + vowel is left alone because "u" belongs to the consonant there.
_OLD_TONE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0309\u0303\u0301\u0323])(?![^\W\d_])",
)


def _retone(match: re.Match[str]) -> str:
    first, second, tone = match.group(1), match.group(2), match.group(3)
    pair = (first.lower(), second.lower())
    if pair not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return match.group(0)
    return first + tone + second


def nfc(text: str | None) -> str:
    """Return *text* in NFC with the new tone placement and single spaces, stripped.

    >>> nfc("Hoà Bình") == nfc("Hòa Bình") == "Hòa Bình"
    True
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    decomposed = _OLD_TONE.sub(_retone, decomposed)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", decomposed)).strip()


def fold(text: str | None) -> str:
    """Return the search key of *text*: lower case, no diacritics, đ→d, single spaces.

    >>> fold("Đặng Thị Hoà")
    'dang thi hoa'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower()).strip()


# Vietnamese alphabet order, with the Latin letters it lacks (f, j, w, z) where ICU and
# office software put them; digits come before letters, punctuation before digits.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_DIGITS = "0123456789"


def _letters_and_tones(word: str) -> tuple[list[str], list[int]]:
    """Split a word into base letters (with ă/â/… kept) and the tone of each letter."""
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", nfc(word).lower()):
        if ch in _TONES:
            if tones:
                tones[-1] = _TONES[ch]
            continue
        if ch in _LETTER_MARKS and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
            continue
        if unicodedata.combining(ch):
            continue
        letters.append(ch)
        tones.append(0)
    return letters, tones


def _encode(index: int) -> str:
    """Two lower-case letters for 0 ≤ index < 676, keeping order ("ab" < "ac" < "ba")."""
    index = max(0, min(index, 675))
    return chr(97 + index // 26) + chr(97 + index % 26)


# Each letter is two code letters, from "ab" up; "aa" ends a word's letters and sorts below
# every letter, so a shorter word sorts first ("An" < "Anh") whatever the tones.
_END_OF_LETTERS = "aa"


def _letter_code(ch: str) -> str:
    if ch in _LETTER_RANK:
        return _encode(12 + _LETTER_RANK[ch])
    if ch in _DIGITS:
        return _encode(2 + _DIGITS.index(ch))
    if not ch.isalpha():
        return _encode(1)  # punctuation and symbols: all equal, before digits
    return _encode(50 + (ord(ch) % 600))  # other scripts: after the Latin letters


def sort_key(text: str | None) -> str:
    """Return an ASCII key (letters a–z only) sorting *text* in Vietnamese dictionary order.

    Words are compared one after the other, each by its letters first and then by its tones
    ("Ha Nội" < "Hà Nam"; "An" < "Anh" < "Ánh"); a text that is the beginning of another sorts
    first. Each word is encoded as its letter codes, ``"aa"``, then one tone letter per letter
    (a–f): equal letters give tone parts of equal length, so the parts stay aligned.
    """
    parts: list[str] = []
    for word in re.split(r"[\s\-]+", nfc(text)):
        if not word:
            continue
        letters, tones = _letters_and_tones(word)
        parts.append("".join(_letter_code(ch) for ch in letters))
        parts.append(_END_OF_LETTERS)
        parts.append("".join(chr(97 + t) for t in tones))
    return "".join(parts)


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family, middle, given).

    >>> split_name("Nguyễn Thị Thu Hương")
    ('Nguyễn', 'Thị Thu', 'Hương')
    """
    parts = nfc(full_name).split(" ")
    if not parts or parts == [""]:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def person_sort_key(full_name: str) -> str:
    """Sort key for people: given name, then middle names, then family name.

    The three are compared as separate fields ("aa" between them sorts below every letter),
    so "Nguyễn Thị Hương" < "Nguyễn Thị Hồng Hương": same given name, and middle "Thị"
    is the beginning of "Thị Hồng".
    """
    family, middle, given = split_name(full_name)
    return _END_OF_LETTERS.join(sort_key(p) for p in (given, middle, family))
