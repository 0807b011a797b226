"""The ``recouple`` command."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recouple.settings")
    import django

    django.setup()


def _run_checks_or_exit() -> None:
    """Stop with one line per configuration problem before anything else happens."""
    from django.core import checks

    errors = [m for m in checks.run_checks() if m.is_serious()]
    for message in errors:
        click.echo(f"recouple: {message.id}: {message.msg} {message.hint or ''}".rstrip(), err=True)
    if errors:
        raise SystemExit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="recouple")
def cli() -> None:
    """Recouple: a private companion for getting back together, the healthy way."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Worker threads."
)
def serve(host: str, port: int, threads: int) -> None:
    """Apply migrations, then serve the app with a production WSGI server."""
    _setup_django()
    _run_checks_or_exit()
    from django.core.management import call_command
    from waitress import serve as waitress_serve

    from recouple.wsgi import application

    call_command("migrate", interactive=False, verbosity=0)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Recouple is running at http://{shown}:{port}/  (Ctrl+C to stop)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="Recouple")


@cli.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: Sequence[str]) -> None:
    """Run any Django management command, e.g. 'recouple manage migrate'."""
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["recouple manage", *args])


CONTEXT_HELP = (
    "Comma-separated facts about where you are: no-contact, day=N, outreach-sent, "
    "outreach-locked, limited-contact, replying."
)


def _context(kind: str, raw: str) -> Any:
    from recouple.coach import Context

    facts: dict[str, Any] = {"kind": kind}
    names = {
        "no-contact": "no_contact_active",
        "outreach-sent": "outreach_sent",
        "outreach-locked": "outreach_locked",
        "limited-contact": "limited_contact",
        "replying": "replying",
    }
    for part in filter(None, (p.strip() for p in raw.split(","))):
        if part.startswith("day="):
            try:
                facts["no_contact_day"] = int(part[4:])
            except ValueError:
                raise click.BadParameter(f"day must be a whole number, not {part[4:]!r}") from None
            facts["no_contact_active"] = True
        elif part in names:
            facts[names[part]] = True
        else:
            raise click.BadParameter(f"unknown context {part!r}; use: {CONTEXT_HELP}")
    return Context(**facts)


def _highlight(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - 60) : start]
    after = text[end : min(line_end, end + 60)]
    return f"…{before}[[{text[start:end]}]]{after}…"


@cli.command()
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option(
    "--kind",
    type=click.Choice(["message", "journal"]),
    default="message",
    show_default=True,
    help="A message to them, or a journal entry for you.",
)
@click.option("--context", "context_facts", default="", help=CONTEXT_HELP)
def check(text: str | None, as_json: bool, kind: str, context_facts: str) -> None:
    """Read a draft before you send it. TEXT, or - (or nothing) to read standard input.

    Exit status: 0 send, 1 revise or hold, 2 bad usage.
    """
    import json as jsonlib

    from recouple import coach
    from recouple.program.crisis import international, lines_for

    if text is None or text == "-":
        text = sys.stdin.read()
    context = _context(kind, context_facts)
    try:
        result = coach.check(text, context)
    except coach.CoachInputError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        click.echo(jsonlib.dumps(result.as_dict(), ensure_ascii=False))
    else:
        if result.support:
            # Support first: before any word about the message.
            click.echo(
                "You don’t have to carry this alone. Right now you can reach:"
                if result.crisis
                else "Some of this sounds heavy. If you’re not safe, you can reach:"
            )
            for line in (lines_for("US")[0], lines_for("GB")[0], international()):
                click.echo(f"  {line.name}: {line.how} {line.url or ''}".rstrip())
            click.echo("")
        click.echo(f"{result.verdict.upper()}: {result.reason}")
        for finding in result.findings:
            where = _highlight(text, finding.start, finding.end)
            click.echo(f"\n{finding.label.replace('_', ' ')}: {where}")
            click.echo(f"  {finding.explanation}")
            click.echo(f"  Try: {finding.suggestion}")
    raise SystemExit(0 if result.verdict == "send" else 1)


@cli.command("coach-eval")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def coach_eval(path: Path) -> None:
    """Score the coach on a labelled JSON Lines file; the last line sums it up."""
    from recouple import coach
    from recouple.coach.evaluate import CorpusError, Item, read, report, score

    try:
        items = read(path)
    except FileNotFoundError:
        raise click.UsageError(f"no such file: {path}") from None
    except (CorpusError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"{path}: {exc}") from None

    def predict(item: Item) -> set[str]:
        context = coach.Context(kind="journal" if item.kind == "journal" else "message")
        try:
            return set(coach.check(item.text, context).labels)
        except coach.CoachInputError:
            return set()

    scores, _pairs = score(items, predict)
    click.echo(f"{len(items)} items from {path}")
    for line in report(scores):
        click.echo(line)


