"""Eligibility for every code, every person and unit of a 100,000-person × 15-year demo.

    .venv/bin/python bench/bench_eligibility.py [--data-dir DIR] [--people 100000] [--year 2024]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt .venv/bin/python \\
        bench/bench_eligibility.py --only postgresql --keep

What ``tdkt eligibility --year Y`` computes for the whole agency, through the code it runs
(:func:`tdkt.eligibility.service.run_eligibility`):

* floor — loading the facts from the database alone (``load_subjects``: every person who
  worked during the year and every unit that existed, with the members' situation);
* total — facts + evaluation of all codes + quotas (``run_eligibility``).

Printed: wall time and CPU time (``time.process_time``; the machine may be shared; on
PostgreSQL the server's work shows only in wall time) of each, and the ratio total / floor.
Targets: total under 30 s on a 2-core machine, ratio ≤ 2.

The dataset is the demo (``tdkt demo --people N --years 15``), built once if missing: SQLite in
--data-dir (default: a reusable directory in the system temp dir; an existing demo data
directory can be given), PostgreSQL in a database next to DATABASE_URL's (dropped afterwards
unless --keep; --keep also reuses it on the next run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

TARGET_S = 30.0
TARGET_RATIO = 2.0


def _timed(fn: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def child(args: argparse.Namespace) -> None:
    C.setup_django()
    from django.core.management import call_command
    from django.db import connection

    from tdkt.demo.accounts import demo_agency
    from tdkt.demo.load import load_plan
    from tdkt.demo.plan import Options, build_plan
    from tdkt.eligibility.facts import UnitTree
    from tdkt.eligibility.service import load_subjects, run_eligibility
    from tdkt.org.models import Person, Unit

    call_command("migrate", interactive=False, verbosity=0)
    agency = demo_agency()
    if agency is None:
        print(f"building the demo ({args.people:,} people × 15 years) …", flush=True)
        started = time.perf_counter()
        agency = load_plan(build_plan(Options(people=args.people))).agency
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    year = args.year
    sizes = {
        "people": Person.objects.filter(agency=agency).count(),
        "units": Unit.objects.filter(agency=agency).count(),
    }

    def floor() -> Any:
        tree = UnitTree.load([agency.pk])
        return load_subjects(
            agency.pk,
            Person.objects.filter(agency=agency),
            Unit.objects.filter(agency=agency),
            year,
            complete=True,
            tree=tree,
        )

    def total() -> Any:
        return run_eligibility(year)

    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "total": []}
    load_before = C.load_average()
    loaded = result = None
    for i in range(args.runs):
        loaded, wall, cpu = _timed(floor)
        runs["floor"].append((wall, cpu))
        print(f"  run {i + 1}: facts {wall:.1f} s (CPU {cpu:.1f} s)", flush=True)
        del loaded
        result, wall, cpu = _timed(total)
        runs["total"].append((wall, cpu))
        print(f"  run {i + 1}: facts + evaluation {wall:.1f} s (CPU {cpu:.1f} s)", flush=True)
    assert result is not None

    def med(name: str, k: int) -> float:
        return statistics.median(r[k] for r in runs[name])

    C.emit(
        {
            "vendor": connection.vendor,
            "year": year,
            "regime": result.regime,
            **sizes,
            "subjects": len({(r.kind, r.subject_id) for r in result.rows}),
            "verdicts": len(result.rows),
            "quotas": len(result.quotas),
            "floor_wall": med("floor", 0),
            "floor_cpu": med("floor", 1),
            "total_wall": med("total", 0),
            "total_cpu": med("total", 1),
            "load_avg": f"{load_before} → {C.load_average()}",
        }
    )


def report(name: str, r: dict[str, Any]) -> None:
    print(f"\n== {name} ==   machine load {r['load_avg']}")
    print(
        f"  {r['people']:,} people, {r['units']:,} units; year {r['year']} ({r['regime']}): "
        f"{r['subjects']:,} subjects, {r['verdicts']:,} verdicts, {r['quotas']:,} quota groups"
    )
    for label, key in (
        ("facts from the database (floor)", "floor"),
        ("facts + evaluation", "total"),
    ):
        print(f"  {label:<34} wall {r[key + '_wall']:6.1f} s   CPU {r[key + '_cpu']:6.1f} s")
    ratio_wall = r["total_wall"] / r["floor_wall"]
    ratio_cpu = r["total_cpu"] / r["floor_cpu"]
    print(f"  {'ratio total / floor':<34} wall {ratio_wall:6.2f}     CPU {ratio_cpu:6.2f}")

    def ok(good: bool) -> str:
        return "OK" if good else "OVER TARGET"

    print(
        f"  targets: total < {TARGET_S:.0f} s — wall {ok(r['total_wall'] < TARGET_S)}, "
        f"CPU {ok(r['total_cpu'] < TARGET_S)}; ratio ≤ {TARGET_RATIO:.0f} — "
        f"wall {ok(ratio_wall <= TARGET_RATIO)}, CPU {ok(ratio_cpu <= TARGET_RATIO)}"
    )
    if r["vendor"] == "postgresql":
        print("  (CPU time is this process only: the server's work shows in wall time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=2024, help="achievement year judged")
    parser.add_argument("--runs", type=int, default=1, help="timed runs (median reported)")
    parser.add_argument("--data-dir", help="SQLite data directory (built there if empty)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the PostgreSQL db")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="one database only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    script = Path(__file__).resolve()
    passthrough = ["--people", str(args.people), "--year", str(args.year), "--runs", str(args.runs)]
    sqlite_dir = Path(
        args.data_dir or Path(tempfile.gettempdir()) / f"tdkt-bench-eligibility-{args.people}"
    )
    results = C.run_on_databases(
        script,
        passthrough,
        f"eligibility_{args.people}",
        only=args.only,
        keep=args.keep,
        sqlite_dir=sqlite_dir,
    )
    for name, r in results.items():
        report(name, r)


if __name__ == "__main__":
    main()
