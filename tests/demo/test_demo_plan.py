"""The demo generator on its own: deterministic, validated options, a tree that scales."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from tdkt.demo.load import plan_digest
from tdkt.demo.plan import Options, build_plan


def test_same_seed_same_data_other_seed_other_data():
    a, b = build_plan(Options(seed=7, people=300)), build_plan(Options(seed=7, people=300))
    assert plan_digest(a) == plan_digest(b)
    assert [p.full_name for p in a.people] == [p.full_name for p in b.people]
    assert a.counts() == b.counts()
    c = build_plan(Options(seed=8, people=300))
    assert plan_digest(c) != plan_digest(a)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"people": 5}, "Số cá nhân phải từ 30"),
        ({"years": 0}, "Số năm phải từ 1 đến 15"),
        ({"years": 16}, "Số năm phải từ 1 đến 15"),
        ({"seed": -1}, "Seed phải là số nguyên không âm"),
    ],
)
def test_bad_options_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Options(**kwargs)


def test_default_tree_and_people():
    plan = build_plan(Options())
    assert [u.code for u in plan.units] == [
        "SNV", "SLDTBXH", "VP", "TTRA", "PKHTC", "PLDVL", "PNCC", "PBTXH", "TTDVVL", "TTBTXH",
        "CDN", "CSCN", "PLDTBXH_PL", "PLDTBXH_DH", "PVHXH_PL", "PVHXH_DH",
    ]  # fmt: skip
    assert len(plan.people) == 400
    assert plan.people[0].external_id == "NV00001" and plan.people[-1].external_id == "NV00400"
    assert len({p.external_id for p in plan.people}) == 400
    families = Counter(p.full_name.split(" ")[0] for p in plan.people)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.25 < families["Nguyễn"] / 400 < 0.45
    women = [p for p in plan.people if p.sex == "F"]
    assert all(" Văn " not in p.full_name for p in women)
    assert sum(" Thị " in p.full_name for p in women) > len(women) / 3


def test_scale_grows_the_tree_about_one_unit_per_thirty_people():
    plan = build_plan(Options(people=6000, years=2))
    assert len(plan.units) == 200
    kinds = Counter(u.kind for u in plan.units)
    assert kinds["district"] == 2 + 18 and kinds["commune"] == 2 + 148
    assert len({u.code for u in plan.units}) == 200
    # every unit that hires has people; later years only
    assert plan.first_year == 2024
    assert {r[2] for r in plan.ratings} == {2024, 2025}


def test_decision_numbers_restart_each_year_and_grow_with_the_date():
    plan = build_plan(Options())
    by_issuer: dict[tuple[str, int], list[tuple[dt.date, int]]] = {}
    for d in plan.decisions:
        by_issuer.setdefault((d.issuer_key, d.date.year), []).append((d.date, d.seq))
        assert d.number == f"{d.seq:02d}/{d.symbol}"
        assert d.date.weekday() < 5
    for rows in by_issuer.values():
        rows.sort()
        seqs = [seq for _day, seq in rows]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
