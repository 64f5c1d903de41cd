"""Write a demo :class:`~tdkt.demo.plan.Plan` into the database.

The named unit tree and its reorganisations go through :mod:`tdkt.org.domain` (each with its
audit entry). The volume — people, employments, ratings, initiatives, decisions, awards — is
written in bulk with explicit ids: ``executemany`` on SQLite and ``COPY`` on PostgreSQL, which
measured about four times faster than ``bulk_create`` at 100,000 people (bench/README.md),
with the tables' secondary indexes (and PostgreSQL's foreign keys) dropped during the load and
recreated after it, inside the same transaction.
Derived columns are computed by the models' own helpers (``Person.fill_derived``, ``fold``,
``sort_key``, ``normalise_decision_number``) so bulk rows equal what ``save()`` would write.
The whole load is one transaction, recorded by one audit entry (``demo_load``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from tdkt.awards.models import Award, AwardType, Decision
from tdkt.awards.numbers import decision_key, normalise_decision_number
from tdkt.common import audit
from tdkt.common.bulk import insert_rows
from tdkt.common.text import fold, nfc, sort_key
from tdkt.conferences.models import Conference, Delegate
from tdkt.demo.plan import DISCIPLINE_FORMS, Plan, digest
from tdkt.emulation.models import Cluster, Movement, Target, TargetResult
from tdkt.org import domain as org
from tdkt.org.models import Agency, Employment, Person, Unit
from tdkt.records.models import Discipline, Initiative, Rating

DEMO_LOAD_ACTION = "demo_load"


@dataclass
class LoadResult:
    agency: Agency
    rows: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class BulkWriter:
    """Insert rows with explicit ids, bypassing model instances.

    ``fields`` are attribute names (``person_id``); concrete fields not listed get their
    model default. Returns the number of rows written.
    """

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.written: list[type[models.Model]] = []

    @staticmethod
    def next_id(model: type[models.Model]) -> int:
        return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

    def insert(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> int:
        count = insert_rows(model, fields, rows)
        self.written.append(model)
        return count

    def reset_sequences(self) -> None:
        """After explicit ids, move PostgreSQL's id sequences past them."""
        statements = connection.ops.sequence_reset_sql(
            no_style(), list(dict.fromkeys(self.written))
        )
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def load_plan(plan: Plan, *, progress: Callable[[str], None] | None = None) -> LoadResult:
    """Write *plan* in one transaction; return the agency, row counts and stage timings."""
    say = progress or (lambda _msg: None)
    seconds: dict[str, float] = {}
    rows: dict[str, int] = {}
    clock = time.perf_counter()
    cpu = time.process_time()

    def stage(name: str) -> None:
        nonlocal clock, cpu
        now, now_cpu = time.perf_counter(), time.process_time()
        seconds[name] = now - clock
        say(f"  {name}: {seconds[name]:.1f} s (CPU {now_cpu - cpu:.1f} s)")
        clock, cpu = now, now_cpu

    w = BulkWriter()
    _tune_for_load(True)
    try:
        agency = _load(plan, w, rows, stage)
    finally:
        _tune_for_load(False)
    _analyze()
    stage("analyze")
    return LoadResult(agency, rows, seconds)


def _load(plan: Plan, w: BulkWriter, rows: dict[str, int], stage: Callable[[str], None]) -> Agency:
    with transaction.atomic():
        agency = Agency.objects.create(
            code=plan.agency_code, name=plan.agency_name, place=plan.agency_place
        )
        unit_id = _units(plan, agency, w, rows)
        bulk_mode = _BulkMode(BULK_MODELS)
        stage("units")
        person_id = _people(plan, agency, unit_id, w, rows)
        stage("people")
        _ratings(plan, unit_id, person_id, w, rows)
        stage("ratings")
        decision_id = _decisions(plan, agency, unit_id, w, rows)
        _initiatives(plan, unit_id, person_id, w, rows)
        stage("decisions, initiatives")
        award_id = _awards(plan, unit_id, person_id, decision_id, w, rows)
        stage("awards")
        bulk_mode.restore()
        stage("indexes, keys")
        _emulation(plan, agency, unit_id, person_id, decision_id, award_id, w, rows)
        w.reset_sequences()
        audit.record(
            None,
            DEMO_LOAD_ACTION,
            agency,
            after={
                "seed": plan.seed,
                "people": plan.people_count,
                "years": plan.years,
                "first_year": plan.first_year,
                "rows": rows,
            },
            summary=(
                f"Nạp dữ liệu demo: {rows['people']} cá nhân, {rows['units']} đơn vị, "
                f"{rows['awards']} lượt khen thưởng ({plan.first_year}–"
                f"{plan.first_year + plan.years - 1})"
            ),
        )
        stage("movements, clusters, conferences")
    return agency


