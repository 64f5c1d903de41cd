"""What a rule is, and the context a rule function reads facts and parameters through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..facts import SubjectKind
from ..regimes import Citation, RegimeChoice
from ..verdict import Criterion, Mark, Outcome, ParameterUse, Verdict

if TYPE_CHECKING:
    from ..views import CollectiveView, PersonView


class RuleDefinitionError(Exception):
    """A rule is declared wrongly (unknown parameter, code or regime ...)."""


_STRENGTH = {Mark.UNVERIFIED: 0, Mark.SECONDARY: 1, Mark.VERIFIED: 2}


def weaker(a: Mark, b: Mark) -> Mark:
    """The less certain of two marks."""
    return a if _STRENGTH[a] <= _STRENGTH[b] else b


@dataclass(frozen=True, eq=False)
class Rule:
    """A rule deciding ``codes`` for ``subject`` under ``regimes``.

    ``parameters`` and ``uses`` (other award codes the rule reads) are declared so that the
    registry can refuse a rule naming something unknown. ``evaluate`` adds criteria to the
    context; the verdict follows from them.
    """

    codes: tuple[str, ...]
    subject: SubjectKind
    regimes: tuple[str, ...]
    citation: str
    mark: Mark
    evaluate: Callable[[Ctx], None]
    parameters: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{'/'.join(self.codes)} ({', '.join(self.regimes)})"


@dataclass(frozen=True, slots=True)
class Bound:
    """A rule's parameter values on one date, and the uses a verdict records."""

    values: Mapping[str, Any]
    uses: Mapping[str, ParameterUse]
    recorded: tuple[ParameterUse, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What every subject judged under one regime choice shares: the rule for each code and
    each rule's parameter values (resolved once)."""

    choice: RegimeChoice
    rules: Mapping[str, Rule]
    bound: Mapping[Rule, Bound]


class Session:
    """One subject, one year, one plan: evaluates codes on demand and remembers them."""

    __slots__ = ("_done", "decision_date", "facts", "plan", "received_date", "view", "year")

    def __init__(
        self,
        plan: Plan,
        facts: Any,
        view: PersonView | CollectiveView,
        year: int,
        decision_date: dt.date,
        received_date: dt.date | None,
    ) -> None:
        self.plan = plan
        self.facts = facts
        self.view = view
        self.year = year
        self.decision_date = decision_date
        self.received_date = received_date
        self._done: dict[object, Any] = {}

    def verdict(self, code: str) -> Verdict:
        """The verdict for ``code`` (evaluated once per session)."""
        done: Verdict | None = self._done.get(code)
        if done is None:
            plan, facts = self.plan, self.facts
            rule = plan.rules.get(code)
            recorded: tuple[ParameterUse, ...] = ()
            if rule is None:
                criteria, outcome = self._no_rule(code)
            else:
                criteria, outcome = self._result(rule)
                recorded = plan.bound[rule].recorded
            done = self._done[code] = Verdict(
                facts.subject_id,
                facts.kind,
                code,
                self.year,
                outcome,
                plan.choice.regime.id,
                criteria,
                recorded,
                plan.choice.basis,
            )
        return done

    def _result(self, rule: Rule) -> tuple[tuple[Criterion, ...], Outcome]:
        """The criteria and outcome of ``rule``, evaluated once and shared by its codes."""
        done = self._done.get(rule)
        if done is None:
            ctx = Ctx(rule, self, self.plan.bound[rule])
            rule.evaluate(ctx)
            criteria = tuple(ctx.criteria)
            done = self._done[rule] = (criteria, Verdict.outcome_of(criteria))
        return done  # type: ignore[no-any-return]

    def _no_rule(self, code: str) -> tuple[tuple[Criterion, ...], Outcome]:
        regime = self.plan.choice.regime
        criterion = Criterion(
            f"Chưa có quy tắc xét {code} theo chế độ {regime.id}",
            None,
            "; ".join(regime.basis),
            Mark.UNVERIFIED,
        )
        return (criterion,), Outcome.UNDETERMINED


class Ctx:
    """What a rule function sees: the subject's view, the year, parameters, dependencies."""

    __slots__ = ("_principles", "_uses", "_values", "criteria", "rule", "session", "view", "year")

    def __init__(self, rule: Rule, session: Session, bound: Bound) -> None:
        self.rule = rule
        self.session = session
        self.view: Any = session.view
        self.year = session.year
        self._values = bound.values
        self._uses = bound.uses
        self._principles = session.plan.choice.regime.principles
        self.criteria: list[Criterion] = []

    def p(self, name: str) -> Any:
        """A declared parameter's value on the regime date."""
        try:
            return self._values[name]
        except KeyError:
            raise RuleDefinitionError(
                f"rule {self.rule.name}: parameter {name!r} is used but not declared"
            ) from None

    def cite_param(self, name: str) -> Citation:
        self.p(name)
        use = self._uses[name]
        return Citation(use.citation, use.mark)

    def cite_principle(self, key: str) -> Citation:
        return self._principles[key]

    @property
    def cite_rule(self) -> Citation:
        return Citation(self.rule.citation, self.rule.mark)

    def cite_with(self, other: Citation) -> Citation:
        """The rule's citation joined with another (e.g. a principle)."""
        return Citation(
            f"{self.rule.citation}; {other.citation}", weaker(self.rule.mark, other.mark)
        )

    def crit(
        self, text: str, met: bool | None, detail: str = "", cite: Citation | None = None
    ) -> Criterion:
        if cite is None:
            return Criterion(text, met, self.rule.citation, self.rule.mark, detail)
        return Criterion(text, met, cite.citation, cite.mark, detail)

    def add(
        self, text: str, met: bool | None, detail: str = "", cite: Citation | None = None
    ) -> None:
        self.criteria.append(self.crit(text, met, detail, cite))

    def depends(self, code: str) -> Verdict:
        """The verdict for another code, same subject, year and regime."""
        if code not in self.rule.uses:
            raise RuleDefinitionError(
                f"rule {self.rule.name}: award code {code!r} is used but not declared"
            )
        return self.session.verdict(code)
