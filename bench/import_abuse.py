"""Can one account's import hurt everybody else? Save latency and server memory, on SQLite.

    .venv/bin/python bench/import_abuse.py [--rows 150000] [--at-cap 100000] [--saves-for 60]

1. Another user's saves while an import runs: a fresh data directory, two users; one imports
   with `recouple import` (the same import_user the Settings page runs) in a separate process,
   while this process saves a new urge through the JSON API for the other user, again and
   again, and times each save. First a file of --rows rows (refused by the row cap), then one
   at the cap (--at-cap rows: accepted, written in batches).
2. Peak memory of a server process taking a 50 MB hostile import: a fresh interpreter reads
   the file as the Settings page does, parses and imports it; its peak RSS (ru_maxrss) is
   printed for each kind of file.

Figures only; nothing is asserted. Scratch data is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]
RECOUPLE = str(Path(sys.executable).with_name("recouple"))
FIFTY_MB = 50 * 1024 * 1024 - 64  # just under the upload limit


def urge_rows(count: int, text: str = "a song on the radio") -> str:
    row = '{"id": %d, "day": "2026-01-01", "at": "2026-01-01T10:00:00+00:00", '
    row += '"intensity": 5, "trigger": "' + text + '", "instead": "", "passed": true}'
    return ",".join(row % n for n in range(count))


def export_text(rows: str, username: str) -> str:
    return (
        '{"format": "recouple-export", "version": 1, "profile": {"username": "'
        + username
        + '"}, "tables": {"nocontact.Urge": ['
        + rows
        + "]}}"
    )


def env_for(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "RECOUPLE_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    for name in ("DATABASE_URL", "RECOUPLE_EMAIL_HOST", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


def saves_during(data_dir: Path, export: Path, username: str, token: str, saves_for: float) -> None:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    latencies: list[float] = []
    importing = subprocess.Popen(
        [RECOUPLE, "import", str(export), "--user", username],
        env=env_for(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.perf_counter()
    failures = 0
    while importing.poll() is None and time.perf_counter() - started < saves_for:
        t0 = time.perf_counter()
        response = client.post(
            "/api/v1/urges",
            json.dumps({"intensity": 4, "trigger": "bench"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        latencies.append(time.perf_counter() - t0)
        if response.status_code != 201:
            failures += 1
        time.sleep(0.05)
    out, err = importing.communicate(timeout=600)
    took = time.perf_counter() - started
    verdict = (out.strip() or err.strip()).splitlines()[-1] if (out or err) else "?"
    if latencies:
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"  import took {took:.1f} s: {verdict}\n"
            f"  other user's saves during it: n={len(latencies)} failed={failures} "
            f"p50={statistics.median(latencies) * 1000:.0f} ms p99={p99 * 1000:.0f} ms "
            f"max={max(latencies) * 1000:.0f} ms"
        )
    else:
        print(f"  import took {took:.1f} s: {verdict} (over before a save could be timed)")


def latency(args: argparse.Namespace, scratch: Path) -> None:
    data_dir = scratch / "latency"
    data_dir.mkdir()
    os.environ["RECOUPLE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recouple.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test import Client

    from recouple.accounts.models import ApiToken, User

    bystander = User.objects.create_account("bystander", "a long enough password 9")
    token = ApiToken.issue(bystander)
    warm_up = Client(HTTP_HOST="localhost")
    for _ in range(3):  # the first request loads the app: not the import's doing
        warm_up.post(
            "/api/v1/urges",
            json.dumps({"intensity": 4}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
    for label, count in (("over the cap", args.rows), ("at the cap", args.at_cap)):
        export = scratch / f"export-{count}.json"
        username = f"importer-{count}"
        export.write_text(export_text(urge_rows(count), username))
        print(f"{count:,} rows ({label}, {export.stat().st_size / 1e6:.1f} MB):")
        saves_during(data_dir, export, username, token, args.saves_for)


MEMORY_WORKER = """
import sys
import django


