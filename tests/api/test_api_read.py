"""Read endpoints: exact results per scope, 404 across scopes, 401 without login, filters,
bounded query counts, no personal id number anywhere, the OpenAPI document and docs."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tdkt.awards import domain as awards
from tdkt.awards.models import AwardType
from tdkt.org import domain as org

pytestmark = pytest.mark.django_db

ID_NUMBER = "001234567890"  # Nguyễn Thị Hương's, set by the ``data`` fixture


def get(client: Client, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def ids(page) -> list[int]:
    return [row["id"] for row in page["items"]]


# --- units ---------------------------------------------------------------------------------


def tree_codes(nodes) -> list:
    return [(n["code"], tree_codes(n["children"])) for n in nodes]


def test_unit_tree_clerk(tree, data, clerk_client):
    nodes = get(clerk_client, "/api/units")
    assert tree_codes(nodes) == [("SLDTBXH", [("PLDVL", [])])]
    assert nodes[0]["valid_to"] == "2025-02-28"
    assert nodes[0]["successor_id"] == tree.snv.pk
    assert (nodes[0]["people"], nodes[0]["children"][0]["people"]) == (1, 1)


def test_unit_tree_officer(tree, data, officer_client):
    nodes = get(officer_client, "/api/units")
    # current units before merged ones; siblings in Vietnamese order
    assert tree_codes(nodes) == [
        ("SNV", [("PTDKT", []), ("VP", []), ("SLDTBXH", [("PLDVL", [])])]),
        ("UBND_X", []),
    ]


def test_unit_detail_and_history(tree, data, clerk_client, officer_client):
    unit = get(clerk_client, f"/api/units/{tree.sldtbxh.pk}")
    assert (unit["code"], unit["successor"]["code"], unit["valid_to"]) == (
        "SLDTBXH",
        "SNV",
        "2025-02-28",
    )
    assert [(e["kind"], e["date"], e["other"] and e["other"]["code"]) for e in unit["events"]] == [
        ("establish", "2011-01-01", None),
        ("merge", "2025-03-01", "SNV"),
    ]
    snv = get(officer_client, f"/api/units/{tree.snv.pk}")
    assert [(e["kind"], e["unit"]["code"]) for e in snv["events"]] == [
        ("establish", "SNV"),
        ("merge", "SLDTBXH"),
    ]


def test_unit_outside_scope_is_404_like_a_missing_one(tree, data, clerk_client):
    hidden = clerk_client.get(f"/api/units/{tree.vp.pk}")
    missing = clerk_client.get("/api/units/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


# --- people --------------------------------------------------------------------------------


def test_people_scope(data, clerk_client, officer_client):
    assert ids(get(clerk_client, "/api/people")) == [data.an.pk, data.huong.pk]
    page = get(officer_client, "/api/people")
    # given name, then middle, then family: An, Hoa (Nguyễn Thị), Hòa (Đặng Thị), Hương
    assert ids(page) == [data.an.pk, data.hoa_vp.pk, data.hoa_x.pk, data.huong.pk]
    assert page["count"] == 4


@pytest.mark.parametrize(
    ("q", "clerk_sees", "officer_sees"),
    [
        ("dang", ["an"], ["an", "hoa_x"]),
        ("Đặng", ["an"], ["an", "hoa_x"]),
        ("nguyen thi huong", ["huong"], ["huong"]),
        ("NGUYỄN THỊ HƯƠNG", ["huong"], ["huong"]),
        ("\u0110a\u0306\u0323ng", ["an"], ["an", "hoa_x"]),  # NFD input
        ("hoà", [], ["hoa_vp", "hoa_x"]),
        ("NV001", ["huong"], ["huong"]),  # external id
        ("trần", [], []),
    ],
)
def test_people_search(data, clerk_client, officer_client, q, clerk_sees, officer_sees):
    def expected(names):
        return [getattr(data, n).pk for n in names]

    assert ids(get(clerk_client, "/api/people", q=q)) == expected(clerk_sees)
    assert ids(get(officer_client, "/api/people", q=q)) == expected(officer_sees)


def test_people_by_unit_subtree_and_pagination(tree, data, officer_client, clerk_client):
    assert ids(get(officer_client, "/api/people", unit_id=tree.sldtbxh.pk)) == [
        data.an.pk,
        data.huong.pk,
    ]
    assert ids(get(officer_client, "/api/people", unit_id=tree.snv.pk)) == [
        data.an.pk,
        data.hoa_vp.pk,
        data.huong.pk,
    ]
    page = get(officer_client, "/api/people", limit=2, offset=1)
    assert (ids(page), page["count"]) == ([data.hoa_vp.pk, data.hoa_x.pk], 4)
    get(clerk_client, "/api/people", 404, unit_id=tree.vp.pk)
    get(officer_client, "/api/people", 422, limit=0)
    get(officer_client, "/api/people", 422, limit=501)
    get(officer_client, "/api/people", 422, offset=-1)


def test_person_detail(data, clerk_client):
    person = get(clerk_client, f"/api/people/{data.huong.pk}")
    assert person == {
        "id": data.huong.pk,
        "full_name": "Nguyễn Thị Hương",
        "external_id": "NV001",
        "sex": "F",
        "birth_year": 1985,
        "position": "",
        "is_active": True,
        "unit": {"id": data.huong.unit_id, "code": "PLDVL", "name": "Phòng Lao động – Việc làm"},
        "hired_on": None,
        "employments": [
            {
                "unit": {
                    "id": data.huong.unit_id,
                    "code": "PLDVL",
                    "name": "Phòng Lao động – Việc làm",
                },
                "position": "",
                "is_leader": False,
                "start": data.huong.employments.get().start.isoformat(),
                "end": None,
            }
        ],
    }


@pytest.mark.parametrize("suffix", ["", "/timeline"])
def test_person_outside_scope_is_404(data, clerk_client, officer_client, suffix):
    for person in (data.hoa_vp, data.hoa_x):
        hidden = clerk_client.get(f"/api/people/{person.pk}{suffix}")
        assert hidden.status_code == 404
        assert hidden.content == clerk_client.get(f"/api/people/999999{suffix}").content
        assert officer_client.get(f"/api/people/{person.pk}{suffix}").status_code == 200


def test_timeline(tree, data, clerk_client):
    from tdkt.records import domain as records

    records.set_rating(None, year=2019, grade="HTXS", person=data.huong)
    records.set_rating(None, year=2020, grade="HTT", person=data.huong)
    records.add_initiative(
        None,
        unit=tree.pldvl,
        title="Sàn giao dịch việc làm trực tuyến",
        year=2019,
        level="CO_SO",
        authors=[data.huong],
    )
    timeline = get(clerk_client, f"/api/people/{data.huong.pk}/timeline")
    assert timeline["person"]["full_name"] == "Nguyễn Thị Hương"
    assert [(y["year"], y["rating"]) for y in timeline["years"]] == [(2020, "HTT"), (2019, "HTXS")]
    y2019 = timeline["years"][1]
    assert [i["title"] for i in y2019["initiatives"]] == ["Sàn giao dịch việc làm trực tuyến"]
    [award] = y2019["awards"]
    assert (award["code"], award["subject"], award["decision"]["number"]) == (
        "LDTT",
        {"id": data.huong.pk, "name": "Nguyễn Thị Hương"},
        "125/QĐ-SLĐTBXH",
    )


# --- decisions -----------------------------------------------------------------------------


def test_decisions_scope(data, clerk_client, officer_client):
    # the clerk: decisions listing an award in scope, or issued by a unit in scope
    assert ids(get(clerk_client, "/api/decisions")) == [data.d_issued.pk, data.d_mixed.pk]
    assert ids(get(officer_client, "/api/decisions")) == [
        data.d_issued.pk,
        data.d_out.pk,
        data.d_mixed.pk,
    ]
    assert ids(get(officer_client, "/api/decisions", year=2021)) == [data.d_out.pk]
    assert ids(get(officer_client, "/api/decisions", number="125/qđ")) == [data.d_mixed.pk]


def test_decision_detail_lists_only_lines_in_scope(data, clerk_client, officer_client):
    clerk_view = get(clerk_client, f"/api/decisions/{data.d_mixed.pk}")
    assert [(a["code"], a["subject"]["name"]) for a in clerk_view["awards"]] == [
        ("LDTT", "Nguyễn Thị Hương"),
        ("TTLDTT", "Phòng Lao động – Việc làm"),
        ("CSTDCS", "Đặng Văn An"),
    ]
    officer_view = get(officer_client, f"/api/decisions/{data.d_mixed.pk}")
    assert len(officer_view["awards"]) == 4
    assert "Nguyễn Thị Hoa" in json.dumps(officer_view, ensure_ascii=False)
    assert "Nguyễn Thị Hoa" not in json.dumps(clerk_view, ensure_ascii=False)


def test_decision_outside_scope_is_404(data, clerk_client):
    assert clerk_client.get(f"/api/decisions/{data.d_out.pk}").status_code == 404


# --- awards --------------------------------------------------------------------------------


def award_ids(decision, *subjects) -> list[int]:
    out = []
    for subject in subjects:
        field = "person" if subject.__class__.__name__ == "Person" else "unit"
        out.append(decision.awards.get(**{field: subject}).pk)
    return out


def test_awards_scope_and_filters(tree, data, clerk_client, officer_client):
    mixed = data.d_mixed
    in_scope = award_ids(mixed, data.an, tree.pldvl, data.huong)
    assert sorted(ids(get(clerk_client, "/api/awards"))) == sorted(in_scope)
    everything = get(officer_client, "/api/awards")
    assert everything["count"] == 5

    def officer(**params):
        return sorted(ids(get(officer_client, "/api/awards", **params)))

    assert officer(year=2020) == award_ids(data.d_out, data.hoa_x)
    assert officer(code="ldtt") == sorted(award_ids(mixed, data.huong, data.hoa_vp))
    assert officer(subject_kind="collective") == award_ids(mixed, tree.pldvl)
    assert officer(unit_id=tree.sldtbxh.pk) == sorted(in_scope)  # subtree: PLDVL too
    assert officer(unit_id=tree.snv.pk) == sorted(in_scope + award_ids(mixed, data.hoa_vp))
    assert officer(kind="adhoc") == []
    assert sorted(ids(get(clerk_client, "/api/awards", code="LDTT"))) == award_ids(
        mixed, data.huong
    )
    get(clerk_client, "/api/awards", 404, unit_id=tree.vp.pk)
    get(officer_client, "/api/awards", 422, subject_kind="person")
    get(officer_client, "/api/awards", 422, year="năm")


def test_award_row(tree, data, officer_client):
    [row] = get(officer_client, "/api/awards", subject_kind="collective")["items"]
    assert row == {
        "id": row["id"],
        "year": 2019,
        "code": "TTLDTT",
        "award_type_name": "Tập thể lao động tiên tiến",
        "kind": "merit",
        "subject_kind": "collective",
        "subject": {"id": tree.pldvl.pk, "name": "Phòng Lao động – Việc làm"},
        "unit_at_time": {"id": tree.pldvl.pk, "code": "PLDVL", "name": "Phòng Lao động – Việc làm"},
        "position_at_time": "",
        "decision": {"id": data.d_mixed.pk, "number": "125/QĐ-SLĐTBXH", "date": "2020-01-15"},
        "revoked_by": None,
        "revoked_reason": "",
    }


# --- movements and the catalogue -----------------------------------------------------------


def test_movements(data, clerk_client, officer_client):
    page = get(clerk_client, "/api/movements")
    assert ids(page) == [data.m_in.pk]
    [target] = page["items"][0]["targets"]
    assert target["name"] == "Số lao động có việc làm mới"
    assert target["results"] == [
        {"year": 2016, "planned": "15000.00", "actual": "21510.00", "exceeded_pct": "43.4"},
        {"year": 2017, "planned": "15000.00", "actual": None, "exceeded_pct": None},
    ]
    assert ids(get(officer_client, "/api/movements")) == [data.m_out.pk, data.m_in.pk]
    assert clerk_client.get(f"/api/movements/{data.m_out.pk}").status_code == 404
    assert get(clerk_client, f"/api/movements/{data.m_in.pk}")["name"] == "Thi đua tạo việc làm"


def test_award_types(clerk_client):
    types = get(clerk_client, "/api/award-types")
    assert [t["code"] for t in types][:3] == ["LDTT", "CSTDCS", "CSTD_BO"]
    assert len(types) == 18
    gk = next(t for t in types if t["code"] == "GK")
    assert (gk["money_individual"], gk["money_collective"], gk["subjects"]) == (
        "0.30",
        "0.60",
        "both",
    )
    AwardType.objects.filter(code="KNC").update(is_active=False)
    assert len(get(clerk_client, "/api/award-types")) == 17
    assert len(get(clerk_client, "/api/award-types", include_inactive="true")) == 18


def test_me(tree, clerk_client):
    assert get(clerk_client, "/api/me") == {
        "username": "vanthu",
        "role": "clerk",
        "agency": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "unit": {
            "id": tree.sldtbxh.pk,
            "code": "SLDTBXH",
            "name": "Sở Lao động – Thương binh và Xã hội",
        },
    }


# --- authentication and scope edges --------------------------------------------------------

READ_URLS = [
    "/api/me",
    "/api/units",
    "/api/units/{unit}",
    "/api/people",
    "/api/people/{person}",
    "/api/people/{person}/timeline",
    "/api/decisions",
    "/api/decisions/{decision}",
    "/api/awards",
    "/api/movements",
    "/api/movements/{movement}",
    "/api/award-types",
]


def urls(data) -> list[str]:
    ref = {
        "unit": data.huong.unit_id,
        "person": data.huong.pk,
        "decision": data.d_mixed.pk,
        "movement": data.m_in.pk,
    }
    return [u.format(**ref) for u in READ_URLS]


def test_anonymous_gets_401_not_a_login_redirect(data):
    client = Client()
    for url in urls(data):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.json() == {"detail": "Unauthorized"}


def test_inactive_user_session_is_refused(data, clerk, login):
    client = login(clerk)
    clerk.is_active = False
    clerk.save()
    assert client.get("/api/people").status_code == 401


def test_user_without_membership_sees_nothing(tree, data, django_user_model, login):
    client = login(django_user_model.objects.create_user("khach"))
    assert get(client, "/api/people") == {"items": [], "count": 0}
    assert get(client, "/api/awards")["count"] == 0
    assert get(client, "/api/decisions")["count"] == 0
    assert get(client, "/api/units") == []
    assert client.get(f"/api/people/{data.huong.pk}").status_code == 404


def test_no_personal_id_number_in_any_answer(data, officer_client):
    for url in urls(data):
        body = officer_client.get(url).content.decode()
        assert ID_NUMBER not in body, url
        assert "id_number" not in body, url
    schema = officer_client.get("/api/openapi.json").json()["components"]["schemas"]
    assert [name for name, s in schema.items() if "id_number" in s.get("properties", {})] == [
        "PersonIn"
    ]


def test_answers_are_utf8_not_escaped(data, officer_client):
    body = officer_client.get(f"/api/people/{data.huong.pk}").content.decode()
    assert "Nguyễn Thị Hương" in body


# --- query counts --------------------------------------------------------------------------


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


LIST_URLS = [
    "/api/units",
    "/api/people",
    "/api/decisions",
    "/api/awards",
    "/api/movements",
    "/api/award-types",
]


def add_rows(tree, n: int) -> None:
    """More people, awards, decisions and targets in the clerk's scope."""
    from decimal import Decimal

    from tdkt.emulation.models import Movement, Target, TargetResult

    t = {a.code: a for a in AwardType.objects.all()}
    for i in range(n):
        unit = org.create_unit(
            None, agency=tree.agency, code=f"T{n}_{i}", name=f"Tổ {i}", parent=tree.pldvl
        )
        person = org.create_person(None, unit=unit, full_name=f"Trần Văn Số {n} {i}")
        awards.record_decision(
            None,
            agency=tree.agency,
            number=f"{i + 1}/QĐ-T{n}",
            date=awards.dt.date(2023, 1, 2),
            issuer_unit=unit,
            lines=[
                awards.AwardLine(t["LDTT"], 2022, person=person),
                awards.AwardLine(t["TTLDTT"], 2022, unit=unit),
            ],
        )
        movement = Movement.objects.create(
            agency=tree.agency, unit=unit, name=f"Phong trào {i}", start_year=2020, end_year=2025
        )
        for j in range(2):
            target = Target.objects.create(movement=movement, name=f"Chỉ tiêu {j}")
            TargetResult.objects.create(target=target, year=2021, planned=Decimal(10))


