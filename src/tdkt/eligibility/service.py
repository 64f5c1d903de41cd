"""Eligibility for people and units from the database: one subject, a unit's candidates, a run.

* :func:`evaluate_subject` — one Person or Unit, one code (the nomination workflow calls it);
* :func:`eligibility_for_unit` — a unit's candidates for a year with the quotas, scoped to
  the user (the unit page);
* :func:`run_eligibility` — any set of people and units (``tdkt eligibility``, FORMATS.md §5).

Each agency is judged by ``Engine.default()`` with its own parameter overrides
(:func:`engine_for`); a verdict that used an override records its value and source.

Quotas are per quota group (see :mod:`tdkt.eligibility.facts`) over *all* the group's
candidates, even those outside the subjects asked for (a division's page counts its
department's whole LĐTT base); only the asked-for subjects get rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from tdkt.eligibility.core import (
    Engine,
    Mark,
    Outcome,
    QuotaResult,
    RegimeChoice,
    SubjectKind,
    Verdict,
)
from tdkt.eligibility.core.quotas import QUOTAS
from tdkt.eligibility.core.registry import subject_allows
from tdkt.eligibility.engines import engine_for
from tdkt.eligibility.facts import (
    PersonRecord,
    UnitRecord,
    UnitTree,
    employed_in,
    gc_paused,
    load_people,
    load_units,
    year_bounds,
)
from tdkt.org.models import Employment, Person, Unit
from tdkt.org.policies import can_see_unit

PERSON, COLLECTIVE = SubjectKind.PERSON, SubjectKind.COLLECTIVE

# --- input checks ---------------------------------------------------------------------------


def year_range() -> tuple[int, int]:
    """Achievement years that can be judged: from the first regime's year to this year."""
    return Engine.default().regimes.regimes[0].start.year, dt.date.today().year


def check_year(year: int) -> None:
    low, high = year_range()
    if not low <= year <= high:
        raise ValueError(f"year {year} is out of range ({low}–{high})")


def check_codes(codes: Iterable[str] | None) -> tuple[str, ...] | None:
    """The codes, upper-cased and checked against the award catalogue (``None``: all)."""
    if codes is None:
        return None
    known = Engine.default().registry.codes
    out = tuple(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    unknown = [c for c in out if c not in known]
    if unknown:
        raise ValueError(
            f"unknown award code{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
            f"(known: {', '.join(known)})"
        )
    return out or None


# --- one subject ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectVerdict:
    """One subject's verdict for one code, as the workflow stores it."""

    subject_kind: str
    subject_id: str
    code: str
    year: int
    decision_date: dt.date
    verdict: str  # eligible | not_eligible | undetermined
    regime: str
    regime_basis: str
    reasons: list[dict[str, Any]]  # criterion, met, citation, mark, detail
    parameters: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, v: Verdict, decision_date: dt.date) -> SubjectVerdict:
        return cls(
            str(v.subject_kind),
            v.subject_id,
            v.code,
            v.year,
            decision_date,
            str(v.outcome),
            v.regime or "",
            v.regime_basis,
            v.reasons(),
            v.parameters_used(),
        )

    @property
    def overrides(self) -> list[dict[str, Any]]:
        """The agency's own parameter values this verdict used."""
        return [p for p in self.parameters if p["override"]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject_kind": self.subject_kind,
            "subject_id": self.subject_id,
            "code": self.code,
            "year": self.year,
            "decision_date": self.decision_date.isoformat(),
            "verdict": self.verdict,
            "regime": self.regime,
            "regime_basis": self.regime_basis,
            "reasons": self.reasons,
            "parameters": self.parameters,
        }


def _no_rule(kind: str, subject_id: str, code: str, year: int, day: dt.date, why: str) -> Any:
    reason = {"criterion": why, "met": None, "citation": "—", "mark": str(Mark.UNVERIFIED)}
    return SubjectVerdict(kind, subject_id, code, year, day, "undetermined", "", "", [reason])


def evaluate_subject(
    subject: Any, code: str, year: int, *, decision_date: dt.date | None = None
) -> SubjectVerdict:
    """The verdict for one Person or Unit and one award code, for achievement year ``year``.

    ``decision_date`` picks the regime (default: 15 January of ``year`` + 1). A code the
    engine has no rule for (a household, a form an agency added) is ``undetermined``; a code
    not awarded to the subject's kind raises ``ValueError``. Quotas need the whole candidate
    set and are not applied here (see :func:`eligibility_for_unit`).
    """
    engine = engine_for(getattr(subject, "agency_id", None))
    day = decision_date or dt.date(year + 1, 1, 15)
    facts: Any
    if isinstance(subject, Person):
        facts = load_people([subject.pk], year=year)[subject.pk].facts
    elif isinstance(subject, Unit):
        facts = load_units([subject.pk], [year])[subject.pk].facts
    else:
        return _no_rule(
            "household",
            str(getattr(subject, "pk", "")),
            code,
            year,
            day,
            "Chưa có quy tắc xét khen thưởng cho hộ gia đình",
        )
    if code not in engine.registry.codes:
        return _no_rule(
            str(facts.kind),
            facts.subject_id,
            code,
            year,
            day,
            f"Chưa có quy tắc xét {code}",
        )
    verdict = engine.evaluate(facts, code, year, decision_date=decision_date)
    return SubjectVerdict.of(verdict, day)


