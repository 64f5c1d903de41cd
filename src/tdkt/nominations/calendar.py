"""Working days on the Vietnamese public-holiday calendar, and the procedure's deadlines.

Public holidays (lunar New Year and its substituted days off included) and make-up working
Saturdays come from the ``holidays`` package (``country_holidays("VN")``). An agency can add
its own days off and make-up working days (:class:`~tdkt.nominations.models.CalendarOverride`);
an agency's override beats a global one (agency left empty), which beats the package.

Counting convention (how the law counts "within N working days from receipt"): the start day
itself is not counted. ``add_working_days(d, n)`` is the n-th working day after *d* (before
it for negative n); ``working_days_between(a, b)`` counts the working days in (a, b] (minus
those in [b, a) when b is earlier), so ``working_days_between(a, add_working_days(a, n)) == n``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import holidays

ONE_DAY = dt.timedelta(days=1)


@cache
def _public(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(days off, make-up working weekend days) of *year* from the ``holidays`` package."""
    calendar = holidays.country_holidays("VN", years=year)
    days_off = frozenset(calendar.keys())
    make_up = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return days_off, make_up


def public_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of *year* with their names (for display)."""
    return dict(sorted(holidays.country_holidays("VN", years=year).items()))


class WorkCalendar:
    """Working-day arithmetic for one agency (``None``: the public calendar and global overrides).

    Overrides are read from the database once per year touched, unless *overrides* is given
    (date → True for a working day, False for a day off), which skips the database.
    """

    def __init__(self, agency: Any = None, overrides: Mapping[dt.date, bool] | None = None):
        self.agency = agency
        self._fixed = dict(overrides) if overrides is not None else None
        self._loaded: dict[int, dict[dt.date, bool]] = {}

    def _overrides(self, year: int) -> Mapping[dt.date, bool]:
        if self._fixed is not None:
            return self._fixed
        if year not in self._loaded:
            from tdkt.nominations.models import CalendarOverride

            agency_id = getattr(self.agency, "pk", self.agency)
            rows = CalendarOverride.objects.filter(date__year=year).filter(
                agency_id__in=[agency_id] if agency_id else []
            ) | CalendarOverride.objects.filter(date__year=year, agency__isnull=True)
            found: dict[dt.date, bool] = {}
            # Global rows first, so the agency's own row for the same day wins.
            for row in sorted(rows, key=lambda r: r.agency_id is not None):
                found[row.date] = row.kind == CalendarOverride.Kind.WORKING_DAY
            self._loaded[year] = found
        return self._loaded[year]

    def is_working_day(self, day: dt.date) -> bool:
        override = self._overrides(day.year).get(day)
        if override is not None:
            return override
        days_off, make_up = _public(day.year)
        if day in days_off:
            return False
        if day.weekday() >= 5:
            return day in make_up
        return True

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after *start* (before it when n < 0); *start* itself for 0."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b]; when b is before a, minus the working days in [b, a).

        Either way ``working_days_between(a, add_working_days(a, n)) == n``.
        """
        if b < a:
            return -sum(1 for d in _days(b, a) if self.is_working_day(d))
        return sum(1 for d in _days(a + ONE_DAY, b + ONE_DAY) if self.is_working_day(d))


def _days(first: dt.date, stop: dt.date) -> Iterator[dt.date]:
    """Days from *first* up to, not including, *stop*."""
    day = first
    while day < stop:
        yield day
        day += ONE_DAY


def add_working_days(start: dt.date, n: int, agency: Any = None) -> dt.date:
    """The n-th working day after *start* on *agency*'s calendar (see the module docstring)."""
    return WorkCalendar(agency).add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date, agency: Any = None) -> int:
    """Working days in (a, b] on *agency*'s calendar."""
    return WorkCalendar(agency).working_days_between(a, b)


def is_working_day(day: dt.date, agency: Any = None) -> bool:
    return WorkCalendar(agency).is_working_day(day)


# --- The procedure's time limits, in working days ----------------------------------------------
# Numbers from RULES.md "Councils, publicity, deadlines" (Decree 152/2025/NĐ-CP, marked ✅ there;
# the article of each limit is not pinned down in RULES.md). Marks: verified | secondary |
# unverified. Kept as data so an agency's own rules can later replace them (parameters).


@dataclass(frozen=True)
class TimeLimit:
    key: str
    working_days: int
    label: str
    citation: str
    mark: str


TIME_LIMITS: dict[str, TimeLimit] = {
    t.key: t
    for t in (
        TimeLimit(
            "publicity",
            10,
            "Công khai danh sách đề nghị trước khi họp hội đồng",
            "Decree 152/2025/NĐ-CP Art 44 (orders, state honorary titles, CSTĐTQ)",
            "verified",
        ),
        TimeLimit(
            "consultation",
            10,
            "Trả lời văn bản lấy ý kiến",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "appraisal",
            20,
            "Bộ Nội vụ thẩm định hồ sơ",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "review",
            30,
            "Bộ, tỉnh xem xét, trình khen thưởng cấp Nhà nước",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "review_highest",
            40,
            "Xem xét, trình hình thức khen thưởng cao nhất",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "return_notice",
            10,
            "Thông báo trả lại hoặc bổ sung hồ sơ",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "award_items",
            10,
            "Trao hiện vật, tiền thưởng (dưới 100 trường hợp)",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "award_items_large",
            20,
            "Trao hiện vật, tiền thưởng (từ 100 trường hợp)",
            "Decree 152/2025/NĐ-CP (RULES.md)",
            "verified",
        ),
        TimeLimit(
            "revoke_return",
            15,
            "Nộp lại hiện vật, tiền thưởng khi bị huỷ bỏ",
            "Law 06/2022/QH15 Art 93; Decree 152/2025/NĐ-CP Arts 56–58",
            "verified",
        ),
    )
}

# Award codes whose candidates must be published before the council (orders, state honorary
# titles, CSTĐTQ). Types added by admins qualify by name ("Huân chương …", "Anh hùng …").
PUBLICITY_CODES = frozenset({"CSTDTQ", "HCLD1", "HCLD2", "HCLD3"})
PUBLICITY_NAME_PREFIXES = ("huan chuong", "anh hung")
# "The highest" forms get 40 working days of review (❓ which forms exactly: set here).
HIGHEST_NAME_PREFIXES = ("huan chuong sao vang", "huan chuong ho chi minh")


def needs_publicity(award_type: Any) -> bool:
    from tdkt.common.text import fold

    name = fold(award_type.name)
    return award_type.code in PUBLICITY_CODES or name.startswith(PUBLICITY_NAME_PREFIXES)


def review_limit(award_type: Any) -> TimeLimit:
    from tdkt.common.text import fold

    highest = fold(award_type.name).startswith(HIGHEST_NAME_PREFIXES)
    return TIME_LIMITS["review_highest" if highest else "review"]


def award_items_limit(cases: int) -> TimeLimit:
    return TIME_LIMITS["award_items" if cases < 100 else "award_items_large"]


def publicity_deadline(council_date: dt.date, agency: Any = None) -> dt.date:
    """Last working day to publish the candidates before a council meeting on *council_date*.

    Read conservatively: neither the publication day nor the meeting day counts, so 10 full
    working days lie strictly between them: the 11th working day before the meeting.
    """
    return add_working_days(council_date, -(TIME_LIMITS["publicity"].working_days + 1), agency)
