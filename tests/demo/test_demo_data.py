"""The default demo, built once into the test database: its rule invariants, asserted by query.

The build runs in a transaction opened for this module and rolled back at its end; each test
runs in a savepoint inside it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q

from tdkt.awards.domain import AwardLine, record_decision
from tdkt.awards.models import Award, AwardType, Decision
from tdkt.common.models import AuditEntry
from tdkt.conferences.models import Conference
from tdkt.demo.accounts import DEMO_PASSWORD, ensure_demo_accounts
from tdkt.demo.load import (
    BULK_MODELS,
    DEMO_LOAD_ACTION,
    LoadResult,
    _foreign_keys,
    _secondary_indexes,
    db_digest,
    load_plan,
    plan_digest,
)
from tdkt.demo.plan import Options, Plan, build_plan
from tdkt.emulation.models import Cluster, Movement, TargetResult
from tdkt.org import domain as org
from tdkt.org.models import Agency, Employment, Membership, Person, ReorgEvent, Unit
from tdkt.org.policies import scoped, visible_units
from tdkt.records.models import Discipline, Initiative, Rating

pytestmark = pytest.mark.django_db

GOOD = ("HTXS", "HTT")
SEVERE = ("CANH_CAO", "HA_BAC_LUONG", "GIANG_CHUC", "CACH_CHUC")


@dataclass
class Demo:
    plan: Plan
    result: LoadResult
    agency: Agency
    schema_before: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            schema = {
                m._meta.db_table: (_secondary_indexes(m), _foreign_keys(m)) for m in BULK_MODELS
            }
            plan = build_plan(Options())
            result = load_plan(plan)
            yield Demo(plan, result, result.agency, schema)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def awards(code: str):  # type: ignore[no-untyped-def]
    return Award.objects.filter(award_type__code=code)


def members_on_dec31(unit_id: int, year: int) -> set[int]:
    day = dt.date(year, 12, 31)
    return set(
        Employment.objects.filter(unit_id=unit_id, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values_list("person_id", flat=True)
    )


def people_with(code: str, year: int) -> set[int]:
    return set(awards(code).filter(year=year).values_list("person_id", flat=True))


# ---------------------------------------------------------------------------- what was built


def test_counts_of_the_default_demo(demo):
    assert Unit.objects.count() == 16
    assert Person.objects.count() == 400
    assert Person.objects.filter(external_id="NV00001").exists()
    assert Movement.objects.count() == 2
    assert Cluster.objects.count() == 45  # 3 clusters a year; the communes' one in 2025 only
    assert Conference.objects.count() == 2
    assert demo.result.rows["people"] == 400
    assert demo.result.rows["awards"] == Award.objects.count() == len(demo.plan.awards)
    assert Rating.objects.count() == len(demo.plan.ratings)
    # every year 2011–2025 has individual and collective titles
    years = set(awards("LDTT").values_list("year", flat=True))
    assert years == set(range(2011, 2026))
    assert set(awards("TTLDTT").values_list("year", flat=True)) == years
    per_code = dict(Award.objects.values_list("award_type__code").annotate(n=Count("id")))
    for code in ("LDTT", "CSTDCS", "GK", "TTLDTT", "TTLDXS", "CSTD_TINH", "BK_TINH", "BK_BO",
                 "BK_TTG", "CO_TINH", "CO_BO", "HCLD3"):  # fmt: skip
        assert per_code.get(code, 0) > 0, code
    assert per_code["HCLD3"] == 2 and per_code["CO_BO"] == 4


def test_database_holds_exactly_the_plan(demo):
    assert db_digest(demo.agency) == plan_digest(demo.plan)


def test_one_audit_entry_for_the_bulk_load(demo):
    entries = AuditEntry.objects.filter(action=DEMO_LOAD_ACTION)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_id == str(demo.agency.pk)
    assert entry.after["seed"] == 2025 and entry.after["people"] == 400
    assert entry.after["rows"]["awards"] == len(demo.plan.awards)
    # the named tree went through the domain functions, each with its own entry
    assert AuditEntry.objects.filter(model="org.unit", action="create").count() == 16
    assert AuditEntry.objects.filter(model="org.unit", action="merge").count() == 3


def test_indexes_and_foreign_keys_are_restored_after_the_load(demo):
    after = {m._meta.db_table: (_secondary_indexes(m), _foreign_keys(m)) for m in BULK_MODELS}
    assert after == demo.schema_before
    assert any(indexes for indexes, _fks in after.values())


def test_new_rows_after_the_load_get_fresh_ids(demo):
    """Explicit ids in bulk must leave the id sequences past them (PostgreSQL)."""
    unit = Unit.objects.get(code="PLDVL")
    person = org.create_person(
        None, unit=unit, full_name="Nguyễn Thị Mới", hired_on=dt.date(2025, 1, 2)
    )
    assert person.pk > max(p.pk for p in Person.objects.exclude(pk=person.pk))
    decision = record_decision(
        None,
        agency=demo.agency,
        number="999/QĐ-SNV",
        date=dt.date(2026, 2, 2),
        lines=[AwardLine(AwardType.objects.get(code="GK"), 2025, person=person)],
    )
    assert decision.awards.count() == 1


# ---------------------------------------------------------------------------- the tree


def test_the_department_merged_into_home_affairs(demo):
    sld = Unit.objects.get(code="SLDTBXH")
    snv = Unit.objects.get(code="SNV")
    assert sld.name == "Sở Lao động – Thương binh và Xã hội"
    assert sld.valid_from == dt.date(2011, 1, 1)
    assert sld.valid_to == dt.date(2025, 2, 28)
    assert sld.successor == snv and sld.parent == snv
    assert sld.path.startswith(snv.path)
    event = ReorgEvent.objects.get(unit=sld, kind=ReorgEvent.Kind.MERGE)
    assert event.date == dt.date(2025, 3, 1) and event.other == snv
    assert set(snv.subtree().values_list("code", flat=True)) >= {"SLDTBXH", "VP", "PLDVL", "CDN"}


def test_two_district_offices_merged_when_districts_ended(demo):
    merged = Unit.objects.filter(kind=Unit.Kind.DISTRICT, valid_to=dt.date(2025, 6, 30))
    assert sorted(merged.values_list("code", flat=True)) == ["PLDTBXH_DH", "PLDTBXH_PL"]
    for unit in merged:
        assert unit.successor.kind == Unit.Kind.COMMUNE
        assert unit.successor.valid_from == dt.date(2025, 7, 1)
        # their people followed them on the merge date
        moved = Employment.objects.filter(unit=unit.successor, start=dt.date(2025, 7, 1))
        assert (
            moved.count() == Employment.objects.filter(unit=unit, end=dt.date(2025, 6, 30)).count()
        )
        assert moved.count() > 0


def test_people_have_employment_histories_and_transfers(demo):
    histories = Counter(Employment.objects.values_list("person_id", flat=True))
    assert set(histories) == set(Person.objects.values_list("pk", flat=True))
    assert sum(1 for n in histories.values() if n > 1) > 30
    for person in Person.objects.filter(pk__in=[p for p, n in histories.items() if n > 1][:20]):
        rows = list(person.employments.order_by("start"))
        for a, b in itertools.pairwise(rows):
            assert a.end == b.start - dt.timedelta(days=1)
        assert rows[-1].unit_id == person.unit_id


# ---------------------------------------------------------------------------- individuals


def test_ldtt_only_for_good_ratings_without_discipline(demo):
    ldtt = awards("LDTT")
    good = Rating.objects.filter(person=OuterRef("person"), year=OuterRef("year"), grade__in=GOOD)
    assert ldtt.exclude(Exists(good)).count() == 0
    in_effect = Discipline.objects.filter(
        person=OuterRef("person"),
        decided_on__year__lte=OuterRef("year"),
        effective_to__year__gte=OuterRef("year"),
    )
    assert ldtt.filter(Exists(in_effect)).count() == 0
    # the rule had something to exclude
    assert Rating.objects.filter(person__isnull=False, grade__in=("HT", "KHT")).count() > 300
    assert Discipline.objects.count() > 10


def test_ldtt_needs_enough_time_since_recruitment(demo):
    rows = awards("LDTT").values_list("year", "decision__date", "person__hired_on")
    for year, decided, hired in rows:
        months = 6 if decided >= dt.date(2024, 1, 1) else 10
        cutoff = dt.date(year, 7, 1) if months == 6 else dt.date(year, 3, 1)
        assert hired <= cutoff, (year, decided, hired)


def test_cstdcs_within_fifteen_percent_of_ldtt_per_issuer_2017_2023(demo):
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    rows = Award.objects.filter(
        award_type__code__in=("LDTT", "CSTDCS"), year__range=(2017, 2023)
    ).values_list("decision__issuer_unit_id", "year", "award_type__code")
    for issuer, year, code in rows:
        counts[(issuer, year)][code] += 1
    assert len(counts) >= 7 * 3  # the department and both district offices, each year
    for key, c in counts.items():
        assert c["CSTDCS"] <= c["LDTT"] * 15 // 100, (key, c)
    # the quota bites: the department fills it in some year
    assert any(c["CSTDCS"] == c["LDTT"] * 15 // 100 and c["CSTDCS"] > 10 for c in counts.values())


def test_each_cstdcs_has_ldtt_and_a_base_level_initiative_that_year(demo):
    cstdcs = awards("CSTDCS")
    initiative = Initiative.objects.filter(
        authors=OuterRef("person"), year=OuterRef("year"), level=Initiative.Level.CO_SO
    )
    ldtt = Award.objects.filter(
        award_type__code="LDTT", person=OuterRef("person"), year=OuterRef("year")
    )
    assert cstdcs.count() > 300
    assert cstdcs.exclude(Exists(initiative)).count() == 0
    assert cstdcs.exclude(Exists(ldtt)).count() == 0


def test_each_provincial_cstd_follows_three_consecutive_cstdcs_and_a_provincial_initiative(demo):
    cstd = list(awards("CSTD_TINH").values_list("person_id", "year"))
    assert len(cstd) >= 5
    for person, year in cstd:
        for y in (year - 2, year - 1, year):
            assert person in people_with("CSTDCS", y), (person, y)
        assert Initiative.objects.filter(
            authors=person, level=Initiative.Level.BO_TINH, year__range=(year - 2, year)
        ).exists()
        assert (
            not awards("CSTD_TINH")
            .filter(person_id=person, year__range=(year - 2, year - 1))
            .exists()
        )


def test_individual_bang_khen_rests_on_two_good_years(demo):
    rows = Award.objects.filter(
        award_type__code__in=("BK_TINH", "BK_BO"), person__isnull=False
    ).values_list("person_id", "year", "decision__date")
    assert len(rows) > 20
    for person, year, decided in rows:
        grades = dict(
            Rating.objects.filter(person_id=person, year__in=(year - 1, year)).values_list(
                "year", "grade"
            )
        )
        initiatives = Initiative.objects.filter(
            authors=person, level=Initiative.Level.CO_SO, year__in=(year - 1, year)
        ).count()
        two_htxs = grades.get(year) == grades.get(year - 1) == "HTXS" and initiatives >= 2
        two_cstdcs = person in people_with("CSTDCS", year) & people_with("CSTDCS", year - 1)
        assert two_htxs or (decided >= dt.date(2024, 1, 1) and two_cstdcs), (person, year)
        assert not Award.objects.filter(
            award_type__code__in=("BK_TINH", "BK_BO"), person_id=person, year=year - 1
        ).exists()


def test_bang_khen_of_the_prime_minister_after_a_bang_khen_and_five_years(demo):
    rows = list(awards("BK_TTG").filter(person__isnull=False).values_list("person_id", "year"))
    assert rows
    for person, year in rows:
        earlier_bk = Award.objects.filter(
            award_type__code__in=("BK_TINH", "BK_BO"), person_id=person, year__lte=year - 5
        )
        assert earlier_bk.exists()
        grades = Rating.objects.filter(person_id=person, year__range=(year - 4, year))
        assert grades.count() == 5 and not grades.exclude(grade__in=GOOD).exists()


# ---------------------------------------------------------------------------- collectives


def test_ttldtt_rated_good_with_more_than_half_ldtt_and_no_severe_discipline(demo):
    rows = list(awards("TTLDTT").values_list("unit_id", "year"))
    assert len(rows) > 100
    for unit, year in rows:
        assert Rating.objects.get(unit_id=unit, year=year).grade in GOOD
        members = members_on_dec31(unit, year)
        assert len(members & people_with("LDTT", year)) * 2 > len(members), (unit, year)
        assert not Discipline.objects.filter(
            person__in=members, decided_on__year=year, form__in=SEVERE
        ).exists()


def test_ttldxs_rated_htxs_with_seventy_percent_ldtt_and_a_cstdcs(demo):
    rows = list(awards("TTLDXS").values_list("unit_id", "year"))
    assert len(rows) >= 10
    for unit, year in rows:
        assert Rating.objects.get(unit_id=unit, year=year).grade == "HTXS"
        members = members_on_dec31(unit, year)
        assert len(members & people_with("LDTT", year)) * 10 >= len(members) * 7
        assert members & people_with("CSTDCS", year)
        rated = dict(
            Rating.objects.filter(person__in=members, year=year).values_list("person_id", "grade")
        )
        assert set(rated) == members and "KHT" not in rated.values()
        assert awards("TTLDTT").filter(unit_id=unit, year=year).exists()


# ---------------------------------------------------------------------------- decisions


def test_decisions_issued_by_the_right_authority(demo):
    director = Decision.objects.filter(issuer_unit__code__in=("SLDTBXH", "SNV"))
    before = director.filter(date__lt=dt.date(2025, 3, 1))
    after = director.filter(date__gte=dt.date(2025, 3, 1))
    assert before.count() > 50 and after.count() >= 3
    assert not before.exclude(number__endswith="/QĐ-SLĐTBXH").exists()
    assert (
        not after.exclude(number__endswith="/QĐ-SNV").exclude(issuer="Giám đốc Sở Nội vụ").exists()
    )
    assert set(after.values_list("issuer", flat=True)) == {"Giám đốc Sở Nội vụ"}
    province = set(
        Award.objects.filter(decision__issuer="Chủ tịch UBND tỉnh").values_list(
            "award_type__code", flat=True
        )
    )
    assert province == {"BK_TINH", "CSTD_TINH", "TTLDXS", "CO_TINH"}
    assert set(awards("BK_BO").values_list("decision__number", flat=True)) <= {
        n for n in Decision.objects.values_list("number", flat=True)
        if n.endswith(("/QĐ-LĐTBXH", "/QĐ-BNV"))
    }  # fmt: skip
    for number in Decision.objects.values_list("number", flat=True):
        seq = number.split("/")[0]
        assert seq.isdigit() and len(seq) >= 2, number


def test_every_award_line_is_consistent(demo):
    assert Award.objects.count() > 4000
    assert not Award.objects.filter(decision__date__year__lt=F("year")).exists()
    # year-end titles are decided in a later year; the conferences' honours in theirs
    assert not Award.objects.filter(kind="merit", decision__date__year__lte=F("year")).exists()
    assert Award.objects.filter(kind="thematic").count() == 16 + 3 + 30 + 10
    assert not Award.objects.filter(subject_kind="individual", person__isnull=True).exists()
    collective = Award.objects.filter(subject_kind="collective")
    assert collective.count() > 100
    assert not collective.exclude(unit_id=F("unit_at_time_id")).exists()
    # an individual's unit at the time is where they worked on 31 December of the year
    for person, year, unit in awards("LDTT").values_list("person_id", "year", "unit_at_time_id")[
        :300
    ]:
        assert person in members_on_dec31(unit, year)


# ---------------------------------------------------------------------------- movements etc.


def test_movements_with_targets_and_yearly_results(demo):
    poverty = Movement.objects.get(start_year=2016)
    assert "Không để ai bị bỏ lại phía sau" in poverty.name
    assert poverty.end_year == 2020 and poverty.kind == Movement.Kind.THEMATIC
    jobs = poverty.targets.get(name="Số lao động được tạo việc làm mới")
    results = {r.year: r for r in jobs.results.all()}
    assert sorted(results) == [2016, 2017, 2018, 2019, 2020]
    assert all(r.planned == Decimal(15000) for r in results.values())
    assert results[2017].exceeded_pct == Decimal("43.4")
    assert sum(r.actual for r in results.values()) == 107605  # seed 000
    regular = Movement.objects.get(start_year=2021)
    assert regular.kind == Movement.Kind.REGULAR and regular.end_year == 2025
    assert TargetResult.objects.filter(target__movement=regular).count() == 20
    lower = regular.targets.get(direction="lower")
    assert lower.results.get(year=2025).exceeded_pct == Decimal("4.0")


def test_conferences_honour_collectives_and_individuals_with_the_directors_giay_khen(demo):
    expected = {2015: (3, 16), 2020: (10, 30)}
    for conference in Conference.objects.all():
        honours = conference.honourees.all()
        n_units, n_people = expected[conference.date.year]
        assert honours.filter(subject_kind="collective").count() == n_units
        assert honours.filter(subject_kind="individual").count() == n_people
        assert set(honours.values_list("award_type__code", flat=True)) == {"GK"}
        assert set(honours.values_list("decision_id", flat=True)) == {conference.decision_id}
        assert conference.decision.issuer == "Giám đốc Sở LĐ-TBXH"
        assert conference.delegates.count() == n_people


def test_clusters_have_a_leader_among_their_members(demo):
    for cluster in Cluster.objects.prefetch_related("members"):
        members = {u.pk for u in cluster.members.all()}
        assert len(members) >= 2 and cluster.leader_id in members
    flags = awards("CO_TINH").values_list("unit_id", "year")
    for unit, year in flags:
        assert Cluster.objects.filter(year=year, leader_id=unit).exists()
        assert awards("TTLDXS").filter(unit_id=unit, year=year).exists()


# ---------------------------------------------------------------------------- accounts


def test_demo_accounts_one_per_role_and_the_clerk_sees_one_division(demo, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    accounts = ensure_demo_accounts(demo.agency)
    assert [a.username for a, _unit in accounts] == ["quantri", "canbo", "vanthu", "xem"]
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {"quantri": "admin", "canbo": "officer", "vanthu": "clerk", "xem": "viewer"}
    clerk = Membership.objects.get(user__username="vanthu")
    assert clerk.user.check_password(DEMO_PASSWORD)
    assert clerk.user.is_superuser is False
    assert Membership.objects.get(user__username="quantri").user.is_superuser
    assert set(visible_units(clerk.user).values_list("code", flat=True)) == {"PLDVL"}
    seen = scoped(Person.objects.all(), clerk.user)
    assert seen.count() == Person.objects.filter(unit__code="PLDVL").count() > 0
    officer = Membership.objects.get(user__username="canbo").user
    assert scoped(Person.objects.all(), officer).count() == 400
    # running it again changes nothing but the password
    ensure_demo_accounts(demo.agency)
    assert Membership.objects.count() == 4
