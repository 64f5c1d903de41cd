"""Forms of the nomination pages. They only parse and check input; every change goes through
:mod:`tdkt.nominations.domain`, whose Vietnamese ``ValidationError`` is attached back to the
field it names (:func:`tdkt.web.forms.apply_errors`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Award, AwardType, SubjectKind
from tdkt.common.text import nfc
from tdkt.nominations.files import ACCEPTED_LABEL, max_file_bytes
from tdkt.nominations.models import (
    Ballot,
    Council,
    CouncilMember,
    DossierFile,
    Level,
    Meeting,
    Nomination,
    Round,
)
from tdkt.web.forms import (
    CHOICE_ERRORS,
    DATE_ERRORS,
    DATE_INPUT,
    REQUIRED,
    UnitChoiceField,
    year_field,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
COUNT_ERRORS = {
    "invalid": _("Nhập số phiếu bằng chữ số."),
    "min_value": _("Số phiếu không được âm."),
    "max_value": _("Số phiếu quá lớn."),
    "required": REQUIRED,
}


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        error_messages={**DATE_ERRORS, "required": REQUIRED},
        widget=DATE_INPUT,
    )


def text_field(label: Any, *, max_length: int, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": REQUIRED,
            "max_length": _("Tối đa %(limit_value)d ký tự."),
        },
    )


class _Clean(forms.Form):
    """Strip and NFC-normalise every text value."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for k, v in list(data.items()):
            if isinstance(v, str):
                data[k] = nfc(v).strip()
        return data


# --- rounds ----------------------------------------------------------------------------------


