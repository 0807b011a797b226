#!/bin/sh
# Kill the server in the middle of writes, round after round, and print the figures.
#   bash bench/crash.sh [ROUNDS] [bench/crash.py options]    (200 rounds by default)
# Exits non-zero if any acknowledged write was lost or any check failed.
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-200}
[ "$#" -gt 0 ] && shift
exec .venv/bin/python bench/crash.py --rounds "$rounds" "$@"
