"""The JSON API (django-ninja), mounted at ``/api/``.

* OpenAPI document: ``/api/openapi.json``; interactive docs: ``/api/docs`` (Swagger UI served
  from django-ninja's own static files — ``ninja`` is in INSTALLED_APPS — never from a CDN).
* Authentication: ``Authorization: Bearer <token>`` (``tdkt api token create USERNAME``) or the
  browser session, which needs the CSRF token (``X-CSRFToken``) on unsafe methods.
* Every answer is limited to the user's scope; an object out of scope answers 404, exactly like
  one that does not exist. Errors: 401 not authenticated, 403 not allowed, 404 not found,
  422 invalid input (``{"detail": [{"loc": [...], "msg": "..."}]}``; nothing is written).
"""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from tdkt.api.auth import AUTH
from tdkt.api.routers import awards, decisions, movements, people, units
from tdkt.api.routers.common import user_of
from tdkt.api.schemas import MeOut
from tdkt.org.policies import membership


class TdktAPI(NinjaAPI):
    """NinjaAPI whose views answer 401 themselves instead of the login redirect of
    ``LoginRequiredMiddleware`` (API clients are not browsers)."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        _exempt(patterns)
        return patterns, app_name, namespace


class Utf8Renderer(JSONRenderer):
    """JSON with Vietnamese letters as they are, not as ``\\uXXXX`` escapes."""

    json_dumps_params = {"ensure_ascii": False}


def _exempt(patterns: list[Any]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _exempt(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)


api = TdktAPI(
    title="TĐKT API",
    version="1",
    description=__doc__ or "",
    auth=AUTH,
    urls_namespace="api",
    renderer=Utf8Renderer(),
)


def _validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
    """Django validation errors (from domain functions) → 422 in ninja's own error shape."""
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", field], "msg": msg, "type": "value_error"}
            for field, errors in exc.message_dict.items()
            for msg in errors
        ]
    else:
        detail = [{"loc": ["body"], "msg": msg, "type": "value_error"} for msg in exc.messages]
    for item in detail:
        if item["loc"][-1] == "__all__":
            item["loc"] = ["body"]
    return api.create_response(request, {"detail": detail}, status=422)


def _permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
    message = str(exc) or "Bạn không có quyền thực hiện thao tác này."
    return api.create_response(request, {"detail": message}, status=403)


api.add_exception_handler(ValidationError, _validation_error)
api.add_exception_handler(PermissionDenied, _permission_denied)


@api.get("/me", response=MeOut, tags=["Tài khoản"], summary="Tài khoản đang dùng")
def me(request: HttpRequest) -> dict[str, Any]:
    user = user_of(request)
    m = membership(user)
    return {
        "username": user.get_username(),
        "role": m.role if m else None,
        "agency": m.agency.name if m else None,
        "unit": m.unit if m else None,
    }


api.add_router("/", units.router)
api.add_router("/", people.router)
api.add_router("/", decisions.router)
api.add_router("/", awards.router)
api.add_router("/", movements.router)
