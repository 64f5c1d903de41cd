"""``tdkt export awards [--from Y --to Y] [--unit CODE] --format csv|xlsx [--output FILE]``."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.imports.export import export_queryset, write_csv, write_xlsx
from tdkt.org.models import Unit


class Command(BaseCommand):
    help = "Xuất danh sách khen thưởng theo mẫu nhập (FORMATS.md §1)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        a = sub.add_parser("awards", help="danh sách khen thưởng")
        a.add_argument("--from", dest="from_year", type=int)
        a.add_argument("--to", dest="to_year", type=int)
        a.add_argument("--unit", help="mã đơn vị (gồm cấp dưới và đơn vị đã sáp nhập vào)")
        a.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        a.add_argument("--output", "-o", help="tệp kết quả (mặc định: stdout cho csv)")

    def handle(self, *args: Any, **opts: Any) -> None:
        unit_ids = None
        if opts["unit"]:
            unit = Unit.objects.filter(code=opts["unit"].strip().upper()).first()
            if unit is None:
                raise CommandError(f"unknown unit code: {opts['unit']}")
            unit_ids = list(unit.subtree().values_list("id", flat=True))
        if opts["from_year"] and opts["to_year"] and opts["from_year"] > opts["to_year"]:
            raise CommandError(f"--from {opts['from_year']} is after --to {opts['to_year']}")
        qs = export_queryset(opts["from_year"], opts["to_year"], unit_ids)
        out = opts["output"]
        if opts["format"] == "csv":
            if out:
                with open(out, "w", encoding="utf-8-sig", newline="") as fh:
                    n = write_csv(qs, fh)
            else:
                n = write_csv(qs, self.stdout)
        else:
            if not out:
                raise CommandError("xlsx output needs --output FILE")
            with open(out, "wb") as fh:
                n = write_xlsx(qs, fh)
        if out:
            sys.stderr.write(f"{n} rows written to {out}\n")
