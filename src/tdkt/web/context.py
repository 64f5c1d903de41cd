"""Template context: the navigation and the user's role."""

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


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": NAV, "membership": membership(request.user)}
