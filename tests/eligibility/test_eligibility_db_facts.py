"""Facts loaded from the database: exact values, quota groups, members, constant query count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from eligibility_db_support import History, build_history, t

from tdkt.awards.domain import AwardLine, record_decision
from tdkt.eligibility.core import (
    AwardFact,
    AwardKind,
    DisciplineFact,
    DisciplineForm,
    HoldFact,
    HoldKind,
    InitiativeFact,
    InitiativeLevel,
    MemberSituation,
    PersonFacts,
    Rating,
    Sex,
)
from tdkt.eligibility.facts import UnitTree, employed_in, load_people, load_units
from tdkt.emulation.models import Cluster
from tdkt.org import domain as org
from tdkt.org.models import Person
from tdkt.records import domain as records

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def history(tree: Any) -> History:
    return build_history(tree)


def test_person_facts_are_exact(history: History) -> None:
    record = load_people([history.lan.pk], year=2024)[history.lan.pk]
    assert record.facts == PersonFacts(
        "001",
        sex=Sex.F,
        hired=D(2015, 3, 1),
        unit="SNV",
        ratings={2021: Rating.HTXS, 2022: Rating.HTT, 2023: Rating.HTXS, 2024: Rating.HTT},
        awards=(  # the revoked LĐTT 2021 is left out; the thematic kind is carried
            AwardFact("CSTDCS", 2022, AwardKind.MERIT, D(2023, 1, 12)),
            AwardFact("CSTDCS", 2023, AwardKind.THEMATIC, D(2023, 9, 1)),
            AwardFact("LDTT", 2022, AwardKind.MERIT, D(2023, 1, 12)),
        ),
        initiatives=(
            InitiativeFact(2022, InitiativeLevel.CO_SO),
            InitiativeFact(2024, InitiativeLevel.BO_TINH),
        ),
        disciplines=(DisciplineFact(DisciplineForm.KHIEN_TRACH, D(2020, 5, 1), D(2020, 12, 31)),),
        holds=(HoldFact(HoldKind.COMPLAINT, D(2025, 2, 1), None),),
    )
    assert (record.subject_id, record.name, record.unit_id) == (
        "001",
        "Nguyễn Thị Lan",
        history.lan.unit_id,
    )


def test_nothing_after_the_year_is_loaded(history: History) -> None:
    facts = load_people([history.lan.pk], year=2022)[history.lan.pk].facts
    assert facts.ratings == {2021: Rating.HTXS, 2022: Rating.HTT}
    assert [a.year for a in facts.awards] == [2022, 2022]
    assert facts.initiatives == (InitiativeFact(2022, InitiativeLevel.CO_SO),)


def test_subject_id_is_the_internal_id_without_external_id(history: History) -> None:
    record = load_people([history.minh.pk], year=2024)[history.minh.pk]
    assert record.subject_id == record.facts.subject_id == str(history.minh.pk)
    assert record.facts.ratings == {2023: Rating.HTT, 2024: Rating.KHT}
    assert record.facts.sex is Sex.M
    assert record.facts.awards == (AwardFact("LDTT", 2024, AwardKind.MERIT, D(2025, 1, 15)),)


def test_an_internal_id_that_looks_like_an_external_one_is_made_distinct(
    history: History, tree: Any
) -> None:
    clash = org.create_person(
        None, unit=tree.vp, full_name="Ngô Văn Khánh", external_id=str(history.minh.pk)
    )
    records_ = load_people([history.minh.pk, clash.pk])
    assert records_[clash.pk].subject_id == str(history.minh.pk)
    assert records_[history.minh.pk].subject_id == f"#{history.minh.pk}"


def test_quota_group_follows_the_tree_as_it_was(history: History, tree: Any) -> None:
    """PLDVL's people count in Sở LĐ-TBXH until it is merged (2025-03-01), then in SNV."""
    units = UnitTree.load()
    assert units.issuing(tree.pldvl.pk, 2024).code == "SLDTBXH"
    assert units.issuing(tree.pldvl.pk, 2025).code == "SNV"
    assert units.issuing(tree.ptdkt.pk, 2024).code == "SNV"
    assert units.issuing(tree.other.pk, 2024).code == "UBND_X"
    assert units.top(tree.pldvl.pk, 2024).code == "SLDTBXH"
    assert units.top(tree.pldvl.pk, 2025).code == "SNV"
    minh = load_people([history.minh.pk], year=2025)[history.minh.pk]
    assert minh.facts.unit == "SNV"
    assert minh.facts_for(2024, units).unit == "SLDTBXH"


def test_unit_worked_in_during_a_year_follows_employment(history: History, tree: Any) -> None:
    org.transfer_person(None, history.hoa, tree.vp, date=D(2024, 7, 1))
    record = load_people([history.hoa.pk], year=2024)[history.hoa.pk]
    assert record.unit_in(2023) == tree.pldvl.pk
    assert record.unit_in(2024) == tree.vp.pk  # the latest-starting employment of the year
    assert record.facts.unit == "SNV"


