"""Numbers the workflow needs: council vote thresholds, the base salary, reward money.

TEMPORARY SOURCE — the values below are constants with their citations and marks, copied from
RULES.md. The rules engine keeps the same numbers as dated parameters
(``tdkt/eligibility/parameters/council.yaml`` and ``money.yaml``) that agencies can override;
:func:`vote_threshold` and :func:`base_salary` are the only readers, so pointing them at those
parameters is a change here and nowhere else.

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


@dataclass(frozen=True)
class _Dated:
    start: dt.date
    end: dt.date | None
    value: Any
    citation: str
    mark: str


def _pick(rows: tuple[_Dated, ...], on: dt.date) -> _Dated:
    for row in rows:
        if row.start <= on and (row.end is None or on <= row.end):
            return row
    # Before the first dated value: the earliest one is the best default we have.
    return rows[0]


# --- Council vote thresholds (RULES.md "Councils, publicity, deadlines") -------------------
_VOTE: dict[str, tuple[_Dated, ...]] = {
    "vote_pct_cstd_bo_tinh": (
        _Dated(
            dt.date(2017, 10, 1),
            dt.date(2023, 12, 31),
            (90, True),
            "Decree 91/2017/NĐ-CP Art 45 k8",
            "verified",
        ),
        _Dated(
            dt.date(2024, 1, 1),
            None,
            (90, True),
            "Set by the ministry/province (default 90%)",
            "unverified",
        ),
    ),
    "vote_pct_cstdtq": (
        _Dated(
            dt.date(2017, 10, 1),
            dt.date(2025, 6, 30),
            (90, True),
            "Decree 91/2017/NĐ-CP; Decree 98/2023/NĐ-CP (assumed same)",
            "unverified",
        ),
        _Dated(
            dt.date(2025, 7, 1), None, (90, True), "Decree 152/2025/NĐ-CP Art 33 k5", "verified"
        ),
    ),
    "vote_pct_anh_hung": (
        _Dated(
            dt.date(2025, 7, 1), None, (90, True), "Decree 152/2025/NĐ-CP Art 33 k5", "verified"
        ),
    ),
    "vote_pct_co_cp": (
        _Dated(
            dt.date(2024, 1, 1),
            dt.date(2025, 6, 30),
            (80, True),
            "Decree 98/2023/NĐ-CP (assumed same)",
            "unverified",
        ),
        _Dated(
            dt.date(2025, 7, 1), None, (80, True), "Decree 152/2025/NĐ-CP Art 33 k5", "verified"
        ),
    ),
    # Every other code: set by the ministry/province regulation (quy chế). Default: more than
    # half of all members. ❓ Configure to the agency's own rule.
    "vote_pct_default": (
        _Dated(
            dt.date(1945, 1, 1),
            None,
            (50, False),
            "Set by the agency's regulation (default: more than half)",
            "unverified",
        ),
    ),
}

_VOTE_PARAM_BY_CODE = {
    "CSTD_BO": "vote_pct_cstd_bo_tinh",
    "CSTD_TINH": "vote_pct_cstd_bo_tinh",
    "CSTDTQ": "vote_pct_cstdtq",
    "CO_CP": "vote_pct_co_cp",
}


def vote_parameter(award_type: Any) -> str:
    """The parameter name that sets the council threshold for *award_type*."""
    if award_type.code in _VOTE_PARAM_BY_CODE:
        return _VOTE_PARAM_BY_CODE[award_type.code]
    if fold(award_type.name).startswith("anh hung"):
        return "vote_pct_anh_hung"
    return "vote_pct_default"


def vote_threshold(award_type: Any, on: dt.date) -> Threshold:
    """The threshold in force on *on* (the meeting date) for *award_type*."""
    row = _pick(_VOTE[vote_parameter(award_type)], on)
    pct, inclusive = row.value
    return Threshold(Decimal(pct), inclusive, row.citation, row.mark)


# --- Base salary (lương cơ sở), VND per month ----------------------------------------------
# The rate in force on the decision date applies (Decree 91/2017/NĐ-CP Art 68 k1, ◐ as quoted
# by provincial rules). Marks: 2018–2024 values seen in official or press sources (◐); the
# decree numbers of 2018 and 2024 and all earlier values are from memory (❓).
_BASE_SALARY: tuple[_Dated, ...] = (
    _Dated(
        dt.date(2013, 7, 1), dt.date(2016, 4, 30), 1_150_000, "Decree 66/2013/NĐ-CP", "unverified"
    ),
    _Dated(
        dt.date(2016, 5, 1), dt.date(2017, 6, 30), 1_210_000, "Decree 47/2016/NĐ-CP", "unverified"
    ),
    _Dated(
        dt.date(2017, 7, 1), dt.date(2018, 6, 30), 1_300_000, "Decree 47/2017/NĐ-CP", "unverified"
    ),
    _Dated(
        dt.date(2018, 7, 1),
        dt.date(2019, 6, 30),
        1_390_000,
        "Decree 72/2018/NĐ-CP (value ◐: Ban TĐKT TW answer of 02/7/2018)",
        "secondary",
    ),
    _Dated(
        dt.date(2019, 7, 1), dt.date(2023, 6, 30), 1_490_000, "Decree 38/2019/NĐ-CP", "secondary"
    ),
    _Dated(
        dt.date(2023, 7, 1),
        dt.date(2024, 6, 30),
        1_800_000,
        "Decree 24/2023/NĐ-CP (replaces 38/2019)",
        "secondary",
    ),
    _Dated(
        dt.date(2024, 7, 1),
        None,
        2_340_000,
        "Decree 73/2024/NĐ-CP (value ◐ from press; decree number ❓)",
        "secondary",
    ),
)


@dataclass(frozen=True)
class BaseSalary:
    vnd: int
    citation: str
    mark: str


def base_salary(on: dt.date) -> BaseSalary:
    """The base salary in force on *on*; ValidationError before the first known value."""
    if on < _BASE_SALARY[0].start:
        raise ValidationError(
            f"Chưa có mức lương cơ sở áp dụng cho ngày {on:%d/%m/%Y} để tính tiền thưởng."
        )
    row = _pick(_BASE_SALARY, on)
    return BaseSalary(int(row.value), row.citation, row.mark)


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
