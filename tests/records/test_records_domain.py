"""Ratings, disciplines and initiatives: validation, permission, nothing written on error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tdkt.common.models import AuditEntry
from tdkt.org import domain as org
from tdkt.org.models import Membership
from tdkt.records import domain as records
from tdkt.records.models import Discipline, Initiative, Rating


@pytest.fixture
def person(tree):
    return org.create_person(None, unit=tree.pldvl, full_name="Hà Thị Mai")


@pytest.fixture
def outsider(tree):
    return org.create_person(None, unit=tree.vp, full_name="Lý Văn Khoa")


def test_rating_of_a_person_and_of_a_unit(tree, clerk, person):
    records.set_rating(clerk, year=2024, grade="HTXS", person=person, note="Nổi bật")
    records.set_rating(clerk, year=2024, grade="HTT", unit=tree.pldvl)
    assert list(
        Rating.objects.order_by("pk").values_list("person_id", "unit_id", "year", "grade", "note")
    ) == [(person.pk, None, 2024, "HTXS", "Nổi bật"), (None, tree.pldvl.pk, 2024, "HTT", "")]


def test_setting_again_updates_the_same_row(tree, clerk, person):
    first = records.set_rating(clerk, year=2023, grade="HT", person=person)
    second = records.set_rating(clerk, year=2023, grade="HTT", person=person)
    assert first.pk == second.pk
    assert Rating.objects.get().grade == "HTT"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2024, "grade": "XS"}, "grade"),
        ({"year": 2024, "grade": "htt"}, "grade"),
        ({"year": 1900, "grade": "HTT"}, "year"),
        ({"year": dt.date.today().year + 2, "grade": "HTT"}, "year"),
    ],
)
def test_bad_rating_input_writes_nothing(tree, clerk, person, kwargs, field):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as err:
        records.set_rating(clerk, person=person, **kwargs)
    assert field in err.value.message_dict
    assert not Rating.objects.exists() and AuditEntry.objects.count() == before


def test_rating_needs_exactly_one_subject(tree, clerk, person):
    with pytest.raises(ValidationError):
        records.set_rating(clerk, year=2024, grade="HTT")
    with pytest.raises(ValidationError):
        records.set_rating(clerk, year=2024, grade="HTT", person=person, unit=tree.pldvl)
    assert not Rating.objects.exists()


def test_rating_constraint_at_database_level(tree, person):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(person=person, unit=tree.pldvl, year=2024, grade="HTT")
    Rating.objects.create(person=person, year=2024, grade="HTT")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(person=person, year=2024, grade="HT")
    assert Rating.objects.count() == 1


def test_clerk_cannot_rate_outside_scope_and_viewer_cannot_rate(
    tree, clerk, viewer, person, outsider
):
    with pytest.raises(PermissionDenied):
        records.set_rating(clerk, year=2024, grade="HTT", person=outsider)
    with pytest.raises(PermissionDenied):
        records.set_rating(clerk, year=2024, grade="HTT", unit=tree.vp)
    with pytest.raises(PermissionDenied):
        records.set_rating(viewer, year=2024, grade="HTT", person=person)
    assert not Rating.objects.exists()


def test_merged_unit_history_stays_editable_by_the_successor_clerk(tree, make_clerk_of_snv):
    """SLDTBXH was merged into SNV: a clerk of SNV sees and may rate it."""
    records.set_rating(make_clerk_of_snv, year=2024, grade="HTT", unit=tree.sldtbxh)
    assert Rating.objects.get().unit == tree.sldtbxh


@pytest.fixture
def make_clerk_of_snv(tree):
    user = User.objects.create_user(username="vanthu_snv")
    Membership.objects.create(
        user=user, agency=tree.agency, role=Membership.Role.CLERK, unit=tree.snv
    )
    return user


def test_discipline(tree, clerk, person, outsider):
    d = records.add_discipline(
        clerk,
        person,
        form="CANH_CAO",
        decided_on=dt.date(2022, 3, 1),
        effective_to=dt.date(2023, 3, 1),
        document="5/QĐ-SNV",
    )
    assert (d.severity, d.get_form_display()) == (2, "Cảnh cáo")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        records.add_discipline(clerk, person, form="PHAT_TIEN", decided_on=dt.date(2022, 3, 1))
    with pytest.raises(ValidationError) as err:
        records.add_discipline(
            clerk,
            person,
            form="KHIEN_TRACH",
            decided_on=dt.date(2022, 3, 1),
            effective_to=dt.date(2022, 2, 1),
        )
    assert "effective_to" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        records.add_discipline(clerk, outsider, form="KHIEN_TRACH", decided_on=dt.date(2022, 3, 1))
    assert Discipline.objects.count() == 1 and AuditEntry.objects.count() == before


def test_initiative(tree, clerk, person):
    i = records.add_initiative(
        clerk,
        unit=tree.pldvl,
        title="Phần mềm  quản lý  hồ sơ thuỷ lợi",
        year=2021,
        level="CO_SO",
        authors=[person],
    )
    assert i.title == "Phần mềm quản lý hồ sơ thủy lợi"
    assert i.title_fold == "phan mem quan ly ho so thuy loi"
    assert list(i.authors.all()) == [person]
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        records.add_initiative(
            clerk, unit=tree.pldvl, title="X", year=2021, level="CAP_XA", authors=[]
        )
    with pytest.raises(ValidationError):
        records.add_initiative(
            clerk, unit=tree.pldvl, title="X", year=1800, level="CO_SO", authors=[]
        )
    with pytest.raises(PermissionDenied):
        records.add_initiative(clerk, unit=tree.vp, title="X", year=2021, level="CO_SO", authors=[])
    assert Initiative.objects.count() == 1 and AuditEntry.objects.count() == before
