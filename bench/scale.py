"""Does the Today page cost the same with 10 000 users as with 100? PostgreSQL, seeded in bulk.

    .venv/bin/python bench/scale.py [--users 10000] [--quick] [--runs 30]

A throwaway database on 127.0.0.1:5432 (dropped afterwards) and a fresh data directory. Users
come in stages (100, then --users; --quick: 100, then 1000), each with a year of daily use
written by `INSERT … SELECT … FROM generate_series(…)`, one statement per table and day so that
one person's rows lie scattered among everyone else's, as they do after a year of real use:
journal entries (about one a day), urges, a no-contact period with a few slips, check-ins,
three habits with their checks, reminder notes and a monthly unsent letter. Encrypted columns
hold one Fernet token per column, made once by the app's own field, so every row decrypts.

After each stage (and VACUUM (ANALYZE), so autovacuum stays quiet while we measure), for the
first user, whose rows are the same in every stage: the SQL query count and the median time
(and the fastest, and the part spent in SQL) of `recouple.dashboard.summary.build(user)`, of the
Today page through Django's test client (signed in with force_login) and of the dashboard API,
taken in turns so a busy machine's noise falls on all three alike; then `EXPLAIN (ANALYZE,
BUFFERS)` of every query the Today page runs, with its top plan node, the scans it uses and its
time. A Seq Scan on a table of 10 000 rows or more is counted: such a query's cost grows with
everyone's data, not only this user's. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402  (bench/pages.py: the throwaway database, clean stops)

if TYPE_CHECKING:
    from recouple.accounts.models import User

NAME = "bench/scale.py"
DAYS = 365
BIG = 10_000  # rows: a Seq Scan on a table this big reads other people's data
WARMUP = 3
PAGE = "/today/"
API = "/api/v1/dashboard"

# The text behind each encrypted column's one token, by model and field.
SAMPLES = {
    ("accounts.User", "ex_name"): "",
    ("journal.Entry", "emotions"): "lonely,hopeful",
    ("journal.Entry", "text"): "Walked by the river and called my sister.",
    ("nocontact.Period", "reasons"): "To heal, and to see clearly again.",
    ("nocontact.Contact", "note"): "",
    ("nocontact.Urge", "trigger"): "a song on the radio",
    ("nocontact.Urge", "instead"): "went for a walk",
    ("nocontact.Letter", "body"): "Dear you, I am writing this instead of texting.",
    ("growth.Goal", "title"): "Sleep and move",
    ("growth.Goal", "why"): "",
    ("growth.Habit", "name"): "Walk",
    ("reminders.Notification", "title"): "Time for your check-in",
    ("reminders.Notification", "body"): "How did today go?",
}

# Once per stage: the new users and what each has once.
PER_USER = (
    """
    INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,
        is_staff, is_active, date_joined, email, time_zone, country, ex_name, use_ex_name,
        privacy_accepted_at, quiet_mode, reminder_time, email_reminders)
    SELECT %(password)s, false, 'scale' || lpad(n::text, 6, '0'), '', '', false, true,
        %(joined)s, '', 'UTC', '', %(user_ex_name)s, false, %(joined)s, true, '20:00', false
    FROM generate_series(%(first_user)s, %(last_user)s) AS n ORDER BY n
    """,
    """
    INSERT INTO growth_goal (user_id, area, title, why, created)
    SELECT id, 'health', %(goal_title)s, %(goal_why)s, %(joined)s
    FROM accounts_user WHERE id > %(after)s ORDER BY id
    """,
    """
    INSERT INTO growth_habit (user_id, goal_id, name, weekdays, started_on, archived, created)
    SELECT g.user_id, g.id, %(habit_name)s, w.days, %(first)s, false, %(joined)s
    FROM growth_goal g CROSS JOIN (VALUES ('0123456'), ('024'), ('6')) AS w(days)
    WHERE g.user_id > %(after)s ORDER BY g.user_id
    """,
    """
    INSERT INTO nocontact_period (user_id, started_on, target_days, reasons, broke_before,
        blocked, told_them, limited_contact, created)
    SELECT id, %(first)s + (id %% 60)::int, 60, %(period_reasons)s, false, false, false, false,
        %(joined)s
    FROM accounts_user WHERE id > %(after)s ORDER BY id
    """,
    # About six slips a person, half of them a look at the ex's social media.
    """
    INSERT INTO nocontact_contact (period_id, at, day, channel, they_started, replied,
        logistics, note, counter, is_slip)
    SELECT id, (day + time '12:00') AT TIME ZONE 'UTC', day,
        CASE WHEN k %% 2 = 0 THEN 'text' ELSE 'social_media' END, false, k %% 2 = 0, false,
        %(contact_note)s, CASE WHEN k %% 2 = 0 THEN 'contact' ELSE 'social' END, true
    FROM (
        SELECT p.id, k, p.started_on + floor(random() * (%(today)s - p.started_on))::int AS day
        FROM nocontact_period p CROSS JOIN generate_series(1, 6) AS k
        WHERE p.user_id > %(after)s
    ) AS slips ORDER BY day
    """,
)

# Once per stage and day, for every new user.
PER_DAY = {
    "journal_entry": """
        INSERT INTO journal_entry (user_id, day, written_at, mood, emotions, prompt, text)
        SELECT id, %(day)s, %(evening)s + random() * interval '3 hours',
            1 + floor(random() * 5)::int, %(entry_emotions)s, '', %(entry_text)s
        FROM accounts_user WHERE id > %(after)s AND random() < 0.9
        """,
    "nocontact_urge": """
        INSERT INTO nocontact_urge (user_id, at, day, intensity, trigger, instead, passed)
        SELECT id, %(noon)s + random() * interval '10 hours', %(day)s,
            1 + floor(random() * 10)::int, %(urge_trigger)s, %(urge_instead)s, random() < 0.8
        FROM accounts_user CROSS JOIN generate_series(1, 2) AS k
        WHERE id > %(after)s AND random() < 0.3
        """,
    "nocontact_checkin": """
        INSERT INTO nocontact_checkin (user_id, day, boundary, kept, at)
        SELECT id, %(day)s, 'no_social', random() < 0.9, %(evening)s
        FROM accounts_user WHERE id > %(after)s AND random() < 0.5
        """,
    "growth_check": """
        INSERT INTO growth_check (habit_id, day, mark, at)
        SELECT id, %(day)s, CASE WHEN random() < 0.85 THEN 'done' ELSE 'skipped' END,
            %(evening)s
        FROM growth_habit
        WHERE user_id > %(after)s AND strpos(weekdays, %(weekday)s) > 0 AND random() < 0.75
        """,
    # A check-in reminder on about one day in three; all read but the last few days'.
    "reminders_notification": """
        INSERT INTO reminders_notification (user_id, key, kind, title, body, due_at, created,
            read_at)
        SELECT id, %(note_key)s, 'checkin', %(notification_title)s, %(notification_body)s,
            %(evening)s, %(evening)s, %(read_at)s
        FROM accounts_user WHERE id > %(after)s AND random() < 0.35
        """,
    "nocontact_letter": """
        INSERT INTO nocontact_letter (user_id, written_at, body, reopen_on)
        SELECT id, %(evening)s + interval '2 hours', %(letter_body)s, %(reopen)s
        FROM accounts_user WHERE id > %(after)s AND %(letter_day)s
        """,
}
TABLES = ("accounts_user", *PER_DAY, "growth_habit", "nocontact_contact", "nocontact_period")


# Seeding.


def tokens() -> dict[str, str]:
    """One Fernet token per encrypted column, made by the column's own field."""
    from django.apps import apps
    from django.db import connection

    made = {}
    for (label, name), text in SAMPLES.items():
        model = apps.get_model(label)
        key = f"{model.__name__.lower()}_{name}"
        made[key] = model._meta.get_field(name).get_db_prep_save(text, connection)
    return made


