from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from recouple.reminders.sending import run_once


class Command(BaseCommand):
    help = "Make the reminders that are due and send the emails; --loop keeps polling."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until stopped")
        parser.add_argument(
            "--interval", type=int, default=60, help="seconds between rounds with --loop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()

        def on_signal(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        interval = max(1, options["interval"])
        errors = 0
        while True:
            report = run_once(should_stop=stop.is_set)
            errors += report.errors
            self.stdout.write(
                f"users={report.users} made={report.made} emailed={report.emailed} "
                f"failed={report.failed} errors={report.errors}"
            )
            if not options["loop"] or stop.wait(interval):
                break
        if stop.is_set():
            self.stdout.write("stopped")
        if errors:
            # Every other user was served; the exit status still tells cron something is wrong.
            raise CommandError(
                f"reminders failed for {errors} user(s); the log names them by id",
                returncode=1,
            )