# Tables written in bulk: their secondary indexes are dropped for the load and rebuilt after
# (a sorted rebuild is several times faster than a million random inserts into each index).
BULK_MODELS: tuple[type[models.Model], ...] = (
    Person,
    Employment,
    Rating,
    Discipline,
    Decision,
    Initiative,
    Initiative.authors.through,
    Award,
)


def _secondary_indexes(model: type[models.Model]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that are not backing a constraint."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL ORDER BY name",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = %s AND NOT EXISTS ("
                "  SELECT 1 FROM pg_constraint c WHERE c.conindid = "
                "  (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass"
                ") ORDER BY i.indexname",
                [table],
            )
        else:
            return []
        return list(cursor.fetchall())


def _foreign_keys(model: type[models.Model]) -> list[tuple[str, str]]:
    """(name, definition) of the table's foreign keys (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
            [connection.ops.quote_name(model._meta.db_table)],
        )
        return list(cursor.fetchall())


class _BulkMode:
    """Drop the secondary indexes (and, on PostgreSQL, the foreign keys) of *models*;
    :meth:`restore` recreates them exactly, which re-validates every row set-wise.

    Runs inside the load's transaction: on any error both are rolled back together. Row by
    row, PostgreSQL checks each foreign key with a trigger and both databases insert into
    every index at a random place; rebuilding afterwards is several times faster.
    """

    def __init__(self, models_: Sequence[type[models.Model]]) -> None:
        self.indexes: list[str] = []
        self.fkeys: list[tuple[str, str, str]] = []
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # run the checks still deferred (the units just created): PostgreSQL refuses
                # to alter a table with pending trigger events
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for model in models_:
                table = quote(model._meta.db_table)
                for name, definition in _foreign_keys(model):
                    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
                    self.fkeys.append((table, name, definition))
                for name, sql in _secondary_indexes(model):
                    cursor.execute(f"DROP INDEX {quote(name)}")
                    self.indexes.append(sql)

    def restore(self) -> None:
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for sql in self.indexes:
                cursor.execute(sql)
            for table, name, definition in self.fkeys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


def _tune_for_load(on: bool) -> None:
    """Give SQLite a large page cache (512 MB instead of 2 MB) for the load, then shrink it
    back so that a long-lived connection does not keep the pages."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {-524288 if on else -2000}")  # in KiB


