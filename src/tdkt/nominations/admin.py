"""Admin for the workflow's setup data (every save audited). Rounds, nominations, votes and
decisions change only through :mod:`tdkt.nominations.domain`, so they are not editable here."""

from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import AuditedAdmin
from tdkt.nominations.models import CalendarOverride, Council, CouncilMember


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedAdmin):
    list_display = ("date", "kind", "agency", "note")
    list_filter = ("kind", "agency")
    date_hierarchy = "date"


class CouncilMemberInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CouncilMember
    extra = 0
    fields = ("name", "role", "user", "person", "unit", "active_from", "active_to")
    raw_id_fields = ("user", "person", "unit")


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    list_display = ("name", "level", "unit", "agency", "is_active")
    list_filter = ("level", "is_active")
    inlines = [CouncilMemberInline]
