"""A small recorded history for the database-side eligibility tests.

On the conftest tree (SNV ⊃ VP, PTDKT, SLDTBXH ⊃ PLDVL — SLDTBXH merged into SNV on
2025-03-01 — and UBND_X)::

    Lan   (F, 001) PTDKT, hired 2015-03-01: HTXS 2021, HTT 2022, HTXS 2023, HTT 2024;
          LĐTT 2022 + CSTĐCS 2022, CSTĐCS 2023 thematic, LĐTT 2021 revoked;
          initiatives CO_SO 2022, BO_TINH 2024; khiển trách 2020-05-01 → 2020-12-31;
          complaint from 2025-02-01 (open). Her CSTĐCS 2022 is above the R2017 quota
          (15% of SNV's one LĐTT 2022 allows none): a contradiction the audit must find
    Minh  (M, no Mã định danh) PLDVL, hired 2016-01-01: HTT 2023; KHT 2024; LĐTT 2024
          (recorded although rated KHT: a contradiction the audit must find)
    Hoa   (F, 003) PLDVL, hired 2012-01-01: HTXS 2022–2024; CSTĐCS 2024 (correct),
          initiative CO_SO 2024; LĐTT 2024
    Tuan  (M, 004) UBND_X, hired 2010-01-01: HTT 2024 (outside the clerk's scope)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from tdkt.awards.domain import AwardLine, record_decision, revoke_awards
from tdkt.awards.models import Award, AwardType, Decision
from tdkt.org import domain as org
from tdkt.org.models import Membership, Person, Unit
from tdkt.records import domain as records
from tdkt.records.models import Hold

D = dt.date


@dataclass
class History:
    lan: Person
    minh: Person
    hoa: Person
    tuan: Person
    ldtt_2024: Decision
    revoked: Award


def member(tree: object, username: str, role: str, unit: Unit | None = None) -> User:
    """A user with a membership of the tree's agency (as the shared ``make_user``)."""
    user = User.objects.create_user(username=username, password="Mat-khau-2025!")
    agency = tree.agency  # type: ignore[attr-defined]
    Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
    return user


def t(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def build_history(tree: object) -> History:
    snv, ptdkt, pldvl, other = tree.snv, tree.ptdkt, tree.pldvl, tree.other  # type: ignore[attr-defined]
    agency = tree.agency  # type: ignore[attr-defined]
    lan = org.create_person(
        None, unit=ptdkt, full_name="Nguyễn Thị Lan", sex="F", external_id="001",
        hired_on=D(2015, 3, 1),
    )  # fmt: skip
    minh = org.create_person(
        None, unit=pldvl, full_name="Trần Văn Minh", sex="M", hired_on=D(2016, 1, 1)
    )
    hoa = org.create_person(
        None, unit=pldvl, full_name="Lê Thị Hoa", sex="F", external_id="003",
        hired_on=D(2012, 1, 1),
    )  # fmt: skip
    tuan = org.create_person(
        None, unit=other, full_name="Phạm Anh Tuấn", sex="M", external_id="004",
        hired_on=D(2010, 1, 1),
    )  # fmt: skip
    for year, grade in ((2021, "HTXS"), (2022, "HTT"), (2023, "HTXS"), (2024, "HTT")):
        records.set_rating(None, person=lan, year=year, grade=grade)
    records.set_rating(None, person=minh, year=2023, grade="HTT")
    records.set_rating(None, person=minh, year=2024, grade="KHT")
    for year in (2022, 2023, 2024):
        records.set_rating(None, person=hoa, year=year, grade="HTXS")
    records.set_rating(None, person=tuan, year=2024, grade="HTT")
    records.add_initiative(
        None, unit=ptdkt, title="Số hoá hồ sơ thi đua", year=2022, level="CO_SO", authors=[lan]
    )
    records.add_initiative(
        None, unit=snv, title="Quy trình xét khen trực tuyến", year=2024, level="BO_TINH",
        authors=[lan],
    )  # fmt: skip
    records.add_initiative(
        None, unit=pldvl, title="Sổ tay việc làm", year=2024, level="CO_SO", authors=[hoa]
    )
    records.add_discipline(
        None, lan, form="KHIEN_TRACH", decided_on=D(2020, 5, 1), effective_to=D(2020, 12, 31)
    )
    Hold.objects.create(person=lan, kind=Hold.Kind.COMPLAINT, start=D(2025, 2, 1))

    record_decision(
        None, agency=agency, number="10/QĐ-SNV", date=D(2022, 1, 10), issuer_unit=snv,
        lines=[AwardLine(t("LDTT"), 2021, person=lan)],
    )  # fmt: skip
    record_decision(
        None, agency=agency, number="12/QĐ-SNV", date=D(2023, 1, 12), issuer_unit=snv,
        lines=[
            AwardLine(t("LDTT"), 2022, person=lan),
            AwardLine(t("CSTDCS"), 2022, person=lan),
        ],
    )  # fmt: skip
    record_decision(
        None, agency=agency, number="30/QĐ-SNV", date=D(2023, 9, 1), issuer_unit=snv,
        lines=[AwardLine(t("CSTDCS"), 2023, person=lan, kind=Award.Kind.THEMATIC)],
    )  # fmt: skip
    ldtt_2024 = record_decision(
        None, agency=agency, number="05/QĐ-SNV", date=D(2025, 1, 15), issuer_unit=snv,
        lines=[
            AwardLine(t("LDTT"), 2024, person=minh),
            AwardLine(t("LDTT"), 2024, person=hoa),
            AwardLine(t("CSTDCS"), 2024, person=hoa),
        ],
    )  # fmt: skip
    revoking = Decision.objects.create(
        agency=agency, number="40/QĐ-SNV", date=D(2023, 3, 1), kind=Decision.Kind.REVOKE
    )
    revoked = Award.objects.get(person=lan, year=2021, award_type__code="LDTT")
    revoke_awards(None, [revoked], by=revoking, reason="Kê khai sai")
    return History(lan, minh, hoa, tuan, ldtt_2024, revoked)
