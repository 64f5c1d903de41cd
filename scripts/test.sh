#!/usr/bin/env bash
# Quick start 2: set up and run every check: lint, migrations, rule cases, and the whole
# test suite on SQLite and on PostgreSQL (127.0.0.1:5432, user postgres, trust auth).
# PostgreSQL is skipped only if TDKT_SKIP_PG=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh test
export TDKT_DATA_DIR=${TDKT_DATA_DIR:-$(mktemp -d)}
B=.venv/bin

echo "== ruff"
$B/ruff check src tests bench
$B/ruff format --check src tests bench

echo "== migrations are committed"
$B/tdkt makemigrations --check --dry-run >/dev/null

echo "== rule cases"
$B/tdkt rules check tests/rules

echo "== tests on SQLite"
unset DATABASE_URL
$B/pytest -n 2 -p no:cacheprovider

if [ "${TDKT_SKIP_PG:-}" != 1 ]; then
  echo "== tests on PostgreSQL"
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
  # pytest-django creates and drops its own throwaway test_tdkt_ci_* databases.
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/tdkt_ci_$$" $B/pytest -n 2 -p no:cacheprovider
fi
