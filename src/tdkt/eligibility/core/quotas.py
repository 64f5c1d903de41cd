"""Quotas over a whole candidate set, per unit: who falls outside, and why in that order.

Rounding: the limit is the floor of ``percent × base / 100`` computed exactly (Decimal), so
15% of 19 LĐTT recipients allows 2 CSTĐCS, and 20% of 4 cluster leaders allows none.

Order: preferred candidates first (a woman; a collective whose share of women reaches
``tie_break_collective_women_pct``), then the stronger record (a tuple compared element by
element, larger first), then the subject id — so the result never depends on input order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tdkt.common.formatting import format_decimal

from .regimes import Citation
from .verdict import ParameterUse

TIE_BREAK_PARAMETER = "tie_break_collective_women_pct"
ROUNDING_VN = "Số lượng tối đa = phần nguyên của (tỷ lệ × {base} / 100)"
ORDER_VN = (
    "Ưu tiên cá nhân nữ, tập thể có từ {pct}% nữ trở lên; sau đó thành tích cao hơn "
    "(xếp loại, sáng kiến); sau đó theo mã đối tượng"
)


@dataclass(frozen=True, slots=True)
class QuotaSpec:
    """``code`` may go to at most ``parameter``% of the subjects holding (or eligible for) one
    of ``base_codes`` in the year, per unit. A null parameter means no quota."""

    code: str
    parameter: str
    base_codes: tuple[str, ...]
    base_vn: str


QUOTAS: tuple[QuotaSpec, ...] = (
    QuotaSpec("CSTDCS", "cstdcs_quota_pct_of_ldtt", ("LDTT",), "số cá nhân đạt LĐTT"),
    QuotaSpec("TTLDXS", "ttldxs_quota_pct_of_ttldtt", ("TTLDTT",), "số tập thể đạt TTLĐTT"),
    QuotaSpec(
        "CO_CP",
        "co_cp_quota_pct_of_leaders",
        ("CO_CP",),
        "số tập thể dẫn đầu cụm, khối đạt tiêu chuẩn Cờ thi đua",
    ),
)


@dataclass(frozen=True, slots=True)
class QuotaCandidate:
    subject_id: str
    preferred: bool
    strength: tuple[int, ...] = ()


def quota_limit(percent: Decimal, base: int) -> int:
    """floor(percent × base / 100), exactly."""
    return int((percent * base) // 100)


def rank_candidates(candidates: Iterable[QuotaCandidate]) -> list[QuotaCandidate]:
    """Preferred first, then stronger record, then subject id."""
    return sorted(
        candidates,
        key=lambda q: (not q.preferred, tuple(-s for s in q.strength), q.subject_id),
    )


@dataclass(frozen=True, slots=True)
class QuotaResult:
    code: str
    unit: str | None
    year: int
    regime: str
    base: int
    base_undetermined: int  # subjects whose base title is undetermined (not counted)
    percent: Decimal
    limit: int
    within: tuple[str, ...]
    outside: tuple[str, ...]
    parameter: ParameterUse
    tie_break: Citation
    rounding: str
    order: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "unit": self.unit,
            "year": self.year,
            "regime": self.regime,
            "base": self.base,
            "base_undetermined": self.base_undetermined,
            "percent": float(self.percent),
            "limit": self.limit,
            "within": list(self.within),
            "outside": list(self.outside),
            "citation": self.parameter.citation,
            "mark": str(self.parameter.mark),
            "override": self.parameter.override,
            "tie_break_citation": self.tie_break.citation,
            "rounding": self.rounding,
            "order": self.order,
        }


def apply_quota(
    spec: QuotaSpec,
    unit: str | None,
    year: int,
    regime: str,
    parameter: ParameterUse,
    base: int,
    base_undetermined: int,
    candidates: Iterable[QuotaCandidate],
    tie_break: Citation,
    women_pct: Decimal,
) -> QuotaResult:
    """Split eligible ``candidates`` into those within the limit and those outside it."""
    percent: Decimal = parameter.value
    limit = quota_limit(percent, base)
    ranked = [q.subject_id for q in rank_candidates(candidates)]
    return QuotaResult(
        code=spec.code,
        unit=unit,
        year=year,
        regime=regime,
        base=base,
        base_undetermined=base_undetermined,
        percent=percent,
        limit=limit,
        within=tuple(ranked[:limit]),
        outside=tuple(ranked[limit:]),
        parameter=parameter,
        tie_break=tie_break,
        rounding=ROUNDING_VN.format(base=spec.base_vn),
        order=ORDER_VN.format(pct=format_decimal(women_pct, places=2)),
    )
