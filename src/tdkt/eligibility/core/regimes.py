"""Regimes as data: which legal texts apply on a decision date, with transitions.

One YAML file per regime (``regimes/R2025.yaml``); adding a regime is adding a file. A file::

    id: R2025                      # must equal the file name
    name: ...
    from: 2025-07-01
    to: null                       # inclusive; null while in force
    mark: verified                 # how sure we are of the dates
    basis: [Law 06/2022/QH15, ...]
    rules_as: R2025                # optional: apply the rules written for another regime
    note: ...                      # optional
    principles:                    # citation and mark of each general principle
      hold: {citation: ..., mark: ...}
      ...                          # all of PRINCIPLES below
    transition:                    # optional: when the previous regime still applies
      previous: R2024
      received_before: 2025-07-01  # dossiers received before this date
      delegated_rules_until: 2025-12-31  # where local delegated rules are not yet issued
      citation: Decree 152/2025/NĐ-CP Art 60
      mark: verified
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tdkt.common.formatting import format_date

from .verdict import Mark
from .yamlio import DataError, check_keys, load_yaml, parse_date

PRINCIPLES = {
    "hold": "no award while under discipline review, investigation, inspection or complaint",
    "merit_only": "thematic and ad-hoc awards never count toward merit awards",
    "discipline_restart": "after a discipline period, achievements count only from its end",
    "maternity": "maternity leave counts as working time",
    "tie_break": "ties: a woman, or a collective with enough women, first",
    "continuous_years": "N continuous years: every year since the last award rated HTT or better",
}
_KEYS = {
    "id",
    "name",
    "from",
    "to",
    "mark",
    "basis",
    "rules_as",
    "note",
    "principles",
    "transition",
}
_CITATION_KEYS = {"citation", "mark"}
_TRANSITION_KEYS = {"previous", "received_before", "delegated_rules_until", "citation", "mark"}


@dataclass(frozen=True, slots=True)
class Citation:
    citation: str
    mark: Mark


@dataclass(frozen=True, slots=True)
class Transition:
    previous: str
    received_before: dt.date | None
    delegated_rules_until: dt.date | None
    citation: str
    mark: Mark


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    name: str
    start: dt.date
    end: dt.date | None
    mark: Mark
    basis: tuple[str, ...]
    principles: Mapping[str, Citation]
    transition: Transition | None = None
    rules_as: str | None = None
    note: str = ""

    @property
    def rule_set(self) -> str:
        """The regime id the rules are declared for."""
        return self.rules_as or self.id

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def clamp(self, day: dt.date) -> dt.date:
        """``day`` moved inside this regime's period (parameters are read on that date)."""
        if day < self.start:
            return self.start
        if self.end is not None and day > self.end:
            return self.end
        return day


@dataclass(frozen=True, slots=True)
class RegimeChoice:
    """The regime that applies, why (Vietnamese), and the date its parameters are read on."""

    regime: Regime
    basis: str
    as_of: dt.date


