"""API authentication: personal bearer tokens, or the browser session (CSRF on unsafe methods).

The token handler comes first so that a client sending a token is never asked for a CSRF
token; a request without a valid token falls back to the session. Both handlers return the
user, which views read from ``request.auth``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from tdkt.api import tokens


class TokenAuth(HttpBearer):
    """``Authorization: Bearer tdkt_…`` — a personal token from ``tdkt api token create``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = tokens.authenticate(token.strip())
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    """The logged-in browser session; ninja checks the CSRF token on unsafe methods.

    Without a logged-in user there is nothing to protect, so the request is simply not
    authenticated (401) instead of failing the CSRF check (403).
    """

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


AUTH = [TokenAuth(), ActiveSessionAuth(csrf=True)]
