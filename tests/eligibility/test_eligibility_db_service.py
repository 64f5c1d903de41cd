"""The service API: evaluate_subject (the nomination workflow's entry), a unit's candidates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from eligibility_db_support import History, build_history, t

from tdkt.awards.domain import AwardLine, record_decision
from tdkt.awards.models import AwardType
from tdkt.eligibility.service import eligibility_for_unit, evaluate_subject
from tdkt.org import domain as org
from tdkt.org.models import Household
from tdkt.records import domain as records

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def history(tree: Any) -> History:
    return build_history(tree)


def test_evaluate_subject_for_a_person(history: History) -> None:
    result = evaluate_subject(history.hoa, "CSTDCS", 2024)
    assert (result.verdict, result.regime) == ("eligible", "R2024")
    assert [(r["criterion"], r["met"], r["mark"]) for r in result.reasons] == [
        ("Đạt danh hiệu Lao động tiên tiến năm 2024", True, "secondary"),
        ("Có 1 sáng kiến được công nhận cấp cơ sở trở lên trong năm 2024", True, "secondary"),
        (
            "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc giải "
            "quyết khiếu nại, tố cáo (ngày 15/01/2025)",
            True,
            "secondary",
        ),
    ]
    data = json.loads(json.dumps(result.as_dict(), cls=DjangoJSONEncoder))
    assert {k: data[k] for k in ("subject_kind", "subject_id", "code", "year", "verdict")} == {
        "subject_kind": "person",
        "subject_id": "003",
        "code": "CSTDCS",
        "year": 2024,
        "verdict": "eligible",
    }
    assert data["decision_date"] == "2025-01-15"


def test_the_decision_date_picks_the_regime(history: History) -> None:
    assert evaluate_subject(history.lan, "LDTT", 2023).regime == "R2024"
    late_2023 = evaluate_subject(history.lan, "LDTT", 2023, decision_date=D(2023, 12, 31))
    assert late_2023.regime == "R2017"


def test_a_hold_open_on_the_decision_date_blocks(history: History) -> None:
    """Lan's complaint is open from 2025-02-01: a decision after it is blocked."""
    assert evaluate_subject(history.lan, "LDTT", 2024).verdict == "eligible"
    blocked = evaluate_subject(history.lan, "LDTT", 2024, decision_date=D(2025, 3, 1))
    assert blocked.verdict == "not_eligible"
    assert blocked.reasons[-1]["met"] is False
    assert blocked.reasons[-1]["detail"] == "đang giải quyết khiếu nại, tố cáo từ 01/02/2025"


def test_evaluate_subject_for_a_unit(history: History, tree: Any) -> None:
    records.set_rating(None, unit=tree.pldvl, year=2024, grade="HTXS")
    result = evaluate_subject(tree.pldvl, "TTLDXS", 2024)
    assert (result.subject_kind, result.subject_id, result.verdict) == (
        "collective",
        "PLDVL",
        "not_eligible",  # Minh is rated KHT: not 100% of members HT or better
    )
    assert [r["met"] for r in result.reasons][:2] == [True, False]


def test_codes_without_a_rule_are_undetermined(history: History, tree: Any) -> None:
    gk = evaluate_subject(history.hoa, "GK", 2024)
    assert (gk.verdict, gk.reasons[0]["criterion"]) == (
        "undetermined",
        "Chưa có quy tắc xét GK theo chế độ R2024",
    )
    AwardType.objects.create(code="GK_CD", name="Giấy khen chuyên đề", kind="commendation",
                             subjects="both")  # fmt: skip
    custom = evaluate_subject(history.hoa, "GK_CD", 2024)
    assert (custom.verdict, custom.reasons[0]["criterion"]) == (
        "undetermined",
        "Chưa có quy tắc xét GK_CD",
    )
    home = Household.objects.create(agency=tree.agency, name="Hộ ông Nông Văn Sơn", unit=tree.other)
    assert evaluate_subject(home, "GK", 2024).verdict == "undetermined"


def test_a_code_not_for_the_subject_kind_is_an_error(history: History, tree: Any) -> None:
    with pytest.raises(ValueError, match="LDTT is not awarded to a collective"):
        evaluate_subject(tree.pldvl, "LDTT", 2024)


def test_the_workflow_can_store_the_result(history: History) -> None:
    from tdkt.nominations.domain import _evaluate

    stored = _evaluate(history.minh, "LDTT", 2024)
    assert (stored.verdict, stored.regime) == ("not_eligible", "R2024")
    assert stored.data["reasons"][0]["met"] is False


def test_unit_candidates_are_scoped(history: History, tree: Any, clerk: User) -> None:
    with pytest.raises(PermissionDenied):
        eligibility_for_unit(clerk, tree.snv, 2024)
    result = eligibility_for_unit(clerk, tree.pldvl, 2024, codes=["LDTT"])
    assert [(r.name, r.outcome) for r in result.rows] == [
        ("Lê Thị Hoa", "eligible"),
        ("Trần Văn Minh", "not_eligible"),
    ]


def test_quota_counts_the_whole_group_but_names_only_visible(
    history: History, tree: Any, officer: User
) -> None:
    """VP's page for CSTĐCS 2022: the SNV group also holds Lan (PTDKT), counted, not named."""
    van = org.create_person(
        None, unit=tree.vp, full_name="Đinh Văn Vạn", sex="M", external_id="010",
        hired_on=D(2018, 1, 1),
    )  # fmt: skip
    records.set_rating(None, person=van, year=2022, grade="HTXS")
    records.add_initiative(
        None, unit=tree.vp, title="Sổ tay công văn", year=2022, level="CO_SO", authors=[van]
    )
    record_decision(
        None, agency=tree.agency, number="13/QĐ-SNV", date=D(2023, 1, 12),
        lines=[AwardLine(t("LDTT"), 2022, person=van)],
    )  # fmt: skip
    result = eligibility_for_unit(officer, tree.vp, 2022, codes=["CSTDCS"])
    assert [(r.subject_id, r.outcome, r.quota) for r in result.rows] == [
        ("010", "eligible", "outside")  # Lan (a woman) is ranked first; 15% of 2 allows none
    ]
    (view,) = result.quota_views()
    assert (view.result.unit, view.result.base, view.result.limit) == ("SNV", 2, 0)
    assert (view.candidates, view.hidden) == (2, 1)
    assert [r.subject_id for r in view.outside] == ["010"]
    assert result.as_json()[-1]["quotas"][0]["outside"] == ["010"]
