"""Legacy Vietnamese encodings: detect and convert TCVN3 (ABC), VNI-Windows and Windows-1258.

Before Unicode, Vietnamese was typed with 8-bit *fonts*: the bytes were Windows-1252 code points
and the font drew them as Vietnamese letters. In a spreadsheet such a cell reads as mojibake
("NguyÔn ThÞ H\u00ad¬ng" for "Nguyễn Thị Hương"); in a CSV file the raw bytes are there.

* **TCVN3 (ABC)** — one byte per letter (TCVN 5712:1993, the VN3 subset used by the ".VnTime"
  fonts: all lower-case letters plus Ă Â Ê Ô Ơ Ư Đ). Capitals with a tone mark do not exist;
  they were typed in the ".VnTimeH" fonts, which draw the *lower-case* code points as capitals.
  Such cells decode to "NGUYễN"; :func:`decode_tcvn3` restores the capitals.
* **VNI-Windows** — a base letter followed by a mark character ("Nguyeãn", "Höông").
* **Windows-1258** — base letters plus combining tone marks; only ever seen as CSV bytes.

:func:`convert_cell` works cell by cell: a cell with any character outside the Windows-1252
repertoire is genuine Unicode and is returned untouched, as is plain ASCII. Otherwise each
reading (as is, TCVN3, VNI) is scored by how many of its words are well-formed Vietnamese
syllables, and a legacy reading wins only when it is strictly better than the text as it stands.
A tie ("Bé" is a word, and TCVN3 for "Bộ") is broken only by a preference the caller knows
from context (readers.py: the rest of the column). :func:`detect_bytes` chooses the encoding of
8-bit CSV bytes the same way, over the whole file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "Analysis",
    "ByteDetection",
    "Conversion",
    "Encoding",
    "analyse",
    "bytes_to_surface",
    "convert_cell",
    "decode_tcvn3",
    "decode_vni",
    "detect_bytes",
    "encode_cp1258",
    "encode_tcvn3",
    "encode_vni",
    "force_decode",
    "is_vietnamese_word",
    "score",
]


class Encoding(StrEnum):
    """Where a piece of text came from."""

    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    VNI = "vni"
    CP1258 = "cp1258"

    @property
    def label(self) -> str:
        """The name users know the encoding by."""
        return _LABELS[self]


_LABELS = {
    Encoding.UNICODE: "Unicode",
    Encoding.TCVN3: "TCVN3 (ABC)",
    Encoding.VNI: "VNI-Windows",
    Encoding.CP1258: "Windows-1258",
}

# --- Character model -------------------------------------------------------------------------
# Tones in the order huyền, hỏi, ngã, sắc, nặng (index 1..5; 0 = ngang).
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TONE_INDEX = {mark: i for i, mark in enumerate(_TONE_MARKS) if mark}
_VOWELS = "aăâeêioôơuưy"


def _toned(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


def _split_letter(ch: str) -> tuple[str, int]:
    """Split a Vietnamese letter into (letter without tone, tone index)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = 0
    rest = []
    for part in decomposed:
        if part in _TONE_INDEX:
            tone = _TONE_INDEX[part]
        else:
            rest.append(part)
    return unicodedata.normalize("NFC", "".join(rest)), tone


# --- TCVN3 (ABC, TCVN 5712:1993 VN3) ---------------------------------------------------------
# Byte of each toned lower-case vowel, tones in the order huyền, hỏi, ngã, sắc, nặng.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_PLAIN = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}  # fmt: skip

# Unicode letter -> byte (the encoder's table; capitals with tones are absent on purpose).
_TCVN3_ENCODE: dict[str, int] = dict(_TCVN3_PLAIN)
for _base, _codes in _TCVN3_TONED.items():
    for _tone, _code in enumerate(_codes, start=1):
        _TCVN3_ENCODE[_toned(_base, _tone)] = _code
# Surface character (all TCVN3 bytes are ≥ 0xA0, where Windows-1252 is Latin-1) -> letter.
_TCVN3_DECODE = {code: letter for letter, code in _TCVN3_ENCODE.items()}


# --- VNI-Windows ---------------------------------------------------------------------------
# Mark characters (lower-case forms; the upper-case forms follow capitals), tones indexed 1..5.
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX = ("â", "à", "å", "ã", "á", "ä")  # plain, then with each tone
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")  # i and its toned forms are single characters
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ỵ": "î"}


def _vni_sequence(letter: str) -> str | None:
    """VNI-Windows sequence of one lower-case Vietnamese letter, or None if not Vietnamese."""
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    bare, tone = _split_letter(letter)
    if bare == "i":
        return _VNI_I[tone]
    if bare in ("ơ", "ư"):
        return _VNI_SINGLE[bare] + _VNI_TONE[tone]
    if bare in ("â", "ê", "ô"):
        return unicodedata.normalize("NFD", bare)[0] + _VNI_CIRCUMFLEX[tone]
    if bare == "ă":
        return "a" + _VNI_BREVE[tone]
    if bare in ("a", "e", "o", "u", "y") and tone:
        return bare + _VNI_TONE[tone]
    return None


