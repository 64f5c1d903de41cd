"""The period summary page: exact table and paragraph, downloads, scope, bad input."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.awards.domain import AwardLine, record_decision
from tdkt.awards.models import AwardType
from tdkt.org import domain as org


@pytest.fixture
def awarded(tree):
    ldtt = AwardType.objects.get(code="LDTT")
    a = org.create_person(None, unit=tree.pldvl, full_name="Nguyễn Văn An")
    b = org.create_person(None, unit=tree.vp, full_name="Trần Thị Bình")
    c = org.create_person(None, unit=tree.other, full_name="Lê Văn Cường")
    for year in (2019, 2020):
        record_decision(
            None,
            agency=tree.agency,
            number=f"{year}/QĐ-SNV",
            date=dt.date(year + 1, 1, 15),
            lines=[AwardLine(ldtt, year, person=p) for p in (a, b, c)],
        )


def get(user, **params):
    client = Client()
    client.force_login(user)
    return client.get(reverse("web:summary"), params)


def test_officer_sees_table_and_paragraph(awarded, officer):
    r = get(officer, from_year=2019, to_year=2020)
    html = r.content.decode()
    assert r.status_code == 200
    assert (
        "Giai đoạn 2019–2020, toàn ngành có cá nhân đạt danh hiệu 6 lượt Lao động tiên tiến."
    ) in html


def test_clerk_counts_only_their_subtree(awarded, clerk, tree):
    html = get(clerk, from_year=2019, to_year=2020).content.decode()
    assert "cá nhân đạt danh hiệu 2 lượt Lao động tiên tiến" in html
    # a unit outside the clerk's scope is not a valid choice
    r = get(clerk, from_year=2019, to_year=2020, unit=tree.vp.pk)
    assert r.status_code == 400


def test_downloads(awarded, officer, tree):
    r = get(officer, from_year=2019, to_year=2020, unit=tree.snv.pk, format="xlsx")
    assert r["Content-Disposition"] == 'attachment; filename="tong-hop-khen-thuong-2019-2020.xlsx"'
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[4]] == [1, "Lao động tiên tiến", "LDTT", 4, 0, 0, 4]
    r = get(officer, from_year=2019, to_year=2020, format="docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_bad_period_is_refused(awarded, officer):
    r = get(officer, from_year=2020, to_year=2015)
    assert r.status_code == 400
    assert "Năm kết thúc phải không nhỏ hơn năm bắt đầu." in r.content.decode()


def test_anonymous_redirected(tree):
    assert Client().get(reverse("web:summary")).status_code == 302
