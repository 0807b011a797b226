#!/usr/bin/env bash
# The long API fuzz: tests/test_fuzz_api.py with more examples per operation, then the totals.
#
#     bench/fuzz.sh [EXAMPLES] [pytest options…]      EXAMPLES: per operation, default 200
#
# Exits non-zero when the fuzz fails: a server error, a response that breaks the OpenAPI document
# or a refusal in the wrong shape that is not one of the known bugs (KNOWN_BUGS in the test file).
# Known bugs are counted and named, not failed: each has its own strict xfail in that file.
set -euo pipefail
cd "$(dirname "$0")/.."

examples="${1:-${FUZZ_EXAMPLES:-200}}"
if [ $# -gt 0 ]; then shift; fi
case "$examples" in
    '' | *[!0-9]*) echo "EXAMPLES must be a whole number, not '$examples'." >&2; exit 2 ;;
esac

stats="$(mktemp -t recouple-fuzz.XXXXXX)"
trap 'rm -f "$stats"' EXIT
started=$(date +%s)
set +e
FUZZ_EXAMPLES="$examples" FUZZ_STATS="$stats" \
    .venv/bin/pytest -q -p no:cacheprovider "tests/test_fuzz_api.py::test_api" "$@"
pytest_status=$?
set -e
seconds=$(($(date +%s) - started))

.venv/bin/python - "$stats" "$examples" "$seconds" "$pytest_status" <<'PY'
import collections
import json
import sys

path, examples, seconds, pytest_status = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rows = [json.loads(line) for line in open(path)]
statuses = collections.Counter(f"{row['status'] // 100}xx" for row in rows)
new = [(row, f) for row in rows for f in row["failures"] if not f["known"]]
known = collections.Counter(
    (f["code"], row["operation"]) for row in rows for f in row["failures"] if f["known"]
)


def split(found: list[bool]) -> str:
    return f"{found.count(False)}  (+{found.count(True)} from known bugs)"


server_errors = [
    all(f["known"] for f in row["failures"]) for row in rows if row["status"] >= 500
]
violations = [f["known"] for row in rows for f in row["failures"] if f["code"] == "ST108"]
other = [f for row, f in new if f["code"] != "ST108" and row["status"] < 500]
print()
print(f"examples per operation  {examples}")
print(f"operations              {len({row['operation'] for row in rows})}")
print(f"test cases              {len(rows)} in {seconds} s")
print(f"responses               {', '.join(f'{k} {n}' for k, n in sorted(statuses.items()))}")
print(f"server errors           {split(server_errors)}")
print(f"schema violations       {split(violations)}")
print(f"other failures          {len(other)}")
for (code, operation), n in sorted(known.items()):
    print(f"  known bug  {code}  {operation}  x{n}")
for row, f in new:
    print(f"  NEW        {f['code']}  {row['operation']}  {row['status']}  {f['title']}")
sys.exit(1 if new or pytest_status else 0)
PY
