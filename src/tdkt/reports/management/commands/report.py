"""``tdkt report summary --from 2015 --to 2019 [--unit CODE] --format json|xlsx|docx``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.org.models import Agency, Unit
from tdkt.reports.export import to_docx, to_xlsx
from tdkt.reports.summary import build_summary


class Command(BaseCommand):
    help = "Báo cáo tổng hợp: đếm lượt khen thưởng và sáng kiến theo giai đoạn."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True)
        s = sub.add_parser("summary", help="tổng hợp khen thưởng theo giai đoạn (FORMATS.md §2)")
        s.add_argument("--from", dest="from_year", type=int, required=True)
        s.add_argument("--to", dest="to_year", type=int, required=True)
        s.add_argument("--unit", help="mã đơn vị (gồm cấp dưới và đơn vị đã sáp nhập vào)")
        s.add_argument("--format", choices=["json", "xlsx", "docx"], default="json")
        s.add_argument("--output", "-o", help="tệp kết quả (mặc định: stdout)")

    def handle(self, *args: Any, **opts: Any) -> None:
        unit = None
        if opts["unit"]:
            unit = Unit.objects.filter(code=opts["unit"].strip().upper()).first()
            if unit is None:
                raise CommandError(f"unknown unit code: {opts['unit']}")
        try:
            summary = build_summary(opts["from_year"], opts["to_year"], unit)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        fmt = opts["format"]
        if fmt == "json":
            data: bytes = (
                json.dumps(summary.as_json(), ensure_ascii=False, indent=2) + "\n"
            ).encode()
        elif fmt == "xlsx":
            data = to_xlsx(summary)
        else:
            agency = unit.agency if unit else Agency.objects.order_by("id").first()
            data = to_docx(
                summary,
                parent_agency=agency.name if agency else "",
                agency=unit.name if unit else (agency.name if agency else ""),
            )
        if opts["output"]:
            Path(opts["output"]).write_bytes(data)
        elif fmt == "json":
            self.stdout.write(data.decode(), ending="")
        else:
            if sys.stdout.isatty():
                raise CommandError("binary output: use --output FILE")
            sys.stdout.buffer.write(data)
