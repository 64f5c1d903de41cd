"""Shared fixtures: a small agency with a unit tree and one user per role.

Tree (codes)::

    SNV  Sở Nội vụ
    ├── VP      Văn phòng
    ├── PTDKT   Phòng Thi đua – Khen thưởng
    └── SLDTBXH Sở LĐ-TBXH (merged into SNV on 2025-03-01)
        └── PLDVL Phòng Lao động – Việc làm
    UBND_X  a unit of another branch (out of the clerk's scope)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from tdkt.org import domain as org
from tdkt.org.models import Agency, Membership, Unit


@dataclass
class Tree:
    agency: Agency
    snv: Unit
    vp: Unit
    ptdkt: Unit
    sldtbxh: Unit
    pldvl: Unit
    other: Unit


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    """Uploads land in the test's own directory; passwords hash fast (tests only)."""
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db: None) -> Tree:
    agency = Agency.objects.create(
        code="TN", name="Ủy ban nhân dân tỉnh Thái Nguyên", place="Thái Nguyên"
    )
    snv = org.create_unit(
        None,
        agency=agency,
        code="SNV",
        name="Sở Nội vụ",
        kind=Unit.Kind.DEPARTMENT,
        valid_from=dt.date(2008, 1, 1),
    )
    vp = org.create_unit(
        None, agency=agency, code="VP", name="Văn phòng Sở", parent=snv, kind=Unit.Kind.OFFICE
    )
    ptdkt = org.create_unit(
        None, agency=agency, code="PTDKT", name="Phòng Thi đua – Khen thưởng", parent=snv
    )
    sldtbxh = org.create_unit(
        None,
        agency=agency,
        code="SLDTBXH",
        name="Sở Lao động – Thương binh và Xã hội",
        kind=Unit.Kind.DEPARTMENT,
        valid_from=dt.date(2011, 1, 1),
    )
    pldvl = org.create_unit(
        None, agency=agency, code="PLDVL", name="Phòng Lao động – Việc làm", parent=sldtbxh
    )
    other = org.create_unit(
        None, agency=agency, code="UBND_X", name="UBND xã Hoà Bình", kind=Unit.Kind.COMMUNE
    )
    org.merge_units(
        None, [sldtbxh], into=snv, date=dt.date(2025, 3, 1), document="Quyết định 01/QĐ-UBND"
    )
    for u in (snv, vp, ptdkt, sldtbxh, pldvl, other):
        u.refresh_from_db()
    return Tree(agency, snv, vp, ptdkt, sldtbxh, pldvl, other)


def make_user(tree: Tree, username: str, role: str, unit: Unit | None = None) -> User:
    user = User.objects.create_user(username=username, password="Mat-khau-2025!")
    Membership.objects.create(user=user, agency=tree.agency, role=role, unit=unit)
    return user


@pytest.fixture
def officer(tree: Tree) -> User:
    return make_user(tree, "canbo", Membership.Role.OFFICER)


@pytest.fixture
def clerk(tree: Tree) -> User:
    """A clerk of Sở LĐ-TBXH: sees SLDTBXH and PLDVL only."""
    return make_user(tree, "vanthu", Membership.Role.CLERK, tree.sldtbxh)


@pytest.fixture
def viewer(tree: Tree) -> User:
    return make_user(tree, "xem", Membership.Role.VIEWER)
