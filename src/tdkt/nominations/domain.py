"""State changes of the nomination workflow: one function per transition.

Every function checks permission (:mod:`tdkt.org.policies`), validates everything before it
writes, then writes the change, its :class:`NominationEvent` and an audit entry in one
transaction, and returns the changed object (a fresh instance: nominations are re-read under
a row lock). ``actor=None`` is the system (imports, scripts) and skips permission checks, as
in the other domain modules. Illegal transitions raise a Vietnamese ``ValidationError`` and
change nothing.

Path of a dossier::

    propose ─► DRAFT ─submit─► SUBMITTED ─forward─► … ─► IN_REVIEW ─vote, decide─► APPROVED
                 ▲               │  return_with_reason   │                          │
                 └── RETURNED ◄──┴───────────────────────┘          REJECTED ◄──────┤
    withdraw: DRAFT, SUBMITTED, IN_REVIEW, RETURNED ─► WITHDRAWN                     │
    issue_decision: APPROVED ─► DECIDED ─revoke─► REVOKED  ◄─────────────────────────┘

Routing follows the unit tree: from the proposing unit up through the nearest active
department-kind ancestors to the round's deciding point: the organising unit for unit- and
department-level rounds, the agency itself (``holder_unit`` empty) for province, ministry and
state rounds. State-level rounds are reviewed by the agency's council and carried up; their
decision (Prime Minister, State President) is recorded with its own number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tdkt.awards import domain as awards_domain
from tdkt.awards.domain import AwardLine
from tdkt.awards.models import Award, AwardType, Decision, SubjectKind
from tdkt.common import audit
from tdkt.conferences.models import Conference
from tdkt.nominations import files as upload_checks
from tdkt.nominations import params
from tdkt.nominations.calendar import (
    TIME_LIMITS,
    WorkCalendar,
    award_items_limit,
    review_limit,
)
from tdkt.nominations.models import (
    Ballot,
    BallotReceipt,
    CalendarOverride,
    Consultation,
    Council,
    CouncilMember,
    DossierFile,
    DossierSnapshot,
    IssuedDecision,
    Level,
    Meeting,
    Nomination,
    NominationEvent,
    Round,
    Verdict,
    Vote,
)
from tdkt.nominations.numbering import next_number, normalise_symbol
from tdkt.org.models import Agency, Household, Person, Unit
from tdkt.org.policies import is_officer, require_edit, require_officer

S = Nomination.Status

_ACTION_LABEL = {
    "submit": "trình",
    "forward": "chuyển cấp trên",
    "return": "trả lại",
    "withdraw": "rút",
    "vote": "biểu quyết",
    "attach": "sửa tệp của",
    "issue": "ra quyết định cho",
    "revoke": "huỷ bỏ khen thưởng của",
}


def _today() -> dt.date:
    return timezone.localdate()


# --- helpers ---------------------------------------------------------------------------------


def _officer(actor: Any) -> None:
    if actor is not None:
        require_officer(actor)


def _editor(actor: Any, unit: Unit) -> None:
    if actor is not None:
        require_edit(actor, unit)


def _holder(actor: Any, nomination: Nomination) -> None:
    """Only the level holding the dossier acts on it (the agency level: officers)."""
    if actor is None:
        return
    if nomination.holder_unit is not None:
        require_edit(actor, nomination.holder_unit)
    else:
        require_officer(actor)


def _lock(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


def _require_status(nomination: Nomination, allowed: Iterable[str], action: str) -> None:
    if nomination.status not in set(allowed):
        label = S(nomination.status).label
        raise ValidationError(
            f"Không thể {_ACTION_LABEL[action]} hồ sơ “{nomination}” đang ở trạng thái “{label}”."
        )


def _no_pending_vote(nomination: Nomination, action: str) -> None:
    if nomination.votes.filter(result=Vote.Result.PENDING).exists():
        raise ValidationError(
            f"Không thể {_ACTION_LABEL[action]} hồ sơ “{nomination}”: hội đồng đang biểu quyết."
        )


def _record(
    actor: Any,
    nomination: Nomination,
    action: str,
    before: dict[str, Any],
    *,
    from_status: str,
    from_level: str = "",
    reason: str = "",
    summary: str = "",
) -> None:
    """The transition's event row and audit entry (inside the caller's transaction)."""
    NominationEvent.objects.create(
        nomination=nomination,
        action=action,
        from_status=from_status,
        to_status=nomination.status,
        from_level=from_level,
        to_level=nomination.holder_level,
        to_unit=nomination.holder_unit,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )
    b, a = audit.diff(before, audit.snapshot(nomination))
    audit.record(actor, action, nomination, before=b, after=a, summary=summary or reason)


def _ancestor_ids(unit: Unit) -> list[int]:
    """Ids of the units above *unit*, nearest first (from the materialised path)."""
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    return list(reversed(ids[:-1]))


def deciding_point(round: Round) -> tuple[str, Unit | None]:
    """(level, unit) where the round's dossiers are reviewed by a council and decided."""
    if round.issuer_level in (Level.UNIT, Level.DEPARTMENT):
        return round.issuer_level, round.organiser
    return round.issuer_level, None


def next_stop(nomination: Nomination, from_unit: Unit | None) -> tuple[str, Unit | None] | None:
    """Where the dossier goes next from *from_unit* (None: it is at the deciding point)."""
    level, point = deciding_point(nomination.round)
    if from_unit is None or (point is not None and from_unit.pk == point.pk):
        return None
    today = _today()
    above = Unit.objects.in_bulk(_ancestor_ids(from_unit))
    for pk in _ancestor_ids(from_unit):
        unit = above[pk]
        if point is not None and (unit.pk == point.pk or not unit.path.startswith(point.path)):
            break
        if unit.kind == Unit.Kind.DEPARTMENT and unit.is_active_on(today):
            return Level.DEPARTMENT, unit
    return level, point


def _level_of(unit: Unit) -> str:
    return Level.DEPARTMENT if unit.kind == Unit.Kind.DEPARTMENT else Level.UNIT


# --- rounds ----------------------------------------------------------------------------------


