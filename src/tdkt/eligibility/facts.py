"""The engine's facts (``PersonFacts``, ``CollectiveFacts``) loaded from the database.

Any number of subjects is loaded in a fixed number of queries (``values_list``, no model
instances, no query per subject): subjects given as a queryset are filtered by subquery, so
100,000 people cost the same number of queries as 3; subjects given as ids are filtered by
``IN`` lists of at most :data:`CHUNK` ids (SQLite's parameter limit), one query per table and
chunk.

What the database says, and how it becomes facts (the contract of ``core/facts.py``: per-year
maps are partial, lists complete):

* ratings, awards, initiatives (through their authors), disciplines and holds come from
  ``records`` and ``awards``; revoked awards are left out; an award's ``kind`` (merit,
  thematic, ad hoc) and its decision date are kept.
* absences and years of service in the sector are not recorded anywhere: they stay unknown,
  so the rules that need them (LĐTT under R2010/R2014, KNC) answer "undetermined".
* a person's ``unit`` (their quota group) for a year is their **issuing unit** — the unit
  whose head awards base-level titles (LĐTT, CSTĐCS) and whose CSTĐCS quota they count in:
  from the unit they worked in that year, up the tree to the nearest department (Sở, ban,
  ngành), district-level office or enterprise, or else the top of the tree. The tree is read
  as it was that year: a unit that had ceased by 31 December (merged) counts as its
  successor, and a unit merged into its parent after that year was still on its own then.
* a collective's ``unit`` (its quota group for TTLĐXS and Cờ thi đua, decided at province or
  ministry level) is its top-level unit as it was that year.
* the unit a person worked in during a year is the latest-starting employment overlapping the
  year; a person without any employment history is in their current unit.
* members of a collective in a year are the people with an employment in that very unit
  (not its sub-units) overlapping the year, plus people without employment history whose
  current unit it is. A year with no member at all is left unknown.
* ``cluster_leader``: in a year where the unit is in an emulation cluster (``Cluster``) whose
  leader is recorded, whether it is that leader. ``targets_exceeded`` is not recorded per
  unit and stays unknown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from tdkt.awards.models import Award, AwardType, Decision
from tdkt.eligibility.core import (
    AwardFact,
    AwardKind,
    CollectiveFacts,
    DisciplineFact,
    DisciplineForm,
    HoldFact,
    HoldKind,
    InitiativeFact,
    InitiativeLevel,
    MemberSituation,
    PersonFacts,
    Rating,
    Sex,
)
from tdkt.emulation.models import Cluster
from tdkt.org.models import Employment, Person, Unit
from tdkt.records.models import Discipline, Hold, Initiative
from tdkt.records.models import Rating as RatingRow

CHUNK = 900
ISSUING_KINDS = frozenset({Unit.Kind.DEPARTMENT, Unit.Kind.DISTRICT, Unit.Kind.ENTERPRISE})

_RATING = {r.value: r for r in Rating}
_AWARD_KIND = {k.value: k for k in AwardKind}
_LEVEL = {lv.value: lv for lv in InitiativeLevel}
_FORM = {f.value: f for f in DisciplineForm}
_HOLD = {h.value: h for h in HoldKind}
_SEX = {"M": Sex.M, "F": Sex.F}

Subjects = QuerySet[Any] | Iterable[int]


def _filters(subjects: Subjects, lookup: str) -> list[Q]:
    """``lookup IN subjects``: one subquery filter, or one filter per chunk of ids."""
    if isinstance(subjects, QuerySet):
        return [Q(**{f"{lookup}__in": subjects.values("pk")})]
    ids = sorted(set(subjects))
    return [Q(**{f"{lookup}__in": ids[i : i + CHUNK]}) for i in range(0, len(ids), CHUNK)]


def _rows(qs: QuerySet[Any], filters: list[Q], *fields: str) -> Iterator[tuple[Any, ...]]:
    for f in filters:
        yield from qs.filter(f).values_list(*fields)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small acyclic objects are made:
    otherwise it scans the growing heap again and again for nothing (as the engine does)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _decision_dates(ids: set[int], agency_ids: Iterable[int]) -> dict[int, dt.date]:
    """Decision id → date: by id when few, else all the agencies' decisions (one query)."""
    if not ids:
        return {}
    if len(ids) <= CHUNK:
        return dict(Decision.objects.filter(pk__in=sorted(ids)).values_list("id", "date"))
    dates = dict(
        Decision.objects.filter(agency_id__in=sorted(set(agency_ids))).values_list("id", "date")
    )
    missing = sorted(ids - dates.keys())
    for i in range(0, len(missing), CHUNK):  # awards recorded under another agency: rare
        part = missing[i : i + CHUNK]
        dates.update(Decision.objects.filter(pk__in=part).values_list("id", "date"))
    return dates


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def employed_in(people: QuerySet[Person], year: int) -> QuerySet[Person]:
    """``people`` who worked during ``year``: an employment overlapping it, or — without any
    employment history — recruited by its end (or recruitment date unknown)."""
    first, last = year_bounds(year)
    jobs = Employment.objects.filter(person=OuterRef("pk"))
    overlap = jobs.filter(start__lte=last).filter(Q(end__isnull=True) | Q(end__gte=first))
    return people.filter(
        Exists(overlap) | (~Exists(jobs) & (Q(hired_on__isnull=True) | Q(hired_on__lte=last)))
    )


