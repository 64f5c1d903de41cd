"""Parameter files, overrides, and the registry's refusal of badly declared rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tdkt.eligibility.core import (
    DataError,
    Engine,
    Mark,
    ParameterSet,
    PersonFacts,
    Rating,
    RegimeTable,
    Rule,
    RuleDefinitionError,
    SubjectKind,
)
from tdkt.eligibility.core.engine import DATA_DIR
from tdkt.eligibility.core.rules import ALL_RULES, Ctx

D = dt.date.fromisoformat
SHIPPED = ParameterSet.load(DATA_DIR / "parameters")
REGIMES = RegimeTable.load(DATA_DIR / "regimes")


def load_one(tmp_path: Path, text: str, name: str = "quotas.yaml") -> ParameterSet:
    directory = tmp_path / "parameters"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return ParameterSet.load(directory)


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as err:
        load_one(tmp_path, text)
    return str(err.value)


def test_overlapping_values_are_refused(tmp_path: Path) -> None:
    text = """
cstdcs_quota_pct_of_ldtt:
  type: percent
  values:
    - {from: 2010-01-01, to: 2018-01-01, value: 15, citation: a, mark: verified}
    - {from: 2017-10-01, to: null, value: 10, citation: b, mark: verified}
"""
    assert error_of(tmp_path, text) == (
        "parameters/quotas.yaml: cstdcs_quota_pct_of_ldtt: value 2 (from 2017-10-01) "
        "overlaps value 1 (to 2018-01-01)"
    )


def test_an_open_ended_value_followed_by_another_overlaps(tmp_path: Path) -> None:
    text = """
x:
  type: int
  values:
    - {from: 2010-01-01, value: 1, citation: a, mark: verified}
    - {from: 2017-10-01, value: 2, citation: b, mark: verified}
"""
    assert error_of(tmp_path, text) == (
        "parameters/quotas.yaml: x: value 2 (from 2017-10-01) overlaps value 1 (to open)"
    )


def test_a_gap_between_values_is_refused(tmp_path: Path) -> None:
    text = """
x:
  type: int
  values:
    - {from: 2010-01-01, to: 2017-09-30, value: 1, citation: a, mark: verified}
    - {from: 2017-10-02, to: null, value: 2, citation: b, mark: verified}
"""
    assert error_of(tmp_path, text) == (
        "parameters/quotas.yaml: x: value 2 (from 2017-10-02) leaves a gap after value 1 "
        "(to 2017-09-30)"
    )


def test_values_out_of_order_are_refused(tmp_path: Path) -> None:
    text = """
x:
  type: int
  values:
    - {from: 2017-10-01, to: null, value: 2, citation: b, mark: verified}
    - {from: 2010-01-01, to: 2017-09-30, value: 1, citation: a, mark: verified}
"""
    assert error_of(tmp_path, text) == (
        "parameters/quotas.yaml: x: value 2 (from 2010-01-01) starts before value 1 "
        "(from 2017-10-01): list values in date order"
    )


@pytest.mark.parametrize(
    ("ptype", "value", "message"),
    [
        ("int", "'ten'", "'ten' is not an int"),
        ("int", "true", "True is not an int"),
        ("int", "1.5", "1.5 is not an int"),
        ("percent", "150", "150 is not a percent (a number from 0 to 100)"),
        ("percent", "-1", "-1 is not a percent (a number from 0 to 100)"),
        ("bool", "1", "1 is not a bool (true or false)"),
        ("number", "'1,5'", "'1,5' is not a number"),
        ("int", "null", "null is not allowed (the parameter is not nullable)"),
    ],
)
def test_wrong_types_are_refused(tmp_path: Path, ptype: str, value: str, message: str) -> None:
    text = f"""
x:
  type: {ptype}
  values:
    - {{from: 2010-01-01, to: null, value: {value}, citation: a, mark: verified}}
"""
    assert error_of(tmp_path, text) == f"parameters/quotas.yaml: x: value 1: {message}"


def test_discipline_forms_and_null_are_typed(tmp_path: Path) -> None:
    text = """
x:
  type: discipline_form
  nullable: true
  values:
    - {from: 2010-01-01, to: 2019-12-31, value: CANH_CAO, citation: a, mark: secondary}
    - {from: 2020-01-01, to: null, value: null, citation: b, mark: unverified}
