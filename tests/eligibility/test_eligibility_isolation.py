"""The engine core must import nothing from Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CASES = Path(__file__).resolve().parents[1] / "rules" / "ldtt.yaml"

PROGRAM = """
import sys
import tdkt.eligibility.core as core
from tdkt.eligibility.core import cases, engine, quotas, registry, rules
from tdkt.eligibility.core.cases import check

report = check([sys.argv[1]])
assert report.passed > 0, report.lines
assert "tdkt.eligibility.core.rules.individual" in sys.modules
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print("LEAKED:" + ",".join(leaked))
"""


def test_core_runs_without_importing_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(CASES)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "LEAKED:"