# --- the unit tree --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    agency_id: int
    code: str
    name: str
    sort_key: str
    path: str
    parent_id: int | None
    kind: str
    successor_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    def existed_in(self, year: int) -> bool:
        first, last = year_bounds(year)
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_to is None or self.valid_to >= first
        )


class UnitTree:
    """Every unit (one query), with the quota groups of a year (see the module docstring)."""

    def __init__(self, rows: Iterable[UnitRow]) -> None:
        self.by_id: dict[int, UnitRow] = {r.id: r for r in rows}
        self._groups: dict[tuple[int, int, bool], UnitRow] = {}

    @classmethod
    def load(cls, agency_ids: Iterable[int] | None = None) -> UnitTree:
        qs = Unit.objects.all()
        if agency_ids is not None:
            qs = qs.filter(agency_id__in=sorted(set(agency_ids)))
        fields = (
            "id", "agency_id", "code", "name", "sort_key", "path", "parent_id", "kind",
            "successor_id", "valid_from", "valid_to",
        )  # fmt: skip
        return cls(UnitRow(*row) for row in qs.values_list(*fields))

    def issuing(self, unit_id: int, year: int) -> UnitRow:
        """The unit whose base-level titles (and CSTĐCS quota) cover ``unit_id`` in ``year``."""
        return self._climb(unit_id, year, issuing=True)

    def top(self, unit_id: int, year: int) -> UnitRow:
        """The top-level unit above ``unit_id`` as the tree was in ``year``."""
        return self._climb(unit_id, year, issuing=False)

    def _climb(self, unit_id: int, year: int, *, issuing: bool) -> UnitRow:
        key = (unit_id, year, issuing)
        found = self._groups.get(key)
        if found is not None:
            return found
        by_id = self.by_id
        year_end = dt.date(year, 12, 31)
        x = by_id[unit_id]
        for _ in range(len(by_id) + 1):  # bounded: a cycle in bad data cannot hang us
            succ = x.successor_id
            if succ is not None and succ in by_id and x.valid_to is not None:
                if x.valid_to < year_end:  # ceased by the end of the year: its successor's
                    x = by_id[succ]
                    continue
                if succ == x.parent_id:  # merged into its parent later: on its own then
                    break
            if (issuing and x.kind in ISSUING_KINDS) or x.parent_id not in by_id:
                break
            x = by_id[x.parent_id]  # type: ignore[index]
        self._groups[key] = x
        return x


