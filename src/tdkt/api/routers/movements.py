"""Emulation movements with their target indicators and yearly results."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from tdkt.api.routers.common import Page, get_visible, user_of
from tdkt.api.schemas import MovementOut
from tdkt.emulation.models import Movement, Target, TargetResult
from tdkt.web.queries import movements_list

router = Router(tags=["Phong trào"])


def _with_targets(qs: QuerySet[Movement]) -> QuerySet[Movement]:
    results = TargetResult.objects.select_related("target").order_by("year")
    targets = Target.objects.order_by("order", "id").prefetch_related(
        Prefetch("results", queryset=results)
    )
    return qs.prefetch_related(Prefetch("targets", queryset=targets))


@router.get("/movements", response=list[MovementOut], summary="Phong trào thi đua")
@paginate(Page)
def movement_list(request: HttpRequest) -> Any:
    """Movements launched by a unit in scope, newest first, with targets and results."""
    return _with_targets(movements_list(user_of(request)))


@router.get("/movements/{movement_id}", response=MovementOut, summary="Một phong trào")
def movement_detail(request: HttpRequest, movement_id: int) -> Any:
    return get_visible(_with_targets(movements_list(user_of(request))), movement_id)
