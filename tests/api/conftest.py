"""API fixtures: a few people, decisions, awards and movements on both sides of the clerk's
scope (the clerk of Sở LĐ-TBXH sees SLDTBXH and PLDVL only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from tdkt.awards import domain as awards
from tdkt.awards.models import AwardType, Decision
from tdkt.emulation.models import Movement, Target, TargetResult
from tdkt.org import domain as org
from tdkt.org.models import Person

ID_NUMBER = "001234567890"


@dataclass
class Data:
    huong: Person  # PLDVL, in the clerk's scope
    an: Person  # SLDTBXH, in scope
    hoa_vp: Person  # VP, out of scope
    hoa_x: Person  # UBND_X, out of scope
    d_mixed: Decision  # lines in and out of scope
    d_out: Decision  # lines out of scope only
    d_issued: Decision  # issued by SLDTBXH, no lines
    m_in: Movement  # launched by SLDTBXH
    m_out: Movement  # launched by SNV


@pytest.fixture
def data(tree) -> Data:
    huong = org.create_person(
        None,
        unit=tree.pldvl,
        full_name="Nguyễn Thị Hương",
        external_id="NV001",
        sex="F",
        birth_year=1985,
        id_number=ID_NUMBER,
    )
    an = org.create_person(None, unit=tree.sldtbxh, full_name="Đặng Văn An", birth_year=1979)
    hoa_vp = org.create_person(None, unit=tree.vp, full_name="Nguyễn Thị Hoa")
    hoa_x = org.create_person(None, unit=tree.other, full_name="Đặng Thị Hoà")
    t = {a.code: a for a in AwardType.objects.all()}
    d_mixed = awards.record_decision(
        None,
        agency=tree.agency,
        number="125/QĐ-SLĐTBXH",
        date=dt.date(2020, 1, 15),
        issuer="Giám đốc Sở LĐ-TBXH",
        issuer_unit=tree.snv,
        lines=[
            awards.AwardLine(t["LDTT"], 2019, person=huong),
            awards.AwardLine(t["LDTT"], 2019, person=hoa_vp),
            awards.AwardLine(t["TTLDTT"], 2019, unit=tree.pldvl),
            awards.AwardLine(t["CSTDCS"], 2019, person=an),
        ],
    )
    d_out = awards.record_decision(
        None,
        agency=tree.agency,
        number="7/QĐ-UBND",
        date=dt.date(2021, 3, 2),
        issuer="Chủ tịch UBND xã",
        issuer_unit=tree.other,
        lines=[awards.AwardLine(t["GK"], 2020, person=hoa_x)],
    )
    d_issued = awards.record_decision(
        None,
        agency=tree.agency,
        number="3/QĐ-SLĐTBXH",
        date=dt.date(2022, 5, 4),
        issuer_unit=tree.sldtbxh,
        lines=[],
    )
    m_in = Movement.objects.create(
        agency=tree.agency,
        unit=tree.sldtbxh,
        name="Thi đua tạo việc làm",
        start_year=2016,
        end_year=2020,
    )
    target = Target.objects.create(
        movement=m_in, name="Số lao động có việc làm mới", measure="người"
    )
    TargetResult.objects.create(
        target=target, year=2016, planned=Decimal(15000), actual=Decimal(21510)
    )
    TargetResult.objects.create(target=target, year=2017, planned=Decimal(15000))
    m_out = Movement.objects.create(
        agency=tree.agency,
        unit=tree.snv,
        name="Thi đua cải cách hành chính",
        start_year=2021,
        end_year=2025,
    )
    return Data(huong, an, hoa_vp, hoa_x, d_mixed, d_out, d_issued, m_in, m_out)


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def login():
    """``login(user)``: a test client with the user's session."""
    return _login


@pytest.fixture
def clerk_client(clerk) -> Client:
    return _login(clerk)


@pytest.fixture
def officer_client(officer) -> Client:
    return _login(officer)
