"""Schemathesis against /api/v1/openapi.json: every operation, as a signed-in user.

Each operation is its own test, with a fresh user who already has one of most things (a
no-contact period, a journal entry, a goal and a habit, a letter, a report…), and someone else who
has the same. A route with an ``{id}`` is sent the user's own object a third of the time, someone
else's a third of the time, and a generated id otherwise. Every request carries the user's bearer
token.

A short, derandomized run is part of ``make test``. ``bench/fuzz.sh`` runs the same tests with more
examples (``FUZZ_EXAMPLES``) and sums up what they wrote to ``FUZZ_STATS``.

A failure the fuzz finds is a bug in src/. Until it is fixed it is listed in ``KNOWN_BUGS`` (that
exact failure only, so the fuzz keeps looking for others on the same route) and reproduced by a
strict xfail test at the end of this file, which fails as soon as the fix lands.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.utils.timezone import now
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from recouple.accounts.models import User
from recouple.core.ratelimit import TokenBucket
from recouple.reconnect.models import Outreach
from recouple.reminders.models import Notification
from tests.conftest import PASSWORD, Api

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
STATS = os.environ.get("FUZZ_STATS", "")
USERNAME = "fuzz-fiona"

# The handler itself, not recouple.wsgi: get_wsgi_application() runs django.setup() again, which
# reconfigures logging and closes every handler made so far (pytest's own among them).
application = WSGIHandler()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(
    max_examples=EXAMPLES,
    deterministic=True,
    # Every request is signed in: requests without a token are ignored_auth's job.
    with_security_parameters=False,
)


# Who asks, and what they and someone else already have: filled in by the fuzz_auth fixture.
AUTH: dict[str, str] = {}
OWN: dict[str, int] = {}
THEIRS: dict[str, int] = {}


def ids_for(path: str, made: dict[str, int]) -> dict[str, Any]:
    """Path parameters that name objects from ``made`` on this route, if it has an id."""
    if path.startswith("/api/v1/inventory/"):
        return {"entry_id": made["inventory_id"]}
    if path.startswith("/api/v1/assessment/{kind}/"):
        return {"kind": "reasons", "item_id": made["reasons_item_id"]}
    return {name: made[name] for name in re.findall(r"{(\w+)}", path) if name in made}


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    """A third of the ids are the fuzz user's objects, a third someone else's, a third random."""
    own = ids_for(context.operation.path, OWN)
    if not path_parameters or not own:
        return st.just(path_parameters)
    theirs = ids_for(context.operation.path, THEIRS)
    return st.sampled_from(
        [path_parameters, {**path_parameters, **own}, {**path_parameters, **theirs}]
    )


@schema.hook
def flatmap_body(context: Any, body: Any) -> Any:
    """Sign-up and token requests are sometimes right, so their 201 and 200 are checked too."""
    path = context.operation.path
    if path == "/api/v1/auth/token" and isinstance(body, dict):
        return st.sampled_from([body, {"username": USERNAME, "password": PASSWORD}])
    if path == "/api/v1/auth/signup" and isinstance(body, dict):
        names = st.from_regex(r"fuzz-[a-z]{8}", fullmatch=True)
        right = names.map(
            lambda name: {"username": name, "password": PASSWORD, "accept_privacy_notice": True}
        )
        return st.one_of(st.just(body), right)
    return st.just(body)


# Checks beyond Schemathesis' own


def error_shape(ctx: Any, response: Any, case: Any) -> None:
    """Every refusal is JSON {"error": "…", "detail": …}, as the API promises."""
    if not 400 <= response.status_code < 500:
        return
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"{response.status_code} without a JSON body") from None
    if not (isinstance(body, dict) and set(body) == {"error", "detail"} and body["error"]):
        raise AssertionError(f"{response.status_code} is not {{'error', 'detail'}}: {body!r}")


def someone_elses_is_like_nobodys(ctx: Any, response: Any, case: Any) -> None:
    """Someone else's object answers exactly as one that doesn't exist, whatever the method and
    body: a 404 for a good request, the same 400 for a bad one. Never anything that says it's there.
    """
    theirs = ids_for(case.operation.path, THEIRS)
    sent = case.path_parameters or {}
    if not theirs or any(sent.get(name) != value for name, value in theirs.items()):
        return
    nobodys = case.derive()
    nobodys.path_parameters.update({name: 2**53 for name in theirs if name != "kind"})
    expected = nobodys.call(headers=AUTH).status_code
    if response.status_code != expected:
        raise AssertionError(
            f"someone else's {theirs} answered {response.status_code}, a missing one {expected}"
        )


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    ignored_auth,
    error_shape,
    someone_elses_is_like_nobodys,
]


# Known bugs


@dataclass(frozen=True)
class KnownBug:
    reason: str
    operations: frozenset[str]
    code: str  # Schemathesis' failure code: ST101 server error, ST108 schema, ST901 custom check
    matches: Callable[[Any, Failure], bool]

    def explains(self, case: Any, failure: Failure) -> bool:
        return (
            case.operation.label in self.operations
            and failure.code == self.code
            and self.matches(case, failure)
        )


# Empty now: every bug the fuzz found is fixed. A new one goes here (that exact failure only)
# with a strict xfail that reproduces it, until its fix lands.
KNOWN_BUGS: list[KnownBug] = []


def known_bug(case: Any, failure: Failure) -> KnownBug | None:
    return next((bug for bug in KNOWN_BUGS if bug.explains(case, failure)), None)


# The fuzz


def seed(user: User) -> dict[str, int]:
    """One of most things, made through the API as a phone would make them; their ids."""
    api = Api(user)

    def make(path: str, body: Any = None, status: int = 201) -> Any:
        response = api("POST", path, body)
        assert response.status_code == status, (path, response.content)
        return response.json() if response.content else None

    make("/no-contact", {"target_days": 30, "reasons": "Room to heal."})
    made = {
        "contact_id": make("/no-contact/contacts", {"channel": "social_media"})["id"],
        "urge_id": make("/urges", {"intensity": 6, "trigger": "Our song", "passed": True})["id"],
        "letter_id": make("/letters", {"body": "I hope you are well."})["id"],
        "entry_id": make("/journal/entries", {"mood": 3, "text": "A long walk."})["id"],
        "goal_id": make("/growth/goals", {"area": "friends", "title": "Call Sam"})["id"],
        "draft_id": make("/drafts", {"text": "Hope your week went well."})["id"],
        "inventory_id": make(
            "/inventory", {"what_i_did": "Cancelled plans", "impact": "They felt let down"}
        )["id"],
        "reasons_item_id": make("/assessment/reasons", {"text": "We stopped talking"})["id"],
    }
    made["habit_id"] = make(
        "/growth/habits", {"name": "Walk", "goal_id": made["goal_id"], "weekdays": [0, 2, 4]}
    )["id"]
    make(f"/growth/habits/{made['habit_id']}/marks", {"mark": "done"}, status=200)
    make("/check-ins", {"boundary": "no_social", "kept": True}, status=200)
    make("/reflections", {"text": "I can accept either answer."}, status=200)
    answers = {
        **dict.fromkeys(("violence", "threats", "control", "only_happy_with_them"), False),
        **dict.fromkeys(("same_goals", "same_love", "both_willing", "can_accept_no"), "yes"),
        **dict.fromkeys(("new_relationship", "trust_beyond_repair"), "no"),
    }
    assert api("PATCH", "/assessment", answers).status_code == 200
    made["report_id"] = make("/assessment/reports")["id"]
    # They answered "open" and friendship was chosen, so steps 6 and 8 accept entries.
    outreach = Outreach.for_user(user)
    outreach.message = "I'd like to talk, if you would."
    outreach.sent_at = now() - timedelta(days=3)
    outreach.save()
    outreach.record_answer("open")
    outreach.wants_friendship_anyway = True
    outreach.save()
    made["therapist_id"] = make("/therapists", {"name": "Dr Lee"})["id"]
    made["note_id"] = Notification.objects.create(
        user=user, key="fuzz", kind="checkin", title="Check in", body="How was today?", due_at=now()
    ).pk
    return made


@pytest.fixture
def wsgi_keeps_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request, which would
    end the test's; Django's own test client switches that off the same way."""
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_auth(transactional_db: None, wsgi_keeps_connection: None) -> dict[str, str]:
    user = User.objects.create_account(USERNAME, PASSWORD, "Europe/Paris")
    someone = User.objects.create_account("fuzz-oscar", PASSWORD, "America/New_York")
    OWN.clear()
    OWN.update(seed(user))
    THEIRS.clear()
    THEIRS.update(seed(someone))
    AUTH.clear()
    AUTH["Authorization"] = Api(user).auth
    return AUTH


