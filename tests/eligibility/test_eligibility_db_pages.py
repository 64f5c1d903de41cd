"""Eligibility pages: render for each role, scoped (404 outside the subtree), htmx partial."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from eligibility_db_support import History, build_history, member

from tdkt.eligibility import domain
from tdkt.org.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(tree: Any) -> History:
    return build_history(tree)


def client_for(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def text(response: Any) -> str:
    """The page's visible text, whitespace collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


def test_person_panel_explains_each_code(history: History, officer: User) -> None:
    url = reverse("eligibility:person", args=[history.hoa.pk])
    response = client_for(officer).get(url, {"nam": 2024})
    assert response.status_code == 200
    page = text(response)
    assert "Đủ điều kiện năm 2024 cho Lê Thị Hoa: Lao động tiên tiến , Chiến sĩ thi đua cơ sở" in (
        page
    )
    assert "Chế độ áp dụng: R2024" in page
    assert "Có 1 sáng kiến được công nhận cấp cơ sở trở lên trong năm 2024" in page
    assert "Law 06/2022/QH15 Art 23 ◐" in page
    assert response.templates[0].name == "eligibility/person.html"


def test_person_panel_is_an_htmx_partial(history: History, officer: User) -> None:
    url = reverse("eligibility:person", args=[history.minh.pk])
    response = client_for(officer).get(url, {"nam": 2024}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.templates[0].name == "eligibility/_person.html"
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="eligibility-panel"' in body
    page = text(response)
    assert "Năm 2024 Trần Văn Minh chưa đủ điều kiện danh hiệu, hình thức nào." in page
    assert "Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên KHT ✘ Không đạt" in page


def test_person_panel_bad_year_falls_back_with_an_error(history: History, officer: User) -> None:
    url = reverse("eligibility:person", args=[history.hoa.pk])
    response = client_for(officer).get(url, {"nam": "1900"})
    assert response.status_code == 200
    page = text(response)
    assert f"Xét điều kiện khen thưởng năm {dt.date.today().year}" in page
    assert "2010" in page  # the error names the smallest year allowed


def test_clerk_gets_404_outside_the_subtree(history: History, clerk: User, tree: Any) -> None:
    c = client_for(clerk)
    assert c.get(reverse("eligibility:person", args=[history.minh.pk])).status_code == 200
    assert c.get(reverse("eligibility:person", args=[history.lan.pk])).status_code == 404
    assert c.get(reverse("eligibility:person", args=[history.tuan.pk])).status_code == 404
    assert c.get(reverse("eligibility:person", args=[999_999])).status_code == 404
    assert c.get(reverse("eligibility:unit", args=[tree.pldvl.pk])).status_code == 200
    assert c.get(reverse("eligibility:unit", args=[tree.snv.pk])).status_code == 404
    assert c.get(reverse("eligibility:unit", args=[tree.other.pk])).status_code == 404
    assert c.get(reverse("eligibility:unit_export", args=[tree.other.pk])).status_code == 404
    assert c.get(reverse("eligibility:index"), {"don_vi": tree.other.pk}).status_code == 404
    assert c.get(reverse("eligibility:audit"), {"don_vi": tree.other.pk}).status_code == 200
    # an out-of-scope unit in the audit filter is ignored (not a valid choice)


def test_login_is_required(history: History, tree: Any) -> None:
    response = Client().get(reverse("eligibility:unit", args=[tree.pldvl.pk]))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_unit_page_lists_candidates_with_quota_status(
    history: History, clerk: User, tree: Any
) -> None:
    url = reverse("eligibility:unit", args=[tree.pldvl.pk])
    response = client_for(clerk).get(url, {"nam": 2024, "ma": "LDTT"})
    assert response.status_code == 200
    page = text(response)
    assert "Danh sách xét điều kiện năm 2024 – Phòng Lao động – Việc làm" in page
    assert "Đủ điều kiện: 1" in page and "Không đủ điều kiện: 1" in page
    assert "Lê Thị Hoa 003" in page and f"Trần Văn Minh {history.minh.pk}" in page


def test_unit_page_quota_panel_under_r2017(history: History, officer: User, tree: Any) -> None:
    url = reverse("eligibility:unit", args=[tree.ptdkt.pk])
    response = client_for(officer).get(url, {"nam": 2022, "ma": "CSTDCS"})
    assert response.status_code == 200
    page = text(response)
    assert "Tỷ lệ CSTDCS – đơn vị xét SNV" in page
    assert "Tối đa 15% của 1 = 0 ; đủ điều kiện: 1." in page
    assert "Decree 91/2017/NĐ-CP Art 9 k3 ✅" in page
    assert "Ưu tiên cá nhân nữ" in page
    assert "ngoài tỷ lệ" in page


def test_unit_export_is_an_xlsx(history: History, officer: User, tree: Any) -> None:
    url = reverse("eligibility:unit_export", args=[tree.pldvl.pk])
    response = client_for(officer).get(url, {"nam": 2024, "ma": "LDTT"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="xet-dieu-kien-PLDVL-2024-LDTT.xlsx"' in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


def test_parameters_page_shows_regime_values_and_overrides(
    history: History, officer: User, tree: Any
) -> None:
    domain.set_override(
        None,
        agency=tree.agency,
        name="cstdcs_quota_pct_of_ldtt",
        value=20,
        source="Quyết định 12/2024/QĐ-UBND Điều 5",
        valid_from=dt.date(2024, 1, 1),
    )
    response = client_for(officer).get(reverse("eligibility:parameters"), {"ngay": "2025-01-15"})
    assert response.status_code == 200
    page = text(response)
    assert "Chế độ R2024" in page
    assert "ldtt_min_months_worked" in page
    assert "20 quy định riêng mặc định: không áp dụng" in page
    assert "Quyết định 12/2024/QĐ-UBND Điều 5" in page
    assert "1 tham số đang dùng giá trị quy định riêng" in page
    assert "đang áp dụng vào ngày đã chọn" in page
    earlier = text(
        client_for(officer).get(reverse("eligibility:parameters"), {"ngay": "2019-05-01"})
    )
    assert "Chế độ R2017" in earlier and "không áp dụng vào ngày đã chọn" in earlier


def test_audit_page_lists_contradictions(history: History, officer: User) -> None:
    response = client_for(officer).get(reverse("eligibility:audit"), {"tu": 2020, "den": 2024})
    assert response.status_code == 200
    page = text(response)
    assert "Trái quy định (2)" in page
    assert f"LDTT 2024 – Trần Văn Minh {history.minh.pk}" in page
    assert "✘ Không đạt: Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên [KHT]" in page
    assert "CSTDCS năm 2022 của SNV vượt tỷ lệ" in page
    assert "Law 06/2022/QH15 Art 24 ✅" in page


def test_audit_page_is_scoped_for_a_clerk(history: History, clerk: User) -> None:
    response = client_for(clerk).get(reverse("eligibility:audit"), {"tu": 2020, "den": 2024})
    page = text(response)
    assert "Trái quy định (1)" in page
    assert "Trần Văn Minh" in page
    assert "Nguyễn Thị Lan" not in page and "SNV vượt tỷ lệ" not in page


def test_index_redirects_to_the_unit_page(history: History, officer: User, tree: Any) -> None:
    c = client_for(officer)
    assert c.get(reverse("eligibility:index")).status_code == 200
    response = c.get(reverse("eligibility:index"), {"don_vi": tree.pldvl.pk, "nam": 2024})
    assert response.status_code == 302
    assert response["Location"] == reverse("eligibility:unit", args=[tree.pldvl.pk]) + "?nam=2024"


def test_viewer_limited_to_a_unit_sees_only_it(history: History, tree: Any) -> None:
    viewer = member(tree, "xem_pldvl", Membership.Role.VIEWER, tree.pldvl)
    c = client_for(viewer)
    assert c.get(reverse("eligibility:person", args=[history.hoa.pk])).status_code == 200
    assert c.get(reverse("eligibility:person", args=[history.lan.pk])).status_code == 404


def test_unit_page_says_when_the_regime_has_no_rule(
    history: History, officer: User, tree: Any
) -> None:
    url = reverse("eligibility:unit", args=[tree.snv.pk])
    page = text(client_for(officer).get(url, {"nam": 2022, "ma": "CO_BO"}))
    assert "Chế độ R2017 chưa có quy tắc xét Cờ thi đua của Bộ." in page


def test_person_panel_notes_a_person_quota_only(history: History, officer: User) -> None:
    url = reverse("eligibility:person", args=[history.lan.pk])
    page = text(client_for(officer).get(url, {"nam": 2022}))
    assert "Chiến sĩ thi đua cơ sở còn giới hạn theo tỷ lệ (tối đa 15%" in page
    assert "Cờ thi đua của Chính phủ còn giới hạn" not in page
