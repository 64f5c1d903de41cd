"""Create, check and revoke personal API tokens (the only code that changes ``ApiToken``).

A token is ``tdkt_`` followed by 43 URL-safe characters (256 random bits). Only its SHA-256
hash is stored: a fast hash is enough for a random secret of that length, and it lets a
request find its token with one indexed lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from tdkt.api.models import ApiToken
from tdkt.common import audit

TOKEN_PREFIX = "tdkt_"  # noqa: S105 (a marker, not a secret)
AUDIT_FIELDS = ("user_id", "name", "prefix", "expires_at", "revoked_at")
# A token's last use is written at most this often, so reads do not write on every request.
TOUCH_INTERVAL = dt.timedelta(minutes=5)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(
    actor: Any, user: Any, *, name: str = "", expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for *user*; return it with the clear token (shown once, never stored)."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=clear[: len(TOKEN_PREFIX) + 4],
        key_hash=hash_token(clear),
        expires_at=expires_at,
    )
    audit.record(
        actor,
        "create",
        token,
        after=audit.snapshot(token, AUDIT_FIELDS),
        summary=f"{user}: {token.prefix}…",
    )
    return token, clear


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken) -> bool:
    """Revoke *token*; False if it was already revoked (nothing written then)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    before = audit.snapshot(token, AUDIT_FIELDS)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor,
        "revoke",
        token,
        before=before,
        after=audit.snapshot(token, AUDIT_FIELDS),
        summary=f"{token.user}: {token.prefix}…",
    )
    return True


def authenticate(clear: str) -> Any | None:
    """The active user owning the valid token *clear*, or None."""
    if not clear.startswith(TOKEN_PREFIX) or len(clear) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(clear)).first()
    if token is None or not token.is_valid or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
