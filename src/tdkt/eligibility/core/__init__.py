"""The rules engine core: plain Python, no Django.

Typical use::

    from tdkt.eligibility.core import Engine, PersonFacts, Rating
    engine = Engine.default()
    verdict = engine.evaluate(PersonFacts("p1", ratings={2024: Rating.HTT}), "LDTT", 2024)
    batch = engine.evaluate_batch(all_facts, 2024)   # verdicts + quotas per unit
"""

from __future__ import annotations

from .engine import BatchResult, Engine, default_decision_date
from .facts import (
    Absence,
    AwardFact,
    AwardKind,
    CollectiveFacts,
    DisciplineFact,
    DisciplineForm,
    Facts,
    HoldFact,
    HoldKind,
    InitiativeFact,
    InitiativeLevel,
    MemberSituation,
    PersonFacts,
    Rating,
    SectorService,
    Sex,
    SubjectKind,
)
from .parameters import ParameterSet
from .quotas import QuotaCandidate, QuotaResult, QuotaSpec, quota_limit, rank_candidates
from .regimes import Regime, RegimeChoice, RegimeTable
from .rules import Rule, RuleDefinitionError
from .verdict import Criterion, Mark, Outcome, ParameterUse, Verdict
from .yamlio import DataError

__all__ = [
    "Absence",
    "AwardFact",
    "AwardKind",
    "BatchResult",
    "CollectiveFacts",
    "Criterion",
    "DataError",
    "DisciplineFact",
    "DisciplineForm",
    "Engine",
    "Facts",
    "HoldFact",
    "HoldKind",
    "InitiativeFact",
    "InitiativeLevel",
    "Mark",
    "MemberSituation",
    "Outcome",
    "ParameterSet",
    "ParameterUse",
    "PersonFacts",
    "QuotaCandidate",
    "QuotaResult",
    "QuotaSpec",
    "Rating",
    "Regime",
    "RegimeChoice",
    "RegimeTable",
    "Rule",
    "RuleDefinitionError",
    "SectorService",
    "Sex",
    "SubjectKind",
    "Verdict",
    "default_decision_date",
    "quota_limit",
    "rank_candidates",
]
