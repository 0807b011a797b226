"""Owner, other user, anonymous: every route, every method (see tests/ownership.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
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
    by_path = {path.rstrip("/"): {m.upper() for m in ops} for path, ops in schema["paths"].items()}
    routes = dict(named_routes())
    for name, case in MATRIX.items():
        if not case.api or name in {"api:api-root", "api:openapi-json"}:
            continue
        template = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", routes[name]).rstrip("/")
        assert by_path[template] == set(case.methods), name


def _url(name: str, case: Case, owner: User) -> str:
    if case.prepare is not None:
        case.prepare(owner)
    kwargs = {**case.kwargs, **(case.make(owner) if case.make else {})}
    return reverse(name, kwargs=kwargs or None)


def owner_fingerprint(owner: User) -> dict[str, list[Any]]:
    """Every row that belongs to the owner, directly or through one parent, with its values."""
    rows: dict[str, list[Any]] = {}
    for model in apps.get_models():
        lookups = []
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            if field.related_model is User:
                lookups.append(field.name)
            else:
                for parent in field.related_model._meta.concrete_fields:
                    if parent.is_relation and parent.related_model is User:
                        lookups.append(f"{field.name}__{parent.name}")
        for lookup in lookups:
            found = model._default_manager.filter(**{lookup: owner}).order_by("pk")
            rows[f"{model._meta.label}.{lookup}"] = list(found.values_list())
    return rows


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
    before = owner_fingerprint(owner)
    for method in sorted(case.methods - {"HEAD"}):
        response = _call(outsider_client, method, url, case, **extra)
        if case.make is not None:
            assert response.status_code == 404, (name, method)
        assert OWNER_CANARY.encode() not in response.content, (name, method)
        assert owner.username.encode() not in response.content, (name, method)
    assert owner_fingerprint(owner) == before, f"{name}: the outsider changed the owner's data"


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
        if name in {"accounts:signup", "accounts:login", "accounts:recover"}:
            expected = 302  # already signed in: sent home (or to change the password)
        assert response.status_code == expected, name
    for method in ALL_METHODS:
        if method in case.methods:
            continue
        response = _call(owner_client, method, url, case, **extra)
        assert response.status_code == 405, (name, method)


OBJECT_CASES = [(name, case) for name, case in CASES if case.make is not None]


def _without_tokens(content: bytes) -> bytes:
    """The page without its CSRF tokens, which are masked afresh on every response."""
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), OBJECT_CASES, ids=[n for n, _ in OBJECT_CASES])
def test_someone_elses_object_answers_exactly_like_one_that_does_not_exist(
    name: str, case: Case, owner: User, outsider: User, outsider_client: Client
) -> None:
    """No count, no title, no hint: the same status and the same bytes as a made-up id."""
    kwargs = {**case.kwargs, **case.make(owner)}  # type: ignore[misc]
    real = reverse(name, kwargs=kwargs)
    made_up = reverse(
        name, kwargs={k: 2_000_000_000 if isinstance(v, int) else v for k, v in kwargs.items()}
    )
    extra = {}
    if case.api:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(outsider)}"
    for method in sorted(case.methods - {"HEAD"}):
        theirs = _call(outsider_client, method, real, case, **extra)
        nobodys = _call(outsider_client, method, made_up, case, **extra)
        assert theirs.status_code == nobodys.status_code == 404, (name, method)
        assert _without_tokens(theirs.content) == _without_tokens(nobodys.content), (name, method)


def test_the_matrix_covers_every_route_and_method_for_three_kinds_of_caller() -> None:
    """The figure the closing note gives: routes × methods × (owner, other user, anonymous)."""
    checks = sum(len(case.methods - {"HEAD"}) for case in MATRIX.values()) * 3
    assert len(MATRIX) == len(dict(named_routes()))
    print(f"\nownership matrix: {len(MATRIX)} routes, {checks} route×method×caller checks")
