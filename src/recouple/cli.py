"""The ``recouple`` command."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

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
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    sys.exit(status if isinstance(status, int) else 0)