# --- people ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person as loaded: identity, employment history and facts.

    ``facts.unit`` is the quota group of the year asked for when loading (see
    :meth:`facts_for` for another year).
    """

    pk: int
    agency_id: int
    subject_id: str  # Mã định danh, else the internal id (FORMATS.md §5)
    name: str
    sort_key: str
    unit_id: int  # current unit
    employments: tuple[tuple[int, dt.date, dt.date | None], ...]  # (unit, start, end)
    facts: PersonFacts

    def unit_in(self, year: int) -> int:
        """The unit worked in during ``year`` (latest-starting overlapping employment)."""
        return _unit_in(self.employments, self.unit_id, year)

    def facts_for(self, year: int, tree: UnitTree) -> PersonFacts:
        unit = tree.issuing(self.unit_in(year), year).code
        return self.facts if unit == self.facts.unit else replace(self.facts, unit=unit)


def _unit_in(
    employments: tuple[tuple[int, dt.date, dt.date | None], ...], current: int, year: int
) -> int:
    if not employments:
        return current
    first, last = year_bounds(year)
    best: tuple[dt.date, int] | None = None
    for unit_id, start, end in employments:
        if start <= last and (end is None or end >= first) and (best is None or start >= best[0]):
            best = (start, unit_id)
    return current if best is None else best[1]


def _award_codes() -> dict[int, str]:
    return dict(AwardType.objects.values_list("id", "code"))


def _subject_ids(people: list[tuple[int, str | None]]) -> dict[int, str]:
    """Mã định danh, else the internal id — made distinct if an id looks like another's."""
    external = {ext for _, ext in people if ext}
    return {
        pk: ext if ext else (f"#{pk}" if str(pk) in external else str(pk)) for pk, ext in people
    }


def load_people(
    people: Subjects,
    *,
    year: int | None = None,
    until_year: int | None = None,
    tree: UnitTree | None = None,
) -> dict[int, PersonRecord]:
    """Records of ``people`` (a Person queryset or ids), by pk.

    ``year``: the year judged (sets ``facts.unit``); ``until_year`` (default ``year``): ratings,
    awards and initiatives after it are not loaded. Eight queries (per chunk of ids).
    """
    with gc_paused():
        return _load_people(people, year, until_year if until_year is not None else year, tree)


