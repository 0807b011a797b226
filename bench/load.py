"""Many people at once against `recouple serve`: mixed traffic, latency, locks and leaks.

    .venv/bin/python bench/load.py [--db sqlite|postgres|both] [--users 50] [--threads 16]
        [--duration 30] [--history 90]

For each database: a fresh data directory (and, for PostgreSQL, a throwaway database on
127.0.0.1:5432, dropped afterwards), then `recouple manage shell` makes most of the users
directly, each with `--history` days of seeded use (tests/history.py) and an API token, because
sign-ups are limited to 10 an hour from one address; the last ten sign up through the API as
new users do and start a no-contact period. `recouple serve --threads 8` runs as a real
subprocess. Every user also signs in through the login form, for the pages.

Client threads then take turns being one user each (one thread per user at a time) for short
visits of a few requests: reads (the dashboard, the journal, the path), writes (journal
entries, urges, check-ins), the coach, and the Today, journal and path pages. Everything a
user writes carries their own canary; every response body is searched for anyone else's.

Printed: per kind of request and overall, the count, errors (any status other than the
expected one, or no answer), p50/p95/p99 latency and requests a second; the CPU time the server
process used (one process: its threads share one interpreter lock); how often the server logged
"database is locked"; and the number of cross-user leaks. Exits non-zero on any error, lock or
leak; the figures themselves are never asserted. The client threads share the machine with the
server and the database, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from queue import Queue
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (bench/pages.py: scratch databases, signing in through the form)

ROOT = pages.ROOT
NAME = "bench/load.py"
RECOUPLE = Path(sys.executable).with_name("recouple")
API_SIGNUPS = 10  # what the sign-up limit lets one address make in an hour
LOCKED = "database is locked"
# One password for everyone: hashing it (Argon2) takes about a second on a busy machine.
PASSWORD = secrets.token_urlsafe(16)
# Canaries and usernames: unique per user, so they can appear in no one else's response.
CANARY = re.compile(rb"canary-[0-9a-f]{16}|loaduser-[0-9a-f]{10}")

# Runs inside `recouple manage shell`: the users made directly, with history and a token each.
SETUP = """
import json, os, sys
spec = json.loads(os.environ["RECOUPLE_BENCH_SPEC"])
sys.path.insert(0, spec["root"])
from django.db import connection
from tests.history import seed_history
from recouple.accounts.models import ApiToken, User
from recouple.assessment.models import Assessment
from recouple.journal.models import Entry
from django.contrib.auth.hashers import make_password
hashed = make_password(spec["password"])  # Argon2 once: it takes a second a user
tokens = {}
for number, person in enumerate(spec["people"]):
    user = User.objects.create_account(person["username"], None, "Europe/Berlin")
    User.objects.filter(pk=user.pk).update(password=hashed)
    Assessment.for_user(user)
    seed_history(user, days=spec["days"], seed=number)
    Entry.objects.create(user=user, day=user.today(), mood=3, text=person["canary"] + " begins")
    tokens[person["username"]] = ApiToken.issue(user)
if connection.vendor == "postgresql":
    version = connection.cursor().connection.info.server_version
    label = f"PostgreSQL {version // 10000}.{version % 10000}"
else:
    import sqlite3
    label = f"SQLite {sqlite3.sqlite_version}"
