"""Template context: the navigation (with the current section) and the user's membership."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tdkt.org.policies import membership

NAV = [
    ("web:dashboard", _("Tổng quan")),
    ("web:units", _("Đơn vị")),
    ("web:people", _("Cá nhân")),
    ("web:decisions", _("Quyết định")),
    ("web:awards", _("Khen thưởng")),
    ("web:movements", _("Phong trào")),
    ("web:conferences", _("Hội nghị")),
]

# Route name → the navigation entry it belongs to.
SECTION = {
    "unit_detail": "web:units",
    "person_add": "web:people",
    "person_detail": "web:people",
    "person_edit": "web:people",
    "person_rating": "web:people",
    "decision_detail": "web:decisions",
    "movement_detail": "web:movements",
    "conference_detail": "web:conferences",
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    current = ""
    if match is not None and match.namespace == "web":
        current = SECTION.get(match.url_name or "", f"web:{match.url_name}")
    return {"nav_items": NAV, "nav_current": current, "membership": membership(request.user)}
