"""Shared plumbing of the benchmarks: one child process per database, throwaway databases.

Settings are read once per process from the environment, so each backend is measured in a
child process started with its own ``TDKT_DATA_DIR`` / ``DATABASE_URL``. On PostgreSQL the
benchmarks never touch the database named in ``DATABASE_URL``: they create a sibling database
(``<name>_bench_<suffix>``) on the same server and drop it afterwards unless asked to keep it.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULT_PREFIX = "BENCH-RESULT "


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def child_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TDKT_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"  # stream the child's progress
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_child(script: Path, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run *script* ``--child`` with *args*; stream its output; return its result line."""
    proc = subprocess.Popen(
        [sys.executable, str(script), "--child", *args],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    result: dict[str, Any] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX) :])
        else:
            print("    " + line, end="", flush=True)
    if proc.wait() != 0:
        raise SystemExit(f"{script.name} child failed (exit {proc.returncode})")
    return result


def emit(result: dict[str, Any]) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def _admin_dsn(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, parts.fragment))


def sibling_url(url: str, suffix: str) -> str:
    name = urlsplit(url).path.lstrip("/") or "postgres"
    return _admin_dsn(url, f"{name}_bench_{suffix}")


def pg_database_exists(url: str) -> bool:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = _admin_dsn(url, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


@contextlib.contextmanager
def pg_throwaway(url: str, *, keep: bool = False, reuse: bool = False) -> Iterator[str]:
    """A database next to *url*'s, created empty (or reused), dropped afterwards unless *keep*."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    admin = _admin_dsn(url, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reuse:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url
    finally:
        if not keep:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def run_on_databases(
    script: Path,
    passthrough: list[str],
    slug: str,
    *,
    only: str | None,
    keep: bool = False,
    sqlite_dir: Path | None = None,
) -> dict[str, dict[str, Any]]:
    """Run *script* as a child on SQLite, then on PostgreSQL when DATABASE_URL names one.

    SQLite uses *sqlite_dir* (kept, so a built data set is reused) or a temporary directory;
    PostgreSQL a throwaway database next to DATABASE_URL's (kept and reused with *keep*).
    """
    results: dict[str, dict[str, Any]] = {}
    if only in (None, "sqlite"):
        if sqlite_dir is None:
            with tempfile.TemporaryDirectory(prefix=f"tdkt-bench-{slug}-") as tmp:
                print("SQLite (temporary directory) …")
                results["SQLite"] = run_child(script, passthrough, child_env(Path(tmp), None))
        else:
            sqlite_dir.mkdir(parents=True, exist_ok=True)
            print(f"SQLite ({sqlite_dir}) …")
            results["SQLite"] = run_child(script, passthrough, child_env(sqlite_dir, None))
    url = os.environ.get("DATABASE_URL")
    if only in (None, "postgresql") and url and url.startswith("postgres"):
        with pg_throwaway(sibling_url(url, slug), keep=keep, reuse=keep) as db_url:
            print(f"PostgreSQL ({db_url.rsplit('/', 1)[-1]}) …")
            with tempfile.TemporaryDirectory(prefix=f"tdkt-bench-{slug}-") as tmp:
                results["PostgreSQL"] = run_child(script, passthrough, child_env(Path(tmp), db_url))
    elif only == "postgresql":
        raise SystemExit("Set DATABASE_URL=postgres://… to measure PostgreSQL.")
    return results


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f} (1/5 min; {os.cpu_count()} CPUs)"


def timed_runs(fn: Callable[[], Any], runs: int, warmup: int = 2) -> list[float]:
    """Milliseconds of *runs* calls of *fn* after *warmup* untimed ones."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)
