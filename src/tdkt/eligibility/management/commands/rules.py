"""``tdkt rules check FILE_OR_DIR ...``: run rule cases (FORMATS.md §4).

Subcommands are argparse subparsers: to add one (e.g. ``audit``), add its parser in
``add_arguments`` and a ``_handle_<name>(options) -> exit code`` method. ``check`` needs no
database.
"""

from __future__ import annotations

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

    def handle(self, *args: Any, **options: Any) -> None:
        handler = getattr(self, f"_handle_{options['subcommand']}")
        code = handler(options)
        if code:
            sys.exit(code)

    def _handle_check(self, options: dict[str, Any]) -> int:
        return run_check(options["paths"], self.stdout, self.stderr)
