"""Working days across Tết 2025 and 2026, make-up Saturdays, agency overrides, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tdkt.common.models import AuditEntry
from tdkt.nominations import domain as nom
from tdkt.nominations.calendar import (
    TIME_LIMITS,
    WorkCalendar,
    add_working_days,
    is_working_day,
    publicity_deadline,
    working_days_between,
)
from tdkt.nominations.models import CalendarOverride
from tdkt.org.models import Agency

D = dt.date
PURE = WorkCalendar(overrides={})  # the public calendar only, no database


def test_tet_2025():
    # Tết Ất Tỵ: Mon 27/01 – Sat 01/02/2025 off (Sat 25 – Sun 02/02 with the weekends).
    assert [
        d for d in (D(2025, 1, 24) + dt.timedelta(i) for i in range(11)) if PURE.is_working_day(d)
    ] == [D(2025, 1, 24), D(2025, 2, 3)]
    assert PURE.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    assert PURE.add_working_days(D(2025, 1, 22), 10) == D(2025, 2, 12)
    assert PURE.add_working_days(D(2025, 2, 3), -1) == D(2025, 1, 24)
    assert PURE.working_days_between(D(2025, 1, 24), D(2025, 2, 3)) == 1
    assert PURE.working_days_between(D(2025, 1, 1), D(2025, 1, 31)) == 17
    assert PURE.working_days_between(D(2025, 2, 3), D(2025, 1, 24)) == -1


def test_tet_2026():
    # Tết Bính Ngọ: Mon 16 – Fri 20/02/2026 off.
    assert PURE.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert PURE.add_working_days(D(2026, 2, 10), 10) == D(2026, 3, 3)
    assert PURE.working_days_between(D(2026, 2, 1), D(2026, 2, 28)) == 15
    assert not any(PURE.is_working_day(D(2026, 2, d)) for d in range(16, 21))


def test_other_holidays_and_make_up_saturday():
    assert not PURE.is_working_day(D(2025, 1, 1))
    assert not PURE.is_working_day(D(2025, 9, 2))
    # 2025: Fri 02/05 off, made up on Sat 26/04.
    assert PURE.is_working_day(D(2025, 4, 26))
    assert not PURE.is_working_day(D(2025, 5, 2))
    assert PURE.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert PURE.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)
    assert not PURE.is_working_day(D(2025, 4, 19))  # an ordinary Saturday


def test_zero_and_start_day_not_counted():
    assert PURE.add_working_days(D(2025, 1, 25), 0) == D(2025, 1, 25)
    assert PURE.working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0
    assert PURE.working_days_between(D(2025, 3, 3), D(2025, 3, 4)) == 1


@given(
    st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 1)),
    st.integers(min_value=-45, max_value=45),
)
def test_add_and_between_agree(start, n):
    end = PURE.add_working_days(start, n)
    assert PURE.working_days_between(start, end) == n
    if n:
        assert PURE.is_working_day(end)


def test_agency_overrides(tree):
    other = Agency.objects.create(code="HG", name="Ủy ban nhân dân tỉnh Hậu Giang")
    CalendarOverride.objects.create(
        agency=tree.agency, date=D(2025, 12, 31), kind=CalendarOverride.Kind.DAY_OFF, note="Nghỉ bù"
    )
    CalendarOverride.objects.create(
        agency=None, date=D(2025, 6, 14), kind=CalendarOverride.Kind.WORKING_DAY
    )
    CalendarOverride.objects.create(
        agency=tree.agency, date=D(2025, 6, 14), kind=CalendarOverride.Kind.DAY_OFF
    )
    assert not is_working_day(D(2025, 12, 31), tree.agency)
    assert is_working_day(D(2025, 12, 31), other)
    assert is_working_day(D(2025, 12, 31))
    # Global make-up Saturday; this agency's own row wins.
    assert is_working_day(D(2025, 6, 14), other)
    assert not is_working_day(D(2025, 6, 14), tree.agency)
    # 30/12 → next working day: 31/12 off for this agency, 01/01 holiday → 02/01/2026.
    assert add_working_days(D(2025, 12, 30), 1, tree.agency) == D(2026, 1, 2)
    assert add_working_days(D(2025, 12, 30), 1, other) == D(2025, 12, 31)
    assert working_days_between(D(2025, 12, 29), D(2026, 1, 5), tree.agency) == 3


def test_publicity_deadline_after_tet_2026(db):
    # Council on Mon 02/03/2026: 10 full working days (09–13/02, 23–27/02) must lie between
    # publication and the meeting, so publish by Fri 06/02/2026.
    deadline = publicity_deadline(D(2026, 3, 2))
    assert deadline == D(2026, 2, 6)
    assert PURE.working_days_between(deadline, D(2026, 3, 2)) - 1 == 10


@pytest.mark.parametrize(
    ("key", "days"),
    [
        ("publicity", 10),
        ("consultation", 10),
        ("appraisal", 20),
        ("review", 30),
        ("review_highest", 40),
        ("return_notice", 10),
        ("award_items", 10),
        ("award_items_large", 20),
        ("revoke_return", 15),
    ],
)
def test_time_limits(key, days):
    assert TIME_LIMITS[key].working_days == days
    assert TIME_LIMITS[key].citation and TIME_LIMITS[key].mark in {
        "verified",
        "secondary",
        "unverified",
    }


def test_officers_edit_the_calendar(tree, officer, clerk):
    day = D(2025, 12, 31)
    with pytest.raises(PermissionDenied):
        nom.set_calendar_day(clerk, tree.agency, day, kind="day_off")
    with pytest.raises(ValidationError, match="Loại ngày “holiday” không hợp lệ"):
        nom.set_calendar_day(officer, tree.agency, day, kind="holiday")
    nom.set_calendar_day(officer, tree.agency, day, kind="day_off", note="Nghỉ cuối năm")
    assert not is_working_day(day, tree.agency)
    nom.set_calendar_day(officer, tree.agency, day, kind="working_day")
    assert is_working_day(day, tree.agency) and CalendarOverride.objects.count() == 1
    nom.clear_calendar_day(officer, tree.agency, day)
    assert is_working_day(day, tree.agency) and not CalendarOverride.objects.exists()
    with pytest.raises(ValidationError, match="không có điều chỉnh nào"):
        nom.clear_calendar_day(officer, tree.agency, day)
    actions = list(
        AuditEntry.objects.filter(model="nominations.calendaroverride")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
