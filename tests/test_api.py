"""The JSON API's account routes, exactly as DESIGN.md fixes them, and its error shape."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from recouple.accounts.models import ApiToken, User
from tests.conftest import PASSWORD


def post(client: Client, path: str, body: Any, **extra: Any) -> Any:
    raw = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/api/v1{path}", raw, content_type="application/json", **extra)


@pytest.mark.django_db
def test_signup_returns_201_with_a_token_that_works_for_me(client: Client) -> None:
    response = post(
        client,
        "/auth/signup",
        {"username": "api-person", "password": PASSWORD, "accept_privacy_notice": True},
    )
    assert response.status_code == 201
    token = response.json()["token"]
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200
    assert me.json()["username"] == "api-person"
    assert User.objects.get(username="api-person").privacy_accepted_at is not None


@pytest.mark.django_db
def test_signup_without_accepting_the_privacy_notice_is_400_saying_why(client: Client) -> None:
    response = post(client, "/auth/signup", {"username": "api-person", "password": PASSWORD})
    assert response.status_code == 400
    assert "privacy notice" in response.json()["error"]
    assert not User.objects.filter(username="api-person").exists()


@pytest.mark.django_db
def test_signup_errors_are_json_and_do_not_reveal_taken_usernames(
    client: Client, owner: User
) -> None:
    taken = post(
        client,
        "/auth/signup",
        {"username": owner.username, "password": PASSWORD, "accept_privacy_notice": True},
    )
    assert taken.status_code == 400
    assert taken.json()["error"] == "That username can’t be used. Please choose another."
    weak = post(
        client,
        "/auth/signup",
        {"username": "api-person", "password": "123", "accept_privacy_notice": True},
    )
    assert weak.status_code == 400
    assert "too short" in weak.json()["error"]


@pytest.mark.django_db
def test_signup_is_403_when_signups_are_closed(client: Client, settings: Any) -> None:
    settings.SIGNUPS_OPEN = False
    response = post(
        client,
        "/auth/signup",
        {"username": "api-person", "password": PASSWORD, "accept_privacy_notice": True},
    )
    assert response.status_code == 403
    assert response.json()["error"] == "Sign-ups are closed on this server."


@pytest.mark.django_db
def test_token_for_right_password_and_one_message_for_every_wrong_one(
    client: Client, owner: User
) -> None:
    ok = post(client, "/auth/token", {"username": owner.username, "password": PASSWORD})
    assert ok.status_code == 200
    assert ApiToken.user_for(ok.json()["token"]) == owner
    wrong = post(client, "/auth/token", {"username": owner.username, "password": "nope"})
    unknown = post(client, "/auth/token", {"username": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


@pytest.mark.django_db
def test_token_endpoint_locks_out_like_the_login_page(client: Client, owner: User) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post(client, "/auth/token", {"username": owner.username, "password": "guess"})
    locked = post(client, "/auth/token", {"username": owner.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "error" in locked.json()


@pytest.mark.django_db
def test_tokens_are_stored_only_as_hashes(owner: User) -> None:
    token = ApiToken.issue(owner)
    stored = ApiToken.objects.get(user=owner)
    assert token not in stored.digest
    assert stored.digest == ApiToken.hash(token)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer rc_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000],
)
def test_me_without_a_valid_token_is_401_json(client: Client, header: str) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/me", **extra)
    assert response.status_code == 401
    assert response.json()["error"].startswith("Sign in first")


@pytest.mark.django_db
def test_inactive_users_tokens_stop_working(owner: User) -> None:
    token = ApiToken.issue(owner)
    owner.is_active = False
    owner.save()
    assert ApiToken.user_for(token) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        '"just a string"',
        json.dumps({"username": 5, "password": ["x"]}),
        json.dumps({"username": "", "password": ""}),
        json.dumps({"username": "a" * 151, "password": "x"}),
        json.dumps({"username": "a\u0000b", "password": "x", "accept_privacy_notice": "maybe"}),
        json.dumps({"username": "a\u0000b", "password": "x"}),
        json.dumps({"username": "ann", "password": "x\u0000"}),
    ],
)
def test_malformed_bodies_get_a_4xx_json_error_never_a_500(client: Client, body: str) -> None:
    for path in ("/auth/signup", "/auth/token"):
        response = post(client, path, body)
        assert 400 <= response.status_code < 500, (path, response.status_code)
        assert "error" in response.json()


@pytest.mark.django_db
def test_unknown_api_paths_are_json_404(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found.", "detail": None}


@pytest.mark.django_db
def test_openapi_schema_lists_the_account_routes(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/signup", "/api/v1/auth/token", "/api/v1/me"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


# API tokens: a lifetime, a cap, a list with revoke.


def me(token: str) -> int:
    return int(Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code)


@pytest.mark.django_db
def test_an_api_token_left_unused_for_30_days_stops_working(owner: User, settings: Any) -> None:
    import time_machine
    from django.utils.timezone import now

    settings.API_TOKEN_IDLE_DAYS = 30  # the default
    start = now()
    kept, left = ApiToken.issue(owner), ApiToken.issue(owner)
    for days in (10, 20, 29, 38):
        with time_machine.travel(start + timedelta(days=days)):
            assert me(kept) == 200
    with time_machine.travel(start + timedelta(days=31)):
        assert me(left) == 401
    assert ApiToken.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
def test_the_token_lifetime_is_configurable(owner: User, settings: Any) -> None:
    import time_machine
    from django.utils.timezone import now

    settings.API_TOKEN_IDLE_DAYS = 2
    token = ApiToken.issue(owner)
    with time_machine.travel(now() + timedelta(days=3)):
        assert me(token) == 401


@pytest.mark.django_db
def test_each_user_keeps_at_most_ten_tokens_the_least_recently_used_go_first(
    client: Client, owner: User
) -> None:
    body = {"username": owner.username, "password": PASSWORD}
    tokens = [post(client, "/auth/token", body).json()["token"] for _ in range(12)]
    assert ApiToken.objects.filter(user=owner).count() == ApiToken.MAX_PER_USER == 10
    assert [me(t) for t in tokens[:2]] == [401, 401]
    assert all(me(t) == 200 for t in tokens[2:])


@pytest.mark.django_db
def test_settings_lists_signed_in_apps_and_signs_one_out(owner: User) -> None:
    from tests.conftest import signed_in

    token = ApiToken.issue(owner)
    assert me(token) == 200
    client = signed_in(owner)
    html = client.get("/accounts/settings/").content.decode()
    assert "Apps and devices signed in" in html and "last used" in html
    [stored] = ApiToken.objects.filter(user=owner)
    response = client.post(f"/accounts/settings/tokens/{stored.pk}/revoke/")
    assert response.status_code == 302
    assert me(token) == 401