def high_water_mb():
    # VmHWM is this process's own peak (ru_maxrss would carry over the parent's).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024

django.setup()
from recouple.accounts.models import User
from recouple.accounts.portability import ImportProblem, import_user, read_export
user = User.objects.get(username="importer")
baseline = high_water_mb()
try:
    # As the Settings page does: the upload's bytes are let go once parsed.
    with open(sys.argv[1], "rb") as upload:
        outcome = f"imported {import_user(user, read_export(upload))} rows"
except ImportProblem as exc:
    outcome = f"refused: {exc}"
except RecursionError:
    outcome = "RecursionError"
print(f"{baseline} {high_water_mb()} {outcome}")
"""


MAKE_IMPORTER = (
    "from recouple.accounts.models import User; "
    "from django.utils.timezone import now; "
    "User.objects.create_user(username='importer', password=None, privacy_accepted_at=now())"
)


def hostile_files(scratch: Path) -> dict[str, Path]:
    files = {}
    empty_lists = scratch / "empty-lists.json"
    empty_lists.write_bytes(b"[" + b"[]," * (FIFTY_MB // 3 - 1) + b"[]]")
    files["50 MB of empty lists"] = empty_lists
    deep = scratch / "deep.json"
    deep.write_bytes(b"[" * (FIFTY_MB // 2) + b"]" * (FIFTY_MB // 2))
    files["50 MB of nesting"] = deep
    empty_objects = scratch / "empty-objects.json"
    empty_objects.write_bytes(b'{"tables": [' + b"{}," * (FIFTY_MB // 3 - 5) + b"{}]}")
    files["50 MB of empty objects"] = empty_objects
    numbers = scratch / "numbers.json"
    numbers.write_bytes(b"[" + b"1," * (FIFTY_MB // 2 - 1) + b"1]")
    files["50 MB of tiny numbers"] = numbers
    # The largest file the caps let through: 100 000 rows of long text, just under 50 MB.
    text = "x" * 380
    rows = scratch / "rows-at-cap.json"
    rows.write_text(export_text(urge_rows(99_000, text), "importer"))
    files[f"{rows.stat().st_size / 1e6:.0f} MB at the row cap (99 000 urges)"] = rows
    wide = scratch / "wide-emoji.json"
    wide.write_text(export_text(urge_rows(99_000, "🌧" * 95), "importer"), encoding="utf-8")
    files[f"{wide.stat().st_size / 1e6:.0f} MB at the row cap, emoji text"] = wide
    return files


def memory(scratch: Path) -> None:
    for label, path in hostile_files(scratch).items():
        data_dir = scratch / f"memory-{path.stem}"
        data_dir.mkdir()
        # Migrated and with its user beforehand, as a serving process finds its database
        # (and Argon2's own 100 MB for hashing a password is not the import's).
        for command in (["migrate", "-v0"], ["shell", "-c", MAKE_IMPORTER]):
            subprocess.run(
                [RECOUPLE, "manage", *command],
                env=env_for(data_dir),
                check=True,
                timeout=300,
                capture_output=True,
            )
        done = subprocess.run(
            [sys.executable, "-c", MEMORY_WORKER, str(path)],
            env={**env_for(data_dir), "DJANGO_SETTINGS_MODULE": "recouple.settings"},
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode != 0:
            print(f"{label}: worker failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        baseline, peak, outcome = done.stdout.strip().split(" ", 2)
        print(f"{label}: peak RSS {peak} MB (before the upload: {baseline} MB); {outcome[:90]}")
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--at-cap", type=int, default=100_000)
    parser.add_argument("--saves-for", type=float, default=600.0, help="seconds at most")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="recouple-import-bench-"))
    try:
        if not args.skip_memory:
            print("Peak memory of one process taking a hostile import:")
            memory(scratch)
        if not args.skip_latency:
            print("Another user's saves while one user imports (SQLite):")
            latency(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
