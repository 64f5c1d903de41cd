"""People: search, detail, timeline; create a person; set a person's yearly rating."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from tdkt.api.routers.common import Page, get_visible, user_of, visible_unit
from tdkt.api.schemas import (
    PersonDetailOut,
    PersonIn,
    PersonOut,
    RatingIn,
    RatingOut,
    TimelineOut,
)
from tdkt.org import domain as org
from tdkt.org.policies import visible_units
from tdkt.records import domain as records
from tdkt.web.queries import people_search, person_timeline, visible_people

router = Router(tags=["Cá nhân"])


@router.get("/people", response=list[PersonOut], summary="Tìm cá nhân")
@paginate(Page)
def person_list(
    request: HttpRequest,
    q: str = Query("", max_length=200, description="Tên, không phân biệt dấu và hoa thường"),
    unit_id: int | None = Query(None, description="Đơn vị (gồm cả cấp dưới và đơn vị đã sáp nhập)"),
) -> Any:
    """People in scope, sorted by given name, middle name, family name (Vietnamese order).

    The search is the web's: each word of ``q``, folded (no diacritics, đ→d, lower case),
    must begin a word of the name; an exact ``external_id`` matches too.
    """
    user = user_of(request)
    return people_search(user, q, visible_unit(user, unit_id))


@router.post("/people", response={201: PersonDetailOut}, summary="Thêm cá nhân")
def person_create(request: HttpRequest, payload: PersonIn) -> Any:
    user = user_of(request)
    data = payload.model_dump()
    unit = visible_units(user).filter(pk=data.pop("unit_id")).first()
    if unit is None:  # the same answer for a missing unit and one out of scope
        raise ValidationError({"unit_id": "Không tìm thấy đơn vị."})
    fields = {k: v for k, v in data.items() if v is not None}
    return Status(201, org.create_person(user, unit=unit, **fields))


@router.get("/people/{person_id}", response=PersonDetailOut, summary="Một cá nhân")
def person_detail(request: HttpRequest, person_id: int) -> Any:
    return get_visible(visible_people(user_of(request)), person_id)


@router.get(
    "/people/{person_id}/timeline",
    response=TimelineOut,
    summary="Quá trình: xếp loại, kỷ luật, sáng kiến, khen thưởng theo năm",
)
def person_timeline_view(request: HttpRequest, person_id: int) -> Any:
    """The person's record by year, newest first; each award links to its decision."""
    person = get_visible(visible_people(user_of(request)), person_id)
    years = person_timeline(person)
    for year in years:
        for award in year.awards:
            award.person = person  # the subject of every award here: no query per line
    return {"person": person, "years": years}


@router.put(
    "/people/{person_id}/ratings/{year}",
    response=RatingOut,
    summary="Đặt xếp loại năm của cá nhân",
)
def person_rating(
    request: HttpRequest,
    person_id: int,
    payload: RatingIn,
    year: int = Path(..., ge=1945, le=2100),
) -> Any:
    user = user_of(request)
    person = get_visible(visible_people(user), person_id)
    return records.set_rating(
        user, year=year, grade=payload.grade, person=person, note=payload.note
    )
