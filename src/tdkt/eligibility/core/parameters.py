"""Dated parameters: every number a rule uses, with its citation and mark, overridable.

File format (``parameters/*.yaml``), one mapping of parameter name to::

    ldtt_min_months_worked:
      type: int              # int | number | percent | bool | discipline_form
      nullable: false        # optional; true lets a value be null ("no such limit")
      description: ...       # optional
      values:                # contiguous date ranges, in order; the last may be open (to: null)
        - {from: 2010-06-01, to: 2023-12-31, value: 10, citation: "...", mark: verified}
        - {from: 2024-01-01, to: null, value: 6, citation: "...", mark: verified}

Dates are inclusive. Overlaps, gaps, wrong types and unknown keys are refused with a message
naming the file, the parameter and the value (numbered from 1).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from .facts import DisciplineForm
from .verdict import Mark, ParameterUse
from .yamlio import DataError, check_keys, load_yaml, parse_date


class ParamType(StrEnum):
    INT = "int"
    NUMBER = "number"
    PERCENT = "percent"
    BOOL = "bool"
    DISCIPLINE_FORM = "discipline_form"


_TYPE_HELP = {
    ParamType.INT: "an int",
    ParamType.NUMBER: "a number",
    ParamType.PERCENT: "a percent (a number from 0 to 100)",
    ParamType.BOOL: "a bool (true or false)",
    ParamType.DISCIPLINE_FORM: f"a discipline form ({', '.join(DisciplineForm)})",
}


def coerce(ptype: ParamType, nullable: bool, value: Any) -> Any:
    """``value`` converted to the parameter type; ``ValueError`` saying why not."""
    if value is None:
        if nullable:
            return None
        raise ValueError("null is not allowed (the parameter is not nullable)")
    bad = ValueError(f"{value!r} is not {_TYPE_HELP[ptype]}")
    if ptype is ParamType.BOOL:
        if not isinstance(value, bool):
            raise bad
        return value
    if isinstance(value, bool):
        raise bad
    if ptype is ParamType.INT:
        if not isinstance(value, int):
            raise bad
        return value
    if ptype is ParamType.DISCIPLINE_FORM:
        if value not in DisciplineForm.__members__:
            raise bad
        return DisciplineForm(value)
    if not isinstance(value, int | float | Decimal):
        raise bad
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise bad from None
    if not number.is_finite() or (ptype is ParamType.PERCENT and not 0 <= number <= 100):
        raise bad
    return number


@dataclass(frozen=True, slots=True)
class DatedValue:
    start: dt.date | None  # None: since always (overrides only)
    end: dt.date | None  # None: open-ended
    value: Any
    citation: str
    mark: Mark
    override: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: ParamType
    nullable: bool
    description: str
    values: tuple[DatedValue, ...]
    source: str  # the file, as named in messages

    @property
    def first_day(self) -> dt.date | None:
        return self.values[0].start

    @property
    def last_day(self) -> dt.date | None:
        return self.values[-1].end


_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PARAM_KEYS = {"type", "nullable", "description", "values"}
_VALUE_KEYS = {"from", "to", "value", "citation", "mark"}


def _fmt(day: dt.date | None) -> str:
    return day.isoformat() if day else "open"


def _read_value(raw: Any, ptype: ParamType, nullable: bool, where: str) -> DatedValue:
    if not isinstance(raw, Mapping):
        raise DataError(f"{where}: expected a mapping with keys {', '.join(sorted(_VALUE_KEYS))}")
    problem = check_keys(raw, _VALUE_KEYS, {"from", "value", "citation", "mark"})
    if problem:
        raise DataError(f"{where}: {problem}")
    try:
        start = parse_date(raw["from"])
        end = None if raw.get("to") is None else parse_date(raw["to"])
    except ValueError as exc:
        raise DataError(f"{where}: {exc}") from None
    if end is not None and end < start:
        raise DataError(f"{where}: from {start} is after to {end}")
    try:
        value = coerce(ptype, nullable, raw["value"])
    except ValueError as exc:
        raise DataError(f"{where}: {exc}") from None
    citation = raw["citation"]
    if not isinstance(citation, str) or not citation.strip():
        raise DataError(f"{where}: citation must be a non-empty text")
    if raw["mark"] not in Mark.__members__.values():
        raise DataError(f"{where}: mark {raw['mark']!r} is not one of {', '.join(Mark)}")
    return DatedValue(start, end, value, citation.strip(), Mark(raw["mark"]))


def _check_sequence(values: Sequence[DatedValue], where: str) -> None:
    """Values must follow each other day after day, without overlap or gap."""
    for i in range(1, len(values)):
        prev, cur = values[i - 1], values[i]
        assert prev.start is not None and cur.start is not None
        if cur.start < prev.start:
            raise DataError(
                f"{where}: value {i + 1} (from {cur.start}) starts before value {i} "
                f"(from {prev.start}): list values in date order"
            )
        if prev.end is None or cur.start <= prev.end:
            raise DataError(
                f"{where}: value {i + 1} (from {cur.start}) overlaps value {i} "
                f"(to {_fmt(prev.end)})"
            )
        if cur.start > prev.end + dt.timedelta(days=1):
            raise DataError(
                f"{where}: value {i + 1} (from {cur.start}) leaves a gap after value {i} "
                f"(to {prev.end})"
            )


def _read_parameter(name: Any, raw: Any, label: str) -> Parameter:
    where = f"{label}: {name}"
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise DataError(f"{label}: parameter name {name!r} must be lower_case_with_underscores")
    if not isinstance(raw, Mapping):
        raise DataError(f"{where}: expected a mapping with keys {', '.join(sorted(_PARAM_KEYS))}")
    problem = check_keys(raw, _PARAM_KEYS, {"type", "values"})
    if problem:
        raise DataError(f"{where}: {problem}")
    if raw["type"] not in ParamType.__members__.values():
        raise DataError(f"{where}: type {raw['type']!r} is not one of {', '.join(ParamType)}")
    ptype = ParamType(raw["type"])
    nullable = raw.get("nullable", False)
    if not isinstance(nullable, bool):
        raise DataError(f"{where}: nullable must be true or false")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise DataError(f"{where}: description must be a text")
    raw_values = raw["values"]
    if not isinstance(raw_values, list) or not raw_values:
        raise DataError(f"{where}: values must be a non-empty list")
    values = tuple(
        _read_value(v, ptype, nullable, f"{where}: value {i}")
        for i, v in enumerate(raw_values, start=1)
    )
    _check_sequence(values, where)
    return Parameter(name, ptype, nullable, description.strip(), values, label)


class ParameterSet:
    """All parameters, plus any local overrides; immutable."""

    def __init__(
        self,
        parameters: Mapping[str, Parameter],
        overrides: Mapping[str, tuple[DatedValue, ...]] | None = None,
    ) -> None:
        self._params = dict(parameters)
        self._overrides = dict(overrides or {})
        self._cache: dict[tuple[str, dt.date], ParameterUse | None] = {}

    @classmethod
    def load(cls, directory: Path) -> ParameterSet:
        """Read every ``*.yaml`` in ``directory``; all problems are reported together."""
        params: dict[str, Parameter] = {}
        errors: list[str] = []
        for path in sorted(directory.glob("*.yaml")):
            label = f"{directory.name}/{path.name}"
            try:
                data = load_yaml(path, label)
                if not isinstance(data, Mapping):
                    raise DataError(f"{label}: expected a mapping of parameter names")
            except DataError as exc:
                errors.append(str(exc))
                continue
            for name, raw in data.items():
                try:
                    param = _read_parameter(name, raw, label)
                except DataError as exc:
                    errors.append(str(exc))
                    continue
                if name in params:
                    errors.append(f"{label}: {name}: already defined in {params[name].source}")
                    continue
                params[name] = param
        if errors:
            raise DataError("\n".join(errors))
        return cls(params)

    def __contains__(self, name: object) -> bool:
        return name in self._params

    def all(self) -> list[Parameter]:
        """Every parameter, by name (overrides are under :meth:`overrides`)."""
        return [self._params[n] for n in sorted(self._params)]

    def get(self, name: str) -> Parameter:
        return self._params[name]

    def overrides(self, name: str) -> tuple[DatedValue, ...]:
        return self._overrides.get(name, ())

    def covers(self, name: str, start: dt.date, end: dt.date | None) -> bool:
        """Does the (non-override) parameter have a value on every day from start to end?"""
        p = self._params[name]
        first, last = p.first_day, p.last_day
        return (first is None or first <= start) and (
            last is None or (end is not None and end <= last)
        )

    def use_at(self, name: str, day: dt.date) -> ParameterUse:
        """The value in force on ``day`` (an override first), as recorded in verdicts."""
        key = (name, day)
        if key not in self._cache:
            self._cache[key] = self._resolve(name, day)
        use = self._cache[key]
        if use is None:
            raise LookupError(f"parameter {name!r} has no value on {day}")
        return use

    def _resolve(self, name: str, day: dt.date) -> ParameterUse | None:
        for dv in (*self._overrides.get(name, ()), *self._params[name].values):
            if dv.covers(day):
                return ParameterUse(
                    name, dv.value, dv.citation, dv.mark, dv.start, dv.end, dv.override
                )
        return None

    def with_overrides(
        self,
        overrides: Mapping[str, Iterable[tuple[dt.date | None, dt.date | None, Any, str]]],
    ) -> ParameterSet:
        """A copy where, for each named parameter, ``(from, to, value, source_label)`` entries
        take precedence over the shipped values on their dates (``None``: unbounded).

        The entries given for a name replace any earlier overrides of that name. Each value is
        type-checked; its ``source_label`` is shown in every verdict that uses it.
        """
        merged = dict(self._overrides)
        for name, entries in overrides.items():
            if name not in self._params:
                raise DataError(f"override: unknown parameter {name!r}")
            param = self._params[name]
            values: list[DatedValue] = []
            for start, end, value, source in entries:
                where = f"override {name} (from {_fmt(start)} to {_fmt(end)})"
                if not isinstance(source, str) or not source.strip():
                    raise DataError(f"{where}: a source label is required")
                if start is not None and end is not None and end < start:
                    raise DataError(f"{where}: from is after to")
                try:
                    typed = coerce(param.type, param.nullable, value)
                except ValueError as exc:
                    raise DataError(f"{where}: {exc}") from None
                values.append(
                    DatedValue(start, end, typed, source.strip(), Mark.VERIFIED, source.strip())
                )
            values.sort(key=lambda v: v.start or dt.date.min)
            for a, b in itertools.pairwise(values):
                if a.end is None or (b.start or dt.date.min) <= a.end:
                    raise DataError(
                        f"override {name}: entry from {_fmt(b.start)} overlaps entry "
                        f"to {_fmt(a.end)}"
                    )
            merged[name] = tuple(values)
        return ParameterSet(self._params, merged)
