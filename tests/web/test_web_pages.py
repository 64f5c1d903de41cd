"""Every page renders for an officer, with the expected content; anonymous users go to login."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards.models import Award
from tdkt.org.models import Unit


def page_urls(data) -> list[str]:  # type: ignore[no-untyped-def]
    t, p = data.tree, data.people
    return [
        reverse("web:dashboard"),
        reverse("web:units"),
        reverse("web:unit_detail", args=[t.snv.pk]),
        reverse("web:unit_detail", args=[t.sldtbxh.pk]),
        reverse("web:people"),
        reverse("web:person_detail", args=[p["NV001"].pk]),
        reverse("web:person_add"),
        reverse("web:person_edit", args=[p["NV001"].pk]),
        reverse("web:person_rating", args=[p["NV001"].pk]),
        reverse("web:decisions"),
        reverse("web:decision_detail", args=[data.d1.pk]),
        reverse("web:decision_detail", args=[data.revoke.pk]),
        reverse("web:awards"),
        reverse("web:movements"),
        reverse("web:movement_detail", args=[data.movement.pk]),
        reverse("web:conferences"),
        reverse("web:conference_detail", args=[data.conference.pk]),
    ]


def test_every_page_renders_for_an_officer(data, officer_client):
    for url in page_urls(data):
        response = officer_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="vi">' in html
        assert "Ủy ban nhân dân tỉnh Thái Nguyên" in html  # the agency in the header
        assert "Cán bộ thi đua – khen thưởng" in html  # the role
        assert "htmx" in html and "//unpkg" not in html and "cdn" not in html.lower()


def test_anonymous_users_are_sent_to_login(data):
    client = Client()
    for url in page_urls(data):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"


def test_login_page_is_vietnamese_and_logs_in(officer, text):
    client = Client()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Tên đăng nhập" in text(page) and "Mật khẩu" in text(page)
    bad = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert bad.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in text(bad)
    good = client.post(reverse("login"), {"username": "canbo", "password": "Mat-khau-2025!"})
    assert good.status_code == 302 and good["Location"] == reverse("web:dashboard")


def test_logout_is_a_post_with_csrf(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    page = client.get(reverse("web:dashboard"))
    assert f'action="{reverse("logout")}"' in page.content.decode()
    assert client.get(reverse("logout")).status_code == 405  # never a link
    assert client.post(reverse("logout")).status_code == 403  # no token
    token = client.cookies["csrftoken"].value
    out = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert out.status_code == 302
    assert client.get(reverse("web:dashboard")).status_code == 302  # logged out


def test_header_shows_the_clerks_unit(data, clerk_client, text):
    page = text(clerk_client.get(reverse("web:dashboard")))
    assert "Cán bộ đơn vị · Sở Lao động – Thương binh và Xã hội" in page


def test_current_section_is_marked_in_navigation(data, officer_client):
    html = officer_client.get(reverse("web:person_detail", args=[data.people["NV001"].pk]))
    assert re.search(r'<a href="/ca-nhan/" aria-current="page">Cá nhân</a>', html.content.decode())


def test_dashboard_figures_and_chart(data, officer_client, text):
    response = officer_client.get(reverse("web:dashboard") + "?year=2023")
    page = text(response)
    # 2023: LDTT for Hương and An (Bình's was revoked) + TTLDTT for PLDVL.
    assert "3 lượt khen thưởng cho thành tích năm 2023" in page
    assert "Lao động tiên tiến 2" in page
    assert "Tập thể lao động tiên tiến 1" in page
    assert "10 cá nhân đang công tác" in page
    assert "5 đơn vị đang hoạt động" in page  # SLDTBXH has been merged
    assert "0 quyết định ký trong năm 2023" in page
    html = response.content.decode()
    assert html.count("<svg") == 1 and 'role="img"' in html
    assert "<title>2023 – Lao động tiên tiến: 2</title>" in html
    assert "<title>2024 – Bằng khen các cấp: 1</title>" in html
    chart_table = re.search(r"<details class=\"chart-data\">.*?</details>", html, re.S)
    assert chart_table is not None
    # Year rows of the data table: 2023 → LDTT 2, TTLDTT 1, total 3; 2024 → LDTT 1, GK 1, BK 1.
    rows = re.findall(r"<tr><th scope=\"row\">(\d{4})</th>(.*?)</tr>", chart_table.group(0), re.S)
    cells = {y: re.findall(r'<td class="num">(?:<strong>)?([\d.]+)', r) for y, r in rows}
    assert cells == {
        "2023": ["2", "0", "1", "0", "0", "0", "0", "3"],
        "2024": ["1", "0", "0", "0", "1", "1", "0", "3"],
    }


def test_dashboard_defaults_to_the_latest_year_with_awards(data, officer_client, text):
    page = text(officer_client.get(reverse("web:dashboard")))
    assert "3 lượt khen thưởng cho thành tích năm 2024" in page
    assert "2 quyết định ký trong năm 2024" in page  # 12/QĐ and 07/QĐ (revoking)


def test_unit_tree_marks_merged_units(data, officer_client, text):
    response = officer_client.get(reverse("web:units"))
    page = text(response)
    assert "đã sáp nhập vào Sở Nội vụ từ 01/03/2025" in page
    names = re.findall(r'<a href="/don-vi/\d+/">([^<]+)</a>', response.content.decode())
    # Current units first under each parent, in Vietnamese order; merged ones after them.
    assert names == [
        "Sở Nội vụ",
        "Phòng Thi đua – Khen thưởng",
        "Văn phòng Sở",
        "Sở Lao động – Thương binh và Xã hội",
        "Phòng Lao động – Việc làm",
        "UBND xã Hòa Bình",
    ]


def test_unit_page_history_people_and_counts(data, officer_client, text):
    t = data.tree
    page = text(officer_client.get(reverse("web:unit_detail", args=[t.sldtbxh.pk])))
    assert "01/01/2011 Thành lập với tên “Sở Lao động – Thương binh và Xã hội”" in page
    assert "01/03/2025 Sáp nhập vào Sở Nội vụ Văn bản: Quyết định 01/QĐ-UBND" in page
    assert "đã sáp nhập vào Sở Nội vụ từ 01/03/2025" in page
    # Everyone of PLDVL (below it), in Vietnamese order.
    assert re.search(r"Cá nhân đang công tác 4 ", page)
    # 2024: BK_TINH of Hương; 2023: LDTT Hương + TTLDTT PLDVL (Bình's was revoked).
    assert "2024 1 0 1" in page and "2023 1 1 2" in page
    assert "Hộ gia đình" not in page  # no household award: no column
    root = text(officer_client.get(reverse("web:unit_detail", args=[t.snv.pk])))
    assert "Sở Lao động – Thương binh và Xã hội sáp nhập vào đơn vị này" in root
    assert "2023 2 1 3" in root  # + An's LDTT in VP
    commune = text(officer_client.get(reverse("web:unit_detail", args=[t.other.pk])))
    assert "Năm Cá nhân Tập thể Hộ gia đình Tổng 2024 1 0 1 2" in commune


def test_person_page_timeline_and_masked_id(data, officer_client, text):
    person = data.people["NV001"]
    response = officer_client.get(reverse("web:person_detail", args=[person.pk]))
    html = response.content.decode()
    page = text(response)
    assert "001185012345" not in html
    assert "•••••••••345" in page
    years = re.findall(r'<h3 class="year-title">(\d{4})</h3>', html)
    assert years == ["2024", "2023"]
    assert "Hoàn thành xuất sắc nhiệm vụ" in page
    assert (
        "2024 Xếp loại Hoàn thành tốt nhiệm vụ Hình thức khen thưởng Bằng khen của Chủ tịch"
        " Ủy ban nhân dân tỉnh — QĐ số 05/QĐ-UBND ngày 20/01/2025 Sáng kiến Số hóa hồ sơ thi"
        " đua — cấp cơ sở"
    ) in page
    assert "Số hóa hồ sơ thi đua" in page
    assert f'href="{reverse("web:decision_detail", args=[data.d1.pk])}"' in html
    assert "QĐ số 12/QĐ-SLĐTBXH ngày 15/01/2024" in page
    assert "Phòng Lao động – Việc làm" in page  # employment history


def test_person_page_shows_discipline_and_revoked_award(data, officer_client, text):
    page = text(officer_client.get(reverse("web:person_detail", args=[data.people["NV002"].pk])))
    assert "Kỷ luật Khiển trách — 01/05/2023" in page
    assert "đã huỷ theo QĐ 07/QĐ-SLĐTBXH" in page


def test_decision_page_lists_awards_with_revoked_marked(data, officer_client, text):
    response = officer_client.get(reverse("web:decision_detail", args=[data.d1.pk]))
    html = response.content.decode()
    rows = re.findall(
        r"<tr( class=\"is-revoked\")?>\s*<td class=\"num\">(\d+)</td>\s*<td>(.*?)</td>", html, re.S
    )
    names = [(n, re.sub(r"<[^>]+>|\s+", " ", cell).strip(), bool(rev)) for rev, n, cell in rows]
    assert names == [
        ("1", "Nguyễn Thị Hương", False),
        ("2", "Đặng Văn Bình", True),
        ("3", "Trần Văn An", False),
        ("4", "Phòng Lao động – Việc làm", False),
    ]
    page = text(response)
    assert "Quyết định số 12/QĐ-SLĐTBXH ngày 15/01/2024" in page
    assert "đã huỷ theo QĐ 07/QĐ-SLĐTBXH ngày 01/06/2024" in page
    revoke = text(officer_client.get(reverse("web:decision_detail", args=[data.revoke.pk])))
    assert "Các lượt khen thưởng bị huỷ bỏ theo quyết định này" in revoke
    assert "Đặng Văn Bình" in revoke and "Bị kỷ luật khiển trách trong năm" in revoke


def test_decision_list_filters(data, officer_client, text):
    url = reverse("web:decisions")

    def numbers(query: str) -> list[str]:
        html = officer_client.get(url + query).content.decode()
        return re.findall(r'class="nowrap">([^<]+)</a>', html)

    assert numbers("") == ["05/QĐ-UBND", "07/QĐ-SLĐTBXH", "12/QĐ-SLĐTBXH"]
    assert numbers("?year=2024") == ["07/QĐ-SLĐTBXH", "12/QĐ-SLĐTBXH"]
    assert numbers("?issuer=Chủ tịch UBND tỉnh") == ["05/QĐ-UBND"]
    assert numbers("?number=qd-sldtbxh") == ["07/QĐ-SLĐTBXH", "12/QĐ-SLĐTBXH"]
    assert numbers("?number=12/QĐ") == ["12/QĐ-SLĐTBXH"]
    bad = officer_client.get(url + "?year=abc")
    assert bad.status_code == 200 and "Nhập năm bằng chữ số" in text(bad)
    assert numbers("?year=abc") == ["05/QĐ-UBND", "07/QĐ-SLĐTBXH", "12/QĐ-SLĐTBXH"]


def test_awards_list_filters_and_total(data, officer_client, text):
    t = data.tree
    url = reverse("web:awards")

    def total(query: str) -> str:
        page = text(officer_client.get(url + query))
        match = re.search(r"Tổng số: ([\d.]+) lượt", page)
        assert match, page
        return match.group(1)

    assert total("") == "7"
    assert total("?year=2023") == "4"
    assert total("?type=LDTT") == "4"
    assert total(f"?unit={t.sldtbxh.pk}") == "4"  # PLDVL below it, 2023 ×3 + BK 2024
    assert total(f"?unit={t.snv.pk}") == "5"  # + An in VP; includes the merged unit
    assert total("?subject=individual") == "5"
    assert total("?subject=collective") == "1"
    assert total("?subject=household") == "1"
    assert total("?kind=thematic") == "1"
    assert total("?year=2023&subject=individual") == "3"
    response = officer_client.get(url + "?year=2023")
    assert "đã huỷ theo QĐ 07/QĐ-SLĐTBXH" in text(response)
    bad = officer_client.get(url + f"?unit={Unit.objects.order_by('-pk').first().pk + 99}")
    assert "Lựa chọn không hợp lệ." in text(bad)


def test_movement_results_are_labelled(data, officer_client, text):
    response = officer_client.get(reverse("web:movement_detail", args=[data.movement.pk]))
    page = text(response)
    assert "2021 15.000 21.510 vượt 43,4%" in page
    assert "2022 20.000 19.640 đạt 98,2%" in page
    assert "2023 20.000 20.000 đạt 100%" in page
    assert "2024 20.000 — chưa có số liệu" in page
    assert "2022 3,5 3,8 chưa đạt" in page
    assert "2023 3 2,7 vượt 10%" in page
    listing = text(officer_client.get(reverse("web:movements")))
    assert "Phong trào thi đua Lao động giỏi 2021–2025 Thường xuyên 2021–2025" in listing


def test_conference_pages(data, officer_client, text):
    listing = text(officer_client.get(reverse("web:conferences")))
    assert "10/02/2025 Cấp sở, ngành 2020–2025 60 1" in listing
    page = text(officer_client.get(reverse("web:conference_detail", args=[data.conference.pk])))
    assert "Nguyễn Thị Hương" in page and "Lao động tiên tiến" in page


@pytest.mark.parametrize("name", ["people", "awards", "decisions"])
def test_htmx_requests_get_the_results_only(data, officer_client, name):
    url = reverse(f"web:{name}")
    full = officer_client.get(url)
    partial = officer_client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" in full.content.decode() and "<html" not in partial.content.decode()
    assert "<table" in partial.content.decode()
    assert "HX-Request" in partial["Vary"] and "HX-Request" in full["Vary"]


def test_awards_shown_are_counted_once(data):
    assert Award.objects.count() == 7
