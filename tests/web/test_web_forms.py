"""Forms that change data: through the domain functions, Vietnamese errors, CSRF enforced."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.common.models import AuditEntry
from tdkt.org.models import Employment, Person
from tdkt.records.models import Rating


def counts() -> tuple[int, int, int, int]:
    return (
        Person.objects.count(),
        Employment.objects.count(),
        Rating.objects.count(),
        AuditEntry.objects.count(),
    )


def test_officer_adds_a_person(data, officer, officer_client):
    response = officer_client.post(
        reverse("web:person_add"),
        {
            "full_name": "  Hoàng   Thị Hoà ",
            "unit": data.tree.vp.pk,
            "sex": "F",
            "birth_date": "05/02/1990",
            "position": "Chuyên viên",
            "hired_on": "01/08/2015",
            "external_id": "NV099",
            "id_number": "001190 000111",
        },
    )
    person = Person.objects.get(external_id="NV099")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:person_detail", args=[person.pk])
    assert person.full_name == "Hoàng Thị Hòa"
    assert person.birth_date == dt.date(1990, 2, 5) and person.birth_year == 1990
    assert person.unit == data.tree.vp and person.id_number == "001190000111"
    assert Employment.objects.get(person=person).start == dt.date(2015, 8, 1)
    entry = AuditEntry.objects.get(model="org.person", object_id=str(person.pk))
    assert entry.user == officer and entry.action == "create"
    assert entry.after["id_number"] == "***"
    page = officer_client.get(response["Location"]).content.decode()
    assert "Đã thêm Hoàng Thị Hòa." in page and "001190000111" not in page


def test_clerk_adds_a_person_in_their_unit(data, clerk, clerk_client):
    response = clerk_client.post(
        reverse("web:person_add"), {"full_name": "Lý Văn Mới", "unit": data.tree.pldvl.pk}
    )
    assert response.status_code == 302
    assert Person.objects.get(full_name="Lý Văn Mới").unit == data.tree.pldvl


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Trường này là bắt buộc."),
        ("full_name", "Hương", "Nhập đầy đủ họ và tên (ít nhất hai từ), ví dụ: Nguyễn Văn An."),
        ("full_name", "Nguyễn Văn 2", "Họ và tên không được chứa chữ số."),
        ("birth_date", "31/02/1990", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/02/1985."),
        ("birth_date", "01/01/2999", "Ngày sinh không được sau ngày hôm nay."),
        ("hired_on", "01/01/1980", "Ngày tuyển dụng không được trước ngày sinh."),
        ("id_number", "12345", "Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số với CMND cũ)."),
        ("external_id", "NV001", "Mã định danh này đã được dùng cho một người khác."),
        ("sex", "X", "Lựa chọn không hợp lệ."),
        ("unit", "", "Trường này là bắt buộc."),
        ("birth_year", "19x0", "Nhập năm bằng chữ số, ví dụ 2024."),
    ],
)
def test_invalid_person_input_shows_the_error_and_writes_nothing(
    data, officer_client, field, value, message, text
):
    form = {
        "full_name": "Lương Văn Thành",
        "unit": data.tree.vp.pk,
        "birth_date": "01/01/1990",
        "hired_on": "01/01/2015",
    }
    form[field] = value
    before = counts()
    response = officer_client.post(reverse("web:person_add"), form)
    assert response.status_code == 200
    html = response.content.decode()
    # The message sits in the field's own block, right under its input.
    assert f'id="id_{field}_error"><p><span aria-hidden="true">⚠ </span>{message}</p>' in html
    # The field is marked invalid and names its message for screen readers.
    assert re.search(
        rf'aria-describedby="[^"]*id_{field}_error"[^>]*aria-invalid="true"', html
    ) or (re.search(rf'aria-invalid="true"[^>]*aria-describedby="[^"]*id_{field}_error"', html))
    assert "Chưa lưu được: vui lòng sửa các mục được đánh dấu bên dưới." in text(response)
    assert counts() == before


def test_edit_keeps_the_stored_id_number_hidden(data, officer_client):
    person = data.people["NV001"]
    page = officer_client.get(reverse("web:person_edit", args=[person.pk])).content.decode()
    assert "001185012345" not in page and "•••••••••345" in page
    assert 'value="Nguyễn Thị Hương"' in page
    # The form as the browser sends it back: every field, the position changed.
    form = {
        "full_name": "Nguyễn Thị Hương",
        "sex": "F",
        "birth_date": "",
        "birth_year": "1985",
        "position": "Phó Trưởng phòng",
        "hired_on": "01/03/2010",
        "external_id": "NV001",
        "id_number": "",
        "is_active": "on",
    }
    assert 'name="birth_year" value="1985"' in page and 'value="01/03/2010"' in page
    response = officer_client.post(reverse("web:person_edit", args=[person.pk]), form)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Phó Trưởng phòng"
    assert (person.birth_year, person.hired_on, person.sex) == (1985, dt.date(2010, 3, 1), "F")
    assert person.id_number == "001185012345"  # blank keeps it
    entry = AuditEntry.objects.filter(model="org.person", action="update").latest("id")
    assert entry.after == {"position": "Phó Trưởng phòng"}


def test_invalid_edit_writes_nothing(data, officer_client, text):
    person = data.people["NV001"]
    before = counts()
    response = officer_client.post(
        reverse("web:person_edit", args=[person.pk]),
        {"full_name": "Nguyễn Thị Hương", "external_id": "NV002", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Mã định danh này đã được dùng cho một người khác." in text(response)
    assert counts() == before
    person.refresh_from_db()
    assert person.external_id == "NV001"


def test_set_a_rating(data, clerk, clerk_client):
    person = data.people["NV001"]
    url = reverse("web:person_rating", args=[person.pk])
    form = clerk_client.get(url).content.decode()
    assert 'value="2026"' in form or f'value="{dt.date.today().year}"' in form
    response = clerk_client.post(url, {"year": 2024, "grade": "HTXS", "note": "Phúc khảo"})
    assert response.status_code == 302
    rating = Rating.objects.get(person=person, year=2024)
    assert (rating.grade, rating.note) == ("HTXS", "Phúc khảo")
    entry = AuditEntry.objects.filter(model="records.rating").latest("id")
    assert entry.user == clerk and entry.action == "update"
    assert entry.before["grade"] == "HTT" and entry.after["grade"] == "HTXS"


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"year": "2024", "grade": ""}, "grade", "Trường này là bắt buộc."),
        ({"year": "2024", "grade": "XUAT_SAC"}, "grade", "Lựa chọn không hợp lệ."),
        ({"year": "", "grade": "HT"}, "year", "Trường này là bắt buộc."),
        ({"year": "hai nghìn", "grade": "HT"}, "year", "Nhập năm bằng chữ số, ví dụ 2024."),
        ({"year": "1900", "grade": "HT"}, "year", "Năm phải từ 1945 trở đi."),
        (
            {"year": str(dt.date.today().year + 1), "grade": "HT"},
            "year",
            f"Chưa thể xếp loại năm {dt.date.today().year + 1}: năm cuối được xếp loại là "
            f"{dt.date.today().year}.",
        ),
    ],
)
def test_invalid_rating_shows_the_error_and_writes_nothing(
    data, officer_client, form, field, message
):
    person = data.people["NV001"]
    before = counts()
    response = officer_client.post(reverse("web:person_rating", args=[person.pk]), form)
    assert response.status_code == 200
    assert f'id="id_{field}_error"><p><span aria-hidden="true">⚠ </span>{message}</p>' in (
        response.content.decode()
    )
    assert counts() == before
    assert Rating.objects.get(person=person, year=2024).grade == "HTT"


def test_csrf_is_enforced_on_every_form(data, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    person = data.people["NV001"]
    before = counts()
    posts = [
        (reverse("web:person_add"), {"full_name": "Lý Văn Mới", "unit": data.tree.vp.pk}),
        (reverse("web:person_edit", args=[person.pk]), {"full_name": "Nguyễn Văn Khác"}),
        (reverse("web:person_rating", args=[person.pk]), {"year": 2024, "grade": "KHT"}),
    ]
    for url, form in posts:
        response = client.post(url, form)
        assert response.status_code == 403, url
        assert "Không thể gửi biểu mẫu" in response.content.decode()
    assert counts() == before
    # With the token from the form page, the same post goes through.
    client.get(reverse("web:person_rating", args=[person.pk]))
    token = client.cookies["csrftoken"].value
    ok = client.post(
        reverse("web:person_rating", args=[person.pk]),
        {"year": 2024, "grade": "KHT", "csrfmiddlewaretoken": token},
    )
    assert ok.status_code == 302
    assert Rating.objects.get(person=person, year=2024).grade == "KHT"
