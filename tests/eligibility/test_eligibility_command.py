"""`tdkt rules check`: output, exit codes, and no database (these tests have no db access)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("rules", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_check_passes_on_the_shipped_cases() -> None:
    code, out, err = run("check", str(RULES_DIR))
    assert code == 0, out + err
    assert out.splitlines()[-1].endswith(" passed, 0 failed")
    assert err == ""


def test_check_exits_1_on_a_failing_case(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yaml"
    path.write_text(
        "- name: wrong\n  year: 2024\n  subject: {kind: person, hired: 2010-01-01}\n"
        "  ratings: {2024: KHT}\n  expect: {LDTT: eligible}\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(RULES_DIR / "ldtt.yaml"), str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"FAIL {path}:wrong: LDTT expected eligible, got not_eligible")
    assert lines[-1].endswith(" passed, 1 failed")


def test_check_exits_2_on_an_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- name: x\n  year: 2024\n  subject: {kind: person}\n  expect: {XX: eligible}\n"
    )
    code, out, err = run("check", str(path))
    assert (code, out) == (2, "")
    assert err == f"{path}: case 1 ('x'): expect.XX: unknown award code 'XX'\n"


def test_a_subcommand_is_required() -> None:
    with pytest.raises(CommandError, match=r"SUBCOMMAND|subcommand"):
        call_command("rules")
