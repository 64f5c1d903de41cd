"""Write validated award and initiative lists into the database (FORMATS.md §1 and §3).

The whole file is read and validated first (readers.py, validate.py). Then every subject is
matched in memory against a few batched queries, and everything is written in one
transaction with bulk inserts. With any error nothing is written. Re-importing the same file
creates no duplicates: an award is identified by subject, code, year and decision number.

Matching:
* units by code, else by folded name (a name two units share is an error unless ``under``
  decides it); missing units are created under ``under`` (or at the top level);
* people by ``Mã định danh`` when given, else by folded name + unit + birth year (the unit
  may be their current unit or one they were awarded in before; a row without a birth year
  matches a single namesake in that unit);
* collectives by ``Mã định danh`` (= unit code) when given, else by name: the ``Đơn vị`` unit
  itself when the names agree, else a unit of that name below it, else anywhere unique;
* decisions by folded number (no leading zeros) and date.

An award is ``adhoc`` or ``thematic`` when its note says "đột xuất" / "chuyên đề", else merit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction

from tdkt.awards.models import Award, AwardType, Decision
from tdkt.awards.numbers import decision_key
from tdkt.common import audit
from tdkt.common.bulk import insert_rows
from tdkt.common.text import fold, nfc
from tdkt.imports.errors import ImportFileError, Problem
from tdkt.imports.names import AwardResolver
from tdkt.imports.readers import Table, read_table
from tdkt.imports.validate import AwardRow, InitiativeRow, validate_awards, validate_initiatives
from tdkt.org.models import Agency, Household, Membership, Person, Unit
from tdkt.org.policies import membership
from tdkt.records.models import Initiative

Progress = Callable[[str, int, int], None]
T = TypeVar("T")
BATCH = 5000
AWARD_FIELDS = (
    "award_type_id",
    "year",
    "decision_id",
    "subject_kind",
    "person_id",
    "unit_id",
    "household_id",
    "unit_at_time_id",
    "position_at_time",
    "kind",
    "note",
)
_ADHOC = re.compile(r"\bdot xuat\b")
_THEMATIC = re.compile(r"\bchuyen de\b")


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    kind: str
    rows_read: int = 0
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    matched: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    skipped_duplicates: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        created = ", ".join(f"{k} {v}" for k, v in sorted(self.created.items()) if v) or "0"
        matched = ", ".join(f"{k} {v}" for k, v in sorted(self.matched.items()) if v) or "0"
        head = "dry run: nothing written; " if self.dry_run else ""
        return (
            f"{head}rows read {self.rows_read}; created: {created}; matched: {matched}; "
            f"skipped as duplicates {self.skipped_duplicates}"
        )


class _Rollback(Exception):
    """Raised inside the transaction of a dry run, or when writing finds an error."""


def _chunks(items: list[T], size: int = 900) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _noop(phase: str, done: int, total: int) -> None:
    return None


def _default_agency() -> Agency:
    agency = Agency.objects.order_by("id").first()
    if agency is None:
        agency = Agency.objects.create(code="MAC_DINH", name="Cơ quan (chưa đặt tên)")
    return agency


def _unit_code(name: str, taken: set[str]) -> str:
    """Initials of the folded name, made unique: "Phòng Lao động – Việc làm" → "PLDVL"."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(name)) if w]
    base = ("".join(w[0] for w in words) or "DV").upper()[:30]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    taken.add(code)
    return code