def _load_people(
    people: Subjects, year: int | None, until: int | None, tree: UnitTree | None
) -> dict[int, PersonRecord]:
    f_pk = _filters(people, "pk")
    f_person = _filters(people, "person_id")
    base = list(
        _rows(
            Person.objects.all(), f_pk,
            "pk", "agency_id", "external_id", "full_name", "sort_key", "sex", "hired_on",
            "unit_id",
        )
    )  # fmt: skip
    if not base:
        return {}
    agencies = {row[1] for row in base}
    if tree is None:
        tree = UnitTree.load(agencies)
    codes = _award_codes()
    by_year = {} if until is None else {"year__lte": until}

    jobs: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for pid, unit_id, start, end in _rows(
        Employment.objects.all(), f_person, "person_id", "unit_id", "start", "end"
    ):
        jobs[pid].append((unit_id, start, end))

    ratings: dict[int, dict[int, Rating]] = defaultdict(dict)
    for pid, y, grade in _rows(
        RatingRow.objects.filter(**by_year), f_person, "person_id", "year", "grade"
    ):
        ratings[pid][y] = _RATING[grade]

    award_rows = list(
        _rows(
            Award.objects.filter(revoked_by__isnull=True, **by_year),
            f_person,
            "person_id", "award_type_id", "year", "kind", "decision_id",
        )
    )  # fmt: skip
    dates = _decision_dates({r[4] for r in award_rows}, agencies)
    awards: dict[int, list[AwardFact]] = defaultdict(list)
    kinds = _AWARD_KIND
    for pid, type_id, y, kind, decision_id in award_rows:
        awards[pid].append(AwardFact(codes[type_id], y, kinds[kind], dates.get(decision_id)))
    del award_rows

    initiatives: dict[int, list[InitiativeFact]] = defaultdict(list)
    through = Initiative.authors.through.objects.all()
    if until is not None:
        through = through.filter(initiative__year__lte=until)
    for pid, y, level in _rows(
        through, f_person, "person_id", "initiative__year", "initiative__level"
    ):
        initiatives[pid].append(InitiativeFact(y, _LEVEL[level]))

    disciplines: dict[int, list[DisciplineFact]] = defaultdict(list)
    for pid, form, decided, end in _rows(
        Discipline.objects.all(), f_person, "person_id", "form", "decided_on", "effective_to"
    ):
        disciplines[pid].append(DisciplineFact(_FORM[form], decided, end))

    holds: dict[int, list[HoldFact]] = defaultdict(list)
    for pid, kind, start, end in _rows(
        Hold.objects.filter(person__isnull=False), f_person, "person_id", "kind", "start", "end"
    ):
        holds[pid].append(HoldFact(_HOLD[kind], start, end))

    ids = _subject_ids([(row[0], row[2]) for row in base])
    empty: tuple[Any, ...] = ()
    no_ratings: dict[int, Rating] = {}
    out: dict[int, PersonRecord] = {}
    get_jobs, get_awards, get_inits = jobs.get, awards.get, initiatives.get
    get_disc, get_holds, get_ratings = disciplines.get, holds.get, ratings.get
    for pk, agency_id, _ext, name, sort_key, sex, hired, unit_id in base:
        emp = get_jobs(pk)
        a = get_awards(pk)
        i = get_inits(pk)
        d = get_disc(pk)
        h = get_holds(pk)
        employments = tuple(emp) if emp else empty
        group = (
            None if year is None else tree.issuing(_unit_in(employments, unit_id, year), year).code
        )
        facts = PersonFacts(
            ids[pk],
            _SEX.get(sex),
            hired,
            group,
            ratings=get_ratings(pk, no_ratings),
            awards=(tuple(sorted(a)) if len(a) > 1 else tuple(a)) if a else empty,
            initiatives=(tuple(sorted(i)) if len(i) > 1 else tuple(i)) if i else empty,
            disciplines=tuple(sorted(d, key=_by_date)) if d else empty,
            holds=tuple(sorted(h, key=_by_start)) if h else empty,
        )
        out[pk] = PersonRecord(pk, agency_id, ids[pk], name, sort_key, unit_id, employments, facts)
    return out


def _by_date(d: DisciplineFact) -> tuple[dt.date, str]:
    return (d.date, d.form)


def _by_start(h: HoldFact) -> tuple[dt.date, str]:
    return (h.start, h.kind)


# --- collectives ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """A collective as loaded; ``facts.unit`` is its quota group for the year loaded."""

    pk: int
    agency_id: int
    subject_id: str  # the unit code
    name: str
    sort_key: str
    parent_id: int | None
    facts: CollectiveFacts

    def facts_for(self, year: int, tree: UnitTree) -> CollectiveFacts:
        unit = tree.top(self.pk, year).code
        return self.facts if unit == self.facts.unit else replace(self.facts, unit=unit)


def load_units(
    units: Subjects,
    years: Iterable[int],
    *,
    until_year: int | None = None,
    tree: UnitTree | None = None,
    people: Mapping[int, PersonRecord] | None = None,
) -> dict[int, UnitRecord]:
    """Records of ``units`` (a Unit queryset or ids) as collectives, by pk, with their members'
    situation in each of ``years``; ``facts.unit`` is the quota group of the last of ``years``.

    ``people``: records already loaded (up to the last of ``years`` at least): the members'
    situation is taken from them instead of being queried again. About a dozen queries (per
    chunk of ids).
    """
    wanted = sorted(set(years))
    if not wanted:
        raise ValueError("load_units needs at least one year")
    with gc_paused():
        chunks: list[tuple[Any, list[int]]]
        if isinstance(units, QuerySet):
            unit_ids = list(units.values_list("pk", flat=True))
            chunks = [(units.values("pk"), unit_ids)]
        else:
            unit_ids = sorted(set(units))
            chunks = [(unit_ids[i : i + CHUNK],) * 2 for i in range(0, len(unit_ids), CHUNK)]
        if not unit_ids:
            return {}
        if tree is None:
            tree = UnitTree.load()
        until = until_year if until_year is not None else wanted[-1]
        codes = _award_codes()
        out: dict[int, UnitRecord] = {}
        for sub, ids in chunks:
            out.update(_load_unit_chunk(sub, ids, wanted, until, tree, codes, people or {}))
        return dict(sorted(out.items()))


