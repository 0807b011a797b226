"""How fast are the busiest pages after two years of daily use? Latency and SQL queries.

    .venv/bin/python bench/pages.py [--db sqlite|postgres|both] [--requests 60] [--warmup 5]

For each database: a fresh data directory (and, for PostgreSQL, a throwaway database on
127.0.0.1:5432, dropped afterwards), migrations, one user with two years of seeded history
(tests/history.py) and the statistics a database that old has (ANALYZE), and the real WSGI
app under waitress on a free local port. A signed-in client fetches the pages round-robin,
so noise falls on all of them alike; the saved-drafts list (empty for this user: the layout,
the session and one query) is the baseline. Query counts come from Django's test client in
the same process. Figures only; nothing is asserted.

Settings are read once per interpreter, so each database is measured in a fresh one (this
script, started again with --worker); the parent owns the scratch data and always removes it.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recouple.accounts.models import User

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # recouple, and tests.history for the seed

# A minimal signed-in page: the layout and one small query. (Settings is not minimal: its
# time-zone menu has about 600 options.)
BASELINE = "/before-you-send/drafts/"
PAGES = (BASELINE, "/today/", "/path/", "/journal/")
DAYS = 730
POSTGRES = "postgres://postgres@127.0.0.1:5432"
VENDORS = {"sqlite": "sqlite", "postgres": "postgresql"}
NAME = "bench/pages.py"


# The parent: scratch data per database, one fresh interpreter each.


def interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the run as Ctrl+C does, scratch data removed."""
    raise KeyboardInterrupt


@contextlib.contextmanager
def uninterruptible() -> Iterator[None]:
    """A second Ctrl+C while cleaning up must not leave a database behind."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A new, empty database; dropped on the way out, open connections and all."""
    import psycopg
    from psycopg import sql

    name = f"recouple_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        raise SystemExit(f"{NAME}: PostgreSQL is not reachable at {POSTGRES}: {exc}") from None
    with admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            yield f"{POSTGRES}/{name}"
        finally:
            with uninterruptible():
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def run_worker(db: str, args: argparse.Namespace) -> int:
    with (
        tempfile.TemporaryDirectory(prefix="recouple-bench-") as data_dir,
        contextlib.ExitStack() as scratch,
    ):
        env = {
            **os.environ,
            "RECOUPLE_DATA_DIR": data_dir,
            "RECOUPLE_DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "recouple.settings",
        }
        env.pop("DATABASE_URL", None)
        if db == "postgres":
            env["DATABASE_URL"] = scratch.enter_context(throwaway_postgres())
        command = [sys.executable, __file__, "--worker", "--db", db]
        command += ["--requests", str(args.requests), "--warmup", str(args.warmup)]
        sys.stdout.flush()
        child = subprocess.Popen(command, env=env)
        try:
            status = child.wait()
        except KeyboardInterrupt:
            # Ctrl+C reaches the child too, but a SIGTERM sent to this process alone does not.
            with uninterruptible():
                child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
            raise
        return 128 - status if status < 0 else status  # killed by a signal: as a shell says


# The worker: one database, set up and measured in this interpreter.


@dataclass
class Timing:
    samples: list[float]
    size: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[int(0.95 * (len(ordered) - 1))]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would time another page: it surfaces as an error instead."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[float, int]:
    """Milliseconds for a whole response, body included, and the body's size."""
    start = time.perf_counter()
    try:
        with opener.open(url, timeout=60) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        where = exc.headers.get("Location", "")
        raise SystemExit(f"{NAME}: GET {url} answered {exc.code} {where}".rstrip()) from None
    return (time.perf_counter() - start) * 1000, len(body)


def signed_in(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    """Sign in through the login form, as a browser does; the cookies stay in the opener."""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/accounts/login/"
    with browser.open(login, timeout=60) as response:
        response.read()
    csrf = next((c.value for c in jar if c.name == "csrftoken"), None)
    if not csrf:
        raise SystemExit(f"{NAME}: the login page set no csrftoken cookie")
    form = {"username": username, "password": password, "csrfmiddlewaretoken": csrf}
    request = urllib.request.Request(
        login, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login}
    )
    with browser.open(request, timeout=60) as response:
        response.read()
    if not any(c.name == "sessionid" for c in jar):
        raise SystemExit(f"{NAME}: signing in through the login form did not work")
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