def person_verdicts(
    person: Person, year: int, *, decision_date: dt.date | None = None
) -> tuple[list[Verdict], RegimeChoice | None, dt.date]:
    """Every code's verdict for a person (the person page)."""
    engine = engine_for(person.agency_id)
    day, choice = engine.choose(year, decision_date)
    facts = load_people([person.pk], year=year)[person.pk].facts
    return engine.evaluate_all(facts, year, decision_date=decision_date), choice, day


# --- many subjects --------------------------------------------------------------------------


class Subject(NamedTuple):
    """Who a row is about."""

    kind: SubjectKind
    pk: int
    subject_id: str
    name: str
    unit_code: str  # persons: the unit worked in that year; collectives: the parent unit
    unit_name: str
    group: str | None  # quota group (facts.unit)


class Row(NamedTuple):
    """One subject × one code; ``quota`` is "within" or "outside" when a quota applied."""

    subject: Subject
    verdict: Verdict
    quota: str | None = None

    @property
    def kind(self) -> SubjectKind:
        return self.subject.kind

    @property
    def pk(self) -> int:
        return self.subject.pk

    @property
    def subject_id(self) -> str:
        return self.subject.subject_id

    @property
    def name(self) -> str:
        return self.subject.name

    @property
    def unit_code(self) -> str:
        return self.subject.unit_code

    @property
    def unit_name(self) -> str:
        return self.subject.unit_name

    @property
    def outcome(self) -> str:
        return str(self.verdict.outcome)

    def as_dict(self) -> dict[str, Any]:
        """FORMATS.md §5."""
        s, v = self.subject, self.verdict
        return {
            "subject_kind": str(s.kind),
            "subject_id": s.subject_id,
            "name": s.name,
            "unit": s.unit_code,
            "code": v.code,
            "verdict": str(v.outcome),
            "regime": v.regime,
            "reasons": [
                {"criterion": c.text, "met": c.met, "citation": c.citation} for c in v.criteria
            ],
        }


@dataclass
class Eligibility:
    """The verdicts of a run and the quota outcome of every quota group they touch."""

    year: int
    decision_date: dt.date
    choice: RegimeChoice | None
    codes: tuple[str, ...] | None
    rows: list[Row] = field(default_factory=list)
    quotas: list[QuotaResult] = field(default_factory=list)
    visible: set[str] | None = None  # subject ids a user may see named (None: all)

    @property
    def regime(self) -> str | None:
        return None if self.choice is None else self.choice.regime.id

    def as_json(self) -> list[dict[str, Any]]:
        """FORMATS.md §5: one object per row, then ``{"quotas": [...]}`` as the last item."""
        quotas = []
        for q in self.quotas:
            d = q.as_dict()
            if self.visible is not None:
                d["within"] = [s for s in d["within"] if s in self.visible]
                d["outside"] = [s for s in d["outside"] if s in self.visible]
            quotas.append(d)
        return [r.as_dict() for r in self.rows] + [{"quotas": quotas}]

    def quota_views(self) -> list[QuotaView]:
        """Each quota with its candidates named (only those the user may see)."""
        names = {(r.verdict.code, r.subject_id): r for r in self.rows}
        out = []
        for q in self.quotas:

            def named(ids: tuple[str, ...], q: QuotaResult = q) -> list[Row]:
                return [names[(q.code, s)] for s in ids if (q.code, s) in names]

            within, outside = named(q.within), named(q.outside)
            total = len(q.within) + len(q.outside)
            out.append(QuotaView(q, within, outside, total, total - len(within) - len(outside)))
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        """code → outcome → number of rows."""
        out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Outcome, 0))
        for r in self.rows:
            out[r.verdict.code][r.verdict.outcome] += 1
        return dict(out)


@dataclass(frozen=True)
class QuotaView:
    """A quota for display: the visible candidates within and outside the limit."""

    result: QuotaResult
    within: list[Row]
    outside: list[Row]
    candidates: int  # all eligible candidates in the group
    hidden: int  # candidates outside the user's view (counted, not named)