"""
    params = load_one(tmp_path, text)
    assert params.use_at("x", D("2019-12-31")).value == "CANH_CAO"
    assert params.use_at("x", D("2019-12-31")).mark is Mark.SECONDARY
    assert params.use_at("x", D("2020-01-01")).value is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "x: {type: int, default: 3, values: []}",
            "x: unknown key 'default' (allowed: description, nullable, type, values)",
        ),
        (
            "x: {type: integer, values: []}",
            "x: type 'integer' is not one of int, number, percent, bool, discipline_form",
        ),
        ("x: {type: int, values: []}", "x: values must be a non-empty list"),
        (
            "x: {type: int, values: [{from: 2010-01-01, form: 1, value: 1, citation: a, "
            "mark: verified}]}",
            "x: value 1: unknown key 'form' (allowed: citation, from, mark, to, value)",
        ),
        (
            "x: {type: int, values: [{from: 2010-01-01, value: 1, citation: a, mark: sure}]}",
            "x: value 1: mark 'sure' is not one of verified, secondary, unverified",
        ),
        (
            "x: {type: int, values: [{from: 2019-02-30, value: 1, citation: a, mark: verified}]}",
            "x: value 1: impossible date '2019-02-30'",
        ),
        (
            "x: {type: int, values: [{from: 2019-01-01, to: 2018-12-31, value: 1, citation: a, "
            "mark: verified}]}",
            "x: value 1: from 2019-01-01 is after to 2018-12-31",
        ),
        (
            "x: {type: int, values: [{from: 2019-01-01, value: 1, mark: verified}]}",
            "x: value 1: missing key 'citation'",
        ),
        (
            "Bad-Name: {type: int, values: []}",
            "parameter name 'Bad-Name' must be lower_case_with_underscores",
        ),
    ],
)
def test_malformed_parameters_name_file_and_place(tmp_path: Path, text: str, message: str) -> None:
    assert error_of(tmp_path, text) == f"parameters/quotas.yaml: {message}"


def test_duplicate_keys_and_duplicate_parameters(tmp_path: Path) -> None:
    text = "x: {type: int, values: []}\nx: {type: int, values: []}\n"
    assert error_of(tmp_path, text) == (
        "parameters/quotas.yaml: invalid YAML at line 2: duplicate key 'x'"
    )
    (tmp_path / "parameters" / "quotas.yaml").unlink()
    good = "y: {type: int, values: [{from: 2010-01-01, value: 1, citation: a, mark: verified}]}"
    load_one(tmp_path, good, "a.yaml")
    with pytest.raises(DataError) as err:
        load_one(tmp_path, good, "b.yaml")
    assert str(err.value) == "parameters/b.yaml: y: already defined in parameters/a.yaml"


def test_every_shipped_value_has_citation_and_mark() -> None:
    for param in SHIPPED.all():
        for v in param.values:
            assert v.citation.strip() and isinstance(v.mark, Mark), param.name
    use = SHIPPED.use_at("cstdcs_quota_pct_of_ldtt", D("2020-05-01"))
    assert (use.value, use.citation, use.mark) == (
        Decimal(15),
        "Decree 91/2017/NĐ-CP Art 9 k3",
        Mark.VERIFIED,
    )
    assert SHIPPED.use_at("cstdcs_quota_pct_of_ldtt", D("2024-01-01")).value is None


# --- overrides --------------------------------------------------------------------------------


def test_override_with_the_wrong_type_is_refused() -> None:
    with pytest.raises(DataError) as err:
        SHIPPED.with_overrides({"ldtt_min_months_worked": [(D("2024-01-01"), None, "six", "QĐ 1")]})
    assert str(err.value) == (
        "override ldtt_min_months_worked (from 2024-01-01 to open): 'six' is not an int"
    )
    with pytest.raises(DataError) as err:
        SHIPPED.with_overrides({"no_such": [(None, None, 1, "QĐ 1")]})
    assert str(err.value) == "override: unknown parameter 'no_such'"
    with pytest.raises(DataError) as err:
        SHIPPED.with_overrides({"ldtt_min_months_worked": [(None, None, 6, " ")]})
    assert str(err.value) == (
        "override ldtt_min_months_worked (from open to open): a source label is required"
    )
    with pytest.raises(DataError) as err:
        SHIPPED.with_overrides(
            {
                "ldtt_min_months_worked": [
                    (D("2024-01-01"), D("2024-12-31"), 6, "QĐ 1"),
                    (D("2024-06-01"), None, 8, "QĐ 2"),
                ]
            }
        )
    assert str(err.value) == (
        "override ldtt_min_months_worked: entry from 2024-06-01 overlaps entry to 2024-12-31"
    )


def test_override_is_applied_on_its_dates_and_recorded_in_the_verdict() -> None:
    label = "Quy chế TĐKT tỉnh Thái Nguyên 2024, Điều 5"
    engine = Engine.default().with_overrides(
        {"ldtt_min_months_worked": [(D("2025-01-01"), None, 10, label)]}
    )
    person = PersonFacts("p", hired=D("2024-05-01"), ratings={2024: Rating.HTT})
    shipped = Engine.default().evaluate(person, "LDTT", 2024)
    overridden = engine.evaluate(person, "LDTT", 2024)
    assert (shipped.outcome, overridden.outcome) == ("eligible", "not_eligible")
    used = {p.name: p for p in overridden.parameters}["ldtt_min_months_worked"]
    assert (used.value, used.override, used.citation) == (10, label, label)
    assert any(c.citation == label and c.met is False for c in overridden.criteria)
    shipped_use = {p.name: p for p in shipped.parameters}["ldtt_min_months_worked"]
    assert (shipped_use.value, shipped_use.override) == (6, None)
    # the override starts in 2025: a decision on 2024-12-31 still uses the shipped value
    before = engine.evaluate(person, "LDTT", 2024, decision_date=D("2024-12-31"))
    assert before.outcome == "eligible"


# --- registry -------------------------------------------------------------------------------


def _noop(c: Ctx) -> None:
    c.add("x", True)


def rule(**changes: object) -> Rule:
    fields: dict[str, object] = {
        "codes": ("LDTT",),
        "subject": SubjectKind.PERSON,
        "regimes": ("R2024",),
        "citation": "test",
        "mark": Mark.VERIFIED,
        "evaluate": _noop,
    }
    fields.update(changes)
    return Rule(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            rule(parameters=("no_such_param",)),
            "rule LDTT (R2024): unknown parameter 'no_such_param'",
        ),
        (rule(codes=("LDTT_X",)), "rule LDTT_X (R2024): unknown award code 'LDTT_X'"),
        (rule(uses=("CSTD",)), "rule LDTT (R2024): unknown award code 'CSTD'"),
        (rule(regimes=("R2030",)), "rule LDTT (R2030): unknown regime 'R2030'"),
        (rule(codes=("TTLDTT",)), "rule TTLDTT (R2024): TTLDTT is not awarded to a person"),
        (
            rule(regimes=("R2014",), parameters=("cstdcs_min_initiatives",)),
            "rule LDTT (R2014): parameter 'cstdcs_min_initiatives' has no value for all of "
            "R2014 (2014-06-01 to 2017-09-30)",
        ),
    ],
)
def test_registry_refuses_badly_declared_rules(bad: Rule, message: str) -> None:
    with pytest.raises(RuleDefinitionError) as err:
        Engine(REGIMES, SHIPPED, rules=[bad])
    assert str(err.value) == message


def test_two_rules_for_the_same_code_and_regime_are_refused() -> None:
    with pytest.raises(RuleDefinitionError) as err:
        Engine(REGIMES, SHIPPED, rules=[*ALL_RULES, rule()])
    assert str(err.value) == (
        "rule LDTT (R2024): LDTT under R2024 is already decided by rule LDTT (R2024, R2025)"
    )


def test_startup_refuses_a_parameter_file_that_lost_a_parameter(tmp_path: Path) -> None:
    directory = tmp_path / "parameters"
    directory.mkdir()
    for path in (DATA_DIR / "parameters").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "ldtt.yaml":
            text = text.replace("ldtt_absence_days_limit:", "ldtt_absent_days_limit:")
        (directory / path.name).write_text(text, encoding="utf-8")
    with pytest.raises(RuleDefinitionError) as err:
        Engine.load(parameters_dir=directory)
    assert str(err.value).splitlines() == [
        "rule LDTT (R2010, R2014, R2017): unknown parameter 'ldtt_absence_days_limit'",
        "rule LDTT (R2024, R2025): unknown parameter 'ldtt_absence_days_limit'",
    ]


def test_a_rule_reading_an_undeclared_parameter_fails_loudly() -> None:
    def sneaky(c: Ctx) -> None:
        c.add("x", c.p("ldtt_min_months_worked") > 0)

    engine = Engine(REGIMES, SHIPPED, rules=[rule(evaluate=sneaky)])
    with pytest.raises(RuleDefinitionError) as err:
        engine.evaluate(PersonFacts("p"), "LDTT", 2024)
    assert str(err.value) == (
        "rule LDTT (R2024): parameter 'ldtt_min_months_worked' is used but not declared"
    )