@transaction.atomic
def create_round(
    actor: Any,
    *,
    agency: Agency,
    name: str,
    kind: str,
    issuer_level: str,
    year: int,
    award_types: Sequence[AwardType],
    organiser: Unit | None = None,
    submission_due: dt.date | None = None,
    council_date: dt.date | None = None,
    conference: Conference | None = None,
    note: str = "",
) -> Round:
    """Open a review round for the given award types."""
    _officer(actor)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Cần nhập tên đợt xét."
    if kind not in Round.Kind.values:
        errors["kind"] = f"Loại đợt xét “{kind}” không hợp lệ."
    if issuer_level not in Level.values:
        errors["issuer_level"] = f"Cấp quyết định “{issuer_level}” không hợp lệ."
    if issuer_level in (Level.UNIT, Level.DEPARTMENT) and organiser is None:
        errors["organiser"] = "Đợt xét cấp đơn vị, cấp sở phải chọn đơn vị tổ chức."
    if organiser is not None and organiser.agency_id != agency.pk:
        errors["organiser"] = "Đơn vị tổ chức không thuộc cơ quan này."
    if not award_types:
        errors["award_types"] = "Cần chọn ít nhất một danh hiệu, hình thức được xét."
    elif inactive := [t.name for t in award_types if not t.is_active]:
        errors["award_types"] = f"Danh hiệu, hình thức đã ngừng dùng: {', '.join(inactive)}."
    if not 1945 <= year <= _today().year + 1:
        errors["year"] = f"Năm thành tích {year} không hợp lệ."
    if submission_due and council_date and council_date < submission_due:
        errors["council_date"] = "Ngày họp hội đồng phải sau hạn nộp hồ sơ."
    if conference is not None and conference.agency_id != agency.pk:
        errors["conference"] = "Hội nghị không thuộc cơ quan này."
    if errors:
        raise ValidationError(errors)
    round = Round.objects.create(
        agency=agency,
        name=name.strip(),
        kind=kind,
        issuer_level=issuer_level,
        organiser=organiser,
        year=year,
        submission_due=submission_due,
        council_date=council_date,
        conference=conference,
        note=note,
    )
    round.award_types.set(award_types)
    audit.record(
        actor,
        "create",
        round,
        after={**audit.snapshot(round), "award_types": sorted(t.code for t in award_types)},
        summary=round.name,
    )
    return round


@transaction.atomic
def close_round(actor: Any, round: Round) -> Round:
    """Stop taking proposals and submissions in *round*."""
    _officer(actor)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status == Round.Status.CLOSED:
        raise ValidationError(f"Đợt xét “{round}” đã kết thúc.")
    before = audit.snapshot(round)
    round.status = Round.Status.CLOSED
    round.save(update_fields=["status"])
    audit.record(actor, "close", round, before=before, after=audit.snapshot(round))
    return round


@transaction.atomic
def publish_candidates(actor: Any, round: Round, *, on: dt.date) -> Round:
    """Record the day the candidates list was published (before the council, Art 44)."""
    _officer(actor)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.council_date and on > round.council_date:
        raise ValidationError({"on": "Ngày công khai phải trước ngày họp hội đồng."})
    before = audit.snapshot(round)
    round.published_on = on
    round.save(update_fields=["published_on"])
    audit.record(actor, "publish", round, before=before, after=audit.snapshot(round))
    return round


# --- proposals -------------------------------------------------------------------------------


@dataclass
class Proposal:
    """One line of a bulk proposal."""

    award_type: AwardType
    person: Person | None = None
    unit: Unit | None = None
    household: Household | None = None
    year: int | None = None
    proposing_unit: Unit | None = None
    justification: str = ""
    position_at_time: str = ""


def _subject_kind(award_type: AwardType, person: Any, unit: Any, household: Any) -> str:
    given = [x for x in (person, unit, household) if x is not None]
    if len(given) != 1:
        raise ValidationError("Mỗi hồ sơ đề nghị phải có đúng một đối tượng.")
    kind = (
        SubjectKind.INDIVIDUAL
        if person is not None
        else SubjectKind.COLLECTIVE
        if unit is not None
        else SubjectKind.HOUSEHOLD
    )
    allowed = award_type.subjects
    if allowed != AwardType.Subjects.BOTH and allowed != kind:
        raise ValidationError(
            f"{award_type.name} không dành cho {SubjectKind(kind).label.lower()}."
        )
    return kind


_SUBJECT_FIELD: dict[str, str] = {
    SubjectKind.INDIVIDUAL: "person",
    SubjectKind.COLLECTIVE: "unit",
    SubjectKind.HOUSEHOLD: "household",
}


@dataclass(frozen=True)
class _Evaluated:
    verdict: str
    regime: str
    data: dict[str, Any]


def _evaluate(subject: Any, code: str, year: int) -> _Evaluated:
    """The engine's verdict as plain, JSON-ready data (dates, decimals, enums as text)."""
    from tdkt.eligibility.service import evaluate_subject  # the engine loads lazily

    result = evaluate_subject(subject, code, year)
    verdict = str(result.verdict)
    if verdict not in Verdict.values:
        raise ValueError(f"Unknown verdict from the eligibility engine: {verdict!r}")
    data = json.loads(json.dumps(result.as_dict(), cls=DjangoJSONEncoder, ensure_ascii=False))
    return _Evaluated(verdict, str(result.regime or ""), data)


