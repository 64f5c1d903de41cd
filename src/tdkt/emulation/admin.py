"""Admin of movements, targets and their results, clusters and registrations (audited)."""

from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import AuditedAdmin, FoldedSearchMixin
from tdkt.emulation.models import Cluster, Movement, Registration, Target, TargetResult


class TargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Target
    extra = 0
    show_change_link = True
    fields = ("order", "name", "measure", "direction")


@admin.register(Movement)
class MovementAdmin(AuditedAdmin):
    list_display = ("name", "kind", "start_year", "end_year", "unit")
    list_filter = ("kind",)
    list_select_related = ("unit",)
    search_fields = ("name", "launch_document")
    autocomplete_fields = ("unit",)
    inlines = (TargetInline,)


class TargetResultInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TargetResult
    extra = 0
    fields = ("year", "planned", "actual", "note")


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ("name", "movement", "measure", "direction")
    list_select_related = ("movement",)
    search_fields = ("name",)
    inlines = (TargetResultInline,)


@admin.register(Cluster)
class ClusterAdmin(AuditedAdmin):
    list_display = ("name", "year", "leader")
    list_filter = ("year",)
    list_select_related = ("leader",)
    search_fields = ("name",)
    autocomplete_fields = ("members", "leader")


@admin.register(Registration)
class RegistrationAdmin(FoldedSearchMixin, AuditedAdmin):
    list_display = ("year", "award_type", "person", "unit", "registered_on")
    list_filter = ("year", "award_type")
    list_select_related = ("award_type", "person", "unit")
    autocomplete_fields = ("person", "unit")
    folded_search_fields = ("person__name_fold", "unit__name_fold")