def seed(first_user: int, last_user: int, today: date) -> float:
    """Users ``first_user``…``last_user`` (numbers) with a year each; the seconds it took."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    started = time.perf_counter()
    first = today - timedelta(days=DAYS - 1)
    with transaction.atomic(), connection.cursor() as cursor:
        # The rows are built to fit their foreign keys: skip checking each (superuser only).
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SELECT setseed(%s)", [first_user / (last_user + 1)])
        cursor.execute("SELECT coalesce(max(id), 0) FROM accounts_user")
        (after,) = cursor.fetchone() or (0,)
        params: dict[str, Any] = {
            **tokens(),
            "password": make_password(None),
            "joined": datetime.combine(first, datetime.min.time(), UTC),
            "first_user": first_user,
            "last_user": last_user,
            "after": after,
            "first": first,
            "today": today,
        }
        for statement in PER_USER:
            cursor.execute(statement, params)
        # An index built once at the end is quicker than one kept up row by row; the unique
        # ones stay, as constraints.
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s) AND NOT i.indisprimary AND NOT i.indisunique",
            [list(PER_DAY)],
        )
        indexes = cursor.fetchall()
        for index, _definition in indexes:
            cursor.execute(f"DROP INDEX {index}")
        for offset in range(DAYS):
            day = first + timedelta(days=offset)
            evening = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=20)
            params |= {
                "day": day,
                "noon": evening - timedelta(hours=8),
                "evening": evening,
                "weekday": str(day.weekday()),
                "note_key": f"checkin:{day.isoformat()}",
                "read_at": None if (today - day).days < 3 else evening + timedelta(hours=1),
                "reopen": day + timedelta(days=30),
                "letter_day": (today - day).days % 30 == 15,
            }
            for statement in PER_DAY.values():
                cursor.execute(statement, params)
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _index, definition in indexes:
            cursor.execute(definition)
    return time.perf_counter() - started


def analyze() -> float:
    """VACUUM (ANALYZE): fresh statistics, and nothing left for autovacuum to do while we
    measure (it would take one of the two cores for a minute after a bulk load)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def row_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            row = cursor.fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts


