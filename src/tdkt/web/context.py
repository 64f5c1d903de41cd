"""Template context: the navigation (with the current section) and the user's membership."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import Membership
from tdkt.org.policies import membership

NAV = [
    ("web:dashboard", _("Tổng quan")),
    ("web:units", _("Đơn vị")),
    ("web:people", _("Cá nhân")),
    ("web:decisions", _("Quyết định")),
    ("web:awards", _("Khen thưởng")),
    ("web:movements", _("Phong trào")),
    ("web:conferences", _("Hội nghị")),
    ("nominations:rounds", _("Xét khen thưởng")),
    ("eligibility:index", _("Điều kiện khen thưởng")),
    ("web:summary", _("Báo cáo")),
    ("imports:list", _("Nhập dữ liệu")),
]
# Entries shown only to some roles: route name → who may see it.
NAV_ROLES = {
    "imports:list": {Membership.Role.ADMIN, Membership.Role.OFFICER, Membership.Role.CLERK},
}

# Route name → the navigation entry it belongs to.
SECTION = {
    "web:unit_detail": "web:units",
    "web:person_add": "web:people",
    "web:person_detail": "web:people",
    "web:person_edit": "web:people",
    "web:person_rating": "web:people",
    "web:decision_detail": "web:decisions",
    "web:movement_detail": "web:movements",
    "web:conference_detail": "web:conferences",
    "imports:detail": "imports:list",
}
# Namespaces whose every page belongs to one navigation entry.
NAMESPACE_SECTION = {
    "nominations": "nominations:rounds",
    "imports": "imports:list",
    "eligibility": "eligibility:index",
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    current = ""
    if match is not None and match.namespace:
        name = f"{match.namespace}:{match.url_name}"
        current = SECTION.get(name) or NAMESPACE_SECTION.get(match.namespace, name)
    m = membership(request.user)
    role = m.role if m else None
    items = [
        (name, label) for name, label in NAV if name not in NAV_ROLES or role in NAV_ROLES[name]
    ]
    return {"nav_items": items, "nav_current": current, "membership": m}
