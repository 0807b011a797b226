"""Read Recouple's configuration from the environment, without importing Django.

Every helper returns a safe value even when the environment is wrong, and records the
problem instead of raising: ``recouple.core.checks`` turns the recorded problems into
Django system check errors (``recouple.E001`` …), so a bad value stops ``recouple serve``,
``migrate`` and ``check`` with a clear message, while settings can still be imported to
report it. Defaults fail closed: debug off, sign-ups as documented, secrets generated
with private file permissions.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from cryptography.fernet import Fernet

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


@dataclass(frozen=True)
class Problem:
    id: str
    msg: str
    hint: str


@dataclass
class Environment:
    """A view of ``os.environ`` (or any mapping) that remembers what was wrong with it."""

    values: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    problems: list[Problem] = field(default_factory=list)

    def problem(self, check_id: str, msg: str, hint: str) -> None:
        self.problems.append(Problem(check_id, msg, hint))

    def text(self, name: str, default: str = "") -> str:
        return self.values.get(name, default).strip()

    def boolean(self, name: str, default: bool, check_id: str) -> bool:
        raw = self.values.get(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.problem(
            check_id,
            f"{name}={raw!r} is not a yes/no value.",
            f"Set {name} to one of: true, false, 1, 0, yes, no, on, off.",
        )
        return default

    def integer(self, name: str, default: int, check_id: str, *, low: int, high: int) -> int:
        raw = self.values.get(name)
        if raw is None or not raw.strip():
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            self.problem(
                check_id,
                f"{name}={raw!r} is not a whole number from {low} to {high}.",
                f"Set {name} to a whole number from {low} to {high}, or unset it.",
            )
            return default
        return value

    def choice(self, name: str, default: str, options: tuple[str, ...], check_id: str) -> str:
        raw = self.values.get(name)
        if raw is None or not raw.strip():
            return default
        word = raw.strip().lower()
        if word in options:
            return word
        self.problem(
            check_id,
            f"{name}={raw!r} is not one of: {', '.join(options)}.",
            f"Set {name} to one of: {', '.join(options)}, or unset it.",
        )
        return default

    def word_list(self, name: str, default: list[str]) -> list[str]:
        raw = self.values.get(name)
        if raw is None or not raw.strip():
            return default
        return [part.strip() for part in raw.split(",") if part.strip()]


def data_dir(env: Environment) -> Path:
    """The folder that holds the SQLite database and the generated secrets (mode 0700)."""
    raw = env.text("RECOUPLE_DATA_DIR")
    path = Path(raw).expanduser() if raw else Path(platformdirs.user_data_dir("recouple", False))
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        # mkdir's mode only applies to a new folder: one that was there (0755, say) is made
        # owner-only too, since it holds the database and the keys.
        if stat.S_IMODE(path.stat().st_mode) != 0o700:
            path.chmod(0o700)
        # A probe of its own: processes starting together must not remove each other's.
        with tempfile.TemporaryFile(dir=path, prefix=".write-test-") as probe:
            probe.write(b"ok")
    except OSError as exc:
        env.problem(
            "recouple.E005",
            f"The data directory {path} cannot be used: {exc.strerror or exc}.",
            "Set RECOUPLE_DATA_DIR to a folder this user can create and write.",
        )
    return path


def owner_only_database(path: Path) -> None:
    """Narrow the SQLite database and its -wal, -shm and -journal files to 0600.

    SQLite creates a database as the umask allows (often 0644) and gives the files beside it
    the database's own mode: narrowed as soon as a connection opens it, before anything is
    written, the database and everything SQLite makes beside it stay owner-only.
    """
    for suffix in ("", "-wal", "-shm", "-journal"):
        found = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if stat.S_IMODE(found.stat().st_mode) & 0o077:
                found.chmod(0o600)


def read_or_create_secret(path: Path, make: str) -> str | None:
    """Return the secret stored at ``path``, creating it once with owner-only permissions.

    The secret is written to a private temporary file first and then linked into place,
    which fails if the file exists: two processes starting together agree on one secret,
    and neither can read a half-written file.
    """
    try:
        return path.read_text().strip() or None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        with owner_only_draft(path, make + "\n") as draft:
            try:
                os.link(draft, path)
            except FileExistsError:
                return path.read_text().strip() or None
            return make
    except OSError:
        return None


@contextlib.contextmanager
def owner_only_draft(path: Path, text: str) -> Iterator[Path]:
    """``text`` in a new file beside ``path`` that only its owner can read, gone on leaving.

    The caller links or renames it into place: a reader never sees half a file, and nobody
    else can read it for a moment between its creation and a chmod.
    """
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        yield draft
    finally:
        with contextlib.suppress(OSError):
            draft.unlink()


def secret_key(env: Environment, folder: Path) -> str:
    given = env.text("RECOUPLE_SECRET_KEY")
    if given:
        if len(given) < 50:
            env.problem(
                "recouple.E008",
                "RECOUPLE_SECRET_KEY is shorter than 50 characters.",
                "Use a long random value, or unset it to have one generated and kept in the "
                "data directory.",
            )
        return given
    stored = read_or_create_secret(folder / "secret_key", secrets.token_urlsafe(64))
    if stored is None:
        env.problem(
            "recouple.E008",
            f"The secret key file in {folder} cannot be read or created.",
            "Make the data directory writable, or set RECOUPLE_SECRET_KEY.",
        )
        return secrets.token_urlsafe(64)
    return stored


def encryption_keys(env: Environment, folder: Path) -> list[str]:
    """Fernet keys for free text at rest, newest first (the first one encrypts).

    Kept apart from the database on purpose: a copy of the database alone reveals no
    journal entry. ``RECOUPLE_ENCRYPTION_KEYS`` (comma-separated) wins over the key file.
    """
    given = env.word_list("RECOUPLE_ENCRYPTION_KEYS", [])
    source = "RECOUPLE_ENCRYPTION_KEYS"
    if not given:
        source = str(folder / "encryption_keys")
        stored = read_or_create_secret(folder / "encryption_keys", Fernet.generate_key().decode())
        given = [] if stored is None else [k.strip() for k in stored.splitlines() if k.strip()]
    good: list[str] = []
    for key in given:
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            env.problem(
                "recouple.E007",
                f"An encryption key in {source} is not a valid Fernet key.",
                "Each key is 32 url-safe base64-encoded bytes; make one with "
                "'recouple manage rotate_encryption_key --print-new-key'.",
            )
        else:
            good.append(key)
    if not good:
        if not any(p.id == "recouple.E007" for p in env.problems):
            env.problem(
                "recouple.E007",
                f"No encryption key could be read or created in {source}.",
                "Make the data directory writable, or set RECOUPLE_ENCRYPTION_KEYS.",
            )
        # A throwaway key lets the problem be reported; nothing can be written with it
        # because the failed check stops the app from starting.
        good = [Fernet.generate_key().decode()]
    return good
