"""Eligibility pages: a person's panel (htmx), a unit's candidates, parameters, history audit.

Every page is scoped: a person or unit outside the user's scope is a 404; lists only hold
what the user may see (quota counts include the whole quota group, names only visible ones).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tdkt.awards.catalogue import BY_CODE
from tdkt.awards.models import Award
from tdkt.common.formatting import format_decimal
from tdkt.eligibility.core import Engine, Mark, Outcome, ParameterUse, SubjectKind, Verdict
from tdkt.eligibility.core.quotas import QUOTAS
from tdkt.eligibility.core.views import FORM_VN
from tdkt.eligibility.export import to_xlsx
from tdkt.eligibility.forms import AuditForm, CandidatesForm, ParametersForm, YearForm
from tdkt.eligibility.history import audit_history
from tdkt.eligibility.models import ParameterOverride
from tdkt.eligibility.service import (
    eligibility_for_unit,
    engine_for,
    person_verdicts,
)
from tdkt.org.models import Person, Unit
from tdkt.org.policies import membership, scoped, visible_units
from tdkt.web.views.base import get_visible, is_partial, page_of, query_without_page, web_view

OUTCOME_VN = {
    Outcome.ELIGIBLE: "Đủ điều kiện",
    Outcome.NOT_ELIGIBLE: "Không đủ điều kiện",
    Outcome.UNDETERMINED: "Chưa xác định",
}
OUTCOME_BADGE = {
    Outcome.ELIGIBLE: "badge-ok",
    Outcome.NOT_ELIGIBLE: "badge-revoked",
    Outcome.UNDETERMINED: "badge-short",
}
MET_VN = {True: "Đạt", False: "Không đạt", None: "Chưa rõ"}
PRINCIPLE_VN = {
    "hold": "Không khen thưởng khi đang xem xét kỷ luật, điều tra, thanh tra, giải quyết khiếu nại",
    "merit_only": "Khen thưởng chuyên đề, đột xuất không tính để xét khen thưởng theo thành tích",
    "discipline_restart": "Sau kỷ luật, thành tích chỉ được tính từ khi hết thời hạn kỷ luật",
    "maternity": "Thời gian nghỉ thai sản được tính là thời gian công tác",
    "tie_break": "Bằng nhau thì ưu tiên cá nhân nữ, tập thể có nhiều nữ",
    "continuous_years": "“N năm liên tục”: mọi năm từ lần khen trước đều hoàn thành tốt trở lên",
}
MET_ICON = {True: "✔", False: "✘", None: "?"}
MARK_VN = {
    Mark.VERIFIED: "đã kiểm chứng",
    Mark.SECONDARY: "nguồn thứ cấp",
    Mark.UNVERIFIED: "chưa kiểm chứng",
}


# --- helpers --------------------------------------------------------------------------------


def _bound(form_cls: type[forms.Form], request: HttpRequest, defaults: Mapping[str, Any],
           **kwargs: Any) -> tuple[forms.Form, dict[str, Any]]:  # fmt: skip
    """The GET form (missing fields take ``defaults``) and its values (defaults where invalid)."""
    data = request.GET.copy()
    for key, value in defaults.items():
        if not data.get(key):
            data[key] = "" if value is None else str(value)
    form = form_cls(data, **kwargs)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    return form, {k: cleaned.get(k, v) if k in cleaned else v for k, v in defaults.items()}


def _code_name(code: str) -> str:
    entry = BY_CODE.get(code)
    return entry.name if entry else code


def _value_text(value: Any) -> str:
    if value is None:
        return "không áp dụng"
    if isinstance(value, bool):
        return "có" if value else "không"
    if value in FORM_VN:
        return FORM_VN[value]
    if isinstance(value, int | float) or hasattr(value, "quantize"):
        return format_decimal(value, places=2)
    return str(value)


@dataclass(frozen=True)
class CriterionView:
    text: str
    met: bool | None
    met_text: str
    icon: str
    citation: str
    mark: str
    mark_text: str
    detail: str


@dataclass(frozen=True)
class VerdictView:
    code: str
    name: str
    outcome: str
    outcome_text: str
    badge: str
    regime: str
    basis: str
    criteria: list[CriterionView]
    overrides: list[dict[str, Any]]
    explain: str

    @classmethod
    def of(cls, v: Verdict) -> VerdictView:
        return cls(
            v.code,
            _code_name(v.code),
            str(v.outcome),
            OUTCOME_VN[v.outcome],
            OUTCOME_BADGE[v.outcome],
            v.regime or "—",
            v.regime_basis,
            [
                CriterionView(
                    c.text,
                    c.met,
                    MET_VN[c.met],
                    MET_ICON[c.met],
                    c.citation,
                    c.mark.symbol,
                    MARK_VN[c.mark],
                    c.detail,
                )
                for c in v.criteria
            ],
            [
                {"name": p.name, "value": _value_text(p.value), "source": p.override}
                for p in v.parameters
                if p.override
            ],
            v.explain(),
        )


def _agency_id(request: HttpRequest) -> int | None:
    m = membership(request.user)
    return None if m is None else m.agency_id


# --- person panel ---------------------------------------------------------------------------


@web_view
def person_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Đủ điều kiện năm … cho …": every code's verdict with its criteria (htmx partial)."""
    person: Person = get_visible(
        scoped(Person.objects.select_related("unit"), request.user, "unit__path"), pk=pk
    )
    form, values = _bound(YearForm, request, {"nam": dt.date.today().year})
    year = values["nam"]
    verdicts, choice, day = person_verdicts(person, year)
    views = [VerdictView.of(v) for v in verdicts]
    engine = engine_for(person.agency_id)
    quota_codes = []
    if choice is not None:
        for spec in QUOTAS:
            rule = engine.registry.rule_for(spec.code, choice.regime)
            if rule is None or rule.subject is not SubjectKind.PERSON:
                continue
            use = engine.parameters.use_at(spec.parameter, choice.as_of)
            if use.value is not None:
                quota_codes.append({"code": spec.code, "name": _code_name(spec.code),
                                    "percent": _value_text(use.value),
                                    "base": spec.base_vn, "citation": use.citation})  # fmt: skip
    context = {
        "person": person,
        "form": form,
        "year": year,
        "verdicts": views,
        "eligible": [v for v in views if v.outcome == Outcome.ELIGIBLE],
        "choice": choice,
        "decision_date": day,
        "quota_codes": quota_codes,
        "panel_url": reverse("eligibility:person", args=[person.pk]),
    }
    template = "eligibility/_person.html" if is_partial(request) else "eligibility/person.html"
    return render(request, template, context)