def _load_unit_chunk(
    sub: Any,
    ids: list[int],
    years: list[int],
    until: int,
    tree: UnitTree,
    codes: Mapping[int, str],
    known: Mapping[int, PersonRecord],
) -> dict[int, UnitRecord]:
    """One chunk of :func:`load_units`; ``sub`` selects the unit ids (a subquery or a list)."""
    f_unit = [Q(unit_id__in=sub)]

    ratings: dict[int, dict[int, Rating]] = defaultdict(dict)
    for uid, y, grade in _rows(
        RatingRow.objects.filter(year__lte=until), f_unit, "unit_id", "year", "grade"
    ):
        ratings[uid][y] = _RATING[grade]

    award_rows = list(
        _rows(
            Award.objects.filter(revoked_by__isnull=True, year__lte=until),
            f_unit,
            "unit_id", "award_type_id", "year", "kind", "decision_id",
        )
    )  # fmt: skip
    dates = _decision_dates(
        {r[4] for r in award_rows}, {tree.by_id[u].agency_id for u in ids if u in tree.by_id}
    )
    awards: dict[int, list[AwardFact]] = defaultdict(list)
    for uid, type_id, y, kind, decision_id in award_rows:
        awards[uid].append(AwardFact(codes[type_id], y, _AWARD_KIND[kind], dates.get(decision_id)))

    holds: dict[int, list[HoldFact]] = defaultdict(list)
    for uid, kind, start, end in _rows(
        Hold.objects.all(), f_unit, "unit_id", "kind", "start", "end"
    ):
        holds[uid].append(HoldFact(_HOLD[kind], start, end))

    members = _members(sub, years, codes, known)
    leaders = _cluster_leaders(sub, years)

    out: dict[int, UnitRecord] = {}
    last = years[-1]
    for uid in ids:
        row = tree.by_id[uid]
        a = awards.get(uid)
        h = holds.get(uid)
        facts = CollectiveFacts(
            row.code,
            unit=tree.top(uid, last).code,
            ratings=ratings.get(uid, {}),
            awards=tuple(sorted(a)) if a else (),
            holds=tuple(sorted(h, key=_by_start)) if h else (),
            members=members.get(uid, {}),
            cluster_leader=leaders.get(uid, {}),
        )
        out[uid] = UnitRecord(
            uid, row.agency_id, row.code, row.name, row.sort_key, row.parent_id, facts
        )
    return out


def _members(
    units: Any, years: list[int], codes: Mapping[int, str], known: Mapping[int, PersonRecord]
) -> dict[int, dict[int, tuple[MemberSituation, ...]]]:
    """unit → year → the members' situation (see the module docstring)."""
    first, _ = year_bounds(years[0])
    _, last = year_bounds(years[-1])
    in_unit: dict[tuple[int, int], set[int]] = defaultdict(set)  # (unit, year) → people
    jobs = Employment.objects.filter(unit_id__in=units, start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=first)
    )
    wanted = set(years)
    for pid, uid, start, end in jobs.values_list("person_id", "unit_id", "start", "end"):
        for y in range(max(start.year, years[0]), (end.year if end else years[-1]) + 1):
            if y in wanted:
                in_unit[(uid, y)].add(pid)
    no_history = Person.objects.filter(unit_id__in=units).exclude(
        Exists(Employment.objects.filter(person=OuterRef("pk")))
    )
    for pid, uid, hired in no_history.values_list("pk", "unit_id", "hired_on"):
        for y in years:
            if hired is None or hired.year <= y:
                in_unit[(uid, y)].add(pid)
    if not in_unit:
        return {}

    situation: dict[tuple[int, int], MemberSituation] = {}
    everyone = set().union(*in_unit.values())
    missing = everyone - known.keys()
    for pid in everyone - missing:
        facts = known[pid].facts
        for y in years:
            situation[(pid, y)] = _situation_of(facts, y)
    if missing:
        situation.update(_situations(units, years, codes, missing))

    out: dict[int, dict[int, tuple[MemberSituation, ...]]] = defaultdict(dict)
    for (uid, y), pids in sorted(in_unit.items()):
        out[uid][y] = tuple(situation[(pid, y)] for pid in sorted(pids))
    return out


