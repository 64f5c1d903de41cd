"""State changes of parameter overrides, audited in the same transaction.

Only system administrators (role ``admin`` of the agency, or a Django superuser) change an
agency's parameters; ``actor=None`` is the system itself (scripts, tests).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tdkt.common import audit
from tdkt.eligibility.models import ParameterOverride
from tdkt.org.models import Agency, Membership
from tdkt.org.policies import membership

FIELDS = ("agency_id", "name", "valid_from", "valid_to", "value", "source", "note")


def can_manage(actor: Any, agency_id: int) -> bool:
    """May ``actor`` change the parameters of the agency?"""
    if actor is None:
        return True
    if getattr(actor, "is_superuser", False):
        return True
    m = membership(actor)
    return m is not None and m.role == Membership.Role.ADMIN and m.agency_id == agency_id


def _require(actor: Any, agency_id: int) -> None:
    if not can_manage(actor, agency_id):
        raise PermissionDenied("Chỉ quản trị hệ thống được thay đổi tham số xét khen thưởng.")


@transaction.atomic
def set_override(
    actor: Any,
    *,
    agency: Agency,
    name: str,
    value: Any,
    source: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
    override: ParameterOverride | None = None,
) -> ParameterOverride:
    """Create (or change ``override``): validated against the parameter's type, audited."""
    _require(actor, agency.pk)
    before = audit.snapshot(override, FIELDS) if override is not None else None
    obj = override or ParameterOverride(agency=agency)
    if override is not None and override.agency_id != agency.pk:
        raise PermissionDenied("Tham số này thuộc cơ quan khác.")
    obj.name, obj.value, obj.source = name, value, source
    obj.valid_from, obj.valid_to, obj.note = valid_from, valid_to, note
    if obj.pk is None and getattr(actor, "is_authenticated", False):
        obj.created_by = actor
    obj.save()  # full_clean: wrong type, overlap → ValidationError naming the parameter
    after = audit.snapshot(obj, FIELDS)
    if before is None:
        audit.record(actor, "create", obj, after=after, summary=str(obj))
    else:
        b, a = audit.diff(before, after)
        if a:
            audit.record(actor, "update", obj, before=b, after=a, summary=str(obj))
    return obj


@transaction.atomic
def delete_override(actor: Any, override: ParameterOverride) -> None:
    _require(actor, override.agency_id)
    audit.record(
        actor, "delete", override, before=audit.snapshot(override, FIELDS), summary=str(override)
    )
    override.delete()
