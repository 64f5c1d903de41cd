"""``tdkt rules check FILE_OR_DIR ...``: run rule cases (FORMATS.md §4);
``tdkt rules audit [--unit CODE] [--from Y --to Y] [--format text|json]``: recorded awards that
contradict the rules of their own regime (:mod:`tdkt.eligibility.history`).

Subcommands are argparse subparsers: to add one, add its parser in ``add_arguments`` and a
``_handle_<name>(options) -> exit code`` method. ``check`` needs no database.

``audit`` exits 0 when no contradiction is found, 1 when some are, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdkt.eligibility.core.cases import run_check


class Command(BaseCommand):
    help = "Rules engine tools: check rule cases."
    requires_system_checks: list[str] = []  # `check` must run without a database

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        check = sub.add_parser(
            "check",
            help="run rule-case YAML files (or every .yaml under a directory)",
            description="Exit 0 if every case passes, 1 if some fail, 2 if a file is invalid.",
        )
        check.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        audit = sub.add_parser(
            "audit",
            help="recorded awards that contradict the rules of their own regime",
            description=(
                "Exit 0 if no contradiction is found, 1 if some are, 2 on bad input. "
                "Undetermined verdicts (facts missing in old history) are listed apart."
            ),
        )
        audit.add_argument("--unit", help="unit code (its subtree, by the unit at the time)")
        audit.add_argument("--from", dest="from_year", type=int, help="first achievement year")
        audit.add_argument("--to", dest="to_year", type=int, help="last achievement year")
        audit.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, f"_handle_{options['subcommand']}")
        code = handler(options)
        if code:
            sys.exit(code)

    def _handle_check(self, options: dict[str, Any]) -> int:
        return run_check(options["paths"], self.stdout, self.stderr)

    def _handle_audit(self, options: dict[str, Any]) -> int:
        from tdkt.awards.models import Award
        from tdkt.eligibility.history import audit_history
        from tdkt.eligibility.service import year_range
        from tdkt.org.models import Unit

        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"].strip().upper()).first()
            if unit is None:
                self.stderr.write(f"unknown unit code: {options['unit']}")
                return 2
        low, high = year_range()
        first = options["from_year"] if options["from_year"] is not None else low
        last = options["to_year"] if options["to_year"] is not None else high
        for name, year in (("--from", first), ("--to", last)):
            if not low <= year <= high:
                self.stderr.write(f"{name} {year} is out of range ({low}–{high})")
                return 2
        if first > last:
            self.stderr.write(f"--from {first} is after --to {last}")
            return 2
        report = audit_history(Award.objects.all(), first, last, unit=unit)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            from tdkt.eligibility.history import report_text

            self.stdout.write(report_text(report), ending="")
        return 1 if report.contradictions else 0
