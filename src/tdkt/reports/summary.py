"""The period summary (FORMATS.md §2): award records ("lượt") and initiatives counted.

Each award record counts once; its year is the achievement year; revoked awards do not count.
``unit`` restricts to that unit and everything below it, which includes units merged into it
(see docs/architecture.md), so successors roll up their predecessors' history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from tdkt.awards.models import Award, AwardType, SubjectKind
from tdkt.org.models import Unit
from tdkt.records.models import Initiative

SUBJECT_ORDER = {SubjectKind.INDIVIDUAL: 0, SubjectKind.COLLECTIVE: 1, SubjectKind.HOUSEHOLD: 2}
LEVEL_ORDER = [c for c, _ in Initiative.Level.choices]


@dataclass
class SummaryRow:
    code: str
    name: str
    subject: str
    count: int


@dataclass
class Summary:
    from_year: int
    to_year: int
    unit: Unit | None
    awards: list[SummaryRow] = field(default_factory=list)
    initiatives: list[tuple[str, int]] = field(default_factory=list)
    by_year: dict[int, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The exact FORMATS.md §2 document."""
        return {
            "from_year": self.from_year,
            "to_year": self.to_year,
            "unit": self.unit.code if self.unit else None,
            "awards": [
                {"code": r.code, "subject": r.subject, "count": r.count} for r in self.awards
            ],
            "initiatives": [{"level": lv, "count": n} for lv, n in self.initiatives],
        }

    def count(self, code: str, subject: str) -> int:
        return sum(r.count for r in self.awards if r.code == code and r.subject == subject)


def _unit_ids(unit: Unit | None, allowed: list[int] | None) -> list[int] | None:
    """Ids of the units to include, or None for everything (intersected with *allowed*)."""
    if unit is None:
        return allowed
    ids = list(unit.subtree().values_list("id", flat=True))
    if allowed is not None:
        keep = set(allowed)
        ids = [i for i in ids if i in keep]
    return ids


def build_summary(
    from_year: int,
    to_year: int,
    unit: Unit | None = None,
    *,
    allowed_unit_ids: list[int] | None = None,
    per_year: bool = False,
) -> Summary:
    """Count awards by code and subject kind, and initiatives by level, over the years.

    *allowed_unit_ids* is the caller's permission scope (None = everything): the CLI runs
    with system rights, the web page passes the user's visible units.
    """
    if from_year > to_year:
        raise ValueError(f"--from {from_year} is after --to {to_year}")
    ids = _unit_ids(unit, allowed_unit_ids)
    awards = Award.objects.filter(year__gte=from_year, year__lte=to_year, revoked_by__isnull=True)
    initiatives = Initiative.objects.filter(year__gte=from_year, year__lte=to_year)
    if ids is not None:
        awards = awards.filter(unit_at_time_id__in=ids)
        initiatives = initiatives.filter(unit_id__in=ids)
    types = {t.pk: t for t in AwardType.objects.all()}
    group = ["award_type_id", "subject_kind"] + (["year"] if per_year else [])
    rows = awards.order_by().values(*group).annotate(n=Count("id"))
    totals: dict[tuple[int, str], int] = {}
    summary = Summary(from_year, to_year, unit)
    for row in rows:
        key = (row["award_type_id"], row["subject_kind"])
        totals[key] = totals.get(key, 0) + row["n"]
        if per_year:
            code = types[row["award_type_id"]].code
            year_counts = summary.by_year.setdefault(row["year"], {})
            year_counts[code] = year_counts.get(code, 0) + row["n"]
    ordered = sorted(
        totals.items(),
        key=lambda kv: (
            types[kv[0][0]].order,
            types[kv[0][0]].code,
            SUBJECT_ORDER.get(kv[0][1], 9),
        ),
    )
    summary.awards = [
        SummaryRow(types[t].code, types[t].name, subject, n) for (t, subject), n in ordered if n
    ]
    levels = dict(initiatives.order_by().values_list("level").annotate(n=Count("id")))
    summary.initiatives = [(lv, levels[lv]) for lv in LEVEL_ORDER if levels.get(lv)]
    return summary
