"""Checks shared by several rules: holds, counting windows, titles held or earned this year."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence

from tdkt.awards.catalogue import BY_CODE
from tdkt.common.formatting import format_date

from ..facts import HoldKind
from ..verdict import Criterion, Mark, all3
from .base import Ctx

HTXS, HTT, HT = 3, 2, 1
RATING_BY_RANK = {3: "HTXS", 2: "HTT", 1: "HT", 0: "KHT"}
HOLD_VN = {
    HoldKind.DISCIPLINE_REVIEW: "đang xem xét kỷ luật",
    HoldKind.INVESTIGATION: "đang điều tra",
    HoldKind.INSPECTION: "đang thanh tra, kiểm tra",
    HoldKind.COMPLAINT: "đang giải quyết khiếu nại, tố cáo",
}
_WORD = {True: "có", False: "không", None: "chưa rõ"}
_MET_WORD = {True: "đạt", False: "không đạt", None: "chưa rõ"}
NO_START = 0  # a counting window with no earlier award to follow


def short(code: str) -> str:
    """The short Vietnamese name of an award code (LĐTT, CSTĐCS ...)."""
    return BY_CODE[code].short_name


def word(met: bool | None) -> str:
    """có / không / chưa rõ."""
    return _WORD[met]


def met_word(met: bool | None) -> str:
    """đạt / không đạt / chưa rõ."""
    return _MET_WORD[met]


def rating_text(rank: int | None) -> str:
    return "chưa có xếp loại" if rank is None else RATING_BY_RANK[rank]


_HOLD_TEXT = (
    "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải quyết "
    "khiếu nại, tố cáo (ngày {day})"
)


@functools.lru_cache(maxsize=256)
def _no_hold(day: dt.date, citation: str, mark: Mark) -> Criterion:
    """The (shared, immutable) criterion of a subject without any hold."""
    return Criterion(_HOLD_TEXT.format(day=format_date(day)), True, citation, mark)


def check_hold(c: Ctx) -> None:
    """No award while a hold (review, investigation, inspection, complaint) is open."""
    day = c.session.decision_date
    cite = c.cite_principle("hold")
    holds = c.session.facts.holds
    if not holds:
        c.criteria.append(_no_hold(day, cite.citation, cite.mark))
        return
    active = [h for h in holds if h.active_on(day)]
    c.add(
        _HOLD_TEXT.format(day=format_date(day)),
        not active,
        "; ".join(f"{HOLD_VN[h.kind]} từ {format_date(h.start)}" for h in active),
        cite,
    )


def current_title(c: Ctx, codes: Sequence[str], standard: str) -> tuple[bool | None, str]:
    """Whether the subject meets ``standard`` in the judged year.

    Facts that contradict the standard win over a recorded title; a recorded title (one of
    ``codes`` for the year) stands in for facts that are merely missing.
    """
    held = c.view.has_any(codes, c.year)
    verdict = c.depends(standard)
    met = verdict.outcome.met
    if met:
        return True, "đủ tiêu chuẩn" + (", đã được công nhận" if held else "")
    if met is None and held:
        return True, "đã được công nhận"
    prefix = "đã được công nhận nhưng " if held else ""
    first = next((x for x in verdict.criteria if x.met is met), None)
    reason = f": {first.text}" if first else ""
    return (
        met,
        f"{prefix}{'không đủ' if met is False else 'chưa rõ'} tiêu chuẩn {short(standard)}{reason}",
    )


def titles_in_years(
    c: Ctx,
    codes: Sequence[str],
    years: Iterable[int],
    start: int,
    current: tuple[bool | None, str],
    covers: int = 1,
) -> tuple[bool | None, str]:
    """Holds one of ``codes`` in every year (the judged year: ``current``), with a detail per
    year. A title counts only if all the ``covers`` years it stands for are from ``start`` on."""
    mets: list[bool | None] = []
    parts = []
    for y in years:
        if y - covers + 1 < start:
            met: bool | None = False
            note = f"không được tính (chỉ tính từ năm {start})"
        elif y == c.year:
            met, note = current
        else:
            met = c.view.has_any(codes, y)
            note = word(met)
        mets.append(met)
        parts.append(f"{y}: {note}")
    return all3(mets), "; ".join(parts)


def windowed(c: Ctx, base_start: int, check: Callable[[int], list[Criterion]]) -> None:
    """Add ``check(start)``'s criteria for the counting window starting at ``base_start``,
    moved later by a discipline (achievements count only from its end).

    When a discipline's end is not recorded the start is only known to lie in a range; a
    criterion whose answer differs across that range becomes unknown.
    """
    restart = (
        c.view.restart(c.year, c.p("discipline_max_effect_months"))
        if c.view.facts.disciplines
        else None
    )
    if restart is None or restart.hi <= base_start:
        c.criteria.extend(check(base_start))
        return
    lo, hi = max(base_start, restart.lo), max(base_start, restart.hi)
    span = f"từ năm {lo}" if lo == hi else f"từ năm {lo} đến {hi} tùy ngày hết hiệu lực"
    c.add(
        f"Thành tích chỉ được tính từ sau khi hết thời hạn kỷ luật: {span}",
        True,
        restart.what,
        c.cite_principle("discipline_restart"),
    )
    variants = [check(start) for start in range(lo, hi + 1)]
    for i, first in enumerate(variants[0]):
        if all(v[i].met is first.met for v in variants[1:]):
            c.criteria.append(first)
        else:
            detail = f"{first.detail}; phụ thuộc ngày hết hiệu lực kỷ luật (chưa rõ)"
            c.criteria.append(first._replace(met=None, detail=detail.lstrip("; ")))


def note_not_counted(c: Ctx, codes: Sequence[str], first: int) -> None:
    """Say so when thematic/ad-hoc awards of ``codes`` were left out of the count."""
    left_out = c.view.not_counted(codes, first, c.year) if c.view.other else None
    if left_out:
        c.add(
            "Khen thưởng chuyên đề, đột xuất không được tính để xét khen thưởng theo thành tích",
            True,
            ", ".join(left_out),
            c.cite_principle("merit_only"),
        )


def last_after(c: Ctx, codes: Sequence[str]) -> int:
    """The first year of a window following the latest merit award among ``codes``."""
    last = c.view.last(codes, c.year)
    return NO_START if last is None else last[1] + 1
