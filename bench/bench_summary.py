"""The period summary over N award records: time vs the bare GROUP BY behind it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt python bench/bench_summary.py \\
        [--awards 5000000]

Builds a throwaway database next to the one named (``tdkt_bench_summary``, dropped at the end
unless --keep) or, without DATABASE_URL, a SQLite file in a temporary directory; loads units,
people, decisions and N awards over 2011–2025 with COPY/executemany; then times
``build_summary(2015, 2019)`` for the whole agency and for one department's subtree against
the bare ``GROUP BY`` query (median of 7). Targets (issue 3): ratio ≤ 1.5 and under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time


def setup_db(keep: bool) -> tuple[bool, str]:
    pg = os.environ.get("DATABASE_URL", "").startswith("postgres")
    os.environ["TDKT_DATA_DIR"] = tempfile.mkdtemp(prefix="tdkt-bench-summary-")
    if pg:
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        os.environ["DATABASE_URL"] = f"{base}/tdkt_bench_summary"
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS tdkt_bench_summary")
            c.execute("CREATE DATABASE tdkt_bench_summary")
        return True, base
    return False, ""


def load(n_awards: int) -> None:
    from django.db import connection

    from tdkt.awards.models import Award, AwardType, Decision
    from tdkt.common.bulk import insert_rows
    from tdkt.org.models import Agency, Person, Unit

    rnd = random.Random(5)
    agency = Agency.objects.create(code="B", name="Bench")
    root = Unit.objects.create(agency=agency, code="ROOT", name="Sở")
    depts = [
        Unit.objects.create(agency=agency, code=f"D{i}", name=f"Phòng {i}", parent=root)
        for i in range(10)
    ]
    units = [
        Unit.objects.create(agency=agency, code=f"U{i}", name=f"Đơn vị {i}", parent=depts[i % 10])
        for i in range(290)
    ]
    n_people = max(1, n_awards // 14)
    insert_rows(
        Person,
        (
            "agency_id",
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "name_fold",
            "sort_key",
            "sex",
            "unit_id",
            "position",
            "is_active",
            "id_number",
        ),
        (
            (
                agency.pk,
                f"Người {i}",
                "",
                "",
                "",
                f"nguoi {i}",
                "",
                "M",
                units[i % 290].pk,
                "",
                True,
                "",
            )
            for i in range(n_people)
        ),
    )
    person_ids = list(Person.objects.values_list("id", "unit_id"))
    years = list(range(2011, 2026))
    insert_rows(
        Decision,
        ("agency_id", "number", "number_key", "date", "kind"),
        (
            (agency.pk, f"{u.pk}/QĐ-{y}", f"{u.pk}/QD-{y}", dt.date(y + 1, 1, 15), "award")
            for u in units
            for y in years
        ),
    )
    decision_of = {
        (d.number.split("/")[0], d.date.year - 1): d.pk
        for d in Decision.objects.only("id", "number", "date")
    }
    types = list(
        AwardType.objects.filter(subjects__in=["individual", "both"]).values_list("id", flat=True)
    )
    weights = [60 if i == 0 else 3 for i in range(len(types))]

    def rows():  # type: ignore[no-untyped-def]
        for i in range(n_awards):
            pid, uid = person_ids[i % len(person_ids)]
            y = years[(i // len(person_ids)) % 15]
            t = rnd.choices(types, weights)[0]
            yield (
                t,
                y,
                decision_of[(str(uid), y)],
                "individual",
                pid,
                None,
                None,
                uid,
                "",
                "merit",
                "",
                "",
            )

    t0 = time.perf_counter()
    insert_rows(
        Award,
        (
            "award_type_id",
            "year",
            "decision_id",
            "subject_kind",
            "person_id",
            "unit_id",
            "household_id",
            "unit_at_time_id",
            "position_at_time",
            "kind",
            "note",
            "revoked_reason",
        ),
        rows(),
    )
    with connection.cursor() as c:
        c.execute("ANALYZE")
    print(f"loaded {n_awards:,} awards, {n_people:,} people in {time.perf_counter() - t0:.0f} s")


def median_ms(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm the cache once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--awards", type=int, default=5_000_000)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    pg, base = setup_db(args.keep)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tdkt.org.models import Unit
    from tdkt.reports.summary import build_summary

    call_command("migrate", verbosity=0)
    load(args.awards)
    dept = Unit.objects.get(code="D3")
    sub_ids = list(dept.subtree().values_list("id", flat=True))

    def bare(ids: list[int] | None) -> None:
        sql = (
            "SELECT award_type_id, subject_kind, COUNT(*) FROM awards_award "
            "WHERE year >= 2015 AND year <= 2019 AND revoked_by_id IS NULL"
        )
        if ids:
            sql += f" AND unit_at_time_id IN ({','.join(str(int(i)) for i in ids)})"
        with connection.cursor() as c:
            c.execute(sql + " GROUP BY award_type_id, subject_kind")
            c.fetchall()

    db = "PostgreSQL" if pg else "SQLite"
    for label, unit, ids in (("whole agency", None, None), ("one department", dept, sub_ids)):
        floor = median_ms(lambda ids=ids: bare(ids))
        total = median_ms(lambda unit=unit: build_summary(2015, 2019, unit))
        print(
            f"[{db}] summary 2015–2019, {label}: {total:.0f} ms; bare GROUP BY {floor:.0f} ms; "
            f"ratio {total / floor:.2f} (targets: ≤ 1.5, < 1000 ms)"
        )
    if pg and not args.keep:
        connection.close()
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS tdkt_bench_summary")


if __name__ == "__main__":
    main()
