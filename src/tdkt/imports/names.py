"""Resolve award names as officials write them to catalogue codes (FORMATS.md §1).

"Bằng khen của Chủ tịch UBND tỉnh", "BK UBND tỉnh", "bằng khen cấp tỉnh" → BK_TINH;
"Chiến sỹ thi đua cơ sở", "CSTĐCS" → CSTDCS; "HCLĐ hạng 3" → HCLD3. A name that resolves to
nothing, or to more than one code, is an error listing the candidates — never a guess.

How: every name is reduced to a *key* — folded (no case, no diacritics, đ → d), punctuation
dropped ("LĐ-TB&XH" → "ldtbxh"), spelling variants unified (sĩ/sỹ, Uỷ/Ủy, Ủy ban nhân dân →
ubnd, hạng 3/III → hạng ba) and common abbreviations expanded (BK, GK, HCLĐ, CSTĐ, LĐTT …).
Keys of catalogue names and aliases are looked up exactly first. Otherwise the text is split
into a *head* and an issuer phrase at "của"/"cấp" ("Bằng khen" + "của Bộ trưởng Bộ LĐ-TB&XH"),
the issuer phrase is classified by level (ministry, province, Prime Minister …), and the head's
catalogue entries of that level are the candidates.

The catalogue is plain data: anything with ``code``, ``name``, ``subjects`` and ``aliases``
(the AwardType model rows work as they are). An alias ending in "*" accepts any words after it
("Kỷ niệm chương*" takes "Kỷ niệm chương Vì sự nghiệp LĐ-TB&XH").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from tdkt.awards.catalogue import BUILTIN_CATALOGUE, CatalogueEntry
from tdkt.common.text import fold, nfc

__all__ = [
    "BUILTIN_CATALOGUE",
    "INITIATIVE_LEVELS",
    "SUBJECT_KINDS",
    "AwardResolver",
    "CatalogueEntry",
    "Resolution",
    "award_key",
    "issuer_levels",
    "resolve_level",
    "resolve_subject_kind",
    "subject_fits",
]


# --- The catalogue (built-ins live in tdkt.awards.catalogue) ---------------------------------


class AwardLike(Protocol):
    """What the resolver needs of a catalogue entry (CatalogueEntry or an AwardType row)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def subjects(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...


def subject_fits(subjects: str, subject_kind: str) -> bool:
    """Whether an award for *subjects* (individual|collective|both) can go to *subject_kind*."""
    return subjects == "both" or subjects == subject_kind


# --- Keys ------------------------------------------------------------------------------------
_JOINERS = re.compile(r"[-–—&.'’]")  # "LĐ-TB&XH" → "ldtbxh"
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
# "sỹ" = "sĩ", "kỷ" = "kỉ", "lý" = "lí": a lone y after a consonant is spelt either way.
_LONE_Y = re.compile(r"\b(ngh|ng|gh|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])y\b")
_PHRASES = (
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\blao dong thuong binh (?:va )?xa hoi\b"), "ldtbxh"),
    (re.compile(r"\bld ?tb ?(?:va )?xh\b"), "ldtbxh"),
    (re.compile(r"\bhang (?:3|iii)\b"), "hang ba"),
    (re.compile(r"\bhang (?:2|ii)\b"), "hang nhi"),
    (re.compile(r"\bhang (?:1|i)\b"), "hang nhat"),
)
_ABBREVIATIONS = {
    "bk": "bang khen",
    "gk": "giay khen",
    "hc": "huan chuong",
    "hcld": "huan chuong lao dong",
    "cstd": "chien si thi dua",
    "cstdcs": "chien si thi dua co so",
    "cstdtq": "chien si thi dua toan quoc",
    "cstt": "chien si tien tien",
    "ldtt": "lao dong tien tien",
    "ldxs": "lao dong xuat sac",
    "ttldtt": "tap the lao dong tien tien",
    "ttldxs": "tap the lao dong xuat sac",
    "bkttg": "bang khen cua thu tuong chinh phu",
    "ttg": "thu tuong chinh phu",
    "ttcp": "thu tuong chinh phu",
    "knc": "ki niem chuong",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(_ABBREVIATIONS) + r")\b")
_LEADING = re.compile(r"^(?:danh hieu(?: thi dua)?|hinh thuc(?: khen thuong)?|tang(?: thuong)?) ")


def award_key(text: str) -> str:
    """The matching key of an award name (see the module docstring)."""
    key = fold(nfc(text))
    key = _PUNCTUATION.sub(" ", _JOINERS.sub("", key))
    key = _SPACES.sub(" ", key).strip()
    key = _LONE_Y.sub(r"\1i", key)
    for pattern, replacement in _PHRASES:
        key = pattern.sub(replacement, key)
    key = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], key)
    stripped = _LEADING.sub("", key)
    return stripped if stripped else key


