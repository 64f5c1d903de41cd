"""Admin of advanced-model conferences and their delegates (audited)."""

from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import AuditedAdmin
from tdkt.conferences.models import Conference, Delegate


class DelegateInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Delegate
    extra = 0
    fields = ("name", "person", "unit", "role")
    autocomplete_fields = ("person", "unit")


@admin.register(Conference)
class ConferenceAdmin(AuditedAdmin):
    list_display = ("name", "level", "date", "unit", "delegates_count")
    list_filter = ("level",)
    list_select_related = ("unit",)
    search_fields = ("name", "place")
    date_hierarchy = "date"
    autocomplete_fields = ("unit", "decision")
    raw_id_fields = ("honourees",)
    inlines = (DelegateInline,)
