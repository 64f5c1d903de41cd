"""A unit clerk sees only their subtree: lists, search, detail pages (404) and forms."""

from __future__ import annotations

import re

from django.urls import reverse

from tdkt.awards.models import Award
from tdkt.common.models import AuditEntry
from tdkt.org.models import Membership, Person
from tdkt.records.models import Rating
from tdkt.web import queries


def links(response, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(rf'<a href="/{prefix}/\d+/"[^>]*>([^<]+)</a>', response.content.decode())


def test_clerk_lists_hold_only_their_subtree(data, clerk_client):
    assert links(clerk_client.get(reverse("web:people")), "ca-nhan") == [
        "Đặng Văn Bình",
        "Nguyễn Thị Hương",
        "Đặng Thị Lan",
        "Nguyễn Thị Thương",
    ]
    assert links(clerk_client.get(reverse("web:units")), "don-vi") == [
        "Sở Lao động – Thương binh và Xã hội",
        "Phòng Lao động – Việc làm",
    ]
    # The decisions listing awards of PLDVL, and the revoking one issued by Sở LĐ-TBXH.
    numbers = re.findall(
        r'class="nowrap">([^<]+)</a>', clerk_client.get(reverse("web:decisions")).content.decode()
    )
    assert numbers == ["05/QĐ-UBND", "07/QĐ-SLĐTBXH", "12/QĐ-SLĐTBXH"]
    awards = clerk_client.get(reverse("web:awards")).content.decode()
    assert "Tổng số: 4 lượt" in awards
    assert "Trần Văn An" not in awards and "Phạm Văn Đức" not in awards
    assert links(clerk_client.get(reverse("web:movements")), "phong-trao") == [
        "Phong trào thi đua Lao động giỏi 2021–2025"
    ]
    assert links(clerk_client.get(reverse("web:conferences")), "hoi-nghi") == [
        "Hội nghị điển hình tiên tiến ngành LĐ-TBXH giai đoạn 2020–2025"
    ]


def test_clerk_query_functions_are_scoped(data, clerk):
    assert {a.person_id or a.unit_id for a in queries.awards_list(clerk)} == {
        data.people["NV001"].pk,
        data.people["NV002"].pk,
        data.tree.pldvl.pk,
    }
    assert queries.awards_count(clerk) == 4
    assert queries.awards_count(clerk, {"subject_kind": "individual"}) == 3
    assert queries.awards_count(clerk, {"subject_kind": "household"}) == 0
    assert [p.full_name for p in queries.people_search(clerk, "nguyen")] == [
        "Nguyễn Thị Hương",
        "Nguyễn Thị Thương",
    ]
    assert queries.people_search(clerk, "pham van duc").count() == 0
    assert queries.people_search(clerk, unit=data.tree.other).count() == 0


def test_clerk_dashboard_counts_only_their_scope(data, clerk_client, text):
    page = text(clerk_client.get(reverse("web:dashboard") + "?year=2024"))
    assert "1 lượt khen thưởng cho thành tích năm 2024" in page  # Hương's BK_TINH
    assert "4 cá nhân đang công tác" in page
    assert "1 đơn vị đang hoạt động" in page  # PLDVL (Sở LĐ-TBXH has been merged)


def test_clerk_gets_404_for_detail_pages_out_of_scope(data, clerk_client):
    t, p = data.tree, data.people
    for url in [
        reverse("web:person_detail", args=[p["NV010"].pk]),
        reverse("web:person_detail", args=[p["NV020"].pk]),
        reverse("web:unit_detail", args=[t.vp.pk]),
        reverse("web:unit_detail", args=[t.snv.pk]),
        reverse("web:unit_detail", args=[t.other.pk]),
        reverse("web:movement_detail", args=[data.other_movement.pk]),
        reverse("web:conference_detail", args=[data.other_conference.pk]),
        reverse("web:person_edit", args=[p["NV010"].pk]),
        reverse("web:person_rating", args=[p["NV010"].pk]),
        reverse("web:person_detail", args=[999999]),
    ]:
        response = clerk_client.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy trang" in response.content.decode()
    # The same pages in scope are fine.
    for url in [
        reverse("web:person_detail", args=[p["NV001"].pk]),
        reverse("web:unit_detail", args=[t.pldvl.pk]),
        reverse("web:decision_detail", args=[data.d1.pk]),
        reverse("web:movement_detail", args=[data.movement.pk]),
    ]:
        assert clerk_client.get(url).status_code == 200, url


def test_clerk_sees_only_their_lines_of_a_decision(data, clerk_client, text):
    page = text(clerk_client.get(reverse("web:decision_detail", args=[data.d1.pk])))
    assert "Nguyễn Thị Hương" in page and "Phòng Lao động – Việc làm" in page
    assert "Trần Văn An" not in page
    assert "Chỉ hiển thị các dòng thuộc phạm vi đơn vị của bạn." in page
    # 05/QĐ-UBND lists Hương (in scope), Đức and a household of UBND_X (not).
    other = text(clerk_client.get(reverse("web:decision_detail", args=[data.d2.pk])))
    assert "Phạm Văn Đức" not in other and "Hộ ông Nguyễn Văn Tư" not in other


def test_decision_without_lines_in_scope_is_404(data, clerk, client_for):
    from tdkt.awards import domain as awards
    from tdkt.awards.models import AwardType

    d = awards.record_decision(
        None,
        agency=data.tree.agency,
        number="99/QĐ-UBND",
        date=data.d2.date,
        lines=[
            awards.AwardLine(AwardType.objects.get(code="LDTT"), 2024, person=data.people["NV021"])
        ],
    )
    assert client_for(clerk).get(reverse("web:decision_detail", args=[d.pk])).status_code == 404


def test_viewer_cannot_use_forms(data, viewer_client):
    person = data.people["NV001"]
    before = (Person.objects.count(), Rating.objects.count(), AuditEntry.objects.count())
    for url in [
        reverse("web:person_add"),
        reverse("web:person_edit", args=[person.pk]),
        reverse("web:person_rating", args=[person.pk]),
    ]:
        assert viewer_client.get(url).status_code == 403, url
    assert (
        viewer_client.post(
            reverse("web:person_add"), {"full_name": "Lê Văn Mới", "unit": data.tree.vp.pk}
        ).status_code
        == 403
    )
    assert (
        viewer_client.post(
            reverse("web:person_rating", args=[person.pk]), {"year": 2024, "grade": "HT"}
        ).status_code
        == 403
    )
    assert (Person.objects.count(), Rating.objects.count(), AuditEntry.objects.count()) == before
    assert Rating.objects.get(person=person, year=2024).grade == "HTT"
    page = viewer_client.get(reverse("web:person_detail", args=[person.pk])).content.decode()
    assert "Sửa thông tin" not in page and "/xep-loai/" not in page


def test_council_member_cannot_write_either(data, tree, client_for):
    from django.contrib.auth.models import User

    member = User.objects.create_user("hoidong", password="x-Y-z-2025!")
    Membership.objects.create(user=member, agency=tree.agency, role=Membership.Role.COUNCIL)
    assert client_for(member).get(reverse("web:person_add")).status_code == 403


def test_clerk_cannot_write_out_of_scope(data, clerk, clerk_client, text):
    t, p = data.tree, data.people
    before = (Person.objects.count(), Rating.objects.count(), AuditEntry.objects.count())
    response = clerk_client.post(
        reverse("web:person_rating", args=[p["NV010"].pk]), {"year": 2024, "grade": "HT"}
    )
    assert response.status_code == 404
    response = clerk_client.post(
        reverse("web:person_edit", args=[p["NV020"].pk]), {"full_name": "Phạm Văn Đổi"}
    )
    assert response.status_code == 404
    # Adding a person to a unit out of scope: the unit is not a choice.
    response = clerk_client.post(
        reverse("web:person_add"), {"full_name": "Lê Văn Mới", "unit": t.vp.pk}
    )
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ." in text(response)
    choices = re.findall(r'<option value="(\d+)"', response.content.decode())
    assert choices == [str(t.pldvl.pk)]  # Sở LĐ-TBXH was merged: only current units
    assert (Person.objects.count(), Rating.objects.count(), AuditEntry.objects.count()) == before
    assert Person.objects.get(pk=p["NV020"].pk).full_name == "Phạm Văn Đức"


def test_out_of_scope_decision_of_a_persons_award_is_not_linked(data, clerk, client_for):
    """A person transferred into the clerk's scope keeps their earlier awards on their page;
    a decision with no line in the clerk's scope is named but not linked (it answers 404)."""
    from tdkt.awards import domain as awards
    from tdkt.awards.models import AwardType
    from tdkt.org import domain as org

    person = data.people["NV010"]  # An, in VP (out of the clerk's scope)
    only_an = awards.record_decision(
        None,
        agency=data.tree.agency,
        number="30/QĐ-SNV",
        date=data.d2.date,
        lines=[awards.AwardLine(AwardType.objects.get(code="GK"), 2024, person=person)],
    )
    org.transfer_person(None, person, data.tree.pldvl, date=data.d2.date)
    client = client_for(clerk)
    html = client.get(reverse("web:person_detail", args=[person.pk])).content.decode()
    assert "QĐ số 30/QĐ-SNV ngày 20/01/2025" in html
    assert f'href="/quyet-dinh/{only_an.pk}/"' not in html
    assert client.get(reverse("web:decision_detail", args=[only_an.pk])).status_code == 404
    # 12/QĐ also lists Hương (in scope): visible, and linked.
    assert f'href="/quyet-dinh/{data.d1.pk}/"' in html
    assert Award.objects.filter(person=person).count() == 2
