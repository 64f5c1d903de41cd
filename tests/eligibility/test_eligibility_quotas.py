"""Quotas per unit over a whole candidate set: limits, rounding and the legal tie-break."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.eligibility.core import (
    AwardFact,
    CollectiveFacts,
    Engine,
    InitiativeFact,
    InitiativeLevel,
    MemberSituation,
    PersonFacts,
    QuotaCandidate,
    Rating,
    Sex,
    quota_limit,
    rank_candidates,
)

HIRED = dt.date(2010, 1, 1)
CO_SO, BO_TINH = InitiativeLevel.CO_SO, InitiativeLevel.BO_TINH


@pytest.mark.parametrize(
    ("percent", "base", "limit"),
    [
        ("15", 20, 3),
        ("15", 19, 2),
        ("15", 6, 0),
        ("20", 5, 1),
        ("20", 4, 0),
        ("12.5", 8, 1),
        ("29", 100, 29),
        ("0", 50, 0),
        ("100", 7, 7),
    ],
)
def test_limit_is_the_floor_of_percent_times_base(percent: str, base: int, limit: int) -> None:
    assert quota_limit(Decimal(percent), base) == limit


def test_ranking_puts_preferred_first_then_stronger_then_id() -> None:
    ranked = rank_candidates(
        [
            QuotaCandidate("b", False, (3, 1)),
            QuotaCandidate("a", False, (3, 1)),
            QuotaCandidate("z", True, (1, 0)),
            QuotaCandidate("c", False, (3, 2)),
            QuotaCandidate("y", True, (2, 0)),
        ]
    )
    assert [q.subject_id for q in ranked] == ["y", "z", "c", "a", "b"]


def person(
    pid: str,
    unit: str,
    rating: Rating | None = Rating.HTT,
    sex: Sex = Sex.M,
    initiatives: tuple[InitiativeLevel, ...] = (),
    year: int = 2019,
) -> PersonFacts:
    return PersonFacts(
        pid,
        sex=sex,
        hired=HIRED,
        unit=unit,
        ratings={} if rating is None else {year: rating},
        initiatives=tuple(InitiativeFact(year, level) for level in initiatives),
    )


def r2017_unit() -> list[PersonFacts]:
    candidates = [
        person("A", "U", Rating.HTXS, Sex.M, (CO_SO,)),
        person("B", "U", Rating.HTT, Sex.F, (CO_SO,)),
        person("C", "U", Rating.HTXS, Sex.F, (CO_SO,)),
        person("D", "U", Rating.HTXS, Sex.M, (CO_SO, BO_TINH)),
        person("E", "U", Rating.HTT, Sex.M, (CO_SO,)),
    ]
    others = [person(f"U{i:02d}", "U") for i in range(15)]
    undetermined = [person("U-unrated", "U", rating=None)]
    small_unit = [person("V1", "V", initiatives=(CO_SO,))] + [
        person(f"V{i}", "V") for i in range(2, 7)
    ]
    return [*others, *candidates, *undetermined, *small_unit]


def test_cstdcs_quota_r2017_women_first_then_record_then_id() -> None:
    batch = Engine.default().evaluate_batch(r2017_unit(), 2019)
    assert batch.choice is not None and batch.choice.regime.id == "R2017"
    by_unit = {q.unit: q for q in batch.quotas}
    u = by_unit["U"]
    assert (u.code, u.base, u.base_undetermined, u.percent, u.limit) == (
        "CSTDCS",
        20,
        1,
        Decimal(15),
        3,
    )
    assert u.within == ("C", "B", "D")
    assert u.outside == ("A", "E")
    assert u.parameter.citation == "Decree 91/2017/NĐ-CP Art 9 k3"
    assert "phần nguyên" in u.rounding
    v = by_unit["V"]
    assert (v.base, v.limit, v.within, v.outside) == (6, 0, (), ("V1",))
    # the quota does not change individual verdicts: all five remain eligible
    eligible = {
        x.subject_id for x in batch.verdicts if x.code == "CSTDCS" and x.outcome == "eligible"
    }
    assert eligible == {"A", "B", "C", "D", "E", "V1"}


def test_order_does_not_depend_on_input_order() -> None:
    subjects = r2017_unit()
    forward = Engine.default().evaluate_batch(subjects, 2019).quotas
    backward = Engine.default().evaluate_batch(list(reversed(subjects)), 2019).quotas
    assert [(q.unit, q.within, q.outside) for q in forward] == [
        (q.unit, q.within, q.outside) for q in backward
    ]


def test_no_cstdcs_quota_under_r2024_unless_a_province_sets_one() -> None:
    subjects = [
        person(
            p.subject_id,
            p.unit or "",
            p.ratings.get(2019),
            p.sex or Sex.M,
            tuple(i.level for i in p.initiatives),
            year=2024,
        )
        for p in r2017_unit()
    ]
    assert Engine.default().evaluate_batch(subjects, 2024).quotas == []
    label = "Quy chế tỉnh: CSTĐCS không quá 10% số LĐTT"
    engine = Engine.default().with_overrides(
        {"cstdcs_quota_pct_of_ldtt": [(dt.date(2024, 1, 1), None, 10, label)]}
    )
    quotas = {q.unit: q for q in engine.evaluate_batch(subjects, 2024).quotas}
    assert (quotas["U"].limit, quotas["U"].within, quotas["U"].outside) == (
        2,
        ("C", "B"),
        ("D", "A", "E"),
    )
    assert quotas["U"].parameter.override == label


def members(women: int, ldtt: int, total: int = 10) -> tuple[MemberSituation, ...]:
    return tuple(
        MemberSituation(
            Rating.HTT,
            frozenset({"LDTT"}) if i < ldtt else frozenset(),
            None,
            Sex.F if i < women else Sex.M,
        )
        for i in range(total)
    )


def leader(cid: str, rating: Rating, crew: tuple[MemberSituation, ...] | None) -> CollectiveFacts:
    return CollectiveFacts(
        cid,
        unit="TINH",
        ratings={2024: rating},
        members={} if crew is None else {2024: crew},
        cluster_leader={2024: True},
        targets_exceeded={2024: True},
    )


def test_co_cp_at_most_20_percent_of_leaders_collectives_with_70_percent_women_first() -> None:
    subjects = [
        leader("L1", Rating.HTXS, members(women=7, ldtt=5)),
        leader("L2", Rating.HTXS, members(women=6, ldtt=5)),
        leader("L3", Rating.HTT, members(women=8, ldtt=5)),
        leader("L4", Rating.HTXS, members(women=0, ldtt=8)),
        leader("L5", Rating.HTXS, None),
        leader("L6", Rating.HTT, members(women=0, ldtt=5)),
        CollectiveFacts(
            "N1", unit="TINH", cluster_leader={2024: False}, targets_exceeded={2024: True}
        ),
    ]
    batch = Engine.default().evaluate_batch(subjects, 2024)
    [quota] = [q for q in batch.quotas if q.code == "CO_CP"]
    assert (quota.base, quota.limit) == (6, 1)
    assert quota.within == ("L1",)
    assert quota.outside == ("L3", "L4", "L2", "L5", "L6")
    assert quota.parameter.citation == "Law 06/2022/QH15 Art 25"


def test_ttldxs_quota_only_when_set() -> None:
    def unit_of(cid: str, best: bool) -> CollectiveFacts:
        crew = members(women=0, ldtt=8) if best else members(women=0, ldtt=6)
        if best:
            crew = (*crew[:-1], crew[-1]._replace(awards=frozenset({"LDTT", "CSTDCS"})))
        return CollectiveFacts(cid, unit="TINH", ratings={2024: Rating.HTXS}, members={2024: crew})

    subjects = [unit_of(f"X{i}", best=i < 3) for i in range(10)]
    engine = Engine.default()
    assert [q for q in engine.evaluate_batch(subjects, 2024).quotas if q.code == "TTLDXS"] == []
    engine = engine.with_overrides(
        {"ttldxs_quota_pct_of_ttldtt": [(None, None, 20, "Quy chế tỉnh 2024")]}
    )
    [quota] = [q for q in engine.evaluate_batch(subjects, 2024).quotas if q.code == "TTLDXS"]
    assert (quota.base, quota.limit, quota.within, quota.outside) == (
        10,
        2,
        ("X0", "X1"),
        ("X2",),
    )


def test_a_recorded_recipient_counts_in_the_base() -> None:
    base_holder = PersonFacts(
        "H", unit="U", ratings={2019: Rating.HT}, awards=(AwardFact("LDTT", 2019),)
    )
    candidate = person("C1", "U", Rating.HTXS, Sex.F, (CO_SO,))
    batch = Engine.default().evaluate_batch([base_holder, candidate], 2019)
    [quota] = batch.quotas
    # H holds a recorded LĐTT 2019 (a recipient) although the facts say HT
    assert (quota.base, quota.limit, quota.outside) == (2, 0, ("C1",))