_VNI_ENCODE: dict[str, str] = {}
for _bare in _VOWELS + "đ":
    for _tone in range(6):
        _letter = _toned(_bare, _tone) if _bare != "đ" else "đ"
        _seq = _vni_sequence(_letter)
        if _seq is not None and not _letter.isascii():
            _VNI_ENCODE[_letter] = _seq
            _VNI_ENCODE[_letter.upper()] = _seq.upper()

_VNI_MARKS = frozenset("".join(_VNI_TONE + _VNI_CIRCUMFLEX + _VNI_BREVE + _VNI_I[1:]))
_VNI_MARKS |= frozenset(_VNI_SINGLE.values())
_VNI_DECODE: dict[str, str] = {seq: letter for letter, seq in _VNI_ENCODE.items()}
# Lenient: a capital followed by a lower-case mark ("Aù") is still Á.
for _letter, _seq in list(_VNI_ENCODE.items()):
    if len(_seq) == 2 and _seq[0].isupper():
        _VNI_DECODE.setdefault(_seq[0] + _seq[1].lower(), _letter)
_VNI_PATTERN = re.compile(
    "|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)),
)


# --- Surface characters --------------------------------------------------------------------
def bytes_to_surface(data: bytes) -> str:
    """Bytes as a legacy-font document shows them: Windows-1252, Latin-1 for its five holes."""
    return data.decode("cp1252", errors="surrogateescape").translate(_SURROGATE_TO_LATIN1)


_SURROGATE_TO_LATIN1 = {0xDC00 + b: b for b in range(0x80, 0x100)}
# Every character a legacy-font cell can contain: ASCII plus the Windows-1252 repertoire.
_SURFACE = frozenset(bytes_to_surface(bytes(range(256))))
_NOT_SURFACE = re.compile(
    "[^" + "".join(re.escape(ch) for ch in sorted(_SURFACE)) + "]",
)


# --- Decoders ------------------------------------------------------------------------------
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def _is_title(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _typed_in_caps_font(word: str) -> bool:
    """A decoded word such as "NGUYễN": capitals, yet lower-case Vietnamese letters."""
    if any("a" <= c <= "z" for c in word):
        return False
    if not any(c.islower() and not c.isascii() for c in word):
        return False
    return not _is_title(word) and any(c.isupper() for c in word)


def _restore_caps(text: str) -> str:
    """Undo the ".VnTimeH" convention: capitals typed as lower-case code points.

    Words like "NGUYễN" are upper-cased; when the cell also has no lower-case ASCII letter and
    such a word or an all-capital syllable ("MINH", "ĐUA"), the whole cell is. A cell whose only
    clue is its initials ("Hồ") is indistinguishable from Title case and is left as it is.
    """
    words = _LETTERS.findall(text)
    evident = {w for w in words if _typed_in_caps_font(w)}
    caps_cell = not any("a" <= c <= "z" for c in text) and bool(
        evident or any(w.isupper() and len(w) > 1 and _is_syllable(w.lower()) for w in words)
    )
    if not (evident or caps_cell) or all(w.isascii() for w in words):
        return text
    return _LETTERS.sub(
        lambda m: m.group().upper() if caps_cell or m.group() in evident else m.group(),
        text,
    )


def decode_tcvn3(text: str) -> str:
    """Decode a TCVN3 (ABC) surface string, restoring ".VnTimeH" capitals."""
    return _restore_caps(text.translate(_TCVN3_DECODE))


def decode_vni(text: str) -> str:
    """Decode a VNI-Windows surface string."""
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text)


# --- Encoders (tests, fixtures, and documentation of the tables) ---------------------------
def encode_tcvn3(text: str, *, caps_font: bool = False) -> str:
    """Encode Unicode Vietnamese as a TCVN3 surface string.

    With ``caps_font`` the text is written as in ".VnTimeH": every Vietnamese letter takes the
    lower-case code point (the font draws it as a capital). Raises ValueError for characters
    TCVN3 cannot hold (capitals with a tone mark outside ``caps_font``, non-Vietnamese letters).
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
            continue
        key = ch.lower() if caps_font and ch != "Đ" else ch
        if key in _TCVN3_ENCODE:
            out.append(chr(_TCVN3_ENCODE[key]))
        elif ch in _SURFACE and ord(ch) not in _TCVN3_DECODE:
            out.append(ch)  # a symbol the font shows as itself ("–")
        else:
            raise ValueError(f"TCVN3 cannot encode {ch!r}")
    return "".join(out)


def encode_vni(text: str) -> str:
    """Encode Unicode Vietnamese as a VNI-Windows surface string (ValueError if impossible)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
        elif ch in _VNI_ENCODE:
            out.append(_VNI_ENCODE[ch])
        elif ch in _SURFACE and ch.lower() not in _VNI_MARKS:
            out.append(ch)  # a symbol the font shows as itself ("–")
        else:
            raise ValueError(f"VNI cannot encode {ch!r}")
    return "".join(out)


