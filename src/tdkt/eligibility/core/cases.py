"""Rule cases (FORMATS.md §4): load scenario files strictly, run them, report.

Beyond the keys FORMATS.md shows, a case may give (additions, never renames):
``received_date``, ``local_rules_issued`` (regime transitions), ``holds``, ``absences``,
``service`` (KNC), ``overrides`` (parameter values for this case), ``expect_regime``; a
collective's ``subject`` may say ``leader`` and ``targets_exceeded``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .engine import Engine, default_decision_date
from .facts import (
    Absence,
    AwardFact,
    AwardKind,
    CollectiveFacts,
    DisciplineFact,
    DisciplineForm,
    Facts,
    HoldFact,
    HoldKind,
    InitiativeFact,
    InitiativeLevel,
    MemberSituation,
    PersonFacts,
    Rating,
    SectorService,
    Sex,
    SubjectKind,
)
from .registry import subject_allows
from .verdict import Outcome
from .yamlio import DataError, check_keys, load_yaml, parse_date

_CASE_KEYS = {
    "name", "year", "decision_date", "received_date", "local_rules_issued", "subject",
    "ratings", "awards", "initiatives", "discipline", "holds", "absences", "service",
    "members", "overrides", "expect", "expect_regime",
}  # fmt: skip
_PERSON_ONLY = {"initiatives", "discipline", "absences", "service"}
_SUBJECT_KEYS = {
    SubjectKind.PERSON: {"kind", "sex", "hired"},
    SubjectKind.COLLECTIVE: {"kind", "leader", "targets_exceeded"},
}


E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class _Bad(Exception):
    """A problem at a field path inside one case."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class Case:
    file: str
    name: str
    year: int
    decision_date: dt.date | None
    received_date: dt.date | None
    local_rules_issued: bool | None
    facts: Facts
    expect: Mapping[str, Outcome]
    expect_regime: str | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)


# --- small strict readers -----------------------------------------------------------------


def _enum(cls: type[E], value: Any, path: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m) for m in cls)
        raise _Bad(path, f"{value!r} is not one of {allowed}") from None


