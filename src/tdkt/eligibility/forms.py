"""Filter forms of the eligibility pages (GET forms; invalid values fall back to defaults)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import BY_CODE
from tdkt.eligibility.core import Engine
from tdkt.eligibility.service import year_range


def rule_codes() -> list[tuple[str, str]]:
    """Codes with a rule under some regime, catalogue order, as (code, name) choices."""
    engine = Engine.default()
    with_rules: set[str] = set()
    for regime in engine.regimes.regimes:
        with_rules |= set(engine.registry.rules_in(regime))
    return [(c, e.name) for c, e in BY_CODE.items() if c in with_rules]


def _year_field(label: Any, **kwargs: Any) -> forms.IntegerField:
    low, high = year_range()
    return forms.IntegerField(label=label, min_value=low, max_value=high, **kwargs)


class YearForm(forms.Form):
    nam = _year_field(_("Năm thành tích"))


class CandidatesForm(forms.Form):
    VERDICTS = [
        ("", _("Tất cả")),
        ("eligible", _("Đủ điều kiện")),
        ("not_eligible", _("Không đủ điều kiện")),
        ("undetermined", _("Chưa xác định")),
    ]

    nam = _year_field(_("Năm thành tích"))
    ma = forms.ChoiceField(label=_("Danh hiệu, hình thức"), choices=rule_codes)
    ket_qua = forms.ChoiceField(label=_("Kết quả"), choices=VERDICTS, required=False)


class ParametersForm(forms.Form):
    ngay = forms.DateField(
        label=_("Chế độ có hiệu lực vào ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AuditForm(forms.Form):
    don_vi = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int, required=False, empty_value=None)
    tu = _year_field(_("Từ năm"))
    den = _year_field(_("Đến năm"))

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["don_vi"]
        field.choices = [("", _("Toàn bộ phạm vi được xem")), *units]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("tu") and data.get("den") and data["tu"] > data["den"]:
            self.add_error("den", _("Năm kết thúc trước năm bắt đầu."))
        return data
