"""Read-side queries of the web UI: every function returns rows already scoped to the user.

Lists return querysets with the ``select_related`` their pages need, so that a page costs a
fixed number of queries whatever its length. Benchmarks (``bench/``) call these functions
directly: they are the bare work behind the people search and the awards list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from tdkt.awards.models import Award, AwardType, Decision, SubjectKind
from tdkt.awards.numbers import decision_key, normalise_decision_number
from tdkt.common.text import fold
from tdkt.conferences.models import Conference
from tdkt.emulation.models import Movement
from tdkt.org.models import Person, ReorgEvent, Unit
from tdkt.org.policies import scope_q, scope_root, scoped, visible_units
from tdkt.records.models import Discipline, Initiative, Rating

MAX_ID_LIST = 2000  # above this many units, filter with a subquery instead of a list


def _unit_ids_filter(lookup: str, units: QuerySet[Unit]) -> Q:
    ids = list(units.values_list("pk", flat=True)[: MAX_ID_LIST + 1])
    if len(ids) > MAX_ID_LIST:
        return Q(**{f"{lookup}__in": units.values("pk")})
    return Q(**{f"{lookup}__in": ids})


def unit_scope(user: Any, lookup: str) -> Q:
    """Rows whose unit (``lookup``, e.g. ``"unit_id"``) the user may see, from the policies.

    Filters by a list of the visible unit ids — or not at all when the user sees every unit in
    the database — instead of joining the unit table, so that the big tables' own indexes
    drive the query.
    """
    agency_id, path = scope_root(user)
    if agency_id is None:
        return Q(pk__in=[])
    if path is None:
        sizes = Unit.objects.aggregate(
            total=Count("id"), visible=Count("id", filter=scope_q(user, "path"))
        )
        if sizes["visible"] == sizes["total"]:
            return Q()  # the user sees every unit there is: no filter needed
    return _unit_ids_filter(lookup, visible_units(user))


def award_scope(user: Any) -> Q:
    """The awards the user may see: by the unit at the time of the award."""
    return unit_scope(user, "unit_at_time_id")


# --------------------------------------------------------------------------------------------
# People


def _name_terms(q: str) -> Q:
    """Every folded word of *q* must start a word of the name ("dang" ≠ "...dang" inside)."""
    cond = Q()
    for term in fold(q).split(" "):
        if term:
            cond &= Q(name_fold__startswith=term) | Q(name_fold__contains=" " + term)
    return cond


def people_search(user: Any, q: str = "", unit: Unit | None = None) -> QuerySet[Person]:
    """People the user may see, matching *q*, in Vietnamese order (given, middle, family name).

    *q* ignores case and diacritics ("nguyen thi huong" finds "Nguyễn Thị Hương", "dang"
    finds "Đặng"): each word must begin a word of the name. An exact external id also matches;
    a single word with a digit in it is looked up as an external id only (names have none),
    through its unique index rather than a scan of the names.
    *unit* restricts to that unit and everything below it (its merged predecessors too).
    """
    scope = unit_scope(user, "unit_id")
    qs = Person.objects.filter(scope).select_related("unit")
    q = (q or "").strip()
    if q and " " not in q and any(ch.isdigit() for ch in q):
        qs = qs.filter(external_id=q)
    elif q:
        cond = _name_terms(q)
        if len(q) <= 40:
            cond |= Q(external_id=q)
        # Matching in a subquery reads only the name_fold index; the outer query then sorts
        # the matches. Matching inline lets SQLite walk the sort_key index through every row
        # (reading each row) to avoid the sort, which is slow when few rows match.
        qs = qs.filter(pk__in=Person.objects.filter(scope, cond).values("pk"))
    if unit is not None:
        qs = qs.filter(_unit_ids_filter("unit_id", unit.subtree()))
    return qs.order_by("sort_key", "id")


def visible_people(user: Any) -> QuerySet[Person]:
    return Person.objects.filter(unit_scope(user, "unit_id")).select_related("unit")


@dataclass
class TimelineYear:
    """One year of a person's record."""

    year: int
    rating: Rating | None = None
    disciplines: list[Discipline] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)


def person_timeline(person: Person) -> list[TimelineYear]:
    """Ratings, disciplines, initiatives and awards of *person* by year, newest first."""
    years: dict[int, TimelineYear] = {}

    def at(year: int) -> TimelineYear:
        return years.setdefault(year, TimelineYear(year))

    for rating in Rating.objects.filter(person=person):
        at(rating.year).rating = rating
    for discipline in Discipline.objects.filter(person=person).order_by("decided_on"):
        at(discipline.decided_on.year).disciplines.append(discipline)
    for initiative in Initiative.objects.filter(authors=person).order_by("title"):
        at(initiative.year).initiatives.append(initiative)
    awards = Award.objects.filter(person=person).select_related(
        "award_type", "decision", "unit_at_time", "revoked_by"
    )
    for award in awards.order_by("award_type__order", "decision__date", "id"):
        at(award.year).awards.append(award)
    return [years[y] for y in sorted(years, reverse=True)]


