"""The rule cases in tests/rules (the legal spec in executable form), and their loader."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tdkt.eligibility.core import DataError, Engine, SubjectKind
from tdkt.eligibility.core.cases import case_files, check, load_cases, run_check

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
FILES = sorted(RULES_DIR.glob("*.yaml"))


def test_every_rule_case_passes() -> None:
    report = check([RULES_DIR])
    assert report.failed == 0, "\n".join(report.lines)
    assert report.passed >= 90
    assert report.lines[-1] == f"{report.passed} passed, 0 failed"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_rule_case_file(path: Path) -> None:
    report = check([path])
    assert report.failed == 0, "\n".join(report.lines)


def test_every_code_with_a_rule_has_cases_on_both_sides() -> None:
    engine = Engine.default()
    seen: dict[str, set[str]] = {}
    for path, label in case_files([RULES_DIR]):
        for case in load_cases(path, label, engine):
            for code, outcome in case.expect.items():
                seen.setdefault(code, set()).add(str(outcome))
    regime = engine.regimes.get("R2025")
    codes = [
        *engine.registry.codes_for(SubjectKind.PERSON, regime),
        *engine.registry.codes_for(SubjectKind.COLLECTIVE, regime),
    ]
    missing = {
        code: sorted({"eligible", "not_eligible"} - seen.get(code, set()))
        for code in codes
        if not {"eligible", "not_eligible"} <= seen.get(code, set())
    }
    assert missing == {}


def write(tmp_path: Path, text: str, name: str = "cases.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


FAILING = """
- name: LĐTT needs HTT (deliberately wrong expectation)
  year: 2024
  subject: {kind: person, hired: 2010-01-01}
  ratings: {2024: HT}
  expect: {LDTT: eligible, KNC: undetermined}
- name: passes
  year: 2024
  subject: {kind: person, hired: 2010-01-01}
  ratings: {2024: HTT}
  expect: {LDTT: eligible}
"""


def test_failure_lines_and_summary(tmp_path: Path) -> None:
    path = write(tmp_path, FAILING)
    out, err = io.StringIO(), io.StringIO()
    assert run_check([path], out, err) == 1
    lines = out.getvalue().splitlines()
    assert lines == [
        f"FAIL {path}:LĐTT needs HTT (deliberately wrong expectation): LDTT expected eligible, "
        "got not_eligible (reasons: Xếp loại năm 2024 từ Hoàn thành tốt nhiệm vụ trở lên [HT])",
        "1 passed, 1 failed",
    ]
    assert err.getvalue() == ""


def test_regime_expectation_is_checked(tmp_path: Path) -> None:
    text = """
- name: wrong regime
  year: 2024
  decision_date: 2025-07-01
  subject: {kind: person, hired: 2010-01-01}
  ratings: {2024: HTT}
  expect: {LDTT: eligible}
  expect_regime: R2024
"""
    report = check([write(tmp_path, text)])
    assert report.lines[0].endswith(":wrong regime: regime expected R2024, got R2025")


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("  colour: red\n", "case 1 ('c'): case: unknown key 'colour' (allowed: "),
        (
            "  awards:\n    - {code: CSTD, year: 2023}\n",
            "case 1 ('c'): awards[1].code: unknown award code 'CSTD'",
        ),
        (
            "  awards:\n    - {code: TTLDTT, year: 2023}\n",
            "case 1 ('c'): awards[1].code: TTLDTT is not awarded to a person",
        ),
        (
            "  discipline:\n    - {form: KHIEN_TRACH, date: 2024-02-30}\n",
            "case 1 ('c'): discipline[1].date: impossible date '2024-02-30'",
        ),
        (
            "  discipline:\n    - {form: WARNING, date: 2024-02-03}\n",
            "case 1 ('c'): discipline[1].form: 'WARNING' is not one of KHIEN_TRACH, ",
        ),
        ("  ratings: {2024: GOOD}\n", "case 1 ('c'): ratings.2024: 'GOOD' is not one of HTXS, "),
        ("  ratings: {2025: HTT}\n", "case 1 ('c'): ratings: year: 2025 is out of range"),
        ("  decision_date: 2023-12-31\n", "case 1 ('c'): decision_date: 2023-12-31 is before"),
        ("  members: []\n", "case 1 ('c'): members: only for a collective"),
        (
            "  overrides: {ldtt_min_months_worked: six}\n",
            "case 1 ('c'): overrides.ldtt_min_months_worked: 'six' is not an int",
        ),
        ("  overrides: {nope: 1}\n", "case 1 ('c'): overrides.nope: unknown parameter 'nope'"),
        ("  expect_regime: R2099\n", "case 1 ('c'): expect_regime: unknown regime 'R2099'"),
    ],
)
def test_malformed_cases_name_file_case_and_field(
    tmp_path: Path, snippet: str, message: str
) -> None:
    text = (
        "- name: c\n  year: 2024\n  subject: {kind: person}\n"
        + snippet
        + "  expect: {LDTT: eligible}\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(DataError) as err:
        load_cases(path, "rules/x.yaml", Engine.default())
    assert str(err.value).startswith(f"rules/x.yaml: {message}")


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        (
            "{LDTT: maybe}",
            "expect.LDTT: 'maybe' is not one of eligible, not_eligible, undetermined",
        ),
        ("{TTLDTT: eligible}", "expect.TTLDTT: TTLDTT is not awarded to a person"),
        ("{}", "expect: expected a non-empty mapping of award code to verdict"),
    ],
)
def test_bad_expectations(tmp_path: Path, expect: str, message: str) -> None:
    path = write(
        tmp_path, f"- name: c\n  year: 2024\n  subject: {{kind: person}}\n  expect: {expect}\n"
    )
    with pytest.raises(DataError) as err:
        load_cases(path, "x.yaml", Engine.default())
    assert str(err.value) == f"x.yaml: case 1 ('c'): {message}"


def test_all_errors_of_a_file_are_reported_and_nothing_runs(tmp_path: Path) -> None:
    text = """
- name: same
  year: 2024
  subject: {kind: person}
  expect: {LDTT: eligible}
- name: same
  year: 2024
  subject: {kind: person}
  expect: {LDTT: eligible}
- year: 2024
  subject: {kind: robot}
  expect: {LDTT: eligible}
"""
    path = write(tmp_path, text)
    out, err = io.StringIO(), io.StringIO()
    assert run_check([path], out, err) == 2
    assert out.getvalue() == ""
    assert err.getvalue().splitlines() == [
        f"{path}: case 2 ('same'): name: duplicate name in this file",
        f"{path}: case 3: case: missing key 'name'",
    ]


def test_missing_path_and_non_list_file(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_check([tmp_path / "nope.yaml"], out, err) == 2
    assert err.getvalue() == f"{tmp_path / 'nope.yaml'}: no such file or directory\n"
    path = write(tmp_path, "name: not a list\n")
    with pytest.raises(DataError) as exc:
        check([path])
    assert str(exc.value) == f"{path}: expected a non-empty list of cases"