@cli.command()
@click.option("--user", "username", help="The account to export (needed if there are several).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
def export(username: str | None, output: Path | None) -> None:
    """Everything one account owns, as JSON (to standard output by default)."""
    _setup_django()
    from recouple.accounts.models import User
    from recouple.accounts.portability import export_json

    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise click.UsageError(f"no account named {username!r}")
    else:
        users = list(User.objects.all()[:2])
        if len(users) != 1:
            raise click.UsageError("name the account to export with --user")
        user = users[0]
    if output is not None and not output.parent.is_dir():
        raise click.UsageError(f"no such folder: {output.parent}")
    text = export_json(user)
    if output is None:
        click.echo(text)
    else:
        try:
            _write_private(output, text + "\n")
        except OSError as exc:
            raise click.ClickException(f"could not write {output}: {exc.strerror or exc}") from None
        click.echo(f"Exported {user.username} to {output}", err=True)


def _write_private(path: Path, text: str) -> None:
    """Write ``path`` readable by its owner only (an export holds the journal in plain text),
    replacing an older file of that name in one step, never leaving it half-written."""
    from recouple.config import owner_only_draft

    with owner_only_draft(path, text) as draft:
        os.replace(draft, path)


@cli.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--user", "username", help="Import into this account instead of the one named.")
def import_(path: Path, username: str | None) -> None:
    """Restore an export into an empty account (created if it doesn't exist)."""
    _setup_django()
    from django.utils.timezone import now

    from recouple.accounts.models import User
    from recouple.accounts.portability import MAX_BYTES, ImportProblem, import_user, read_export

    try:
        if path.stat().st_size > MAX_BYTES:
            raise click.ClickException(f"{path} is too large to be a Recouple export")
        with path.open("rb") as upload:
            data = read_export(upload)
    except FileNotFoundError:
        raise click.UsageError(f"no such file: {path}") from None
    except ImportProblem as exc:
        raise click.ClickException(str(exc)) from None
    name = (
        username or (data.get("profile", {}) or {}).get("username")
        if isinstance(data, dict)
        else None
    )
    if not name or not isinstance(name, str):
        raise click.UsageError("the export names no account; use --user")
    user = User.objects.filter(username=name).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(username=name, password=None)
        user.privacy_accepted_at = now()
        user.save()
    # Not one transaction: rows go in short batches so the app's other users can keep saving.
    try:
        rows = import_user(user, data)
    except ImportProblem as exc:
        if created:
            user.delete()
        raise click.ClickException(str(exc)) from None
    note = (
        " (new account: set its password with 'recouple manage changepassword')" if created else ""
    )
    click.echo(f"Imported {rows} rows into {name}{note}.")


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """A consistent copy of the SQLite database, taken while the app keeps running."""
    import sqlite3

    _setup_django()
    from django.db import connection

    if connection.vendor != "sqlite":
        raise click.UsageError("backup copies the SQLite database; on PostgreSQL use pg_dump")
    if path.exists():
        raise click.UsageError(f"{path} already exists; choose a new file name")
    if not path.parent.is_dir():
        raise click.UsageError(f"no such folder: {path.parent}")
    database = Path(connection.settings_dict["NAME"])
    if not database.is_file():
        raise click.UsageError(f"no database at {database}; is RECOUPLE_DATA_DIR right?")
    from recouple.config import owner_only_draft

    # Owner-only from its first byte: the copy holds everything the database does.
    with owner_only_draft(path, "") as partial:
        try:
            verdict = _copy_database(database, partial)
        except sqlite3.Error as exc:
            raise click.ClickException(f"the backup failed: {exc}") from None
        if verdict != "ok":
            raise click.ClickException(f"the copy failed its integrity check: {verdict}")
        partial.replace(path)
    click.echo(
        f"Backed up to {path} ({path.stat().st_size} bytes). Keep the encryption keys too "
        "(RECOUPLE_ENCRYPTION_KEYS or the data directory's encryption_keys): without them the "
        "private text in the copy can't be read."
    )


def _copy_database(database: Path, target_path: Path) -> str:
    """Copy ``database`` into ``target_path`` with SQLite's online backup; its integrity verdict."""
    import sqlite3

    # Read-only: a backup must never create or change the database it copies.
    source = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=20)
    try:
        target = sqlite3.connect(str(target_path))
        try:
            # A snapshot consistent to one transaction, while the app goes on reading and writing.
            source.backup(target)
            (verdict,) = target.execute("PRAGMA integrity_check").fetchone()
        finally:
            target.close()
    finally:
        source.close()
    return str(verdict)


@cli.command()
@click.option("--loop", is_flag=True, help="Keep running, one round every --interval seconds.")
@click.option(
    "--interval", default=60, show_default=True, type=click.IntRange(1, 86400), help="Seconds."
)
def remind(loop: bool, interval: int) -> None:
    """Make the reminders that are due and send the emails (safe to run twice at once)."""
    _setup_django()
    _run_checks_or_exit()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    args = ["--interval", str(interval)] + (["--loop"] if loop else [])
    try:
        call_command("remind", *args)
    except CommandError as exc:
        raise click.ClickException(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: usage errors are one line on stderr and exit status 2."""
    try:
        status = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="recouple",
            standalone_mode=False,
        )
    except click.exceptions.NoArgsIsHelpError as exc:
        # Plain `recouple` is a request for help, not a mistake.
        click.echo(exc.ctx.get_help() if exc.ctx else "")
        raise SystemExit(0) from None
    except click.exceptions.Abort:
        click.echo("recouple: stopped.", err=True)
        raise SystemExit(1) from None
    except click.ClickException as exc:
        click.echo(f"recouple: {exc.format_message()}", err=True)
        raise SystemExit(exc.exit_code) from None
    except Exception as exc:
        # A backup restored without its keys, or keys changed without a rotation: one line.
        from recouple.core.fields import DecryptionError

        if not isinstance(exc, DecryptionError):
            raise
        click.echo(f"recouple: {exc}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    sys.exit(status if isinstance(status, int) else 0)
