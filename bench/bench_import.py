"""Import N award rows from XLSX; print the time and its ratio to python-calamine's parse alone.

    python bench/bench_import.py [--rows 1000000] [--keep FILE]

Runs on a fresh SQLite database in a temporary data directory, or on the PostgreSQL database
named by DATABASE_URL (a throwaway database ``tdkt_bench_import`` is created and dropped).
Target (issue 3): ratio ≤ 3.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hương",
    "Lan",
    "Hà",
    "Tâm",
    "Hải",
    "Linh",
    "Nam",
    "Phương",
    "Quân",
    "Trang",
    "Tuấn",
    "Yến",
    "Thảo",
    "Hùng",
    "Mai",
    "Sơn",
]


def make_xlsx(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic award list: ~12 awards per person over 2011–2025, ~300 units."""
    import xlsxwriter

    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Danh sách")
    from tdkt.imports.export import HEADERS

    ws.write_row(0, 0, HEADERS)
    people = max(1, rows // 12)
    units = [f"DV{n:03d}" for n in range(300)]
    r = 0
    for pid in range(people):
        name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
        unit = units[pid % len(units)]
        sex = "Nữ" if "Thị" in name else rnd.choice(["Nam", "Nữ"])
        born = rnd.randint(1960, 2000)
        for k in range(12):
            if r >= rows:
                break
            year = 2011 + (k + pid) % 15
            code = "Lao động tiên tiến" if k % 6 else "Giấy khen của Giám đốc Sở"
            number = f"{units.index(unit) + 1}/QĐ-SNV"
            ws.write_row(
                r + 1,
                0,
                [
                    r + 1,
                    "Cá nhân",
                    name,
                    f"NV{pid:07d}",
                    sex,
                    born,
                    "Chuyên viên",
                    unit,
                    code,
                    year,
                    number,
                    f"15/01/{year + 1}",
                    "Giám đốc Sở",
                    "",
                ],
            )
            r += 1
        if r >= rows:
            break
    wb.close()


def calamine_parse(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_index(0).to_python()
    assert len(rows) > 1
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--keep", help="reuse/keep the generated XLSX at this path")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    os.environ["TDKT_DATA_DIR"] = str(tmp)
    pg = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if pg:
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        os.environ["DATABASE_URL"] = f"{base}/tdkt_bench_import"
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS tdkt_bench_import")
            c.execute("CREATE DATABASE tdkt_bench_import")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    path = Path(args.keep) if args.keep else tmp / "awards.xlsx"
    if not path.exists():
        t = time.perf_counter()
        make_xlsx(path, args.rows)
        print(
            f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f} s "
            f"({path.stat().st_size / 1e6:.1f} MB)"
        )
    from django.core.management import call_command

    from tdkt.imports.loader import import_awards

    call_command("migrate", verbosity=0)
    floor = statistics.median(calamine_parse(path) for _ in range(3))
    t = time.perf_counter()
    report = import_awards(path, max_bytes=1 << 30)
    total = time.perf_counter() - t
    if not report.ok:
        print("\n".join(str(e) for e in report.errors[:10]), file=sys.stderr)
        raise SystemExit(1)
    print(report.summary())
    db = "PostgreSQL" if pg else "SQLite"
    print(
        f"[{db}] import {args.rows:,} rows: {total:.1f} s; calamine parse alone: "
        f"{floor:.2f} s; ratio {total / floor:.2f} (target ≤ 3)"
    )


if __name__ == "__main__":
    main()