class RoundForm(_Clean):
    name = text_field(_("Tên đợt xét"), max_length=300, required=True)
    kind = forms.ChoiceField(
        label=_("Loại đợt xét"),
        choices=[("", "—"), *Round.Kind.choices],
        error_messages=CHOICE_ERRORS,
    )
    issuer_level = forms.ChoiceField(
        label=_("Cấp quyết định"),
        choices=[("", "—"), *Level.choices],
        error_messages=CHOICE_ERRORS,
    )
    organiser = UnitChoiceField(
        label=_("Đơn vị tổ chức"),
        queryset=None,
        required=False,
        empty_label=_("— Cấp cơ quan —"),
        help_text=_("Bắt buộc với đợt xét cấp đơn vị, cấp sở."),
        error_messages=CHOICE_ERRORS,
    )
    year = year_field(_("Năm thành tích"), required=True)
    award_types = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu, hình thức được xét"),
        queryset=AwardType.objects.filter(is_active=True).order_by("order", "code"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cần chọn ít nhất một danh hiệu, hình thức được xét."),
            "invalid_choice": _("Lựa chọn không hợp lệ."),
            "invalid_pk_value": _("Lựa chọn không hợp lệ."),
        },
    )
    submission_due = date_field(_("Hạn nộp hồ sơ"), required=False)
    council_date = date_field(_("Ngày họp hội đồng"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = units  # type: ignore[attr-defined]


class PublishForm(forms.Form):
    on = date_field(_("Ngày công khai danh sách"))


# --- proposals -------------------------------------------------------------------------------


def subject_key(kind: str, pk: int) -> str:
    """ "p:12" for a person, "u:3" for a collective (unit)."""
    return f"{'u' if kind == SubjectKind.COLLECTIVE else 'p'}:{pk}"


def parse_subject_key(value: str) -> tuple[str, int] | None:
    """ "p:12" → ("individual", 12); anything malformed → None."""
    prefix, _sep, rest = (value or "").partition(":")
    kind = {"p": SubjectKind.INDIVIDUAL, "u": SubjectKind.COLLECTIVE}.get(prefix)
    if kind is None or not rest.isdigit():
        return None
    return kind, int(rest)


class ProposeForm(_Clean):
    """Propose one person or collective. ``subject`` is picked from the htmx search."""

    subject_kind = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[(SubjectKind.INDIVIDUAL, _("Cá nhân")), (SubjectKind.COLLECTIVE, _("Tập thể"))],
        initial=SubjectKind.INDIVIDUAL,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    subject = forms.CharField(
        label=_("Cá nhân, tập thể được đề nghị"),
        error_messages={"required": _("Hãy tìm và chọn một cá nhân hoặc tập thể.")},
        widget=forms.HiddenInput,
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"),
        queryset=AwardType.objects.none(),
        empty_label=_("— Chọn —"),
        error_messages=CHOICE_ERRORS,
    )
    year = year_field(_("Năm thành tích"), required=True)
    proposing_unit = UnitChoiceField(
        label=_("Đơn vị đề nghị"),
        queryset=None,
        required=False,
        empty_label=_("— Đơn vị của đối tượng —"),
        error_messages=CHOICE_ERRORS,
    )
    position_at_time = text_field(_("Chức vụ (ghi trong danh sách)"), max_length=120)
    justification = forms.CharField(
        label=_("Lý do đề nghị khi hệ thống xét chưa đủ điều kiện"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc nếu hệ thống xét là không đủ điều kiện; hồ sơ sẽ được đánh dấu."),
    )

    def __init__(
        self,
        *args: Any,
        round: Round,
        people: QuerySet[Any],
        units: QuerySet[Any],
        proposing_units: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("year", round.year)
        super().__init__(*args, **kwargs)
        self.round = round
        self.people, self.units = people, units
        self.fields["award_type"].queryset = round.award_types.order_by(  # type: ignore[attr-defined]
            "order", "code"
        )
        self.fields["proposing_unit"].queryset = proposing_units  # type: ignore[attr-defined]
        self.subject_obj: Any = None

    def clean_subject(self) -> str:
        value = self.cleaned_data["subject"]
        parsed = parse_subject_key(value)
        found = None
        if parsed is not None:
            kind, pk = parsed
            qs = self.people if kind == SubjectKind.INDIVIDUAL else self.units
            found = qs.filter(pk=pk).first()
        if found is None:
            raise forms.ValidationError(
                _("Không tìm thấy cá nhân, tập thể này trong phạm vi của bạn.")
            )
        self.subject_obj = found
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        parsed = parse_subject_key(data.get("subject") or "")
        if parsed is not None and data.get("subject_kind") and parsed[0] != data["subject_kind"]:
            self.add_error("subject", _("Đối tượng đã chọn không khớp loại cá nhân/tập thể."))
        return data

    def domain_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        kind, _pk = parse_subject_key(d["subject"])  # type: ignore[misc]
        field = "person" if kind == SubjectKind.INDIVIDUAL else "unit"
        return {
            "award_type": d["award_type"],
            field: self.subject_obj,
            "year": d["year"],
            "proposing_unit": d.get("proposing_unit"),
            "justification": d.get("justification") or "",
            "position_at_time": d.get("position_at_time") or "",
        }


class CandidatesForm(forms.Form):
    """Which unit and award type the eligibility list is for (GET)."""

    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=None,
        empty_label=_("— Chọn đơn vị —"),
        error_messages=CHOICE_ERRORS,
    )
    award_type = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardType.objects.none(),
        empty_label=_("— Chọn —"),
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, round: Round, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["award_type"].queryset = round.award_types.order_by(  # type: ignore[attr-defined]
            "order", "code"
        )


class RoundFilterForm(forms.Form):
    """Filters of a round's nominations (GET); invalid values are reported and ignored."""

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), *Nomination.Status.choices],
        error_messages=CHOICE_ERRORS,
    )
    unit = UnitChoiceField(
        label=_("Đơn vị đề nghị"),
        queryset=None,
        required=False,
        empty_label=_("Tất cả đơn vị"),
        error_messages=CHOICE_ERRORS,
    )
    code = forms.ChoiceField(
        label=_("Danh hiệu, hình thức"), required=False, error_messages=CHOICE_ERRORS
    )
    flagged = forms.BooleanField(label=_("Chỉ hồ sơ cần lưu ý"), required=False)

    def __init__(self, *args: Any, round: Round, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["code"].choices = [  # type: ignore[attr-defined]
            ("", _("Tất cả")),
            *round.award_types.order_by("order", "code").values_list("code", "name"),
        ]


# --- dossier ---------------------------------------------------------------------------------


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại tài liệu"),
        choices=[("", "—"), *DossierFile.Kind.choices],
        error_messages=CHOICE_ERRORS,
    )
    file = forms.FileField(
        label=_("Tệp"),
        error_messages={
            "required": _("Hãy chọn tệp cần tải lên."),
            "empty": _("Tệp tải lên rỗng."),
            "invalid": _("Không đọc được tệp tải lên."),
            "missing": _("Hãy chọn tệp cần tải lên."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mb = max_file_bytes() // (1024 * 1024)
        self.fields["file"].help_text = _("Nhận %(types)s, tối đa %(mb)s MB mỗi tệp.") % {
            "types": ACCEPTED_LABEL,
            "mb": mb,
        }


class ReturnForm(_Clean):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        widget=TEXTAREA,
        error_messages={"required": _("Cần ghi rõ lý do trả lại hồ sơ.")},
    )


class WithdrawForm(_Clean):
    reason = forms.CharField(label=_("Lý do rút hồ sơ"), required=False, widget=TEXTAREA)


# --- council ---------------------------------------------------------------------------------


class CouncilForm(_Clean):
    name = text_field(_("Tên hội đồng"), max_length=255, required=True)
    level = forms.ChoiceField(
        label=_("Cấp"), choices=[("", "—"), *Level.choices], error_messages=CHOICE_ERRORS
    )
    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=None,
        required=False,
        empty_label=_("— Hội đồng cấp cơ quan —"),
        help_text=_("Để trống với hội đồng cấp cơ quan (tỉnh, bộ)."),
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:  # type: ignore[override]
        full = obj.get_full_name()
        return f"{full} ({obj.username})" if full else obj.username


class MemberForm(_Clean):
    name = text_field(_("Họ và tên"), max_length=120, required=True)
    role = forms.ChoiceField(
        label=_("Vai trò"), choices=CouncilMember.Role.choices, error_messages=CHOICE_ERRORS
    )
    user = UserChoiceField(
        label=_("Tài khoản (để tự bỏ phiếu kín)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("— Không có —"),
        error_messages=CHOICE_ERRORS,
    )
    unit = UnitChoiceField(
        label=_("Đơn vị công tác"),
        queryset=None,
        required=False,
        empty_label="—",
        help_text=_("Thành viên không biểu quyết hồ sơ của đơn vị mình."),
        error_messages=CHOICE_ERRORS,
    )
    active_from = date_field(_("Từ ngày"), required=False)
    active_to = date_field(_("Đến ngày"), required=False)

    def __init__(self, *args: Any, council: Council, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(membership__agency_id=council.agency_id, is_active=True)
            .order_by("username")
        )


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: CouncilMember) -> str:  # type: ignore[override]
        return f"{obj.name} – {obj.get_role_display()}"


class MeetingForm(_Clean):
    date = date_field(_("Ngày họp"))
    quorum = forms.ChoiceField(
        label=_("Điều kiện hợp lệ"),
        choices=Meeting.Quorum.choices,
        initial=Meeting.Quorum.TWO_THIRDS,
        error_messages=CHOICE_ERRORS,
    )
    present = MemberChoices(
        label=_("Thành viên có mặt"),
        queryset=CouncilMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Lựa chọn không hợp lệ."),
            "invalid_pk_value": _("Lựa chọn không hợp lệ."),
        },
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = council.members.order_by("pk")  # type: ignore[attr-defined]


class VoteTotalsForm(forms.Form):
    """Totals counted at the meeting for one dossier (prefix: the nomination)."""

    yes = forms.IntegerField(
        label=_("Đồng ý"), min_value=0, max_value=999, error_messages=COUNT_ERRORS
    )
    no = forms.IntegerField(
        label=_("Không đồng ý"), min_value=0, max_value=999, error_messages=COUNT_ERRORS, initial=0
    )
    abstain = forms.IntegerField(
        label=_("Không biểu quyết"),
        min_value=0,
        max_value=999,
        error_messages=COUNT_ERRORS,
        initial=0,
    )


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Ý kiến của bạn"),
        choices=Ballot.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn một ý kiến."),
            "invalid_choice": _("Lựa chọn không hợp lệ."),
        },
    )


