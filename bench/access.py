"""Does a 404 for someone else's object take longer than a 404 for an id nobody has?

    .venv/bin/python bench/access.py [--rounds 200]

For every route about one object (tests/ownership.py), another signed-in user asks for the
owner's object and for a made-up id, alternately, in one process with Django's test client.
Both must answer 404 with the same bytes (tests/test_ownership.py asserts that); this prints
how far apart their times are. One indexed query decides both, so the gap should be noise.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    os.environ["RECOUPLE_DATA_DIR"] = tempfile.mkdtemp(prefix="recouple-access-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "recouple.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from tests.ownership import MATRIX

    from recouple.accounts.models import ApiToken, User

    call_command("migrate", verbosity=0)
    owner = User.objects.create_account("owner", "a long enough password 1")
    outsider = User.objects.create_account("outsider", "a long enough password 2")
    client = Client(HTTP_HOST="localhost")
    client.force_login(outsider)
    token = f"Bearer {ApiToken.issue(outsider)}"
    print(f"{args.rounds} rounds per route, alternating; times in microseconds")
    print(f"{'route':<28}{'theirs median':>15}{'made-up median':>16}{'difference':>12}")
    gaps = []
    for name, case in sorted(MATRIX.items()):
        if case.make is None or "GET" not in case.methods:
            continue
        kwargs: dict[str, Any] = {**case.kwargs, **case.make(owner)}
        theirs = reverse(name, kwargs=kwargs)
        made_up = reverse(
            name,
            kwargs={k: 2_000_000_000 if isinstance(v, int) else v for k, v in kwargs.items()},
        )
        extra = {"HTTP_AUTHORIZATION": token} if case.api else {}
        times: dict[str, list[float]] = {theirs: [], made_up: []}
        for round_ in range(args.rounds + 10):
            for url in (theirs, made_up) if round_ % 2 else (made_up, theirs):
                start = time.perf_counter()
                status = client.get(url, **extra).status_code
                took = (time.perf_counter() - start) * 1e6
                assert status == 404, (name, url, status)
                if round_ >= 10:  # warm-up
                    times[url].append(took)
        a, b = statistics.median(times[theirs]), statistics.median(times[made_up])
        gaps.append(a - b)
        print(f"{name:<28}{a:>15.0f}{b:>16.0f}{a - b:>+12.0f}")
    print(
        f"routes: {len(gaps)}; largest gap {max(gaps, key=abs):+.0f} µs; "
        f"mean gap {statistics.mean(gaps):+.0f} µs"
    )


if __name__ == "__main__":
    main()
