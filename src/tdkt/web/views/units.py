"""The unit tree and a unit's page (history, people, awards by year)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.org.models import Unit
from tdkt.org.policies import can_edit_unit, visible_units
from tdkt.web import queries
from tdkt.web.views.base import get_visible, web_view

PEOPLE_ON_UNIT_PAGE = 30


@web_view
def unit_list(request: HttpRequest) -> HttpResponse:
    nodes = queries.unit_tree(request.user)
    return render(request, "web/units/list.html", {"nodes": nodes})


@web_view
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit: Unit = get_visible(
        visible_units(request.user).select_related("parent", "successor"), pk=pk
    )
    # Everything below a visible unit is visible, so children need no further scoping.
    children = sorted(
        (queries.UnitNode(u, 1) for u in Unit.objects.filter(parent=unit)),
        key=queries.node_order,
    )
    people_qs = queries.people_search(request.user, unit=unit).filter(is_active=True)
    people = list(people_qs[:PEOPLE_ON_UNIT_PAGE])
    total = people_qs.count()
    counts = queries.unit_award_counts(unit)
    return render(
        request,
        "web/units/detail.html",
        {
            "unit": unit,
            "node": queries.UnitNode(unit, 0),
            "events": list(queries.unit_events(unit)),
            "children": children,
            "people": people,
            "more_people": total > len(people),
            "people_total": total,
            "award_counts": counts,
            "has_household": any(c.household for c in counts),
            "can_edit": can_edit_unit(request.user, unit),
        },
    )
