"""Admin of the agencies' own parameter values (tham số áp dụng riêng).

Editable by system administrators (superusers, or staff whose role is ``admin``, limited to
their agency). The model validates every value against its parameter's type; the admin's form
shows that error on the field. Every change is audited by :class:`AuditedAdmin`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseModelForm
from django.http import HttpRequest

from tdkt.common.admin import AuditedAdmin
from tdkt.eligibility.domain import can_manage
from tdkt.eligibility.models import ParameterOverride
from tdkt.org.policies import membership


@admin.register(ParameterOverride)
class ParameterOverrideAdmin(AuditedAdmin):
    list_display = ("name", "agency", "valid_from", "valid_to", "value", "source", "updated_at")
    list_filter = ("agency", "name")
    search_fields = ("name", "source", "note")
    fields = (
        "agency",
        "name",
        "valid_from",
        "valid_to",
        "value",
        "source",
        "note",
        "created_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("created_by", "created_at", "updated_at")

    def _agency_id(self, request: HttpRequest) -> int | None:
        m = membership(request.user)
        return None if m is None else m.agency_id

    def get_queryset(self, request: HttpRequest) -> QuerySet[ParameterOverride]:
        qs = super().get_queryset(request).select_related("agency")
        if request.user.is_superuser:
            return qs
        return qs.filter(agency_id=self._agency_id(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field: Any = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "agency" and not request.user.is_superuser and field is not None:
            field.queryset = field.queryset.filter(pk=self._agency_id(request))
        return field

    def _allowed(self, request: HttpRequest, obj: ParameterOverride | None) -> bool:
        if request.user.is_superuser:
            return True
        agency_id = obj.agency_id if obj is not None else self._agency_id(request)
        return agency_id is not None and can_manage(request.user, agency_id)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and self._allowed(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)

    def save_model(
        self, request: HttpRequest, obj: ParameterOverride, form: BaseModelForm, change: bool
    ) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
