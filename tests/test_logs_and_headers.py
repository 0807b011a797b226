"""What leaves the app besides the page: logs, error emails and headers; and how a sign-in ends.

- Nothing a person writes (their journal, drafts, letters, their ex's name) reaches a log
  record, the server's stderr, an error page or an error email, even when a request crashes.
- Every response the app makes, errors included, carries the security headers and is never
  cached.
- A session ends for good on signing out, when the password changes elsewhere, when the
  account is deleted, after twelve hours idle and fourteen days after signing in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import ApiToken, User
from tests.conftest import OWNER_CANARY, PASSWORD
from tests.ownership import MATRIX, Case, _journal

CANARY = OWNER_CANARY


# --------------------------------------------------------------------------------------
# Logs


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record at DEBUG, including loggers that do not pass records to the root."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    apart = [
        logging.getLogger(name)
        for name in list(logging.root.manager.loggerDict)
        if not logging.getLogger(name).propagate
    ]
    levels = {logger: logger.level for logger in apart}
    for logger in apart:
        logger.addHandler(caplog.handler)
        logger.setLevel(logging.DEBUG)
    yield caplog
    for logger in apart:
        logger.removeHandler(caplog.handler)
        logger.setLevel(levels[logger])


def leaks(records: list[logging.LogRecord], secret: str) -> list[str]:
    """The records whose message, arguments or traceback carry the secret."""
    formatter = logging.Formatter()
    found = []
    for record in records:
        texts = [str(record.msg), record.getMessage(), repr(record.args), record.exc_text or ""]
        if record.exc_info:
            texts.append(formatter.formatException(record.exc_info))
        if record.stack_info:
            texts.append(record.stack_info)
        if any(secret in text for text in texts):
            found.append(f"{record.name} {record.levelname}: {record.getMessage()[:120]}")
    return found


@pytest.fixture
def admins(settings: Any) -> None:
    """Django mails errors to ADMINS when they are set: set them, so a leak would show."""
    settings.ADMINS = [("Operator", "operator@example.org")]
    settings.MANAGERS = settings.ADMINS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def mailed(secret: str) -> list[str]:
    return [
        message.subject
        for message in mail.outbox
        if secret in message.subject
        or secret in str(message.body)
        or any(secret in str(content) for content, _type in getattr(message, "alternatives", []))
    ]


def signed_in(user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def api_call(user: User) -> Any:
    client = Client(raise_request_exception=False)
    auth = f"Bearer {ApiToken.issue(user)}"

    def call(method: str, path: str, body: str | None = None) -> Any:
        return client.generic(
            method,
            f"/api/v1{path}",
            body or "",
            content_type="application/json",
            HTTP_AUTHORIZATION=auth,
        )

    return call


def write_private_text(owner: User) -> None:
    """The canary in a journal entry, a draft, a letter, the ex's name and an urge, through
    the pages and the API, accepted and refused; then the pages that show it."""
    client = signed_in(owner)
    tomorrow = (owner.today() + timedelta(days=1)).isoformat()
    writes = [
        ("/journal/", {"text": f"Today {CANARY} called", "mood": "2"}),
        ("/before-you-send/", {"kind": "message", "text": f"Dear {CANARY}, I miss you"}),
        ("/no-contact/letters/", {"body": f"{CANARY}, this is goodbye", "reopen_on": tomorrow}),
        (
            "/accounts/settings/",
            {"time_zone": "Europe/London", "ex_name": CANARY, "use_ex_name": "on"},
        ),
        ("/no-contact/urges/new/", {"intensity": "7", "trigger": f"saw {CANARY} online"}),
        # Refused ones too: an over-long entry, a bad time zone; and the coach's readings.
        ("/journal/", {"text": CANARY * 3000, "mood": "2"}),
        ("/accounts/settings/", {"time_zone": CANARY, "ex_name": CANARY}),
        ("/before-you-send/check/", {"text": f"please {CANARY} come back"}),
        ("/journal/crisis-check/", {"text": f"I can't live without {CANARY}"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code < 500, url
    for url in ("/today/", "/journal/", "/reminders/", "/no-contact/letters/", "/grow/"):
        assert client.get(url).status_code == 200
    api = api_call(owner)
    for path, body in (
        ("/journal/entries", {"text": f"API {CANARY}"}),
        ("/drafts", {"text": f"API draft to {CANARY}"}),
        ("/letters", {"body": f"API letter to {CANARY}"}),
        ("/urges", {"intensity": f"as much as {CANARY}"}),  # refused: wrong type
    ):
        assert api("POST", path, json.dumps(body)).status_code < 500
    assert api("POST", "/journal/entries", '{"text": "' + CANARY).status_code == 400
    # The password is as private as the diary: a failed sign-in must not log it either.
    for _ in range(3):
        Client().post("/accounts/login/", {"username": owner.username, "password": CANARY})


@pytest.mark.django_db
@pytest.mark.usefixtures("admins")
def test_writing_private_text_leaves_no_trace_in_log_records_or_mail(
    owner: User, logs: pytest.LogCaptureFixture
) -> None:
    write_private_text(owner)
    assert logs.records, "nothing was captured: the capture itself is broken"
    # DEBUG records are the subject of the next test; INFO is the most the app's own
    # logging configuration lets through.
    assert leaks([r for r in logs.records if r.levelno >= logging.INFO], CANARY) == []
    assert mailed(CANARY) == []


@pytest.mark.django_db
def test_writing_private_text_leaves_no_trace_on_stderr(
    owner: User, capfd: pytest.CaptureFixture[str]
) -> None:
    """At the levels the app configures (no test capture raising them)."""
    import sys

    # The app's console handlers write to this test's captured stderr (a handler made earlier
    # may hold a stream that another test's capture has since replaced).
    handlers = {
        handler
        for name in ("", "django", "django.request", "axes")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
    }
    before = {handler: handler.setStream(sys.stderr) for handler in handlers}
    try:
        write_private_text(owner)
    finally:
        for handler, stream in before.items():
            if stream is not None:
                handler.setStream(stream)
    out, err = capfd.readouterr()
    assert "AXES" in err, "the console handler's output was not captured"
    assert CANARY not in err and CANARY not in out


@pytest.mark.django_db
def test_the_calendar_secret_is_masked_in_the_server_log_of_a_failed_or_refused_request(
    owner: User, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import sys

    from recouple.reminders.models import CalendarFeed

    token = CalendarFeed.issue(owner)
    secret = token.removeprefix("cal_")
    monkeypatch.setattr("recouple.reminders.views.feed_for", _crash)
    handlers = {
        handler
        for name in ("", "django", "django.request")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
    }
    before = {handler: handler.setStream(sys.stderr) for handler in handlers}
    try:
        client = Client(raise_request_exception=False)
        assert client.get(f"/reminders/calendar/{token}.ics").status_code == 500
        # Refused: a wrong method is logged as a warning; raise the level to see it.
        logging.getLogger("django.request").setLevel(logging.WARNING)
        assert client.post(f"/reminders/calendar/{token}.ics").status_code == 405
    finally:
        logging.getLogger("django.request").setLevel(logging.ERROR)
        for handler, stream in before.items():
            if stream is not None:
                handler.setStream(stream)
    _out, err = capfd.readouterr()
    assert "/reminders/calendar/cal_…" in err, err
    assert "Method Not Allowed" in err
    assert secret not in err


@pytest.mark.django_db
def test_debug_logging_of_templates_does_not_quote_the_page_context(
    owner: User, logs: pytest.LogCaptureFixture
) -> None:
    client = signed_in(owner)
    response = client.post("/before-you-send/check/", {"text": f"please {CANARY} come back"})
    assert response.status_code == 200
    assert logs.records
    assert leaks(logs.records, CANARY) == []


def _crash(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError(f"could not build the page for {CANARY}")


@pytest.mark.django_db
@pytest.mark.usefixtures("admins")
def test_a_crash_shows_and_mails_nothing_private(
    owner: User, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("recouple.dashboard.views.build", _crash)
    monkeypatch.setattr("recouple.dashboard.api.build", _crash)
    page = signed_in(owner).get("/today/")
    assert page.status_code == 500
    assert CANARY.encode() not in page.content
    assert b"Traceback" not in page.content and b"RuntimeError" not in page.content
    answer = api_call(owner)("GET", "/dashboard")
    assert answer.status_code == 500
    assert answer.json() == {"error": "Something went wrong on our side.", "detail": None}
    assert CANARY.encode() not in answer.content
    assert any(r.levelno >= logging.ERROR for r in logs.records), "the crash was not logged"
    assert mailed(CANARY) == []


@pytest.mark.django_db
def test_a_crash_keeps_private_text_out_of_the_logs(
    owner: User,
    monkeypatch: pytest.MonkeyPatch,
    logs: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("recouple.dashboard.views.build", _crash)
    assert signed_in(owner).get("/today/").status_code == 500
    assert any(r.levelno >= logging.ERROR for r in logs.records), "the crash was not logged"
    leaked = leaks(logs.records, CANARY)
    _out, err = capfd.readouterr()
    assert leaked == [] and CANARY not in err, leaked


@pytest.mark.django_db
@pytest.mark.usefixtures("admins")
def test_a_crash_while_saving_keeps_the_posted_text_out_of_logs_and_mail(
    owner: User,
    monkeypatch: pytest.MonkeyPatch,
    logs: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from recouple.journal.models import Entry

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Entry, "save", disk_full)
    response = signed_in(owner).post("/journal/", {"text": f"Dear {CANARY}", "mood": "1"})
    assert response.status_code == 500
    assert CANARY.encode() not in response.content
    assert any("disk full" in (r.exc_text or "") or r.exc_info for r in logs.records)
    assert leaks(logs.records, CANARY) == []
    _out, err = capfd.readouterr()
    assert CANARY not in err
    assert mailed(CANARY) == []


@pytest.mark.django_db
@pytest.mark.usefixtures("admins")
def test_a_request_for_another_host_mails_no_private_text(owner: User) -> None:
    client = signed_in(owner)
    response = client.post("/journal/", {"text": f"Dear {CANARY}"}, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert mailed(CANARY) == []


# --------------------------------------------------------------------------------------
# Headers


def assert_security_headers(response: Any, where: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives, f"{where}: no Content-Security-Policy"
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts, f"{where}: the CSP says nothing about scripts"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, where
    assert "*" not in scripts and "data:" not in scripts, where
    assert directives.get("object-src") == ["'none'"], where
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy") in {"same-origin", "no-referrer"}, where
    framing = response.get("X-Frame-Options") == "DENY" or directives.get("frame-ancestors") == [
        "'none'"
    ]
    assert framing, f"{where}: the page may be framed"
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin", where
    permissions = response.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions, f"{where}: {feature} missing"
    assert "no-store" in response.get("Cache-Control", ""), f"{where}: may be cached"


def _url(name: str, case: Case, owner: User) -> str:
    if case.prepare is not None:
        case.prepare(owner)
    kwargs = {**case.kwargs, **(case.make(owner) if case.make else {})}
    return reverse(name, kwargs=kwargs or None)


CASES = sorted(MATRIX.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_every_route_carries_the_security_headers_for_owner_and_nobody(
    name: str, case: Case, owner: User
) -> None:
    url = _url(name, case, owner)
    extra = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(owner)}"} if case.api else {}
    as_owner = signed_in(owner).get(url, **extra)
    assert as_owner.status_code < 500, as_owner.status_code
    assert_security_headers(as_owner, f"{name} as owner ({as_owner.status_code})")
    anonymous = Client().get(url)
    assert anonymous.status_code < 500
    assert_security_headers(anonymous, f"{name} anonymous ({anonymous.status_code})")
    if "GET" not in case.methods:
        assert as_owner.status_code == 405  # so the 405 answer is checked here too


@pytest.mark.django_db
def test_errors_carry_the_security_headers_too(
    owner: User, outsider: User, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    client = signed_in(owner)
    api = api_call(owner)
    theirs = _journal(outsider)
    answers: dict[str, Any] = {
        "404 page": client.get("/no-such-page/"),
        "404 someone else's entry": client.get(f"/journal/{theirs.pk}/"),
        "404 API": api("GET", "/no-such-thing"),
        "404 API someone else's entry": api("GET", f"/journal/entries/{theirs.pk}"),
        "405 page": client.get("/accounts/logout/"),
        "405 API": api("DELETE", "/me"),
        "401 API": Client().get("/api/v1/me"),
        "400 API malformed": api("POST", "/journal/entries", "{"),
        "400 API invalid": api("POST", "/urges", '{"intensity": "lots"}'),
        "400 too big": client.post("/journal/", {"text": "a" * (3 * 1024 * 1024)}),
        "400 API too big": api("POST", "/urges", '{"trigger": "' + "a" * 3 * 1024 * 1024 + '"}'),
        "403 CSRF": Client(enforce_csrf_checks=True).post("/accounts/login/", {}),
    }
    monkeypatch.setattr("recouple.dashboard.views.build", _crash)
    monkeypatch.setattr("recouple.dashboard.api.build", _crash)
    answers["500 page"] = client.get("/today/")
    answers["500 API"] = api("GET", "/dashboard")
    settings.SIGNUPS_OPEN = False
    answers["403 signups closed"] = Client().get("/accounts/signup/")
    for _ in range(django_settings.AXES_FAILURE_LIMIT + 1):
        locked = Client().post("/accounts/login/", {"username": owner.username, "password": "x"})
    answers["429 locked out"] = locked
    for where, response in answers.items():
        expected = int(where.split()[0])
        assert response.status_code == expected, (where, response.status_code)
        assert_security_headers(response, where)


@pytest.mark.django_db
def test_downloads_and_the_calendar_feed_are_never_cached(owner: User) -> None:
    from recouple.reminders.models import CalendarFeed

    client = signed_in(owner)
    token = CalendarFeed.issue(owner)
    for url in ("/accounts/settings/export.json", "/accounts/settings/export-csv.zip"):
        response = client.get(url)
        assert response.status_code == 200
        assert_security_headers(response, url)
    feed = Client().get(reverse("reminders:feed", kwargs={"token": token}))
    assert feed.status_code == 200
    assert_security_headers(feed, "calendar feed")


# --------------------------------------------------------------------------------------
# Sessions


PRIVATE = "/journal/"
COOKIE = django_settings.SESSION_COOKIE_NAME


def sign_in(user: User, password: str = PASSWORD) -> Client:
    """Through the real sign-in page, as a browser does."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": password}
    )
    assert response.status_code == 302, response.status_code
    return client


