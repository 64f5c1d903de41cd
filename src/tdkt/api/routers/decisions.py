"""Decisions with the lines of their lists that the user may see."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from tdkt.api.routers.common import Page, get_visible, user_of
from tdkt.api.schemas import DecisionDetailOut, DecisionOut
from tdkt.web.queries import decision_lines, decisions_list, visible_decisions

router = Router(tags=["Quyết định"])


@router.get("/decisions", response=list[DecisionOut], summary="Danh sách quyết định")
@paginate(Page)
def decision_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1945, le=2100, description="Năm ban hành"),
    number: str = Query("", max_length=60, description="Một phần số quyết định"),
    issuer: str = Query("", max_length=200, description="Cơ quan, người quyết định"),
) -> Any:
    """Decisions of the agency, newest first. A unit-scoped user sees those issued by a unit
    in scope or listing at least one award in scope."""
    qs = decisions_list(user_of(request), year=year, issuer=issuer, number=number)
    return qs.select_related("issuer_unit")


@router.get("/decisions/{decision_id}", response=DecisionDetailOut, summary="Một quyết định")
def decision_detail(request: HttpRequest, decision_id: int) -> Any:
    user = user_of(request)
    decision = get_visible(visible_decisions(user).select_related("issuer_unit"), decision_id)
    decision.visible_awards = list(  # type: ignore[attr-defined]
        decision_lines(user, decision).select_related("decision")
    )
    return decision
