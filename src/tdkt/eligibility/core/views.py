"""Per-subject lookups built once from the facts, so that every rule reads them cheaply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tdkt.common.formatting import format_date

from .facts import (
    AwardFact,
    AwardKind,
    CollectiveFacts,
    DisciplineForm,
    InitiativeLevel,
    MemberSituation,
    PersonFacts,
    Rating,
)

RATING_RANK = {r: r.rank for r in Rating}

AWARD_KIND_VN = {AwardKind.THEMATIC: "chuyên đề", AwardKind.ADHOC: "đột xuất"}
FORM_VN = {
    DisciplineForm.KHIEN_TRACH: "khiển trách",
    DisciplineForm.CANH_CAO: "cảnh cáo",
    DisciplineForm.HA_BAC_LUONG: "hạ bậc lương",
    DisciplineForm.GIANG_CHUC: "giáng chức",
    DisciplineForm.CACH_CHUC: "cách chức",
    DisciplineForm.BUOC_THOI_VIEC: "buộc thôi việc",
}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (the day of month clamped to the month's length)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Restart:
    """Counting restarts after a discipline: from year ``lo``, or up to ``hi`` if its end is
    not recorded; ``what`` describes the discipline(s) in Vietnamese."""

    lo: int
    hi: int
    what: str


class _AwardIndex:
    __slots__ = ("merit", "other", "rank")

    def __init__(self, ratings: Mapping[int, Rating], awards: Iterable[AwardFact]) -> None:
        self.rank: dict[int, int] = {y: RATING_RANK[r] for y, r in ratings.items()}
        self.merit: dict[str, set[int]] = {}
        self.other: list[AwardFact] = []
        for a in awards:
            if a.kind is AwardKind.MERIT:
                self.merit.setdefault(a.code, set()).add(a.year)
            else:
                self.other.append(a)

    def has(self, code: str, year: int) -> bool:
        """Holds a merit award ``code`` for ``year``."""
        years = self.merit.get(code)
        return years is not None and year in years

    def has_any(self, codes: Iterable[str], year: int) -> bool:
        merit = self.merit
        for code in codes:
            years = merit.get(code)
            if years is not None and year in years:
                return True
        return False

    def last(self, codes: Iterable[str], before: int) -> tuple[str, int] | None:
        """The latest merit award among ``codes`` with a year before ``before``."""
        best: tuple[str, int] | None = None
        for code in codes:
            for y in self.merit.get(code, ()):
                if y < before and (best is None or y > best[1]):
                    best = (code, y)
        return best

    def count(self, code: str, first: int, last: int) -> int:
        return sum(1 for y in self.merit.get(code, ()) if first <= y <= last)

    def not_counted(self, codes: Iterable[str], first: int, last: int) -> list[str]:
        """Thematic/ad-hoc awards among ``codes`` in the years, described (they never count)."""
        if not self.other:
            return []
        wanted = set(codes)
        return [
            f"{a.code} {a.year} ({AWARD_KIND_VN[a.kind]})"
            for a in self.other
            if a.code in wanted and first <= a.year <= last
        ]


class PersonView(_AwardIndex):
    """Lookups over a :class:`PersonFacts`."""

    __slots__ = ("facts", "inits")

    def __init__(self, facts: PersonFacts) -> None:
        super().__init__(facts.ratings, facts.awards)
        self.facts = facts
        # year -> counts of initiatives recognised at each level *or above*, by level rank
        self.inits: dict[int, list[int]] = {}
        for i in facts.initiatives:
            counts = self.inits.get(i.year)
            if counts is None:
                counts = self.inits[i.year] = [0, 0, 0]
            counts[0] += 1
            if i.level is not InitiativeLevel.CO_SO:
                counts[1] += 1
                if i.level is InitiativeLevel.TOAN_QUOC:
                    counts[2] += 1

    def initiatives(self, first: int, last: int, level: InitiativeLevel) -> int:
        """Initiatives recognised at ``level`` or above in the years ``first``..``last``."""
        return sum(c[level.rank] for y, c in self.inits.items() if first <= y <= last)

    def restart(self, year: int, max_months: int) -> Restart | None:
        """When counting may start again after disciplines decided up to ``year``."""
        if not self.facts.disciplines:
            return None
        lo = hi = None
        what = []
        for d in self.facts.disciplines:
            if d.date.year > year:
                continue
            if d.end is not None:
                d_lo = d_hi = d.end.year + 1
                what.append(f"{FORM_VN[d.form]} {format_date(d.date)}–{format_date(d.end)}")
            else:
                d_lo = d.date.year + 1
                latest_end = add_months(d.date, max_months) - dt.timedelta(days=1)
                d_hi = latest_end.year + 1
                what.append(f"{FORM_VN[d.form]} {format_date(d.date)} (chưa rõ ngày hết hiệu lực)")
            lo = d_lo if lo is None else max(lo, d_lo)
            hi = d_hi if hi is None else max(hi, d_hi)
        if lo is None or hi is None:
            return None
        return Restart(lo, hi, "; ".join(what))


class CollectiveView(_AwardIndex):
    """Lookups over a :class:`CollectiveFacts`."""

    __slots__ = ("facts",)

    def __init__(self, facts: CollectiveFacts) -> None:
        super().__init__(facts.ratings, facts.awards)
        self.facts = facts

    def members(self, year: int) -> tuple[MemberSituation, ...] | None:
        return self.facts.members.get(year)
