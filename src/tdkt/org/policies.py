"""Permission policies: every list comes from a queryset filtered by the user's scope.

* admin, officer, council, viewer: the whole agency (a viewer or council member given a unit
  is limited to that unit's subtree);
* clerk: their unit's subtree (which includes units merged into it).

``scoped(qs, user, unit_path)`` filters any queryset by the path of the unit each row belongs
to, e.g. ``scoped(Award.objects.all(), user, "unit_at_time__path")``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from tdkt.org.models import Membership, Unit

M = TypeVar("M", bound=Model)

WRITE_ROLES = {Membership.Role.ADMIN, Membership.Role.OFFICER, Membership.Role.CLERK}


def membership(user: Any) -> Membership | None:
    """The user's membership, or None for anonymous users and users without one."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership  # type: ignore[no-any-return]
    except Membership.DoesNotExist:
        return None


def scope_root(user: Any) -> tuple[int | None, str | None]:
    """(agency id, unit path prefix or None for the whole agency); (None, None) = nothing."""
    m = membership(user)
    if m is None:
        return None, None
    if m.unit_id is not None and (
        m.role == Membership.Role.CLERK
        or m.role
        in {
            Membership.Role.VIEWER,
            Membership.Role.COUNCIL,
        }
    ):
        return m.agency_id, m.unit.path
    if m.role == Membership.Role.CLERK:  # a clerk without a unit sees nothing
        return None, None
    return m.agency_id, None


def scope_q(user: Any, unit_path: str, agency: str | None = None) -> Q:
    """A Q object restricting rows to the user's scope; matches nothing when out of scope.

    *unit_path* is the lookup to the row's unit path (e.g. ``"unit__path"``); *agency* the
    lookup to its agency id when the row has no unit (defaults to the unit's agency).
    """
    agency_id, path = scope_root(user)
    if agency_id is None:
        return Q(pk__in=[])
    agency_lookup = agency or unit_path.replace("path", "agency_id")
    q = Q(**{agency_lookup: agency_id})
    if path is not None:
        q &= Q(**{f"{unit_path}__startswith": path})
    return q


def scoped(qs: QuerySet[M], user: Any, unit_path: str = "unit__path") -> QuerySet[M]:
    """Filter *qs* to the rows the user may see."""
    return qs.filter(scope_q(user, unit_path))


def visible_units(user: Any) -> QuerySet[Unit]:
    return scoped(Unit.objects.all(), user, "path")


def can_see_unit(user: Any, unit: Unit) -> bool:
    agency_id, path = scope_root(user)
    return agency_id == unit.agency_id and (path is None or unit.path.startswith(path))


def can_edit_unit(user: Any, unit: Unit) -> bool:
    m = membership(user)
    return m is not None and m.role in WRITE_ROLES and can_see_unit(user, unit)


def require_edit(user: Any, unit: Unit) -> None:
    """Raise PermissionDenied unless the user may change data of *unit*."""
    if not can_edit_unit(user, unit):
        raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu của đơn vị này.")


def is_officer(user: Any) -> bool:
    m = membership(user)
    return m is not None and m.role in {Membership.Role.ADMIN, Membership.Role.OFFICER}


def require_officer(user: Any) -> None:
    if not is_officer(user):
        raise PermissionDenied("Chỉ cán bộ thi đua – khen thưởng được thực hiện thao tác này.")
