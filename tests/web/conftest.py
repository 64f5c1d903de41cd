"""A small dataset for the web pages, built with the domain functions.

People (unit, external id)::

    PLDVL (clerk's scope): Nguyễn Thị Hương NV001, Đặng Văn Bình NV002, Đặng Thị Lan NV003,
                           Nguyễn Thị Thương NV004
    VP:                    Trần Văn An NV010, Lê Thị Phương NV011, Đặng Minh Anh NV012,
                           Vũ Văn Dũng NV013
    UBND_X (other branch): Phạm Văn Đức NV020, Đặng Hữu Cường NV021

Decisions: 12/QĐ-SLĐTBXH (2024-01-15: LDTT 2023 ×3 individuals, TTLDTT 2023 for PLDVL),
05/QĐ-UBND (2025-01-20: BK_TINH 2024 Hương, LDTT 2024 Đức, GK 2024 a household of UBND_X),
07/QĐ-SLĐTBXH (2024-06-01, revoking Bình's LDTT 2023). Movements and conferences: one in
Sở LĐ-TBXH (clerk's scope), one in UBND_X.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from tdkt.awards import domain as awards
from tdkt.awards.models import Award, AwardType, Decision
from tdkt.conferences.models import Conference
from tdkt.emulation.models import Movement, Target, TargetResult
from tdkt.org import domain as org
from tdkt.org.models import Household, Person
from tdkt.records import domain as records
from tdkt.records.models import Discipline, Initiative


@dataclass
class Data:
    tree: object
    people: dict[str, Person]
    d1: Decision
    d2: Decision
    revoke: Decision
    household: Household
    movement: Movement
    other_movement: Movement
    conference: Conference
    other_conference: Conference


def T(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def add_person(unit, name: str, ext: str, **fields) -> Person:  # type: ignore[no-untyped-def]
    return org.create_person(None, unit=unit, full_name=name, external_id=ext, **fields)


@pytest.fixture
def data(tree) -> Data:  # type: ignore[no-untyped-def]
    t = tree
    p = {}
    for unit, name, ext in [
        (t.pldvl, "Nguyễn Thị Hương", "NV001"),
        (t.pldvl, "Đặng Văn Bình", "NV002"),
        (t.pldvl, "Đặng Thị Lan", "NV003"),
        (t.pldvl, "Nguyễn Thị Thương", "NV004"),
        (t.vp, "Trần Văn An", "NV010"),
        (t.vp, "Lê Thị Phương", "NV011"),
        (t.vp, "Đặng Minh Anh", "NV012"),
        (t.vp, "Vũ Văn Dũng", "NV013"),
        (t.other, "Phạm Văn Đức", "NV020"),
        (t.other, "Đặng Hữu Cường", "NV021"),
    ]:
        p[ext] = add_person(
            unit,
            name,
            ext,
            sex="F" if "Thị" in name else "M",
            birth_year=1985,
            hired_on=dt.date(2010, 3, 1),
            position="Chuyên viên",
        )
    p["NV001"].id_number = "001185012345"
    p["NV001"].save()

    records.set_rating(None, person=p["NV001"], year=2023, grade="HTXS")
    records.set_rating(None, person=p["NV001"], year=2024, grade="HTT")
    records.add_discipline(
        None, p["NV002"], form=Discipline.Form.KHIEN_TRACH, decided_on=dt.date(2023, 5, 1)
    )
    records.add_initiative(
        None,
        unit=t.pldvl,
        title="Số hoá hồ sơ thi đua",
        year=2024,
        level=Initiative.Level.CO_SO,
        authors=[p["NV001"]],
    )

    line = awards.AwardLine
    d1 = awards.record_decision(
        None,
        agency=t.agency,
        number="12/QĐ-SLĐTBXH",
        date=dt.date(2024, 1, 15),
        issuer="Giám đốc Sở LĐ-TBXH",
        signer_name="Lê Văn Tám",
        subject="Tặng danh hiệu Lao động tiên tiến năm 2023",
        lines=[
            line(T("LDTT"), 2023, person=p["NV001"]),
            line(T("LDTT"), 2023, person=p["NV002"]),
            line(T("LDTT"), 2023, person=p["NV010"]),
            line(T("TTLDTT"), 2023, unit=t.pldvl),
        ],
    )
    household = Household.objects.create(agency=t.agency, name="Hộ ông Nguyễn Văn Tư", unit=t.other)
    d2 = awards.record_decision(
        None,
        agency=t.agency,
        number="05/QĐ-UBND",
        date=dt.date(2025, 1, 20),
        issuer="Chủ tịch UBND tỉnh",
        lines=[
            line(T("BK_TINH"), 2024, person=p["NV001"]),
            line(T("LDTT"), 2024, person=p["NV020"]),
            line(T("GK"), 2024, household=household, kind=Award.Kind.THEMATIC),
        ],
    )
    revoke = Decision.objects.create(
        agency=t.agency,
        number="07/QĐ-SLĐTBXH",
        date=dt.date(2024, 6, 1),
        kind=Decision.Kind.REVOKE,
        issuer="Giám đốc Sở LĐ-TBXH",
        issuer_unit=t.sldtbxh,
    )
    awards.revoke_awards(
        None,
        list(Award.objects.filter(person=p["NV002"])),
        by=revoke,
        reason="Bị kỷ luật khiển trách trong năm",
    )

    movement = Movement.objects.create(
        agency=t.agency,
        unit=t.sldtbxh,
        name="Phong trào thi đua Lao động giỏi 2021–2025",
        start_year=2021,
        end_year=2025,
        launch_document="Kế hoạch 15/KH-SLĐTBXH",
    )
    jobs = Target.objects.create(movement=movement, name="Giải quyết việc làm", measure="người")
    for year, planned, actual in [
        (2021, "15000", "21510"),
        (2022, "20000", "19640"),
        (2023, "20000", "20000"),
        (2024, "20000", None),
    ]:
        TargetResult.objects.create(
            target=jobs,
            year=year,
            planned=Decimal(planned),
            actual=Decimal(actual) if actual else None,
        )
    poverty = Target.objects.create(
        movement=movement,
        name="Tỷ lệ hộ nghèo",
        measure="%",
        direction=Target.Direction.LOWER,
        order=1,
    )
    TargetResult.objects.create(
        target=poverty, year=2022, planned=Decimal("3.5"), actual=Decimal("3.8")
    )
    TargetResult.objects.create(
        target=poverty, year=2023, planned=Decimal("3.0"), actual=Decimal("2.7")
    )
    other_movement = Movement.objects.create(
        agency=t.agency,
        unit=t.other,
        name="Phong trào xã nông thôn mới",
        start_year=2022,
        end_year=2022,
    )

    conference = Conference.objects.create(
        agency=t.agency,
        unit=t.sldtbxh,
        name="Hội nghị điển hình tiên tiến ngành LĐ-TBXH giai đoạn 2020–2025",
        level=Conference.Level.DEPARTMENT,
        date=dt.date(2025, 2, 10),
        period_from=2020,
        period_to=2025,
        delegates_count=60,
        decision=d1,
    )
    conference.honourees.set(Award.objects.filter(decision=d1, person=p["NV001"]))
    other_conference = Conference.objects.create(
        agency=t.agency,
        unit=t.other,
        name="Hội nghị điển hình tiên tiến xã",
        level=Conference.Level.UNIT,
        date=dt.date(2020, 5, 5),
        period_from=2015,
        period_to=2020,
        delegates_count=30,
    )
    return Data(
        t, p, d1, d2, revoke, household, movement, other_movement, conference, other_conference
    )


def login(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    """``client_for(user)``: a test client logged in as *user*."""
    return login


@pytest.fixture
def officer_client(officer) -> Client:  # type: ignore[no-untyped-def]
    return login(officer)


@pytest.fixture
def clerk_client(clerk) -> Client:  # type: ignore[no-untyped-def]
    return login(clerk)


@pytest.fixture
def viewer_client(viewer) -> Client:  # type: ignore[no-untyped-def]
    return login(viewer)


def visible_text(response) -> str:  # type: ignore[no-untyped-def]
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|title|desc)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def text():  # type: ignore[no-untyped-def]
    """``text(response)``: the visible text of a page."""
    return visible_text