def _int(value: Any, path: str, low: int | None = None, high: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad(path, f"expected a whole number, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise _Bad(path, f"{value} is out of range ({low}–{high})")
    return value


def _number(value: Any, path: str) -> Decimal:
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        raise _Bad(path, f"expected a number ≥ 0, got {value!r}")
    return Decimal(str(value))


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _Bad(path, f"expected true or false, got {value!r}")
    return value


def _date(value: Any, path: str) -> dt.date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise _Bad(path, str(exc)) from None


def _mapping(value: Any, path: str, allowed: Iterable[str], required: Iterable[str] = ()) -> Any:
    if not isinstance(value, Mapping):
        raise _Bad(path, "expected a mapping")
    problem = check_keys(value, set(allowed), set(required))
    if problem:
        raise _Bad(path, problem)
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(path, "expected a list")
    return value


def _year_map(raw: Any, path: str, year: int, read: Callable[[Any, str], T]) -> dict[int, T]:
    if not isinstance(raw, Mapping):
        raise _Bad(path, "expected a mapping of year to value")
    out: dict[int, T] = {}
    for y, v in raw.items():
        y = _int(y, f"{path}: year", 1900, year)
        out[y] = read(v, f"{path}.{y}")
    return out


# --- one case -----------------------------------------------------------------------------


class _Reader:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.codes = engine.registry.codes

    def code(self, value: Any, path: str, kind: SubjectKind) -> str:
        if value not in self.codes:
            raise _Bad(path, f"unknown award code {value!r}")
        if not subject_allows(self.codes[value], kind):
            raise _Bad(path, f"{value} is not awarded to a {kind}")
        return str(value)

    def case(self, raw: Any, label: str) -> Case:
        raw = _mapping(raw, "case", _CASE_KEYS, {"name", "year", "subject", "expect"})
        name = raw["name"]
        if not isinstance(name, str) or not name.strip():
            raise _Bad("name", "must be a non-empty text")
        year = _int(raw["year"], "year", 1900, 2100)
        decision = None
        if raw.get("decision_date") is not None:
            decision = _date(raw["decision_date"], "decision_date")
            if decision < dt.date(year, 1, 1):
                raise _Bad("decision_date", f"{decision} is before the year {year} began")
        received = None
        if raw.get("received_date") is not None:
            received = _date(raw["received_date"], "received_date")
            if received > (decision or default_decision_date(year)):
                raise _Bad("received_date", f"{received} is after the decision date")
        local = raw.get("local_rules_issued")
        local = None if local is None else _bool(local, "local_rules_issued")

        subject = raw["subject"]
        kind_raw = subject.get("kind") if isinstance(subject, Mapping) else None
        kind = _enum(SubjectKind, kind_raw, "subject.kind")
        subject = _mapping(subject, "subject", _SUBJECT_KEYS[kind], {"kind"})
        if kind is SubjectKind.COLLECTIVE:
            misplaced = sorted(_PERSON_ONLY & set(raw))
            if misplaced:
                raise _Bad(misplaced[0], "only for a person")
        elif "members" in raw:
            raise _Bad("members", "only for a collective")

        ratings = _year_map(raw.get("ratings") or {}, "ratings", year, self.rating)
        awards = tuple(
            self.award(a, f"awards[{i}]", kind, year)
            for i, a in enumerate(_list(raw.get("awards") or [], "awards"), start=1)
        )
        expect = self.expect(raw["expect"], kind)
        regime = raw.get("expect_regime")
        if regime is not None and regime not in self.engine.regimes.ids:
            known = ", ".join(sorted(self.engine.regimes.ids))
            raise _Bad("expect_regime", f"unknown regime {regime!r} (known: {known})")
        overrides = self.overrides(raw.get("overrides") or {}, name)
        facts: Facts
        if kind is SubjectKind.PERSON:
            facts = self.person(raw, subject, name, ratings, awards, year)
        else:
            facts = self.collective(raw, subject, name, ratings, awards, year)
        return Case(
            label, name.strip(), year, decision, received, local, facts, expect, regime, overrides
        )

    def rating(self, value: Any, path: str) -> Rating:
        return _enum(Rating, value, path)

    def award(self, raw: Any, path: str, kind: SubjectKind, year: int) -> AwardFact:
        raw = _mapping(raw, path, {"code", "year", "kind", "decision_date"}, {"code", "year"})
        code = self.code(raw["code"], f"{path}.code", kind)
        award_year = _int(raw["year"], f"{path}.year", 1900, year)
        award_kind = _enum(AwardKind, raw.get("kind", "merit"), f"{path}.kind")
        decided = raw.get("decision_date")
        decided = None if decided is None else _date(decided, f"{path}.decision_date")
        if decided is not None and decided.year < award_year:
            raise _Bad(f"{path}.decision_date", f"{decided} is before the year {award_year}")
        return AwardFact(code, award_year, award_kind, decided)

    def expect(self, raw: Any, kind: SubjectKind) -> dict[str, Outcome]:
        if not isinstance(raw, Mapping) or not raw:
            raise _Bad("expect", "expected a non-empty mapping of award code to verdict")
        out = {}
        for code, word in raw.items():
            code = self.code(code, f"expect.{code}", kind)
            out[code] = _enum(Outcome, word, f"expect.{code}")
        return out

    def overrides(self, raw: Any, name: str) -> dict[str, Any]:
        if not isinstance(raw, Mapping):
            raise _Bad("overrides", "expected a mapping of parameter to value")
        for param, value in raw.items():
            try:
                self.engine.parameters.with_overrides({param: [(None, None, value, name)]})
            except DataError as exc:
                raise _Bad(f"overrides.{param}", str(exc).split(": ", 1)[-1]) from None
        return dict(raw)

    def person(
        self,
        raw: Mapping[str, Any],
        subject: Mapping[str, Any],
        name: str,
        ratings: dict[int, Rating],
        awards: tuple[AwardFact, ...],
        year: int,
    ) -> PersonFacts:
        sex = None if subject.get("sex") is None else _enum(Sex, subject["sex"], "subject.sex")
        hired = None if subject.get("hired") is None else _date(subject["hired"], "subject.hired")
        initiatives = []
        for i, r in enumerate(_list(raw.get("initiatives") or [], "initiatives"), start=1):
            path = f"initiatives[{i}]"
            r = _mapping(r, path, {"year", "level"}, {"year", "level"})
            initiatives.append(
                InitiativeFact(
                    _int(r["year"], f"{path}.year", 1900, year),
                    _enum(InitiativeLevel, r["level"], f"{path}.level"),
                )
            )
        disciplines = []
        for i, r in enumerate(_list(raw.get("discipline") or [], "discipline"), start=1):
            path = f"discipline[{i}]"
            r = _mapping(r, path, {"form", "date", "end"}, {"form", "date"})
            start = _date(r["date"], f"{path}.date")
            end = None if r.get("end") is None else _date(r["end"], f"{path}.end")
            if end is not None and end < start:
                raise _Bad(f"{path}.end", f"{end} is before the date {start}")
            disciplines.append(
                DisciplineFact(_enum(DisciplineForm, r["form"], f"{path}.form"), start, end)
            )
        absences = _year_map(raw.get("absences") or {}, "absences", year, self.absence)
        service = None
        if raw.get("service") is not None:
            s = _mapping(raw["service"], "service", {"years", "hardship_years"}, {"years"})
            years = _number(s["years"], "service.years")
            hardship = _number(s.get("hardship_years", 0), "service.hardship_years")
            if hardship > years:
                raise _Bad("service.hardship_years", "more than the years of service")
            service = SectorService(years, hardship)
        return PersonFacts(
            subject_id=name,
            sex=sex,
            hired=hired,
            ratings=ratings,
            awards=awards,
            initiatives=tuple(initiatives),
            disciplines=tuple(disciplines),
            holds=self.holds(raw),
            absences=absences,
            service=service,
        )

    def absence(self, value: Any, path: str) -> Absence:
        if isinstance(value, Mapping):
            value = _mapping(value, path, {"days", "maternity"}, {"days"})
            days = _int(value["days"], f"{path}.days", 0, 366)
            maternity = _int(value.get("maternity", 0), f"{path}.maternity", 0, days)
            return Absence(days, maternity)
        return Absence(_int(value, path, 0, 366))

    def holds(self, raw: Mapping[str, Any]) -> tuple[HoldFact, ...]:
        holds = []
        for i, r in enumerate(_list(raw.get("holds") or [], "holds"), start=1):
            path = f"holds[{i}]"
            r = _mapping(r, path, {"kind", "from", "to"}, {"kind", "from"})
            start = _date(r["from"], f"{path}.from")
            end = None if r.get("to") is None else _date(r["to"], f"{path}.to")
            if end is not None and end < start:
                raise _Bad(f"{path}.to", f"{end} is before from {start}")
            holds.append(HoldFact(_enum(HoldKind, r["kind"], f"{path}.kind"), start, end))
        return tuple(holds)

    def collective(
        self,
        raw: Mapping[str, Any],
        subject: Mapping[str, Any],
        name: str,
        ratings: dict[int, Rating],
        awards: tuple[AwardFact, ...],
        year: int,
    ) -> CollectiveFacts:
        members: dict[int, tuple[MemberSituation, ...]] = {}
        if raw.get("members") is not None:
            situations = []
            for i, m in enumerate(_list(raw["members"], "members"), start=1):
                path = f"members[{i}]"
                m = _mapping(m, path, {"rating", "awards", "discipline", "sex"})
                codes = _list(m.get("awards") or [], f"{path}.awards")
                situations.append(
                    MemberSituation(
                        None if m.get("rating") is None else self.rating(m["rating"], path),
                        frozenset(
                            self.code(c, f"{path}.awards[{j}]", SubjectKind.PERSON)
                            for j, c in enumerate(codes, start=1)
                        ),
                        None
                        if m.get("discipline") is None
                        else _enum(DisciplineForm, m["discipline"], f"{path}.discipline"),
                        None if m.get("sex") is None else _enum(Sex, m["sex"], f"{path}.sex"),
                    )
                )
            members[year] = tuple(situations)
        flags = {}
        for key in ("leader", "targets_exceeded"):
            if subject.get(key) is not None:
                flags[key] = {year: _bool(subject[key], f"subject.{key}")}
        return CollectiveFacts(
            subject_id=name,
            ratings=ratings,
            awards=awards,
            holds=self.holds(raw),
            members=members,
            cluster_leader=flags.get("leader", {}),
            targets_exceeded=flags.get("targets_exceeded", {}),
        )


def load_cases(path: Path, label: str, engine: Engine) -> list[Case]:
    """Every case in one file; all problems are reported together, naming file and case."""
    data = load_yaml(path, label)
    if not isinstance(data, list) or not data:
        raise DataError(f"{label}: expected a non-empty list of cases")
    reader = _Reader(engine)
    cases: list[Case] = []
    errors: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(data, start=1):
        name = raw.get("name") if isinstance(raw, Mapping) else None
        where = f"{label}: case {i}" + (f" ({name!r})" if isinstance(name, str) else "")
        try:
            case = reader.case(raw, label)
        except _Bad as exc:
            errors.append(f"{where}: {exc}")
            continue
        if case.name in seen:
            errors.append(f"{where}: name: duplicate name in this file")
            continue
        seen.add(case.name)
        cases.append(case)
    if errors:
        raise DataError("\n".join(errors))
    return cases


# --- running ------------------------------------------------------------------------------


def case_failures(case: Case, engine: Engine) -> list[str]:
    """What in ``case`` did not come out as expected (empty: it passed)."""
    if case.overrides:
        source = f"rule case {case.name!r}"
        engine = engine.with_overrides(
            {p: [(None, None, v, source)] for p, v in case.overrides.items()}
        )
    problems = []
    if case.expect_regime is not None:
        _, choice = engine.choose(
            case.year, case.decision_date, case.received_date, case.local_rules_issued
        )
        got = choice.regime.id if choice else "none"
        if got != case.expect_regime:
            problems.append(f"regime expected {case.expect_regime}, got {got}")
    for code, expected in case.expect.items():
        verdict = engine.evaluate(
            case.facts,
            code,
            case.year,
            decision_date=case.decision_date,
            received_date=case.received_date,
            local_rules_issued=case.local_rules_issued,
        )
        if verdict.outcome is not expected:
            problems.append(
                f"{code} expected {expected}, got {verdict.outcome} (reasons: {verdict.explain()})"
            )
    return problems


def case_files(paths: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """``(path, label)`` of every ``.yaml``/``.yml`` file given or found under a directory."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
            found += [(p, str(p)) for p in files if p.is_file()]
        elif path.is_file():
            found.append((path, str(given)))
        else:
            raise DataError(f"{given}: no such file or directory")
    return found


@dataclass
class CheckReport:
    lines: list[str]
    passed: int
    failed: int


def check(paths: Sequence[str | Path], engine: Engine | None = None) -> CheckReport:
    """Load every case first (a bad file raises :class:`DataError`), then run them all."""
    engine = engine or Engine.default()
    files = case_files(paths)
    loaded: list[Case] = []
    errors: list[str] = []
    for path, label in files:
        try:
            loaded += load_cases(path, label, engine)
        except DataError as exc:
            errors.append(str(exc))
    if errors:
        raise DataError("\n".join(errors))
    lines: list[str] = []
    failed = 0
    for case in loaded:
        problems = case_failures(case, engine)
        if problems:
            failed += 1
            lines.append(f"FAIL {case.file}:{case.name}: {'; '.join(problems)}")
    passed = len(loaded) - failed
    lines.append(f"{passed} passed, {failed} failed")
    return CheckReport(lines, passed, failed)


def run_check(paths: Sequence[str | Path], out: Writer, err: Writer) -> int:
    """The ``rules check`` command: exit 0 if all pass, 1 on failures, 2 on bad files."""
    try:
        report = check(paths)
    except DataError as exc:
        err.write(f"{exc}\n")
        return 2
    out.write("\n".join(report.lines) + "\n")
    return 1 if report.failed else 0