# --------------------------------------------------------------------------------------------
# Units


@dataclass
class UnitNode:
    """A unit placed in the tree for display."""

    unit: Unit
    level: int
    people: int = 0
    children: list[UnitNode] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        return self.unit.valid_to is None or self.unit.valid_to >= dt.date.today()

    @property
    def ended_from(self) -> dt.date | None:
        """The first day the unit no longer existed (the merge date for merged units)."""
        if self.is_current or self.unit.valid_to is None:
            return None
        return self.unit.valid_to + dt.timedelta(days=1)


def node_order(node: UnitNode) -> tuple[bool, str, int]:
    return (not node.is_current, node.unit.sort_key, node.unit.pk)


def unit_tree(user: Any) -> list[UnitNode]:
    """The visible units as a flat, ordered tree: current units first, then the ones that were
    merged into (or dissolved under) their parent; siblings in Vietnamese order."""
    units = list(visible_units(user).select_related("successor"))
    people = dict(
        visible_people(user)
        .filter(is_active=True)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Count("id"))
    )
    by_id = {u.pk: UnitNode(u, 0, people.get(u.pk, 0)) for u in units}
    roots: list[UnitNode] = []
    for node in by_id.values():
        parent = by_id.get(node.unit.parent_id) if node.unit.parent_id else None
        (parent.children if parent else roots).append(node)

    flat: list[UnitNode] = []

    def walk(nodes: list[UnitNode], level: int) -> None:
        for node in sorted(nodes, key=node_order):
            node.level = level
            flat.append(node)
            walk(node.children, level + 1)

    walk(roots, 0)
    return flat


def unit_events(unit: Unit) -> QuerySet[ReorgEvent]:
    """Reorganisation events of *unit* and those that brought other units into it."""
    return (
        ReorgEvent.objects.filter(Q(unit=unit) | Q(other=unit, kind=ReorgEvent.Kind.MERGE))
        .select_related("unit", "other", "old_parent")
        .order_by("date", "id")
    )


@dataclass
class YearCounts:
    year: int
    individual: int = 0
    collective: int = 0
    household: int = 0

    @property
    def total(self) -> int:
        return self.individual + self.collective + self.household


def _count_by(qs: QuerySet[Award], *fields: str) -> Counter[Any]:
    """Row counts of *qs* grouped by *fields* (a tuple key when more than one field)."""
    rows = qs.order_by().values_list(*fields).annotate(n=Count("id"))
    if len(fields) == 1:
        return Counter({row[0]: row[1] for row in rows})
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def _count_rare(qs: QuerySet[Award], column: str, *fields: str) -> Counter[Any]:
    """Counts, grouped by *fields*, of the (few) rows of *qs* where *column* is set.

    A range condition (ids are positive) and grouping in Python let SQLite find the rows
    through the column's index; with ``IS NOT NULL`` and ``GROUP BY`` it scans every row.
    """
    rows = qs.filter(**{f"{column}__gt": 0}).order_by().values_list(*fields)
    return Counter(row[0] if len(fields) == 1 else tuple(row) for row in rows)


def unit_award_counts(unit: Unit) -> list[YearCounts]:
    """Awards (not revoked) of the unit's subtree by achievement year and subject kind.

    Counted as all rows by year (from an index), minus collectives and households, minus
    revoked rows (few, found by their own columns' indexes): no query reads every row.
    """
    base = Award.objects.filter(_unit_ids_filter("unit_at_time_id", unit.subtree()))
    total = _count_by(base, "year")
    collective = _count_rare(base, "unit_id", "year")
    household = _count_rare(base, "household_id", "year")
    revoked = _count_rare(base, "revoked_by_id", "year", "subject_kind")
    rows = []
    for year in sorted(total, reverse=True):
        c = YearCounts(
            year,
            individual=total[year] - collective[year] - household[year],
            collective=collective[year],
            household=household[year],
        )
        for kind in SubjectKind.values:
            setattr(c, kind, getattr(c, kind) - revoked[(year, kind)])
        if c.total:
            rows.append(c)
    return rows


# --------------------------------------------------------------------------------------------
# Decisions


