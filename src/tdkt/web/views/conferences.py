"""Advanced-model conferences: the list and a conference (thin first version)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.common.text import person_sort_key
from tdkt.conferences.models import Conference
from tdkt.org.policies import scoped
from tdkt.web import queries
from tdkt.web.views.base import get_visible, page_of, query_without_page, web_view


@web_view
def conference_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, queries.conferences_list(request.user))
    return render(
        request, "web/conferences/list.html", {"page": page, "query": query_without_page(request)}
    )


@web_view
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference: Conference = get_visible(
        scoped(Conference.objects.select_related("unit", "decision"), request.user), pk=pk
    )
    honourees = (
        conference.honourees.filter(queries.award_scope(request.user))
        .select_related("award_type", "person", "unit", "household", "unit_at_time", "decision")
        .order_by("subject_kind", "award_type__order", "id")
    )
    # Few rows, no stored sort key: sorted here the Vietnamese way (given name first).
    delegates = sorted(
        conference.delegates.select_related("unit"), key=lambda d: (person_sort_key(d.name), d.pk)
    )
    return render(
        request,
        "web/conferences/detail.html",
        {
            "conference": conference,
            "honourees": list(honourees),
            "delegates": delegates,
        },
    )