def _active_quota_kinds(
    engine: Engine, choice: RegimeChoice | None, codes: Sequence[str] | None
) -> set[SubjectKind]:
    """Subject kinds with a quota in force for the regime (and the codes asked for)."""
    if choice is None:
        return set()
    kinds = set()
    for spec in QUOTAS:
        if codes is not None and spec.code not in codes:
            continue
        if engine.registry.rule_for(spec.code, choice.regime) is None:
            continue
        if engine.parameters.use_at(spec.parameter, choice.as_of).value is None:
            continue
        subjects = engine.registry.codes[spec.code]
        kinds.add(PERSON if subject_allows(subjects, PERSON) else COLLECTIVE)
    return kinds


def _people_pool(
    subjects: Mapping[int, PersonRecord],
    asked: QuerySet[Person],
    tree: UnitTree,
    year: int,
    agency_id: int,
) -> QuerySet[Person]:
    """People outside ``subjects`` who may share a quota group with them in ``year``."""
    groups = {r.facts.unit for r in subjects.values()}
    paths = [u.path for u in tree.by_id.values() if u.code in groups]
    where = Q()
    for p in paths:
        where |= Q(path__startswith=p)
    units = Unit.objects.filter(where, agency_id=agency_id)
    first, last = year_bounds(year)
    worked = Employment.objects.filter(unit__in=units, start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=first)
    )
    no_history = ~Exists(Employment.objects.filter(person=OuterRef("pk")))
    return Person.objects.filter(
        Q(pk__in=worked.values("person_id")) | (Q(unit__in=units) & no_history)
    ).exclude(pk__in=asked.values("pk"))


def _units_in_year(units: QuerySet[Unit], year: int) -> QuerySet[Unit]:
    first, last = year_bounds(year)
    return units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=first)
    )


@dataclass
class Loaded:
    """Facts of one agency's subjects (and their quota pools) for a year."""

    agency_id: int
    people: dict[int, PersonRecord]
    units: dict[int, UnitRecord]
    pool_people: dict[int, PersonRecord] = field(default_factory=dict)
    pool_units: dict[int, UnitRecord] = field(default_factory=dict)


def load_subjects(
    agency_id: int,
    people: QuerySet[Person] | None,
    units: QuerySet[Unit] | None,
    year: int,
    *,
    codes: Sequence[str] | None = None,
    decision_date: dt.date | None = None,
    complete: bool = False,
    tree: UnitTree | None = None,
) -> Loaded:
    """Facts of the people who worked during ``year`` and the units that existed in it.

    Unless ``complete`` (the subjects are the whole agency), the rest of each quota group in
    force is loaded too, so that quotas count every candidate.
    """
    tree = tree or UnitTree.load([agency_id])
    engine = engine_for(agency_id)
    _, choice = engine.choose(year, decision_date)
    loaded = Loaded(agency_id, {}, {})
    if people is not None:
        people = employed_in(people, year)
        loaded.people = load_people(people, year=year, tree=tree)
    if units is not None:
        units = _units_in_year(units, year)
        loaded.units = load_units(units, [year], tree=tree, people=loaded.people)
    if complete:
        return loaded
    kinds = _active_quota_kinds(engine, choice, codes)
    if PERSON in kinds and loaded.people and people is not None:
        pool = load_people(
            employed_in(_people_pool(loaded.people, people, tree, year, agency_id), year),
            year=year,
            tree=tree,
        )
        groups = {r.facts.unit for r in loaded.people.values()}
        loaded.pool_people = {pk: r for pk, r in pool.items() if r.facts.unit in groups}
    if COLLECTIVE in kinds and loaded.units and units is not None:
        groups = {r.facts.unit for r in loaded.units.values()}
        tops = [u for u in tree.by_id.values() if u.code in groups]
        where = Q()
        for u in tops:
            where |= Q(path__startswith=u.path)
        others = _units_in_year(
            Unit.objects.filter(where, agency_id=agency_id).exclude(pk__in=units.values("pk")),
            year,
        )
        pool_u = load_units(others, [year], tree=tree)
        loaded.pool_units = {pk: r for pk, r in pool_u.items() if r.facts.unit in groups}
    return loaded


def evaluate_loaded(
    loaded: Loaded,
    year: int,
    *,
    codes: Sequence[str] | None = None,
    decision_date: dt.date | None = None,
    tree: UnitTree,
) -> Eligibility:
    """Evaluate the loaded subjects (one batch: verdicts, then quotas over the groups)."""
    with gc_paused():
        return _evaluate_loaded(loaded, year, codes, decision_date, tree)


