"""The Django admin: staff only, every model registered, changes audited, the audit log and
built-in catalogue codes protected, no personal id number in lists."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tdkt.awards.models import AwardType
from tdkt.common.models import AuditEntry
from tdkt.org import domain as org
from tdkt.org.models import Person, Unit
from tdkt.records.models import Rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser("quantri", password="Mat-khau-2025!")


@pytest.fixture
def admin_client(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def url(model, view: str = "changelist", *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


ADMIN_APPS = {"common", "org", "records", "awards", "emulation", "conferences", "api"}


def test_every_model_of_the_foundation_is_registered():
    """Directly, or as an inline of its parent (employments, target results, delegates)."""
    from django.apps import apps

    ours = {m for m in apps.get_models() if m._meta.app_label in ADMIN_APPS}
    inlined = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    assert {m for m in ours if not admin.site.is_registered(m)} - inlined == set()
    assert {"Employment", "TargetResult", "Delegate"} <= {m.__name__ for m in inlined}


def test_admin_is_for_staff_only(tree, clerk, officer):
    for user in (clerk, officer):
        client = Client()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_every_changelist_and_add_page_renders(tree, admin_client):
    for model, model_admin in admin.site._registry.items():
        assert admin_client.get(url(model)).status_code == 200, model
        add = admin_client.get(url(model, "add"))
        expected = 200 if model_admin.has_add_permission(_request(admin_client)) else 403
        assert add.status_code == expected, model


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User.objects.get(username="quantri")
    return request


def test_audit_log_cannot_be_added_changed_or_deleted(tree, officer, admin_client):
    org.create_person(officer, unit=tree.vp, full_name="Bế Văn Đàn")
    entry = AuditEntry.objects.get(model="org.person")
    count = AuditEntry.objects.count()
    assert admin_client.get(url(AuditEntry, "add")).status_code == 403
    assert admin_client.get(url(AuditEntry, "delete", entry.pk)).status_code == 403
    response = admin_client.post(url(AuditEntry, "change", entry.pk), {"action": "x"})
    assert response.status_code == 403
    response = admin_client.post(
        url(AuditEntry),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert AuditEntry.objects.count() == count
    assert AuditEntry.objects.get(pk=entry.pk).action == "create"
    # viewing is allowed
    assert admin_client.get(url(AuditEntry, "change", entry.pk)).status_code == 200


def test_builtin_award_type_cannot_be_recoded_or_deleted(admin_client, superuser):
    ldtt = AwardType.objects.get(code="LDTT")
    data = {  # the current values, except a new code and a new name
        "code": "LDTT2",
        "name": "Lao động tiên tiến (sửa)",
        "short_name": ldtt.short_name,
        "aliases": json.dumps(ldtt.aliases, ensure_ascii=False),
        "kind": ldtt.kind,
        "subjects": ldtt.subjects,
        "tier": ldtt.tier,
        "level_key": ldtt.level_key,
        "money_individual": str(ldtt.money_individual),
        "money_collective": "0",
        "order": str(ldtt.order),
        "is_active": "on",
    }
    response = admin_client.post(url(AwardType, "change", ldtt.pk), data)
    assert response.status_code == 302, response.content
    ldtt.refresh_from_db()
    assert (ldtt.code, ldtt.name) == ("LDTT", "Lao động tiên tiến (sửa)")
    entry = AuditEntry.objects.get(model="awards.awardtype")
    assert (entry.user, entry.action, entry.after) == (
        superuser,
        "update",
        {"name": "Lao động tiên tiến (sửa)"},
    )
    assert admin_client.post(url(AwardType, "delete", ldtt.pk), {"post": "yes"}).status_code == 403
    admin_client.post(
        url(AwardType), {"action": "delete_selected", "_selected_action": [ldtt.pk], "post": "yes"}
    )
    assert AwardType.objects.filter(code="LDTT").exists()
    assert AwardType.objects.count() == 18


def test_agency_form_can_be_added_and_deleted(admin_client, superuser):
    data = {
        "code": "ahld",
        "name": "Anh hùng Lao động",
        "short_name": "AHLĐ",
        "aliases": "[]",
        "kind": "title",
        "subjects": "both",
        "tier": "Chủ tịch nước",
        "level_key": "NHA_NUOC",
        "money_individual": "0",
        "money_collective": "0",
        "order": "200",
        "is_active": "on",
    }
    response = admin_client.post(url(AwardType, "add"), data)
    assert response.status_code == 302, response.content
    ahld = AwardType.objects.get(code="AHLD")
    assert not ahld.is_builtin
    bad = admin_client.post(url(AwardType, "add"), {**data, "code": "Anh hùng"})
    assert bad.status_code == 200 and AwardType.objects.count() == 19
    response = admin_client.post(url(AwardType, "delete", ahld.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not AwardType.objects.filter(code="AHLD").exists()
    assert list(
        AuditEntry.objects.filter(model="awards.awardtype").values_list("action", "user__username")
    ) == [("delete", "quantri"), ("create", "quantri")]


def test_person_admin_audits_and_hides_the_id_number(tree, admin_client, superuser):
    person = org.create_person(None, unit=tree.vp, full_name="Hà Văn Sơn", id_number="001099012345")
    listing = admin_client.get(url(Person))
    assert "Hà Văn Sơn" in listing.content.decode()
    assert "001099012345" not in listing.content.decode()
    found = admin_client.get(url(Person), {"q": "ha van son"})
    assert "Hà Văn Sơn" in found.content.decode()
    # the id number is not searchable (the page only echoes the search box)
    by_id = admin_client.get(url(Person), {"q": "001099012345"}).content.decode()
    assert "Hà Văn Sơn" not in by_id

    data = {
        "full_name": "Hà Văn Sơn",
        "external_id": "",
        "id_number": "001099012345",
        "sex": "M",
        "birth_date": "",
        "birth_year": "1980",
        "position": "Trưởng phòng",
        "hired_on": "",
        "is_active": "on",
        "unit": tree.other.pk,
        "employments-TOTAL_FORMS": "0",
        "employments-INITIAL_FORMS": "1",
        "employments-MIN_NUM_FORMS": "0",
        "employments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url(Person, "change", person.pk), data)
    assert response.status_code == 302, response.content
    person.refresh_from_db()
    assert (person.position, person.birth_year) == ("Trưởng phòng", 1980)
    assert person.unit == tree.vp  # a transfer is a domain function: unit is read-only here
    entry = AuditEntry.objects.filter(model="org.person", user=superuser).get()
    assert entry.action == "update"
    assert entry.before == {"position": "", "birth_year": None, "sex": ""}
    assert entry.after == {"position": "Trưởng phòng", "birth_year": 1980, "sex": "M"}


def test_person_added_in_admin_gets_an_employment_and_an_entry(tree, admin_client, superuser):
    data = {
        "full_name": "Lục Thị Bé",
        "external_id": "NV900",
        "id_number": "",
        "sex": "F",
        "birth_date": "",
        "birth_year": "",
        "position": "",
        "hired_on": "2019-03-01",
        "is_active": "on",
        "unit": tree.pldvl.pk,
        "employments-TOTAL_FORMS": "0",
        "employments-INITIAL_FORMS": "0",
        "employments-MIN_NUM_FORMS": "0",
        "employments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url(Person, "add"), data)
    assert response.status_code == 302, response.content
    person = Person.objects.get(external_id="NV900")
    assert person.agency == tree.agency
    assert [(e.unit, str(e.start)) for e in person.employments.all()] == [
        (tree.pldvl, "2019-03-01")
    ]
    entry = AuditEntry.objects.get(model="org.person", object_id=str(person.pk))
    assert (entry.user, entry.action, entry.after["full_name"]) == (
        superuser,
        "create",
        "Lục Thị Bé",
    )
    duplicate = admin_client.post(url(Person, "add"), {**data, "full_name": "Người khác"})
    assert duplicate.status_code == 200  # external id taken: the form shows the error
    assert Person.objects.filter(external_id="NV900").count() == 1


def test_unit_admin_keeps_the_tree_to_domain_functions(tree, admin_client, superuser):
    data = {
        "code": "VP",
        "name": "Văn phòng Sở Nội vụ",
        "short_name": "VP",
        "kind": "office",
        "valid_from": "",
        "parent": tree.other.pk,
        "agency": tree.agency.pk,
    }
    response = admin_client.post(url(Unit, "change", tree.vp.pk), data)
    assert response.status_code == 302, response.content
    vp = Unit.objects.get(pk=tree.vp.pk)
    assert (vp.name, vp.parent_id, vp.path) == ("Văn phòng Sở Nội vụ", tree.snv.pk, tree.vp.path)
    entry = AuditEntry.objects.get(model="org.unit", user=superuser)
    assert entry.after["name"] == "Văn phòng Sở Nội vụ"

    response = admin_client.post(
        url(Unit, "add"),
        {
            "code": "ttdv",
            "name": "Trung tâm Dịch vụ việc làm",
            "short_name": "",
            "kind": "centre",
            "valid_from": "2012-05-01",
            "parent": tree.snv.pk,
            "agency": tree.agency.pk,
            "valid_to": "",
            "successor": "",
        },
    )
    assert response.status_code == 302, response.content
    unit = Unit.objects.get(code="TTDV")
    assert unit.path == f"{tree.snv.path}{unit.pk}/"
    assert unit.events.get().kind == "establish"


def test_rating_admin_audits(tree, admin_client, superuser):
    person = org.create_person(None, unit=tree.vp, full_name="Đào Thị Yến")
    response = admin_client.post(
        url(Rating, "add"),
        {"person": person.pk, "unit": "", "year": "2024", "grade": "HTXS", "note": ""},
    )
    assert response.status_code == 302, response.content
    rating = Rating.objects.get()
    entry = AuditEntry.objects.get(model="records.rating")
    assert (entry.user, entry.action, entry.object_id, entry.after["grade"]) == (
        superuser,
        "create",
        str(rating.pk),
        "HTXS",
    )
    both = admin_client.post(
        url(Rating, "add"),
        {"person": person.pk, "unit": tree.vp.pk, "year": "2023", "grade": "HTT", "note": ""},
    )
    assert both.status_code == 200  # a rating has one subject: the form shows the error
    response = admin_client.post(url(Rating, "delete", rating.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Rating.objects.exists()
    deleted = AuditEntry.objects.get(model="records.rating", action="delete")
    assert (deleted.object_id, deleted.before["grade"]) == (str(rating.pk), "HTXS")


def test_api_token_admin_revokes(tree, clerk, admin_client, superuser):
    from tdkt.api import tokens
    from tdkt.api.models import ApiToken

    token, _ = tokens.create_token(None, clerk)
    response = admin_client.post(
        url(ApiToken), {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = AuditEntry.objects.get(model="api.apitoken", action="revoke")
    assert entry.user == superuser
