"""Audit helpers: snapshot a model instance and record a change.

Domain functions call :func:`record` inside the same ``transaction.atomic`` block as the
change. Sensitive fields (personal id numbers) are masked in snapshots.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from tdkt.common.models import AuditEntry

SENSITIVE_FIELDS = frozenset({"id_number", "password"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the concrete field values of *obj* as JSON-ready data, sensitive ones masked."""
    names = (
        list(fields)
        if fields is not None
        else [
            f.attname
            for f in obj._meta.concrete_fields  # type: ignore[attr-defined]
        ]
    )
    data: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name, None)
        if name in SENSITIVE_FIELDS:
            data[name] = "***" if value else ""
        else:
            data[name] = _plain(value)
    return data


def record(
    user: Any,
    action: str,
    obj: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append one audit entry for *obj*; call inside the change's transaction."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:300],
        before=before,
        after=after,
    )


def record_event(
    user: Any,
    action: str,
    model: str,
    object_id: str,
    *,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append an entry about something that is not one row (an import, a bulk load)."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        model=model,
        object_id=object_id,
        summary=summary[:300],
        after=after,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keep only the fields that changed."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
