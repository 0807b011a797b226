"""Shared fixtures: two users (owner and outsider) and clients for each.

The environment is prepared before Django starts: every run gets its own throwaway data
directory, so tests never touch a real user's database or keys.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

if TYPE_CHECKING:
    from django.test import Client

CI = os.environ.get("CI", "").lower() == "true"

# Property tests judge behaviour, never speed: a busy machine (two test workers, a database
# beside them) must not turn a slow example into a failure.
hypothesis_settings.register_profile(
    "recouple", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("recouple")


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("RECOUPLE_DATA_DIR", tempfile.mkdtemp(prefix="recouple-test-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recouple.settings")
    import django

    django.setup()


def needs(available: bool, reason: str) -> None:
    """Skip with a one-line reason when something is missing, except under CI: there it fails."""
    if available:
        return
    if CI:
        pytest.fail(f"{reason} (CI=true: nothing may skip)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def no_idle_sign_out(settings: Any) -> None:
    """Many tests travel days ahead with one signed-in client; only tests/test_sessions.py is
    about the idle limit, and it sets the limit itself."""
    settings.SESSION_IDLE_SECONDS = 10 * 365 * 24 * 3600


@pytest.fixture(autouse=True)
def no_api_token_expiry(settings: Any) -> None:
    """The same for API tokens: tests/test_api.py sets the idle limit where it is the subject."""
    settings.API_TOKEN_IDLE_DAYS = 10 * 365


PASSWORD = "quiet harbour lantern 42"
OWNER_CANARY = "Canary-Owner-Zephyrine"
OUTSIDER_CANARY = "Canary-Outsider-Bartholomew"


@pytest.fixture
def owner(db: None) -> object:
    from recouple.accounts.models import User

    user = User.objects.create_account("owner-ophelia", PASSWORD, "Europe/London")
    user.ex_name = OWNER_CANARY
    user.country = "GB"
    user.save()
    return user


@pytest.fixture
def outsider(db: None) -> object:
    from recouple.accounts.models import User

    user = User.objects.create_account("outsider-oscar", PASSWORD, "America/New_York")
    user.ex_name = OUTSIDER_CANARY
    user.save()
    return user


def signed_in(user: Any) -> Client:
    """A new client signed in as ``user`` now: under time travel, its session starts then."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner: object) -> object:
    return signed_in(owner)


@pytest.fixture
def outsider_client(outsider: object) -> object:
    return signed_in(outsider)


@pytest.fixture
def data_dir() -> Path:
    return Path(os.environ["RECOUPLE_DATA_DIR"])


class Api:
    """The JSON API as a phone shortcut would call it: a bearer token, JSON in and out."""

    def __init__(self, user: Any) -> None:
        from django.test import Client

        from recouple.accounts.models import ApiToken

        self.client = Client()
        self.auth = f"Bearer {ApiToken.issue(user)}"

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        import json

        return self.client.generic(
            method,
            f"/api/v1{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            HTTP_AUTHORIZATION=self.auth,
        )


@pytest.fixture
def api(owner: Any) -> Api:
    return Api(owner)
