"""Every page costs a fixed number of queries, whatever the number of rows it shows."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.awards import domain as awards
from tdkt.awards.models import Award, AwardType, Decision
from tdkt.conferences.models import Conference, Delegate
from tdkt.emulation.models import Movement, Target, TargetResult
from tdkt.org import domain as org
from tdkt.org.models import Household
from tdkt.records import domain as records
from tdkt.records.models import Initiative

MAX_QUERIES = 20
_seq = itertools.count(1)


def _people(data, n: int, unit=None) -> list:  # type: ignore[no-untyped-def]
    unit = unit or data.tree.pldvl
    return [
        org.create_person(None, unit=unit, full_name=f"Lò Văn Thêm {next(_seq):03d}")
        for _ in range(n)
    ]


def _decision(data, lines, **kw):  # type: ignore[no-untyped-def]
    return awards.record_decision(
        None,
        agency=data.tree.agency,
        number=f"{next(_seq)}/QĐ-TEST",
        date=kw.pop("date", dt.date(2025, 2, 1)),
        issuer=kw.pop("issuer", f"Cơ quan {next(_seq) % 3}"),
        lines=lines,
        **kw,
    )


def _mixed_lines(data, n: int) -> list[awards.AwardLine]:  # type: ignore[no-untyped-def]
    """n lines of every subject kind: individuals, collectives (new units), households."""
    ldtt, gk = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="GK")
    lines = []
    for i, person in enumerate(_people(data, n)):
        lines.append(awards.AwardLine(ldtt, 2024, person=person))
        if i % 3 == 0:
            unit = org.create_unit(
                None,
                agency=data.tree.agency,
                code=f"T{next(_seq)}",
                name=f"Tổ {next(_seq)}",
                parent=data.tree.pldvl,
            )
            lines.append(awards.AwardLine(gk, 2024, unit=unit))
        if i % 3 == 1:
            household = Household.objects.create(
                agency=data.tree.agency, name=f"Hộ {next(_seq)}", unit=data.tree.pldvl
            )
            lines.append(awards.AwardLine(gk, 2024, household=household))
    return lines


def _revoke_some(data, decision: Decision) -> None:  # type: ignore[no-untyped-def]
    by = Decision.objects.create(
        agency=data.tree.agency,
        number=f"{next(_seq)}/QĐ-HUY",
        date=dt.date(2025, 6, 1),
        kind=Decision.Kind.REVOKE,
    )
    awards.revoke_awards(None, list(decision.awards.all()[::4]), by=by, reason="Sai sót")


def grow_people(data, n):  # type: ignore[no-untyped-def]
    _people(data, n)


def grow_awards(data, n):  # type: ignore[no-untyped-def]
    _revoke_some(data, _decision(data, _mixed_lines(data, n)))


def grow_decisions(data, n):  # type: ignore[no-untyped-def]
    ldtt = AwardType.objects.get(code="LDTT")
    for person in _people(data, n):
        _decision(data, [awards.AwardLine(ldtt, 2024, person=person)])


def grow_units(data, n):  # type: ignore[no-untyped-def]
    made = []
    for _ in range(n):
        parent = made[-1] if made and len(made) % 2 else data.tree.pldvl
        made.append(
            org.create_unit(
                None,
                agency=data.tree.agency,
                code=f"U{next(_seq)}",
                name=f"Đội {next(_seq)}",
                parent=parent,
                valid_from=dt.date(2015, 1, 1),
            )
        )
    org.merge_units(None, made[-2:-1], into=made[0], date=dt.date(2024, 1, 1))
    _people(data, n, unit=made[0])


def grow_movements(data, n):  # type: ignore[no-untyped-def]
    for _ in range(n):
        m = Movement.objects.create(
            agency=data.tree.agency,
            unit=data.tree.pldvl,
            name=f"Phong trào {next(_seq)}",
            start_year=2021,
            end_year=2025,
        )
        target = Target.objects.create(movement=m, name="Chỉ tiêu")
        TargetResult.objects.create(target=target, year=2021, planned=Decimal(10))


def grow_movement_targets(data, n):  # type: ignore[no-untyped-def]
    for i in range(n):
        target = Target.objects.create(
            movement=data.movement,
            name=f"Chỉ tiêu {i}",
            direction=Target.Direction.LOWER if i % 2 else Target.Direction.HIGHER,
        )
        for year in (2021, 2022):
            TargetResult.objects.create(
                target=target, year=year, planned=Decimal(10), actual=Decimal(9 + i % 3)
            )


def grow_conferences(data, n):  # type: ignore[no-untyped-def]
    decision = _decision(data, _mixed_lines(data, 3))
    for _ in range(n):
        c = Conference.objects.create(
            agency=data.tree.agency,
            unit=data.tree.pldvl,
            name=f"Hội nghị {next(_seq)}",
            level=Conference.Level.UNIT,
            date=dt.date(2020, 1, 1),
            period_from=2015,
            period_to=2020,
            decision=decision,
        )
        c.honourees.set(decision.awards.all())


def grow_conference_detail(data, n):  # type: ignore[no-untyped-def]
    decision = _decision(data, _mixed_lines(data, n))
    data.conference.honourees.add(*decision.awards.all())
    for person in _people(data, n):
        Delegate.objects.create(
            conference=data.conference, person=person, name=person.full_name, unit=person.unit
        )


def grow_decision_lines(data, n):  # type: ignore[no-untyped-def]
    decision = _decision(data, _mixed_lines(data, n))
    _revoke_some(data, decision)
    data.grown = decision


def grow_person_record(data, n):  # type: ignore[no-untyped-def]
    person = data.people["NV003"]
    ldtt, gk = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="GK")
    start = 2024 - getattr(data, "years_done", 0)
    for year in range(start, start - n, -1):
        records.set_rating(None, person=person, year=year, grade="HTT")
        records.add_discipline(None, person, form="KHIEN_TRACH", decided_on=dt.date(year, 3, 1))
        records.add_initiative(
            None,
            unit=person.unit,
            title=f"Sáng kiến {year}",
            year=year,
            level=Initiative.Level.CO_SO,
            authors=[person],
        )
        _decision(
            data,
            [
                awards.AwardLine(ldtt, year, person=person),
                awards.AwardLine(gk, year, person=person),
            ],
            date=dt.date(year + 1, 1, 10),
        )
    org.transfer_person(None, person, data.tree.pldvl, date=dt.date(2025, 1, n))
    data.years_done = getattr(data, "years_done", 0) + n


def grow_unit_detail(data, n):  # type: ignore[no-untyped-def]
    grow_units(data, n)
    ldtt = AwardType.objects.get(code="LDTT")
    for year, person in zip(range(2024, 2024 - n, -1), _people(data, n), strict=True):
        _decision(data, [awards.AwardLine(ldtt, year, person=person)], date=dt.date(2025, 1, 5))


def grow_dashboard(data, n):  # type: ignore[no-untyped-def]
    types = list(AwardType.objects.all())
    for i, person in enumerate(_people(data, n)):
        _decision(
            data,
            [awards.AwardLine(types[i % 3], 2024 - i % 20, person=person)],
            date=dt.date(2025, 1, 5),
        )


PAGES: list[tuple[str, Callable, Callable]] = [  # type: ignore[type-arg]
    ("people", lambda d: reverse("web:people"), grow_people),
    ("people search", lambda d: reverse("web:people") + "?q=lo+van", grow_people),
    ("awards", lambda d: reverse("web:awards"), grow_awards),
    (
        "awards filtered",
        lambda d: reverse("web:awards") + "?year=2024&subject=individual",
        grow_awards,
    ),
    ("decisions", lambda d: reverse("web:decisions"), grow_decisions),
    ("units", lambda d: reverse("web:units"), grow_units),
    ("movements", lambda d: reverse("web:movements"), grow_movements),
    (
        "movement",
        lambda d: reverse("web:movement_detail", args=[d.movement.pk]),
        grow_movement_targets,
    ),
    ("conferences", lambda d: reverse("web:conferences"), grow_conferences),
    (
        "conference",
        lambda d: reverse("web:conference_detail", args=[d.conference.pk]),
        grow_conference_detail,
    ),
    ("decision", lambda d: reverse("web:decision_detail", args=[d.grown.pk]), grow_decision_lines),
    (
        "person",
        lambda d: reverse("web:person_detail", args=[d.people["NV003"].pk]),
        grow_person_record,
    ),
    ("unit", lambda d: reverse("web:unit_detail", args=[d.tree.pldvl.pk]), grow_unit_detail),
    ("dashboard", lambda d: reverse("web:dashboard"), grow_dashboard),
]


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "url", "grow"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("who", ["officer", "clerk"])
def test_query_count_does_not_grow_with_rows(
    data, request, client_for, django_assert_max_num_queries, name, url, grow, who
):
    client = client_for(request.getfixturevalue(who))
    grow(data, 3)
    small = _queries(client, url(data))
    grow(data, 27)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = _queries(client, url(data))
    assert large == small, f"{name}: {small} queries with 3 more rows, {large} with 30"


def test_the_grown_pages_really_show_more_rows(data, officer, client_for):
    """Guard for the test above: the rows it adds appear on the pages it measures."""
    client = client_for(officer)
    grow_people(data, 30)
    assert client.get(reverse("web:people")).content.decode().count("Lò Văn Thêm") == 30
    grow_decision_lines(data, 30)
    html = client.get(reverse("web:decision_detail", args=[data.grown.pk])).content.decode()
    assert html.count('class="is-revoked"') == (30 + 20) // 4 + 1
    assert Award.objects.filter(decision=data.grown).count() == 50