def test_collective_facts_list_the_members_situation(history: History, tree: Any) -> None:
    records.set_rating(None, unit=tree.pldvl, year=2024, grade="HTT")
    records.add_discipline(None, history.minh, form="CANH_CAO", decided_on=D(2024, 6, 1))
    records.add_discipline(None, history.minh, form="KHIEN_TRACH", decided_on=D(2024, 3, 1))
    unit = load_units([tree.pldvl.pk, tree.vp.pk], [2023, 2024])
    facts = unit[tree.pldvl.pk].facts
    assert facts.subject_id == "PLDVL"
    assert facts.unit == "SLDTBXH"
    assert facts.ratings == {2024: Rating.HTT}
    assert facts.members == {
        2023: (
            MemberSituation(Rating.HTT, frozenset(), None, Sex.M),
            MemberSituation(Rating.HTXS, frozenset(), None, Sex.F),
        ),
        2024: (
            MemberSituation(Rating.KHT, frozenset({"LDTT"}), DisciplineForm.CANH_CAO, Sex.M),
            MemberSituation(Rating.HTXS, frozenset({"LDTT", "CSTDCS"}), None, Sex.F),
        ),
    }
    assert unit[tree.vp.pk].facts.members == {}  # nobody recorded: unknown, not "no members"


def test_cluster_leader(history: History, tree: Any) -> None:
    c = Cluster.objects.create(agency=tree.agency, name="Khối các phòng", year=2024, leader=tree.vp)
    c.members.set([tree.vp, tree.pldvl])
    Cluster.objects.create(agency=tree.agency, name="Khối chưa bình xét", year=2023).members.set(
        [tree.pldvl]
    )
    units = load_units([tree.pldvl.pk, tree.vp.pk, tree.ptdkt.pk], [2023, 2024])
    assert units[tree.vp.pk].facts.cluster_leader == {2024: True}
    assert units[tree.pldvl.pk].facts.cluster_leader == {2024: False}  # 2023: no leader yet
    assert units[tree.ptdkt.pk].facts.cluster_leader == {}


def test_employed_in_a_year(history: History, tree: Any) -> None:
    late = org.create_person(None, unit=tree.vp, full_name="Đỗ Thu Trang", hired_on=D(2025, 2, 1))
    people = Person.objects.all()
    assert set(employed_in(people, 2024)) == {history.lan, history.minh, history.hoa, history.tuan}
    assert late in set(employed_in(people, 2025))


def _make_people(tree: Any, n: int) -> list[int]:
    ids = []
    for i in range(n):
        p = org.create_person(
            None, unit=tree.vp, full_name=f"Người Thứ {i}", sex="F", hired_on=D(2015, 1, 1)
        )
        records.set_rating(None, person=p, year=2024, grade="HTT")
        records.add_initiative(
            None, unit=tree.vp, title=f"Sáng kiến {i}", year=2024, level="CO_SO", authors=[p]
        )
        ids.append(p.pk)
    people = list(Person.objects.filter(pk__in=ids))
    for k in range(0, n, 10):  # awards in several decisions
        record_decision(
            None, agency=tree.agency, number=f"{k + 1}/QĐ-SNV", date=D(2025, 1, 15),
            lines=[AwardLine(t("LDTT"), 2024, person=p) for p in people[k : k + 10]],
        )  # fmt: skip
    return ids


def test_query_count_does_not_grow_with_the_number_of_people(tree: Any) -> None:
    ids = _make_people(tree, 30)
    counts = []
    for n in (3, 30):
        with CaptureQueriesContext(connection) as ctx:
            loaded = load_people(ids[:n], year=2024)
        assert len(loaded) == n
        counts.append(len(ctx.captured_queries))
    with CaptureQueriesContext(connection) as ctx:
        load_people(Person.objects.filter(pk__in=ids[:3]), year=2024)
    counts.append(len(ctx.captured_queries))
    with CaptureQueriesContext(connection) as ctx:
        load_people(Person.objects.filter(pk__in=ids), year=2024)
    counts.append(len(ctx.captured_queries))
    # people, units, award types, decisions, then one per table
    assert counts == [10, 10, 10, 10]


def test_query_count_for_collectives_does_not_grow(tree: Any) -> None:
    _make_people(tree, 5)
    counts = []
    for units in ([tree.vp.pk], [tree.vp.pk, tree.pldvl.pk, tree.ptdkt.pk, tree.snv.pk]):
        with CaptureQueriesContext(connection) as ctx:
            load_units(units, [2024])
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_members_from_loaded_people_are_the_same(history: History, tree: Any) -> None:
    records.add_discipline(None, history.minh, form="CANH_CAO", decided_on=D(2024, 6, 1))
    units = [tree.pldvl.pk, tree.ptdkt.pk, tree.other.pk]
    queried = load_units(units, [2024])
    people = load_people(Person.objects.all(), year=2024)
    with CaptureQueriesContext(connection) as reused_queries:
        reused = load_units(units, [2024], people=people)
    with CaptureQueriesContext(connection) as queried_queries:
        load_units(units, [2024])
    assert reused == queried
    assert len(reused_queries.captured_queries) < len(queried_queries.captured_queries)