def with_cookie(value: str) -> Client:
    """A fresh browser that presents a copied session cookie."""
    client = Client()
    client.cookies[COOKIE] = value
    return client


def turned_away(client: Client) -> bool:
    response = client.get(PRIVATE)
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


@pytest.mark.django_db
def test_after_signing_out_the_old_session_cookie_opens_nothing(owner: User) -> None:
    client = sign_in(owner)
    old = client.cookies[COOKIE].value
    assert not turned_away(with_cookie(old))
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert turned_away(with_cookie(old))
    assert turned_away(client)


@pytest.mark.django_db
def test_a_password_change_ends_every_other_session(owner: User) -> None:
    here, phone, laptop = sign_in(owner), sign_in(owner), sign_in(owner)
    phone_cookie = phone.cookies[COOKIE].value
    response = here.post(
        reverse("accounts:password"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new lantern 77",
            "new_password2": "a brand new lantern 77",
        },
    )
    assert response.status_code == 302
    assert not turned_away(here), "the session that changed it stays signed in"
    assert turned_away(phone)
    assert turned_away(laptop)
    assert turned_away(with_cookie(phone_cookie))
    sign_in(owner, "a brand new lantern 77")


@pytest.mark.django_db
def test_after_deleting_the_account_its_cookie_and_token_are_dead(owner: User) -> None:
    client = sign_in(owner)
    other = sign_in(owner)
    cookie = client.cookies[COOKIE].value
    token = ApiToken.issue(owner)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(username="owner-ophelia").exists()
    assert turned_away(with_cookie(cookie))
    assert turned_away(other)
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 401
    assert me.json()["error"]