# --- a unit's candidates --------------------------------------------------------------------


@web_view
def unit_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    unit: Unit = get_visible(visible_units(request.user).select_related("parent"), pk=pk)
    form, values = _bound(
        CandidatesForm,
        request,
        {"nam": dt.date.today().year, "ma": "LDTT", "ket_qua": ""},
    )
    year, code, wanted = values["nam"], values["ma"], values["ket_qua"]
    result = eligibility_for_unit(request.user, unit, year, codes=[code])
    rows = [r for r in result.rows if not wanted or r.outcome == wanted]
    page = page_of(request, rows)
    views = {id(r): VerdictView.of(r.verdict) for r in page.object_list}
    counts = result.counts().get(code, dict.fromkeys(Outcome, 0))
    engine = engine_for(unit.agency_id)
    has_rule = result.choice is not None and (
        engine.registry.rule_for(code, result.choice.regime) is not None
    )
    context = {
        "has_rule": has_rule,
        "unit": unit,
        "form": form,
        "year": year,
        "code": code,
        "code_name": _code_name(code),
        "result": result,
        "page": page,
        "items": [(r, views[id(r)]) for r in page.object_list],
        "counts": [(OUTCOME_VN[o], OUTCOME_BADGE[o], counts[o]) for o in Outcome],
        "quotas": result.quota_views(),
        "query": query_without_page(request),
        "export_query": f"nam={year}&ma={code}",
    }
    return render(request, "eligibility/unit.html", context)


@web_view
def unit_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's candidates as XLSX for the council (one code, or all with ``ma=``)."""
    unit: Unit = get_visible(visible_units(request.user), pk=pk)
    _, values = _bound(YearForm, request, {"nam": dt.date.today().year})
    code = request.GET.get("ma") or ""
    codes = [code] if code in BY_CODE else None
    result = eligibility_for_unit(request.user, unit, values["nam"], codes=codes)
    data = to_xlsx(result, unit_name=unit.name)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    suffix = f"-{code}" if codes else ""
    name = f"xet-dieu-kien-{unit.code}-{values['nam']}{suffix}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- parameters -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParameterRow:
    name: str
    description: str
    type: str
    value: str
    citation: str
    mark: str
    mark_text: str
    period: str
    override: str | None
    shipped: str | None  # the shipped value when overridden


