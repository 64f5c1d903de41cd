"""Per-agency parameter overrides: type-checked, audited, admin-editable, shown in verdicts."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from eligibility_db_support import History, build_history, member

from tdkt.common.models import AuditEntry
from tdkt.eligibility import domain
from tdkt.eligibility.models import ParameterOverride
from tdkt.eligibility.service import evaluate_subject
from tdkt.org.models import Membership

pytestmark = pytest.mark.django_db
D = dt.date
SOURCE = "Quyết định 12/2024/QĐ-UBND tỉnh Thái Nguyên, Điều 5"


@pytest.fixture
def history(tree: Any) -> History:
    return build_history(tree)


def override(tree: Any, name: str, value: Any, **kwargs: Any) -> ParameterOverride:
    kwargs.setdefault("source", SOURCE)
    return domain.set_override(None, agency=tree.agency, name=name, value=value, **kwargs)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ldtt_min_months_worked", "sáu", "Tham số ldtt_min_months_worked: giá trị 'sáu'"),
        ("ldtt_min_months_worked", 6.5, "6.5 is not an int"),
        ("ldtt_min_months_worked", None, "null is not allowed"),
        ("cstdcs_quota_pct_of_ldtt", 120, "120 is not a percent"),
        ("cstdcs_quota_pct_of_ldtt", True, "True is not a percent"),
        ("cstdcs_htxs_replaces_initiative", 1, "1 is not a bool"),
        ("ldtt_discipline_form", "PHAT_TIEN", "'PHAT_TIEN' is not a discipline form"),
        ("khong_co_tham_so", 1, "Không có tham số “khong_co_tham_so”"),
    ],
)
def test_wrong_type_is_refused_naming_the_parameter(
    tree: Any, name: str, value: Any, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        override(tree, name, value)
    assert message in str(exc.value)
    assert ParameterOverride.objects.count() == 0
    assert not AuditEntry.objects.filter(model="eligibility.parameteroverride").exists()


def test_overlap_and_missing_source_are_refused(tree: Any) -> None:
    override(tree, "cstdcs_quota_pct_of_ldtt", 20, valid_from=D(2024, 1, 1))
    with pytest.raises(ValidationError, match="cstdcs_quota_pct_of_ldtt: khoảng thời gian"):
        override(tree, "cstdcs_quota_pct_of_ldtt", 25, valid_from=D(2025, 1, 1))
    with pytest.raises(ValidationError, match="Cần ghi căn cứ"):
        override(tree, "ttldxs_quota_pct_of_ttldtt", 20, source="  ")
    with pytest.raises(ValidationError, match="Ngày kết thúc trước ngày bắt đầu"):
        override(tree, "ttldxs_quota_pct_of_ttldtt", 20, valid_from=D(2025, 1, 1),
                 valid_to=D(2024, 1, 1))  # fmt: skip
    assert ParameterOverride.objects.count() == 1


def test_changes_are_audited_and_need_an_admin(tree: Any, officer: User) -> None:
    with pytest.raises(PermissionDenied):
        domain.set_override(
            officer, agency=tree.agency, name="cstdcs_quota_pct_of_ldtt", value=20, source=SOURCE
        )
    admin = member(tree, "quantri", Membership.Role.ADMIN)
    o = domain.set_override(
        admin, agency=tree.agency, name="cstdcs_quota_pct_of_ldtt", value=20, source=SOURCE
    )
    assert o.created_by == admin
    domain.set_override(
        admin, agency=tree.agency, name="cstdcs_quota_pct_of_ldtt", value=25, source=SOURCE,
        override=o,
    )  # fmt: skip
    domain.delete_override(admin, o)
    entries = AuditEntry.objects.filter(model="eligibility.parameteroverride").order_by("id")
    assert [(e.action, e.user_id) for e in entries] == [
        ("create", admin.pk),
        ("update", admin.pk),
        ("delete", admin.pk),
    ]
    assert (entries[1].before, entries[1].after) == ({"value": 20}, {"value": 25})


def test_an_override_changes_a_verdict_and_is_shown(history: History, tree: Any) -> None:
    before = evaluate_subject(history.hoa, "CSTDCS", 2024)
    assert before.verdict == "eligible" and before.overrides == []
    override(tree, "cstdcs_min_initiatives", 2, valid_from=D(2024, 1, 1))
    after = evaluate_subject(history.hoa, "CSTDCS", 2024)
    assert after.verdict == "not_eligible"
    assert after.reasons[1] == {
        "criterion": "Có 2 sáng kiến được công nhận cấp cơ sở trở lên trong năm 2024",
        "met": False,
        "citation": SOURCE,
        "mark": "verified",
        "detail": "1 sáng kiến",
    }
    assert after.overrides == [
        {
            "name": "cstdcs_min_initiatives",
            "value": 2,
            "citation": SOURCE,
            "mark": "verified",
            "from": "2024-01-01",
            "to": None,
            "override": SOURCE,
        }
    ]
    # not used before its dates: the 2022 verdict (R2017) keeps the shipped value
    assert evaluate_subject(history.lan, "CSTDCS", 2022).overrides == []
    out = io.StringIO()
    call_command("eligibility", "--year", "2024", "--unit", "PLDVL", "--codes", "CSTDCS",
                 stdout=out)  # fmt: skip
    hoa = json.loads(out.getvalue())[0]
    assert (hoa["verdict"], hoa["reasons"][1]["citation"]) == ("not_eligible", SOURCE)


def test_a_local_quota_applies_and_names_its_source(history: History, tree: Any) -> None:
    override(tree, "cstdcs_quota_pct_of_ldtt", 50, valid_from=D(2024, 1, 1))
    out = io.StringIO()
    call_command("eligibility", "--year", "2024", "--unit", "PLDVL", "--codes", "CSTDCS",
                 stdout=out)  # fmt: skip
    quota = json.loads(out.getvalue())[-1]["quotas"]
    assert [(q["unit"], q["base"], q["limit"], q["within"], q["override"]) for q in quota] == [
        ("SLDTBXH", 2, 1, ["003"], SOURCE)  # Minh's recorded LĐTT counts in the base
    ]


def test_the_panel_shows_the_override(history: History, tree: Any, officer: User) -> None:
    override(tree, "cstdcs_min_initiatives", 2, valid_from=D(2024, 1, 1))
    c = Client()
    c.force_login(officer)
    body = c.get(reverse("eligibility:person", args=[history.hoa.pk]), {"nam": 2024}).content
    assert "Tham số áp dụng riêng của cơ quan:" in body.decode()
    assert f"= 2 ({SOURCE})" in body.decode()


def test_admin_form_refuses_a_wrong_type(tree: Any, admin_client: Client) -> None:
    url = reverse("admin:eligibility_parameteroverride_add")
    data = {
        "agency": tree.agency.pk,
        "name": "ldtt_min_months_worked",
        "value": '"sáu tháng"',
        "source": SOURCE,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Tham số ldtt_min_months_worked: giá trị &#x27;sáu tháng&#x27;" in response.content.decode()
    )
    assert ParameterOverride.objects.count() == 0
    response = admin_client.post(url, {**data, "value": "12"})
    assert response.status_code == 302
    saved = ParameterOverride.objects.get()
    assert (saved.value, saved.created_by.username) == (12, "admin")
    entry = AuditEntry.objects.get(model="eligibility.parameteroverride")
    assert (entry.action, entry.after["value"]) == ("create", 12)


def test_admin_is_limited_to_system_administrators(tree: Any, officer: User) -> None:
    officer.is_staff = True
    officer.save()
    c = Client()
    c.force_login(officer)
    assert c.get(reverse("admin:eligibility_parameteroverride_changelist")).status_code == 403
