"""Admin of the organisation: agencies, units, people, households, user roles.

Reorganisations (move, merge, rename with its event) and transfers go through the domain
functions, so a unit's parent, successor and end date and a person's unit are read-only here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tdkt.common.admin import AuditedAdmin, FoldedSearchMixin, ReadOnlyAdmin, ReadOnlyInline
from tdkt.common.text import nfc
from tdkt.org.models import (
    Agency,
    Employment,
    Household,
    Membership,
    Person,
    ReorgEvent,
    Unit,
)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ("code", "name", "parent_name", "place")
    search_fields = ("code", "name")


class UnitForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Unit
        fields = (
            "agency",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "valid_from",
            "valid_to",
            "successor",
        )

    def clean_code(self) -> str:
        return nfc(self.cleaned_data["code"]).upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parent, agency = data.get("parent"), data.get("agency")
        if parent is not None and agency is not None and parent.agency_id != agency.pk:
            self.add_error("parent", _("Đơn vị cấp trên thuộc cơ quan khác."))
        return data


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, AuditedAdmin):
    form = UnitForm
    list_display = ("name", "code", "kind", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("kind", "agency")
    list_select_related = ("parent", "successor")
    search_fields = ("code", "short_name")
    folded_search_fields = ("name_fold",)
    ordering = ("path",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("path", "depth")
        # Moves and merges rewrite the subtree's paths and record events: domain functions.
        return ("path", "depth", "agency", "parent", "successor", "valid_to")

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and obj.valid_from:
            ReorgEvent.objects.create(
                unit=obj, kind=ReorgEvent.Kind.ESTABLISH, date=obj.valid_from, new_name=obj.name
            )


@admin.register(ReorgEvent)
class ReorgEventAdmin(ReadOnlyAdmin):
    """History of the structure: written by the reorganisation functions only."""

    list_display = ("date", "kind", "unit", "other", "old_name", "new_name", "document")
    list_filter = ("kind",)
    list_select_related = ("unit", "other")
    date_hierarchy = "date"


class EmploymentInline(ReadOnlyInline):
    model = Employment
    fields = ("unit", "position", "is_leader", "start", "end")
    readonly_fields = fields
    show_change_link = False


PERSON_FORM_FIELDS = (
    "full_name",
    "external_id",
    "id_number",
    "sex",
    "birth_date",
    "birth_year",
    "unit",
    "position",
    "hired_on",
    "is_active",
)


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    """The agency follows the unit; the external id is unique within the agency."""

    class Meta:
        model = Person
        fields = PERSON_FORM_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and data.get("unit") is not None:
            self.instance.agency_id = data["unit"].agency_id
        external_id = (data.get("external_id") or "").strip()
        if external_id and self.instance.agency_id:
            taken = Person.objects.filter(
                agency_id=self.instance.agency_id, external_id=external_id
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("external_id", _("Mã định danh này đã được dùng."))
        return data


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, AuditedAdmin):
    """People. The citizen id number can be entered but is never listed or searched."""

    list_display = ("full_name", "external_id", "unit", "position", "birth_year", "is_active")
    list_filter = ("is_active", "sex", "agency")
    list_select_related = ("unit",)
    search_fields = ("external_id",)
    folded_search_fields = ("name_fold",)
    autocomplete_fields = ("unit",)
    inlines = (EmploymentInline,)
    form = PersonForm
    fields = PERSON_FORM_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # A change of unit is a transfer (closes and opens employments): a domain function.
        return () if obj is None else ("unit",)

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # as org.domain.create_person: an open employment in the unit
            Employment.objects.create(
                person=obj,
                unit=obj.unit,
                position=obj.position,
                start=obj.hired_on or dt.date.today(),
            )


@admin.register(Household)
class HouseholdAdmin(FoldedSearchMixin, AuditedAdmin):
    list_display = ("name", "unit", "address")
    list_select_related = ("unit",)
    folded_search_fields = ("name_fold",)
    autocomplete_fields = ("unit",)


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Membership
        fields = ("user", "agency", "role", "unit")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, agency = data.get("unit"), data.get("agency")
        if data.get("role") == Membership.Role.CLERK and unit is None:
            self.add_error("unit", _("Cán bộ đơn vị phải có đơn vị phụ trách."))
        if unit is not None and agency is not None and unit.agency_id != agency.pk:
            self.add_error("unit", _("Đơn vị thuộc cơ quan khác."))
        return data


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    form = MembershipForm
    list_display = ("user", "role", "agency", "unit")
    list_filter = ("role", "agency")
    list_select_related = ("user", "agency", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("unit",)