def _propose_one(actor: Any, round: Round, p: Proposal) -> Nomination:
    kind = _subject_kind(p.award_type, p.person, p.unit, p.household)
    subject: Any = p.person or p.unit or p.household
    if round.status != Round.Status.OPEN:
        raise ValidationError(f"Đợt xét “{round}” đã kết thúc, không nhận thêm đề nghị.")
    if not round.award_types.filter(pk=p.award_type.pk).exists():
        raise ValidationError({"award_type": f"Đợt xét này không xét {p.award_type.name}."})
    if subject.agency_id != round.agency_id:
        raise ValidationError(f"“{subject}” không thuộc cơ quan tổ chức đợt xét.")
    subject_unit: Unit = subject if kind == SubjectKind.COLLECTIVE else subject.unit
    proposing = p.proposing_unit or subject_unit
    if not subject_unit.path.startswith(proposing.path):
        raise ValidationError(
            {"proposing_unit": f"“{subject}” không thuộc đơn vị đề nghị “{proposing}”."}
        )
    if not proposing.is_active_on(_today()):
        raise ValidationError({"proposing_unit": f"Đơn vị “{proposing}” đã ngừng hoạt động."})
    organiser = round.organiser
    if (
        organiser is not None
        and round.issuer_level in (Level.UNIT, Level.DEPARTMENT)
        and not proposing.path.startswith(organiser.path)
    ):
        raise ValidationError(
            {"proposing_unit": f"Đơn vị “{proposing}” không thuộc phạm vi đợt xét."}
        )
    _editor(actor, proposing)
    year = p.year if p.year is not None else round.year
    if not 1945 <= year <= round.year:
        raise ValidationError({"year": f"Năm thành tích {year} không hợp lệ cho đợt xét này."})
    lookup = {_SUBJECT_FIELD[kind]: subject}
    live = (
        Nomination.objects.filter(award_type=p.award_type, year=year, **lookup)
        .filter(status__in=[S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.DECIDED])
        .select_related("round")
        .first()
    )
    if live is not None:
        raise ValidationError(
            f"“{subject}” đã được đề nghị {p.award_type.name} năm {year} "
            f"trong đợt xét “{live.round}”."
        )
    awarded = (
        Award.objects.filter(award_type=p.award_type, year=year, revoked_by__isnull=True, **lookup)
        .select_related("decision")
        .first()
    )
    if awarded is not None:
        raise ValidationError(
            f"“{subject}” đã được {p.award_type.name} năm {year} "
            f"(quyết định số {awarded.decision.number})."
        )
    result = _evaluate(subject, p.award_type.code, year)
    justification = p.justification.strip()
    if result.verdict == Verdict.NOT_ELIGIBLE and not justification:
        raise ValidationError(
            {
                "justification": (
                    f"Hệ thống xét “{subject}” chưa đủ điều kiện {p.award_type.name}; "
                    "muốn vẫn đề nghị phải ghi rõ lý do."
                )
            }
        )
    nomination = Nomination.objects.create(
        round=round,
        subject_kind=kind,
        award_type=p.award_type,
        year=year,
        proposing_unit=proposing,
        position_at_time=p.position_at_time or getattr(subject, "position", "") or "",
        holder_level=_level_of(proposing),
        holder_unit=proposing,
        verdict=result.verdict,
        regime=result.regime,
        verdict_data=result.data,
        justification=justification,
        flagged=result.verdict == Verdict.NOT_ELIGIBLE,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **lookup,
    )
    NominationEvent.objects.create(
        nomination=nomination,
        action="propose",
        to_status=nomination.status,
        to_level=nomination.holder_level,
        to_unit=proposing,
        actor=nomination.created_by,
        reason=justification,
    )
    audit.record(
        actor,
        "create",
        nomination,
        after=audit.snapshot(nomination, ["round_id", "award_type_id", "year", "verdict"])
        | {"subject": str(subject), "flagged": nomination.flagged},
        summary=f"Đề nghị {p.award_type.code} {year}: {subject}",
    )
    return nomination


@transaction.atomic
def propose(
    actor: Any,
    round: Round,
    *,
    award_type: AwardType,
    person: Person | None = None,
    unit: Unit | None = None,
    household: Household | None = None,
    year: int | None = None,
    proposing_unit: Unit | None = None,
    justification: str = "",
    position_at_time: str = "",
) -> Nomination:
    """Propose one subject for *award_type*; the engine's verdict is stored with it.

    Proposing against a ``not_eligible`` verdict needs a written justification, and the
    nomination stays flagged all the way to the council. ``proposing_unit`` defaults to the
    subject's unit (the collective itself); *year* to the round's year.
    """
    return _propose_one(
        actor,
        Round.objects.get(pk=round.pk),  # the round's status as stored, not as passed
        Proposal(
            award_type=award_type,
            person=person,
            unit=unit,
            household=household,
            year=year,
            proposing_unit=proposing_unit,
            justification=justification,
            position_at_time=position_at_time,
        ),
    )


@transaction.atomic
def propose_many(actor: Any, round: Round, proposals: Sequence[Proposal]) -> list[Nomination]:
    """Propose many at once (e.g. from the eligibility list): all or nothing.

    Every line is checked; the errors of all lines come back together, numbered from 1.
    """
    if not proposals:
        raise ValidationError("Danh sách đề nghị trống.")
    round = Round.objects.get(pk=round.pk)
    created: list[Nomination] = []
    errors: list[str] = []
    for i, p in enumerate(proposals, start=1):
        try:
            created.append(_propose_one(actor, round, p))
        except ValidationError as e:
            errors.extend(f"Dòng {i}: {m}" for m in e.messages)
    if errors:
        raise ValidationError(errors)
    return created


# --- dossier files ---------------------------------------------------------------------------


@transaction.atomic
def attach_file(actor: Any, nomination: Nomination, upload: Any, *, kind: str) -> DossierFile:
    """Check and store one file in the dossier (before submission, or after a return).

    The file goes under MEDIA_ROOT with a random name; the original name, size, SHA-256
    and the content type sniffed from the bytes are recorded.
    """
    nomination = _lock(nomination)
    _editor(actor, nomination.proposing_unit)
    _require_status(nomination, [S.DRAFT, S.RETURNED], "attach")
    if kind not in DossierFile.Kind.values:
        raise ValidationError({"kind": f"Loại tài liệu “{kind}” không hợp lệ."})
    checked = upload_checks.check_upload(upload)
    ext = os.path.splitext(checked.name)[1].lower()
    path = f"dossiers/{nomination.round_id}/{nomination.pk}/{uuid.uuid4().hex}{ext}"
    source = getattr(upload, "file", upload)
    source.seek(0)
    stored = default_storage.save(path, source)
    # Storage is not transactional: a failure here removes the copy; a rollback of an outer
    # transaction leaves an unreferenced file with a random name (harmless, never served).
    try:
        row = DossierFile.objects.create(
            nomination=nomination,
            kind=kind,
            file=stored,
            original_name=checked.name,
            size=checked.size,
            sha256=checked.sha256,
            content_type=checked.content_type,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor,
            "attach",
            row,
            after=audit.snapshot(row, ["nomination_id", "kind", "original_name", "size", "sha256"]),
            summary=checked.name,
        )
    except Exception:
        default_storage.delete(stored)
        raise
    return row


