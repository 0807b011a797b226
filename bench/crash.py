"""Does every write the API acknowledged survive the server being killed in the middle of writing?

    .venv/bin/python bench/crash.py [--rounds 200] [--writers 4] [--full-every 50] [--seed N]
                                    [--data-dir DIR] [--keep]

One data directory is shared by every round, so data accumulates. Each round starts
`recouple serve` on a free local port, in its own process group, and several writer threads
post journal entries, urges and unsent letters through the JSON API with a bearer token, each
with a unique canary text; every write answered 2xx is remembered with its id. After a random
50–500 ms the server process is killed with SIGKILL while the writes go on. Then:

- the SQLite file, opened directly and read-only (so the next server still does its own WAL
  recovery), must pass ``PRAGMA integrity_check``; every write acknowledged in any round must
  be there with exactly its text, decrypted with the data directory's keys; and every stored
  private text in those tables must decrypt;
- the next round's server reads the last round's writes back through the API: a journal entry
  and a letter by id, urges from their list. (The API keeps a letter's text sealed until its
  reopen day: the file and the export vouch for that text);
- every --full-every rounds and at the end, ``recouple export`` must hold every acknowledged
  write with its text, and at the end every journal entry and letter is fetched by id again.

Prints the figures and exits 1 if a write was lost or changed, the file failed its integrity
check, a text did not decrypt, or the server answered a write with a 5xx. The data directory
(and the server's log) is kept when something failed, or with --keep. The harness drives the
app from outside only: urllib, sqlite3 and the command line, no Django.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

NAME = "bench/crash.py"
RECOUPLE = [sys.executable, "-m", "recouple"]
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 60.0


@dataclass(frozen=True)
class Kind:
    """One kind of private write: where it is posted, and where its canary text is stored."""

    name: str
    route: str
    table: str  # in the SQLite file
    column: str  # the encrypted column that holds the canary
    encrypted: tuple[str, ...]  # every encrypted column of that table
    label: str  # in `recouple export`
    payload: Callable[[str, int], dict[str, Any]]


KINDS = (
    Kind(
        "journal",
        "/journal/entries",
        "journal_entry",
        "text",
        ("text",),
        "journal.Entry",
        lambda text, n: {"text": text, "mood": n % 5 + 1},
    ),
    Kind(
        "urge",
        "/urges",
        "nocontact_urge",
        "trigger",
        ("trigger", "instead"),
        "nocontact.Urge",
        lambda text, n: {"trigger": text, "instead": "a walk round the block", "intensity": n % 11},
    ),
    Kind(
        "letter",
        "/letters",
        "nocontact_letter",
        "body",
        ("body",),
        "nocontact.Letter",
        lambda text, n: {"body": text},
    ),
)
KIND = {kind.name: kind for kind in KINDS}


@dataclass(frozen=True)
class Write:
    """A write the server acknowledged with a 2xx: it must never go missing."""

    kind: str
    id: int
    text: str


def canary(run: str, round_no: int, writer: int, n: int) -> str:
    return f"canary {run} r{round_no:04d} w{writer} n{n:04d}: rain on the window ☕ — żółw"


# The server.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(data_dir: Path) -> dict[str, str]:
    """The caller's environment on one data directory, its keys and SQLite, nothing else."""
    env = {**os.environ, "RECOUPLE_DATA_DIR": str(data_dir)}
    for name in ("DATABASE_URL", "RECOUPLE_ENCRYPTION_KEYS", "RECOUPLE_SECRET_KEY"):
        env.pop(name, None)
    return env


