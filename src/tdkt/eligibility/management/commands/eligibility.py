"""``tdkt eligibility --year 2024 [--unit CODE] --format json|xlsx [--output FILE] [--codes ...]``.

FORMATS.md §5: a JSON list with one object per subject and award code, then
``{"quotas": [...]}`` (see docs/rules-authoring.md "Eligibility runs"); ``xlsx`` is the same
for the council. A bad unit, year or code is an error (exit 1), nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.eligibility.export import to_xlsx
from tdkt.eligibility.service import check_codes, check_year, run_eligibility
from tdkt.org.models import Unit


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--decision-date {value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Xét điều kiện khen thưởng cho mọi cá nhân, tập thể trong một năm (FORMATS.md §5)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="năm thành tích được xét")
        parser.add_argument("--unit", help="mã đơn vị (gồm cấp dưới và đơn vị đã sáp nhập vào)")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", "-o", help="tệp kết quả (mặc định: stdout)")
        parser.add_argument(
            "--codes", nargs="+", metavar="CODE", help="chỉ xét các mã này (mặc định: tất cả)"
        )
        parser.add_argument(
            "--decision-date",
            help="ngày quyết định dự kiến, chọn chế độ áp dụng (mặc định: 15/01 năm sau)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            check_year(opts["year"])
            codes = check_codes(opts["codes"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        decision_date = _date(opts["decision_date"]) if opts["decision_date"] else None
        if opts["format"] == "xlsx" and not opts["output"] and sys.stdout.isatty():
            raise CommandError("binary output: use --output FILE")
        unit = None
        if opts["unit"]:
            unit = Unit.objects.filter(code=opts["unit"].strip().upper()).first()
            if unit is None:
                raise CommandError(f"unknown unit code: {opts['unit']}")
        result = run_eligibility(opts["year"], unit=unit, codes=codes, decision_date=decision_date)
        if opts["format"] == "json":
            text = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
            if opts["output"]:
                Path(opts["output"]).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text, ending="")
            return
        data = to_xlsx(result, unit_name=unit.name if unit else "")
        if opts["output"]:
            Path(opts["output"]).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