def big_tables() -> set[str]:
    """Tables with at least BIG rows, as the planner sees them after ANALYZE."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace AND reltuples >= %s",
            [BIG],
        )
        return {name for (name,) in cursor.fetchall()}


def check_decryption(user: User) -> None:
    """Every encrypted column reads back as the text its token was made from."""
    from django.apps import apps

    owner = {
        "accounts.User": {"pk": user.pk},
        "nocontact.Contact": {"period__user": user},
    }
    for (label, name), text in SAMPLES.items():
        model = apps.get_model(label)
        row = model._default_manager.filter(**owner.get(label, {"user": user})).first()
        if row is None or getattr(row, name) != text:
            raise SystemExit(f"{NAME}: {label}.{name} does not read back as seeded")


# Measuring.


@dataclass
class Timing:
    """Milliseconds per run: the whole of it, and the part spent waiting on SQL."""

    wall: list[float]
    sql: list[float]
    queries: list[str]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def fastest(self) -> float:
        return min(self.wall)

    @property
    def sql_median(self) -> float:
        return statistics.median(self.sql)


class SqlClock:
    """A database execute wrapper that adds up the time spent in each query."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(*args)
        finally:
            self.seconds += time.perf_counter() - start


def timed(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, Timing]:
    """A few runs of each to warm up (the day's reminders are made on the first), one to
    capture its queries, then ``runs`` timed rounds, each action in turn, so that the noise of
    a busy machine falls on all of them alike."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    found = {}
    for name, action in actions.items():
        for _ in range(WARMUP):
            action()
        reset_queries()  # as each request does: a capture counts from an empty log
        with CaptureQueriesContext(connection) as captured:
            action()
        # Read now: the list is a view of a log that the next request empties.
        found[name] = Timing([], [], [str(q["sql"]) for q in captured.captured_queries])
    for _ in range(runs):
        for name, action in actions.items():
            clock = SqlClock()
            with connection.execute_wrapper(clock):
                start = time.perf_counter()
                action()
                found[name].wall.append((time.perf_counter() - start) * 1000)
            found[name].sql.append(clock.seconds * 1000)
    return found


@dataclass
class Explained:
    sql: str
    top: str
    scans: list[str]
    seq_big: list[str]
    ms: float
    hit: int
    read: int


@dataclass
class Stage:
    users: int
    seed_s: float
    analyze_s: float
    load: float
    rows: dict[str, int]
    timings: dict[str, Timing]
    plans: list[Explained]

    @property
    def seq_big(self) -> int:
        return sum(len(p.seq_big) for p in self.plans)


def nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", ()):
        yield from nodes(child)


def describe(node: dict[str, Any]) -> str:
    text = str(node["Node Type"])
    if "Index Name" in node:
        text += f" using {node['Index Name']}"
    if "Relation Name" in node:
        text += f" on {node['Relation Name']}"
    return text


def explain(sql: str, big: set[str]) -> Explained:
    """EXPLAIN (ANALYZE, BUFFERS) in a transaction rolled back, so writes leave no trace."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        row = cursor.fetchone()
        transaction.set_rollback(True)
    assert row is not None
    result = row[0][0]
    plan = result["Plan"]
    scans = [describe(n) for n in nodes(plan) if "Scan" in n["Node Type"]]
    seq_big = [
        n["Relation Name"]
        for n in nodes(plan)
        if n["Node Type"] == "Seq Scan" and n.get("Relation Name") in big
    ]
    return Explained(
        sql=sql,
        top=describe(plan),
        scans=scans,
        seq_big=seq_big,
        ms=float(result["Planning Time"]) + float(result["Execution Time"]),
        hit=int(plan.get("Shared Hit Blocks", 0)),
        read=int(plan.get("Shared Read Blocks", 0)),
    )


