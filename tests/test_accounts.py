"""Sign up, sign in, lockout, settings, password change and account deletion."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now

from recouple.accounts.models import ApiToken, User
from tests.conftest import OWNER_CANARY, PASSWORD

SIGNUP = {
    "username": "new-person",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "accept_privacy_notice": "on",
    "time_zone": "Europe/Berlin",
}


@pytest.mark.django_db
def test_signup_creates_account_signs_in_and_records_consent(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(username="new-person")
    assert user.time_zone == "Europe/Berlin"
    assert user.privacy_accepted_at is not None
    assert client.get(reverse("pages:home")).context["user"] == user


@pytest.mark.django_db
def test_signup_without_privacy_consent_explains_and_creates_nothing(client: Client) -> None:
    data = {**SIGNUP, "accept_privacy_notice": ""}
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200
    assert "Please read the privacy notice and tick the box." in response.content.decode()
    assert 'value="new-person"' in response.content.decode()  # what was typed is kept
    assert not User.objects.filter(username="new-person").exists()


@pytest.mark.django_db
def test_signup_with_unknown_time_zone_falls_back_to_utc(client: Client) -> None:
    client.post(reverse("accounts:signup"), {**SIGNUP, "time_zone": "Mars/Olympus_Mons"})
    assert User.objects.get(username="new-person").time_zone == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "too short"),
        ("password123", "too common"),
        ("4815162342108", "entirely numeric"),
        ("new-person-1", "too similar"),
    ],
)
def test_signup_rejects_weak_passwords(client: Client, password: str, message: str) -> None:
    data = {**SIGNUP, "password1": password, "password2": password}
    response = client.post(reverse("accounts:signup"), data)
    assert message in response.content.decode()
    assert not User.objects.filter(username="new-person").exists()


@pytest.mark.django_db
def test_signup_with_a_taken_username_does_not_say_it_is_taken(client: Client, owner: User) -> None:
    taken = client.post(reverse("accounts:signup"), {**SIGNUP, "username": owner.username})
    taken_upper = client.post(
        reverse("accounts:signup"), {**SIGNUP, "username": owner.username.upper()}
    )
    for response in (taken, taken_upper):
        text = response.content.decode()
        assert "already exists" not in text
        assert "That username can’t be used. Please choose another." in text
    assert User.objects.filter(username__iexact=owner.username).count() == 1


@pytest.mark.django_db
def test_signups_are_limited_per_address(client: Client) -> None:
    for i in range(10):
        assert (
            client.post(reverse("accounts:signup"), {**SIGNUP, "username": f"p{i}"}).status_code
            == 302
        )
        client.logout()
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "username": "one-too-many"})
    assert response.status_code == 429
    assert not User.objects.filter(username="one-too-many").exists()
    other_address = client.post(
        reverse("accounts:signup"),
        {**SIGNUP, "username": "from-elsewhere"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert other_address.status_code == 302


@pytest.mark.django_db
def test_failed_signups_are_limited_and_then_taken_and_free_names_get_the_same_answer(
    client: Client, owner: User
) -> None:
    for _ in range(20):
        response = client.post(reverse("accounts:signup"), {**SIGNUP, "username": owner.username})
        assert response.status_code == 200
    answers = [
        client.post(reverse("accounts:signup"), {**SIGNUP, "username": name})
        for name in (owner.username, "nobody-has-this-name")
    ]
    assert [a.status_code for a in answers] == [429, 429]
    texts = [a.content.decode() for a in answers]
    assert "Too many tries from here in the last hour." in texts[0]
    assert "can’t be used" not in texts[0]
    # Byte for byte the same but for the per-response CSRF token and CSP nonce.
    secrets = re.compile(r"[A-Za-z0-9+/_=-]{20,}")
    assert secrets.sub("", texts[0]) == secrets.sub("", texts[1])
    assert not User.objects.filter(username="nobody-has-this-name").exists()


@pytest.mark.django_db
def test_failed_api_signups_are_limited_before_the_username_is_checked(
    client: Client, owner: User
) -> None:
    body = {"username": owner.username, "password": PASSWORD, "accept_privacy_notice": True}
    for _ in range(20):
        assert api_post(client, "/auth/signup", body).status_code == 400
    for name in (owner.username, "nobody-has-this-name"):
        response = api_post(client, "/auth/signup", {**body, "username": name})
        assert response.status_code == 429
        assert "Too many tries" in response.json()["error"]


@pytest.mark.django_db
def test_closed_signups_turn_people_away_kindly(client: Client, settings: object) -> None:
    settings.SIGNUPS_OPEN = False  # type: ignore[attr-defined]
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 403
    assert "isn’t taking new accounts" in response.content.decode()
    assert not User.objects.filter(username="new-person").exists()


@pytest.mark.django_db
def test_new_passwords_are_hashed_with_argon2() -> None:
    from django.contrib.auth.hashers import make_password

    assert settings.PASSWORD_HASHERS[-2].endswith("Argon2PasswordHasher")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "PASSWORD_HASHERS", settings.PASSWORD_HASHERS[1:])
        assert make_password(PASSWORD).startswith("argon2$")


@pytest.mark.django_db
def test_login_and_logout(client: Client, owner: User) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": owner.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:settings")).status_code == 302


@pytest.mark.django_db
def test_login_follows_only_local_next_urls(client: Client, owner: User) -> None:
    credentials = {"username": owner.username, "password": PASSWORD}
    outside = client.post(
        reverse("accounts:login"), {**credentials, "next": "https://evil.example/"}
    )
    assert outside["Location"] == reverse("pages:home")
    client.logout()
    inside = client.post(reverse("accounts:login"), {**credentials, "next": "/help/"})
    assert inside["Location"] == "/help/"


@pytest.mark.django_db
def test_login_says_the_same_for_unknown_user_and_wrong_password(
    client: Client, owner: User
) -> None:
    wrong_password = client.post(
        reverse("accounts:login"), {"username": owner.username, "password": "not it at all"}
    )
    unknown_user = client.post(
        reverse("accounts:login"), {"username": "nobody-here", "password": "not it at all"}
    )
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert wrong_password.context["form"].errors == unknown_user.context["form"].errors


def _fail_login(client: Client, username: str, times: int, address: str = "127.0.0.1") -> int:
    status = 0
    for _ in range(times):
        status = client.post(
            reverse("accounts:login"),
            {"username": username, "password": "wrong guess"},
            REMOTE_ADDR=address,
        ).status_code
    return status


@pytest.mark.django_db
def test_repeated_failures_lock_that_username_from_that_address_only(
    client: Client, owner: User
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert _fail_login(client, owner.username, limit, "203.0.113.9") == 429
    locked = client.post(
        reverse("accounts:login"),
        {"username": owner.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert locked.status_code == 429
    assert "Please wait 15 minutes" in locked.content.decode()
    # The real owner, from their own address, is not locked out by someone else's guesses.
    mine = Client().post(
        reverse("accounts:login"),
        {"username": owner.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.44",
    )
    assert mine.status_code == 302


@pytest.mark.django_db
def test_a_lockout_ends_by_itself_after_the_cool_off(client: Client, owner: User) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    with time_machine.travel(now(), tick=False) as clock:
        assert _fail_login(client, owner.username, limit) == 429
        # Trying again during the lockout does not extend it.
        clock.shift(timedelta(minutes=10))
        assert _fail_login(client, owner.username, 3) == 429
        clock.shift(timedelta(minutes=6))
        response = client.post(
            reverse("accounts:login"), {"username": owner.username, "password": PASSWORD}
        )
        assert response.status_code == 302


@pytest.mark.django_db
def test_settings_save_time_zone_country_and_encrypted_ex_name(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        reverse("accounts:settings"),
        {"time_zone": "America/Chicago", "country": "US", "email": "", "ex_name": "Sam"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert (owner.time_zone, owner.country, owner.ex_name) == ("America/Chicago", "US", "Sam")
    assert owner.use_ex_name is False
    assert owner.ex_label() == "your ex"


@pytest.mark.django_db
def test_settings_reject_bad_values_and_keep_what_was_saved(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        reverse("accounts:settings"),
        {
            "time_zone": "Nowhere/Atlantis",
            "country": "XX",
            "email": "not-an-email",
            "ex_name": "x" * 81,
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"time_zone", "country", "email", "ex_name"}
    owner.refresh_from_db()
    assert (owner.time_zone, owner.ex_name) == ("Europe/London", OWNER_CANARY)


@pytest.mark.django_db
def test_ex_name_is_never_in_the_page_title(owner: User, owner_client: Client) -> None:
    owner.use_ex_name = True
    owner.save()
    for name in ("pages:home", "accounts:settings", "pages:crisis"):
        html = owner_client.get(reverse(name)).content.decode()
        assert "<title>Recouple</title>" in html
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert OWNER_CANARY not in title


@pytest.mark.django_db
def test_password_change_keeps_the_session_and_revokes_api_tokens(
    owner: User, owner_client: Client
) -> None:
    token = ApiToken.issue(owner)
    new = "different lighthouse 77"
    response = owner_client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(new)
    assert owner_client.get(reverse("accounts:settings")).status_code == 200
    assert ApiToken.user_for(token) is None


@pytest.mark.django_db
def test_password_change_with_wrong_old_password_changes_nothing(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        reverse("accounts:password"),
        {
            "old_password": "nope",
            "new_password1": "a b c d e f g",
            "new_password2": "a b c d e f g",
        },
    )
    assert response.status_code == 200
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["password", "delete"])
def test_guessing_the_current_password_meets_the_sign_in_lockout(
    owner: User, owner_client: Client, route: str
) -> None:
    url = reverse(f"accounts:{route}")
    field = "old_password" if route == "password" else "password"
    new = {"new_password1": "a b c d e f g h", "new_password2": "a b c d e f g h"}
    statuses = [
        owner_client.post(url, {field: f"guess {n}", **new}).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[0] == 200 and statuses[-1] == 429
    # Locked out now: even the right password does nothing here, and signing in from
    # this address waits too.
    right = owner_client.post(url, {field: PASSWORD, **new})
    assert right.status_code == 429
    assert "Please wait 15 minutes" in right.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert User.objects.filter(pk=owner.pk).exists()
    signing_in = Client().post(
        reverse("accounts:login"), {"username": owner.username, "password": PASSWORD}
    )
    assert signing_in.status_code == 429


@pytest.mark.django_db
def test_delete_account_needs_the_password(owner: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert "Nothing was deleted" in response.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()


def _rows_owned_by(user_pk: int) -> dict[str, int]:
    """Rows in every model that points at the user model, found by introspection."""
    counts = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                counts[model._meta.label] = model._default_manager.filter(
                    **{field.name: user_pk}
                ).count()
    return counts


@pytest.mark.django_db
def test_delete_account_removes_every_row_the_user_owns(
    client: Client, owner: User, owner_client: Client, outsider: User
) -> None:
    ApiToken.issue(owner)
    ApiToken.issue(outsider)
    _fail_login(client, owner.username, 2)
    assert any(_rows_owned_by(owner.pk).values())
    response = owner_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not any(_rows_owned_by(owner.pk).values())
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(username=owner.username).exists()
    assert User.objects.filter(pk=outsider.pk).exists()
    assert ApiToken.objects.filter(user=outsider).count() == 1


def api_post(client: Client, path: str, body: Any) -> Any:
    import json

    return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")
