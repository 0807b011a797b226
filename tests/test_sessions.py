"""A sign-in ends after a stretch without activity, and after its lifetime in any case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.conftest import PASSWORD

START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
PRIVATE = "/journal/"


def signed_in(user: Any) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get(PRIVATE)
    return response.status_code == 200


@pytest.fixture
def twelve_hours(settings: Any) -> None:
    import recouple.settings as configured

    # The value the environment gives by default, not the suite-wide test override.
    settings.SESSION_IDLE_SECONDS = configured.SESSION_IDLE_SECONDS
    assert settings.SESSION_IDLE_SECONDS == 12 * 3600


@pytest.mark.django_db
@pytest.mark.usefixtures("twelve_hours")
def test_a_sign_in_left_idle_for_more_than_twelve_hours_ends(owner: Any) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(owner)
        assert is_signed_in(client)
        clock.shift(timedelta(hours=12, minutes=1))
        response = client.get(PRIVATE)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        # Signing out for good: coming back sooner after that doesn't revive it.
        clock.shift(timedelta(minutes=1))
        assert not is_signed_in(client)


@pytest.mark.django_db
@pytest.mark.usefixtures("twelve_hours")
def test_regular_use_keeps_a_sign_in_alive_until_its_lifetime_ends(owner: Any) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(owner)
        for _ in range(13):  # a visit every 11 hours: never idle for 12
            clock.shift(timedelta(hours=11))
            assert is_signed_in(client)
        clock.shift(timedelta(days=14) - timedelta(hours=11 * 13) + timedelta(minutes=1))
        assert not is_signed_in(client)


@pytest.mark.django_db
def test_the_idle_limit_follows_the_environment_setting(owner: Any, settings: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(owner)
        clock.shift(timedelta(minutes=29))
        assert is_signed_in(client)
        clock.shift(timedelta(minutes=31))
        assert not is_signed_in(client)
