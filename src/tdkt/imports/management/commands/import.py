"""``tdkt import awards FILE`` and ``tdkt import initiatives FILE`` (FORMATS.md §1, §3).

Prints one line per problem (``row 17: Danh hiệu/Hình thức: ...``), then a summary; exits 1
when the file has errors (nothing is written then), 0 otherwise.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tdkt.imports.loader import ImportReport, import_awards, import_initiatives
from tdkt.org.models import Agency, Unit


class Command(BaseCommand):
    help = "Nhập danh sách khen thưởng hoặc sáng kiến từ tệp CSV/XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        for name, text in (
            ("awards", "danh sách khen thưởng (FORMATS.md §1)"),
            ("initiatives", "danh sách sáng kiến (FORMATS.md §3)"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("file")
            p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
            p.add_argument("--under", help="mã đơn vị chứa các đơn vị mới tạo")
            p.add_argument("--agency", help="mã cơ quan (mặc định: cơ quan đầu tiên)")
            p.add_argument("--no-progress", action="store_true")
            p.add_argument(
                "--max-mb",
                type=int,
                default=50,
                help="refuse files larger than this (default 50 MB, as uploads)",
            )

    def handle(self, *args: Any, **opts: Any) -> None:
        under = agency = None
        if opts["under"]:
            under = Unit.objects.filter(code=opts["under"].strip().upper()).first()
            if under is None:
                raise CommandError(f"unknown unit code: {opts['under']}")
        if opts["agency"]:
            agency = Agency.objects.filter(code=opts["agency"].strip().upper()).first()
            if agency is None:
                raise CommandError(f"unknown agency code: {opts['agency']}")
        bars: dict[str, tqdm[Any]] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if opts["no_progress"] or not total or not sys.stderr.isatty():
                return
            bar = bars.get(phase)
            if bar is None:
                bar = bars[phase] = tqdm(total=total, desc=phase, file=sys.stderr, leave=False)
            bar.n = done
            bar.refresh()

        if opts["what"] == "awards":
            report = import_awards(
                opts["file"],
                agency=agency,
                under=under,
                dry_run=opts["dry_run"],
                progress=progress,
                max_bytes=opts["max_mb"] * 1024 * 1024,
            )
        else:
            report = import_initiatives(
                opts["file"],
                agency=agency,
                under=under,
                dry_run=opts["dry_run"],
                max_bytes=opts["max_mb"] * 1024 * 1024,
            )
        for bar in bars.values():
            bar.close()
        self._print(report)
        if not report.ok:
            sys.exit(1)

    def _print(self, report: ImportReport) -> None:
        for w in report.warnings:
            self.stderr.write(f"warning: {w}")
        for e in report.errors:
            self.stderr.write(str(e))
        if report.ok:
            self.stdout.write(report.summary())
        else:
            self.stderr.write(f"{len(report.errors)} error(s); nothing was written")