class _Units:
    """In-memory unit index of one agency; creates missing units (written on ``flush``)."""

    def __init__(self, agency: Agency, under: Unit | None, scope_path: str | None) -> None:
        self.agency, self.under, self.scope_path = agency, under, scope_path
        self.rows = list(Unit.objects.filter(agency=agency))
        self.by_code = {u.code.upper(): u for u in self.rows}
        self.taken = set(Unit.objects.values_list("code", flat=True))
        self.by_name: dict[str, list[Unit]] = defaultdict(list)
        for u in self.rows:
            self.by_name[u.name_fold].append(u)
        self.new: list[Unit] = []
        self.memo: dict[tuple[object, ...], tuple[Unit | None, str]] = {}

    def _in_scope(self, unit: Unit) -> bool:
        path = unit.path or (unit.parent.path if unit.parent else "")
        return self.scope_path is None or path.startswith(self.scope_path)

    def find(self, text: str, key: str, near: Unit | None = None) -> Unit | str | None:
        """The unit, None if none, or an error message."""
        unit = self.by_code.get(nfc(text).upper())
        if unit is not None:
            return unit
        candidates = self.by_name.get(key, [])
        if len(candidates) > 1:
            for root in (near, self.under):
                if root is not None:
                    inside = [
                        u
                        for u in candidates
                        if u.parent is root
                        or u is root
                        or (root.path and u.path.startswith(root.path))
                    ]
                    if len(inside) == 1:
                        return inside[0]
            codes = ", ".join(sorted(u.code for u in candidates))
            return f'"{text}" matches several units ({codes}): write the unit code instead'
        return candidates[0] if candidates else None

    def get_or_create(
        self, text: str, key: str, parent: Unit | None, code: str = ""
    ) -> tuple[Unit | None, str]:
        """(unit, "") or (None, error message); memoised per distinct cell text."""
        memo_key = (text, key, id(parent), code)
        found = self.memo.get(memo_key)
        if found is None:
            found = self.memo[memo_key] = self._get_or_create(text, key, parent, code)
        return found

    def _get_or_create(
        self, text: str, key: str, parent: Unit | None, code: str = ""
    ) -> tuple[Unit | None, str]:
        found = self.find(code or text, fold(code) if code else key, near=parent)
        if isinstance(found, str):
            return None, found
        if found is None and code:
            found = self.find(text, key, near=parent)
            if isinstance(found, str):
                return None, found
        if found is not None:
            if not self._in_scope(found):
                return None, f'"{text}" is outside your units'
            return found, ""
        parent = parent or self.under
        unit = Unit(
            agency=self.agency,
            name=text,
            parent=parent,
            code=(
                nfc(code).upper()
                if code and code.upper() not in self.taken
                else _unit_code(text, self.taken)
            ),
        )
        self.taken.add(unit.code)
        unit.name_fold = key
        self.new.append(unit)
        self.by_code[unit.code] = unit
        self.by_name[key].append(unit)
        return unit, ""

    def flush(self) -> int:
        """Save the new units parents first (paths need the parent's id)."""
        for unit in self.new:  # created in order, so a new parent is saved before its child
            unit.save()
        return len(self.new)


def _scope(actor: Any, under: Unit | None) -> tuple[Unit | None, str | None]:
    """The ``under`` unit and path prefix an actor may import into (None = anywhere)."""
    m = membership(actor) if actor is not None else None
    if actor is None or (
        m is not None and m.role in (Membership.Role.ADMIN, Membership.Role.OFFICER)
    ):
        return under, None
    if m is not None and m.role == Membership.Role.CLERK and m.unit is not None:
        if under is not None and not under.path.startswith(m.unit.path):
            raise PermissionError("Đơn vị nhận dữ liệu nằm ngoài phạm vi của bạn.")
        return under or m.unit, m.unit.path
    raise PermissionError("Bạn không có quyền nhập dữ liệu.")


def _read(
    source: Any, filename: str | None, report: ImportReport, max_bytes: int | None = None
) -> Table | None:
    try:
        return read_table(source, filename, max_bytes=max_bytes or settings.TDKT_MAX_UPLOAD_BYTES)
    except ImportFileError as exc:
        report.errors.append(Problem(None, None, exc.message))
        return None


def _award_kind(note: str) -> str:
    folded = fold(note)
    if _ADHOC.search(folded):
        return Award.Kind.ADHOC
    if _THEMATIC.search(folded):
        return Award.Kind.THEMATIC
    return Award.Kind.MERIT


def _file_digest(source: Any) -> str:
    if isinstance(source, str | Path):
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()
    if isinstance(source, bytes | bytearray):
        return hashlib.sha256(source).hexdigest()
    return ""