# --- Issuer phrases --------------------------------------------------------------------------
_CENTRAL_CITIES = "ha noi|ho chi minh|hcm|hai phong|da nang|can tho|hue"
_CENTRAL_SHORT = r"\btphcm\b|\btphn\b"
# (pattern, level); the leftmost match decides ("Giám đốc Sở … tỉnh X" is a Sở).
_ISSUERS = tuple(
    (re.compile(pattern), level)
    for pattern, level in (
        (r"\bthu tuong\b|\bchinh phu\b", "TTG"),
        (r"\bchu tich nuoc\b|\bnha nuoc\b", "CTN"),
        (r"\btoan quoc\b", "TQ"),
        (r"\bbo truong\b", "BO"),
        (r"\bbo\b|\bnganh\b", "BO*"),
        (rf"\b(?:thanh pho|tp) (?:{_CENTRAL_CITIES})\b|{_CENTRAL_SHORT}", "TINH"),
        (r"\btinh\b", "TINH"),
        (
            r"\bco so\b|\bgiam doc\b|\bso\b|\bhuyen\b|\bquan\b|\bthi xa\b|\bxa\b|\bphuong\b"
            r"|\bthi tran\b|\bthanh pho\b|\btp\b|\bthu truong\b|\bhieu truong\b|\bcuc\b"
            r"|\bcuc truong\b|\bchi cuc\b|\bdon vi\b|\bvien truong\b|\btong cuc\b",
            "CO_SO",
        ),
    )
)


def issuer_levels(phrase: str) -> frozenset[str]:
    """Levels an issuer phrase (a key) names: usually one; "cấp bộ, ngành, tỉnh" names two."""
    hits = []
    for pattern, level in _ISSUERS:
        match = pattern.search(phrase)
        if match:
            hits.append((match.start(), -len(match.group()), level))
    if not hits:
        return frozenset()
    level = min(hits)[2]
    if level == "BO*":
        # "cấp bộ, ngành, tỉnh" (the law's joint level) names ministry and province alike.
        return frozenset({"BO", "TINH"}) if any(h[2] == "TINH" for h in hits) else frozenset({"BO"})
    return frozenset({level})


_CONNECTOR = re.compile(r" (cua|cap) ")


def _split(key: str) -> tuple[str, str] | None:
    """("bang khen", "chu tich ubnd tinh") from "bang khen cua chu tich ubnd tinh"."""
    match = _CONNECTOR.search(key)
    if not match:
        return None
    return key[: match.start()], key[match.end() :]


# --- Resolution ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one cell: a code, or a message listing the candidates."""

    text: str
    code: str | None
    candidates: tuple[str, ...] = ()
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code is not None


def _ambiguous(text: str, codes: Iterable[str]) -> Resolution:
    candidates = tuple(sorted(set(codes)))
    # Wording fixed by FORMATS.md §1.
    return Resolution(text, None, candidates, f'"{text}" is ambiguous ({", ".join(candidates)})')


def _unknown(text: str, near: Iterable[str] = ()) -> Resolution:
    candidates = tuple(sorted(set(near)))
    hint = f" (gần giống: {', '.join(candidates)})" if candidates else ""
    return Resolution(
        text,
        None,
        candidates,
        f'"{text}" không có trong danh mục danh hiệu, hình thức khen thưởng{hint}',
    )


