"""Helpers shared by the web views: the user's membership, pagination, object lookup."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from tdkt.org.models import Membership
from tdkt.org.policies import WRITE_ROLES, membership

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]

PER_PAGE = 50


def load_membership(request: HttpRequest) -> Membership | None:
    """Load the user's membership with its agency and unit once per request (cached on the
    user, where the policies look for it)."""
    user = request.user
    if not user.is_authenticated:
        return None
    m = Membership.objects.select_related("agency", "unit").filter(user_id=user.pk).first()
    if m is not None:
        user.membership = m  # type: ignore[union-attr]
    return m


def web_view(view: View) -> View:
    """Decorator of every page: preloads the membership and varies the cache on htmx."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        load_membership(request)
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return wrapper


def is_partial(request: HttpRequest) -> bool:
    """True for an htmx request that wants only the results (not a history restore)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request and not htmx.boosted


def can_write(user: Any) -> bool:
    m = membership(user)
    return m is not None and m.role in WRITE_ROLES


def require_write(user: Any) -> None:
    if not can_write(user):
        raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu.")


def get_visible(qs: QuerySet[M], **lookup: Any) -> M:
    """The object from an already scoped queryset, or 404 (no hint of existence elsewhere)."""
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def page_of(
    request: HttpRequest,
    qs: QuerySet[Any] | list[Any],
    per_page: int = PER_PAGE,
    *,
    count: Callable[[], int] | None = None,
) -> Page[Any]:
    """The requested page (?page=N); out-of-range or invalid numbers give the nearest page.

    *count* replaces ``qs.count()`` when the caller knows a faster way to count.
    """
    paginator = Paginator(qs, per_page)
    if count is not None:
        paginator.count = count()  # type: ignore[misc]
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current query string without ``page``, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