class _People:
    """Matches people of an agency by external id or by name + unit + birth year."""

    def __init__(self, agency: Agency, rows: list[AwardRow]) -> None:
        self.agency = agency
        ids = sorted(
            {r.external_id for r in rows if r.subject_kind == "individual" and r.external_id}
        )
        names = sorted(
            {r.name_key for r in rows if r.subject_kind == "individual" and not r.external_id}
        )
        self.by_ext: dict[str, Person] = {}
        for chunk in _chunks(ids):
            for p in Person.objects.filter(agency=agency, external_id__in=chunk):
                self.by_ext[fold(p.external_id or "")] = p
        self.by_name: dict[tuple[str, int], list[Person]] = defaultdict(list)
        for chunk in _chunks(names):
            people = {p.pk: p for p in Person.objects.filter(agency=agency, name_fold__in=chunk)}
            pairs = {(p.pk, p.unit_id) for p in people.values()}
            pairs |= set(
                Award.objects.filter(person_id__in=list(people))
                .values_list("person_id", "unit_at_time_id")
                .distinct()
            )
            for pk, unit_id in pairs:
                self.by_name[(people[pk].name_fold, unit_id)].append(people[pk])
        self.new: dict[tuple[object, ...], Person] = {}
        self.memo: dict[tuple[object, ...], tuple[Person, bool]] = {}

    def match(self, row: AwardRow, unit: Unit) -> tuple[Person, bool]:
        """(person, created?) — created people are collected for one bulk insert."""
        memo_key = (row.external_id, row.name_key, unit.id, row.birth_year)
        found = self.memo.get(memo_key)
        if found is None:
            found = self.memo[memo_key] = self._match(row, unit)
        return found

    def _match(self, row: AwardRow, unit: Unit) -> tuple[Person, bool]:
        key = (
            row.subject_key
            if row.external_id
            else (*row.subject_key[:3], unit.code, row.birth_year)
        )
        if key in self.new:
            return self.new[key], True
        if row.external_id:
            found = self.by_ext.get(fold(row.external_id))
            if found is not None:
                return found, False
        else:
            namesakes = self.by_name.get((row.name_key, unit.pk), []) if unit.pk else []
            exact = [p for p in namesakes if p.birth_year == row.birth_year]
            loose = [p for p in namesakes if row.birth_year is None or p.birth_year is None]
            if len(exact) == 1:
                return exact[0], False
            if not exact and len({p.pk for p in loose}) == 1:
                return loose[0], False
        person = Person(
            agency=self.agency,
            full_name=row.name,
            external_id=row.external_id or None,
            sex=row.sex,
            birth_year=row.birth_year,
            birth_date=row.birth_date,
            position=row.position,
            unit=unit,
        )
        person.fill_derived()
        self.new[key] = person
        return person, True


def import_awards(
    source: Any,
    filename: str | None = None,
    *,
    agency: Agency | None = None,
    under: Unit | None = None,
    dry_run: bool = False,
    actor: Any = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    max_bytes: int | None = None,
) -> ImportReport:
    """Validate and import an award list; see the module docstring. Never raises for bad data:
    problems are in ``report.errors`` and, when there are any, nothing was written."""
    types = list(AwardType.objects.filter(is_active=True))

    def write(rows: list[AwardRow], t: _Target) -> None:
        _write_awards(
            rows,
            t.agency,
            t.under,
            t.scope_path,
            types,
            t.report,
            progress or _noop,
            actor,
            t.digest,
            filename,
        )

    return _import(
        "awards",
        source,
        filename,
        agency,
        under,
        dry_run,
        actor,
        max_bytes,
        lambda table: validate_awards(table, AwardResolver(types), today=today),
        write,
    )


@dataclass
class _Target:
    """Where validated rows are written, and the report they add to."""

    agency: Agency
    under: Unit | None
    scope_path: str | None
    report: ImportReport
    digest: str


def _import(
    kind: str,
    source: Any,
    filename: str | None,
    agency: Agency | None,
    under: Unit | None,
    dry_run: bool,
    actor: Any,
    max_bytes: int | None,
    validate: Callable[[Table], Any],
    write: Callable[[Any, _Target], None],
) -> ImportReport:
    """Read, validate, then write in one transaction (rolled back on errors or a dry run)."""
    report = ImportReport(kind, dry_run=dry_run)
    under, scope_path = _scope(actor, under)
    table = _read(source, filename, report, max_bytes)
    if table is None:
        return report
    agency = agency or (under.agency if under else _default_agency())
    checked = validate(table)
    report.rows_read, report.warnings = len(table.data), list(checked.warnings)
    report.errors.extend(checked.errors)
    if not checked.ok:
        return report
    try:
        with transaction.atomic():
            write(checked.rows, _Target(agency, under, scope_path, report, _file_digest(source)))
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        if report.errors:  # nothing was written, so nothing was created
            report.created.clear()
    return report