def record(case: Any, status: int, failures: list[Failure]) -> None:
    """One line per request for bench/fuzz.sh, when FUZZ_STATS names a file."""
    if not STATS:
        return
    found = [
        {"code": f.code, "title": f.title, "known": known_bug(case, f) is not None}
        for f in failures
    ]
    line = {"operation": case.operation.label, "status": status, "failures": found}
    with open(STATS, "a") as out:
        out.write(json.dumps(line) + "\n")


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_api(case: Any, fuzz_auth: dict[str, str]) -> None:
    if case.operation.path == "/api/v1/auth/signup":
        # Ten sign-ups an hour from one address: the fuzz is about the inputs, not the limit,
        # which tests/test_accounts.py covers.
        TokenBucket.objects.all().delete()
    response = case.call(headers=fuzz_auth)
    try:
        case.validate_response(response, checks=CHECKS, headers=fuzz_auth)
    except FailureGroup as group:
        record(case, response.status_code, list(group.exceptions))
        if any(known_bug(case, failure) is None for failure in group.exceptions):
            raise
        return
    record(case, response.status_code, [])


# The bugs the fuzz found, one request each, kept as tests now that they are fixed.


@pytest.fixture
def signed_in(owner: User, wsgi_keeps_connection: None) -> dict[str, str]:
    seed(owner)
    return {"Authorization": Api(owner).auth}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param(method, path, body, id=f"{method} {path}")
        for method, path, body in [
            ("GET", "/api/v1/no-contact", None),
            ("GET", "/api/v1/inventory", None),
            ("POST", "/api/v1/inventory", {"what_i_did": "Left early", "impact": "They waited"}),
            ("POST", "/api/v1/assessment/reports", None),
        ]
    ],
)
def test_response_matches_the_documented_schema(
    signed_in: dict[str, str], method: str, path: str, body: Any
) -> None:
    operation = schema[path][method]
    case = operation.Case() if body is None else operation.Case(body=body)
    response = case.call(headers=signed_in)
    case.validate_response(response, checks=[response_schema_conformance])