found = {"vendor": connection.vendor, "label": label, "tokens": tokens}
print("RECOUPLE-BENCH " + json.dumps(found))
"""


@dataclass
class Person:
    username: str
    canary: str
    token: str = ""
    browser: urllib.request.OpenerDirector | None = None
    writes: int = 0


@dataclass(frozen=True)
class Action:
    kind: str
    method: str
    path: str
    weight: int
    expect: int
    body: Callable[[Person, random.Random], dict[str, Any]] | None = None


DRAFTS = (
    "Hi, I have been thinking about what happened and I'm sorry for my part in it.",
    "Please answer me, I can't stop thinking about you. You owe me that much.",
    "I hope you're doing well. No need to reply; I wanted to say thank you.",
)


def journal_body(person: Person, rng: random.Random) -> dict[str, Any]:
    person.writes += 1
    text = f"{person.canary} Walked by the river, then cooked. Note {person.writes}."
    return {"mood": rng.randint(1, 5), "emotions": ["calm"], "text": text}


def urge_body(person: Person, rng: random.Random) -> dict[str, Any]:
    return {"intensity": rng.randint(1, 10), "trigger": f"{person.canary} a song", "passed": True}


def checkin_body(person: Person, rng: random.Random) -> dict[str, Any]:
    return {"boundary": rng.choice(("no_sex", "no_social")), "kept": rng.random() < 0.9}


def coach_body(person: Person, rng: random.Random) -> dict[str, Any]:
    return {"text": f"{rng.choice(DRAFTS)} ({person.canary})"}


# Weights: mostly reading, as people use it; every write path and page in the mix.
ACTIONS = (
    Action("GET api dashboard", "GET", "/api/v1/dashboard", 6, 200),
    Action("GET api journal", "GET", "/api/v1/journal/entries", 4, 200),
    Action("GET api path", "GET", "/api/v1/path", 3, 200),
    Action("GET api urges", "GET", "/api/v1/urges", 1, 200),
    Action("POST api journal", "POST", "/api/v1/journal/entries", 3, 201, journal_body),
    Action("POST api urge", "POST", "/api/v1/urges", 2, 201, urge_body),
    Action("POST api check-in", "POST", "/api/v1/check-ins", 2, 200, checkin_body),
    Action("POST api coach", "POST", "/api/v1/coach/check", 2, 200, coach_body),
    Action("GET page /today/", "GET", "/today/", 4, 200),
    Action("GET page /journal/", "GET", "/journal/", 2, 200),
    Action("GET page /path/", "GET", "/path/", 1, 200),
)


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool


@dataclass
class Tally:
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    own_canary: int = 0


API = urllib.request.build_opener(pages.NoRedirect)


def call(
    base: str, person: Person, method: str, path: str, body: dict[str, Any] | None = None
) -> tuple[int, bytes]:
    """One request, bearer token for the API and the session cookie for pages; never raises."""
    headers = {}
    data = None
    if path.startswith("/api/"):
        opener = API
        if person.token:
            headers["Authorization"] = f"Bearer {person.token}"
    else:
        assert person.browser is not None
        opener = person.browser
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError as exc:  # refused, reset, timed out: no answer at all
        return 0, str(exc).encode()


def setup_call(base: str, person: Person, path: str, body: dict[str, Any], expect: int) -> bytes:
    status, answer = call(base, person, "POST", path, body)
    if status != expect:
        raise SystemExit(f"{NAME}: POST {path} answered {status}: {answer[:300]!r}")
    return answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


@contextlib.contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    """`recouple serve --threads 8` on a free port, stderr kept in ``log``; stopped after."""
    port = free_port()
    command = [str(RECOUPLE), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "wb") as errors:
        child = subprocess.Popen(
            [*command, "--threads", "8"], env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if child.poll() is not None:
                raise SystemExit(f"{NAME}: recouple serve stopped: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=5) as answer:
                    answer.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"{NAME}: recouple serve did not answer in 90 s") from None
                time.sleep(0.2)
        yield base, child.pid
    finally:
        with pages.uninterruptible():
            stop(child)


def make_people(count: int) -> list[Person]:
    return [
        Person(
            username=f"loaduser-{secrets.token_hex(5)}",
            canary=f"canary-{secrets.token_hex(8)}",
        )
        for _ in range(count)
    ]


def create_directly(env: dict[str, str], people: list[Person], days: int) -> str:
    """Users made in `recouple manage shell`, with history and a token; the database label."""
    spec = {
        "root": str(ROOT),
        "days": days,
        "password": PASSWORD,
        "people": [{"username": p.username, "canary": p.canary} for p in people],
    }
    done = subprocess.run(
        [str(RECOUPLE), "manage", "shell", "--no-imports", "-c", SETUP],
        env={**env, "RECOUPLE_BENCH_SPEC": json.dumps(spec)},
        capture_output=True,
        text=True,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RECOUPLE-BENCH ")), None)
    if done.returncode or line is None:
        raise SystemExit(f"{NAME}: making users failed: {done.stderr[-2000:]}")
    found = json.loads(line.split(" ", 1)[1])
    for person in people:
        person.token = found["tokens"][person.username]
    return f"{found['label']} ({found['vendor']})"


def sign_up(base: str, person: Person) -> None:
    """A new user, as the API makes one: sign up, start no contact, write a first entry."""
    body = {
        "username": person.username,
        "password": PASSWORD,
        "accept_privacy_notice": True,
        "time_zone": "America/New_York",
    }
    person.token = json.loads(setup_call(base, person, "/api/v1/auth/signup", body, 201))["token"]
    start = {"target_days": 45, "reasons": f"{person.canary} to heal"}
    setup_call(base, person, "/api/v1/no-contact", start, 201)
    entry = {"mood": 3, "text": f"{person.canary} the first day"}
    setup_call(base, person, "/api/v1/journal/entries", entry, 201)


def visit(
    base: str, person: Person, owners: dict[bytes, str], rng: random.Random, tally: Tally
) -> None:
    """A few requests as one person, checked for others' canaries, timed."""
    action = rng.choices(ACTIONS, weights=[a.weight for a in ACTIONS])[0]
    body = action.body(person, rng) if action.body else None
    start = time.perf_counter()
    status, answer = call(base, person, action.method, action.path, body)
    ms = (time.perf_counter() - start) * 1000
    ok = status == action.expect
    tally.samples.append(Sample(action.kind, ms, ok))
    if not ok:
        tally.failures.append(f"{action.kind} as {person.username}: {status} {answer[:200]!r}")
    own = False
    for found in set(CANARY.findall(answer)):
        owner = owners.get(found)
        if owner == person.username:
            own = True
        else:
            tally.leaks.append(f"{action.kind}: {person.username} saw {found.decode()} ({owner})")
    tally.own_canary += own


