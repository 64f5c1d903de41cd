"""Plain facts about a subject, as the rules engine reads them.

Contract for whoever fills these (``tdkt.eligibility.facts`` from the database, the rule-case
loader from YAML):

* Per-year mappings (``ratings``, ``absences``, ``members``, ``cluster_leader`` ...) are
  *partial*: a year that is absent is an unknown fact and makes a verdict that needs it
  ``undetermined``.
* Lists (``awards``, ``initiatives``, ``disciplines``, ``holds``) are *complete*: an empty list
  means "none", not "unknown".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Rating(StrEnum):
    """Year-end rating, best first."""

    HTXS = "HTXS"
    HTT = "HTT"
    HT = "HT"
    KHT = "KHT"

    @property
    def rank(self) -> int:
        """3 for HTXS down to 0 for KHT."""
        return _RATING_RANK[self]


_RATING_RANK = {Rating.HTXS: 3, Rating.HTT: 2, Rating.HT: 1, Rating.KHT: 0}


class Sex(StrEnum):
    M = "M"
    F = "F"


class AwardKind(StrEnum):
    """Only ``merit`` awards count toward other merit awards (thematic/ad-hoc never do)."""

    MERIT = "merit"
    THEMATIC = "thematic"
    ADHOC = "adhoc"


class InitiativeLevel(StrEnum):
    """Level at which an initiative was recognised, lowest first."""

    CO_SO = "CO_SO"
    BO_TINH = "BO_TINH"
    TOAN_QUOC = "TOAN_QUOC"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {InitiativeLevel.CO_SO: 0, InitiativeLevel.BO_TINH: 1, InitiativeLevel.TOAN_QUOC: 2}


class DisciplineForm(StrEnum):
    """Disciplinary measures, mildest first."""

    KHIEN_TRACH = "KHIEN_TRACH"
    CANH_CAO = "CANH_CAO"
    HA_BAC_LUONG = "HA_BAC_LUONG"
    GIANG_CHUC = "GIANG_CHUC"
    CACH_CHUC = "CACH_CHUC"
    BUOC_THOI_VIEC = "BUOC_THOI_VIEC"

    @property
    def severity(self) -> int:
        """1 for KHIEN_TRACH up to 6 for BUOC_THOI_VIEC."""
        return _SEVERITY[self]


_SEVERITY = {f: i for i, f in enumerate(DisciplineForm, start=1)}


class HoldKind(StrEnum):
    """Situations during which no award may be given (same values as ``records.Hold.Kind``)."""

    DISCIPLINE_REVIEW = "discipline_review"
    INVESTIGATION = "investigation"
    INSPECTION = "inspection"
    COMPLAINT = "complaint"


class SubjectKind(StrEnum):
    PERSON = "person"
    COLLECTIVE = "collective"


class AwardFact(NamedTuple):
    """An award held: catalogue code and achievement year (năm thành tích)."""

    code: str
    year: int
    kind: AwardKind = AwardKind.MERIT
    decision_date: dt.date | None = None


class InitiativeFact(NamedTuple):
    year: int
    level: InitiativeLevel


class DisciplineFact(NamedTuple):
    """A disciplinary decision; ``end`` is the last day it is in effect (``None``: not known)."""

    form: DisciplineForm
    date: dt.date
    end: dt.date | None = None


class HoldFact(NamedTuple):
    """A hold from ``start`` to ``end`` inclusive (``None``: still open)."""

    kind: HoldKind
    start: dt.date
    end: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Absence(NamedTuple):
    """Working days absent in a year, and how many of them were maternity leave.

    Maternity leave counts as working time, so only ``days - maternity_days`` count as absence.
    """

    days: int
    maternity_days: int = 0

    @property
    def counted_days(self) -> int:
        return max(self.days - self.maternity_days, 0)


@dataclass(frozen=True, slots=True)
class SectorService:
    """Years of service in the sector at the end of the judged year (for KNC)."""

    years: Decimal
    hardship_years: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """Everything the engine knows about one person. ``unit`` groups quotas."""

    subject_id: str
    sex: Sex | None = None
    hired: dt.date | None = None
    unit: str | None = None
    ratings: Mapping[int, Rating] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()
    initiatives: tuple[InitiativeFact, ...] = ()
    disciplines: tuple[DisciplineFact, ...] = ()
    holds: tuple[HoldFact, ...] = ()
    absences: Mapping[int, Absence] = field(default_factory=dict)
    service: SectorService | None = None

    kind = SubjectKind.PERSON


class MemberSituation(NamedTuple):
    """One member of a collective in a given year. ``discipline``: heaviest form that year."""

    rating: Rating | None = None
    awards: frozenset[str] = frozenset()
    discipline: DisciplineForm | None = None
    sex: Sex | None = None


@dataclass(frozen=True, slots=True)
class CollectiveFacts:
    """Everything the engine knows about one collective. ``unit`` groups quotas (the parent).

    ``members[year]`` lists every member's situation in that year; ``cluster_leader`` and
    ``targets_exceeded`` say, per year, whether it led its emulation cluster and exceeded its
    targets.
    """

    subject_id: str
    unit: str | None = None
    ratings: Mapping[int, Rating] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()
    holds: tuple[HoldFact, ...] = ()
    members: Mapping[int, tuple[MemberSituation, ...]] = field(default_factory=dict)
    cluster_leader: Mapping[int, bool] = field(default_factory=dict)
    targets_exceeded: Mapping[int, bool] = field(default_factory=dict)

    kind = SubjectKind.COLLECTIVE


Facts = PersonFacts | CollectiveFacts
