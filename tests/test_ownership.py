"""Owner, other user, anonymous: every route, every method (see tests/ownership.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from recouple.accounts.models import ApiToken, User
from tests.conftest import OWNER_CANARY
from tests.ownership import MATRIX, Case

ALL_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def named_routes() -> Iterator[tuple[str | None, str]]:
    def walk(patterns: list[Any], prefix: str, ns: str) -> Iterator[tuple[str | None, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ns + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield (ns + pattern.name if pattern.name else None), prefix + str(pattern.pattern)

    yield from walk(get_resolver().url_patterns, "/", "")


def test_every_route_is_in_the_ownership_matrix() -> None:
    found = dict(named_routes())
    assert None not in found, f"an unnamed route cannot be checked: {found.get(None)}"
    missing = sorted(set(found) - set(MATRIX))
    assert not missing, f"routes missing from tests/ownership.py: {missing}"
    stale = sorted(set(MATRIX) - set(found))
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


def test_api_methods_in_the_schema_match_the_matrix(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    by_path = {
        "/" + path.strip("/"): {m.upper() for m in ops} for path, ops in schema["paths"].items()
    }
    for name, case in MATRIX.items():
        if not case.api or name in {"api:api-root", "api:openapi-json"}:
            continue
        path = reverse(name).rstrip("/")
        assert by_path[path] == set(case.methods), name


def _url(name: str, case: Case, owner: User) -> str:
    return reverse(name, kwargs=case.make(owner) if case.make else None)


def _call(client: Client, method: str, url: str, case: Case, **extra: Any) -> Any:
    if case.api:
        body = json.dumps(case.post_body)
        return client.generic(method, url, data=body, content_type="application/json", **extra)
    if method == "POST":
        return client.post(url, case.post_body, **extra)
    return client.generic(method, url, **extra)


CASES = sorted(MATRIX.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_anonymous_gets_public_routes_and_is_turned_away_from_private_ones(
    name: str, case: Case, owner: User
) -> None:
    client = Client()
    url = _url(name, case, owner)
    for method in sorted(case.methods - {"HEAD"}):
        response = _call(client, method, url, case)
        if case.access == "private":
            if case.api:
                assert response.status_code == 401, (name, method)
                assert "error" in response.json()
            else:
                assert response.status_code == 302, (name, method)
                assert response["Location"].startswith(reverse("accounts:login"))
        elif method == "GET" or case.ok_status == 404:
            assert response.status_code == case.ok_status, (name, method)
        assert OWNER_CANARY.encode() not in response.content
        assert owner.username.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_another_user_gets_404_or_only_their_own_data(
    name: str, case: Case, owner: User, outsider: User, outsider_client: Client
) -> None:
    url = _url(name, case, owner)
    extra = {}
    if case.api:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(outsider)}"
    for method in sorted(case.methods - {"HEAD"}):
        response = _call(outsider_client, method, url, case, **extra)
        if case.make is not None:
            assert response.status_code == 404, (name, method)
        assert OWNER_CANARY.encode() not in response.content, (name, method)
        assert owner.username.encode() not in response.content, (name, method)
    owner.refresh_from_db()
    assert owner.ex_name == OWNER_CANARY, f"{name}: the outsider changed the owner's data"
    assert User.objects.filter(pk=owner.pk, is_active=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_owner_reaches_the_route_and_other_methods_get_405(
    name: str, case: Case, owner: User, owner_client: Client
) -> None:
    url = _url(name, case, owner)
    extra = {}
    if case.api:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(owner)}"
    if "GET" in case.methods:
        response = owner_client.get(url, **extra)
        expected = case.ok_status
        if name in {"accounts:signup", "accounts:login"}:
            expected = 302  # already signed in: sent home
        assert response.status_code == expected, name
    for method in ALL_METHODS:
        if method in case.methods:
            continue
        response = _call(owner_client, method, url, case, **extra)
        assert response.status_code == 405, (name, method)