def _write_awards(
    rows: list[AwardRow],
    agency: Agency,
    under: Unit | None,
    scope_path: str | None,
    types: list[AwardType],
    report: ImportReport,
    progress: Progress,
    actor: Any,
    digest: str,
    filename: str | None,
) -> None:
    units = _Units(agency, under, scope_path)
    type_by_code = {t.code: t for t in types}
    # 1. units and collectives
    row_unit: list[Unit | None] = []
    row_subject: list[Unit | Household | None] = []
    households: dict[tuple[str, str], Household] = {}
    existing_households: dict[tuple[str, int], Household] = {}
    for chunk in _chunks(sorted({r.name_key for r in rows if r.subject_kind == "household"})):
        for h in Household.objects.filter(agency=agency, name_fold__in=chunk):
            existing_households[(h.name_fold, h.unit_id)] = h
    for r in rows:
        unit, err = units.get_or_create(r.unit, r.unit_key, None)
        if unit is None:
            report.errors.append(Problem(r.row, "Đơn vị", err))
            row_unit.append(None)
            row_subject.append(None)
            continue
        row_unit.append(unit)
        if r.subject_kind == "collective":
            if r.name_key == unit.name_fold and not r.external_id:
                row_subject.append(unit)
                continue
            coll, err = units.get_or_create(r.name, r.name_key, unit, code=r.external_id)
            if coll is None:
                report.errors.append(Problem(r.row, "Họ và tên", err))
            row_subject.append(coll)
        elif r.subject_kind == "household":
            key = (r.name_key, unit.code)
            if key not in households:
                households[key] = existing_households.get((r.name_key, unit.pk)) or Household(
                    agency=agency, name=r.name, unit=unit
                )
            row_subject.append(households[key])
        else:
            row_subject.append(None)
    if report.errors:
        return
    report.created["units"] = units.flush()
    new_unit_ids = {u.id for u in units.new}
    report.matched["units"] = len({u.id for u in row_unit if u is not None} - new_unit_ids)
    for h in households.values():
        if h.pk is None:
            h.save()
            report.created["households"] += 1
    # 2. people
    people = _People(agency, rows)
    row_person: list[Person | None] = []
    for r, unit in zip(rows, row_unit, strict=True):
        if r.subject_kind != "individual":
            row_person.append(None)
            continue
        assert unit is not None
        person, _ = people.match(r, unit)
        if person.pk is None and person.unit_id != unit.id:  # a new person: latest unit
            person.unit = unit
        row_person.append(person)
    new_people = list({id(p): p for p in people.new.values()}.values())
    for chunk in _chunks(new_people, BATCH):
        Person.objects.bulk_create(chunk, batch_size=BATCH)
        progress("people", len(chunk), len(new_people))
    report.created["people"] = len(new_people)
    report.matched["people"] = len({p.id for p in row_person if p is not None}) - len(new_people)
    # 3. decisions
    wanted: dict[tuple[str, dt.date], AwardRow] = {}
    for r in rows:
        wanted.setdefault((r.decision_key, r.decision_date), r)
    decisions: dict[tuple[str, dt.date], Decision] = {}
    for chunk in _chunks(sorted({k for k, _ in wanted})):
        for d in Decision.objects.filter(agency=agency, number_key__in=chunk):
            decisions[(d.number_key, d.date)] = d
    report.matched["decisions"] = sum(1 for k in wanted if k in decisions)
    new_decisions = []
    for key, r in wanted.items():
        if key not in decisions:
            d = Decision(
                agency=agency, number=r.decision_number, date=r.decision_date, issuer=r.issuer
            )
            d.fill_derived()
            decisions[key] = d
            new_decisions.append(d)
    Decision.objects.bulk_create(new_decisions, batch_size=BATCH)
    report.created["decisions"] = len(new_decisions)
    # 4. awards, skipping those already recorded
    new_ids = {d.pk for d in new_decisions}
    old_ids = [d.pk for d in decisions.values() if d.pk not in new_ids]
    seen: set[tuple[object, ...]] = set()
    for chunk in _chunks(old_ids):
        seen.update(
            Award.objects.filter(decision_id__in=chunk).values_list(
                "person_id", "unit_id", "household_id", "award_type_id", "year", "decision_id"
            )
        )
    awards: list[tuple[object, ...]] = []
    decision_ids = {key: d.id for key, d in decisions.items()}
    type_ids = {code: t.id for code, t in type_by_code.items()}
    merit = Award.Kind.MERIT
    for r, unit, subject, person in zip(rows, row_unit, row_subject, row_person, strict=True):
        decision_id = decision_ids[(r.decision_key, r.decision_date)]
        type_id = type_ids[r.code]
        coll_id = subject.id if isinstance(subject, Unit) else None
        hh_id = subject.id if isinstance(subject, Household) else None
        person_id = person.id if person is not None else None
        identity = (person_id, coll_id, hh_id, type_id, r.year, decision_id)
        if identity in seen:
            report.skipped_duplicates += 1
            continue
        seen.add(identity)
        unit_at_time = coll_id if r.subject_kind == "collective" else unit.id  # type: ignore[union-attr]
        kind = _award_kind(r.note) if r.note else merit
        awards.append(
            (
                type_id,
                r.year,
                decision_id,
                r.subject_kind,
                person_id,
                coll_id,
                hh_id,
                unit_at_time,
                r.position,
                kind,
                r.note,
            )
        )
    progress("awards", 0, len(awards))
    report.created["awards"] = insert_rows(Award, AWARD_FIELDS, awards)
    progress("awards", len(awards), len(awards))
    audit.record_event(
        actor,
        "import",
        "awards.award",
        digest[:40],
        summary=f"import awards {filename or ''}",
        after={"file": filename, "sha256": digest, "summary": report.summary()},
    )