def _analyze() -> None:
    """Give the query planner statistics about the freshly loaded tables.

    PostgreSQL: VACUUM ANALYZE when not inside an outer transaction (it also sets the
    visibility map, so counts can use index-only scans), else ANALYZE. SQLite: a full ANALYZE
    (a few seconds at 100,000 people): sampled statistics (``analysis_limit``) misled its
    planner into sorting every award for a page of 50.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            tables: tuple[type[models.Model], ...] = (Unit, *BULK_MODELS)
            for model in tables:
                cursor.execute(f"{verb} {connection.ops.quote_name(model._meta.db_table)}")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


def _units(plan: Plan, agency: Agency, w: BulkWriter, rows: dict[str, int]) -> list[int]:
    ids: list[int] = [0] * len(plan.units)
    paths: list[str] = [""] * len(plan.units)
    created: dict[int, Unit] = {}
    for i, u in enumerate(plan.units):
        if not u.base:
            continue
        unit = org.create_unit(
            None,
            agency=agency,
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            kind=u.kind,
            parent=created[u.parent] if u.parent is not None else None,
            valid_from=u.valid_from,
            document="Dữ liệu minh họa" if u.valid_from else "",
        )
        created[i] = unit
    for m in plan.merges:
        org.merge_units(
            None,
            [Unit.objects.get(pk=created[s].pk) for s in m.sources],
            Unit.objects.get(pk=created[m.into].pk),
            date=m.date,
            document=m.document,
            note=m.note,
        )
    index = {unit.pk: i for i, unit in created.items()}
    for unit in Unit.objects.filter(pk__in=index):  # paths as the merges left them
        ids[index[unit.pk]], paths[index[unit.pk]] = unit.pk, unit.path
    # the scaled-up part of the tree, in bulk (parents always come first)
    next_id = w.next_id(Unit)
    extra: list[tuple[Any, ...]] = []
    for i, u in enumerate(plan.units):
        if u.base:
            continue
        assert u.parent is not None
        ids[i] = next_id
        next_id += 1
        paths[i] = f"{paths[u.parent]}{ids[i]}/"
        name = nfc(u.name)
        extra.append(
            (
                ids[i],
                agency.pk,
                u.code,
                name,
                u.short_name,
                fold(name),
                sort_key(name),
                u.kind,
                ids[u.parent],
                paths[i],
                paths[i].count("/") - 2,
                _iso(u.valid_from),
            )
        )
    if extra:
        w.insert(
            Unit,
            (
                "id",
                "agency_id",
                "code",
                "name",
                "short_name",
                "name_fold",
                "sort_key",
                "kind",
                "parent_id",
                "path",
                "depth",
                "valid_from",
            ),
            extra,
        )
    rows["units"] = len(plan.units)
    return ids


def _people(
    plan: Plan, agency: Agency, unit_id: list[int], w: BulkWriter, rows: dict[str, int]
) -> list[int]:
    derived: dict[str, tuple[str, str, str, str, str, str]] = {}
    base = w.next_id(Person)
    ids = list(range(base, base + len(plan.people)))

    def person_rows() -> Iterable[tuple[Any, ...]]:
        for k, p in enumerate(plan.people):
            d = derived.get(p.full_name)
            if d is None:
                probe = Person(full_name=p.full_name)
                probe.fill_derived()
                d = derived[p.full_name] = (
                    probe.full_name,
                    probe.family_name,
                    probe.middle_name,
                    probe.given_name,
                    probe.name_fold,
                    probe.sort_key,
                )
            yield (
                ids[k],
                agency.pk,
                p.external_id,
                *d,
                p.sex,
                p.birth_date.isoformat(),
                p.birth_date.year,
                unit_id[p.unit],
                p.position,
                p.hired_on.isoformat(),
                p.leave is None,
            )

    rows["people"] = w.insert(
        Person,
        (
            "id",
            "agency_id",
            "external_id",
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "name_fold",
            "sort_key",
            "sex",
            "birth_date",
            "birth_year",
            "unit_id",
            "position",
            "hired_on",
            "is_active",
        ),
        person_rows(),
    )

    def employment_rows() -> Iterable[tuple[Any, ...]]:
        one_day = dt.timedelta(days=1)
        for k, p in enumerate(plan.people):
            segs = p.segments
            for n, (start, unit, position, leader) in enumerate(segs):
                if n + 1 < len(segs):
                    end: dt.date | None = segs[n + 1][0] - one_day
                else:
                    end = p.leave - one_day if p.leave is not None else None
                yield (ids[k], unit_id[unit], position, leader, start.isoformat(), _iso(end))

    base_e = w.next_id(Employment)
    rows["employments"] = w.insert(
        Employment,
        ("id", "person_id", "unit_id", "position", "is_leader", "start", "end"),
        ((base_e + n, *r) for n, r in enumerate(employment_rows())),
    )
    return ids


def _ratings(
    plan: Plan, unit_id: list[int], person_id: list[int], w: BulkWriter, rows: dict[str, int]
) -> None:
    base = w.next_id(Rating)
    rows["ratings"] = w.insert(
        Rating,
        ("id", "person_id", "unit_id", "year", "grade"),
        (
            (
                base + n,
                person_id[p] if p is not None else None,
                unit_id[u] if u is not None else None,
                y,
                g,
            )
            for n, (p, u, y, g) in enumerate(plan.ratings)
        ),
    )
    base = w.next_id(Discipline)
    assert {f for f, *_ in DISCIPLINE_FORMS} <= set(Discipline.Form.values)
    rows["disciplines"] = w.insert(
        Discipline,
        ("id", "person_id", "form", "decided_on", "effective_to", "document", "reason"),
        (
            (base + n, person_id[p], form, decided.isoformat(), _iso(eff), doc, reason)
            for n, (p, form, decided, eff, doc, reason) in enumerate(plan.disciplines)
        ),
    )


def _decisions(
    plan: Plan, agency: Agency, unit_id: list[int], w: BulkWriter, rows: dict[str, int]
) -> list[int]:
    base = w.next_id(Decision)
    ids = [0] * len(plan.decisions)
    out = []
    n = base
    for k, d in enumerate(plan.decisions):
        if not d.is_award:
            continue
        ids[k] = n
        issuer = plan.issuers[d.issuer_key]
        term = max((y for y in issuer.signers if y < d.date.year), default=min(issuer.signers))
        out.append(
            (
                n,
                agency.pk,
                normalise_decision_number(d.number),
                decision_key(normalise_decision_number(d.number)),
                d.seq,
                d.symbol,
                d.date.isoformat(),
                nfc(issuer.issuer),
                unit_id[issuer.unit] if issuer.unit is not None else None,
                issuer.signers[term],
                issuer.signer_title,
                Decision.Kind.AWARD,
                nfc(d.subject),
            )
        )
        n += 1
    rows["decisions"] = w.insert(
        Decision,
        (
            "id",
            "agency_id",
            "number",
            "number_key",
            "seq",
            "symbol",
            "date",
            "issuer",
            "issuer_unit_id",
            "signer_name",
            "signer_title",
            "kind",
            "subject",
        ),
        out,
    )
    return ids


def _initiatives(
    plan: Plan, unit_id: list[int], person_id: list[int], w: BulkWriter, rows: dict[str, int]
) -> None:
    base = w.next_id(Initiative)
    titles: dict[str, tuple[str, str]] = {}

    def title(text: str) -> tuple[str, str]:
        t = titles.get(text)
        if t is None:
            t = titles[text] = (nfc(text), fold(text))
        return t

    decisions = plan.decisions
    rows["initiatives"] = w.insert(
        Initiative,
        (
            "id",
            "title",
            "title_fold",
            "year",
            "level",
            "unit_id",
            "decision_number",
            "decision_date",
        ),
        (
            (
                base + n,
                *title(i.title),
                i.year,
                i.level,
                unit_id[i.unit],
                normalise_decision_number(decisions[i.decision].number),
                decisions[i.decision].date.isoformat(),
            )
            for n, i in enumerate(plan.initiatives)
        ),
    )
    through = Initiative.authors.through
    base_t = w.next_id(through)
    pairs = ((base + n, person_id[a]) for n, i in enumerate(plan.initiatives) for a in i.authors)
    rows["initiative_authors"] = w.insert(
        through,
        ("id", "initiative_id", "person_id"),
        ((base_t + k, ini, p) for k, (ini, p) in enumerate(pairs)),
    )


def _awards(
    plan: Plan,
    unit_id: list[int],
    person_id: list[int],
    decision_id: list[int],
    w: BulkWriter,
    rows: dict[str, int],
) -> int:
    """Insert the award lines; return the id of the first (plan index k → id base + k)."""
    types = dict(AwardType.objects.values_list("code", "pk"))
    base = w.next_id(Award)
    rows["awards"] = w.insert(
        Award,
        (
            "id",
            "award_type_id",
            "year",
            "decision_id",
            "subject_kind",
            "person_id",
            "unit_id",
            "unit_at_time_id",
            "position_at_time",
            "kind",
        ),
        (
            (
                base + n,
                types[code],
                year,
                decision_id[d],
                "individual" if p is not None else "collective",
                person_id[p] if p is not None else None,
                unit_id[u] if u is not None else None,
                unit_id[at],
                pos,
                kind,
            )
            for n, (code, year, d, p, u, at, pos, kind) in enumerate(plan.awards)
        ),
    )
    return base


def _emulation(
    plan: Plan,
    agency: Agency,
    unit_id: list[int],
    person_id: list[int],
    decision_id: list[int],
    award_base: int,
    w: BulkWriter,
    rows: dict[str, int],
) -> None:
    n_targets = n_results = 0
    for m in plan.movements:
        movement = Movement.objects.create(
            agency=agency,
            unit_id=unit_id[m.unit],
            name=nfc(m.name),
            kind=m.kind,
            start_year=m.start_year,
            end_year=m.end_year,
            launch_document=m.launch_document,
            description=m.description,
        )
        for order, t in enumerate(m.targets, start=1):
            target = Target.objects.create(
                movement=movement,
                name=t.name,
                measure=t.measure,
                direction=t.direction,
                order=order,
            )
            TargetResult.objects.bulk_create(
                TargetResult(target=target, year=y, planned=p, actual=a) for y, p, a in t.results
            )
            n_targets += 1
            n_results += len(t.results)
    rows["movements"] = len(plan.movements)
    rows["targets"] = n_targets
    rows["target_results"] = n_results

    base = w.next_id(Cluster)
    rows["clusters"] = w.insert(
        Cluster,
        ("id", "agency_id", "name", "year", "leader_id"),
        (
            (
                base + n,
                agency.pk,
                nfc(c.name),
                c.year,
                unit_id[c.leader] if c.leader is not None else None,
            )
            for n, c in enumerate(plan.clusters)
        ),
    )
    through = Cluster.members.through
    base_t = w.next_id(through)
    pairs = ((base + n, unit_id[u]) for n, c in enumerate(plan.clusters) for u in c.members)
    rows["cluster_members"] = w.insert(
        through,
        ("id", "cluster_id", "unit_id"),
        ((base_t + k, c, u) for k, (c, u) in enumerate(pairs)),
    )

    for c in plan.conferences:
        conference = Conference.objects.create(
            agency=agency,
            unit_id=unit_id[c.unit],
            name=nfc(c.name),
            level=Conference.Level.DEPARTMENT,
            date=c.date,
            place=c.place,
            period_from=c.period_from,
            period_to=c.period_to,
            plan_document=c.plan_document,
            delegates_count=c.delegates_count,
            decision_id=decision_id[c.decision],
            summary=c.summary,
        )
        conference.honourees.add(*[award_base + k for k in c.honourees])
        delegates = []
        for k in c.honourees:
            _code, _y, _d, p, _u, at, pos, _kind = plan.awards[k]
            if p is not None:
                person = plan.people[p]
                delegates.append(
                    Delegate(
                        conference=conference,
                        person_id=person_id[p],
                        name=person.full_name,
                        unit_id=unit_id[at],
                        role=pos,
                    )
                )
        Delegate.objects.bulk_create(delegates)
    rows["conferences"] = len(plan.conferences)


def plan_digest(plan: Plan) -> str:
    """A digest of *plan* by natural keys (codes, staff codes, decision numbers), as stored."""
    units = plan.units
    final_parent: dict[int, int | None] = {i: u.parent for i, u in enumerate(units)}
    for m in plan.merges:
        for s in m.sources:
            final_parent[s] = m.into
    ext = [p.external_id for p in plan.people]

    def subject(p: int | None, u: int | None) -> str:
        return ext[p] if p is not None else units[u].code  # type: ignore[index]

    decisions = plan.decisions
    number = [normalise_decision_number(d.number) for d in decisions]
    lines = [
        f"U|{u.code}|{nfc(u.name)}|{_code(units, final_parent[i])}" for i, u in enumerate(units)
    ]
    lines += [
        f"M|{units[s].code}|{units[m.into].code}|{m.date}" for m in plan.merges for s in m.sources
    ]
    lines += [
        f"P|{p.external_id}|{nfc(p.full_name)}|{p.sex}|{p.birth_date}|{p.hired_on}|"
        f"{units[p.unit].code}"
        for p in plan.people
    ]
    lines += [f"R|{subject(p, u)}|{y}|{g}" for p, u, y, g in plan.ratings]
    lines += [f"D|{ext[p]}|{f}|{d}" for p, f, d, *_ in plan.disciplines]
    lines += [
        f"I|{i.year}|{i.level}|{units[i.unit].code}|{nfc(i.title)}|"
        + ",".join(sorted(ext[a] for a in i.authors))
        for i in plan.initiatives
    ]
    lines += [f"Q|{number[k]}|{d.date}" for k, d in enumerate(decisions) if d.is_award]
    lines += [
        f"A|{code}|{y}|{subject(p, u)}|{number[d]}|{decisions[d].date}"
        for code, y, d, p, u, *_ in plan.awards
    ]
    return digest(sorted(lines))


def _code(units: Sequence[Any], index: int | None) -> str:
    return units[index].code if index is not None else ""


def db_digest(agency: Agency) -> str:
    """The digest of what is stored for *agency*, comparable to :func:`plan_digest`."""
    from tdkt.org.models import ReorgEvent

    units = list(Unit.objects.filter(agency=agency))
    code = {u.pk: u.code for u in units}
    people = dict(Person.objects.filter(agency=agency).values_list("pk", "external_id"))

    def subject(pid: int | None, uid: int | None) -> str:
        return str(people[pid]) if pid else code[uid]  # type: ignore[index]

    lines = [f"U|{u.code}|{u.name}|{code.get(u.parent_id, '')}" for u in units]  # type: ignore[arg-type]
    lines += [
        f"M|{code[e.unit_id]}|{code[e.other_id]}|{e.date}"  # type: ignore[index]
        for e in ReorgEvent.objects.filter(unit__agency=agency, kind=ReorgEvent.Kind.MERGE)
    ]
    lines += [
        f"P|{p.external_id}|{p.full_name}|{p.sex}|{p.birth_date}|{p.hired_on}|{code[p.unit_id]}"
        for p in Person.objects.filter(agency=agency)
    ]
    lines += [
        f"R|{subject(pid, uid)}|{y}|{g}"
        for pid, uid, y, g in Rating.objects.filter(
            models.Q(person__agency=agency) | models.Q(unit__agency=agency)
        ).values_list("person_id", "unit_id", "year", "grade")
    ]
    lines += [
        f"D|{people[pid]}|{form}|{decided}"
        for pid, form, decided in Discipline.objects.filter(person__agency=agency).values_list(
            "person_id", "form", "decided_on"
        )
    ]
    authors: dict[int, list[str]] = {}
    for ini, pid in Initiative.authors.through.objects.filter(
        initiative__unit__agency=agency
    ).values_list("initiative_id", "person_id"):
        authors.setdefault(ini, []).append(people[pid])  # type: ignore[arg-type]
    lines += [
        f"I|{i.year}|{i.level}|{code[i.unit_id]}|{i.title}|"
        + ",".join(sorted(authors.get(i.pk, [])))
        for i in Initiative.objects.filter(unit__agency=agency)
    ]
    lines += [
        f"Q|{number}|{date}"
        for number, date in Decision.objects.filter(agency=agency).values_list("number", "date")
    ]
    lines += [
        f"A|{c}|{y}|{subject(pid, uid)}|{number}|{date}"
        for c, y, pid, uid, number, date in Award.objects.filter(
            decision__agency=agency
        ).values_list(
            "award_type__code",
            "year",
            "person_id",
            "unit_id",
            "decision__number",
            "decision__date",
        )
    ]
    return digest(sorted(lines))
