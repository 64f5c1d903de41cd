"""The registry: checks every rule against the regimes, parameters and award catalogue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .facts import SubjectKind
from .parameters import ParameterSet
from .quotas import TIE_BREAK_PARAMETER, QuotaSpec
from .regimes import Regime, RegimeTable
from .rules.base import Rule, RuleDefinitionError

# catalogue ``subjects`` values that allow each subject kind
_ALLOWED = {
    SubjectKind.PERSON: {"individual", "both"},
    SubjectKind.COLLECTIVE: {"collective", "both"},
}


def subject_allows(subjects: str, kind: SubjectKind) -> bool:
    return subjects in _ALLOWED[kind]


class Registry:
    """Rules indexed by (code, regime). Construction refuses a rule that names an unknown
    regime, parameter or award code, a parameter without a value for all of a regime the rule
    applies in, or two rules deciding the same code under the same regime."""

    def __init__(
        self,
        rules: Sequence[Rule],
        regimes: RegimeTable,
        parameters: ParameterSet,
        codes: Mapping[str, str],
        quotas: Sequence[QuotaSpec] = (),
    ) -> None:
        self.codes = dict(codes)
        self._index: dict[tuple[str, str], Rule] = {}
        self._order: list[str] = []
        errors: list[str] = []

        def covered(name: str, where: str, rule_sets: Sequence[str]) -> None:
            if name not in parameters:
                errors.append(f"{where}: unknown parameter {name!r}")
                return
            for r in regimes.regimes:
                if r.rule_set in rule_sets and not parameters.covers(name, r.start, r.end):
                    errors.append(
                        f"{where}: parameter {name!r} has no value for all of {r.id} "
                        f"({r.start} to {r.end or 'open'})"
                    )

        for rule in rules:
            where = f"rule {rule.name}"
            errors += [
                f"{where}: unknown regime {r!r}" for r in rule.regimes if r not in regimes.ids
            ]
            for name in rule.parameters:
                covered(name, where, rule.regimes)
            for code in dict.fromkeys((*rule.codes, *rule.uses)):
                if code not in self.codes:
                    errors.append(f"{where}: unknown award code {code!r}")
            for code in rule.codes:
                if code in self.codes and not subject_allows(self.codes[code], rule.subject):
                    errors.append(f"{where}: {code} is not awarded to a {rule.subject}")
                if code not in self._order:
                    self._order.append(code)
                for r in rule.regimes:
                    other = self._index.setdefault((code, r), rule)
                    if other is not rule:
                        errors.append(
                            f"{where}: {code} under {r} is already decided by rule {other.name}"
                        )
        for q in quotas:
            where = f"quota {q.code}"
            for code in (q.code, *q.base_codes):
                if code not in self.codes:
                    errors.append(f"{where}: unknown award code {code!r}")
            rule_sets = [r for (code, r) in self._index if code == q.code]
            covered(q.parameter, where, rule_sets)
            covered(TIE_BREAK_PARAMETER, where, rule_sets)
        if errors:
            raise RuleDefinitionError("\n".join(errors))

    def rule_for(self, code: str, regime: Regime) -> Rule | None:
        return self._index.get((code, regime.rule_set))

    def rules_in(self, regime: Regime) -> dict[str, Rule]:
        """Code → rule for every code with a rule under ``regime``."""
        return {
            code: rule
            for code in self._order
            if (rule := self._index.get((code, regime.rule_set))) is not None
        }

    def codes_for(self, kind: SubjectKind, regime: Regime) -> tuple[str, ...]:
        """Codes with a rule for ``kind`` under ``regime``, in declaration order."""
        return tuple(
            code
            for code in self._order
            if (rule := self._index.get((code, regime.rule_set))) and rule.subject is kind
        )
