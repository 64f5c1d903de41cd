"""Workflow fixtures: a fake eligibility engine, award types, people, a province-level round,
an agency council of 10, uploads of every kind, and a media root in a temporary folder.

The fake engine stands in for ``tdkt.eligibility.service`` (monkeypatched into
``sys.modules``), so these tests do not depend on the rules engine.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import get_resolver
from nominations_support import COUNCIL_DAY, FakeEngine

from tdkt.awards.models import AwardType
from tdkt.nominations import domain as nom
from tdkt.nominations.models import Council, CouncilMember, Level, Round
from tdkt.org import domain as org
from tdkt.org.models import Person


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    get_resolver().url_patterns  # noqa: B018  (URL modules import the real service first)
    module = types.ModuleType("tdkt.eligibility.service")
    module.evaluate_subject = fake.evaluate_subject  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tdkt.eligibility.service", module)
    return fake


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    """Uploads go to a temporary folder; users get a fast password hasher (tests only)."""
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


@pytest.fixture
def t(db: None) -> dict[str, AwardType]:
    return {a.code: a for a in AwardType.objects.all()}


@dataclass
class People:
    huong: Person  # PLDVL (under the merged SLDTBXH, inside the clerk's scope)
    tam: Person  # PLDVL
    lan: Person  # VP (outside the clerk's scope)


@pytest.fixture
def people(tree: Any) -> People:
    return People(
        huong=org.create_person(
            None, unit=tree.pldvl, full_name="Nguyễn Thị Hương", position="Chuyên viên"
        ),
        tam=org.create_person(None, unit=tree.pldvl, full_name="Trần Văn Tâm"),
        lan=org.create_person(None, unit=tree.vp, full_name="Lê Thị Lan"),
    )


@pytest.fixture
def round_(tree: Any, officer: Any, t: dict[str, AwardType]) -> Round:
    """A province-level yearly round for 2025 considering CSTĐ tỉnh, BK tỉnh and CSTĐTQ."""
    return nom.create_round(
        officer,
        agency=tree.agency,
        name="Xét khen thưởng năm 2025",
        kind=Round.Kind.YEARLY,
        issuer_level=Level.PROVINCE,
        year=2025,
        award_types=[t["CSTD_TINH"], t["BK_TINH"], t["CSTDTQ"], t["CO_CP"], t["GK"]],
        submission_due=dt.date(2025, 12, 15),
        council_date=COUNCIL_DAY,
    )


@dataclass
class Board:
    council: Council
    members: list[CouncilMember]  # 10; members[9] works in PLDVL (conflict on its dossiers)


@pytest.fixture
def board(tree: Any, officer: Any) -> Board:
    council = nom.create_council(
        officer, agency=tree.agency, level=Level.PROVINCE, name="Hội đồng TĐKT tỉnh"
    )
    roles = [CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY] + [
        CouncilMember.Role.MEMBER
    ] * 8
    members = [
        nom.add_council_member(
            officer,
            council,
            name=f"Thành viên {i + 1:02d}",
            role=role,
            unit=tree.pldvl if i == 9 else tree.vp,
        )
        for i, role in enumerate(roles)
    ]
    return Board(council, members)