class AwardResolver:
    """Resolve award names against a catalogue (see the module docstring).

    Build one per import (the index is built once; results are memoised per text).
    """

    def __init__(self, catalogue: Iterable[AwardLike] = BUILTIN_CATALOGUE) -> None:
        self.subjects: dict[str, str] = {}
        self._exact: dict[str, set[str]] = {}
        # head → code → levels its issuer phrases name, or None: any issuer ("Giấy khen").
        self._heads: dict[str, dict[str, set[str] | None]] = {}
        self._open: dict[str, set[str]] = {}  # "Kỷ niệm chương*"
        self._memo: dict[tuple[str, str | None], Resolution] = {}
        for entry in catalogue:
            code = entry.code
            self.subjects[code] = entry.subjects
            texts = [entry.name, getattr(entry, "short_name", "") or "", *entry.aliases]
            for text in filter(None, texts):
                if text.endswith("*"):
                    self._open.setdefault(award_key(text[:-1]), set()).add(code)
                    continue
                key = award_key(text)
                self._exact.setdefault(key, set()).add(code)
                split = _split(key)
                if split is None:
                    self._heads.setdefault(key, {})[code] = None
                    continue
                entries = self._heads.setdefault(split[0], {})
                levels = entries.setdefault(code, set())
                if levels is not None:
                    levels |= issuer_levels(split[1])
        self._codes = {code.upper(): code for code in self.subjects}

    def resolve(self, text: str, subject_kind: str | None = None) -> Resolution:
        """Resolve *text*; with *subject_kind*, candidates that cannot go to it are dropped."""
        memo_key = (text, subject_kind)
        if memo_key not in self._memo:
            self._memo[memo_key] = self._resolve(nfc(text), subject_kind)
        return self._memo[memo_key]

    def _narrow(self, codes: Iterable[str], subject_kind: str | None) -> set[str]:
        codes = set(codes)
        if subject_kind is None:
            return codes
        fitting = {c for c in codes if subject_fits(self.subjects[c], subject_kind)}
        return fitting or codes

    def _result(self, text: str, codes: set[str], subject_kind: str | None) -> Resolution:
        narrowed = self._narrow(codes, subject_kind)
        if len(narrowed) == 1:
            return Resolution(text, next(iter(narrowed)), tuple(narrowed))
        return _ambiguous(text, codes if len(narrowed) == len(codes) else narrowed)

    def _resolve(self, text: str, subject_kind: str | None) -> Resolution:
        code = self._codes.get(re.sub(r"[\s-]+", "_", text.strip()).upper())
        if code:
            return Resolution(text, code, (code,))
        key = award_key(text)
        if not key:
            return _unknown(text)
        if key in self._exact:
            return self._result(text, self._exact[key], subject_kind)
        for head, phrase in self._splits(key):
            entries = self._heads[head]
            if phrase is None:
                return self._result(text, set(entries), subject_kind)
            levels = issuer_levels(phrase)
            # An entry of the level the phrase names beats one that takes any issuer.
            codes = {c for c, own in entries.items() if own and own & levels} or {
                c for c, own in entries.items() if own is None
            }
            if codes:
                return self._result(text, codes, subject_kind)
            return _unknown(text, entries)
        for head, codes in self._open.items():
            if key.startswith(head + " "):
                return self._result(text, set(codes), subject_kind)
        longer = {c for k, cs in self._exact.items() if k.startswith(key + " ") for c in cs}
        if len(longer) > 1:
            return _ambiguous(text, longer)
        near = difflib.get_close_matches(key, list(self._exact), n=3, cutoff=0.75)
        return _unknown(text, longer | {c for k in near for c in self._exact[k]})

    def _splits(self, key: str) -> Iterable[tuple[str, str | None]]:
        """Ways to read *key* as head + issuer phrase, the head being a known one."""
        if key in self._heads:
            yield key, None
        split = _split(key)
        if split and split[0] in self._heads:
            yield split
        # "Bằng khen Bộ trưởng Bộ LĐ-TB&XH": no "của", but the rest names a level.
        words = key.split(" ")
        for cut in range(len(words) - 1, 0, -1):
            head, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if head in self._heads and issuer_levels(rest):
                yield head, rest
                return


# --- Initiative levels and subject kinds -----------------------------------------------------
INITIATIVE_LEVELS = {"CO_SO": "Cơ sở", "BO_TINH": "Cấp bộ, tỉnh", "TOAN_QUOC": "Toàn quốc"}
_LEVEL_WORDS = {
    "co so": "CO_SO",
    "cap co so": "CO_SO",
    "cap tinh": "BO_TINH",
    "tinh": "BO_TINH",
    "cap bo": "BO_TINH",
    "bo": "BO_TINH",
    "cap nganh": "BO_TINH",
    "cap bo nganh": "BO_TINH",
    "cap bo nganh tinh": "BO_TINH",
    "cap bo tinh": "BO_TINH",
    "bo tinh": "BO_TINH",
    "toan quoc": "TOAN_QUOC",
    "cap toan quoc": "TOAN_QUOC",
}

SUBJECT_KINDS = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
_SUBJECT_WORDS = {
    "ca nhan": "individual",
    "cn": "individual",
    "tap the": "collective",
    "ho gia dinh": "household",
    "ho": "household",
    "hgd": "household",
}


def _word_key(text: str) -> str:
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", fold(text))).strip()


def _lookup(text: str, words: dict[str, str], codes: dict[str, str], allowed: str) -> Resolution:
    text = nfc(text)
    found = codes.get(re.sub(r"[\s-]+", "_", text.strip()).upper()) or words.get(_word_key(text))
    if found:
        return Resolution(text, found, (found,))
    return Resolution(text, None, (), f'"{text}" không hợp lệ; dùng một trong: {allowed}')


def resolve_level(text: str) -> Resolution:
    """Initiative level: "Cơ sở" / "Cấp tỉnh" / "Cấp bộ" / "Toàn quốc" or the code."""
    return _lookup(
        text,
        _LEVEL_WORDS,
        {code: code for code in INITIATIVE_LEVELS},
        "Cơ sở, Cấp tỉnh, Cấp bộ, Toàn quốc (hoặc CO_SO, BO_TINH, TOAN_QUOC)",
    )


def resolve_subject_kind(text: str) -> Resolution:
    """Subject kind: "Cá nhân" / "Tập thể" / "Hộ gia đình" or individual/collective/household."""
    return _lookup(
        text,
        _SUBJECT_WORDS,
        {kind.upper(): kind for kind in SUBJECT_KINDS},
        "Cá nhân, Tập thể, Hộ gia đình",
    )