START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def configured_idle_limit(settings: Any) -> int:
    """The idle limit the environment gives by default, not the suite-wide test override."""
    import recouple.settings as configured

    settings.SESSION_IDLE_SECONDS = configured.SESSION_IDLE_SECONDS
    assert configured.SESSION_IDLE_SECONDS == 720 * 60  # RECOUPLE_SESSION_IDLE_MINUTES
    assert configured.SESSION_COOKIE_AGE == 14 * 24 * 3600
    return int(configured.SESSION_IDLE_SECONDS)


@pytest.mark.django_db
def test_thirteen_hours_idle_ends_the_sign_in_and_its_cookie(
    owner: User, configured_idle_limit: int
) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in(owner)  # force_login: the clock starts there too
        cookie = client.cookies[COOKIE].value
        assert not turned_away(client)
        clock.shift(timedelta(hours=11, minutes=59))
        assert not turned_away(client), "eleven hours idle is not yet twelve"
        clock.shift(timedelta(hours=13))
        assert turned_away(client)
        assert turned_away(with_cookie(cookie)), "the idle session must be gone on the server"


@pytest.mark.django_db
def test_a_sign_in_ends_fourteen_days_after_it_began_however_active(
    owner: User, configured_idle_limit: int
) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = sign_in(owner)
        cookie = client.cookies[COOKIE].value
        end = START + timedelta(days=14)
        # Busy use: every six hours a page and a saved entry (each visit writes the session,
        # which moves the cookie's own expiry forward: the lifetime must not move with it).
        while datetime.now(UTC) + timedelta(hours=6) < end:
            clock.shift(timedelta(hours=6))
            assert not turned_away(client), datetime.now(UTC)
            assert client.post("/journal/", {"text": "still here", "mood": "3"}).status_code == 302
        clock.move_to(end + timedelta(minutes=1))
        assert turned_away(client)
        assert turned_away(with_cookie(cookie))
