"""Admin base class that audits every change, and the read-only audit log.

The admin is for system administrators (``is_staff``; Django's own check). Changes made there
bypass the domain functions, so :class:`AuditedAdmin` writes the audit entry itself, in the
admin's transaction: one entry per object created, changed or deleted (inline rows included),
with the user and the before/after values. Fields whose change is a domain event (moving or
merging a unit, transferring a person) are read-only in the admin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.forms import BaseModelForm
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tdkt.common import audit
from tdkt.common.models import AuditEntry
from tdkt.common.text import fold

admin.site.site_header = _("Quản trị hệ thống TĐKT")
admin.site.site_title = _("Quản trị TĐKT")
admin.site.index_title = _("Danh mục dữ liệu")

_BEFORE = "_tdkt_audit_before"


def _snapshot(obj: models.Model) -> dict[str, Any]:
    """Concrete fields (sensitive ones masked) plus many-to-many ids, once saved."""
    data = audit.snapshot(obj)
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.attname).values_list("pk", flat=True))
    return data


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletes write audit entries in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: BaseModelForm, change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = _snapshot(old) if old is not None else None
        setattr(obj, _BEFORE, (change, before))
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: BaseModelForm, formsets: Any, change: bool
    ) -> None:
        """Runs after :meth:`save_model`: record the object once its m2m fields are saved."""
        super().save_related(request, form, formsets, change)
        obj = form.instance
        changed, before = getattr(obj, _BEFORE, (change, None))
        # As stored (a form's Decimal("0") is "0.00" in the database), so that only real
        # changes appear in the diff.
        after = _snapshot(type(obj)._default_manager.get(pk=obj.pk))
        if changed and before is not None:
            b, a = audit.diff(before, after)
            if a:
                audit.record(request.user, "update", obj, before=b, after=a, summary=str(obj))
        else:
            audit.record(request.user, "create", obj, after=after, summary=str(obj))

    def save_formset(
        self, request: HttpRequest, form: BaseModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        model: Any = formset.model
        for f in formset.deleted_forms:
            if f.instance.pk is not None:
                audit.record(
                    request.user,
                    "delete",
                    f.instance,
                    before=_snapshot(f.instance),
                    summary=str(f.instance),
                )
        changed_pks = [
            f.instance.pk
            for f in formset.forms
            if f.instance.pk is not None and f.has_changed() and f not in formset.deleted_forms
        ]
        before = {o.pk: _snapshot(o) for o in model._default_manager.filter(pk__in=changed_pks)}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit.record(request.user, "create", obj, after=_snapshot(obj), summary=str(obj))
        for obj, _fields in formset.changed_objects:
            b, a = audit.diff(before.get(obj.pk, {}), _snapshot(obj))
            if a:
                audit.record(request.user, "update", obj, before=b, after=a, summary=str(obj))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit.record(request.user, "delete", obj, before=_snapshot(obj), summary=str(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                audit.record(request.user, "delete", obj, before=_snapshot(obj), summary=str(obj))
            super().delete_queryset(request, queryset)


class FoldedSearchMixin:
    """Admin search that ignores diacritics and case like the web (đ → d).

    A row matches when a ``folded_search_fields`` column (a ``*_fold`` column) contains the
    folded term, or a ``search_fields`` column contains the term as typed (case-insensitive).
    """

    folded_search_fields: tuple[str, ...] = ()

    def get_search_fields(self, request: HttpRequest) -> Any:
        # Non-empty, so that the admin shows its search box even with only folded fields.
        return tuple(getattr(self, "search_fields", ())) + tuple(self.folded_search_fields)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        q = Q()
        for field in self.folded_search_fields:
            q |= Q(**{f"{field}__contains": fold(term)})
        for field in getattr(self, "search_fields", ()):
            q |= Q(**{f"{field}__icontains": term})
        return queryset.filter(q), False


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """View only: rows change through domain functions, never in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log: append-only, so no add, change or delete here either."""

    list_display = ("at", "user", "action", "model", "object_id", "summary")
    list_filter = ("action", "model")
    search_fields = ("object_id", "summary", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "at"
    fields = ("at", "user", "action", "model", "object_id", "summary", "before", "after")
    readonly_fields = fields
