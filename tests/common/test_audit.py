"""The audit log: one entry per change made by a domain function, in the change's transaction;
append-only at the database level; personal ids kept out of logs."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import logging

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from tdkt.awards import domain as awards
from tdkt.awards.models import Award, AwardType, Decision
from tdkt.common import audit
from tdkt.common.logging import RedactPersonalIds, redact
from tdkt.common.models import AuditEntry
from tdkt.org import domain as org
from tdkt.org.models import Person, Unit
from tdkt.records import domain as records
from tdkt.records.models import Rating

# Every public state-changing function of the domain modules is exercised below; a new one
# must be added here together with a test of its audit entry.
COVERED = {
    org: {
        "create_unit",
        "move_unit",
        "rename_unit",
        "merge_units",
        "create_person",
        "update_person",
        "transfer_person",
    },
    records: {"set_rating", "add_discipline", "add_initiative"},
    awards: {"record_decision", "revoke_awards"},
}


def test_every_domain_function_is_covered():
    for module, names in COVERED.items():
        public = {
            name
            for name, fn in inspect.getmembers(module, inspect.isfunction)
            if fn.__module__ == module.__name__ and not name.startswith("_")
        }
        assert public == names, module.__name__


def new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("pk"))


def last_id() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def types(db) -> dict[str, AwardType]:
    return {t.code: t for t in AwardType.objects.all()}


# --- org -----------------------------------------------------------------------------------


def test_create_unit(tree, officer):
    mark = last_id()
    unit = org.create_unit(
        officer,
        agency=tree.agency,
        code="ttdvvl",
        name="Trung tâm Dịch vụ",
        parent=tree.snv,
        valid_from=dt.date(2020, 1, 1),
    )
    [entry] = new_entries(mark)
    assert (entry.user, entry.action, entry.model, entry.object_id) == (
        officer,
        "create",
        "org.unit",
        str(unit.pk),
    )
    assert entry.before is None
    assert entry.after["code"] == "TTDVVL"
    assert entry.after["parent_id"] == tree.snv.pk
    assert entry.after["valid_from"] == "2020-01-01"


def test_move_unit(tree, officer):
    mark = last_id()
    org.move_unit(officer, tree.vp, tree.other, date=dt.date(2024, 1, 1))
    [entry] = new_entries(mark)
    assert (entry.user, entry.action, entry.object_id) == (officer, "move", str(tree.vp.pk))
    assert entry.before["parent_id"] == tree.snv.pk
    assert entry.after["parent_id"] == tree.other.pk
    assert entry.after["path"] == f"{tree.other.path}{tree.vp.pk}/"


def test_rename_unit(tree, officer):
    mark = last_id()
    org.rename_unit(officer, tree.vp, "Văn phòng Sở Nội vụ", date=dt.date(2025, 3, 1))
    [entry] = new_entries(mark)
    assert entry.action == "rename" and entry.user == officer
    assert (entry.before["name"], entry.after["name"]) == ("Văn phòng Sở", "Văn phòng Sở Nội vụ")


def test_merge_units_writes_one_entry_per_source(tree, officer):
    a = org.create_unit(officer, agency=tree.agency, code="A", name="Phòng A", parent=tree.snv)
    b = org.create_unit(officer, agency=tree.agency, code="B", name="Phòng B", parent=tree.snv)
    mark = last_id()
    org.merge_units(officer, [a, b], into=tree.vp, date=dt.date(2025, 7, 1))
    entries = new_entries(mark)
    assert [(e.action, e.object_id, e.user) for e in entries] == [
        ("merge", str(a.pk), officer),
        ("merge", str(b.pk), officer),
    ]
    assert entries[0].before["valid_to"] is None
    assert entries[0].after["valid_to"] == "2025-06-30"
    assert entries[0].after["successor_id"] == tree.vp.pk


def test_create_update_transfer_person(tree, officer):
    mark = last_id()
    person = org.create_person(
        officer,
        unit=tree.vp,
        full_name="Lê Thị Thuỷ",
        sex="F",
        id_number="012345678",
        hired_on=dt.date(2010, 9, 1),
    )
    [created] = new_entries(mark)
    assert (created.action, created.model, created.user) == ("create", "org.person", officer)
    assert created.after["full_name"] == "Lê Thị Thủy"
    assert created.after["id_number"] == "***"

    mark = last_id()
    org.update_person(officer, person, position="Chuyên viên")
    [updated] = new_entries(mark)
    assert updated.action == "update"
    assert (updated.before, updated.after) == ({"position": ""}, {"position": "Chuyên viên"})

    mark = last_id()
    org.update_person(officer, person, position="Chuyên viên")  # no change, no entry
    assert new_entries(mark) == []

    mark = last_id()
    org.transfer_person(officer, person, tree.ptdkt, date=dt.date(2025, 1, 1))
    [moved] = new_entries(mark)
    assert moved.action == "transfer"
    assert (moved.before["unit_id"], moved.after["unit_id"]) == (tree.vp.pk, tree.ptdkt.pk)


def test_transfer_before_current_start_is_refused_cleanly(tree, officer):
    """Found while writing these tests: this used to fail with a database IntegrityError."""
    person = org.create_person(
        officer, unit=tree.vp, full_name="Lê Văn Hải", hired_on=dt.date(2020, 1, 1)
    )
    mark = last_id()
    with pytest.raises(ValidationError) as err:
        org.transfer_person(officer, person, tree.ptdkt, date=dt.date(2020, 1, 1))
    assert "date" in err.value.message_dict
    assert new_entries(mark) == []
    assert Person.objects.get(pk=person.pk).unit_id == tree.vp.pk


# --- records -------------------------------------------------------------------------------


def test_set_rating_create_update_and_no_change(tree, clerk):
    person = org.create_person(None, unit=tree.pldvl, full_name="Phạm Văn Minh")
    mark = last_id()
    rating = records.set_rating(clerk, year=2024, grade="HTT", person=person)
    [created] = new_entries(mark)
    assert (created.action, created.model, created.user) == ("create", "records.rating", clerk)
    assert created.after["grade"] == "HTT" and created.after["person_id"] == person.pk

    mark = last_id()
    records.set_rating(clerk, year=2024, grade="HTXS", person=person)
    [updated] = new_entries(mark)
    assert updated.action == "update" and updated.object_id == str(rating.pk)
    assert (updated.before["grade"], updated.after["grade"]) == ("HTT", "HTXS")

    mark = last_id()
    records.set_rating(clerk, year=2024, grade="HTXS", person=person)
    assert new_entries(mark) == []


def test_add_discipline(tree, officer):
    person = org.create_person(None, unit=tree.vp, full_name="Hồ Văn Nam")
    mark = last_id()
    d = records.add_discipline(officer, person, form="KHIEN_TRACH", decided_on=dt.date(2023, 5, 1))
    [entry] = new_entries(mark)
    assert (entry.action, entry.model, entry.object_id, entry.user) == (
        "create",
        "records.discipline",
        str(d.pk),
        officer,
    )
    assert entry.after["form"] == "KHIEN_TRACH" and entry.after["decided_on"] == "2023-05-01"


def test_add_initiative(tree, officer):
    people = [org.create_person(None, unit=tree.vp, full_name=n) for n in ("Mai An", "Mai Bình")]
    mark = last_id()
    i = records.add_initiative(
        officer, unit=tree.vp, title="Số hoá hồ sơ", year=2023, level="CO_SO", authors=people
    )
    [entry] = new_entries(mark)
    assert (entry.action, entry.model, entry.object_id) == (
        "create",
        "records.initiative",
        str(i.pk),
    )
    assert entry.after["authors"] == [p.pk for p in people]
    assert entry.after["title"] == "Số hóa hồ sơ"


# --- awards --------------------------------------------------------------------------------


def test_record_decision_and_revoke(tree, officer, types):
    person = org.create_person(None, unit=tree.vp, full_name="Vũ Thị Lan")
    mark = last_id()
    decision = awards.record_decision(
        officer,
        agency=tree.agency,
        number="12/QĐ-SNV",
        date=dt.date(2024, 1, 10),
        lines=[
            awards.AwardLine(types["LDTT"], 2023, person=person),
            awards.AwardLine(types["TTLDTT"], 2023, unit=tree.vp),
        ],
    )
    [entry] = new_entries(mark)
    assert (entry.action, entry.model, entry.object_id, entry.user) == (
        "create",
        "awards.decision",
        str(decision.pk),
        officer,
    )
    assert entry.after["awards"] == 2 and entry.after["number"] == "12/QĐ-SNV"

    revoking = Decision.objects.create(
        agency=tree.agency, number="20/QĐ-SNV", date=dt.date(2024, 6, 1), kind=Decision.Kind.REVOKE
    )
    lines = list(decision.awards.order_by("pk"))
    mark = last_id()
    assert awards.revoke_awards(officer, lines, by=revoking, reason="Khai man thành tích") == 2
    entries = new_entries(mark)
    assert [(e.action, e.object_id) for e in entries] == [("revoke", str(a.pk)) for a in lines]
    assert entries[0].before["revoked_by_id"] is None
    assert entries[0].after["revoked_by_id"] == revoking.pk


# --- all or nothing ------------------------------------------------------------------------


class Boom(Exception):
    pass


@pytest.fixture
def failing_audit(monkeypatch):
    """Make writing the audit entry fail: the change before it must be rolled back."""

    def fail(*args, **kwargs):
        raise Boom

    monkeypatch.setattr(audit, "record", fail)


def test_failing_audit_rolls_back_person(tree, officer, failing_audit):
    with pytest.raises(Boom):
        org.create_person(officer, unit=tree.vp, full_name="Không Được Lưu")
    assert not Person.objects.filter(full_name="Không Được Lưu").exists()


def test_failing_audit_rolls_back_rating(tree, officer, failing_audit):
    person = Person.objects.create(agency=tree.agency, unit=tree.vp, full_name="Trần Bình")
    with pytest.raises(Boom):
        records.set_rating(officer, year=2024, grade="HT", person=person)
    assert not Rating.objects.exists()


def test_failing_audit_rolls_back_decision(tree, officer, types, failing_audit):
    person = Person.objects.create(agency=tree.agency, unit=tree.vp, full_name="Trần Bình")
    with pytest.raises(Boom):
        awards.record_decision(
            officer,
            agency=tree.agency,
            number="1/QĐ",
            date=dt.date(2024, 1, 2),
            lines=[awards.AwardLine(types["LDTT"], 2023, person=person)],
        )
    assert not Decision.objects.exists() and not Award.objects.exists()


def test_failing_audit_rolls_back_merge(tree, officer, failing_audit):
    path = tree.vp.path
    with pytest.raises(Boom):
        org.merge_units(officer, [tree.vp], into=tree.ptdkt, date=dt.date(2025, 7, 1))
    vp = Unit.objects.get(pk=tree.vp.pk)
    assert (vp.valid_to, vp.successor_id, vp.path) == (None, None, path)


def test_failing_change_writes_no_entry(tree, officer):
    mark = last_id()
    with pytest.raises(ValidationError):
        org.create_person(officer, unit=tree.vp, full_name="Ngô Văn Tài", sex="X")
    with pytest.raises(ValidationError):
        org.create_unit(officer, agency=tree.agency, code="VP", name="Trùng mã")
    assert new_entries(mark) == []
    assert not Person.objects.filter(full_name="Ngô Văn Tài").exists()


# --- append-only ---------------------------------------------------------------------------


def test_database_refuses_update_and_delete(tree, officer):
    org.create_person(officer, unit=tree.vp, full_name="Đinh Văn Lực")
    count = AuditEntry.objects.count()
    assert count > 0
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE common_auditentry SET action = 'x'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_auditentry")
    assert AuditEntry.objects.count() == count
    assert not AuditEntry.objects.filter(action="x").exists()
    with pytest.raises(PermissionError):
        AuditEntry.objects.first().save()


def test_queryset_update_and_delete_are_refused_too(tree, officer):
    """Bulk ORM calls bypass ``save``/``delete`` but not the trigger."""
    org.create_person(officer, unit=tree.vp, full_name="Đinh Văn Lực")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.exclude(action="x").count() == AuditEntry.objects.count() > 0


# --- logs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("CCCD 001234567890 sai", "CCCD [đã ẩn] sai"),
        ("CMND 123456789.", "CMND [đã ẩn]."),
        ("so=001234567890,123456789", "so=[đã ẩn],[đã ẩn]"),
        ("điện thoại 0912345678", "điện thoại 0912345678"),  # 10 digits: not an id
        ("mã 12345678", "mã 12345678"),  # 8 digits
        ("số 0012345678901", "số 0012345678901"),  # 13 digits
        ("năm 2025, 1.885 lượt", "năm 2025, 1.885 lượt"),
    ],
)
def test_redact(message, expected):
    assert redact(message) == expected


def test_logging_filter_masks_ids_in_messages_and_arguments():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalIds())
    logger = logging.getLogger("tdkt.tests.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("không tìm thấy %s (%d dòng)", "001234567890", 3)
        logger.warning("CMND 123456789 trùng")
    finally:
        logger.removeHandler(handler)
    assert stream.getvalue() == "không tìm thấy [đã ẩn] (3 dòng)\nCMND [đã ẩn] trùng\n"


def test_settings_install_the_filter():
    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
    assert settings.LOGGING["filters"]["redact"]["()"] == "tdkt.common.logging.RedactPersonalIds"