def _period(use: ParameterUse) -> str:
    def day(d: dt.date | None) -> str:
        return d.strftime("%d/%m/%Y") if d else "…"

    return f"{day(use.valid_from)} – {day(use.valid_to)}"


@web_view
def parameters(request: HttpRequest) -> HttpResponse:
    """The regime in force on a date, every parameter value with its source and mark."""
    form, values = _bound(ParametersForm, request, {"ngay": dt.date.today().isoformat()})
    day = values["ngay"]
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    agency_id = _agency_id(request)
    engine = engine_for(agency_id)
    shipped = Engine.default()
    choice = engine.regimes.select(day)
    rows = []
    for p in engine.parameters.all():
        try:
            use = engine.parameters.use_at(p.name, day)
        except LookupError:
            rows.append(
                ParameterRow(p.name, p.description, str(p.type), "—", "", "", "", "", None, None)
            )
            continue
        default = None
        if use.override:
            try:
                default = _value_text(shipped.parameters.use_at(p.name, day).value)
            except LookupError:
                default = "—"
        rows.append(
            ParameterRow(
                p.name,
                p.description,
                str(p.type),
                _value_text(use.value),
                use.citation,
                use.mark.symbol,
                MARK_VN[use.mark],
                _period(use),
                use.override,
                default,
            )
        )
    rules = []
    principles = []
    if choice is not None:
        regime = choice.regime
        for code, rule in engine.registry.rules_in(regime).items():
            rules.append(
                {
                    "code": code,
                    "name": _code_name(code),
                    "citation": rule.citation,
                    "mark": rule.mark.symbol,
                    "mark_text": MARK_VN[rule.mark],
                }
            )
        principles = [
            {
                "key": key,
                "text": PRINCIPLE_VN.get(key, key),
                "citation": c.citation,
                "mark": c.mark.symbol,
                "mark_text": MARK_VN[c.mark],
            }
            for key, c in regime.principles.items()
        ]
    overrides = (
        list(ParameterOverride.objects.filter(agency_id=agency_id).order_by("name", "valid_from"))
        if agency_id
        else []
    )
    for o in overrides:
        o.in_force = (o.valid_from is None or o.valid_from <= day) and (  # type: ignore[attr-defined]
            o.valid_to is None or day <= o.valid_to
        )
    context = {
        "form": form,
        "day": day,
        "choice": choice,
        "rows": rows,
        "rules": rules,
        "principles": principles,
        "overrides": overrides,
        "overridden": sum(1 for r in rows if r.override),
    }
    return render(request, "eligibility/parameters.html", context)


# --- history audit --------------------------------------------------------------------------


@web_view
def audit(request: HttpRequest) -> HttpResponse:
    """Recorded awards that contradict the rules of their own regime (scoped)."""
    units = list(visible_units(request.user).order_by("path").values_list("pk", "name", "depth"))
    choices = [(pk, f"{'— ' * depth}{name}") for pk, name, depth in units]
    last = dt.date.today().year - 1
    form, values = _bound(
        AuditForm, request, {"don_vi": None, "tu": last, "den": last}, units=choices
    )
    first, final = values["tu"], values["den"]
    if first > final:
        first, final = final, first
    unit = None
    if values["don_vi"]:
        unit = get_visible(visible_units(request.user), pk=values["don_vi"])
    awards = scoped(Award.objects.all(), request.user, "unit_at_time__path")
    report = audit_history(awards, first, final, unit=unit)
    context = {"form": form, "report": report, "unit": unit, "first": first, "final": final}
    return render(request, "eligibility/audit.html", context)


# --- index ----------------------------------------------------------------------------------


@web_view
def index(request: HttpRequest) -> HttpResponse:
    """Pick a unit and a year (then the unit's candidates), or go to parameters or audit."""
    if request.GET.get("don_vi"):
        unit = get_visible(visible_units(request.user), pk=request.GET["don_vi"])
        query = request.GET.copy()
        query.pop("don_vi")
        url = reverse("eligibility:unit", args=[unit.pk])
        return redirect(f"{url}?{query.urlencode()}" if query else url)
    units = visible_units(request.user).filter(valid_to__isnull=True).order_by("path")
    m = membership(request.user)
    return render(
        request,
        "eligibility/index.html",
        {
            "units": [
                (pk, f"{'— ' * depth}{name}")
                for pk, name, depth in units.values_list("pk", "name", "depth")
            ],
            "selected": m.unit_id if m is not None else None,
            "year": dt.date.today().year,
        },
    )
