"""Forms of the web UI: filters (GET) and the forms that change data (through domain functions).

Every message is Vietnamese and names the field it belongs to.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Award, AwardType, SubjectKind
from tdkt.common.text import nfc
from tdkt.org.models import Person, Unit
from tdkt.org.policies import membership, visible_units
from tdkt.records.models import Grade

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

REQUIRED = _("Trường này là bắt buộc.")
DATE_ERRORS = {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/02/1985.")}
YEAR_ERRORS = {
    "invalid": _("Nhập năm bằng chữ số, ví dụ 2024."),
    "min_value": _("Năm phải từ %(limit_value)s trở đi."),
    "max_value": _("Năm không được sau %(limit_value)s."),
}
CHOICE_ERRORS = {
    "invalid_choice": _("Lựa chọn không hợp lệ."),
    "required": REQUIRED,
}
DATE_INPUT = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


class LoginForm(AuthenticationForm):
    """The login form with Vietnamese labels and messages."""

    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khoá."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        for f in self.fields.values():
            f.error_messages["required"] = REQUIRED


def unit_choices(qs: QuerySet[Unit]) -> QuerySet[Unit]:
    return qs.order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    """A unit select, indented by depth, showing merged units as such."""

    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        label = "\u00a0\u00a0" * obj.depth + obj.name
        if obj.valid_to is not None and obj.valid_to < dt.date.today():
            label += " " + str(_("(đã ngừng hoạt động)"))
        return label


def year_field(label: StrOrPromise, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1945,
        max_value=2100,
        error_messages={**YEAR_ERRORS, "required": REQUIRED},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-year"}),
    )


# --- filters ----------------------------------------------------------------------------------


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo họ tên hoặc mã định danh"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Nội dung tìm kiếm tối đa %(limit_value)d ký tự.")},
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("ví dụ: nguyen thi huong"),
                "autocomplete": "off",
            }
        ),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả đơn vị"),
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(visible_units(user))  # type: ignore[attr-defined]


class DecisionFilterForm(forms.Form):
    year = year_field(_("Năm quyết định"))
    issuer = forms.ChoiceField(
        label=_("Cơ quan quyết định"), required=False, error_messages=CHOICE_ERRORS
    )
    number = forms.CharField(
        label=_("Số quyết định"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("ví dụ: 125/QĐ")}),
    )

    def __init__(self, *args: Any, issuers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [("", _("Tất cả"))] + [(i, i) for i in issuers]  # type: ignore[attr-defined]


class AwardFilterForm(forms.Form):
    year = year_field(_("Năm thành tích"))
    type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardType.objects.order_by("order", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả"),
        error_messages=CHOICE_ERRORS,
    )
    unit = UnitChoiceField(
        label=_("Đơn vị (gồm cả cấp dưới)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả đơn vị"),
        error_messages=CHOICE_ERRORS,
    )
    subject = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[("", _("Tất cả")), *SubjectKind.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    kind = forms.ChoiceField(
        label=_("Loại khen"),
        choices=[("", _("Tất cả")), *Award.Kind.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(visible_units(user))  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """The valid filters, as ``awards_list`` takes them (invalid ones are ignored)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "year": data.get("year"),
            "award_type": data.get("type"),
            "unit": data.get("unit"),
            "subject_kind": data.get("subject") or "",
            "kind": data.get("kind") or "",
        }


# --- forms that change data -------------------------------------------------------------------

ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")


