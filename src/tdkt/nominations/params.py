"""Numbers the workflow needs: council vote thresholds, the base salary, reward money.

The numbers are the rules engine's dated parameters (``tdkt/eligibility/parameters/council.yaml``
and ``money.yaml``), with each agency's overrides, read through :func:`vote_threshold` and
:func:`base_salary`; rounding of reward money is below.

Marks: ``verified`` ✅ (primary text or an official answer quoting it), ``secondary`` ◐,
``unverified`` ❓ (ship as a configurable default and say so).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.core.exceptions import ValidationError

from tdkt.common.text import fold


@dataclass(frozen=True)
class Threshold:
    """Votes in favour needed, as a share of ALL council members (not of those present)."""

    pct: Decimal
    inclusive: bool  # True: at least pct%; False: more than pct%
    citation: str
    mark: str

    def passes(self, yes: int, members_total: int) -> bool:
        """Exact integer comparison: yes × 100 against pct × all members."""
        if members_total <= 0:
            return False
        lhs, rhs = Decimal(yes) * 100, self.pct * members_total
        return lhs >= rhs if self.inclusive else lhs > rhs

    @property
    def label(self) -> str:
        pct = f"{self.pct.normalize():f}".replace(".", ",")
        return f"{'từ' if self.inclusive else 'trên'} {pct}% tổng số thành viên hội đồng"


def _use(name: str, on: dt.date, agency_id: int | None) -> Any:
    """The parameter value in force on *on*, with the agency's overrides (rules parameters)."""
    from tdkt.eligibility.engines import engine_for

    return engine_for(agency_id).parameters.use_at(name, on)


# --- Council vote thresholds (RULES.md "Councils, publicity, deadlines") -------------------
# Values, citations and marks: eligibility/parameters/council.yaml (agencies may override).
_VOTE_PARAM_BY_CODE = {
    "CSTD_BO": "vote_pct_cstd_bo_tinh",
    "CSTD_TINH": "vote_pct_cstd_bo_tinh",
    "CSTDTQ": "vote_pct_cstdtq",
    "CO_CP": "vote_pct_co_cp",
}
# The default is a majority: MORE than the share; the named thresholds are "at least".
_STRICT = {"vote_pct_default"}


def vote_parameter(award_type: Any) -> str:
    """The parameter name that sets the council threshold for *award_type*."""
    if award_type.code in _VOTE_PARAM_BY_CODE:
        return _VOTE_PARAM_BY_CODE[award_type.code]
    if fold(award_type.name).startswith("anh hung"):
        return "vote_pct_anh_hung"
    return "vote_pct_default"


def vote_threshold(award_type: Any, on: dt.date, agency_id: int | None = None) -> Threshold:
    """The threshold in force on *on* (the meeting date) for *award_type*.

    Before a named threshold's first dated value (e.g. CO_CP before 2024) the agency default
    applies.
    """
    name = vote_parameter(award_type)
    try:
        use = _use(name, on, agency_id)
    except LookupError:
        name = "vote_pct_default"
        use = _use(name, on, agency_id)
    return Threshold(Decimal(str(use.value)), name not in _STRICT, use.citation, str(use.mark))


# --- Base salary (lương cơ sở), VND per month ----------------------------------------------
# The rate in force on the decision date applies (Decree 91/2017/NĐ-CP Art 68 k1, ◐ as quoted
# by provincial rules). Values: eligibility/parameters/money.yaml ``base_salary_vnd``.


@dataclass(frozen=True)
class BaseSalary:
    vnd: int
    citation: str
    mark: str


def base_salary(on: dt.date, agency_id: int | None = None) -> BaseSalary:
    """The base salary in force on *on*; ValidationError before the first known value."""
    try:
        use = _use("base_salary_vnd", on, agency_id)
    except LookupError:
        raise ValidationError(
            f"Chưa có mức lương cơ sở áp dụng cho ngày {on:%d/%m/%Y} để tính tiền thưởng."
        ) from None
    return BaseSalary(int(use.value), use.citation, str(use.mark))


# --- Reward money ----------------------------------------------------------------------------
# Rounding: "Tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm tròn số lên hàng chục
# nghìn đồng" — rounded UP to the next 10,000 đ (Decree 91/2017/NĐ-CP Art 68 k2 ✅, quoted by
# the Central Emulation and Commendation Board's answer of 02/7/2018; Decree 98/2023 and
# 152/2025 assumed to keep it ❓). E.g. TTLĐTT 0.8 × 1,390,000 = 1,112,000 → 1,120,000 đ.
ROUND_TO = 10_000
ROUNDING_CITATION = "Decree 91/2017/NĐ-CP Art 68 k2 (kept by later decrees: assumed ❓)"


def money_multiple(award_type: Any, subject_kind: str) -> Decimal:
    """The base-salary multiple of *award_type* for a subject kind.

    Households take the individual multiple (❓ no rule found; configurable later).
    """
    if subject_kind == "collective":
        return Decimal(award_type.money_collective)
    return Decimal(award_type.money_individual)


def reward_money(multiple: Decimal, salary_vnd: int) -> int:
    """multiple × base salary, rounded up to the next 10,000 đ (0 stays 0)."""
    raw = Decimal(multiple) * salary_vnd
    units = (raw / ROUND_TO).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * ROUND_TO
