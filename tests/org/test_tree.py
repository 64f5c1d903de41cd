import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.common.models import AuditEntry
from tdkt.org import domain as org
from tdkt.org.models import ReorgEvent, Unit
from tdkt.org.policies import visible_units


def test_merge_moves_history_under_successor(tree):
    assert tree.sldtbxh.valid_to == dt.date(2025, 2, 28)
    assert tree.sldtbxh.successor == tree.snv
    assert tree.sldtbxh.path == f"{tree.snv.path}{tree.sldtbxh.pk}/"
    assert tree.pldvl.path == f"{tree.sldtbxh.path}{tree.pldvl.pk}/"
    event = ReorgEvent.objects.get(unit=tree.sldtbxh, kind=ReorgEvent.Kind.MERGE)
    assert event.old_parent is None and event.other == tree.snv
    assert set(tree.snv.subtree().values_list("code", flat=True)) == {
        "SNV",
        "VP",
        "PTDKT",
        "SLDTBXH",
        "PLDVL",
    }


def test_merge_into_own_subtree_refused_and_nothing_written(tree):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        org.merge_units(None, [tree.snv], into=tree.pldvl, date=dt.date(2025, 7, 1))
    assert AuditEntry.objects.count() == before
    assert Unit.objects.get(pk=tree.snv.pk).valid_to is None


def test_clerk_scope_is_own_subtree(tree, clerk, officer):
    assert set(visible_units(clerk).values_list("code", flat=True)) == {"SLDTBXH", "PLDVL"}
    assert visible_units(officer).count() == 6


def test_clerk_cannot_create_unit(tree, clerk):
    with pytest.raises(PermissionDenied):
        org.create_unit(clerk, agency=tree.agency, code="NEW", name="Mới", parent=tree.pldvl)
    assert not Unit.objects.filter(code="NEW").exists()


def test_clerk_cannot_create_person_outside_scope(tree, clerk):
    with pytest.raises(PermissionDenied):
        org.create_person(clerk, unit=tree.vp, full_name="Nguyễn Văn A")
    person = org.create_person(clerk, unit=tree.pldvl, full_name="Nguyễn Thị Hoà")
    assert person.full_name == "Nguyễn Thị Hòa"
    entry = AuditEntry.objects.get(model="org.person", object_id=str(person.pk))
    assert entry.user == clerk and entry.action == "create"


def test_audit_masks_id_number_and_is_append_only(tree, officer):
    person = org.create_person(
        officer, unit=tree.vp, full_name="Trần Văn Bình", id_number="001234567890"
    )
    entry = AuditEntry.objects.get(model="org.person", object_id=str(person.pk))
    assert entry.after["id_number"] == "***"
    assert "001234567890" not in str(entry.after)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
