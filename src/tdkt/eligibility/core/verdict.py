"""Verdicts: tri-state outcome, the criteria checked, the regime and parameters used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from .facts import SubjectKind


class Mark(StrEnum):
    """How sure we are of a legal statement (RULES.md): ✅ verified, ◐ secondary, ❓ unverified."""

    VERIFIED = "verified"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]


_SYMBOLS = {Mark.VERIFIED: "✅", Mark.SECONDARY: "◐", Mark.UNVERIFIED: "❓"}


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNDETERMINED = "undetermined"

    @property
    def met(self) -> bool | None:
        """The outcome as a tri-state truth value."""
        return _MET[self]


_MET = {Outcome.ELIGIBLE: True, Outcome.NOT_ELIGIBLE: False, Outcome.UNDETERMINED: None}


def all3(values: Iterable[bool | None]) -> bool | None:
    """Tri-state AND: ``False`` if any is false, else ``None`` if any is unknown, else ``True``."""
    result: bool | None = True
    for v in values:
        if v is False:
            return False
        if v is None:
            result = None
    return result


def any3(values: Iterable[bool | None]) -> bool | None:
    """Tri-state OR: ``True`` if any is true, else ``None`` if any is unknown, else ``False``."""
    result: bool | None = False
    for v in values:
        if v is True:
            return True
        if v is None:
            result = None
    return result


def at_least3(known: int, unknown: int, needed: int) -> bool | None:
    """Is a count ≥ ``needed`` when ``known`` items count for sure and ``unknown`` may count?"""
    if known >= needed:
        return True
    if known + unknown < needed:
        return False
    return None


class Criterion(NamedTuple):
    """One criterion checked: user-facing text (Vietnamese), met or not (``None``: unknown)."""

    text: str
    met: bool | None
    citation: str
    mark: Mark
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ParameterUse:
    """A parameter value a verdict relied on; ``override`` names the local source if any."""

    name: str
    value: Any
    citation: str
    mark: Mark
    valid_from: dt.date | None
    valid_to: dt.date | None
    override: str | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, StrEnum):
        return str(value)
    return value


class Verdict(NamedTuple):
    """The answer for one subject, one award code and one achievement year."""

    subject_id: str
    subject_kind: SubjectKind
    code: str
    year: int
    outcome: Outcome
    regime: str | None
    criteria: tuple[Criterion, ...]
    parameters: tuple[ParameterUse, ...] = ()
    regime_basis: str = ""

    @staticmethod
    def outcome_of(criteria: Iterable[Criterion]) -> Outcome:
        """Not eligible if any criterion fails, else undetermined if any is unknown."""
        outcome = Outcome.ELIGIBLE
        for c in criteria:
            if c.met is False:
                return Outcome.NOT_ELIGIBLE
            if c.met is None:
                outcome = Outcome.UNDETERMINED
        return outcome

    def reasons(self) -> list[dict[str, Any]]:
        """The criteria as FORMATS.md §5 ``reasons`` (plus ``mark`` and ``detail``)."""
        return [
            {
                "criterion": c.text,
                "met": c.met,
                "citation": c.citation,
                "mark": str(c.mark),
                "detail": c.detail,
            }
            for c in self.criteria
        ]

    def parameters_used(self) -> list[dict[str, Any]]:
        return [
            {
                "name": p.name,
                "value": _plain(p.value),
                "citation": p.citation,
                "mark": str(p.mark),
                "from": p.valid_from.isoformat() if p.valid_from else None,
                "to": p.valid_to.isoformat() if p.valid_to else None,
                "override": p.override,
            }
            for p in self.parameters
        ]

    def explain(self) -> str:
        """The criteria behind the outcome as one line: the unmet ones (not eligible), the
        unknown ones (undetermined), or all of them (eligible)."""
        wanted = {Outcome.NOT_ELIGIBLE: False, Outcome.UNDETERMINED: None}.get(self.outcome, True)
        parts = [
            f"{c.text}{f' [{c.detail}]' if c.detail else ''}"
            for c in self.criteria
            if c.met is wanted
        ]
        return "; ".join(parts)