class PersonForm(forms.Form):
    """Add or edit a person. ``id_number`` is never shown back: blank keeps the stored one."""

    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=120, error_messages={"required": REQUIRED}
    )
    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn đơn vị —"),
        error_messages=CHOICE_ERRORS,
    )
    sex = forms.ChoiceField(
        label=_("Giới tính"),
        choices=[("", "—"), *Person.Sex.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh"), required=False, error_messages=DATE_ERRORS, widget=DATE_INPUT
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh (nếu không rõ ngày sinh)"),
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages=YEAR_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-year"}),
    )
    position = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    hired_on = forms.DateField(
        label=_("Ngày tuyển dụng"), required=False, error_messages=DATE_ERRORS, widget=DATE_INPUT
    )
    external_id = forms.CharField(
        label=_("Mã định danh (mã cán bộ)"), max_length=40, required=False
    )
    id_number = forms.CharField(
        label=_("Số CCCD"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    is_active = forms.BooleanField(label=_("Đang công tác"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        user: Any,
        units: QuerySet[Unit],
        instance: Person | None = None,
        **kwargs: Any,
    ) -> None:
        self.instance = instance
        m = membership(user)
        self.agency_id = m.agency_id if m is not None else 0
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "full_name": instance.full_name,
                    "sex": instance.sex,
                    "birth_date": instance.birth_date,
                    "birth_year": None if instance.birth_date else instance.birth_year,
                    "position": instance.position,
                    "hired_on": instance.hired_on,
                    "external_id": instance.external_id or "",
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
            del self.fields["is_active"]
            self.fields["id_number"].help_text = _("12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ).")
        else:
            del self.fields["unit"]  # a change of unit is a transfer, not an edit
            self.fields["id_number"].help_text = _(
                "Để trống để giữ nguyên số đã lưu; số đã lưu không bao giờ được hiển thị đầy đủ."
            )

    def clean_full_name(self) -> str:
        name = nfc(self.cleaned_data["full_name"])
        if len(name.split(" ")) < 2:
            raise ValidationError(
                _("Nhập đầy đủ họ và tên (ít nhất hai từ), ví dụ: Nguyễn Văn An.")
            )
        if any(ch.isdigit() for ch in name):
            raise ValidationError(_("Họ và tên không được chứa chữ số."))
        return name

    def clean_birth_date(self) -> dt.date | None:
        value = self.cleaned_data.get("birth_date")
        if value and value > dt.date.today():
            raise ValidationError(_("Ngày sinh không được sau ngày hôm nay."))
        if value and value.year < 1900:
            raise ValidationError(_("Ngày sinh không hợp lệ."))
        return value

    def clean_id_number(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data.get("id_number") or "")
        if value and not ID_NUMBER.match(value):
            raise ValidationError(_("Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số với CMND cũ)."))
        return value

    def clean_external_id(self) -> str | None:
        value = nfc(self.cleaned_data.get("external_id") or "") or None
        if value:
            clash = Person.objects.filter(agency_id=self.agency_id, external_id=value)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise ValidationError(_("Mã định danh này đã được dùng cho một người khác."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        birth, hired = data.get("birth_date"), data.get("hired_on")
        if birth and hired and hired < birth:
            self.add_error("hired_on", _("Ngày tuyển dụng không được trước ngày sinh."))
        if birth and data.get("birth_year") and data["birth_year"] != birth.year:
            self.add_error("birth_year", _("Năm sinh không khớp với ngày sinh."))
        return data

    def person_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of ``create_person``/``update_person``."""
        d = self.cleaned_data
        fields = {
            "sex": d.get("sex") or "",
            "birth_date": d.get("birth_date"),
            "birth_year": d["birth_date"].year if d.get("birth_date") else d.get("birth_year"),
            "position": nfc(d.get("position") or ""),
            "hired_on": d.get("hired_on"),
            "external_id": d.get("external_id"),
        }
        if d.get("id_number"):
            fields["id_number"] = d["id_number"]
        if "is_active" in self.fields:
            fields["is_active"] = bool(d.get("is_active"))
        return fields


class RatingForm(forms.Form):
    year = year_field(_("Năm"), required=True)
    grade = forms.ChoiceField(
        label=_("Xếp loại"), choices=[("", "—"), *Grade.choices], error_messages=CHOICE_ERRORS
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        last = dt.date.today().year
        if year > last:
            raise ValidationError(
                _("Chưa thể xếp loại năm %(year)s: năm cuối được xếp loại là %(last)s."),
                params={"year": year, "last": last},
            )
        return year


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a domain ValidationError to the form: to its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            field = name.removesuffix("_id")
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def current_units(qs: QuerySet[Unit]) -> QuerySet[Unit]:
    """Units that still exist (people are added to current units only)."""
    return qs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date.today()))
