"""The dashboard: awards per year and title (an inline SVG chart) and the year's figures."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdkt.web import queries
from tdkt.web.charts import stacked_bars
from tdkt.web.views.base import web_view


@web_view
def dashboard(request: HttpRequest) -> HttpResponse:
    this_year = dt.date.today().year
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        year = 0
    if not 1945 <= year <= this_year:
        year = min(queries.latest_award_year(request.user) or this_year, this_year)
    years, counts = queries.awards_by_year(request.user)
    chart = stacked_bars(years, [(s.key, s.label, counts[s.key]) for s in queries.CHART_SERIES])
    return render(
        request,
        "web/dashboard/index.html",
        {
            "figures": queries.year_figures(request.user, year),
            "chart": chart,
            "year": year,
            "year_choices": list(range(this_year, this_year - 20, -1)),
        },
    )
