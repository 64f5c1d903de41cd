"""The upload form of web imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.imports.models import ImportJob
from tdkt.org.models import Unit
from tdkt.org.policies import visible_units


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=ImportJob.Kind.choices)
    file = forms.FileField(
        label=_("Tệp CSV hoặc Excel (.xlsx)"),
        help_text=_("Tối đa 50 MB; dòng đầu là tiêu đề cột theo mẫu."),
    )
    under = forms.ModelChoiceField(
        label=_("Đơn vị mới (nếu có) đặt dưới"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— cấp cao nhất —"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["under"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = visible_units(user).filter(valid_to__isnull=True).order_by("path")