@transaction.atomic
def remove_file(actor: Any, dossier_file: DossierFile) -> DossierFile:
    """Take a file out of the dossier (kept on disk: an earlier snapshot may list it)."""
    nomination = _lock(dossier_file.nomination)
    _editor(actor, nomination.proposing_unit)
    _require_status(nomination, [S.DRAFT, S.RETURNED], "attach")
    row = DossierFile.objects.select_for_update().get(pk=dossier_file.pk)
    if row.removed_at is not None:
        raise ValidationError(f"Tệp “{row}” đã được gỡ khỏi hồ sơ.")
    before = audit.snapshot(row, ["removed_at"])
    row.removed_at = timezone.now()
    row.save(update_fields=["removed_at"])
    audit.record(actor, "remove", row, before=before, after=audit.snapshot(row, ["removed_at"]))
    return row


def _freeze(actor: Any, nomination: Nomination) -> DossierSnapshot:
    files = [
        {
            "id": f.pk,
            "kind": f.kind,
            "name": f.original_name,
            "size": f.size,
            "sha256": f.sha256,
            "content_type": f.content_type,
        }
        for f in nomination.files.filter(removed_at__isnull=True).order_by("pk")
    ]
    data = {
        "round": nomination.round_id,
        "subject_kind": nomination.subject_kind,
        "subject": nomination.subject_name,
        "person": nomination.person_id,
        "unit": nomination.unit_id,
        "household": nomination.household_id,
        "award_type": nomination.award_type.code,
        "year": nomination.year,
        "proposing_unit": nomination.proposing_unit_id,
        "position_at_time": nomination.position_at_time,
        "verdict": nomination.verdict,
        "regime": nomination.regime,
        "verdict_data": nomination.verdict_data,
        "justification": nomination.justification,
        "flagged": nomination.flagged,
    }
    canonical = json.dumps({"data": data, "files": files}, sort_keys=True, ensure_ascii=False)
    number = nomination.snapshots.count() + 1
    return DossierSnapshot.objects.create(
        nomination=nomination,
        number=number,
        data=data,
        files=files,
        digest=hashlib.sha256(canonical.encode()).hexdigest(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


# --- routing ---------------------------------------------------------------------------------


def _move(nomination: Nomination, stop: tuple[str, Unit | None], on: dt.date) -> None:
    level, unit = stop
    point_level, point = deciding_point(nomination.round)
    at_point = level == point_level and (unit.pk if unit else None) == (point.pk if point else None)
    nomination.holder_level, nomination.holder_unit = level, unit
    nomination.received_on = on
    nomination.status = S.IN_REVIEW if at_point else S.SUBMITTED


@transaction.atomic
def submit(actor: Any, nomination: Nomination, *, on: dt.date | None = None) -> Nomination:
    """Freeze the dossier into a snapshot and send it to the next level."""
    nomination = _lock(nomination)
    _editor(actor, nomination.proposing_unit)
    _require_status(nomination, [S.DRAFT, S.RETURNED], "submit")
    if nomination.round.status != Round.Status.OPEN:
        raise ValidationError(f"Đợt xét “{nomination.round}” đã kết thúc, không nhận hồ sơ.")
    before, from_status, from_level = (
        audit.snapshot(nomination),
        nomination.status,
        nomination.holder_level,
    )
    stop = next_stop(nomination, nomination.proposing_unit) or deciding_point(nomination.round)
    snapshot = _freeze(actor, nomination)
    nomination.current_snapshot = snapshot
    _move(nomination, stop, on or _today())
    nomination.save()
    _record(
        actor,
        nomination,
        "submit",
        before,
        from_status=from_status,
        from_level=from_level,
        summary=f"Trình hồ sơ (bản {snapshot.number}, {len(snapshot.files)} tệp)",
    )
    return nomination


@transaction.atomic
def forward(actor: Any, nomination: Nomination, *, on: dt.date | None = None) -> Nomination:
    """Send a submitted dossier from the level holding it to the next level up."""
    nomination = _lock(nomination)
    _holder(actor, nomination)
    if nomination.status == S.IN_REVIEW:
        raise ValidationError(
            f"Hồ sơ “{nomination}” đã ở cấp xét quyết định, không chuyển lên được nữa."
        )
    _require_status(nomination, [S.SUBMITTED], "forward")
    stop = next_stop(nomination, nomination.holder_unit)
    if stop is None:  # pragma: no cover - SUBMITTED always has a next stop
        raise ValidationError(f"Hồ sơ “{nomination}” không còn cấp trên để chuyển.")
    before, from_status, from_level = (
        audit.snapshot(nomination),
        nomination.status,
        nomination.holder_level,
    )
    _move(nomination, stop, on or _today())
    nomination.save()
    _record(actor, nomination, "forward", before, from_status=from_status, from_level=from_level)
    return nomination


@transaction.atomic
def return_with_reason(
    actor: Any, nomination: Nomination, reason: str, *, on: dt.date | None = None
) -> Nomination:
    """Return a submitted dossier to the proposing unit, saying why; it may then be edited."""
    nomination = _lock(nomination)
    _holder(actor, nomination)
    _require_status(nomination, [S.SUBMITTED, S.IN_REVIEW], "return")
    _no_pending_vote(nomination, "return")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi rõ lý do trả lại hồ sơ."})
    before, from_status, from_level = (
        audit.snapshot(nomination),
        nomination.status,
        nomination.holder_level,
    )
    nomination.status = S.RETURNED
    nomination.holder_level = _level_of(nomination.proposing_unit)
    nomination.holder_unit = nomination.proposing_unit
    nomination.received_on = on or _today()
    nomination.save()
    _record(
        actor,
        nomination,
        "return",
        before,
        from_status=from_status,
        from_level=from_level,
        reason=reason.strip(),
    )
    return nomination


@transaction.atomic
def withdraw(actor: Any, nomination: Nomination, reason: str = "") -> Nomination:
    """The proposing unit withdraws its proposal (any time before the council's vote)."""
    nomination = _lock(nomination)
    _editor(actor, nomination.proposing_unit)
    _require_status(nomination, [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED], "withdraw")
    _no_pending_vote(nomination, "withdraw")
    before, from_status, from_level = (
        audit.snapshot(nomination),
        nomination.status,
        nomination.holder_level,
    )
    nomination.status = S.WITHDRAWN
    nomination.save()
    _record(
        actor,
        nomination,
        "withdraw",
        before,
        from_status=from_status,
        from_level=from_level,
        reason=reason.strip(),
    )
    return nomination


@transaction.atomic
def request_opinion(
    actor: Any,
    nomination: Nomination,
    *,
    kind: str,
    counterpart: str,
    sent_on: dt.date,
) -> Consultation:
    """Record a consultation, appraisal or review request; its due day in working days."""
    _officer(actor)
    if kind not in Consultation.Kind.values:
        raise ValidationError({"kind": f"Loại “{kind}” không hợp lệ."})
    if not counterpart.strip():
        raise ValidationError({"counterpart": "Cần ghi cơ quan được hỏi ý kiến."})
    limit = (
        review_limit(nomination.award_type)
        if kind == Consultation.Kind.REVIEW
        else TIME_LIMITS[kind]
    )
    due = WorkCalendar(nomination.round.agency_id).add_working_days(sent_on, limit.working_days)
    row = Consultation.objects.create(
        nomination=nomination,
        kind=kind,
        counterpart=counterpart.strip(),
        sent_on=sent_on,
        due_on=due,
    )
    audit.record(actor, "create", row, after=audit.snapshot(row))
    return row


@transaction.atomic
def record_answer(
    actor: Any, consultation: Consultation, *, answered_on: dt.date, answer: str = ""
) -> Consultation:
    _officer(actor)
    row = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if row.answered_on is not None:
        raise ValidationError("Đã ghi nhận trả lời cho yêu cầu này.")
    if answered_on < row.sent_on:
        raise ValidationError({"answered_on": "Ngày trả lời phải sau ngày gửi."})
    before = audit.snapshot(row)
    row.answered_on, row.answer = answered_on, answer
    row.save(update_fields=["answered_on", "answer"])
    audit.record(actor, "answer", row, before=before, after=audit.snapshot(row))
    return row


# --- councils and votes ----------------------------------------------------------------------


@transaction.atomic
def create_council(
    actor: Any, *, agency: Agency, level: str, name: str, unit: Unit | None = None
) -> Council:
    _officer(actor)
    if level not in Level.values:
        raise ValidationError({"level": f"Cấp “{level}” không hợp lệ."})
    if not name.strip():
        raise ValidationError({"name": "Cần nhập tên hội đồng."})
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError({"unit": "Đơn vị không thuộc cơ quan này."})
    council = Council.objects.create(agency=agency, level=level, name=name.strip(), unit=unit)
    audit.record(actor, "create", council, after=audit.snapshot(council))
    return council


@transaction.atomic
def add_council_member(
    actor: Any,
    council: Council,
    *,
    name: str,
    role: str = CouncilMember.Role.MEMBER,
    user: Any = None,
    person: Person | None = None,
    unit: Unit | None = None,
    active_from: dt.date | None = None,
    active_to: dt.date | None = None,
) -> CouncilMember:
    _officer(actor)
    if role not in CouncilMember.Role.values:
        raise ValidationError({"role": f"Vai trò “{role}” không hợp lệ."})
    if not name.strip():
        raise ValidationError({"name": "Cần nhập họ tên thành viên."})
    if active_from and active_to and active_to < active_from:
        raise ValidationError({"active_to": "Ngày kết thúc phải sau ngày bắt đầu."})
    member = CouncilMember.objects.create(
        council=council,
        name=name.strip(),
        role=role,
        user=user,
        person=person,
        unit=unit or (person.unit if person else None),
        active_from=active_from,
        active_to=active_to,
    )
    audit.record(actor, "create", member, after=audit.snapshot(member))
    return member


def members_on(council: Council, day: dt.date) -> list[CouncilMember]:
    """The council's members on *day* (all of them count toward thresholds)."""
    return [
        m
        for m in council.members.order_by("pk")
        if (m.active_from is None or m.active_from <= day)
        and (m.active_to is None or day <= m.active_to)
    ]


@transaction.atomic
def create_meeting(
    actor: Any,
    council: Council,
    *,
    date: dt.date,
    present: Sequence[CouncilMember],
    quorum: str = Meeting.Quorum.TWO_THIRDS,
    note: str = "",
) -> Meeting:
    """Record a meeting and who attended (each must be a member on that day)."""
    _officer(actor)
    if quorum not in Meeting.Quorum.values:
        raise ValidationError({"quorum": f"Điều kiện hợp lệ “{quorum}” không hợp lệ."})
    active = {m.pk for m in members_on(council, date)}
    if strangers := [m.name for m in present if m.pk not in active]:
        raise ValidationError(
            {
                "present": f"Không phải thành viên hội đồng ngày {date:%d/%m/%Y}: "
                f"{', '.join(strangers)}."
            }
        )
    meeting = Meeting.objects.create(council=council, date=date, quorum=quorum, note=note)
    meeting.present.set(present)
    audit.record(
        actor,
        "create",
        meeting,
        after={**audit.snapshot(meeting), "present": sorted(m.pk for m in present)},
    )
    return meeting


def _require_council_clerk(actor: Any, council: Council, day: dt.date) -> None:
    """Officers, or the council's own chair or secretary, record and conclude votes."""
    if actor is None or is_officer(actor):
        return
    if any(
        m.user_id == actor.pk and m.role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)
        for m in members_on(council, day)
    ):
        return
    raise PermissionDenied("Chỉ thư ký, chủ tịch hội đồng hoặc cán bộ thi đua được ghi biểu quyết.")


def conflict_reason(member: CouncilMember, nomination: Nomination) -> str | None:
    """Why *member* may not vote on *nomination* (own unit, or themselves), else None."""
    if member.person_id is not None and member.person_id == nomination.person_id:
        return f"{member.name} không được biểu quyết hồ sơ đề nghị khen thưởng chính mình."
    if member.unit_id is not None:
        units = {nomination.proposing_unit_id, nomination.unit_id}
        if nomination.person is not None:
            units.add(nomination.person.unit_id)
        if nomination.household is not None:
            units.add(nomination.household.unit_id)
        if member.unit_id in units:
            return f"{member.name} không được biểu quyết hồ sơ của đơn vị mình."
    return None


def _check_choice(choice: str) -> None:
    if choice not in Ballot.Choice.values:
        raise ValidationError(f"Lựa chọn “{choice}” không hợp lệ.")


@transaction.atomic
def record_vote(
    actor: Any,
    meeting: Meeting,
    nomination: Nomination,
    *,
    totals: tuple[int, int, int] | None = None,
    ballots: Sequence[tuple[CouncilMember, str]] | None = None,
) -> Vote:
    """Record the council's vote on a dossier at the deciding level.

    Either ``totals=(yes, no, abstain)`` as counted, or ``ballots=[(member, choice), …]``
    (secret: stored without the member; an empty list opens the vote for :func:`cast_ballot`).
    Refused: more votes than council members or than members present and free to vote,
    ballots of absent members, non-members, and members with a conflict of interest.
    """
    if (totals is None) == (ballots is None):
        raise ValidationError("Cần nhập hoặc tổng hợp kết quả, hoặc từng phiếu bầu.")
    council = meeting.council
    _require_council_clerk(actor, council, meeting.date)
    nomination = _lock(nomination)
    _require_status(nomination, [S.IN_REVIEW], "vote")
    if nomination.current_snapshot_id is None:  # pragma: no cover - submit always freezes
        raise ValidationError(f"Hồ sơ “{nomination}” chưa có bản đã trình.")
    if council.agency_id != nomination.round.agency_id or council.unit_id != (
        nomination.holder_unit_id
    ):
        raise ValidationError(f"Hội đồng “{council}” không phải hội đồng xét hồ sơ này.")
    if nomination.votes.filter(result=Vote.Result.PENDING).exists():
        raise ValidationError(f"Hồ sơ “{nomination}” đang có kết quả biểu quyết chờ kết luận.")
    if nomination.votes.filter(meeting=meeting).exists():
        raise ValidationError(f"Phiên họp này đã biểu quyết hồ sơ “{nomination}”.")
    members = members_on(council, meeting.date)
    total = len(members)
    active = {m.pk for m in members}
    present = [m for m in meeting.present.all() if m.pk in active]
    recused = [m for m in present if conflict_reason(m, nomination)]
    can_vote = len(present) - len(recused)
    vote = Vote(
        meeting=meeting,
        nomination=nomination,
        snapshot_id=nomination.current_snapshot_id,
        members_total=total,
    )
    chosen: list[tuple[CouncilMember, str]] = []
    if totals is not None:
        yes, no, abstain = totals
        if min(yes, no, abstain) < 0:
            raise ValidationError("Số phiếu không được âm.")
        cast = yes + no + abstain
        if cast > total:
            raise ValidationError(
                f"Tổng số phiếu ({cast}) vượt quá số thành viên hội đồng ({total})."
            )
        if cast > can_vote:
            raise ValidationError(
                f"Tổng số phiếu ({cast}) vượt quá số thành viên có mặt được biểu quyết "
                f"({can_vote})."
            )
        vote.mode, vote.yes, vote.no, vote.abstain = Vote.Mode.TOTALS, yes, no, abstain
    else:
        assert ballots is not None
        present_ids = {m.pk for m in present}
        seen: set[int] = set()
        for member, choice in ballots:
            _check_ballot(member, nomination, council, active, present_ids, choice)
            if member.pk in seen:
                raise ValidationError(f"{member.name} đã bỏ phiếu cho hồ sơ này.")
            seen.add(member.pk)
            chosen.append((member, choice))
        vote.mode = Vote.Mode.BALLOT
        vote.yes = sum(c == Ballot.Choice.YES for _, c in chosen)
        vote.no = sum(c == Ballot.Choice.NO for _, c in chosen)
        vote.abstain = sum(c == Ballot.Choice.ABSTAIN for _, c in chosen)
    vote.save()
    vote.recused.set(recused)
    if chosen:
        BallotReceipt.objects.bulk_create(BallotReceipt(vote=vote, member=m) for m, _ in chosen)
        # Anonymous: random keys, no member, no time; inserted in key order, not member order.
        Ballot.objects.bulk_create(
            sorted((Ballot(vote=vote, choice=c) for _, c in chosen), key=lambda b: b.pk)
        )
    audit.record(
        actor,
        "vote",
        vote,
        after={
            "nomination": nomination.pk,
            "snapshot": vote.snapshot_id,
            "mode": vote.mode,
            "yes": vote.yes,
            "no": vote.no,
            "abstain": vote.abstain,
            "members_total": total,
            "recused": sorted(m.pk for m in recused),
        },
        summary=f"Biểu quyết {nomination}",
    )
    return vote


def _check_ballot(
    member: CouncilMember,
    nomination: Nomination,
    council: Council,
    active: set[int],
    present: set[int],
    choice: str,
) -> None:
    if member.council_id != council.pk or member.pk not in active:
        raise ValidationError(f"{member.name} không phải thành viên hội đồng “{council}”.")
    if member.pk not in present:
        raise ValidationError(f"{member.name} không có mặt tại phiên họp.")
    if reason := conflict_reason(member, nomination):
        raise ValidationError(reason)
    _check_choice(choice)


@transaction.atomic
def cast_ballot(actor: Any, vote: Vote, member: CouncilMember, choice: str) -> Vote:
    """A council member casts their own secret ballot on an open ballot vote."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if actor is not None and member.user_id != actor.pk:
        raise PermissionDenied("Thành viên hội đồng chỉ tự bỏ phiếu của mình.")
    if vote.mode != Vote.Mode.BALLOT or vote.result != Vote.Result.PENDING:
        raise ValidationError("Cuộc biểu quyết này không nhận phiếu bầu.")
    meeting = vote.meeting
    members = members_on(meeting.council, meeting.date)
    present = {m.pk for m in meeting.present.all()}
    _check_ballot(
        member, vote.nomination, meeting.council, {m.pk for m in members}, present, choice
    )
    if BallotReceipt.objects.filter(vote=vote, member=member).exists():
        raise ValidationError(f"{member.name} đã bỏ phiếu cho hồ sơ này.")
    BallotReceipt.objects.create(vote=vote, member=member)
    Ballot.objects.create(vote=vote, choice=choice)
    field = {"yes": "yes", "no": "no", "abstain": "abstain"}[choice]
    Vote.objects.filter(pk=vote.pk).update(**{field: F(field) + 1})
    vote.refresh_from_db()
    audit.record(actor, "ballot", vote, after={"member": member.pk}, summary="Đã bỏ phiếu kín")
    return vote


def quorum_met(meeting: Meeting, present: int, total: int) -> bool:
    """Exact integer test of the meeting's quorum rule against ALL members."""
    if total <= 0:
        return False
    if meeting.quorum == Meeting.Quorum.MAJORITY:
        return 2 * present > total
    if meeting.quorum == Meeting.Quorum.ALL:
        return present >= total
    return 3 * present >= 2 * total


@transaction.atomic
def decide_votes(actor: Any, meeting: Meeting) -> list[Vote]:
    """Conclude the meeting's pending votes: pass when yes ≥ threshold × ALL members.

    The threshold comes from :func:`tdkt.nominations.params.vote_threshold` for the award
    type on the meeting day, and is stored on each vote with its citation. Passed dossiers
    become APPROVED, the others REJECTED. Refused without quorum.
    """
    council = meeting.council
    _require_council_clerk(actor, council, meeting.date)
    votes = list(
        Vote.objects.select_for_update()
        .filter(meeting=meeting, result=Vote.Result.PENDING)
        .order_by("pk")
    )
    if not votes:
        raise ValidationError("Không có kết quả biểu quyết nào chờ kết luận.")
    members = members_on(council, meeting.date)
    active = {m.pk for m in members}
    present = sum(1 for m in meeting.present.all() if m.pk in active)
    if not quorum_met(meeting, present, len(members)):
        raise ValidationError(
            f"Phiên họp không đủ điều kiện hợp lệ: có mặt {present}/{len(members)} thành viên "
            f"({Meeting.Quorum(meeting.quorum).label.lower()})."
        )
    now = timezone.now()
    for vote in votes:
        nomination = _lock(vote.nomination)
        _require_status(nomination, [S.IN_REVIEW], "vote")
        threshold = params.vote_threshold(
            nomination.award_type, meeting.date, meeting.council.agency_id
        )
        passed = threshold.passes(vote.yes, vote.members_total)
        vote.result = Vote.Result.PASSED if passed else Vote.Result.FAILED
        vote.threshold_pct = threshold.pct
        vote.threshold_inclusive = threshold.inclusive
        vote.threshold_citation = f"{threshold.citation} [{threshold.mark}]"[:255]
        vote.decided_at = now
        vote.save()
        before, from_status = audit.snapshot(nomination), nomination.status
        nomination.status = S.APPROVED if passed else S.REJECTED
        nomination.save(update_fields=["status"])
        _record(
            actor,
            nomination,
            "decide_vote",
            before,
            from_status=from_status,
            from_level=nomination.holder_level,
            summary=(
                f"{vote.yes}/{vote.members_total} đồng ý, yêu cầu {threshold.label}: "
                f"{'đạt' if passed else 'không đạt'}"
            ),
        )
    return votes


# --- decisions -------------------------------------------------------------------------------


def _locked_nominations(nominations: Iterable[Nomination]) -> list[Nomination]:
    ids = sorted({n.pk for n in nominations})
    return list(Nomination.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def issue_decision(
    actor: Any,
    round: Round,
    *,
    date: dt.date,
    symbol: str,
    nominations: Sequence[Nomination] | None = None,
    number: str | None = None,
    issuer: str = "",
    signer_name: str = "",
    signer_title: str = "",
    subject: str = "",
    issuer_unit: Unit | None = None,
) -> Decision:
    """Issue one numbered decision granting the approved nominations, with their awards.

    The number ("05/QĐ-SNV") is the next of *symbol* in *date*'s year, taken in this
    transaction. State-level rounds record the state's decision instead: *number* is required
    there and the counter is not used. Money: multiple × base salary on *date*, rounded up to
    10,000 đ each, totalled on the decision. Nominations already decided are refused.
    """
    _officer(actor)
    candidates = (
        list(nominations)
        if nominations is not None
        else list(round.nominations.filter(status=S.APPROVED).order_by("pk"))
    )
    if not candidates:
        raise ValidationError("Không có hồ sơ nào đã được hội đồng thông qua để ra quyết định.")
    locked = _locked_nominations(candidates)
    for n in locked:
        if n.round_id != round.pk:
            raise ValidationError(f"Hồ sơ “{n}” không thuộc đợt xét “{round}”.")
        if n.status == S.DECIDED:
            raise ValidationError(
                f"Hồ sơ “{n}” đã có quyết định số {n.decision.number if n.decision else ''}; "
                "không ra quyết định lần nữa."
            )
        _require_status(n, [S.APPROVED], "issue")
    symbol = normalise_symbol(symbol)
    salary = params.base_salary(date, round.agency_id)
    if round.issuer_level == Level.STATE:
        if not (number or "").strip():
            raise ValidationError({"number": "Cần nhập số quyết định của cấp Nhà nước."})
        seq, text = None, number.strip()  # type: ignore[union-attr]
    else:
        if number:
            raise ValidationError({"number": "Số quyết định được cấp tự động theo sổ."})
        seq, text = next_number(round.agency, symbol, date.year)
    decision = awards_domain.record_decision(
        actor,
        agency=round.agency,
        number=text,
        date=date,
        issuer=issuer,
        signer_name=signer_name,
        signer_title=signer_title,
        subject=subject or f"Về việc khen thưởng: {round.name}",
        issuer_unit=issuer_unit,
        lines=[
            AwardLine(
                award_type=n.award_type,
                year=n.year,
                person=n.person,
                unit=n.unit,
                household=n.household,
                kind=round.award_kind,
                position_at_time=n.position_at_time,
            )
            for n in locked
        ],
    )
    Decision.objects.filter(pk=decision.pk).update(seq=seq, symbol=symbol)
    decision.seq, decision.symbol = seq, symbol
    by_key = {
        (a.award_type_id, a.year, a.person_id, a.unit_id, a.household_id): a
        for a in decision.awards.all()
    }
    total = 0
    for n in locked:
        before, from_status = audit.snapshot(n), n.status
        multiple = params.money_multiple(n.award_type, n.subject_kind)
        amount = params.reward_money(multiple, salary.vnd)
        n.status = S.DECIDED
        n.decision = decision
        n.award = by_key[(n.award_type_id, n.year, n.person_id, n.unit_id, n.household_id)]
        n.money_multiple, n.money_amount = multiple, amount
        n.save(update_fields=["status", "decision", "award", "money_multiple", "money_amount"])
        total += amount
        _record(
            actor,
            n,
            "issue",
            before,
            from_status=from_status,
            from_level=n.holder_level,
            summary=f"Quyết định số {decision.number}",
        )
    issued = IssuedDecision.objects.create(
        agency=round.agency,
        decision=decision,
        round=round,
        symbol=symbol,
        year=date.year,
        seq=seq,
        base_salary=salary.vnd,
        money_total=total,
        items_due=WorkCalendar(round.agency_id).add_working_days(
            date, award_items_limit(len(locked)).working_days
        ),
    )
    audit.record(actor, "issue", issued, after=audit.snapshot(issued), summary=decision.number)
    return decision


@transaction.atomic
def revoke(
    actor: Any,
    awards: Sequence[Award],
    *,
    date: dt.date,
    symbol: str,
    reason: str,
    issuer: str = "",
    signer_name: str = "",
    signer_title: str = "",
    subject: str = "",
    issuer_unit: Unit | None = None,
) -> Decision:
    """Issue a numbered revoking decision and mark *awards* revoked with the reason.

    Items and money are due back within 15 working days (tracked on the decision).
    """
    _officer(actor)
    if not awards:
        raise ValidationError("Cần chọn ít nhất một lượt khen thưởng để huỷ bỏ.")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi rõ lý do huỷ bỏ."})
    rows = list(Award.objects.select_for_update().filter(pk__in=[a.pk for a in awards]))
    agencies = {a.decision.agency_id for a in rows}
    if len(agencies) != 1:
        raise ValidationError("Các lượt khen thưởng phải thuộc cùng một cơ quan.")
    if already := [a for a in rows if a.revoked_by_id is not None]:
        raise ValidationError(f"Lượt khen thưởng “{already[0]}” đã bị huỷ bỏ trước đó.")
    if late := [a for a in rows if a.decision.date > date]:
        raise ValidationError(
            f"Quyết định huỷ bỏ phải sau quyết định khen thưởng số {late[0].decision.number}."
        )
    agency = Agency.objects.get(pk=agencies.pop())
    symbol = normalise_symbol(symbol)
    seq, text = next_number(agency, symbol, date.year)
    decision = Decision(
        agency=agency,
        number=text,
        seq=seq,
        symbol=symbol,
        date=date,
        kind=Decision.Kind.REVOKE,
        issuer=issuer,
        signer_name=signer_name,
        signer_title=signer_title,
        subject=subject or "Về việc huỷ bỏ quyết định khen thưởng",
        issuer_unit=issuer_unit,
    )
    decision.full_clean(exclude=["file"])
    decision.save()
    audit.record(actor, "create", decision, after=audit.snapshot(decision), summary=text)
    awards_domain.revoke_awards(actor, rows, by=decision, reason=reason.strip())
    money_back = 0
    for n in Nomination.objects.select_for_update().filter(award__in=rows).order_by("pk"):
        before, from_status = audit.snapshot(n), n.status
        n.status = S.REVOKED
        n.save(update_fields=["status"])
        money_back += n.money_amount or 0
        _record(
            actor,
            n,
            "revoke",
            before,
            from_status=from_status,
            from_level=n.holder_level,
            reason=reason.strip(),
            summary=f"Huỷ bỏ theo quyết định số {text}",
        )
    issued = IssuedDecision.objects.create(
        agency=agency,
        decision=decision,
        symbol=symbol,
        year=date.year,
        seq=seq,
        money_total=money_back,
        items_due=WorkCalendar(agency.pk).add_working_days(
            date, TIME_LIMITS["revoke_return"].working_days
        ),
    )
    audit.record(actor, "issue", issued, after=audit.snapshot(issued), summary=text)
    return decision


@transaction.atomic
def record_items_done(actor: Any, issued: IssuedDecision, *, on: dt.date) -> IssuedDecision:
    """Record that the award items and money were handed over (or returned, for a revoke)."""
    _officer(actor)
    row = IssuedDecision.objects.select_for_update().get(pk=issued.pk)
    if row.items_done_on is not None:
        raise ValidationError("Đã ghi nhận việc trao (hoặc thu hồi) hiện vật, tiền thưởng.")
    if on < row.decision.date:
        raise ValidationError({"on": "Ngày trao phải sau ngày quyết định."})
    before = audit.snapshot(row)
    row.items_done_on = on
    row.save(update_fields=["items_done_on"])
    audit.record(actor, "items_done", row, before=before, after=audit.snapshot(row))
    return row


# --- calendar --------------------------------------------------------------------------------


@transaction.atomic
def set_calendar_day(
    actor: Any, agency: Agency, day: dt.date, *, kind: str, note: str = ""
) -> CalendarOverride:
    """Make *day* an extra day off or a make-up working day on the agency's calendar."""
    _officer(actor)
    if kind not in CalendarOverride.Kind.values:
        raise ValidationError({"kind": f"Loại ngày “{kind}” không hợp lệ."})
    row = CalendarOverride.objects.select_for_update().filter(agency=agency, date=day).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = CalendarOverride(agency=agency, date=day)
    row.kind, row.note = kind, note.strip()
    row.save()
    audit.record(
        actor,
        "update" if before else "create",
        row,
        before=before,
        after=audit.snapshot(row),
        summary=f"{day:%d/%m/%Y}",
    )
    return row


@transaction.atomic
def clear_calendar_day(actor: Any, agency: Agency, day: dt.date) -> None:
    """Back to the public calendar for *day* (refused when the agency set nothing)."""
    _officer(actor)
    row = CalendarOverride.objects.select_for_update().filter(agency=agency, date=day).first()
    if row is None:
        raise ValidationError(f"Ngày {day:%d/%m/%Y} không có điều chỉnh nào để bỏ.")
    audit.record(actor, "delete", row, before=audit.snapshot(row), summary=f"{day:%d/%m/%Y}")
    row.delete()
