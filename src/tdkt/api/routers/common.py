"""Helpers shared by the routers: the current user, pagination, visible-object lookups."""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from tdkt.org.models import Unit
from tdkt.org.policies import visible_units

MAX_PAGE = 500
M = TypeVar("M", bound=Model)


class Page(LimitOffsetPagination):
    """``limit`` (1–500, default 50) and ``offset``; the answer is ``{"items", "count"}``."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE, **kwargs)


def user_of(request: HttpRequest) -> Any:
    """The authenticated user (set by either auth handler)."""
    return request.auth  # type: ignore[attr-defined]


def get_visible(qs: QuerySet[M], pk: int) -> M:
    """The row *pk* of an already scoped queryset, or 404 — the same for missing and hidden."""
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def visible_unit(user: Any, pk: int | None) -> Unit | None:
    """The unit *pk* if the user may see it; None when *pk* is None; 404 otherwise."""
    if pk is None:
        return None
    return get_visible(visible_units(user), pk)
