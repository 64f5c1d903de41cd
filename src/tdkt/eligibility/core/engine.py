"""The engine: picks the regime, runs the rules, applies quotas over a batch."""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from tdkt.awards.catalogue import BY_CODE
from tdkt.common.formatting import format_date

from .facts import Facts, PersonFacts, Sex, SubjectKind
from .parameters import ParameterSet
from .quotas import QUOTAS, TIE_BREAK_PARAMETER, QuotaCandidate, QuotaResult, QuotaSpec, apply_quota
from .regimes import RegimeChoice, RegimeTable
from .registry import Registry, subject_allows
from .rules import ALL_RULES, Bound, Plan, Rule, Session
from .verdict import Criterion, Mark, Outcome, ParameterUse, Verdict
from .views import CollectiveView, PersonView

DATA_DIR = Path(__file__).resolve().parent.parent
CATALOGUE: Mapping[str, str] = {code: entry.subjects for code, entry in BY_CODE.items()}


def default_decision_date(year: int) -> dt.date:
    """15 January of the year after the achievement year (FORMATS.md §4)."""
    return dt.date(year + 1, 1, 15)


@dataclass
class BatchResult:
    """Verdicts for every subject and applicable code, and the quota outcome per unit."""

    year: int
    decision_date: dt.date
    choice: RegimeChoice | None
    verdicts: list[Verdict] = field(default_factory=list)
    quotas: list[QuotaResult] = field(default_factory=list)


