"""State changes of decisions and awards: record a decision with its list, revoke awards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.awards.models import Award, AwardType, Decision, SubjectKind
from tdkt.common import audit
from tdkt.org.models import Agency, Household, Person, Unit
from tdkt.org.policies import require_officer


@dataclass
class AwardLine:
    """One line of a decision's list."""

    award_type: AwardType
    year: int
    person: Person | None = None
    unit: Unit | None = None
    household: Household | None = None
    unit_at_time: Unit | None = None
    kind: str = Award.Kind.MERIT
    position_at_time: str = ""
    note: str = ""


def _subject_kind(line: AwardLine) -> str:
    given = [x for x in (line.person, line.unit, line.household) if x is not None]
    if len(given) != 1:
        raise ValidationError("Mỗi dòng khen thưởng phải có đúng một đối tượng.")
    if line.person is not None:
        kind = SubjectKind.INDIVIDUAL
    elif line.unit is not None:
        kind = SubjectKind.COLLECTIVE
    else:
        kind = SubjectKind.HOUSEHOLD
    allowed = line.award_type.subjects
    # A household takes only the forms open to both individuals and collectives (Giấy khen,
    # Bằng khen …), never an individual or collective title.
    if allowed != AwardType.Subjects.BOTH and allowed != kind:
        raise ValidationError(
            f"{line.award_type.name} không dành cho {SubjectKind(kind).label.lower()}."
        )
    return kind


@transaction.atomic
def record_decision(
    actor: Any,
    *,
    agency: Agency,
    number: str,
    date: dt.date,
    issuer: str = "",
    signer_name: str = "",
    signer_title: str = "",
    subject: str = "",
    issuer_unit: Unit | None = None,
    lines: list[AwardLine],
) -> Decision:
    """Record an issued decision and its list of awards, all or nothing."""
    if actor is not None:
        require_officer(actor)
    decision = Decision(
        agency=agency,
        number=number,
        date=date,
        issuer=issuer,
        signer_name=signer_name,
        signer_title=signer_title,
        subject=subject,
        issuer_unit=issuer_unit,
    )
    decision.fill_derived()  # the folded number_key is what must be unique
    decision.full_clean(exclude=["file"])
    decision.save()
    awards = []
    seen: dict[tuple[str, int, int, int], int] = {}
    for i, line in enumerate(lines, start=1):
        kind = _subject_kind(line)
        subject = line.person or line.unit or line.household
        key = (kind, subject.pk, line.award_type.pk, line.year)  # type: ignore[union-attr]
        if key in seen:
            raise ValidationError(f"Dòng {i}: trùng với dòng {seen[key]}.")
        seen[key] = i
        if not 1945 <= line.year <= date.year:
            raise ValidationError(f"Dòng {i}: năm thành tích {line.year} sau năm quyết định.")
        unit_at_time = line.unit_at_time or (
            line.person.unit if line.person else line.unit or line.household.unit  # type: ignore[union-attr]
        )
        awards.append(
            Award(
                award_type=line.award_type,
                year=line.year,
                decision=decision,
                subject_kind=kind,
                person=line.person,
                unit=line.unit,
                household=line.household,
                unit_at_time=unit_at_time,
                kind=line.kind,
                position_at_time=line.position_at_time,
                note=line.note,
            )
        )
    Award.objects.bulk_create(awards)
    audit.record(
        actor,
        "create",
        decision,
        after={**audit.snapshot(decision), "awards": len(awards)},
        summary=f"{decision.number}: {len(awards)} lượt",
    )
    return decision


@transaction.atomic
def revoke_awards(actor: Any, awards: list[Award], *, by: Decision, reason: str) -> int:
    """Mark *awards* revoked by the revoking decision *by*; history stays in place."""
    if actor is not None:
        require_officer(actor)
    if by.kind != Decision.Kind.REVOKE:
        raise ValidationError("Quyết định huỷ bỏ phải có loại 'Huỷ bỏ, thu hồi'.")
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi rõ lý do huỷ bỏ."})
    count = 0
    for award in awards:
        if award.revoked_by_id is not None:
            raise ValidationError(f"Lượt khen thưởng #{award.pk} đã bị huỷ trước đó.")
        before = audit.snapshot(award)
        award.revoked_by, award.revoked_reason = by, reason
        award.save(update_fields=["revoked_by", "revoked_reason"])
        audit.record(actor, "revoke", award, before=before, after=audit.snapshot(award))
        count += 1
    return count