def client(
    base: str,
    idle: Queue[Person],
    owners: dict[bytes, str],
    deadline: float,
    seed: int,
    tally: Tally,
) -> None:
    rng = random.Random(seed)
    while time.perf_counter() < deadline:
        person = idle.get()
        try:
            for _ in range(rng.randint(3, 10)):
                if time.perf_counter() >= deadline:
                    break
                visit(base, person, owners, rng, tally)
        finally:
            idle.put(person)


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far (Linux); None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[round(share * (len(ordered) - 1))]


def report(samples: list[Sample], seconds: float) -> None:
    print(
        f"{'kind':<22}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}"
    )
    kinds = [a.kind for a in ACTIONS] + ["all"]
    for kind in kinds:
        chosen = [s for s in samples if kind in ("all", s.kind)]
        if not chosen:
            print(f"{kind:<22}{0:>7}")
            continue
        ordered = sorted(s.ms for s in chosen)
        errors = sum(not s.ok for s in chosen)
        if kind == "all":
            print("-" * 72)
        print(
            f"{kind:<22}{len(chosen):>7}{errors:>8}{percentile(ordered, 0.5):>9.1f}"
            f"{percentile(ordered, 0.95):>9.1f}{percentile(ordered, 0.99):>9.1f}"
            f"{len(chosen) / seconds:>8.1f}"
        )


