"""Write endpoints: set a rating, create a person — through the domain functions, with 403,
404 and 422 answers that write nothing, and CSRF on session requests."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from tdkt.common.models import AuditEntry
from tdkt.org.models import Person
from tdkt.records.models import Rating

pytestmark = pytest.mark.django_db


def put(client: Client, url: str, body, **extra):
    return client.put(url, json.dumps(body), content_type="application/json", **extra)


def post(client: Client, url: str, body, **extra):
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def unchanged(counts: tuple[int, int, int]) -> bool:
    return counts == snapshot()


def snapshot() -> tuple[int, int, int]:
    return Rating.objects.count(), Person.objects.count(), AuditEntry.objects.count()


# --- ratings -------------------------------------------------------------------------------


def test_clerk_sets_a_rating(data, clerk, clerk_client):
    response = put(
        clerk_client,
        f"/api/people/{data.huong.pk}/ratings/2024",
        {"grade": "HTXS", "note": "Có sáng kiến"},
    )
    assert response.status_code == 200, response.content
    rating = Rating.objects.get()
    assert response.json() == {
        "id": rating.pk,
        "year": 2024,
        "grade": "HTXS",
        "note": "Có sáng kiến",
        "person_id": data.huong.pk,
        "unit_id": None,
    }
    entry = AuditEntry.objects.get(model="records.rating")
    assert (entry.user, entry.action, entry.after["grade"]) == (clerk, "create", "HTXS")
    # again with another grade: the same row changes
    response = put(clerk_client, f"/api/people/{data.huong.pk}/ratings/2024", {"grade": "HTT"})
    assert response.json()["id"] == rating.pk
    assert Rating.objects.get().grade == "HTT"


def test_unit_rating(tree, data, clerk_client):
    response = put(clerk_client, f"/api/units/{tree.pldvl.pk}/ratings/2024", {"grade": "HTT"})
    assert response.status_code == 200, response.content
    assert Rating.objects.get().unit == tree.pldvl
    assert (
        put(clerk_client, f"/api/units/{tree.vp.pk}/ratings/2024", {"grade": "HTT"}).status_code
        == 404
    )


def test_rating_outside_scope_is_404_and_writes_nothing(data, clerk_client):
    before = snapshot()
    for person in (data.hoa_vp, data.hoa_x):
        response = put(clerk_client, f"/api/people/{person.pk}/ratings/2024", {"grade": "HTT"})
        assert response.status_code == 404
    assert unchanged(before)


def test_viewer_gets_403_and_nothing_written(data, viewer, login):
    before = snapshot()
    response = put(login(viewer), f"/api/people/{data.huong.pk}/ratings/2024", {"grade": "HTT"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền thay đổi dữ liệu của đơn vị này."}
    assert unchanged(before)


@pytest.mark.parametrize(
    ("year", "body", "loc"),
    [
        (2024, {"grade": "XUAT_SAC"}, ["body", "payload", "grade"]),
        (2024, {}, ["body", "payload", "grade"]),
        (2024, {"grade": "HTT", "note": "x" * 256}, ["body", "payload", "note"]),
        (1900, {"grade": "HTT"}, ["path", "year"]),
        (2099, {"grade": "HTT"}, ["body", "year"]),  # refused by the domain function
    ],
)
def test_bad_rating_is_422_and_writes_nothing(data, clerk_client, year, body, loc):
    before = snapshot()
    response = put(clerk_client, f"/api/people/{data.huong.pk}/ratings/{year}", body)
    assert response.status_code == 422, response.content
    assert [e["loc"] for e in response.json()["detail"]] == [loc]
    assert all(e["msg"] for e in response.json()["detail"])
    assert unchanged(before)


def test_malformed_json_is_refused(data, clerk_client):
    before = snapshot()
    response = clerk_client.put(
        f"/api/people/{data.huong.pk}/ratings/2024", "{grade:", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert unchanged(before)


# --- people --------------------------------------------------------------------------------

NEW = {
    "full_name": "  Lò  Thị Thuỷ ",
    "sex": "F",
    "birth_year": 1990,
    "external_id": "NV777",
    "position": "Chuyên viên",
    "hired_on": "2015-09-01",
    "id_number": "038190000123",
}


def test_clerk_creates_a_person(tree, data, clerk, clerk_client):
    response = post(clerk_client, "/api/people", {**NEW, "unit_id": tree.pldvl.pk})
    assert response.status_code == 201, response.content
    person = Person.objects.get(external_id="NV777")
    body = response.json()
    assert body["id"] == person.pk
    assert body["full_name"] == "Lò Thị Thủy"
    assert body["unit"]["code"] == "PLDVL"
    assert body["employments"][0]["start"] == "2015-09-01"
    assert "id_number" not in body and "038190000123" not in response.content.decode()
    assert person.id_number == "038190000123"
    entry = AuditEntry.objects.get(model="org.person", object_id=str(person.pk))
    assert (entry.user, entry.action, entry.after["id_number"]) == (clerk, "create", "***")


def test_person_in_a_unit_outside_scope_is_refused_without_a_hint(tree, data, clerk_client):
    before = snapshot()
    hidden = post(clerk_client, "/api/people", {**NEW, "unit_id": tree.vp.pk})
    missing = post(clerk_client, "/api/people", {**NEW, "unit_id": 999999})
    assert hidden.status_code == missing.status_code == 422
    assert (
        hidden.json()
        == missing.json()
        == {
            "detail": [
                {"loc": ["body", "unit_id"], "msg": "Không tìm thấy đơn vị.", "type": "value_error"}
            ]
        }
    )
    assert unchanged(before)


def test_viewer_cannot_create_a_person(tree, data, viewer, login):
    before = snapshot()
    response = post(login(viewer), "/api/people", {**NEW, "unit_id": tree.pldvl.pk})
    assert response.status_code == 403
    assert unchanged(before)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"full_name": "   "}, "full_name"),
        ({"full_name": ""}, "full_name"),
        ({"sex": "X"}, "sex"),
        ({"birth_year": 1800}, "birth_year"),
        ({"hired_on": "31/12/2020"}, "hired_on"),
        ({"id_number": "12345"}, "id_number"),
        ({"id_number": "0381900001234"}, "id_number"),
        ({"unit_id": "PLDVL"}, "unit_id"),
        ({"external_id": "NV001"}, "__all__"),  # taken (Nguyễn Thị Hương): domain check
    ],
)
def test_bad_person_is_422_and_writes_nothing(tree, data, clerk_client, change, field):
    before = snapshot()
    body = {**NEW, "unit_id": tree.pldvl.pk, **change}
    response = post(clerk_client, "/api/people", body)
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert detail and all(e["msg"] for e in detail)
    locs = [e["loc"] for e in detail]
    assert locs == ([["body"]] if field == "__all__" else [["body", "payload", field]])
    assert unchanged(before)
    # the answer never echoes the id number back
    assert "0381900001234" not in response.content.decode()


# --- CSRF and tokens on unsafe methods -----------------------------------------------------


def test_session_post_needs_csrf(tree, data, clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    before = snapshot()
    response = post(client, "/api/people", {**NEW, "unit_id": tree.pldvl.pk})
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check Failed"}
    response = put(client, f"/api/people/{data.huong.pk}/ratings/2024", {"grade": "HTT"})
    assert response.status_code == 403
    assert unchanged(before)
    assert client.get("/api/people").status_code == 200  # reads need no CSRF token

    request = RequestFactory().get("/")
    token = get_token(request)  # what a page would give the browser
    client.cookies[settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
    response = post(
        client, "/api/people", {**NEW, "unit_id": tree.pldvl.pk}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.content


def test_anonymous_write_is_401(tree, data):
    client = Client(enforce_csrf_checks=True)
    before = snapshot()
    assert post(client, "/api/people", {**NEW, "unit_id": tree.pldvl.pk}).status_code == 401
    assert (
        put(client, f"/api/people/{data.huong.pk}/ratings/2024", {"grade": "HTT"}).status_code
        == 401
    )
    assert unchanged(before)