def recouple(data_dir: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run one `recouple` command on ``data_dir``."""
    return subprocess.run(
        [*RECOUPLE, *args],
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Server:
    """`recouple serve` on a free port in its own process group; stop() always cleans up."""

    def __init__(self, data_dir: Path, log: Path) -> None:
        self.data_dir = data_dir
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> float:
        """Start and wait for /healthz; the seconds it took. A taken port is tried again."""
        began = time.perf_counter()
        for _attempt in range(3):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            with self.log.open("ab") as log:
                log.write(f"--- recouple serve --port {port}\n".encode())
                log.flush()
                self.process = subprocess.Popen(
                    [*RECOUPLE, "serve", "--host", "127.0.0.1", "--port", str(port)],
                    env=environment(self.data_dir),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            try:
                if self._healthy():
                    return time.perf_counter() - began
            except BaseException:
                self.stop()
                raise
            self.stop()
            if "address already in use" not in self.log_tail().lower():
                break
        raise RuntimeError(f"recouple serve did not start; its log ends:\n{self.log_tail()}")

    def _healthy(self) -> bool:
        """True once /healthz answers; False if the process ended first."""
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return True
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"recouple serve answered no /healthz in {START_TIMEOUT:.0f} s")

    def kill(self) -> None:
        """The crash: SIGKILL to the server process, in the middle of whatever it was doing."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.stop()

    def stop(self) -> None:
        """Kill whatever is left of the process group, then reap the server. Safe to repeat."""
        process = self.process
        if process is None:
            return
        if process.returncode is None:
            # Not reaped yet, so its pid (the group's id) cannot have been reused.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.process = None

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


# The API, with urllib only.


def call(base: str, method: str, path: str, token: str | None, body: Any = None) -> tuple[int, Any]:
    """(status, JSON answer) for one API request; errors in transport raise OSError."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}/api/v1{path}", data, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        answer = json.loads(raw) if raw else None
    except ValueError:
        answer = raw.decode(errors="replace")
    return status, answer


def signup(base: str) -> tuple[str, str]:
    """A new account; its username and API token."""
    username = f"crash-{secrets.token_hex(4)}"
    body = {
        "username": username,
        "password": secrets.token_urlsafe(18),
        "accept_privacy_notice": True,
    }
    status, answer = call(base, "POST", "/auth/signup", None, body)
    if status != 201:
        raise RuntimeError(f"sign-up answered {status}: {answer}")
    return username, str(answer["token"])


# One round: writers, and the kill in the middle of their writes.


@dataclass
class RoundLog:
    acknowledged: list[Write] = field(default_factory=list)
    attempted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server_errors: list[str] = field(default_factory=list)
    # Refusals (4xx) and transport errors before the kill: the harness or the app is wrong.
    unexpected: list[str] = field(default_factory=list)


def write(base: str, token: str, kind: Kind, text: str, n: int) -> tuple[int, Write | None, str]:
    """Post one write: (status, the acknowledged write or None, a note on failure)."""
    status, answer = call(base, "POST", kind.route, token, kind.payload(text, n))
    if 200 <= status < 300 and isinstance(answer, dict) and isinstance(answer.get("id"), int):
        return status, Write(kind.name, answer["id"], text), ""
    return status, None, f"POST {kind.route} answered {status}: {str(answer)[:200]}"


def writer(
    base: str,
    token: str,
    run: str,
    round_no: int,
    number: int,
    killed: threading.Event,
    log: RoundLog,
) -> None:
    """Post writes, one after another, until the server is gone."""
    n = 0
    while not killed.is_set():
        kind = KINDS[(number + n) % len(KINDS)]
        text = canary(run, round_no, number, n)
        n += 1
        with log.lock:
            log.attempted += 1
        try:
            status, acknowledged, note = write(base, token, kind, text, n)
        except (OSError, http.client.HTTPException) as exc:
            if not killed.is_set():
                log.unexpected.append(f"{kind.name} before the kill: {exc!r}")
            return
        if acknowledged is not None:
            log.acknowledged.append(acknowledged)
        elif status >= 500:
            log.server_errors.append(note)
        else:
            log.unexpected.append(note)


def write_until_killed(
    server: Server, token: str, run: str, round_no: int, writers: int, kill_after: float
) -> RoundLog:
    log = RoundLog()
    killed = threading.Event()
    threads = [
        threading.Thread(
            target=writer,
            args=(server.url, token, run, round_no, number, killed, log),
            name=f"writer-{number}",
            daemon=True,
        )
        for number in range(writers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(kill_after)
    killed.set()  # first, so that errors the kill causes are not counted as failures
    server.kill()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT + 5)
    return log


# The checks.


@dataclass
class Check:
    """What one check found. ``lost``: not there; ``changed``: there with other text."""

    lost: set[Write] = field(default_factory=set)
    changed: set[Write] = field(default_factory=set)
    integrity: str = "ok"
    undecryptable: list[str] = field(default_factory=list)
    # Writes of this run that are stored though no answer reached the writer (cut off by the
    # kill between the commit and the reply): allowed, and a sign the kills land mid-write.
    unacknowledged: int = 0
    other: list[str] = field(default_factory=list)


def keys(data_dir: Path) -> MultiFernet:
    lines = (data_dir / "encryption_keys").read_text().split()
    return MultiFernet([Fernet(line.encode()) for line in lines if line])


def check_file(data_dir: Path, writes: Iterable[Write], run: str = "") -> Check:
    """The SQLite file itself, read-only: integrity, every write there, every text decrypts."""
    check = Check()
    writes = list(writes)
    cipher = keys(data_dir)
    uri = f"{(data_dir / 'recouple.sqlite3').as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=20)
    try:
        verdicts = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        check.integrity = "; ".join(str(v) for v in verdicts)
        stored: dict[str, dict[int, str | None]] = {}
        for kind in KINDS:
            columns = ", ".join(f'"{c}"' for c in kind.encrypted)
            texts: dict[int, str | None] = {}
            for row in connection.execute(f'SELECT id, {columns} FROM "{kind.table}"'):
                for column, value in zip(kind.encrypted, row[1:], strict=True):
                    try:
                        plain = cipher.decrypt(str(value).encode()).decode("utf-8")
                    except (InvalidToken, UnicodeError):
                        check.undecryptable.append(f"{kind.table}.{column} id {row[0]}")
                        plain = None
                    if column == kind.column:
                        texts[row[0]] = plain
            stored[kind.name] = texts
    finally:
        connection.close()
    for item in writes:
        texts = stored[item.kind]
        if item.id not in texts:
            check.lost.add(item)
        elif texts[item.id] is not None and texts[item.id] != item.text:
            check.changed.add(item)
    if run:
        known = {(item.kind, item.id) for item in writes}
        check.unacknowledged = sum(
            1
            for kind, texts in stored.items()
            for id_, text in texts.items()
            if text and text.startswith(f"canary {run} ") and (kind, id_) not in known
        )
    return check


def check_api(base: str, token: str, writes: Iterable[Write], threads: int = 1) -> Check:
    """Read each write back through a running server."""
    check = Check()
    writes = list(writes)
    status, urges = call(base, "GET", "/urges", token)
    if status != 200 or not isinstance(urges, list):
        check.other.append(f"GET /urges answered {status}")
        urges = []
    listed = {urge["id"]: urge["trigger"] for urge in urges}
    full_list = len(urges) >= 500

    def one(item: Write) -> None:
        if item.kind == "urge":
            # The list holds the newest 500: an older urge is vouched for by the file and export.
            if item.id in listed:
                if listed[item.id] != item.text:
                    check.changed.add(item)
            elif not full_list or item.id > min(listed):
                check.lost.add(item)
            return
        route = KIND[item.kind].route
        status, answer = call(base, "GET", f"{route}/{item.id}", token)
        if status == 404:
            check.lost.add(item)
        elif status >= 500:
            # A stored text that no longer decrypts is a 500 here.
            check.undecryptable.append(f"GET {route}/{item.id} answered {status}")
        elif status != 200 or not isinstance(answer, dict):
            check.other.append(f"GET {route}/{item.id} answered {status}: {answer}")
        elif item.kind == "journal" and answer.get("text") != item.text:
            check.changed.add(item)
        # A letter answered 200 is there; its text stays sealed in the API until its day.

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, writes))
    return check


def check_export(data_dir: Path, username: str, writes: Iterable[Write], scratch: Path) -> Check:
    """`recouple export`: every write of every round, with its text."""
    check = Check()
    out = scratch / "export.json"
    out.unlink(missing_ok=True)
    done = recouple(data_dir, "export", "--user", username, "-o", str(out))
    if done.returncode != 0:
        line = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
        note = f"recouple export exited {done.returncode}: {line}"
        (check.undecryptable if "DecryptionError" in done.stderr else check.other).append(note)
        return check
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]
    exported = {
        kind.name: {row["id"]: row[kind.column] for row in tables[kind.label]} for kind in KINDS
    }
    for item in writes:
        texts = exported[item.kind]
        if item.id not in texts:
            check.lost.add(item)
        elif texts[item.id] != item.text:
            check.changed.add(item)
    return check


# The run.


@dataclass
class Figures:
    rounds: int = 0
    acknowledged: collections.Counter[str] = field(default_factory=collections.Counter)
    attempted: int = 0
    refused: int = 0
    unacknowledged: int = 0
    lost: set[Write] = field(default_factory=set)
    changed: set[Write] = field(default_factory=set)
    integrity_failures: int = 0
    decryption_failures: int = 0
    server_errors: int = 0
    other_failures: int = 0
    kill_after_ms: list[float] = field(default_factory=list)
    start_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    data_dir: Path | None = None

    @property
    def failed(self) -> bool:
        return bool(
            self.lost
            or self.changed
            or self.integrity_failures
            or self.decryption_failures
            or self.server_errors
            or self.other_failures
        )

    def add(self, check: Check, where: str) -> None:
        self.lost |= check.lost
        self.changed |= check.changed
        self.decryption_failures += len(check.undecryptable)
        self.other_failures += len(check.other)
        self.unacknowledged = max(self.unacknowledged, check.unacknowledged)
        if check.integrity != "ok":
            self.integrity_failures += 1
            self.problems.append(f"{where}: integrity_check says {check.integrity[:300]}")
        self.problems += [f"{where}: does not decrypt: {p}" for p in check.undecryptable[:5]]
        self.problems += [f"{where}: {p}" for p in check.other[:5]]
        for item in sorted(check.lost | check.changed, key=lambda w: (w.kind, w.id))[:5]:
            state = "missing" if item in check.lost else "changed"
            self.problems.append(f"{where}: {item.kind} {item.id} {state} ({item.text!r})")

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{self.acknowledged[k.name]} {k.name}" for k in KINDS)
        total = sum(self.acknowledged.values())
        kills = sorted(self.kill_after_ms) or [0.0]
        starts = self.start_seconds or [0.0]
        return [
            f"rounds                 {self.rounds}",
            f"writes acknowledged    {total} ({kinds}) of {self.attempted} attempted",
            f"cut off by the kill    {self.attempted - total - self.refused} "
            f"(stored anyway, never acknowledged: {self.unacknowledged})",
            f"writes lost            {len(self.lost)}",
            f"writes changed         {len(self.changed)}",
            f"integrity failures     {self.integrity_failures}",
            f"decryption failures    {self.decryption_failures}",
            f"5xx answers to writes  {self.server_errors}",
            f"other failures         {self.other_failures}",
            f"kill after (ms)        {kills[0]:.0f}–{kills[-1]:.0f}, "
            f"median {statistics.median(kills):.0f}",
            f"server start (s)       median {statistics.median(starts):.2f}, max {max(starts):.2f}",
            f"total time             {self.seconds:.1f} s",
        ]


def interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the run as Ctrl+C does: the server is killed, scratch data handled."""
    raise KeyboardInterrupt


def run(
    rounds: int,
    *,
    writers: int = 4,
    full_every: int = 50,
    seed: int | None = None,
    data_dir: Path | None = None,
    scratch: Path,
    say: Callable[[str], None] = lambda line: None,
) -> Figures:
    """Kill the server ``rounds`` times in the middle of writes and check everything after each.

    ``data_dir`` (created if missing) holds the database and keys; ``scratch`` the server's log
    and the exports.
    """
    began = time.perf_counter()
    rng = random.Random(seed)
    run_id = secrets.token_hex(3)
    figures = Figures()
    data_dir = data_dir or scratch / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    figures.data_dir = data_dir
    log_path = scratch / "server.log"
    username = token = ""
    written: list[Write] = []
    last_round: list[Write] = []
    for round_no in range(1, rounds + 2):
        final = round_no == rounds + 1
        server = Server(data_dir, log_path)
        try:
            figures.start_seconds.append(server.start())
            if not token:
                username, token = signup(server.url)
            if last_round:
                figures.add(check_api(server.url, token, last_round), f"round {round_no - 1} API")
            if final:
                figures.add(check_api(server.url, token, written, threads=4), "final API")
                break
            kill_after = rng.uniform(0.05, 0.5)
            figures.kill_after_ms.append(kill_after * 1000)
            log = write_until_killed(server, token, run_id, round_no, writers, kill_after)
        finally:
            server.stop()
        figures.rounds = round_no
        figures.attempted += log.attempted
        figures.acknowledged.update(w.kind for w in log.acknowledged)
        figures.server_errors += len(log.server_errors)
        figures.other_failures += len(log.unexpected)
        figures.refused += len(log.server_errors) + len(log.unexpected)
        figures.problems += [f"round {round_no}: {p}" for p in log.server_errors + log.unexpected]
        last_round = log.acknowledged
        written += last_round
        figures.add(check_file(data_dir, written, run_id), f"round {round_no} file")
        if round_no % full_every == 0 or round_no == rounds:
            figures.add(
                check_export(data_dir, username, written, scratch), f"round {round_no} export"
            )
        if round_no % 10 == 0 or round_no == rounds:
            say(
                f"round {round_no}/{rounds}: {len(written)} acknowledged, "
                f"{len(figures.lost)} lost, {len(figures.changed)} changed, "
                f"{time.perf_counter() - began:.0f} s"
            )
    figures.seconds = time.perf_counter() - began
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="kills (default 200)")
    parser.add_argument("--writers", type=int, default=4, help="writer threads (default 4)")
    parser.add_argument(
        "--full-every", type=int, default=50, help="check the export every N rounds (50)"
    )
    parser.add_argument("--seed", type=int, help="for the kill delays (default: random)")
    parser.add_argument("--data-dir", type=Path, help="use (and keep) this data directory")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    if args.rounds < 1 or args.writers < 1 or args.full_every < 1:
        parser.error("--rounds, --writers and --full-every must be at least 1")
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    signal.signal(signal.SIGTERM, interrupt)
    scratch = Path(tempfile.mkdtemp(prefix="recouple-crash-"))
    keep = args.keep
    print(f"{NAME}: {args.rounds} rounds, {args.writers} writers, seed {seed}", flush=True)
    try:
        figures = run(
            args.rounds,
            writers=args.writers,
            full_every=args.full_every,
            seed=seed,
            data_dir=args.data_dir,
            scratch=scratch,
            say=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except KeyboardInterrupt:
        print(f"{NAME}: stopped; scratch kept in {scratch}", file=sys.stderr)
        raise SystemExit(130) from None
    except BaseException:
        print(f"{NAME}: scratch kept in {scratch}", file=sys.stderr)
        raise
    for line in figures.lines():
        print(line)
    if figures.failed:
        keep = True
        print(f"\n{NAME}: FAILED", file=sys.stderr)
        for problem in figures.problems[:40]:
            print(f"  {problem}", file=sys.stderr)
        print(f"  data directory {figures.data_dir}, server log in {scratch}", file=sys.stderr)
    if not keep:
        shutil.rmtree(scratch, ignore_errors=True)
    elif not figures.failed:
        print(f"scratch kept in {scratch}")
    raise SystemExit(1 if figures.failed else 0)


if __name__ == "__main__":
    main()