@contextlib.contextmanager
def serving() -> Iterator[str]:
    """The real WSGI app under waitress, as `recouple serve` runs it, on a free local port."""
    from waitress import create_server
    from waitress.wasyncore import close_all

    from recouple.wsgi import application

    channels: dict[int, Any] = {}
    server = create_server(
        application, map=channels, host="127.0.0.1", port=0, threads=8, ident="Recouple"
    )
    loop = threading.Thread(target=server.run, name="waitress", daemon=True)
    loop.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown(timeout=5)
        # Closed from inside the server's own loop, which then ends with nothing to watch.
        server.trigger.pull_trigger(lambda: close_all(channels, ignore_all=True))
        loop.join(timeout=5)


def measure(user: User, password: str, requests: int, warmup: int) -> dict[str, Timing]:
    samples: dict[str, list[float]] = {page: [] for page in PAGES}
    sizes: dict[str, int] = {}
    with serving() as url:
        opener = signed_in(url, user.get_username(), password)
        for round_ in range(warmup + requests):
            shift = round_ % len(PAGES)  # each page takes its turn first
            for page in PAGES[shift:] + PAGES[:shift]:
                ms, sizes[page] = fetch(opener, url + page)
                if round_ >= warmup:
                    samples[page].append(ms)
    return {page: Timing(samples[page], sizes[page]) for page in PAGES}


def count_queries(user: User) -> dict[str, int]:
    """SQL queries per page for a signed-in user, after one request to settle the session."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    counts: dict[str, int] = {}
    for page in PAGES:
        client.get(page)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page)
        if response.status_code != 200:
            raise SystemExit(f"{NAME}: test client GET {page} answered {response.status_code}")
        counts[page] = len(captured)
    return counts


def database_label(db: str) -> str:
    from django.db import connection

    if db == "postgres":
        version = connection.cursor().connection.info.server_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def worker(db: str, requests: int, warmup: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from tests.history import seed_history

    from recouple.accounts.models import User
    from recouple.assessment.models import Assessment

    if connection.vendor != VENDORS[db]:
        raise SystemExit(f"{NAME}: asked for {db}, but the settings chose {connection.vendor}")
    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(16)
    user = User.objects.create_account("bench", password, "Europe/Berlin")
    Assessment.for_user(user)
    data = seed_history(user, days=DAYS)
    # Two years of use leave a database with statistics (PostgreSQL's autovacuum analyzes a
    # table as it grows): the planner should know these tables are no longer empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    setup_s = time.perf_counter() - start
    timings = measure(user, password, requests, warmup)
    queries = count_queries(user)

    base = timings[BASELINE].median
    print(f"{database_label(db)}, waitress on 127.0.0.1 in this process")
    print(
        f"data: {DAYS} days, {data['entries']} entries, {data['urges']} urges, "
        f"{data['checks']} habit checks (migrate and seed {setup_s:.1f} s)"
    )
    print(f"{requests} requests a page, round-robin, after {warmup} warm-up rounds")
    print(f"{'page':<22}{'median ms':>11}{'p95 ms':>10}{'× baseline':>12}{'queries':>9}{'KB':>8}")
    for page, timing in timings.items():
        print(
            f"{page:<22}{timing.median:>11.2f}{timing.p95:>10.2f}{timing.median / base:>12.2f}"
            f"{queries[page]:>9}{timing.size / 1024:>8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")
    signal.signal(signal.SIGTERM, interrupt)
    try:
        if args.worker:
            worker(args.db, args.requests, args.warmup)
            return
        for number, db in enumerate(("sqlite", "postgres") if args.db == "both" else (args.db,)):
            if number:
                print()
            status = run_worker(db, args)
            if status:
                raise SystemExit(status)
    except KeyboardInterrupt:
        if not args.worker:
            print(f"{NAME}: stopped.", file=sys.stderr)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