def import_initiatives(
    source: Any,
    filename: str | None = None,
    *,
    agency: Agency | None = None,
    under: Unit | None = None,
    dry_run: bool = False,
    actor: Any = None,
    today: dt.date | None = None,
    max_bytes: int | None = None,
) -> ImportReport:
    """Validate and import an initiative list (FORMATS.md §3); authors are matched by name
    within the unit's subtree, and created in the unit when not found."""

    def write(rows: list[InitiativeRow], t: _Target) -> None:
        _write_initiatives(
            rows, t.agency, t.under, t.scope_path, t.report, actor, t.digest, filename
        )

    return _import(
        "initiatives",
        source,
        filename,
        agency,
        under,
        dry_run,
        actor,
        max_bytes,
        lambda table: validate_initiatives(table, today=today),
        write,
    )


def _write_initiatives(
    rows: list[InitiativeRow],
    agency: Agency,
    under: Unit | None,
    scope_path: str | None,
    report: ImportReport,
    actor: Any,
    digest: str,
    filename: str | None,
) -> None:
    units = _Units(agency, under, scope_path)
    resolved: list[Unit] = []
    for r in rows:
        unit, err = units.get_or_create(r.unit, r.unit_key, None)
        if unit is None:
            report.errors.append(Problem(r.row, "Đơn vị", err))
        else:
            resolved.append(unit)
    if report.errors:
        return
    report.created["units"] = units.flush()
    existing = set(
        Initiative.objects.filter(unit__agency=agency, year__in={r.year for r in rows}).values_list(
            "title_fold", "unit_id", "year", "decision_number"
        )
    )
    existing_keys = {(t, u, y, decision_key(n)) for t, u, y, n in existing}
    authors_by_unit: dict[int, dict[str, Person]] = {}
    for r, unit in zip(rows, resolved, strict=True):
        if (r.title_key, unit.pk, r.year, decision_key(r.decision_number)) in existing_keys:
            report.skipped_duplicates += 1
            continue
        if unit.pk not in authors_by_unit:
            authors_by_unit[unit.pk] = {
                p.name_fold: p for p in Person.objects.filter(unit__path__startswith=unit.path)
            }
        known = authors_by_unit[unit.pk]
        authors = []
        for name, key in zip(r.authors, r.author_keys, strict=True):
            if key not in known:
                known[key] = Person.objects.create(agency=agency, full_name=name, unit=unit)
                report.created["people"] += 1
            else:
                report.matched["people"] += 1
            authors.append(known[key])
        initiative = Initiative.objects.create(
            title=r.title,
            year=r.year,
            level=r.level,
            unit=unit,
            decision_number=r.decision_number,
            decision_date=r.decision_date,
            note=r.note,
        )
        initiative.authors.set(authors)
        report.created["initiatives"] += 1
    audit.record_event(
        actor,
        "import",
        "records.initiative",
        digest[:40],
        summary=f"import initiatives {filename or ''}",
        after={"file": filename, "sha256": digest, "summary": report.summary()},
    )


def print_problems(problems: Iterable[Problem]) -> list[str]:
    return [str(p) for p in problems]