def _mark(value: Any, where: str) -> Mark:
    if value not in Mark.__members__.values():
        raise DataError(f"{where}: mark {value!r} is not one of {', '.join(Mark)}")
    return Mark(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: must be a non-empty text")
    return value.strip()


def _date(value: Any, where: str, *, optional: bool = False) -> dt.date | None:
    if value is None and optional:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise DataError(f"{where}: {exc}") from None


def _read(path: Path, label: str) -> Regime:
    data = load_yaml(path, label)
    if not isinstance(data, Mapping):
        raise DataError(f"{label}: expected a mapping")
    problem = check_keys(data, _KEYS, {"id", "name", "from", "mark", "basis", "principles"})
    if problem:
        raise DataError(f"{label}: {problem}")
    rid = _text(data["id"], f"{label}: id")
    if rid != path.stem:
        raise DataError(f"{label}: id {rid!r} must equal the file name {path.stem!r}")
    start = _date(data["from"], f"{label}: from")
    end = _date(data.get("to"), f"{label}: to", optional=True)
    assert start is not None
    if end is not None and end < start:
        raise DataError(f"{label}: from {start} is after to {end}")
    basis = data["basis"]
    if not isinstance(basis, list) or not basis:
        raise DataError(f"{label}: basis must be a non-empty list of legal texts")
    raw_principles = data["principles"]
    if not isinstance(raw_principles, Mapping):
        raise DataError(f"{label}: principles must be a mapping")
    problem = check_keys(raw_principles, PRINCIPLES, PRINCIPLES)
    if problem:
        raise DataError(f"{label}: principles: {problem}")
    principles: dict[str, Citation] = {}
    for key, raw in raw_principles.items():
        where = f"{label}: principles: {key}"
        if not isinstance(raw, Mapping) or check_keys(raw, _CITATION_KEYS, _CITATION_KEYS):
            raise DataError(f"{where}: expected a mapping with keys citation, mark")
        principles[key] = Citation(_text(raw["citation"], where), _mark(raw["mark"], where))
    transition = None
    if (raw_t := data.get("transition")) is not None:
        where = f"{label}: transition"
        if not isinstance(raw_t, Mapping):
            raise DataError(f"{where}: expected a mapping")
        problem = check_keys(raw_t, _TRANSITION_KEYS, {"previous", "citation", "mark"})
        if problem:
            raise DataError(f"{where}: {problem}")
        transition = Transition(
            _text(raw_t["previous"], f"{where}: previous"),
            _date(raw_t.get("received_before"), f"{where}: received_before", optional=True),
            _date(
                raw_t.get("delegated_rules_until"),
                f"{where}: delegated_rules_until",
                optional=True,
            ),
            _text(raw_t["citation"], f"{where}: citation"),
            _mark(raw_t["mark"], f"{where}: mark"),
        )
    rules_as = data.get("rules_as")
    return Regime(
        id=rid,
        name=_text(data["name"], f"{label}: name"),
        start=start,
        end=end,
        mark=_mark(data["mark"], f"{label}: mark"),
        basis=tuple(_text(b, f"{label}: basis") for b in basis),
        principles=principles,
        transition=transition,
        rules_as=None if rules_as is None else _text(rules_as, f"{label}: rules_as"),
        note="" if data.get("note") is None else _text(data["note"], f"{label}: note"),
    )


class RegimeTable:
    """All regimes, contiguous in time."""

    def __init__(self, regimes: list[Regime]) -> None:
        self.regimes = tuple(sorted(regimes, key=lambda r: r.start))
        self._by_id = {r.id: r for r in self.regimes}

    @classmethod
    def load(cls, directory: Path) -> RegimeTable:
        regimes = []
        labels: dict[str, str] = {}
        for path in sorted(directory.glob("*.yaml")):
            label = f"{directory.name}/{path.name}"
            regime = _read(path, label)
            labels[regime.id] = label
            regimes.append(regime)
        if not regimes:
            raise DataError(f"{directory.name}: no regime files")
        table = cls(regimes)
        ordered = table.regimes
        for prev, cur in itertools.pairwise(ordered):
            label = labels[cur.id]
            if prev.end is None or cur.start <= prev.end:
                raise DataError(
                    f"{label}: from {cur.start} overlaps {prev.id} (to {prev.end or 'open'})"
                )
            if cur.start > prev.end + dt.timedelta(days=1):
                raise DataError(
                    f"{label}: from {cur.start} leaves a gap after {prev.id} (to {prev.end})"
                )
        for r in ordered:
            if r.transition and r.transition.previous not in table._by_id:
                raise DataError(
                    f"{labels[r.id]}: transition: unknown regime {r.transition.previous!r}"
                )
            if r.rules_as and (r.rules_as not in table._by_id or table._by_id[r.rules_as].rules_as):
                raise DataError(
                    f"{labels[r.id]}: rules_as: {r.rules_as!r} is not a regime with its own rules"
                )
        return table

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    def get(self, regime_id: str) -> Regime:
        return self._by_id[regime_id]

    def in_force_on(self, day: dt.date) -> Regime | None:
        for r in reversed(self.regimes):
            if r.start <= day:
                return r if r.covers(day) else None
        return None

    def select(
        self,
        decision_date: dt.date,
        received_date: dt.date | None = None,
        local_rules_issued: bool | None = None,
    ) -> RegimeChoice | None:
        """The regime for a decision on ``decision_date``, applying transitions.

        ``received_date``: when the dossier was received (``None``: not known, the decision
        date decides). ``local_rules_issued``: whether the ministry/province has issued its
        delegated rules (``None``: not known, assumed issued). ``None`` when no regime was in
        force.
        """
        regime = self.in_force_on(decision_date)
        if regime is None:
            return None
        basis = f"Chế độ có hiệu lực vào ngày quyết định {format_date(decision_date)}"
        t = regime.transition
        if t is not None:
            previous = self._by_id[t.previous]
            if (
                received_date is not None
                and t.received_before
                and received_date < t.received_before
            ):
                basis = (
                    f"Hồ sơ tiếp nhận ngày {format_date(received_date)}, trước "
                    f"{format_date(t.received_before)}: áp dụng {previous.id} ({t.citation})"
                )
                regime = previous
            elif (
                local_rules_issued is False
                and t.delegated_rules_until
                and decision_date <= t.delegated_rules_until
            ):
                basis = (
                    f"Bộ, ngành, địa phương chưa ban hành quy định chi tiết: áp dụng {previous.id}"
                    f" đến hết {format_date(t.delegated_rules_until)} ({t.citation})"
                )
                regime = previous
        return RegimeChoice(regime, basis, regime.clamp(decision_date))
