"""State changes of ratings, disciplines, holds and initiatives (one function each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.common import audit
from tdkt.org.models import Person, Unit
from tdkt.org.policies import require_edit
from tdkt.records.models import Discipline, Grade, Initiative, Rating


def _check(actor: Any, unit: Unit) -> None:
    if actor is not None:
        require_edit(actor, unit)


def _check_year(year: int) -> None:
    if not 1945 <= year <= dt.date.today().year + 1:
        raise ValidationError({"year": f"Năm {year} không hợp lệ."})


@transaction.atomic
def set_rating(
    actor: Any,
    *,
    year: int,
    grade: str,
    person: Person | None = None,
    unit: Unit | None = None,
    note: str = "",
) -> Rating:
    """Create or change the yearly rating of a person or a unit."""
    if (person is None) == (unit is None):
        raise ValidationError("Xếp loại phải thuộc về đúng một cá nhân hoặc một tập thể.")
    if grade not in Grade.values:
        raise ValidationError({"grade": f"Xếp loại {grade} không hợp lệ."})
    _check_year(year)
    _check(actor, person.unit if person else unit)  # type: ignore[arg-type]
    rating, created = Rating.objects.select_for_update().get_or_create(
        person=person, unit=unit, year=year, defaults={"grade": grade, "note": note}
    )
    if created:
        audit.record(actor, "create", rating, after=audit.snapshot(rating))
    elif rating.grade != grade or rating.note != note:
        before = audit.snapshot(rating)
        rating.grade, rating.note = grade, note
        rating.save()
        audit.record(actor, "update", rating, before=before, after=audit.snapshot(rating))
    return rating


@transaction.atomic
def add_discipline(
    actor: Any,
    person: Person,
    *,
    form: str,
    decided_on: dt.date,
    effective_to: dt.date | None = None,
    document: str = "",
    reason: str = "",
) -> Discipline:
    _check(actor, person.unit)
    discipline = Discipline(
        person=person,
        form=form,
        decided_on=decided_on,
        effective_to=effective_to,
        document=document,
        reason=reason,
    )
    discipline.full_clean()
    if effective_to and effective_to < decided_on:
        raise ValidationError({"effective_to": "Ngày hết hiệu lực trước ngày quyết định."})
    discipline.save()
    audit.record(actor, "create", discipline, after=audit.snapshot(discipline))
    return discipline


@transaction.atomic
def add_initiative(
    actor: Any,
    *,
    unit: Unit,
    title: str,
    year: int,
    level: str,
    authors: list[Person],
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> Initiative:
    _check(actor, unit)
    _check_year(year)
    initiative = Initiative(
        unit=unit,
        title=title,
        year=year,
        level=level,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    initiative.full_clean(exclude=["title_fold"])
    initiative.save()
    initiative.authors.set(authors)
    audit.record(
        actor,
        "create",
        initiative,
        after={**audit.snapshot(initiative), "authors": [a.pk for a in authors]},
    )
    return initiative
