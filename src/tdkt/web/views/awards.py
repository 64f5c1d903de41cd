"""The awards list: filter by year, title/form, unit (with its subtree), subject and kind."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.web import queries
from tdkt.web.forms import AwardFilterForm
from tdkt.web.views.base import is_partial, page_of, query_without_page, web_view


@web_view
def award_list(request: HttpRequest) -> HttpResponse:
    form = AwardFilterForm(request.GET or None, user=request.user)
    form.is_valid()
    filters = form.filters()
    page = page_of(
        request,
        queries.awards_list(request.user, filters),
        count=lambda: queries.awards_count(request.user, filters),
    )
    context = {"form": form, "page": page, "query": query_without_page(request)}
    template = "web/awards/_results.html" if is_partial(request) else "web/awards/list.html"
    return render(request, template, context)