def _evaluate_loaded(
    loaded: Loaded,
    year: int,
    codes: Sequence[str] | None,
    decision_date: dt.date | None,
    tree: UnitTree,
) -> Eligibility:
    engine = engine_for(loaded.agency_id)
    people = sorted(loaded.people.values(), key=lambda r: (r.sort_key, r.pk))
    units = sorted(loaded.units.values(), key=lambda r: (tree.by_id[r.pk].path, r.pk))
    subjects = [r.facts for r in people] + [r.facts for r in units]
    extra = [r.facts for r in loaded.pool_people.values()] + [
        r.facts for r in loaded.pool_units.values()
    ]
    batch = engine.evaluate_batch(
        [*subjects, *extra], year, codes=codes, decision_date=decision_date
    )
    result = Eligibility(year, batch.decision_date, batch.choice, tuple(codes) if codes else None)
    result.quotas = batch.quotas
    placed: dict[tuple[str, str], str] = {}
    for q in batch.quotas:
        for sid in q.within:
            placed[(q.code, sid)] = "within"
        for sid in q.outside:
            placed[(q.code, sid)] = "outside"
    by_id: dict[tuple[SubjectKind, str], Subject] = {}
    for p in people:
        unit = tree.by_id[p.unit_in(year)]
        by_id[(PERSON, p.subject_id)] = Subject(
            PERSON, p.pk, p.subject_id, p.name, unit.code, unit.name, p.facts.unit
        )
    for u in units:
        parent = tree.by_id.get(u.parent_id) if u.parent_id else None
        owner = parent or tree.by_id[u.pk]
        by_id[(COLLECTIVE, u.subject_id)] = Subject(
            COLLECTIVE, u.pk, u.subject_id, u.name, owner.code, owner.name, u.facts.unit
        )
    append = result.rows.append
    get = by_id.get
    last_id: str | None = None
    last_kind: SubjectKind | None = None
    subject: Subject | None = None
    for v in batch.verdicts:  # a subject's verdicts come together, sharing its id object
        if v.subject_id is not last_id or v.subject_kind is not last_kind:
            last_id, last_kind = v.subject_id, v.subject_kind
            subject = get((last_kind, last_id))
        if subject is None:  # a quota-pool subject: counted, not shown
            continue
        append(Row(subject, v, placed.get((v.code, v.subject_id)) if placed else None))
    return result


def run_eligibility(
    year: int,
    *,
    unit: Unit | None = None,
    codes: Iterable[str] | None = None,
    decision_date: dt.date | None = None,
    people: QuerySet[Person] | None = None,
    units: QuerySet[Unit] | None = None,
) -> Eligibility:
    """Eligibility of every person and unit (of ``unit``'s subtree, if given) for ``year``.

    ``people``/``units`` narrow the subjects further (e.g. to a user's scope). Raises
    ``ValueError`` for a year out of range or an unknown code.
    """
    check_year(year)
    wanted = check_codes(codes)
    people_qs = people if people is not None else Person.objects.all()
    units_qs = units if units is not None else Unit.objects.all()
    if unit is not None:
        people_qs = people_qs.filter(unit__path__startswith=unit.path)
        units_qs = units_qs.filter(path__startswith=unit.path)
        agencies = [unit.agency_id]
    else:
        agencies = sorted(
            set(people_qs.values_list("agency_id", flat=True).distinct())
            | set(units_qs.values_list("agency_id", flat=True).distinct())
        )
    complete = unit is None and people is None and units is None
    out: Eligibility | None = None
    for agency_id in agencies:
        tree = UnitTree.load([agency_id])
        loaded = load_subjects(
            agency_id,
            people_qs.filter(agency_id=agency_id),
            units_qs.filter(agency_id=agency_id),
            year,
            codes=wanted,
            decision_date=decision_date,
            complete=complete,
            tree=tree,
        )
        part = evaluate_loaded(loaded, year, codes=wanted, decision_date=decision_date, tree=tree)
        if out is None:
            out = part
        else:
            out.rows += part.rows
            out.quotas += part.quotas
    if out is None:
        engine = Engine.default()
        day, choice = engine.choose(year, decision_date)
        out = Eligibility(year, day, choice, wanted)
    return out


def eligibility_for_unit(
    user: Any, unit: Unit, year: int, codes: Iterable[str] | None = None
) -> Eligibility:
    """The candidates of ``unit``'s subtree for ``year`` (FORMATS.md §5 rows via
    ``as_json()``) and the quota of every group they belong to.

    Raises ``PermissionDenied`` when the unit is outside the user's scope, ``ValueError`` for
    a bad year or code. The quota lists name only subjects the user may see.
    """
    if not can_see_unit(user, unit):
        raise PermissionDenied("Đơn vị ngoài phạm vi được xem.")
    result = run_eligibility(year, unit=unit, codes=codes)
    result.visible = {r.subject_id for r in result.rows}
    return result
