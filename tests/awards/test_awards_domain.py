"""Decisions and awards: atomic recording, subject/type compatibility, revocation, the
seeded catalogue and the database constraints of an award."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tdkt.awards import domain as awards
from tdkt.awards.domain import AwardLine
from tdkt.awards.models import Award, AwardType, Decision
from tdkt.common.models import AuditEntry
from tdkt.org import domain as org
from tdkt.org.models import Household

DATE = dt.date(2024, 1, 15)


@pytest.fixture
def t(db) -> dict[str, AwardType]:
    return {a.code: a for a in AwardType.objects.all()}


@pytest.fixture
def person(tree):
    return org.create_person(None, unit=tree.pldvl, full_name="Nguyễn Văn Tâm")


@pytest.fixture
def household(tree):
    return Household.objects.create(agency=tree.agency, name="Hộ ông Lò Văn Sáng", unit=tree.other)


def record(actor, tree, lines, number="15/QĐ-SNV", date=DATE):
    return awards.record_decision(
        actor,
        agency=tree.agency,
        number=number,
        date=date,
        issuer="Giám đốc Sở Nội vụ",
        lines=lines,
    )


def nothing_written(audit_before: int) -> bool:
    return (
        not Decision.objects.exists()
        and not Award.objects.exists()
        and AuditEntry.objects.count() == audit_before
    )


def test_record_decision(tree, officer, t, person):
    decision = record(
        officer,
        tree,
        [
            AwardLine(t["LDTT"], 2023, person=person, position_at_time="Chuyên viên"),
            AwardLine(t["TTLDTT"], 2023, unit=tree.pldvl),
            AwardLine(t["GK"], 2023, unit=tree.vp, kind=Award.Kind.ADHOC),
        ],
    )
    rows = list(
        decision.awards.order_by("pk").values_list(
            "award_type__code",
            "year",
            "subject_kind",
            "person_id",
            "unit_id",
            "unit_at_time_id",
            "kind",
            "position_at_time",
        )
    )
    assert rows == [
        ("LDTT", 2023, "individual", person.pk, None, tree.pldvl.pk, "merit", "Chuyên viên"),
        ("TTLDTT", 2023, "collective", None, tree.pldvl.pk, tree.pldvl.pk, "merit", ""),
        ("GK", 2023, "collective", None, tree.vp.pk, tree.vp.pk, "adhoc", ""),
    ]
    assert decision.number == "15/QĐ-SNV" and decision.kind == Decision.Kind.AWARD


def test_unit_at_time_is_kept_when_given(tree, officer, t, person):
    decision = record(
        officer, tree, [AwardLine(t["LDTT"], 2019, person=person, unit_at_time=tree.sldtbxh)]
    )
    assert decision.awards.get().unit_at_time == tree.sldtbxh


@pytest.mark.parametrize(
    ("make_line", "message"),
    [
        (
            lambda t, p, tree, h: AwardLine(t["LDTT"], 2023, person=p, unit=tree.vp),
            "đúng một đối tượng",
        ),
        (lambda t, p, tree, h: AwardLine(t["LDTT"], 2023), "đúng một đối tượng"),
        (lambda t, p, tree, h: AwardLine(t["LDTT"], 2025, person=p), "năm thành tích 2025"),
        (lambda t, p, tree, h: AwardLine(t["LDTT"], 1900, person=p), "năm thành tích 1900"),
        (
            lambda t, p, tree, h: AwardLine(t["LDTT"], 2023, unit=tree.vp),
            "Lao động tiên tiến không dành cho tập thể",
        ),
        (
            lambda t, p, tree, h: AwardLine(t["TTLDTT"], 2023, person=p),
            "Tập thể lao động tiên tiến không dành cho cá nhân",
        ),
        (lambda t, p, tree, h: AwardLine(t["CO_TINH"], 2023, person=p), "không dành cho cá nhân"),
        (lambda t, p, tree, h: AwardLine(t["KNC"], 2023, unit=tree.vp), "không dành cho tập thể"),
        (
            lambda t, p, tree, h: AwardLine(t["LDTT"], 2023, household=h),
            "không dành cho hộ gia đình",
        ),
        (lambda t, p, tree, h: AwardLine(t["LDTT"], 2023, person=p), "Dòng 3: trùng với dòng 1"),
    ],
)
def test_a_bad_line_writes_nothing(tree, officer, t, person, household, make_line, message):
    audit_before = AuditEntry.objects.count()
    lines = [
        AwardLine(t["LDTT"], 2023, person=person),
        AwardLine(t["TTLDTT"], 2023, unit=tree.pldvl),
        make_line(t, person, tree, household),
    ]
    with pytest.raises(ValidationError) as err:
        record(officer, tree, lines)
    assert message in " ".join(err.value.messages)
    assert nothing_written(audit_before)


@pytest.mark.parametrize(
    ("code", "subject"),
    [
        ("GK", "person"),
        ("GK", "unit"),
        ("GK", "household"),
        ("BK_TINH", "household"),
        ("HCLD3", "unit"),
        ("CSTDCS", "person"),
        ("TTLDXS", "unit"),
    ],
)
def test_compatible_subjects_are_accepted(tree, officer, t, person, household, code, subject):
    target = {"person": person, "unit": tree.pldvl, "household": household}[subject]
    decision = record(officer, tree, [AwardLine(t[code], 2023, **{subject: target})])
    award = decision.awards.get()
    assert award.subject == target
    assert (
        award.subject_kind
        == {"person": "individual", "unit": "collective", "household": "household"}[subject]
    )


def test_same_number_and_date_is_refused_whatever_its_spelling(tree, officer):
    record(officer, tree, [], number="125/QĐ-SLĐTBXH")
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        record(officer, tree, [], number=" 125 / qđ-slđtbxh ")
    assert Decision.objects.count() == 1 and AuditEntry.objects.count() == audit_before
    record(officer, tree, [], number="125/QĐ-SLĐTBXH", date=dt.date(2025, 1, 15))  # other year
    assert Decision.objects.count() == 2


def test_only_officers_record_decisions(tree, clerk, viewer, t, person):
    audit_before = AuditEntry.objects.count()
    for user in (clerk, viewer):
        with pytest.raises(PermissionDenied):
            record(user, tree, [AwardLine(t["LDTT"], 2023, person=person)])
    assert nothing_written(audit_before)


# --- revocation ----------------------------------------------------------------------------


@pytest.fixture
def granted(tree, officer, t, person):
    return record(
        officer,
        tree,
        [AwardLine(t["LDTT"], 2023, person=person), AwardLine(t["TTLDTT"], 2023, unit=tree.pldvl)],
    )


def revoking_decision(tree, kind=Decision.Kind.REVOKE, number="30/QĐ-SNV") -> Decision:
    return Decision.objects.create(
        agency=tree.agency, number=number, date=dt.date(2024, 9, 1), kind=kind
    )


def test_revoke_awards(tree, officer, granted):
    by = revoking_decision(tree)
    lines = list(granted.awards.order_by("pk"))
    assert awards.revoke_awards(officer, lines, by=by, reason="Khai không đúng thành tích") == 2
    assert (
        list(Award.objects.order_by("pk").values_list("revoked_by_id", "revoked_reason"))
        == [(by.pk, "Khai không đúng thành tích")] * 2
    )
    assert Award.objects.count() == 2  # history stays


def test_revoke_needs_a_revoking_decision(tree, officer, granted):
    by = revoking_decision(tree, kind=Decision.Kind.AWARD)
    with pytest.raises(ValidationError):
        awards.revoke_awards(officer, list(granted.awards.all()), by=by, reason="Sai")
    assert not Award.objects.filter(revoked_by__isnull=False).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_revoke_needs_a_reason(tree, officer, granted, reason):
    with pytest.raises(ValidationError) as err:
        awards.revoke_awards(
            officer, list(granted.awards.all()), by=revoking_decision(tree), reason=reason
        )
    assert "reason" in err.value.message_dict
    assert not Award.objects.filter(revoked_by__isnull=False).exists()


def test_double_revocation_is_refused_and_changes_nothing(tree, officer, granted):
    first, second = granted.awards.order_by("pk")
    by = revoking_decision(tree)
    awards.revoke_awards(officer, [second], by=by, reason="Lần một")
    audit_before = AuditEntry.objects.count()
    again = revoking_decision(tree, number="31/QĐ-SNV")
    with pytest.raises(ValidationError):
        awards.revoke_awards(
            officer, [first, Award.objects.get(pk=second.pk)], by=again, reason="Lần hai"
        )
    # all or nothing: the first line is not revoked either, the second keeps its revocation
    assert Award.objects.get(pk=first.pk).revoked_by_id is None
    assert Award.objects.get(pk=second.pk).revoked_by_id == by.pk
    assert Award.objects.get(pk=second.pk).revoked_reason == "Lần một"
    assert AuditEntry.objects.count() == audit_before


def test_only_officers_revoke(tree, clerk, granted):
    with pytest.raises(PermissionDenied):
        awards.revoke_awards(
            clerk, list(granted.awards.all()), by=revoking_decision(tree), reason="Sai"
        )
    assert not Award.objects.filter(revoked_by__isnull=False).exists()


# --- the catalogue -------------------------------------------------------------------------

# RULES.md, "Reward money": (individual, collective) multiples of the base salary.
MONEY = {
    "LDTT": ("0.30", "0.00"),
    "CSTDCS": ("1.00", "0.00"),
    "CSTD_BO": ("3.00", "0.00"),
    "CSTD_TINH": ("3.00", "0.00"),
    "CSTDTQ": ("4.50", "0.00"),
    "TTLDTT": ("0.00", "0.80"),
    "TTLDXS": ("0.00", "1.50"),
    "CO_BO": ("0.00", "8.00"),
    "CO_TINH": ("0.00", "8.00"),
    "CO_CP": ("0.00", "12.00"),
    "GK": ("0.30", "0.60"),
    "BK_BO": ("1.50", "3.00"),
    "BK_TINH": ("1.50", "3.00"),
    "BK_TTG": ("3.50", "7.00"),
    "HCLD3": ("4.50", "9.00"),
    "HCLD2": ("7.50", "15.00"),
    "HCLD1": ("9.00", "18.00"),
    "KNC": ("0.60", "0.00"),
}
# DOMAIN.md, "Award catalogue codes": subjects.
SUBJECTS = {
    "individual": {"LDTT", "CSTDCS", "CSTD_BO", "CSTD_TINH", "CSTDTQ", "KNC"},
    "collective": {"TTLDTT", "TTLDXS", "CO_BO", "CO_TINH", "CO_CP"},
    "both": {"GK", "BK_BO", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1"},
}


def test_catalogue_seeded_by_migration(db):
    types = {a.code: a for a in AwardType.objects.all()}
    assert len(types) == 18
    assert set(types) == set(MONEY)
    for code, (individual, collective) in MONEY.items():
        assert (types[code].money_individual, types[code].money_collective) == (
            Decimal(individual),
            Decimal(collective),
        ), code
        assert types[code].is_builtin and types[code].is_active
    for subjects, codes in SUBJECTS.items():
        assert {c for c, a in types.items() if a.subjects == subjects} == codes
    assert {c for c, a in types.items() if a.kind == "title"} == {
        "LDTT",
        "CSTDCS",
        "CSTD_BO",
        "CSTD_TINH",
        "CSTDTQ",
        "TTLDTT",
        "TTLDXS",
        "CO_BO",
        "CO_TINH",
        "CO_CP",
    }
    # _BO and _TINH are one legal level
    assert types["BK_BO"].level_key == types["BK_TINH"].level_key == types["CSTD_BO"].level_key
    assert types["LDTT"].name == "Lao động tiên tiến"


# --- database constraints ------------------------------------------------------------------


def raw_award(decision, award_type, **fields) -> None:
    Award.objects.create(decision=decision, award_type=award_type, year=2023, **fields)


@pytest.fixture
def decision(tree) -> Decision:
    return Decision.objects.create(agency=tree.agency, number="1/QĐ-SNV", date=DATE)


@pytest.mark.parametrize(
    "fields",
    [
        lambda p, tree, h: {"subject_kind": "individual", "person": p, "unit": tree.vp},
        lambda p, tree, h: {"subject_kind": "collective", "person": p, "unit": tree.vp},
        lambda p, tree, h: {"subject_kind": "individual", "person": p, "household": h},
        lambda p, tree, h: {"subject_kind": "individual"},
        lambda p, tree, h: {"subject_kind": "collective", "person": p},
        lambda p, tree, h: {"subject_kind": "household", "unit": tree.vp},
    ],
)
def test_award_subject_constraint(tree, t, person, household, decision, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_award(decision, t["GK"], unit_at_time=tree.vp, **fields(person, tree, household))
    assert not Award.objects.exists()


def test_award_unique_per_subject_type_year_decision(tree, t, person, decision):
    raw_award(
        decision, t["LDTT"], subject_kind="individual", person=person, unit_at_time=tree.pldvl
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_award(
            decision, t["LDTT"], subject_kind="individual", person=person, unit_at_time=tree.pldvl
        )
    raw_award(
        decision, t["CSTDCS"], subject_kind="individual", person=person, unit_at_time=tree.pldvl
    )
    assert Award.objects.count() == 2
