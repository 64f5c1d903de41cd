"""The period summary page (issue 3): table, chart per year, the report paragraph, downloads."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import Unit
from tdkt.org.policies import scope_root, visible_units
from tdkt.reports.export import table_rows, to_docx, to_xlsx
from tdkt.reports.prose import summary_paragraph
from tdkt.reports.summary import Summary, build_summary
from tdkt.web.charts import stacked_bars
from tdkt.web.queries import CHART_SERIES
from tdkt.web.views.base import web_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class SummaryForm(forms.Form):
    from_year = forms.IntegerField(label=_("Từ năm"), min_value=1945)
    to_year = forms.IntegerField(label=_("Đến năm"), min_value=1945)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— toàn bộ phạm vi —"),
    )

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = visible_units(user).order_by("path")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        a, b = data.get("from_year"), data.get("to_year")
        if isinstance(a, int) and isinstance(b, int):
            if a > b:
                self.add_error("to_year", _("Năm kết thúc phải không nhỏ hơn năm bắt đầu."))
            elif b - a > 30:
                self.add_error("to_year", _("Giai đoạn tối đa 30 năm."))
        return data


def _allowed_ids(user: object) -> list[int] | None:
    """None when the user sees the whole agency's units (no extra filter needed)."""
    _agency, path = scope_root(user)
    ids = list(visible_units(user).values_list("id", flat=True))
    return ids if path is not None or Unit.objects.exclude(id__in=ids).exists() else None


def _chart(summary: Summary) -> object:
    years = list(range(summary.from_year, summary.to_year + 1))
    codes_of = {s.key: set(s.codes) for s in CHART_SERIES}
    known = {c for s in CHART_SERIES for c in s.codes}
    series = []
    for s in CHART_SERIES:
        counts = []
        for y in years:
            per = summary.by_year.get(y, {})
            if s.codes:
                counts.append(sum(n for c, n in per.items() if c in codes_of[s.key]))
            else:
                counts.append(sum(n for c, n in per.items() if c not in known))
        series.append((s.key, s.label, counts))
    return stacked_bars(years, series)


@web_view
def summary(request: HttpRequest) -> HttpResponse:
    this_year = dt.date.today().year
    data = (
        request.GET
        if "from_year" in request.GET
        else {"from_year": this_year - 5, "to_year": this_year - 1}
    )
    form = SummaryForm(data, user=request.user)
    context: dict[str, object] = {"form": form, "nav_current": "web:summary"}
    if not form.is_valid():
        return render(request, "web/reports/summary.html", context, status=400)
    unit = form.cleaned_data["unit"]
    result = build_summary(
        form.cleaned_data["from_year"],
        form.cleaned_data["to_year"],
        unit,
        allowed_unit_ids=_allowed_ids(request.user),
        per_year=True,
    )
    fmt = request.GET.get("format")
    if fmt in {"xlsx", "docx"}:
        m = getattr(request.user, "membership", None)
        agency = m.agency if m else None
        body = (
            to_xlsx(result)
            if fmt == "xlsx"
            else to_docx(
                result,
                parent_agency=agency.parent_name if agency else "",
                agency=unit.name if unit else (agency.name if agency else ""),
            )
        )
        response = HttpResponse(body, content_type=XLSX if fmt == "xlsx" else DOCX)
        name = f"tong-hop-khen-thuong-{result.from_year}-{result.to_year}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    scope_name = unit.name if unit else _("toàn ngành")
    context.update(
        {
            "summary": result,
            "rows": table_rows(result),
            "paragraph": summary_paragraph(result, str(scope_name)),
            "chart": _chart(result),
            "query": request.GET.urlencode()
            if "from_year" in request.GET
            else f"from_year={result.from_year}&to_year={result.to_year}",
        }
    )
    return render(request, "web/reports/summary.html", context)