def run(db: str, args: argparse.Namespace) -> int:
    """One database, start to finish; the number of problems found (0 is a pass)."""
    with (
        tempfile.TemporaryDirectory(prefix="recouple-load-") as scratch_dir,
        contextlib.ExitStack() as scratch,
    ):
        data_dir = Path(scratch_dir) / "data"
        env = {
            **os.environ,
            "RECOUPLE_DATA_DIR": str(data_dir),
            "RECOUPLE_DEBUG": "false",
            "RECOUPLE_SIGNUPS": "open",
            "DJANGO_SETTINGS_MODULE": "recouple.settings",
        }
        env.pop("DATABASE_URL", None)
        if db == "postgres":
            env["DATABASE_URL"] = scratch.enter_context(pages.throwaway_postgres())

        started = time.perf_counter()
        migrate = [str(RECOUPLE), "manage", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, env=env, check=True)
        people = make_people(args.users)
        split = len(people) - args.signups
        direct, newcomers = people[:split], people[split:]
        label = create_directly(env, direct, args.history)
        log = Path(scratch_dir) / "serve.stderr"
        with serving(env, log) as (base, pid):
            for person in newcomers:
                sign_up(base, person)
            with ThreadPoolExecutor(8) as pool:  # Argon2 on the server: a while each
                browsers = list(
                    pool.map(lambda p: pages.signed_in(base, p.username, PASSWORD), people)
                )
            for person, browser in zip(people, browsers, strict=True):
                person.browser = browser
            owners = {p.canary.encode(): p.username for p in people}
            owners |= {p.username.encode(): p.username for p in people}
            setup_s = time.perf_counter() - started

            # A round not timed: every user's first dashboard makes the reminders due today.
            with ThreadPoolExecutor(args.threads) as pool:
                list(pool.map(lambda p: call(base, p, "GET", "/today/"), people))

            idle: Queue[Person] = Queue()
            for person in random.Random(1).sample(people, len(people)):
                idle.put(person)
            tallies = [Tally() for _ in range(args.threads)]
            server_cpu = cpu_seconds(pid)
            client_cpu = time.process_time()
            start = time.perf_counter()
            deadline = start + args.duration
            threads = [
                threading.Thread(
                    target=client, args=(base, idle, owners, deadline, number, tallies[number])
                )
                for number in range(args.threads)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
            client_cpu = time.process_time() - client_cpu
            after = cpu_seconds(pid)
            server_cpu = None if after is None or server_cpu is None else after - server_cpu

        stderr_lines = log.read_text(errors="replace").splitlines()
        locks = sum(LOCKED in line for line in stderr_lines)
        queue_notes = sum("Task queue depth" in line for line in stderr_lines)
        other = [
            line for line in stderr_lines if LOCKED not in line and "Task queue depth" not in line
        ]
        samples = [s for t in tallies for s in t.samples]
        failures = [f for t in tallies for f in t.failures]
        leaks = [leak for t in tallies for leak in t.leaks]
        own = sum(t.own_canary for t in tallies)

        print(f"{label}, `recouple serve --threads 8` (pid {pid}) on 127.0.0.1")
        print(
            f"{args.users} users: {len(direct)} made in `recouple manage shell` with "
            f"{args.history} days of history, {len(newcomers)} signed up through the API; "
            f"setup {setup_s:.1f} s"
        )
        print(f"{args.threads} client threads, visits of 3-10 requests, {seconds:.1f} s")
        report(samples, seconds)
        busy = f"server {server_cpu:.1f} s, " if server_cpu is not None else ""
        print(
            f"CPU in those {seconds:.1f} s: {busy}these client threads {client_cpu:.1f} s "
            f"({os.cpu_count()} cores, shared with the database and other work; "
            f"load average {os.getloadavg()[0]:.1f})"
        )
        print(f'server stderr: "{LOCKED}" {locks} times; {len(other)} other lines', end="")
        print(f" (and {queue_notes} waitress queue-depth warnings)" if queue_notes else "")
        for line in other[:10]:
            print(f"  | {line[:200]}")
        print(f"cross-user leaks: {len(leaks)}")
        print(f"own canary seen in {own} of {len(samples)} responses")
        for problem in (failures[:10] + leaks[:10])[:15]:
            print(f"  ! {problem}")
        errors = sum(not s.ok for s in samples)
        return errors + locks + len(leaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--users", type=int, default=50, help="people using it at once")
    parser.add_argument("--threads", type=int, default=16, help="client threads")
    parser.add_argument("--duration", type=float, default=30, help="seconds of traffic")
    parser.add_argument("--history", type=int, default=90, help="days of seeded use per user")
    args = parser.parse_args()
    if args.threads < 1 or args.duration <= 0 or args.history < 1:
        parser.error("--threads must be at least 1, --duration and --history above 0")
    if args.users < args.threads:
        parser.error("--users must be at least --threads: a user is one thread at a time")
    if not RECOUPLE.exists():
        parser.error(f"{RECOUPLE} is missing: run this with the project's .venv/bin/python")
    args.signups = min(API_SIGNUPS, args.users)
    signal.signal(signal.SIGTERM, pages.interrupt)
    problems = 0
    try:
        for number, db in enumerate(("sqlite", "postgres") if args.db == "both" else (args.db,)):
            if number:
                print()
            sys.stdout.flush()
            problems += run(db, args)
    except KeyboardInterrupt:
        print(f"{NAME}: stopped.", file=sys.stderr)
        raise SystemExit(130) from None
    if problems:
        print(f"{NAME}: {problems} problems (errors, locks or leaks)", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
