"""What the server acknowledged survives it being killed, and a backup is whole and restores.

These drive the real `recouple serve` and `recouple backup` from outside, as bench/crash.py does
(it is the long version: 200 kills); the harness's functions are reused here.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bench import crash

from tests.conftest import needs


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return "; ".join(str(row[0]) for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def restore(copy: Path, keys_from: Path, data_dir: Path) -> Path:
    """A new data directory: the copy as its database, with the original's secrets."""
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(copy, data_dir / "recouple.sqlite3")
    for name in ("encryption_keys", "secret_key"):
        shutil.copy2(keys_from / name, data_dir / name)
    return data_dir


def export(data_dir: Path, username: str) -> str:
    done = crash.recouple(data_dir, "export", "--user", username)
    assert done.returncode == 0, done.stderr
    return done.stdout


def canaries(data: dict[str, Any], run: str) -> set[str]:
    """The canary texts of one writer's run in an export."""
    found = set()
    for kind in crash.KINDS:
        found |= {row[kind.column] for row in data["tables"][kind.label]}
    return {text for text in found if text.startswith(f"canary {run} ")}


def test_no_acknowledged_write_is_lost_when_the_server_is_killed_mid_write(tmp_path: Path) -> None:
    needs(hasattr(os, "killpg"), "killing the server needs POSIX signals and process groups")
    figures = crash.run(5, writers=3, full_every=5, seed=20260101, scratch=tmp_path)
    assert figures.rounds == 5
    assert sum(figures.acknowledged.values()) > 0
    assert not figures.lost, figures.problems
    assert not figures.changed, figures.problems
    assert figures.integrity_failures == 0, figures.problems
    assert figures.decryption_failures == 0, figures.problems
    assert not figures.failed, figures.problems