def test_reminder_time_matches_its_documented_format(signed_in: dict[str, str]) -> None:
    case = schema["/api/v1/reminders/settings"]["GET"].Case()
    response = case.call(headers=signed_in)
    case.validate_response(response, checks=[response_schema_conformance])


def test_reminder_time_with_an_offset_is_refused_not_a_500(api: Api) -> None:
    api.client.raise_request_exception = False
    for reminder_time in ("10:00:00Z", "10:00:00+02:00", 36000):
        response = api("PATCH", "/reminders/settings", {"reminder_time": reminder_time})
        assert response.status_code == 400, reminder_time


def test_passwords_sent_as_multipart_cannot_be_guessed_past_the_lockout(
    client: Client, owner: User, settings: Any
) -> None:
    def token(password: str) -> Any:
        body = json.dumps({"username": owner.username, "password": password})
        return client.generic("POST", "/api/v1/auth/token", body, "multipart/form-data")

    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        token(f"guess {attempt}")
    assert token(PASSWORD).status_code != 200


def test_openapi_documents_the_errors_each_operation_answers() -> None:
    undocumented = []
    for path, operations in schema.raw_schema["paths"].items():
        for method, operation in operations.items():
            expected = set()
            if operation.get("requestBody") or operation.get("parameters"):
                expected.add("400")
            if "{" in path:
                expected.add("404")
            if operation.get("security"):
                expected.add("401")
            missing = expected - set(operation["responses"])
            if missing:
                undocumented.append(f"{method.upper()} {path}: {sorted(missing)}")
    assert not undocumented, "\n".join(undocumented)
