"""Regime selection at every boundary, the Decree 152 transition, and regime files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tdkt.eligibility.core import DataError, Engine, PersonFacts, Rating, RegimeTable
from tdkt.eligibility.core.engine import DATA_DIR

D = dt.date.fromisoformat
TABLE = RegimeTable.load(DATA_DIR / "regimes")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2010-05-31", None),
        ("2010-06-01", "R2010"),
        ("2014-05-31", "R2010"),
        ("2014-06-01", "R2014"),
        ("2017-09-30", "R2014"),
        ("2017-10-01", "R2017"),
        ("2023-12-31", "R2017"),
        ("2024-01-01", "R2024"),
        ("2025-06-30", "R2024"),
        ("2025-07-01", "R2025"),
        ("2027-03-01", "R2025"),
    ],
)
def test_regime_in_force_on_decision_date(day: str, expected: str | None) -> None:
    choice = TABLE.select(D(day))
    assert (choice.regime.id if choice else None) == expected


@pytest.mark.parametrize(
    ("decision", "received", "local_rules_issued", "expected"),
    [
        # dossiers received before 2025-07-01 are decided under Decree 98 (R2024)
        ("2025-08-01", "2025-06-30", None, "R2024"),
        ("2025-08-01", "2025-07-01", None, "R2025"),
        ("2026-06-01", "2025-06-30", None, "R2024"),
        # no delegated rules yet: Decree 98 until 2025-12-31 at the latest
        ("2025-07-01", None, False, "R2024"),
        ("2025-12-31", None, False, "R2024"),
        ("2026-01-01", None, False, "R2025"),
        ("2025-12-31", None, True, "R2025"),
        ("2025-12-31", None, None, "R2025"),
        # the transition belongs to R2025: it changes nothing before it
        ("2025-06-30", "2025-06-01", False, "R2024"),
        ("2023-12-31", "2023-01-01", False, "R2017"),
    ],
)
def test_decree_152_transition(
    decision: str, received: str | None, local_rules_issued: bool | None, expected: str
) -> None:
    choice = TABLE.select(D(decision), D(received) if received else None, local_rules_issued)
    assert choice is not None
    assert choice.regime.id == expected


def test_transition_reads_parameters_on_the_last_day_of_the_old_regime() -> None:
    choice = TABLE.select(D("2025-09-15"), D("2025-06-20"))
    assert choice is not None
    assert (choice.regime.id, choice.as_of) == ("R2024", D("2025-06-30"))
    assert "Decree 152/2025/NĐ-CP Art 60" in choice.basis
    plain = TABLE.select(D("2025-09-15"))
    assert plain is not None
    assert (plain.regime.id, plain.as_of) == ("R2025", D("2025-09-15"))


def _copy_regimes(tmp_path: Path) -> Path:
    target = tmp_path / "regimes"
    shutil.copytree(DATA_DIR / "regimes", target, ignore=shutil.ignore_patterns("*.py", "__*"))
    return target


def test_overlapping_regime_files_are_refused(tmp_path: Path) -> None:
    regimes = _copy_regimes(tmp_path)
    text = (regimes / "R2024.yaml").read_text().replace("to: 2025-06-30", "to: 2025-07-01")
    (regimes / "R2024.yaml").write_text(text)
    with pytest.raises(DataError) as err:
        RegimeTable.load(regimes)
    assert str(err.value) == "regimes/R2025.yaml: from 2025-07-01 overlaps R2024 (to 2025-07-01)"


def test_a_gap_between_regimes_is_refused(tmp_path: Path) -> None:
    regimes = _copy_regimes(tmp_path)
    text = (regimes / "R2017.yaml").read_text().replace("to: 2023-12-31", "to: 2023-12-30")
    (regimes / "R2017.yaml").write_text(text)
    with pytest.raises(DataError) as err:
        RegimeTable.load(regimes)
    assert str(err.value) == (
        "regimes/R2024.yaml: from 2024-01-01 leaves a gap after R2017 (to 2023-12-30)"
    )


def test_unknown_key_and_id_mismatch_in_regime_files(tmp_path: Path) -> None:
    regimes = _copy_regimes(tmp_path)
    (regimes / "R2014.yaml").write_text(
        (regimes / "R2014.yaml").read_text() + "valid_until: 2017-09-30\n"
    )
    with pytest.raises(DataError) as err:
        RegimeTable.load(regimes)
    assert str(err.value).startswith("regimes/R2014.yaml: unknown key 'valid_until' (allowed: ")
    (regimes / "R2014.yaml").unlink()
    shutil.copy(DATA_DIR / "regimes" / "R2017.yaml", regimes / "R2014.yaml")
    with pytest.raises(DataError) as err:
        RegimeTable.load(regimes)
    assert str(err.value) == "regimes/R2014.yaml: id 'R2017' must equal the file name 'R2014'"


def test_a_new_regime_is_a_new_file_not_code(tmp_path: Path) -> None:
    regimes = _copy_regimes(tmp_path)
    r2025 = (regimes / "R2025.yaml").read_text().replace("to: null", "to: 2026-06-30")
    (regimes / "R2025.yaml").write_text(r2025)
    r2026 = (
        r2025.replace("id: R2025", "id: R2026")
        .replace("from: 2025-07-01", "from: 2026-07-01")
        .replace("to: 2026-06-30", "to: null")
        .split("transition:")[0]
    )
    (regimes / "R2026.yaml").write_text(r2026 + "rules_as: R2025\n")
    engine = Engine.load(regimes_dir=regimes)
    person = PersonFacts("p", hired=D("2010-01-01"), ratings={2026: Rating.HTT})
    verdict = engine.evaluate(person, "LDTT", 2026)
    assert (verdict.regime, verdict.outcome) == ("R2026", "eligible")
    assert engine.evaluate(person, "LDTT", 2026, decision_date=D("2026-06-30")).regime == "R2025"
