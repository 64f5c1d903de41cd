"""Engine behaviour beyond single cases: batches, verdict contents, tri-state properties."""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.eligibility.core import (
    AwardFact,
    AwardKind,
    CollectiveFacts,
    DisciplineFact,
    DisciplineForm,
    Engine,
    InitiativeFact,
    InitiativeLevel,
    Mark,
    Outcome,
    PersonFacts,
    Rating,
    Sex,
    SubjectKind,
)

ENGINE = Engine.default()
YEAR = 2024
PERSON_CODES = ENGINE.registry.codes_for(SubjectKind.PERSON, ENGINE.regimes.get("R2024"))
HISTORY = range(2014, YEAR + 1)

awards = st.builds(
    AwardFact,
    st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "BK_BO", "BK_TTG", "HCLD3"]),
    st.sampled_from(list(range(2014, YEAR))),  # nothing recorded for the judged year itself
    st.sampled_from(list(AwardKind)),
)
initiatives = st.builds(
    InitiativeFact, st.sampled_from(list(HISTORY)), st.sampled_from(list(InitiativeLevel))
)
disciplines = st.builds(
    DisciplineFact,
    st.sampled_from(list(DisciplineForm)),
    st.dates(dt.date(2014, 1, 1), dt.date(2024, 12, 31)),
    st.none(),
)
people = st.builds(
    PersonFacts,
    subject_id=st.just("p"),
    sex=st.sampled_from([Sex.M, Sex.F, None]),
    hired=st.sampled_from([None, dt.date(2010, 1, 1), dt.date(2024, 8, 1)]),
    ratings=st.dictionaries(st.sampled_from(list(HISTORY)), st.sampled_from(list(Rating))),
    awards=st.lists(awards, max_size=12).map(tuple),
    initiatives=st.lists(initiatives, max_size=8).map(tuple),
    disciplines=st.lists(disciplines, max_size=1).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(people, st.data())
def test_a_missing_rating_never_turns_a_decided_verdict_into_the_opposite(
    facts: PersonFacts, data: st.DataObject
) -> None:
    if not facts.ratings:
        return
    dropped = data.draw(st.sampled_from(sorted(facts.ratings)))
    fewer = replace(facts, ratings={y: r for y, r in facts.ratings.items() if y != dropped})
    for code in PERSON_CODES:
        full = ENGINE.evaluate(facts, code, YEAR).outcome
        partial = ENGINE.evaluate(fewer, code, YEAR).outcome
        if full is not Outcome.UNDETERMINED:
            assert partial in (full, Outcome.UNDETERMINED), (code, dropped)


@settings(max_examples=60, deadline=None)
@given(st.lists(people, min_size=1, max_size=5))
def test_batch_gives_the_same_verdicts_as_one_by_one(persons: list[PersonFacts]) -> None:
    persons = [replace(p, subject_id=f"p{i}") for i, p in enumerate(persons)]
    batch = ENGINE.evaluate_batch(persons, YEAR)
    single = [ENGINE.evaluate(p, code, YEAR) for p in persons for code in PERSON_CODES]
    assert batch.verdicts == single


def test_batch_restores_the_garbage_collector() -> None:
    assert gc.isenabled()
    ENGINE.evaluate_batch([PersonFacts("p")], YEAR)
    assert gc.isenabled()
    gc.disable()
    try:
        ENGINE.evaluate_batch([PersonFacts("p")], YEAR)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_batch_mixes_people_and_collectives_and_filters_codes() -> None:
    person = PersonFacts("p", hired=dt.date(2010, 1, 1), ratings={YEAR: Rating.HTT})
    unit = CollectiveFacts("u", ratings={YEAR: Rating.HTT})
    batch = ENGINE.evaluate_batch([person, unit], YEAR, codes=["LDTT", "TTLDTT"])
    assert [(v.subject_id, v.code, v.outcome) for v in batch.verdicts] == [
        ("p", "LDTT", "eligible"),
        ("u", "TTLDTT", "undetermined"),
    ]
    with pytest.raises(ValueError, match="unknown award code 'NOPE'"):
        ENGINE.evaluate_batch([person], YEAR, codes=["NOPE"])


def test_no_regime_gives_an_empty_batch_and_undetermined_verdicts() -> None:
    person = PersonFacts("p", ratings={2009: Rating.HTXS})
    assert ENGINE.evaluate_batch([person], 2009, decision_date=dt.date(2010, 1, 1)).verdicts == []
    verdict = ENGINE.evaluate(person, "LDTT", 2009, decision_date=dt.date(2010, 1, 1))
    assert (verdict.outcome, verdict.regime) == ("undetermined", None)


def test_evaluate_refuses_unknown_codes_and_wrong_subjects() -> None:
    with pytest.raises(ValueError, match="unknown award code 'CSTD'"):
        ENGINE.evaluate(PersonFacts("p"), "CSTD", YEAR)
    with pytest.raises(ValueError, match="TTLDTT is not awarded to a person"):
        ENGINE.evaluate(PersonFacts("p"), "TTLDTT", YEAR)


def test_verdict_carries_regime_criteria_citations_marks_and_parameters() -> None:
    person = PersonFacts(
        "p",
        hired=dt.date(2010, 1, 1),
        ratings={2023: Rating.HTXS, 2024: Rating.HTXS},
        initiatives=(InitiativeFact(2024, InitiativeLevel.CO_SO),),
    )
    for verdict in ENGINE.evaluate_all(person, YEAR):
        assert verdict.regime == "R2024"
        assert verdict.criteria, verdict.code
        for c in verdict.criteria:
            assert c.text and c.citation and isinstance(c.mark, Mark), (verdict.code, c)
    cstdcs = ENGINE.evaluate(person, "CSTDCS", YEAR)
    assert cstdcs.outcome == "eligible"
    assert cstdcs.reasons()[0] == {
        "criterion": "Đạt danh hiệu Lao động tiên tiến năm 2024",
        "met": True,
        "citation": "Law 06/2022/QH15 Art 23",
        "mark": "secondary",
        "detail": "đủ tiêu chuẩn",
    }
    used = {p["name"]: p for p in cstdcs.parameters_used()}
    assert used["cstdcs_htxs_replaces_initiative"] == {
        "name": "cstdcs_htxs_replaces_initiative",
        "value": False,
        "citation": "Law 06/2022/QH15 Art 23 (contested reading)",
        "mark": "unverified",
        "from": "2024-01-01",
        "to": None,
        "override": None,
    }
