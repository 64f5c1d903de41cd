"""Time `tdkt demo --people 100000 --years 15` on SQLite (and PostgreSQL with DATABASE_URL).

    .venv/bin/python bench/bench_demo_build.py [--people 100000] [--years 15] [--seed 2025]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt .venv/bin/python bench/bench_demo_build.py

Prints, per database: seconds to generate and to load, rows written and rows per second, and
the ratio to a floor measured in the same run: a bare ``executemany`` INSERT of the same award
rows (same values, same count) into a copy of the awards table with the same indexes and keys.
SQLite runs in a temporary directory; PostgreSQL in a throwaway database next to the one named
in DATABASE_URL (created and dropped). Migrations are not timed. Target: under 120 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

TARGET_SECONDS = 120


def child(args: argparse.Namespace) -> None:
    C.setup_django()
    from django.core.management import call_command
    from django.db import connection

    from tdkt.demo.load import load_plan
    from tdkt.demo.plan import Options, build_plan

    call_command("migrate", interactive=False, verbosity=0)
    load_before = C.load_average()
    started, cpu = time.perf_counter(), time.process_time()
    plan = build_plan(Options(seed=args.seed, people=args.people, years=args.years))
    plan_s = time.perf_counter() - started
    result = load_plan(plan, progress=print)
    total_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu
    floor_s, floor_rows = award_floor(connection)
    C.emit(
        {
            "vendor": connection.vendor,
            "plan_s": plan_s,
            "load_s": total_s - plan_s,
            "total_s": total_s,
            "cpu_s": cpu_s,
            "rows": result.total_rows,
            "awards": result.rows["awards"],
            "stages": result.seconds,
            "floor_s": floor_s,
            "floor_rows": floor_rows,
            "load_avg": f"{load_before} → {C.load_average()}",
        }
    )


def award_floor(connection: Any) -> tuple[float, int]:
    """Seconds of a bare executemany of the loaded award rows into a copy of the awards table."""
    from django.db import transaction

    from tdkt.awards.models import Award

    table = Award._meta.db_table
    copy = "bench_floor_award"
    columns = [f.column for f in Award._meta.concrete_fields if not f.primary_key]
    cols = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cols} FROM {table} ORDER BY id")
        rows = cursor.fetchall()
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=%s", [table])
            cursor.execute(cursor.fetchone()[0].replace(f'"{table}"', f'"{copy}"', 1))
            cursor.execute(
                "SELECT sql FROM sqlite_master "
                "WHERE type='index' AND tbl_name=%s AND sql IS NOT NULL",
                [table],
            )
            for (sql,) in cursor.fetchall():
                sql = sql.replace('INDEX "', f'INDEX "{copy}_', 1).replace(
                    f'"{table}"', f'"{copy}"'
                )
                cursor.execute(sql)
        else:
            cursor.execute(f"CREATE TABLE {copy} (LIKE {table} INCLUDING ALL)")
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid = %s::regclass",
                [table],
            )
            for (definition,) in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {copy} ADD {definition}")
    marks = ", ".join(["%s"] * len(columns))
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {copy} ({cols}) VALUES ({marks})", rows)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {copy}")
    return elapsed, len(rows)


def report(name: str, r: dict[str, Any]) -> None:
    rate = r["rows"] / r["total_s"]
    floor_rate = r["floor_rows"] / r["floor_s"]
    verdict = "OK" if r["total_s"] < TARGET_SECONDS else "OVER TARGET"
    print(f"\n== {name} ==")
    print(f"  machine load      {r['load_avg']}")
    print(f"  generate (memory) {r['plan_s']:7.1f} s")
    print(f"  load (database)   {r['load_s']:7.1f} s")
    for stage, seconds in r["stages"].items():
        print(f"      {stage:<34} {seconds:6.1f} s")
    print(f"  total             {r['total_s']:7.1f} s   [{verdict}: target < {TARGET_SECONDS} s]")
    print(f"  process CPU       {r['cpu_s']:7.1f} s   (the database server's own CPU not included)")
    print(f"  rows written      {r['rows']:>9,} ({r['awards']:,} awards)   {rate:,.0f} rows/s")
    print(
        f"  floor             {r['floor_s']:7.1f} s   bare executemany of {r['floor_rows']:,} "
        f"award rows into an equivalent table ({floor_rate:,.0f} rows/s)"
    )
    print(f"  ratio total/floor {r['total_s'] / r['floor_s']:7.2f}")
    awards_s = r["stages"].get("awards", 0.0)
    print(f"  ratio awards stage/floor {awards_s / r['floor_s']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="one database only")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    passthrough = [
        "--people",
        str(args.people),
        "--years",
        str(args.years),
        "--seed",
        str(args.seed),
    ]
    script = Path(__file__).resolve()
    print(f"Demo build benchmark: {args.people:,} people × {args.years} years, seed {args.seed}")
    results = C.run_on_databases(script, passthrough, "build", only=args.only)
    for name, r in results.items():
        report(name, r)


if __name__ == "__main__":
    main()