def _situation_of(facts: PersonFacts, year: int) -> MemberSituation:
    """A loaded person's situation in ``year``: rating, merit titles, heaviest discipline."""
    worst: DisciplineForm | None = None
    for d in facts.disciplines:
        if d.date.year == year and (worst is None or d.form.severity > worst.severity):
            worst = d.form
    return MemberSituation(
        facts.ratings.get(year),
        frozenset(a.code for a in facts.awards if a.year == year and a.kind is AwardKind.MERIT),
        worst,
        facts.sex,
    )


def _situations(
    units: Any, years: list[int], codes: Mapping[int, str], pids: set[int]
) -> dict[tuple[int, int], MemberSituation]:
    """(person, year) → situation, queried for ``pids`` (the members not loaded already)."""
    first, _ = year_bounds(years[0])
    _, last = year_bounds(years[-1])
    if len(pids) <= CHUNK:
        people = Q(person_id__in=sorted(pids))
        person_pk = Q(pk__in=sorted(pids))
    else:  # every member of the units (a superset), by subquery
        with_jobs = Employment.objects.filter(unit_id__in=units).values("person_id")
        current = Person.objects.filter(unit_id__in=units).values("pk")
        people = Q(person_id__in=with_jobs) | Q(person_id__in=current)
        person_pk = Q(pk__in=with_jobs) | Q(unit_id__in=units)
    sex = {pk: _SEX.get(s) for pk, s in Person.objects.filter(person_pk).values_list("pk", "sex")}
    grade: dict[tuple[int, int], Rating] = {
        (pid, y): _RATING[g]
        for pid, y, g in RatingRow.objects.filter(people, year__in=years).values_list(
            "person_id", "year", "grade"
        )
    }
    titles: dict[tuple[int, int], set[str]] = defaultdict(set)
    for pid, type_id, y in Award.objects.filter(
        people, year__in=years, revoked_by__isnull=True, kind=Award.Kind.MERIT
    ).values_list("person_id", "award_type_id", "year"):
        titles[(pid, y)].add(codes[type_id])
    worst: dict[tuple[int, int], DisciplineForm] = {}
    for pid, form, decided in Discipline.objects.filter(
        people, decided_on__gte=first, decided_on__lte=last
    ).values_list("person_id", "form", "decided_on"):
        f = _FORM[form]
        key = (pid, decided.year)
        if key not in worst or f.severity > worst[key].severity:
            worst[key] = f
    return {
        (pid, y): MemberSituation(
            grade.get((pid, y)),
            frozenset(titles.get((pid, y), ())),
            worst.get((pid, y)),
            sex.get(pid),
        )
        for pid in pids
        for y in years
    }


def _cluster_leaders(units: Any, years: list[int]) -> dict[int, dict[int, bool]]:
    """unit → year → led its cluster (only years where it is in a cluster with a leader)."""
    out: dict[int, dict[int, bool]] = defaultdict(dict)
    through = Cluster.members.through.objects.filter(
        unit_id__in=units, cluster__year__in=years, cluster__leader__isnull=False
    )
    for uid, y, leader in through.values_list("unit_id", "cluster__year", "cluster__leader_id"):
        out[uid][y] = out[uid].get(y, False) or leader == uid
    for uid, y in Cluster.objects.filter(leader_id__in=units, year__in=years).values_list(
        "leader_id", "year"
    ):
        out[uid][y] = True
    return out
