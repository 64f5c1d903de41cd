"""State changes of the organisation: units, reorganisations, people, employments.

Every function takes ``actor`` (the user, or None for system jobs such as the CLI and the
demo loader), checks permission, writes the change and its audit entry in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.common import audit
from tdkt.common.text import nfc
from tdkt.org.models import Agency, Employment, Person, ReorgEvent, Unit
from tdkt.org.policies import require_edit, require_officer

PERSON_FIELDS = (
    "full_name",
    "external_id",
    "sex",
    "birth_date",
    "birth_year",
    "position",
    "hired_on",
    "is_active",
    "unit_id",
    "id_number",
)


def _check_officer(actor: Any) -> None:
    if actor is not None:
        require_officer(actor)


def _check_unit(actor: Any, unit: Unit) -> None:
    if actor is not None:
        require_edit(actor, unit)


@transaction.atomic
def create_unit(
    actor: Any,
    *,
    agency: Agency,
    code: str,
    name: str,
    parent: Unit | None = None,
    kind: str = Unit.Kind.OTHER,
    short_name: str = "",
    valid_from: dt.date | None = None,
    document: str = "",
) -> Unit:
    """Create a unit (and its "established" event)."""
    _check_officer(actor)
    code = nfc(code).upper()
    if Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": f"Mã đơn vị {code} đã tồn tại."})
    if parent is not None and parent.agency_id != agency.pk:
        raise ValidationError({"parent": "Đơn vị cấp trên thuộc cơ quan khác."})
    unit = Unit(
        agency=agency,
        code=code,
        name=name,
        parent=parent,
        kind=kind,
        short_name=short_name,
        valid_from=valid_from,
    )
    unit.full_clean(exclude=["path", "name_fold", "sort_key"])
    unit.save()
    if valid_from:
        ReorgEvent.objects.create(
            unit=unit,
            kind=ReorgEvent.Kind.ESTABLISH,
            date=valid_from,
            document=document,
            new_name=unit.name,
        )
    audit.record(actor, "create", unit, after=audit.snapshot(unit), summary=unit.name)
    return unit


def _repath(unit: Unit, new_parent: Unit | None) -> None:
    """Move *unit* (with its subtree) under *new_parent*, rewriting materialised paths."""
    old_path = unit.path
    if new_parent is not None and new_parent.path.startswith(old_path):
        raise ValidationError("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới.")
    unit.parent = new_parent
    unit.save()  # recomputes unit.path
    new_path = unit.path
    for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        child.path = new_path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
        child.save(update_fields=["path", "depth"])


@transaction.atomic
def move_unit(
    actor: Any,
    unit: Unit,
    new_parent: Unit | None,
    *,
    date: dt.date,
    document: str = "",
    note: str = "",
) -> ReorgEvent:
    _check_officer(actor)
    before = audit.snapshot(unit)
    event = ReorgEvent.objects.create(
        unit=unit,
        kind=ReorgEvent.Kind.MOVE,
        date=date,
        other=new_parent,
        old_parent=unit.parent,
        document=document,
        note=note,
    )
    _repath(unit, new_parent)
    audit.record(
        actor,
        "move",
        unit,
        before=before,
        after=audit.snapshot(unit),
        summary=f"{unit.name} → {new_parent.name if new_parent else '—'}",
    )
    return event


@transaction.atomic
def rename_unit(
    actor: Any, unit: Unit, new_name: str, *, date: dt.date, document: str = ""
) -> ReorgEvent:
    _check_officer(actor)
    before = audit.snapshot(unit)
    event = ReorgEvent.objects.create(
        unit=unit,
        kind=ReorgEvent.Kind.RENAME,
        date=date,
        old_name=unit.name,
        new_name=nfc(new_name),
        document=document,
    )
    unit.name = new_name
    unit.save()
    audit.record(
        actor,
        "rename",
        unit,
        before=before,
        after=audit.snapshot(unit),
        summary=f"{event.old_name} → {unit.name}",
    )
    return event


@transaction.atomic
def merge_units(
    actor: Any,
    sources: list[Unit],
    into: Unit,
    *,
    date: dt.date,
    document: str = "",
    note: str = "",
) -> list[ReorgEvent]:
    """Merge *sources* into *into* from *date*.

    Each source ends the day before, records its successor and former parent, and moves
    under its successor so that the successor's subtree (scopes, reports) includes its
    history. Its awards keep pointing at it: history is never rewritten.
    """
    _check_officer(actor)
    events = []
    for source in sources:
        if source.pk == into.pk or into.path.startswith(source.path):
            raise ValidationError("Không thể sáp nhập đơn vị vào chính nó hoặc cấp dưới của nó.")
        if source.valid_to is not None and source.valid_to < date:
            raise ValidationError(f"{source.name} đã ngừng hoạt động trước ngày sáp nhập.")
        before = audit.snapshot(source)
        events.append(
            ReorgEvent.objects.create(
                unit=source,
                kind=ReorgEvent.Kind.MERGE,
                date=date,
                other=into,
                old_parent=source.parent,
                document=document,
                note=note,
            )
        )
        source.valid_to = date - dt.timedelta(days=1)
        source.successor = into
        _repath(source, into)
        audit.record(
            actor,
            "merge",
            source,
            before=before,
            after=audit.snapshot(source),
            summary=f"{source.name} → {into.name}",
        )
    return events


@transaction.atomic
def create_person(actor: Any, *, unit: Unit, full_name: str, **fields: Any) -> Person:
    """Create a person in *unit* with an open employment from ``hired_on`` (if given)."""
    _check_unit(actor, unit)
    person = Person(agency_id=unit.agency_id, unit=unit, full_name=full_name, **fields)
    person.fill_derived()
    person.full_clean(exclude=["family_name", "middle_name", "given_name", "name_fold", "sort_key"])
    person.save()
    Employment.objects.create(
        person=person, unit=unit, position=person.position, start=person.hired_on or dt.date.today()
    )
    audit.record(
        actor,
        "create",
        person,
        after=audit.snapshot(person, PERSON_FIELDS),
        summary=person.full_name,
    )
    return person


@transaction.atomic
def update_person(actor: Any, person: Person, **changes: Any) -> Person:
    """Change a person's own fields (not their unit: use :func:`transfer_person`)."""
    _check_unit(actor, person.unit)
    if "unit" in changes or "unit_id" in changes:
        raise ValidationError("Dùng chức năng điều chuyển để đổi đơn vị.")
    before = audit.snapshot(person, PERSON_FIELDS)
    for key, value in changes.items():
        setattr(person, key, value)
    person.fill_derived()
    person.full_clean(exclude=["family_name", "middle_name", "given_name", "name_fold", "sort_key"])
    person.save()
    b, a = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
    if a:
        audit.record(actor, "update", person, before=b, after=a, summary=person.full_name)
    return person


@transaction.atomic
def transfer_person(
    actor: Any,
    person: Person,
    unit: Unit,
    *,
    date: dt.date,
    position: str = "",
    is_leader: bool = False,
) -> Employment:
    """Close the current employment the day before *date* and open one in *unit*."""
    _check_unit(actor, person.unit)
    _check_unit(actor, unit)
    if Employment.objects.filter(person=person, end__isnull=True, start__gte=date).exists():
        raise ValidationError({"date": "Ngày điều chuyển phải sau ngày bắt đầu công tác hiện tại."})
    before = audit.snapshot(person, PERSON_FIELDS)
    Employment.objects.filter(person=person, end__isnull=True).update(
        end=date - dt.timedelta(days=1)
    )
    employment = Employment.objects.create(
        person=person, unit=unit, position=position, is_leader=is_leader, start=date
    )
    person.unit = unit
    person.position = position or person.position
    person.save()
    audit.record(
        actor,
        "transfer",
        person,
        before=before,
        after=audit.snapshot(person, PERSON_FIELDS),
        summary=person.full_name,
    )
    return employment
