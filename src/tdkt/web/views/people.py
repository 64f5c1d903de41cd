"""People: the searchable list (htmx live search), a person's page, and the forms."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.org import domain as org
from tdkt.org.models import Person
from tdkt.org.policies import can_edit_unit, visible_units
from tdkt.records import domain as records
from tdkt.web import queries
from tdkt.web.forms import PeopleFilterForm, PersonForm, RatingForm, apply_errors, current_units
from tdkt.web.views.base import (
    get_visible,
    is_partial,
    page_of,
    query_without_page,
    require_write,
    web_view,
)


def mask_id_number(value: str) -> str:
    """Show only the last three digits of a personal id number ("•••••••••123")."""
    if not value:
        return ""
    return "•" * max(len(value) - 3, 3) + value[-3:]


@web_view
def person_list(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None, user=request.user)
    form.is_valid()  # invalid fields are reported and ignored; valid ones still filter
    data = getattr(form, "cleaned_data", {})
    q = data.get("q") or ""
    page = page_of(request, queries.people_search(request.user, q, data.get("unit")))
    context = {
        "form": form,
        "page": page,
        "q": q,
        "query": query_without_page(request),
        "can_add": _can_add(request),
    }
    if is_partial(request):
        return render(request, "web/people/_results.html", context)
    return render(request, "web/people/list.html", context)


def _can_add(request: HttpRequest) -> bool:
    try:
        require_write(request.user)
    except PermissionDenied:
        return False
    return True


@web_view
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person: Person = get_visible(queries.visible_people(request.user), pk=pk)
    timeline = queries.person_timeline(person)
    decision_ids = {a.decision_id for y in timeline for a in y.awards}
    linkable = (
        set(
            queries.visible_decisions(request.user)
            .filter(pk__in=decision_ids)
            .values_list("pk", flat=True)
        )
        if decision_ids
        else set()
    )
    employments = person.employments.select_related("unit").order_by("-start", "-id")
    return render(
        request,
        "web/people/detail.html",
        {
            "person": person,
            "id_number_masked": mask_id_number(person.id_number),
            "employments": list(employments),
            "timeline": timeline,
            "linkable_decisions": linkable,
            "can_edit": can_edit_unit(request.user, person.unit),
        },
    )


@web_view
def person_add(request: HttpRequest) -> HttpResponse:
    require_write(request.user)
    units = current_units(visible_units(request.user)).order_by("path")
    form = PersonForm(request.POST or None, user=request.user, units=units)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        try:
            person = org.create_person(
                request.user,
                unit=unit,
                full_name=form.cleaned_data["full_name"],
                **form.person_fields(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": person.full_name})
            return redirect("web:person_detail", pk=person.pk)
    return render(request, "web/people/form.html", {"form": form, "person": None})


def _editable_person(request: HttpRequest, pk: int) -> Person:
    person: Person = get_visible(queries.visible_people(request.user), pk=pk)
    if not can_edit_unit(request.user, person.unit):
        raise PermissionDenied(_("Bạn không có quyền thay đổi dữ liệu của người này."))
    return person


@web_view
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    units = visible_units(request.user)
    form = PersonForm(request.POST or None, user=request.user, units=units, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            org.update_person(
                request.user,
                person,
                full_name=form.cleaned_data["full_name"],
                **form.person_fields(),
            )
        except ValidationError as exc:
            person.refresh_from_db()
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Đã lưu thông tin của %(name)s.") % {"name": person.full_name}
            )
            return redirect("web:person_detail", pk=person.pk)
    return render(
        request,
        "web/people/form.html",
        {"form": form, "person": person, "id_number_masked": mask_id_number(person.id_number)},
    )


@web_view
def person_rating(request: HttpRequest, pk: int) -> HttpResponse:
    person = _editable_person(request, pk)
    current = {r.year: r for r in person.ratings.order_by("-year")}
    initial_year = dt.date.today().year
    initial: dict[str, object] = {"year": initial_year}
    if initial_year in current:
        initial |= {"grade": current[initial_year].grade, "note": current[initial_year].note}
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            records.set_rating(
                request.user,
                person=person,
                year=form.cleaned_data["year"],
                grade=form.cleaned_data["grade"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi xếp loại năm %(year)s cho %(name)s.")
                % {"year": form.cleaned_data["year"], "name": person.full_name},
            )
            return redirect("web:person_detail", pk=person.pk)
    return render(
        request,
        "web/people/rating.html",
        {"form": form, "person": person, "ratings": list(current.values())},
    )
