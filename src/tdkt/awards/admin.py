"""Admin of the award catalogue, decisions and awards.

Agencies add their own forms to the catalogue here; a built-in code (DOMAIN.md) can be
renamed or deactivated but never recoded or deleted. Award lines are read-only: they are
recorded with their decision and change only by a revoking decision (awards.domain).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Award, AwardType, Decision
from tdkt.common.admin import AuditedAdmin, FoldedSearchMixin, ReadOnlyAdmin, ReadOnlyInline

CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,19}$")


class AwardTypeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AwardType
        fields = (
            "code",
            "name",
            "short_name",
            "aliases",
            "kind",
            "subjects",
            "tier",
            "level_key",
            "money_individual",
            "money_collective",
            "order",
            "is_active",
        )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not CODE.match(code):
            raise forms.ValidationError(
                _("Mã gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ.")
            )
        return code

    def clean_aliases(self) -> list[str]:
        aliases = self.cleaned_data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise forms.ValidationError(
                _('Nhập một danh sách chuỗi, ví dụ ["Chiến sĩ tiên tiến"].')
            )
        return aliases


@admin.register(AwardType)
class AwardTypeAdmin(AuditedAdmin):
    form = AwardTypeForm
    list_display = (
        "code",
        "name",
        "kind",
        "subjects",
        "tier",
        "money_individual",
        "money_collective",
        "is_builtin",
        "is_active",
        "order",
    )
    list_filter = ("kind", "subjects", "is_builtin", "is_active")
    search_fields = ("code", "name", "short_name")
    ordering = ("order", "code")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and obj.is_builtin:
            return ("code", "is_builtin")
        return ("is_builtin",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_builtin:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AwardType]) -> None:
        # The bulk action checks each object through has_delete_permission already; this is a
        # second lock so that no code path deletes a built-in type.
        super().delete_queryset(request, queryset.filter(is_builtin=False))


class AwardInline(ReadOnlyInline):
    model = Award
    fk_name = "decision"
    fields = (
        "award_type",
        "year",
        "subject_kind",
        "person",
        "unit",
        "household",
        "unit_at_time",
        "kind",
        "revoked_by",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Award]:
        return (
            super()
            .get_queryset(request)
            .select_related(
                "award_type", "person", "unit", "household", "unit_at_time", "revoked_by"
            )
        )


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ("number", "date", "kind", "issuer", "signer_name")
    list_filter = ("kind",)
    search_fields = ("number", "issuer", "subject")
    date_hierarchy = "date"
    autocomplete_fields = ("issuer_unit",)
    inlines = (AwardInline,)


@admin.register(Award)
class AwardAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    list_display = (
        "award_type",
        "year",
        "subject_kind",
        "person",
        "unit",
        "unit_at_time",
        "decision",
        "revoked_by",
    )
    list_filter = ("year", "subject_kind", "kind", "award_type")
    list_select_related = (
        "award_type",
        "person",
        "unit",
        "unit_at_time",
        "decision",
        "revoked_by",
        "household",
    )
    search_fields = ("decision__number",)
    folded_search_fields = ("person__name_fold", "unit__name_fold")
