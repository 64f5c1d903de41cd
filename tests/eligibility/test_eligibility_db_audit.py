"""History audit (`tdkt rules audit`): contradictions with their citation, nothing else."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from eligibility_db_support import History, build_history, t

from tdkt.awards.domain import AwardLine, record_decision
from tdkt.awards.models import Award
from tdkt.eligibility.core import (
    AwardFact,
    AwardKind,
    DisciplineFact,
    DisciplineForm,
    PersonFacts,
    Rating,
    SubjectKind,
)
from tdkt.eligibility.history import AwardRef, as_they_were, audit_history

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def history(tree: Any) -> History:
    return build_history(tree)


def audit(*args: str) -> tuple[int, str, str]:
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("rules", "audit", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_finds_the_planted_contradictions_with_their_citation(history: History) -> None:
    code, out, err = audit("--from", "2020", "--to", "2024", "--format", "json")
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert (report["checked"], report["skipped"], report["not_merit"]) == (5, 0, 1)
    ldtt, quota = report["contradictions"][1], report["contradictions"][0]
    minh_award = Award.objects.get(person=history.minh)
    assert ldtt == {
        "kind": "verdict",
        "code": "LDTT",
        "year": 2024,
        "regime": "R2024",
        "rule": "Law 06/2022/QH15 Art 24",
        "mark": "verified",
        "summary": (
            "LDTT 2024 của Trần Văn Minh không đúng tiêu chuẩn: "
            "Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên"
        ),
        "criteria": [
            {
                "criterion": "Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên",
                "met": False,
                "citation": "Law 06/2022/QH15 Art 24",
                "mark": "verified",
                "detail": "KHT",
            }
        ],
        "award": {
            "award_id": minh_award.pk,
            "subject_kind": "person",
            "subject_id": str(history.minh.pk),
            "name": "Trần Văn Minh",
            "code": "LDTT",
            "year": 2024,
            "decision": "05/QĐ-SNV",
            "decision_date": "2025-01-15",
            "unit": "PLDVL",
        },
    }
    assert (quota["kind"], quota["code"], quota["year"], quota["unit"]) == (
        "quota",
        "CSTDCS",
        2022,
        "SNV",
    )
    assert (quota["rule"], quota["mark"]) == ("Decree 91/2017/NĐ-CP Art 9 k3", "verified")
    assert quota["summary"] == "CSTDCS năm 2022 của SNV vượt tỷ lệ: đã khen 1, tối đa 0 (15% của 1)"
    assert [a["subject_id"] for a in quota["outside"]] == ["001"]
    # the correct awards (Hoa's LĐTT and CSTĐCS 2024, Lan's LĐTT 2022) are not reported
    assert report["undetermined"] == []


def test_text_output(history: History) -> None:
    code, out, _ = audit("--from", "2024", "--to", "2024")
    assert code == 1
    lines = out.splitlines()
    assert lines[1] == "MÂU THUẪN VỚI QUY ĐỊNH (1):"
    assert lines[2] == (
        "- [R2024] LDTT 2024 của Trần Văn Minh không đúng tiêu chuẩn: "
        "Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên"
    )
    assert lines[3] == "    quy định: Law 06/2022/QH15 Art 24 ✅"
    assert lines[-1] == "1 contradictions, 0 undetermined, 3 checked"


def test_undetermined_is_reported_apart(history: History, tree: Any) -> None:
    """Tuấn's LĐTT 2019 has no 2019 rating recorded: not a contradiction."""
    record_decision(
        None, agency=tree.agency, number="03/QĐ-UBND", date=D(2020, 1, 20),
        lines=[AwardLine(t("LDTT"), 2019, person=history.tuan)],
    )  # fmt: skip
    report = audit_history(Award.objects.all(), 2019, 2019)
    assert report.contradictions == []
    assert [(f.code, f.year, f.awards[0].name) for f in report.undetermined] == [
        ("LDTT", 2019, "Phạm Anh Tuấn")
    ]
    assert [(c.text, c.met) for c in report.undetermined[0].criteria] == [
        ("Xếp loại năm 2019 từ Hoàn thành tốt nhiệm vụ trở lên", None)
    ]


def test_provincial_cstd_without_three_consecutive_cstdcs(history: History, tree: Any) -> None:
    record_decision(
        None, agency=tree.agency, number="88/QĐ-UBND", date=D(2025, 3, 1),
        lines=[AwardLine(t("CSTD_TINH"), 2024, person=history.hoa)],
    )  # fmt: skip
    report = audit_history(Award.objects.all(), 2024, 2024)
    found = [f for f in report.contradictions if f.code == "CSTD_TINH"]
    assert len(found) == 1
    f = found[0]
    assert (f.rule, f.regime, f.awards[0].name) == (
        "Law 06/2022/QH15 Art 22",
        "R2024",
        "Lê Thị Hoa",
    )
    assert [(c.text, c.met, c.detail) for c in f.criteria] == [
        ("3 lần liên tục đạt danh hiệu CSTĐCS (2022–2024)", False,
         "2022: không; 2023: không; 2024: đủ tiêu chuẩn, đã được công nhận"),
        ("Có 1 sáng kiến có phạm vi ảnh hưởng cấp bộ, ngành, tỉnh trở lên trong 3 năm đó", False,
         "0 sáng kiến"),
    ]  # fmt: skip


def test_scoped_to_a_unit(history: History) -> None:
    code, out, _ = audit("--unit", "PLDVL", "--from", "2020", "--to", "2024", "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [(f["code"], f["award"]["name"]) for f in report["contradictions"]] == [
        ("LDTT", "Trần Văn Minh")
    ]
    code, out, _ = audit("--unit", "UBND_X", "--format", "json")
    assert code == 0
    assert json.loads(out)["checked"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "KHONG_CO"], "unknown unit code: KHONG_CO"),
        (["--from", "2024", "--to", "2020"], "--from 2024 is after --to 2020"),
        (["--from", "1990"], "--from 1990 is out of range (2010–"),
    ],
)
def test_bad_input_exits_2(history: History, args: list[str], message: str) -> None:
    code, out, err = audit(*args)
    assert (code, out) == (2, "")
    assert message in err


def test_facts_as_they_were() -> None:
    facts = PersonFacts(
        "p",
        ratings={2023: Rating.HTT, 2024: Rating.HTXS, 2025: Rating.KHT},
        awards=(
            AwardFact("LDTT", 2024, AwardKind.MERIT, D(2025, 1, 15)),
            AwardFact("CSTDCS", 2024, AwardKind.MERIT, D(2025, 1, 15)),
            AwardFact("BK_TINH", 2024, AwardKind.MERIT, D(2025, 5, 1)),  # decided later
            AwardFact("LDTT", 2025, AwardKind.MERIT, D(2026, 1, 15)),  # a later year
        ),
        disciplines=(DisciplineFact(DisciplineForm.KHIEN_TRACH, D(2025, 3, 1)),),
    )
    ref = AwardRef(
        1, SubjectKind.PERSON, 1, "p", "X", "CSTDCS", 2024, "1", D(2025, 1, 15), "U", "U"
    )
    past = as_they_were(facts, ref)
    assert past.awards == (AwardFact("LDTT", 2024, AwardKind.MERIT, D(2025, 1, 15)),)
    assert past.ratings == {2023: Rating.HTT, 2024: Rating.HTXS}
    assert past.disciplines == ()