@dataclass
class Live:
    url: str
    data_dir: Path
    username: str
    token: str


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One running `recouple serve` with one account, shared by the backup tests."""
    scratch = tmp_path_factory.mktemp("live")
    data_dir = scratch / "data"
    data_dir.mkdir(mode=0o700)
    with crash.Server(data_dir, scratch / "server.log") as server:
        username, token = crash.signup(server.url)
        yield Live(server.url, data_dir, username, token)


class SteadyWriter(threading.Thread):
    """Posts a journal entry, an urge and a letter in turn, one at a time, until stopped."""

    def __init__(self, live: Live) -> None:
        super().__init__(name="steady-writer", daemon=True)
        self.live = live
        self.run_id = secrets.token_hex(4)
        self.sent: list[str] = []  # canary texts, in the order they were posted
        self.acknowledged: list[crash.Write] = []
        self.failures: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            kind = crash.KINDS[n % len(crash.KINDS)]
            text = crash.canary(self.run_id, 0, 0, n)
            self.sent.append(text)
            try:
                _status, done, note = crash.write(self.live.url, self.live.token, kind, text, n)
            except (OSError, http.client.HTTPException) as exc:
                self.failures.append(repr(exc))
                return
            if done is None:
                self.failures.append(note)
                return
            self.acknowledged.append(done)
            n += 1

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count and not self.failures:
            assert time.monotonic() < deadline, f"only {len(self.acknowledged)} writes in time"
            time.sleep(0.02)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=90)


def test_a_backup_taken_while_writing_is_a_whole_readable_importable_snapshot(
    live: Live, tmp_path: Path
) -> None:
    writer = SteadyWriter(live)
    writer.start()
    try:
        writer.wait_for(15)
        acknowledged_before = len(writer.acknowledged)
        copy = tmp_path / "copy.sqlite3"
        backed_up = crash.recouple(live.data_dir, "backup", str(copy))
        sent_by_then = len(writer.sent)
        writer.wait_for(len(writer.acknowledged) + 3)  # the app went on writing after it
    finally:
        writer.stop()
    assert writer.failures == []
    assert backed_up.returncode == 0, backed_up.stderr
    assert integrity(copy) == "ok"
    assert copy.stat().st_mode & 0o777 == 0o600
    assert not copy.with_name(copy.name + ".partial").exists()

    restored_dir = restore(copy, live.data_dir, tmp_path / "restored")
    restored = json.loads(export(restored_dir, live.username))  # every text decrypts
    original = json.loads(export(live.data_dir, live.username))
    assert restored["profile"] == original["profile"]
    for label, rows in restored["tables"].items():
        missing = [row for row in rows if row not in original["tables"][label]]
        assert missing == [], f"{label} rows in the copy that the original does not have"
    # One transaction's view: the writer's first k writes, with no gap, and at least every
    # write acknowledged before the backup began.
    copied = canaries(restored, writer.run_id)
    assert copied == set(writer.sent[: len(copied)])
    assert acknowledged_before <= len(copied) <= sent_by_then
    assert len(canaries(original, writer.run_id)) == len(writer.acknowledged)

    exported = tmp_path / "restored.json"
    exported.write_text(json.dumps(restored), encoding="utf-8")
    imported = crash.recouple(restored_dir, "import", str(exported), "--user", "from-the-copy")
    rows = sum(len(rows) for rows in restored["tables"].values())
    assert imported.returncode == 0, imported.stderr
    assert f"Imported {rows} rows into from-the-copy" in imported.stdout


def test_a_backup_taken_at_rest_restores_to_exactly_the_same_export(
    live: Live, tmp_path: Path
) -> None:
    run_id = secrets.token_hex(4)
    for n, kind in enumerate(crash.KINDS):
        _status, done, note = crash.write(
            live.url, live.token, kind, crash.canary(run_id, 0, 0, n), n
        )
        assert done is not None, note
    copy = tmp_path / "copy.sqlite3"
    backed_up = crash.recouple(live.data_dir, "backup", str(copy))
    assert backed_up.returncode == 0, backed_up.stderr
    assert f"Backed up to {copy}" in backed_up.stdout
    restored_dir = restore(copy, live.data_dir, tmp_path / "restored")
    original = export(live.data_dir, live.username)
    assert export(restored_dir, live.username) == original
    assert len(canaries(json.loads(original), run_id)) == len(crash.KINDS)


def test_a_backup_restored_without_its_keys_says_so_in_one_line(live: Live, tmp_path: Path) -> None:
    _status, done, note = crash.write(live.url, live.token, crash.KINDS[0], "kept under a key", 0)
    assert done is not None, note
    copy = tmp_path / "copy.sqlite3"
    assert crash.recouple(live.data_dir, "backup", str(copy)).returncode == 0
    keyless = tmp_path / "keyless"
    keyless.mkdir()
    copy.rename(keyless / "recouple.sqlite3")  # new keys are made for this folder
    exported = crash.recouple(keyless, "export", "--user", live.username)
    assert exported.returncode == 1
    assert len(exported.stderr.splitlines()) == 1, exported.stderr
    assert exported.stderr.startswith("recouple: Stored text could not be decrypted")
    assert "kept under a key" not in exported.stdout + exported.stderr


@pytest.mark.parametrize(
    ("target", "says"),
    [("taken.sqlite3", "already exists"), ("nowhere/copy.sqlite3", "no such folder")],
)
def test_backup_refuses_an_existing_file_and_a_missing_folder(
    tmp_path: Path, target: str, says: str
) -> None:
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"an earlier backup")
    done = crash.recouple(tmp_path / "data", "backup", str(tmp_path / target))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("recouple: ") and says in done.stderr
    assert taken.read_bytes() == b"an earlier backup"
    assert not (tmp_path / "nowhere").exists()
    assert list(tmp_path.glob("*.partial")) == []


def test_backup_refuses_a_data_directory_that_has_no_database(tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    done = crash.recouple(tmp_path / "mistyped", "backup", str(copy))
    assert done.returncode != 0
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert not copy.exists()
    assert not (tmp_path / "mistyped" / "recouple.sqlite3").exists()