def measure(users: int, seed_s: float, analyze_s: float, runs: int) -> Stage:
    from django.test import Client

    from recouple.accounts.models import ApiToken, User
    from recouple.dashboard.summary import build

    user = User.objects.order_by("pk").first()
    assert user is not None
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    bearer = {"Authorization": f"Bearer {ApiToken.issue(user)}"}

    def page() -> None:
        if (status := client.get(PAGE).status_code) != 200:
            raise SystemExit(f"{NAME}: GET {PAGE} answered {status}")

    def api() -> None:
        if (status := client.get(API, headers=bearer).status_code) != 200:
            raise SystemExit(f"{NAME}: GET {API} answered {status}")

    load = os.getloadavg()[0]
    actions: dict[str, Callable[[], object]] = {
        "build(user)": lambda: build(user),
        f"GET {PAGE}": page,
        f"GET {API}": api,
    }
    timings = timed(actions, runs)
    big = big_tables()
    page_sql = timings[f"GET {PAGE}"].queries
    plans = [explain(sql, big) for sql in page_sql if not sql.startswith(("SAVEPOINT", "RELEASE"))]
    return Stage(users, seed_s, analyze_s, load, row_counts(), timings, plans)


# Printing.


def short(sql: str) -> str:
    sql = re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql, count=1, flags=re.S)
    sql = re.sub(r"\s+", " ", sql.replace('"', ""))
    return sql if len(sql) <= 150 else sql[:149] + "…"


def print_stage(stage: Stage, runs: int) -> None:
    rows = stage.rows
    print(
        f"{stage.users} users: {sum(rows.values()):,} rows seeded in {stage.seed_s:.1f} s, "
        f"VACUUM (ANALYZE) {stage.analyze_s:.1f} s"
    )
    print("  " + ", ".join(f"{table} {count:,}" for table, count in rows.items()))
    print(
        f"  the first user, {runs} runs (test client, in this process; "
        f"load average {stage.load:.1f} on {os.cpu_count()} cores):"
    )
    print(f"    {'':<24}{'median ms':>10}{'fastest':>9}{'SQL ms':>8}{'queries':>9}")
    for name, timing in stage.timings.items():
        print(
            f"    {name:<24}{timing.median:>10.2f}{timing.fastest:>9.2f}"
            f"{timing.sql_median:>8.2f}{len(timing.queries):>9}"
        )
    print(f"  EXPLAIN (ANALYZE, BUFFERS) of each query of GET {PAGE}:")
    print(f"  {'#':>3}{'ms':>8}{'hit':>6}{'read':>6}  top plan node; scans; SQL")
    for number, plan in enumerate(stage.plans, 1):
        flag = f"  SEQ SCAN ON BIG TABLE: {', '.join(plan.seq_big)}" if plan.seq_big else ""
        print(f"  {number:>3}{plan.ms:>8.3f}{plan.hit:>6}{plan.read:>6}  {plan.top}{flag}")
        inner = [s for s in plan.scans if s != plan.top]
        if inner:
            print(f"{'':>27}scans: {'; '.join(inner)}")
        print(f"{'':>27}{short(plan.sql)}")
    total = sum(p.ms for p in stage.plans)
    print(f"  {'':>3}{total:>8.3f}  in all (planning and execution, as EXPLAIN ANALYZE saw it)")


