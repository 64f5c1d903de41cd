"""Time the people search and the awards list on a 100,000-person demo (SQLite, PostgreSQL).

    .venv/bin/python bench/bench_lists.py [--data-dir DIR] [--people 100000] [--runs 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt \
        .venv/bin/python bench/bench_lists.py --keep

Each case is what a list page computes, through the code the views use: the query function of
``tdkt.web.queries`` (``people_search``, ``awards_list`` + ``awards_count``) paged by
``tdkt.web.views.base.page_of`` (50 rows and the total count). Printed: the median of --runs
timed runs (after two warm-up runs), the bare SQL behind it (the same statements, captured and
run on a plain cursor) and the ratio. Target: under 100 ms.

The dataset is built once if missing: SQLite in --data-dir (default: a reusable directory in the
system temp dir), PostgreSQL in a database next to DATABASE_URL's (dropped afterwards unless
--keep; --keep also reuses it on the next run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

TARGET_MS = 100
PEOPLE_QUERY = "nguyen thi huong"


def child(args: argparse.Namespace) -> None:
    C.setup_django()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from tdkt.demo.accounts import demo_agency, ensure_demo_accounts
    from tdkt.demo.load import load_plan
    from tdkt.demo.plan import Options, build_plan
    from tdkt.web import queries
    from tdkt.web.views.base import page_of

    call_command("migrate", interactive=False, verbosity=0)
    agency = demo_agency()
    if agency is None:
        print(f"building the demo ({args.people:,} people × 15 years) …", flush=True)
        started = time.perf_counter()
        agency = load_plan(build_plan(Options(people=args.people))).agency
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    ensure_demo_accounts(agency)
    officer = User.objects.get(username="canbo")
    clerk = User.objects.get(username="vanthu")
    rf = RequestFactory()

    def people_page(user: Any, q: str = PEOPLE_QUERY) -> Any:
        request = rf.get("/ca-nhan/", {"q": q})
        page = page_of(request, queries.people_search(user, q))
        return page.paginator.count, [(p.full_name, p.unit.name) for p in page.object_list]

    def awards_page(user: Any, filters: dict[str, Any]) -> Any:
        request = rf.get("/khen-thuong/")
        page = page_of(
            request,
            queries.awards_list(user, filters),
            count=lambda: queries.awards_count(user, filters),
        )
        return page.paginator.count, [
            (a.award_type.code, a.subject_name, a.decision.number, a.unit_at_time.name)
            for a in page.object_list
        ]

    cases = [
        (f'people "{PEOPLE_QUERY}", officer (whole agency)', lambda: people_page(officer)),
        ('people "nguyen", clerk (one division)', lambda: people_page(clerk, "nguyen")),
        ("awards, first page, no filter, officer", lambda: awards_page(officer, {})),
        (
            "awards, year 2024 + LDTT, officer",
            lambda: awards_page(officer, {"year": 2024, "award_type": "LDTT"}),
        ),
        ("awards, first page, clerk", lambda: awards_page(clerk, {})),
    ]
    out = []
    load_before = C.load_average()
    for name, fn in cases:
        fn()  # fill caches (the user's membership) before capturing
        with CaptureQueriesContext(connection) as captured:
            count, rows = fn()
        statements = [q["sql"] for q in captured.captured_queries]

        def bare(statements: list[str] = statements) -> None:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    cursor.fetchall()

        orm_ms = C.timed_runs(fn, args.runs)
        bare_ms = C.timed_runs(bare, args.runs)
        out.append(
            {
                "case": name,
                "count": count,
                "rows": len(rows),
                "queries": len(statements),
                "median_ms": C.median(orm_ms),
                "max_ms": max(orm_ms),
                "bare_ms": C.median(bare_ms),
                "sql": statements,
            }
        )
    C.emit(
        {
            "vendor": connection.vendor,
            "cases": out,
            "load_avg": f"{load_before} → {C.load_average()}",
        }
    )


def report(name: str, r: dict[str, Any], show_sql: bool) -> None:
    print(f"\n== {name} ==   machine load {r['load_avg']}")
    print(f"  {'case':<50} {'median':>8} {'max':>8} {'bare SQL':>9} {'ratio':>6}  result")
    for c in r["cases"]:
        flag = "" if c["median_ms"] < TARGET_MS else "  OVER TARGET"
        print(
            f"  {c['case']:<50} {c['median_ms']:6.1f}ms {c['max_ms']:6.1f}ms "
            f"{c['bare_ms']:7.1f}ms {c['median_ms'] / c['bare_ms']:6.2f}  "
            f"{c['rows']} of {c['count']:,} ({c['queries']} queries){flag}"
        )
        if show_sql:
            for sql in c["sql"]:
                print(f"      {sql}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data-dir", help="SQLite data directory (built there if empty)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the PostgreSQL db")
    parser.add_argument("--sql", action="store_true", help="print the SQL of each case")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="one database only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    script = Path(__file__).resolve()
    passthrough = ["--people", str(args.people), "--runs", str(args.runs)]
    sqlite_dir = Path(
        args.data_dir or Path(tempfile.gettempdir()) / f"tdkt-bench-lists-{args.people}"
    )
    results = C.run_on_databases(
        script,
        passthrough,
        f"lists_{args.people}",
        only=args.only,
        keep=args.keep,
        sqlite_dir=sqlite_dir,
    )
    for name, r in results.items():
        report(name, r, args.sql)


if __name__ == "__main__":
    main()
