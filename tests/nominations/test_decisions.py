"""Decision numbering (gapless, per symbol and year, zero-padded), reward money and its
rounding, state-level decisions, revocation, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from nominations_support import DECISION_DAY

from tdkt.awards import domain as awards
from tdkt.awards.models import Award, Decision
from tdkt.common.models import AuditEntry
from tdkt.nominations import domain as nom
from tdkt.nominations import params
from tdkt.nominations.models import DecisionCounter, IssuedDecision, Level, Nomination, Round
from tdkt.nominations.numbering import format_number, next_number, normalise_symbol
from tdkt.org import domain as org

S = Nomination.Status


def approved(officer, round_, award_type, **subject) -> Nomination:
    """Straight to APPROVED through the domain functions (a one-member council)."""
    n = nom.propose(officer, round_, award_type=award_type, **subject)
    n = nom.submit(officer, n, on=dt.date(2025, 12, 1))
    while n.status == S.SUBMITTED:
        n = nom.forward(officer, n, on=dt.date(2025, 12, 2))
    point_level, point = nom.deciding_point(round_)
    council = nom.create_council(
        officer, agency=round_.agency, level=point_level, name=f"Hội đồng {n.pk}", unit=point
    )
    chair = nom.add_council_member(officer, council, name="Chủ tịch hội đồng")
    meeting = nom.create_meeting(officer, council, date=dt.date(2025, 12, 20), present=[chair])
    nom.record_vote(officer, meeting, n, totals=(1, 0, 0))
    nom.decide_votes(officer, meeting)
    n.refresh_from_db()
    assert n.status == S.APPROVED
    return n


@pytest.fixture
def staff(tree):
    return [
        org.create_person(None, unit=tree.other, full_name=f"Vũ Thị Mai {i:02d}") for i in range(12)
    ]


def test_numbers_pad_and_restart_each_year(tree):
    with transaction.atomic():
        got = [next_number(tree.agency, "qđ-snv", 2025)[1] for _ in range(10)]
        assert got == [f"{i:02d}/QĐ-SNV" for i in range(1, 10)] + ["10/QĐ-SNV"]
        assert next_number(tree.agency, "QĐ-SNV", 2026) == (1, "01/QĐ-SNV")
        assert next_number(tree.agency, "QĐ-UBND", 2025) == (1, "01/QĐ-UBND")
        assert next_number(tree.agency, "QĐ-SNV", 2025) == (11, "11/QĐ-SNV")
    assert format_number(123, "QĐ-SNV") == "123/QĐ-SNV"
    assert normalise_symbol(" qđ – snv ") == "QĐ-SNV"
    for bad in ("", "05/QĐ-SNV"):
        with pytest.raises(ValidationError, match="Ký hiệu văn bản không hợp lệ"):
            normalise_symbol(bad)


@pytest.mark.django_db(transaction=True)
def test_next_number_needs_the_issuing_transaction():
    from tdkt.org.models import Agency

    agency = Agency.objects.create(code="BK", name="Ủy ban nhân dân tỉnh Bắc Kạn")
    with pytest.raises(RuntimeError, match="inside the transaction"):
        next_number(agency, "QĐ-SNV", 2025)
    assert not DecisionCounter.objects.exists()


def test_issue_numbers_across_years(tree, officer, t, round_, staff, engine):
    a = approved(officer, round_, t["BK_TINH"], person=staff[0])
    b = approved(officer, round_, t["BK_TINH"], person=staff[1])
    c = approved(officer, round_, t["BK_TINH"], person=staff[2])
    d1 = nom.issue_decision(
        officer, round_, date=dt.date(2025, 12, 30), symbol="QĐ-SNV", nominations=[a]
    )
    d2 = nom.issue_decision(
        officer, round_, date=dt.date(2025, 12, 31), symbol="QĐ-SNV", nominations=[b]
    )
    d3 = nom.issue_decision(
        officer, round_, date=dt.date(2026, 1, 2), symbol="QĐ-SNV", nominations=[c]
    )
    assert [d.number for d in (d1, d2, d3)] == ["01/QĐ-SNV", "02/QĐ-SNV", "01/QĐ-SNV"]
    assert list(DecisionCounter.objects.order_by("year").values_list("year", "last")) == [
        (2025, 2),
        (2026, 1),
    ]


def test_failed_issue_gives_its_number_back(tree, officer, t, round_, staff, engine, monkeypatch):
    a = approved(officer, round_, t["BK_TINH"], person=staff[0])
    b = approved(officer, round_, t["BK_TINH"], person=staff[1])
    assert (
        nom.issue_decision(
            officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", nominations=[a]
        ).number
        == "01/QĐ-SNV"
    )

    def broken(*args, **kwargs):
        raise ValidationError("Lỗi ghi quyết định")

    monkeypatch.setattr(nom.awards_domain, "record_decision", broken)
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="Lỗi ghi quyết định"):
        nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", nominations=[b])
    b.refresh_from_db()
    assert (b.status, DecisionCounter.objects.get().last) == (S.APPROVED, 1)
    assert AuditEntry.objects.count() == audit
    monkeypatch.undo()
    assert (
        nom.issue_decision(
            officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", nominations=[b]
        ).number
        == "02/QĐ-SNV"
    )


def test_numbers_taken_outside_the_workflow_are_skipped(tree, officer, t, round_, staff, engine):
    awards.record_decision(
        officer, agency=tree.agency, number="02/QĐ-SNV", date=dt.date(2026, 1, 5), lines=[]
    )
    awards.record_decision(
        officer, agency=tree.agency, number="01/QĐ-SNV", date=dt.date(2025, 3, 5), lines=[]
    )  # last year: irrelevant
    got = [
        nom.issue_decision(
            officer,
            round_,
            date=DECISION_DAY,
            symbol="QĐ-SNV",
            nominations=[approved(officer, round_, t["BK_TINH"], person=staff[i])],
        ).number
        for i in range(3)
    ]
    assert got == ["01/QĐ-SNV", "03/QĐ-SNV", "04/QĐ-SNV"]


def test_money_rounding_and_total(tree, officer, t, staff, engine):
    r = nom.create_round(
        officer,
        agency=tree.agency,
        name="Giấy khen Giám đốc Sở",
        kind=Round.Kind.ADHOC,
        issuer_level=Level.DEPARTMENT,
        organiser=tree.snv,
        year=2025,
        award_types=[t["GK"]],
    )
    vp_person = org.create_person(None, unit=tree.vp, full_name="Đỗ Minh Châu")
    one = approved(officer, r, t["GK"], person=vp_person)
    team = approved(officer, r, t["GK"], unit=tree.ptdkt)
    decision = nom.issue_decision(officer, r, date=DECISION_DAY, symbol="QĐ-SNV")
    # GK: 0.3 × 2,340,000 = 702,000 → 710,000; collective 0.6 × = 1,404,000 → 1,410,000.
    one.refresh_from_db(), team.refresh_from_db()
    assert (one.money_multiple, one.money_amount) == (Decimal("0.30"), 710_000)
    assert (team.money_multiple, team.money_amount) == (Decimal("0.60"), 1_410_000)
    issued = decision.issued
    assert (issued.base_salary, issued.money_total) == (2_340_000, 2_120_000)
    assert set(Award.objects.filter(decision=decision).values_list("kind", flat=True)) == {"adhoc"}
    from tdkt.nominations.queries import decision_lines

    assert [(r["no"], r["name"], r["money"]) for r in decision_lines(decision)] == [
        (1, "Đỗ Minh Châu", 710_000),
        (2, "Phòng Thi đua – Khen thưởng", 1_410_000),
    ]


@pytest.mark.parametrize(
    ("multiple", "salary", "expected"),
    [
        ("0.8", 1_390_000, 1_120_000),  # the Central Board's own example (1,112,000 → 1,120,000)
        ("0.6", 1_390_000, 840_000),  # 834,000 → 840,000, same answer
        ("0.3", 1_490_000, 450_000),  # 447,000
        ("1.5", 1_800_000, 2_700_000),  # already round
        ("4.5", 2_340_000, 10_530_000),
        ("0", 2_340_000, 0),
    ],
)
def test_reward_money(multiple, salary, expected):
    assert params.reward_money(Decimal(multiple), salary) == expected


@pytest.mark.parametrize(
    ("day", "vnd"),
    [
        (dt.date(2018, 7, 1), 1_390_000),
        (dt.date(2019, 6, 30), 1_390_000),
        (dt.date(2019, 7, 1), 1_490_000),
        (dt.date(2023, 6, 30), 1_490_000),
        (dt.date(2023, 7, 1), 1_800_000),
        (dt.date(2024, 6, 30), 1_800_000),
        (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 1, 15), 2_340_000),
    ],
)
def test_base_salary(day, vnd):
    assert params.base_salary(day).vnd == vnd


def test_base_salary_unknown_before_the_first_value():
    assert params.base_salary(dt.date(2010, 5, 1)).vnd == 730_000
    with pytest.raises(
        ValidationError, match="Chưa có mức lương cơ sở áp dụng cho ngày 30/04/2010"
    ):
        params.base_salary(dt.date(2010, 4, 30))


@pytest.mark.django_db
def test_agency_override_of_the_base_salary_is_used(tree):
    from tdkt.eligibility.domain import set_override

    set_override(
        None,
        agency=tree.agency,
        name="base_salary_vnd",
        valid_from=dt.date(2026, 7, 1),
        valid_to=None,
        value=2_530_000,
        source="Nghị định mới (giả định)",
    )
    assert params.base_salary(dt.date(2026, 7, 1), tree.agency.pk).vnd == 2_530_000
    assert params.base_salary(dt.date(2026, 6, 30), tree.agency.pk).vnd == 2_340_000
    assert params.base_salary(dt.date(2026, 7, 1)).vnd == 2_340_000  # no agency: shipped value


def test_state_level_decision_records_the_states_number(tree, officer, t, staff, engine):
    r = nom.create_round(
        officer,
        agency=tree.agency,
        name="Đề nghị Thủ tướng khen 2025",
        kind=Round.Kind.YEARLY,
        issuer_level=Level.STATE,
        year=2025,
        award_types=[t["BK_TTG"]],
    )
    n = approved(officer, r, t["BK_TTG"], person=staff[0])
    with pytest.raises(ValidationError, match="Cần nhập số quyết định của cấp Nhà nước"):
        nom.issue_decision(officer, r, date=DECISION_DAY, symbol="QĐ-TTg")
    d = nom.issue_decision(
        officer,
        r,
        date=DECISION_DAY,
        symbol="QĐ-TTg",
        number="125/QĐ-TTg",
        issuer="Thủ tướng Chính phủ",
    )
    assert (d.number, d.seq, d.symbol) == ("125/QĐ-TTg", None, "QĐ-TTg")
    assert not DecisionCounter.objects.exists()
    n.refresh_from_db()
    assert (n.status, n.money_amount) == (S.DECIDED, 8_190_000)  # 3.5 × 2,340,000


def test_province_round_refuses_a_typed_number(tree, officer, t, round_, staff, engine):
    approved(officer, round_, t["BK_TINH"], person=staff[0])
    with pytest.raises(ValidationError, match="cấp tự động"):
        nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", number="7/QĐ")
    assert not Decision.objects.exists()


def test_only_officers_issue_and_revoke(tree, clerk, officer, t, round_, staff, engine):
    n = approved(officer, round_, t["BK_TINH"], person=staff[0])
    with pytest.raises(PermissionDenied):
        nom.issue_decision(clerk, round_, date=DECISION_DAY, symbol="QĐ-SNV")
    assert not Decision.objects.exists() and not DecisionCounter.objects.exists()
    d = nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV")
    award = d.awards.get()
    with pytest.raises(PermissionDenied):
        nom.revoke(clerk, [award], date=DECISION_DAY, symbol="QĐ-SNV", reason="Sai")
    for kwargs, message in [
        (dict(reason=" "), "Cần ghi rõ lý do huỷ bỏ"),
        (dict(reason="Sai", date=dt.date(2026, 1, 1)), "phải sau quyết định khen thưởng"),
    ]:
        with pytest.raises(ValidationError, match=message):
            nom.revoke(officer, [award], **{"date": DECISION_DAY, "symbol": "QĐ-SNV", **kwargs})
    with pytest.raises(ValidationError, match="ít nhất một lượt"):
        nom.revoke(officer, [], date=DECISION_DAY, symbol="QĐ-SNV", reason="Sai")
    assert Decision.objects.count() == 1 and DecisionCounter.objects.get().last == 1
    n.refresh_from_db()
    assert n.status == S.DECIDED


def test_items_done(tree, officer, t, round_, staff, engine):
    approved(officer, round_, t["BK_TINH"], person=staff[0])
    d = nom.issue_decision(officer, round_, date=DECISION_DAY, symbol="QĐ-SNV")
    issued = IssuedDecision.objects.get(decision=d)
    with pytest.raises(ValidationError, match="Ngày trao phải sau ngày quyết định"):
        nom.record_items_done(officer, issued, on=dt.date(2026, 1, 1))
    issued = nom.record_items_done(officer, issued, on=dt.date(2026, 1, 20))
    assert issued.items_done_on == dt.date(2026, 1, 20)
    with pytest.raises(ValidationError, match="Đã ghi nhận"):
        nom.record_items_done(officer, issued, on=dt.date(2026, 1, 21))