def print_table(stages: list[Stage]) -> None:
    names = list(stages[0].timings)
    print(
        f"{'users':>7}{'big-table rows':>16}{'entries':>11}{'urges':>11}{'checks':>11}"
        f"{'build ms':>10}{'page ms':>9}{'fastest':>9}{'api ms':>8}{'page SQL':>10}"
        f"{'EXPLAIN':>9}{'queries':>10}{'seq big':>9}"
    )
    for s in stages:
        big = sum(count for count in s.rows.values() if count >= BIG)
        build, page, api = (s.timings[name] for name in names)
        print(
            f"{s.users:>7}{big:>16,}{s.rows['journal_entry']:>11,}"
            f"{s.rows['nocontact_urge']:>11,}{s.rows['growth_check']:>11,}"
            f"{build.median:>10.2f}{page.median:>9.2f}{page.fastest:>9.2f}{api.median:>8.2f}"
            f"{page.sql_median:>10.2f}{sum(p.ms for p in s.plans):>9.2f}"
            f"{f'{len(build.queries)}/{len(page.queries)}/{len(api.queries)}':>10}"
            f"{s.seq_big:>9}"
        )
    if len(stages) > 1:
        first, last = stages[0], stages[-1]
        ratios = ", ".join(
            f"{name} {last.timings[name].median / first.timings[name].median:.2f}×"
            for name in names
        )
        explained = sum(p.ms for p in last.plans) / sum(p.ms for p in first.plans)
        print(
            f"{last.users / first.users:g}× the users: {ratios} the median; "
            f"the page's queries {explained:.2f}× (EXPLAIN ANALYZE)"
        )
    print(
        "ms: medians but 'fastest' (the page's quickest run); page SQL: time waiting on queries "
        "in GET /today/ (median); EXPLAIN: the server's own time for those queries; "
        "queries: build/page/api; seq big: Seq Scans on tables of 10 000+ rows in the plans"
    )


def run(stages: tuple[int, ...], runs: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils.timezone import now

    from recouple.accounts.models import User

    if connection.vendor != "postgresql":
        raise SystemExit(f"{NAME}: the settings chose {connection.vendor}, not PostgreSQL")
    call_command("migrate", interactive=False, verbosity=0)
    version = connection.cursor().connection.info.server_version
    print(f"PostgreSQL {version // 10000}.{version % 10000}, {DAYS} days a user, {runs} runs")
    today = now().date()  # every seeded user lives in UTC
    done: list[Stage] = []
    made = 0
    for users in stages:
        seed_s = seed(made + 1, users, today)
        analyze_s = analyze()
        if not made:
            first = User.objects.order_by("pk").first()
            assert first is not None
            check_decryption(first)
            print("every encrypted column decrypts to its sample text")
        made = users
        print()
        done.append(measure(users, seed_s, analyze_s, runs))
        print_stage(done[-1], runs)
        sys.stdout.flush()
    print()
    print_table(done)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000, help="users in the last stage")
    parser.add_argument("--quick", action="store_true", help="stages of 100 and 1000 users")
    parser.add_argument("--runs", type=int, default=30, help="timed runs for each median")
    args = parser.parse_args()
    if args.users < 1 or args.runs < 1:
        parser.error("--users and --runs must be at least 1")
    stages = (100, 1000) if args.quick else tuple(sorted({min(100, args.users), args.users}))
    signal.signal(signal.SIGTERM, pages.interrupt)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="recouple-scale-") as data_dir,
            pages.throwaway_postgres() as url,
        ):
            os.environ.update(
                RECOUPLE_DATA_DIR=data_dir,
                RECOUPLE_DEBUG="false",
                DATABASE_URL=url,
                DJANGO_SETTINGS_MODULE="recouple.settings",
            )
            try:
                run(stages, args.runs)
            finally:
                from django.db import connections

                connections.close_all()
    except KeyboardInterrupt:
        print(f"{NAME}: stopped.", file=sys.stderr)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