# --- decisions -------------------------------------------------------------------------------


class IssueForm(_Clean):
    date = date_field(_("Ngày quyết định"))
    symbol = text_field(_("Ký hiệu văn bản"), max_length=40, required=True)
    number = text_field(_("Số quyết định (cấp Nhà nước)"), max_length=60)
    issuer = text_field(_("Người có thẩm quyền quyết định"), max_length=200, required=True)
    issuer_unit = UnitChoiceField(
        label=_("Đơn vị ban hành"),
        queryset=None,
        required=False,
        empty_label=_("— Cơ quan —"),
        error_messages=CHOICE_ERRORS,
    )
    signer_title = text_field(_("Chức vụ người ký"), max_length=120, required=True)
    signer_name = text_field(_("Họ tên người ký"), max_length=120)
    subject = text_field(_("Trích yếu"), max_length=500)
    nominations = forms.ModelMultipleChoiceField(
        label=_("Hồ sơ được khen thưởng"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cần chọn ít nhất một hồ sơ."),
            "invalid_choice": _("Hồ sơ đã chọn không còn chờ ra quyết định."),
            "invalid_pk_value": _("Lựa chọn không hợp lệ."),
        },
    )

    def __init__(
        self, *args: Any, round: Round, approved: QuerySet[Any], units: QuerySet[Any], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.round = round
        self.fields["nominations"].queryset = approved  # type: ignore[attr-defined]
        self.fields["issuer_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["symbol"].help_text = _("Ví dụ QĐ-SNV; số được cấp tự động khi ban hành.")
        if round.issuer_level != Level.STATE:
            del self.fields["number"]
        else:
            self.fields["number"].required = True
            self.fields["number"].help_text = _("Số của quyết định cấp Nhà nước, ví dụ 125/QĐ-TTg.")

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day.year < self.round.year:
            raise forms.ValidationError(_("Ngày quyết định phải sau năm thành tích của đợt xét."))
        return day


class RevokeForm(_Clean):
    awards = forms.ModelMultipleChoiceField(
        label=_("Lượt khen thưởng bị huỷ bỏ"),
        queryset=Award.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cần chọn ít nhất một lượt khen thưởng để huỷ bỏ."),
            "invalid_choice": _("Lượt khen thưởng đã chọn không còn hiệu lực."),
            "invalid_pk_value": _("Lựa chọn không hợp lệ."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do huỷ bỏ"),
        widget=TEXTAREA,
        error_messages={"required": _("Cần ghi rõ lý do huỷ bỏ.")},
    )
    date = date_field(_("Ngày quyết định huỷ bỏ"))
    symbol = text_field(_("Ký hiệu văn bản"), max_length=40, required=True)
    issuer = text_field(_("Người có thẩm quyền quyết định"), max_length=200)
    signer_title = text_field(_("Chức vụ người ký"), max_length=120)
    signer_name = text_field(_("Họ tên người ký"), max_length=120)

    def __init__(self, *args: Any, awards: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["awards"]
        field.queryset = awards  # type: ignore[attr-defined]
        field.label_from_instance = lambda a: (  # type: ignore[attr-defined]
            f"{a.subject_name} – {a.award_type.name} {a.year}"
        )


class ItemsDoneForm(forms.Form):
    on = date_field(_("Ngày đã trao hiện vật, tiền thưởng"))


def live_q() -> Q:
    """Nominations that still count (not withdrawn, rejected or revoked)."""
    return ~Q(status__in=["withdrawn", "rejected", "revoked"])
