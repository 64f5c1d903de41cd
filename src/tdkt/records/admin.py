"""Admin of ratings, disciplines, holds and initiatives (every save audited)."""

from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import AuditedAdmin, FoldedSearchMixin
from tdkt.records.models import Discipline, Hold, Initiative, Rating


@admin.register(Rating)
class RatingAdmin(FoldedSearchMixin, AuditedAdmin):
    list_display = ("year", "grade", "person", "unit", "note")
    list_filter = ("year", "grade")
    list_select_related = ("person", "unit")
    autocomplete_fields = ("person", "unit")
    folded_search_fields = ("person__name_fold", "unit__name_fold")


@admin.register(Discipline)
class DisciplineAdmin(FoldedSearchMixin, AuditedAdmin):
    list_display = ("person", "form", "decided_on", "effective_to", "document")
    list_filter = ("form",)
    list_select_related = ("person",)
    autocomplete_fields = ("person",)
    folded_search_fields = ("person__name_fold",)
    date_hierarchy = "decided_on"


@admin.register(Hold)
class HoldAdmin(AuditedAdmin):
    list_display = ("kind", "person", "unit", "start", "end")
    list_filter = ("kind",)
    list_select_related = ("person", "unit")
    autocomplete_fields = ("person", "unit")


@admin.register(Initiative)
class InitiativeAdmin(FoldedSearchMixin, AuditedAdmin):
    list_display = ("title", "year", "level", "unit", "decision_number")
    list_filter = ("level", "year")
    list_select_related = ("unit",)
    search_fields = ("decision_number",)
    folded_search_fields = ("title_fold",)
    autocomplete_fields = ("unit", "authors")
