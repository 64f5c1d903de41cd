"""``tdkt demo``: set up a database, load the demo province, print how to log in, serve.

Running it again on the same data directory loads nothing twice: the existing demo is kept
(and the demo accounts get the demo password back). A database holding anything else — another
agency or a user who is not a demo account — is refused untouched.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from tdkt.common.management.commands.serve import address, run_server
from tdkt.common.models import AuditEntry
from tdkt.demo.accounts import (
    DEMO_PASSWORD,
    DemoRefused,
    check_demo_allowed,
    demo_agency,
    ensure_demo_accounts,
)
from tdkt.demo.load import DEMO_LOAD_ACTION, load_plan
from tdkt.demo.plan import FINAL_YEAR, MAX_YEARS, Options, build_plan

DEFAULTS = {"people": 400, "years": MAX_YEARS, "seed": 2025}


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def database_label() -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"SQLite {db['NAME']}"
    return f"{connection.vendor} {db.get('HOST') or 'localhost'}/{db.get('NAME')}"


class Command(BaseCommand):
    help = "Tạo cơ sở dữ liệu minh họa (một sở ở tỉnh Thái Nguyên, 2011–2025) và chạy thử."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", help="thư mục dữ liệu (mặc định ./var)")
        parser.add_argument("--port", type=int, default=8000, help="cổng web (mặc định 8000)")
        parser.add_argument(
            "--no-serve", action="store_true", help="chỉ tạo dữ liệu, không chạy web"
        )
        parser.add_argument("--people", type=int, help="số cá nhân (mặc định 400)")
        parser.add_argument("--years", type=int, help=f"số năm đến {FINAL_YEAR} (mặc định 15)")
        parser.add_argument("--seed", type=int, help="hạt giống ngẫu nhiên (mặc định 2025)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = self.stdout.write
        if options["data_dir"] and Path(options["data_dir"]).resolve() != settings.DATA_DIR:
            raise CommandError(
                "--data-dir chỉ có tác dụng khi chạy bằng lệnh `tdkt demo --data-dir ...` "
                f"(thư mục đang dùng: {settings.DATA_DIR}); hoặc đặt biến TDKT_DATA_DIR."
            )
        if not 1 <= options["port"] <= 65535:
            raise CommandError(f"Cổng {options['port']} không hợp lệ (1–65535).")
        asked = {k: options[k] for k in DEFAULTS if options[k] is not None}
        try:
            opts = Options(**{**DEFAULTS, **asked})
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        out(f"Thư mục dữ liệu: {settings.DATA_DIR}")
        out(f"Cơ sở dữ liệu: {database_label()}")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            check_demo_allowed()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc

        agency = demo_agency()
        if agency is not None:
            loaded = (
                AuditEntry.objects.filter(action=DEMO_LOAD_ACTION, object_id=str(agency.pk))
                .values_list("after", flat=True)
                .first()
            ) or {}
            out(
                f"Dữ liệu minh họa đã có ({vn_int(loaded.get('people', 0))} cá nhân, "
                f"{loaded.get('years', '?')} năm, seed {loaded.get('seed', '?')}); không nạp lại."
            )
            differs = [k for k, v in asked.items() if loaded.get(k) != v]
            if differs:
                out(
                    self.style.WARNING(
                        "Tham số khác bộ dữ liệu đã có ("
                        + ", ".join(f"--{k}" for k in differs)
                        + "): dùng một --data-dir mới để tạo bộ khác."
                    )
                )
        else:
            last = FINAL_YEAR
            out(
                f"Đang tạo dữ liệu minh họa: {vn_int(opts.people)} cá nhân, {opts.years} năm "
                f"({last - opts.years + 1}–{last}), seed {opts.seed} …"
            )
            started = time.perf_counter()
            plan = build_plan(opts)
            out(f"  sinh dữ liệu: {time.perf_counter() - started:.1f} s")
            verbose = options["verbosity"] >= 2
            result = load_plan(plan, progress=out if verbose else None)
            agency = result.agency
            rows = result.rows
            out(
                f"Đã tạo {vn_int(rows['units'])} đơn vị, {vn_int(rows['people'])} cá nhân, "
                f"{vn_int(rows['ratings'])} lượt xếp loại, {vn_int(rows['decisions'])} quyết định, "
                f"{vn_int(rows['awards'])} lượt khen thưởng "
                f"({vn_int(result.total_rows)} dòng) trong "
                f"{time.perf_counter() - started:.1f} giây."
            )

        accounts = ensure_demo_accounts(agency)
        url = address("127.0.0.1", options["port"])
        out("")
        out(self.style.SUCCESS(f"Địa chỉ: {url}"))
        out(f"Mật khẩu chung của các tài khoản minh họa: {DEMO_PASSWORD}")
        out("(mật khẩu cố định, chỉ dùng cho bản minh họa này)")
        for account, unit in accounts:
            scope = f" – {unit.name}" if unit is not None else ""
            out(f"  {account.username:<8} {account.description}{scope}")
        out("")
        if options["no_serve"]:
            out(
                f"Chạy web sau: tdkt serve --port {options['port']}"
                + (
                    f" (với TDKT_DATA_DIR={settings.DATA_DIR})"
                    if connection.vendor == "sqlite"
                    else ""
                )
            )
            return
        out(f"Đang chạy máy chủ tại {url} — Ctrl+C để dừng.")
        self.stdout.flush()
        run_server("127.0.0.1", options["port"], 4, write=out)
