"""People search: diacritics and case ignored, word starts, external ids, Vietnamese order."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tdkt.web.queries import people_search


def names(qs) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.full_name for p in qs]


def listed(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'<a href="/ca-nhan/\d+/">([^<]+)</a>', response.content.decode())


def test_search_ignores_diacritics_and_case(data, officer):
    assert names(people_search(officer, "nguyen thi huong")) == ["Nguyễn Thị Hương"]
    assert names(people_search(officer, "NGUYỄN THỊ HƯƠNG")) == ["Nguyễn Thị Hương"]
    assert names(people_search(officer, "  Nguyen   thi  HUONG ")) == ["Nguyễn Thị Hương"]


def test_search_dang_finds_the_dang_people_in_vietnamese_order(data, officer, clerk):
    # Given name first: Anh < Bình < Cường < Lan.
    assert names(people_search(officer, "dang")) == [
        "Đặng Minh Anh",
        "Đặng Văn Bình",
        "Đặng Hữu Cường",
        "Đặng Thị Lan",
    ]
    assert names(people_search(clerk, "dang")) == ["Đặng Văn Bình", "Đặng Thị Lan"]


def test_search_matches_word_starts_only(data, officer):
    # "huong" begins "Hương" but is only inside "Thương" and "Phương".
    assert names(people_search(officer, "huong")) == ["Nguyễn Thị Hương"]
    assert names(people_search(officer, "thi")) == [
        "Nguyễn Thị Hương",
        "Đặng Thị Lan",
        "Lê Thị Phương",
        "Nguyễn Thị Thương",
    ]
    # Every word must match, in any order.
    assert names(people_search(officer, "huong nguyen")) == ["Nguyễn Thị Hương"]
    assert names(people_search(officer, "nguyen van")) == []


def test_search_by_exact_external_id(data, officer, clerk):
    assert names(people_search(officer, "NV012")) == ["Đặng Minh Anh"]
    assert names(people_search(officer, "NV01")) == []  # exact, not a prefix
    assert names(people_search(clerk, "NV012")) == []  # out of the clerk's scope


def test_whole_list_in_vietnamese_order(data, officer):
    # By given name (An < Anh < Bình < Cường < Dũng < Đức < Hương ...): đ after d.
    assert names(people_search(officer)) == [
        "Trần Văn An",
        "Đặng Minh Anh",
        "Đặng Văn Bình",
        "Đặng Hữu Cường",
        "Vũ Văn Dũng",
        "Phạm Văn Đức",
        "Nguyễn Thị Hương",
        "Đặng Thị Lan",
        "Lê Thị Phương",
        "Nguyễn Thị Thương",
    ]


def test_unit_filter_includes_units_below_and_merged(data, officer):
    t = data.tree
    assert names(people_search(officer, unit=t.sldtbxh)) == [
        "Đặng Văn Bình",
        "Nguyễn Thị Hương",
        "Đặng Thị Lan",
        "Nguyễn Thị Thương",
    ]
    assert len(people_search(officer, unit=t.snv)) == 8
    assert names(people_search(officer, "dang", unit=t.vp)) == ["Đặng Minh Anh"]


def test_search_page_and_its_htmx_partial(data, officer_client, text):
    url = reverse("web:people")
    page = officer_client.get(url, {"q": "nguyen thi huong"})
    assert listed(page) == ["Nguyễn Thị Hương"]
    assert "Tìm thấy 1 người khớp với “nguyen thi huong”" in text(page)
    html = page.content.decode()
    assert 'hx-get="/ca-nhan/"' in html and "delay:300ms" in html and 'hx-target="#results"' in html
    partial = officer_client.get(url, {"q": "dang"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert listed(partial) == ["Đặng Minh Anh", "Đặng Văn Bình", "Đặng Hữu Cường", "Đặng Thị Lan"]
    by_unit = officer_client.get(url, {"unit": data.tree.vp.pk, "q": "dang"})
    assert listed(by_unit) == ["Đặng Minh Anh"]


def test_search_too_long_is_refused_with_a_message(data, officer_client, text):
    page = officer_client.get(reverse("web:people"), {"q": "a" * 101})
    assert page.status_code == 200
    assert "Nội dung tìm kiếm tối đa 100 ký tự." in text(page)
    assert len(listed(page)) == 10  # the query is ignored, everyone listed


@pytest.mark.parametrize("n", [55])
def test_people_list_is_paginated(data, officer, officer_client, n):
    from tdkt.org import domain as org

    for i in range(n):
        org.create_person(None, unit=data.tree.vp, full_name=f"Hoàng Văn Tùng {i:02d}")
    url = reverse("web:people")
    first = officer_client.get(url)
    assert len(listed(first)) == 50
    assert "Trang 1 / 2" in first.content.decode()
    second = officer_client.get(url, {"page": 2})
    assert len(listed(second)) == n + 10 - 50
    assert officer_client.get(url, {"page": "x"}).status_code == 200
    assert listed(officer_client.get(url, {"page": 99})) == listed(second)
