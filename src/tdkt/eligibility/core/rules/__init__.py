"""Every rule the engine applies (individuals first, in dependency-friendly order)."""

from __future__ import annotations

from .base import Bound, Ctx, Plan, Rule, RuleDefinitionError, Session
from .collective import RULES as COLLECTIVE_RULES
from .individual import RULES as INDIVIDUAL_RULES

ALL_RULES: tuple[Rule, ...] = (*INDIVIDUAL_RULES, *COLLECTIVE_RULES)

__all__ = ["ALL_RULES", "Bound", "Ctx", "Plan", "Rule", "RuleDefinitionError", "Session"]
