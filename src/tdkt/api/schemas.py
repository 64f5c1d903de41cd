"""Request and response schemas of the JSON API. No schema ever carries ``id_number``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

from tdkt.awards.models import Award
from tdkt.emulation.models import TargetResult


class UnitRef(Schema):
    id: int
    code: str
    name: str


class DecisionRef(Schema):
    id: int
    number: str
    date: dt.date


class UnitOut(UnitRef):
    short_name: str
    kind: str
    parent_id: int | None
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: int | None


class UnitNodeOut(UnitOut):
    """A unit in the tree, with its number of active people and its children."""

    people: int
    children: list[UnitNodeOut]


class ReorgEventOut(Schema):
    kind: str
    date: dt.date
    unit: UnitRef
    other: UnitRef | None
    old_parent: UnitRef | None
    old_name: str
    new_name: str
    document: str


class UnitDetailOut(UnitOut):
    """A unit with its reorganisation events and the merges that brought units into it."""

    successor: UnitRef | None
    events: list[ReorgEventOut]

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return obj.history  # type: ignore[no-any-return]  # set by the view


class PersonOut(Schema):
    id: int
    full_name: str
    external_id: str | None
    sex: str
    birth_year: int | None
    position: str
    is_active: bool
    unit: UnitRef


class EmploymentOut(Schema):
    unit: UnitRef
    position: str
    is_leader: bool
    start: dt.date
    end: dt.date | None


class PersonDetailOut(PersonOut):
    hired_on: dt.date | None
    employments: list[EmploymentOut]

    @staticmethod
    def resolve_employments(obj: Any) -> list[Any]:
        return list(obj.employments.select_related("unit").order_by("start", "id"))


class AwardTypeOut(Schema):
    code: str
    name: str
    short_name: str
    aliases: list[str]
    kind: str
    subjects: str
    tier: str
    level_key: str
    money_individual: Decimal
    money_collective: Decimal
    is_builtin: bool
    is_active: bool


class SubjectOut(Schema):
    id: int
    name: str


class AwardOut(Schema):
    """One award record ("lượt")."""

    id: int
    year: int
    code: str = Field(..., alias="award_type.code")
    award_type_name: str = Field(..., alias="award_type.name")
    kind: str
    subject_kind: str
    subject: SubjectOut
    unit_at_time: UnitRef
    position_at_time: str
    decision: DecisionRef
    revoked_by: DecisionRef | None
    revoked_reason: str

    @staticmethod
    def resolve_subject(obj: Award) -> dict[str, Any]:
        subject = obj.subject
        assert subject is not None
        return {"id": subject.pk, "name": str(subject)}


class DecisionOut(Schema):
    id: int
    number: str
    date: dt.date
    kind: str
    issuer: str
    issuer_unit: UnitRef | None
    signer_name: str
    signer_title: str
    subject: str


class DecisionDetailOut(DecisionOut):
    """A decision with the lines of its list that the user may see."""

    awards: list[AwardOut]

    @staticmethod
    def resolve_awards(obj: Any) -> list[Any]:
        # Set by the view from a scoped query; never fall back to ``decision.awards.all()``.
        return obj.visible_awards  # type: ignore[no-any-return]


class RatingOut(Schema):
    id: int
    year: int
    grade: str
    note: str
    person_id: int | None
    unit_id: int | None


class DisciplineOut(Schema):
    form: str
    decided_on: dt.date
    effective_to: dt.date | None
    document: str


class InitiativeOut(Schema):
    id: int
    title: str
    year: int
    level: str
    decision_number: str
    decision_date: dt.date | None


class TimelineYearOut(Schema):
    year: int
    rating: str | None
    disciplines: list[DisciplineOut]
    initiatives: list[InitiativeOut]
    awards: list[AwardOut]

    @staticmethod
    def resolve_rating(obj: Any) -> str | None:
        return obj.rating.grade if obj.rating else None


class TimelineOut(Schema):
    person: PersonOut
    years: list[TimelineYearOut]


class TargetResultOut(Schema):
    year: int
    planned: Decimal
    actual: Decimal | None
    exceeded_pct: Decimal | None

    @staticmethod
    def resolve_exceeded_pct(obj: TargetResult) -> Decimal | None:
        pct = obj.exceeded_pct
        return None if pct is None else round(pct, 1)


class TargetOut(Schema):
    id: int
    name: str
    measure: str
    direction: str
    results: list[TargetResultOut]

    @staticmethod
    def resolve_results(obj: Any) -> list[Any]:
        return list(obj.results.all())


class MovementOut(Schema):
    id: int
    name: str
    kind: str
    start_year: int
    end_year: int
    launch_document: str
    unit: UnitRef
    targets: list[TargetOut]

    @staticmethod
    def resolve_targets(obj: Any) -> list[Any]:
        return list(obj.targets.all())


class MeOut(Schema):
    username: str
    role: str | None
    agency: str | None
    unit: UnitRef | None


# ---- input (the literals mirror Grade, SubjectKind and Award.Kind; tests/api checks them) ----

GradeCode = Literal["HTXS", "HTT", "HT", "KHT"]
SubjectKindCode = Literal["individual", "collective", "household"]
AwardKindCode = Literal["merit", "thematic", "adhoc"]


class RatingIn(Schema):
    grade: GradeCode
    note: str = Field("", max_length=255)


class PersonIn(Schema):
    unit_id: int
    full_name: str = Field(..., min_length=1, max_length=120)
    external_id: str | None = Field(None, max_length=40)
    sex: Literal["M", "F", ""] = ""
    birth_date: dt.date | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str = Field("", max_length=120)
    hired_on: dt.date | None = None
    id_number: str | None = Field(
        None,
        pattern=r"^(\d{9}|\d{12})$",
        description="Số CCCD/CMND (9 hoặc 12 chữ số); chỉ ghi, không bao giờ trả về.",
    )

    @field_validator("full_name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Họ và tên không được để trống.")
        return value