def encode_cp1258(text: str) -> bytes:
    """Encode Unicode Vietnamese as Windows-1258 (letters + combining tone marks)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            bare, tone = _split_letter(ch)
            out += (bare + _TONE_MARKS[tone]).encode("cp1258")
    return bytes(out)


# --- Plausibility of Vietnamese words ------------------------------------------------------
_INITIAL = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
# Rhymes Vietnamese spelling allows: a vowel nucleus (n*) and its final (f*), if any.
_SYLLABLE = re.compile(
    f"(?P<initial>{_INITIAL})?(?:"
    "(?P<n1>uyê|iê|yê|uô|ươ|oă|uâ|oo|oa|oe|uê|uy|uơ|ă|â|a|e|ê|i|o|ô|ơ|u|ư)(?P<f1>ng|c|m|n|p|t)"
    "|(?P<n2>oa|uê|uy|a|ê|i)(?P<f2>ch|nh)"
    "|(?P<n3>iê|yê|ươ|uy|a|â|e|ê|i|ư)(?P<f3>u)"
    "|(?P<n4>oa|oe|a|e)(?P<f4>o)"
    "|(?P<n5>uô|ươ|oa|a|o|ô|ơ|u|ư)(?P<f5>i)"
    "|(?P<n6>oa|uâ|a|â)(?P<f6>y)"
    "|(?P<n7>uya|ia|ua|ưa|oa|oe|uê|uy|uơ|a|e|ê|i|o|ô|ơ|u|ư|y)"
    ")",
)
_FRONT = ("e", "ê", "i", "y")
# Where the tone sits in an open rhyme of two or three vowels (offsets into the nucleus);
# "oa", "oe", "uy" accept both the old ("hoà") and the new ("hòa") placement.
_OPEN_TONE = {"ia": (0,), "ua": (0,), "ưa": (0,), "uya": (1,), "uê": (1,), "uơ": (1,),
              "oa": (0, 1), "oe": (0, 1), "uy": (0, 1)}  # fmt: skip
_ABBREVIATION = re.compile("[A-ZĐ]*Đ[A-ZĐ]*")


def _spelling_ok(initial: str, nucleus: str) -> bool:
    """The c/k, g/gh, ng/ngh and qu spelling rules."""
    first = nucleus[0]
    if initial == "c":
        return first not in _FRONT
    if initial == "k":
        return first in _FRONT
    if initial in ("gh", "ngh"):
        return first in ("e", "ê", "i")
    if initial == "g":
        return first not in ("e", "ê")
    if initial == "ng":
        return first not in ("e", "ê", "i")
    if initial == "qu":
        return first not in ("o", "u")
    return True


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """Whether a lower-case NFC word is a well-formed Vietnamese syllable."""
    letters: list[str] = []
    tone = 0
    tone_at = -1
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_INDEX:
            if tone or not letters:
                return False
            tone, tone_at = _TONE_INDEX[ch], len(letters) - 1
        elif unicodedata.combining(ch) and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        else:
            letters.append(ch)
    match = _SYLLABLE.fullmatch("".join(letters))
    if not match:
        return False
    groups = match.groupdict()
    initial = groups["initial"] or ""
    nucleus = next(groups[f"n{i}"] for i in range(1, 8) if groups[f"n{i}"])
    final = next((groups[f"f{i}"] for i in range(1, 7) if groups[f"f{i}"]), "")
    if not _spelling_ok(initial, nucleus):
        return False
    if not tone:
        return final not in ("c", "ch", "p", "t")
    # Syllables closed by c, ch, p, t carry only the sắc or nặng tone.
    if final in ("c", "ch", "p", "t") and tone not in (4, 5):
        return False
    offset = tone_at - len(initial)
    if final or len(nucleus) == 1:
        return offset == len(nucleus) - 1
    return offset in _OPEN_TONE.get(nucleus, ())


def is_vietnamese_word(word: str) -> bool:
    """Whether *word* (NFC, letters only) could be Vietnamese as written.

    A syllable in lower, Title or UPPER case, or an upper-case abbreviation with Đ ("QĐ").
    """
    if not word:
        return False
    if not (word.islower() or word.isupper() or _is_title(word)):
        return False
    if _ABBREVIATION.fullmatch(word) and len(word) > 1:
        return True
    return _is_syllable(word.lower())


# Non-letters that stand for letters in TCVN3 or VNI ("§" = Đ, "«" = ô, "·" = ã): left over
# in a reading, they show it is the wrong one. Other symbols ("–", "“") say nothing.
_CODE_SYMBOLS = frozenset(
    ch
    for ch in {chr(c) for c in _TCVN3_DECODE} | {ch for seq in _VNI_DECODE for ch in seq}
    if not ch.isalpha()
)


def score(text: str) -> int:
    """How Vietnamese a reading looks: +1 per good word, -1 per bad word or stray code symbol.

    Only words with a non-ASCII letter count.
    """
    total = 0
    for word in _LETTERS.findall(text):
        if not word.isascii():
            total += 1 if is_vietnamese_word(unicodedata.normalize("NFC", word)) else -1
    return total - sum(ch in _CODE_SYMBOLS for ch in text)


# --- Cell conversion -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Conversion:
    """A cell after detection: the text to use and where it came from."""

    text: str
    encoding: Encoding

    @property
    def converted(self) -> bool:
        return self.encoding is not Encoding.UNICODE


@dataclass(frozen=True, slots=True)
class Analysis:
    """The readings of a cell and their scores; ``best`` is a strict legacy winner or UNICODE."""

    best: Encoding
    decisive: bool  # ``best`` beat every other reading outright
    readings: dict[Encoding, str]
    scores: dict[Encoding, int]


_DECODERS = {Encoding.TCVN3: decode_tcvn3, Encoding.VNI: decode_vni}


def analyse(text: str) -> Analysis:
    """Score the as-is, TCVN3 and VNI readings of *text* (see the module docstring)."""
    if text.isascii() or _NOT_SURFACE.search(text):
        return Analysis(Encoding.UNICODE, True, {Encoding.UNICODE: text}, {Encoding.UNICODE: 0})
    return _analyse_surface(text)


@lru_cache(maxsize=16384)
def _analyse_surface(text: str) -> Analysis:
    readings = {Encoding.UNICODE: text}
    scores = {Encoding.UNICODE: score(text)}
    for encoding, decode in _DECODERS.items():
        reading = unicodedata.normalize("NFC", decode(text))
        if reading != text:
            readings[encoding] = reading
            scores[encoding] = score(reading)
    top = max(scores.values())
    winners = [e for e, s in scores.items() if s == top]
    if len(winners) == 1 and winners[0] is not Encoding.UNICODE and top > 0:
        return Analysis(winners[0], True, readings, scores)
    return Analysis(Encoding.UNICODE, winners == [Encoding.UNICODE], readings, scores)


def convert_cell(text: str, prefer: Encoding | None = None) -> Conversion:
    """Return *text* converted to Unicode if it is TCVN3/VNI mojibake, else unchanged.

    ``prefer`` breaks ties: a legacy reading exactly as good as the text as it stands (e.g.
    "Tô", which is also TCVN3 for "Tụ") is taken only when the reader knows the rest of the
    column is in that encoding. Without it, a tie leaves the cell alone.
    """
    analysis = analyse(text)
    if analysis.best is not Encoding.UNICODE:
        return Conversion(analysis.readings[analysis.best], analysis.best)
    if prefer in analysis.readings and prefer is not Encoding.UNICODE:
        assert prefer is not None
        preferred = analysis.scores[prefer]
        if preferred > 0 and preferred == max(analysis.scores.values()):
            return Conversion(analysis.readings[prefer], prefer)
    return Conversion(text, Encoding.UNICODE)


def force_decode(text: str, encoding: Encoding) -> str:
    """Decode a surface string known to be in *encoding* (no detection)."""
    if encoding in _DECODERS:
        return unicodedata.normalize("NFC", _DECODERS[encoding](text))
    return text


# --- Whole files (8-bit CSV bytes) ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ByteDetection:
    """The encoding of 8-bit bytes and their text (surface text for TCVN3/VNI)."""

    encoding: Encoding
    text: str
    score: int


def detect_bytes(data: bytes) -> ByteDetection | None:
    """Choose between Windows-1258, TCVN3 and VNI for bytes that are not UTF-8/UTF-16.

    Returns None when no reading looks like Vietnamese (more bad words than good).
    """
    candidates: list[ByteDetection] = []
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    else:
        candidates.append(ByteDetection(Encoding.CP1258, text, score(text)))
    surface = bytes_to_surface(data)
    for encoding, decode in _DECODERS.items():
        candidates.append(ByteDetection(encoding, surface, score(decode(surface))))
    best = max(candidates, key=lambda c: c.score)  # first wins a tie: cp1258, TCVN3, VNI
    return best if best.score >= 0 else None
