"""Decisions: the list (filter by year, issuer, number) and a decision with its list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.awards.models import Award, Decision
from tdkt.org.policies import scope_root
from tdkt.web import queries
from tdkt.web.forms import DecisionFilterForm
from tdkt.web.views.base import get_visible, is_partial, page_of, query_without_page, web_view

LINES_PER_PAGE = 100


@web_view
def decision_list(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None, issuers=queries.decision_issuers(request.user))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    qs = queries.decisions_list(
        request.user,
        year=data.get("year"),
        issuer=data.get("issuer") or "",
        number=data.get("number") or "",
    )
    page = page_of(request, qs)
    counts = queries.decision_award_counts(request.user, page.object_list)
    rows = [(d, counts.get(d.pk, 0)) for d in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "query": query_without_page(request)}
    template = "web/decisions/_results.html" if is_partial(request) else "web/decisions/list.html"
    return render(request, template, context)


@web_view
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision: Decision = get_visible(
        queries.visible_decisions(request.user).select_related("issuer_unit"), pk=pk
    )
    lines = page_of(request, queries.decision_lines(request.user, decision), LINES_PER_PAGE)
    revoked: list[Award] = []
    if decision.kind == Decision.Kind.REVOKE:
        revoked = list(
            decision.revoked_awards.filter(queries.award_scope(request.user))
            .select_related("award_type", "person", "unit", "household", "unit_at_time", "decision")
            .order_by("id")
        )
    return render(
        request,
        "web/decisions/detail.html",
        {
            "decision": decision,
            "lines": lines,
            "revoked": revoked,
            "partial_scope": scope_root(request.user)[1] is not None,
            "query": query_without_page(request),
        },
    )