def visible_decisions(user: Any) -> QuerySet[Decision]:
    """Decisions of the user's agency; for a unit-scoped user, those issued by a unit in scope
    or listing at least one award in scope."""
    agency_id, path = scope_root(user)
    if agency_id is None:
        return Decision.objects.none()
    qs = Decision.objects.filter(agency_id=agency_id)
    if path is not None:
        in_scope = Award.objects.filter(award_scope(user), decision=OuterRef("pk"))
        qs = qs.filter(Exists(in_scope) | scope_q(user, "issuer_unit__path"))
    return qs


def decisions_list(
    user: Any, *, year: int | None = None, issuer: str = "", number: str = ""
) -> QuerySet[Decision]:
    """Visible decisions, newest first, filtered by year, issuer (exact) and number (part)."""
    qs = visible_decisions(user)
    if year:
        qs = qs.filter(date__year=year)
    if issuer:
        qs = qs.filter(issuer=issuer)
    if number.strip():
        qs = qs.filter(number_key__contains=decision_key(normalise_decision_number(number)))
    return qs.order_by("-date", "-id")


def decision_award_counts(user: Any, decisions: Iterable[Decision]) -> dict[int, int]:
    """Number of award lines (in the user's scope) of each decision, for a page of them."""
    ids = [d.pk for d in decisions]
    rows = (
        Award.objects.filter(award_scope(user), decision_id__in=ids)
        .order_by()
        .values_list("decision_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def decision_issuers(user: Any) -> list[str]:
    """Distinct issuers of the visible decisions, for the filter."""
    rows = visible_decisions(user).exclude(issuer="").order_by().values_list("issuer", flat=True)
    return sorted(set(rows), key=fold)


def decision_lines(user: Any, decision: Decision) -> QuerySet[Award]:
    """The decision's list (the lines the user may see), in list order."""
    return (
        Award.objects.filter(award_scope(user), decision=decision)
        .select_related("award_type", "person", "unit", "household", "unit_at_time", "revoked_by")
        .order_by("id")
    )


# --------------------------------------------------------------------------------------------
# Awards
#
# The award table is the big one (1.5 million rows and more). Its queries avoid joining the
# unit table to scope rows: the visible units are fetched first (a few hundred at most) and
# rows are filtered by ``unit_at_time_id IN (...)`` (see :func:`unit_scope`) so that the
# (year, id) and (unit_at_time, year) indexes drive them.


def visible_awards(user: Any) -> QuerySet[Award]:
    return Award.objects.filter(award_scope(user))


@dataclass
class AwardFilters:
    """Filters of the awards list; empty values mean "any"."""

    year: int | None = None
    award_type: AwardType | str | None = None  # instance or catalogue code
    unit: Unit | None = None  # the unit at the time, with everything below it
    subject_kind: str = ""  # individual | collective | household
    kind: str = ""  # merit | thematic | adhoc

    @classmethod
    def of(cls, filters: AwardFilters | Mapping[str, Any] | None) -> AwardFilters:
        if filters is None:
            return cls()
        if isinstance(filters, AwardFilters):
            return filters
        return cls(**{k: v for k, v in filters.items() if v not in (None, "")})


# Collectives and households are a minority with their own subject column: naming it (as a
# range, see _count_rare) lets the column's index find them without reading every row.
_RARE_SUBJECT_COLUMN = {
    SubjectKind.COLLECTIVE.value: "unit_id",
    SubjectKind.HOUSEHOLD.value: "household_id",
}


def _filtered_awards(user: Any, f: AwardFilters, *, subject: bool = True) -> QuerySet[Award]:
    qs = visible_awards(user)
    if f.year:
        qs = qs.filter(year=f.year)
    if isinstance(f.award_type, AwardType):
        qs = qs.filter(award_type_id=f.award_type.pk)
    elif f.award_type:
        qs = qs.filter(award_type_id__in=AwardType.objects.filter(code=f.award_type).values("pk"))
    if f.unit is not None:
        qs = qs.filter(_unit_ids_filter("unit_at_time_id", f.unit.subtree()))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if subject and f.subject_kind:
        qs = qs.filter(subject_kind=f.subject_kind)
        column = _RARE_SUBJECT_COLUMN.get(f.subject_kind)
        if column:
            qs = qs.filter(**{f"{column}__gt": 0})
    return qs


def awards_list(
    user: Any, filters: AwardFilters | Mapping[str, Any] | None = None
) -> QuerySet[Award]:
    """Visible awards (revoked ones included, marked by ``revoked_by``), newest year first.

    Filters: ``year`` (achievement year), ``award_type`` (instance or code), ``unit`` (the
    unit at the time and everything below it), ``subject_kind``, ``kind``.
    """
    f = AwardFilters.of(filters)
    return (
        _filtered_awards(user, f)
        .select_related("award_type", "person", "unit_at_time", "decision")
        .prefetch_related("unit", "household", "revoked_by")
        .order_by("-year", "-id")
    )


def awards_count(user: Any, filters: AwardFilters | Mapping[str, Any] | None = None) -> int:
    """``awards_list(user, filters).count()``, computed the fast way.

    Counting individuals (most rows) reads every row; instead count all subjects (from an
    index) and subtract collectives and households, which their own columns' indexes count
    quickly (a range condition, as in :func:`_count_rare`).
    """
    f = AwardFilters.of(filters)
    if f.subject_kind != SubjectKind.INDIVIDUAL:
        return _filtered_awards(user, f).count()
    every = _filtered_awards(user, f, subject=False)
    return (
        every.count()
        - every.filter(unit_id__gt=0).count()
        - every.filter(household_id__gt=0).count()
    )


# --------------------------------------------------------------------------------------------
# Dashboard


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    codes: tuple[str, ...]  # empty: every code not in another series


CHART_SERIES: tuple[Series, ...] = (
    Series("LDTT", "Lao động tiên tiến", ("LDTT",)),
    Series("CSTDCS", "Chiến sĩ thi đua cơ sở", ("CSTDCS",)),
    Series("TTLDTT", "Tập thể lao động tiên tiến", ("TTLDTT",)),
    Series("TTLDXS", "Tập thể lao động xuất sắc", ("TTLDXS",)),
    Series("GK", "Giấy khen", ("GK",)),
    Series("BK", "Bằng khen các cấp", ("BK_BO", "BK_TINH", "BK_TTG")),
    Series("OTHER", "Khác", ()),
)


def _live_counts(qs: QuerySet[Award], *fields: str) -> Counter[Any]:
    """Counts of not-revoked rows grouped by *fields*: all rows minus the (few) revoked ones,
    so that the grouping reads an index only."""
    counts = _count_by(qs, *fields)
    counts.subtract(_count_rare(qs, "revoked_by_id", *fields))
    return +counts  # drops zeros


def awards_by_year(user: Any, last_years: int = 15) -> tuple[list[int], dict[str, list[int]]]:
    """Awards (not revoked) in scope by achievement year and chart series.

    Returns (years, {series key: counts aligned with years}) for the last *last_years* years
    that have awards (years without any in between are kept, with zeros).
    """
    types = dict(AwardType.objects.values_list("pk", "code"))
    series_of = {code: s.key for s in CHART_SERIES for code in s.codes}
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for (year, type_id), n in _live_counts(visible_awards(user), "year", "award_type_id").items():
        counts[year][series_of.get(types.get(type_id, ""), "OTHER")] += n
    years = sorted(counts)[-last_years:]
    if years:
        years = list(range(years[0], years[-1] + 1))
    return years, {s.key: [counts[y][s.key] for y in years] for s in CHART_SERIES}


def latest_award_year(user: Any) -> int | None:
    """The latest achievement year with an award in scope."""
    return visible_awards(user).aggregate(y=Max("year"))["y"]  # type: ignore[no-any-return]


@dataclass
class YearFigures:
    year: int
    awards: int
    decisions: int
    initiatives: int
    people: int
    units: int
    by_type: list[tuple[AwardType, int]]


def year_figures(user: Any, year: int) -> YearFigures:
    """Figures of *year* in scope: awards for achievements of that year (by title/form, not
    revoked), decisions signed and initiatives recognised in it; people and units active now."""
    per_type = _live_counts(visible_awards(user).filter(year=year), "award_type_id")
    types = AwardType.objects.filter(pk__in=list(per_type)).order_by("order", "code")
    today = dt.date.today()
    return YearFigures(
        year=year,
        awards=sum(per_type.values()),
        decisions=visible_decisions(user)
        .filter(date__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .count(),
        initiatives=scoped(Initiative.objects.filter(year=year), user).count(),
        people=visible_people(user).filter(is_active=True).count(),
        units=visible_units(user).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).count(),
        by_type=[(t, per_type[t.pk]) for t in types],
    )


# --------------------------------------------------------------------------------------------
# Movements and conferences


def movements_list(user: Any) -> QuerySet[Movement]:
    return (
        scoped(Movement.objects.select_related("unit"), user)
        .annotate(n_targets=Count("targets"))
        .order_by("-start_year", "name", "id")
    )


def conferences_list(user: Any) -> QuerySet[Conference]:
    return (
        scoped(Conference.objects.select_related("unit", "decision"), user)
        .annotate(n_honourees=Count("honourees"))
        .order_by("-date", "id")
    )