class Engine:
    """Regimes + parameters + rules, validated together. Immutable; cheap to share."""

    def __init__(
        self,
        regimes: RegimeTable,
        parameters: ParameterSet,
        rules: Sequence[Rule] = ALL_RULES,
        quotas: Sequence[QuotaSpec] = QUOTAS,
        codes: Mapping[str, str] = CATALOGUE,
    ) -> None:
        self.regimes = regimes
        self.parameters = parameters
        self.rules = tuple(rules)
        self.quotas = tuple(quotas)
        self.registry = Registry(self.rules, regimes, parameters, codes, self.quotas)
        self._plans: dict[tuple[str, dt.date, str], Plan] = {}

    @classmethod
    def load(
        cls,
        regimes_dir: Path = DATA_DIR / "regimes",
        parameters_dir: Path = DATA_DIR / "parameters",
        rules: Sequence[Rule] = ALL_RULES,
    ) -> Engine:
        """Read regimes and parameters from their directories and check every rule."""
        return cls(RegimeTable.load(regimes_dir), ParameterSet.load(parameters_dir), rules)

    @staticmethod
    def default() -> Engine:
        """The engine with the shipped regimes, parameters and rules (loaded once)."""
        return _default()

    def with_overrides(
        self, overrides: Mapping[str, Iterable[tuple[dt.date | None, dt.date | None, Any, str]]]
    ) -> Engine:
        """A copy whose parameters carry local overrides (see ``ParameterSet.with_overrides``)."""
        return Engine(
            self.regimes,
            self.parameters.with_overrides(overrides),
            self.rules,
            self.quotas,
            self.registry.codes,
        )

    # --- regime ---------------------------------------------------------------------------

    def choose(
        self,
        year: int,
        decision_date: dt.date | None = None,
        received_date: dt.date | None = None,
        local_rules_issued: bool | None = None,
    ) -> tuple[dt.date, RegimeChoice | None]:
        day = decision_date or default_decision_date(year)
        return day, self.regimes.select(day, received_date, local_rules_issued)

    # --- single subject -------------------------------------------------------------------

    def evaluate(
        self,
        facts: Facts,
        code: str,
        year: int,
        *,
        decision_date: dt.date | None = None,
        received_date: dt.date | None = None,
        local_rules_issued: bool | None = None,
    ) -> Verdict:
        """The verdict for one subject and one code."""
        self._check_code(code, facts.kind)
        day, choice = self.choose(year, decision_date, received_date, local_rules_issued)
        if choice is None:
            return _no_regime(facts, code, year, day)
        return self._session(facts, year, choice, day, received_date).verdict(code)

    def evaluate_all(
        self,
        facts: Facts,
        year: int,
        *,
        decision_date: dt.date | None = None,
        received_date: dt.date | None = None,
        local_rules_issued: bool | None = None,
    ) -> list[Verdict]:
        """Verdicts for every code that has a rule for this subject kind in the regime."""
        day, choice = self.choose(year, decision_date, received_date, local_rules_issued)
        if choice is None:
            return []
        session = self._session(facts, year, choice, day, received_date)
        return [
            session.verdict(code) for code in self.registry.codes_for(facts.kind, choice.regime)
        ]

    # --- batch ----------------------------------------------------------------------------

    def evaluate_batch(
        self,
        subjects: Iterable[Facts],
        year: int,
        *,
        codes: Iterable[str] | None = None,
        decision_date: dt.date | None = None,
        received_date: dt.date | None = None,
        local_rules_issued: bool | None = None,
    ) -> BatchResult:
        """Every applicable code (or only ``codes``) for every subject, then the quotas.

        All subjects share one decision date, hence one regime and one set of parameter
        values; each subject's facts are indexed once and every rule reads that index.
        """
        day, choice = self.choose(year, decision_date, received_date, local_rules_issued)
        result = BatchResult(year, day, choice)
        if choice is None:
            return result
        wanted = None if codes is None else set(codes)
        for code in wanted or ():
            self._check_code(code, None)
        # Evaluation creates millions of small acyclic objects; the cyclic collector would scan
        # the growing heap again and again for nothing, so it is paused for the batch.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._batch(result, subjects, choice, wanted, received_date)
        finally:
            if gc_was_enabled:
                gc.enable()
        return result

    def _batch(
        self,
        result: BatchResult,
        subjects: Iterable[Facts],
        choice: RegimeChoice,
        wanted: set[str] | None,
        received_date: dt.date | None,
    ) -> None:
        year, day = result.year, result.decision_date
        per_kind = {
            kind: tuple(
                c
                for c in self.registry.codes_for(kind, choice.regime)
                if wanted is None or c in wanted
            )
            for kind in SubjectKind
        }
        quotas = self._active_quotas(choice, wanted)
        women_pct: Decimal = (
            self.parameters.use_at(TIE_BREAK_PARAMETER, choice.as_of).value
            if quotas
            else Decimal(100)
        )
        tally: dict[tuple[str, str | None], _Tally] = {}
        verdicts = result.verdicts
        plan = self._plan(choice)
        for facts in subjects:
            session = self._session(facts, year, choice, day, received_date, plan)
            for code in per_kind[facts.kind]:
                verdicts.append(session.verdict(code))
            for spec, kind, _ in quotas:
                if kind is facts.kind:
                    self._count(tally, spec, facts, session, women_pct)
        tie_break = choice.regime.principles["tie_break"]
        specs = {spec.code: (spec, use) for spec, _, use in quotas}
        for (code, unit), t in sorted(tally.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            if t.candidates:
                spec, use = specs[code]
                result.quotas.append(
                    apply_quota(
                        spec,
                        unit,
                        year,
                        choice.regime.id,
                        use,
                        t.base,
                        t.base_undetermined,
                        t.candidates,
                        tie_break,
                        women_pct,
                    )
                )

    def candidate(self, facts: Facts, year: int, women_pct: Decimal) -> QuotaCandidate:
        """How a subject ranks in a quota: preferred (a woman; a collective whose share of
        women reaches ``women_pct``) and record strength — for a person (rating, national,
        ministry/province and base-level initiatives of the year), for a collective (rating,
        share of members LĐTT in ‰)."""
        if isinstance(facts, PersonFacts):
            rank = facts.ratings.get(year)
            inits = [0, 0, 0]
            for i in facts.initiatives:
                if i.year == year:
                    inits[2 - i.level.rank] += 1
            return QuotaCandidate(
                facts.subject_id, facts.sex is Sex.F, (-1 if rank is None else rank.rank, *inits)
            )
        members = facts.members.get(year) or ()
        women = sum(1 for m in members if m.sex is Sex.F)
        ldtt = sum(1 for m in members if "LDTT" in m.awards)
        rank = facts.ratings.get(year)
        n = len(members)
        return QuotaCandidate(
            facts.subject_id,
            n > 0 and women * 100 >= women_pct * n,
            (-1 if rank is None else rank.rank, (ldtt * 1000) // n if n else 0),
        )

    # --- internals ------------------------------------------------------------------------

    def _check_code(self, code: str, kind: SubjectKind | None) -> None:
        subjects = self.registry.codes.get(code)
        if subjects is None:
            raise ValueError(f"unknown award code {code!r}")
        if kind is not None and not subject_allows(subjects, kind):
            raise ValueError(f"{code} is not awarded to a {kind}")

    def _session(
        self,
        facts: Facts,
        year: int,
        choice: RegimeChoice,
        day: dt.date,
        received_date: dt.date | None,
        plan: Plan | None = None,
    ) -> Session:
        view = PersonView(facts) if isinstance(facts, PersonFacts) else CollectiveView(facts)
        return Session(plan or self._plan(choice), facts, view, year, day, received_date)

    def _plan(self, choice: RegimeChoice) -> Plan:
        """The rules and resolved parameter values for a regime choice (built once)."""
        key = (choice.regime.id, choice.as_of, choice.basis)
        plan = self._plans.get(key)
        if plan is None:
            rules = self.registry.rules_in(choice.regime)
            bound = {}
            for rule in rules.values():
                uses = {n: self.parameters.use_at(n, choice.as_of) for n in rule.parameters}
                values = {n: u.value for n, u in uses.items()}
                bound[rule] = Bound(values, uses, tuple(uses.values()))
            plan = self._plans[key] = Plan(choice, rules, bound)
        return plan

    def _count(
        self,
        tally: dict[tuple[str, str | None], _Tally],
        spec: QuotaSpec,
        facts: Facts,
        session: Session,
        women_pct: Decimal,
    ) -> None:
        """Count ``facts`` into its unit's quota base and, if eligible, its candidates."""
        t = tally.setdefault((spec.code, facts.unit), _Tally())
        year = session.year
        outcomes = [
            Outcome.ELIGIBLE if session.view.has(c, year) else session.verdict(c).outcome
            for c in spec.base_codes
        ]
        if Outcome.ELIGIBLE in outcomes:
            t.base += 1
        elif Outcome.UNDETERMINED in outcomes:
            t.base_undetermined += 1
        if session.verdict(spec.code).outcome is Outcome.ELIGIBLE:
            t.candidates.append(self.candidate(facts, year, women_pct))

    def _active_quotas(
        self, choice: RegimeChoice, wanted: set[str] | None
    ) -> list[tuple[QuotaSpec, SubjectKind, ParameterUse]]:
        active = []
        for spec in self.quotas:
            if wanted is not None and spec.code not in wanted:
                continue
            if self.registry.rule_for(spec.code, choice.regime) is None:
                continue
            use = self.parameters.use_at(spec.parameter, choice.as_of)
            if use.value is None:
                continue
            kind = (
                SubjectKind.PERSON
                if subject_allows(self.registry.codes[spec.code], SubjectKind.PERSON)
                else SubjectKind.COLLECTIVE
            )
            active.append((spec, kind, use))
        return active


@dataclass
class _Tally:
    base: int = 0
    base_undetermined: int = 0
    candidates: list[QuotaCandidate] = field(default_factory=list)


def _no_regime(facts: Facts, code: str, year: int, day: dt.date) -> Verdict:
    criterion = Criterion(
        f"Không có chế độ khen thưởng nào có hiệu lực vào ngày {format_date(day)}",
        None,
        "—",
        Mark.UNVERIFIED,
    )
    return Verdict(
        facts.subject_id, facts.kind, code, year, Outcome.UNDETERMINED, None, (criterion,)
    )


@functools.cache
def _default() -> Engine:
    return Engine.load()