@pytest.mark.parametrize("who", ["clerk", "officer"])
def test_list_query_counts_do_not_grow_with_rows(tree, data, clerk_client, officer_client, who):
    client = clerk_client if who == "clerk" else officer_client
    add_rows(tree, 1)
    few = {url: queries(client, url) for url in LIST_URLS}
    add_rows(tree, 6)
    many = {url: queries(client, url) for url in LIST_URLS}
    assert many == few
    assert max(few.values()) <= 10, few
    detail = f"/api/decisions/{data.d_mixed.pk}"
    assert queries(client, detail) <= 10


def test_timeline_query_count_does_not_grow(tree, data, clerk_client):
    url = f"/api/people/{data.huong.pk}/timeline"
    before = queries(clerk_client, url)
    t = {a.code: a for a in AwardType.objects.all()}
    for year in range(2010, 2019):
        awards.record_decision(
            None,
            agency=tree.agency,
            number=f"9/QĐ-{year}",
            date=awards.dt.date(year + 1, 1, 5),
            lines=[awards.AwardLine(t["LDTT"], year, person=data.huong)],
        )
    assert queries(clerk_client, url) == before


# --- the OpenAPI document and the docs page ------------------------------------------------


def test_openapi_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["info"]["title"] == "TĐKT API"
    assert set(doc["paths"]) >= {
        "/api/units",
        "/api/units/{unit_id}",
        "/api/units/{unit_id}/ratings/{year}",
        "/api/people",
        "/api/people/{person_id}",
        "/api/people/{person_id}/timeline",
        "/api/people/{person_id}/ratings/{year}",
        "/api/decisions",
        "/api/decisions/{decision_id}",
        "/api/awards",
        "/api/award-types",
        "/api/movements",
        "/api/movements/{movement_id}",
        "/api/me",
    }
    assert set(doc["components"]["securitySchemes"]) == {"TokenAuth", "ActiveSessionAuth"}


def test_docs_page_uses_no_cdn(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower() and "https://" not in html
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert client.get(f"/static/{asset}").status_code == 200, asset


def test_input_literals_mirror_the_model_choices():
    from typing import get_args

    from tdkt.api.schemas import AwardKindCode, GradeCode, SubjectKindCode
    from tdkt.awards.models import Award, SubjectKind
    from tdkt.records.models import Grade

    assert set(get_args(GradeCode)) == set(Grade.values)
    assert set(get_args(SubjectKindCode)) == set(SubjectKind.values)
    assert set(get_args(AwardKindCode)) == set(Award.Kind.values)
