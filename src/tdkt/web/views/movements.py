"""Movements: the list and a movement with its targets and yearly results."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tdkt.emulation.models import Movement, Target, TargetResult
from tdkt.org.policies import scoped
from tdkt.web import queries
from tdkt.web.templatetags.vn import vnpct
from tdkt.web.views.base import get_visible, page_of, query_without_page, web_view


@dataclass
class Status:
    css: str  # over | met | short | none
    label: str


def result_status(result: TargetResult) -> Status:
    """Label a yearly result against its plan.

    "vượt 43,4%" above plan, "đạt 100%" on plan, "đạt 98,2%" below a higher-is-better plan,
    "chưa đạt" above a lower-is-better one, "chưa có số liệu" without an actual value.
    """
    pct = result.exceeded_pct
    if pct is None:
        return Status("none", _("chưa có số liệu"))
    if pct > 0:
        return Status("over", _("vượt %(pct)s") % {"pct": vnpct(pct)})
    if pct == 0:
        return Status("met", _("đạt 100%"))
    if result.target.direction == Target.Direction.HIGHER and result.ratio is not None:
        return Status("short", _("đạt %(pct)s") % {"pct": vnpct(result.ratio * 100)})
    return Status("short", _("chưa đạt"))


@web_view
def movement_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, queries.movements_list(request.user))
    return render(
        request, "web/movements/list.html", {"page": page, "query": query_without_page(request)}
    )


@web_view
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    movement: Movement = get_visible(
        scoped(Movement.objects.select_related("unit"), request.user), pk=pk
    )
    targets = list(movement.targets.prefetch_related("results").order_by("order", "id"))
    rows = []
    for target in targets:
        results = []
        for r in sorted(target.results.all(), key=lambda r: r.year):
            r.target = target  # avoid a query per result in exceeded_pct
            results.append((r, result_status(r)))
        rows.append((target, results))
    return render(request, "web/movements/detail.html", {"movement": movement, "targets": rows})
