#!/usr/bin/env bash
# Quick start 1: set up, load the demo province into ./var (SQLite) and serve it on
# http://127.0.0.1:8000 (printed with the demo accounts). Extra arguments go to `tdkt demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh
exec .venv/bin/tdkt demo "$@"
