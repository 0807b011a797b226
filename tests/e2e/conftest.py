"""A real browser for the end-to-end tests: Debian's chromium, driven through Playwright.

Each test gets its own Playwright session and a phone-sized browser context that records
every request, console error, page error and Content Security Policy violation, so a test
can assert that a whole flow stayed on the app's own host and ran clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from tests.conftest import PASSWORD, needs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Locator, Page
    from pytest_django.live_server_helper import LiveServer

    from recouple.accounts.models import User

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and none of chromium's own traffic (updates, sync, field trials), so every
# request a test sees comes from the page itself.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A 390×844 phone (the size of a current iPhone) in a time zone other than the server's UTC.
PHONE_TIME_ZONE = "Europe/Berlin"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "timezone_id": PHONE_TIME_ZONE,
    "locale": "en-GB",
}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

# Runs before any page script; the exposed function outlives navigations, a page variable
# would not.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.recoupleReportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
  );
});
"""


@dataclass
class Watch:
    """Everything a browser context did that a test may want to assert about."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            page = message.page.url if message.page else "?"
            self.console_errors.append(f"{message.text} [{message.location['url']} on {page}]")

    def assert_clean(self, base_url: str) -> None:
        """Every request went to `base_url`, and nothing failed, logged an error or was blocked."""
        assert self.requests
        assert [url for url in self.requests if not url.startswith(base_url + "/")] == []
        assert self.page_errors == []
        assert self.csp_violations == []
        assert self.console_errors == []


@dataclass
class Phone:
    page: Page
    watch: Watch


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium under Playwright, or a skip saying what is missing.

    Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses
    ORM calls while one runs; the tests only touch the database between browser steps, so
    whoever holds the browser also sets DJANGO_ALLOW_ASYNC_UNSAFE for as long as it does.
    """
    needs(CHROMIUM.exists(), f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        needs(False, "playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One chromium per test module; every test still gets a fresh context (see ``phone``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with chromium() as launched:
            yield launched


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Phone]:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    watch = Watch()
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("console", watch.on_console)
    context.expose_function(
        "recoupleReportCspViolation", lambda report: watch.csp_violations.append(report)
    )
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    yield Phone(page=page, watch=watch)
    context.close()


def expect(locator: Locator) -> Any:
    """Playwright's retrying assertions, imported late like the rest of Playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def heading(page: Page) -> str:
    text: str = page.get_by_role("heading", level=1).inner_text()
    return text


def message(page: Page) -> str:
    text: str = page.locator(".messages").inner_text()
    return text


def go(page: Page, role: Literal["button", "link"], name: str) -> None:
    """Tap a button or link in the page's main part that loads a new page, and wait for it."""
    with page.expect_navigation():
        page.locator("main").get_by_role(role, name=name, exact=True).tap()


def sign_in(
    page: Page, live_server: LiveServer, username: str, time_zone: str = PHONE_TIME_ZONE
) -> User:
    """A new account (by default in the phone's time zone), signed in through the form."""
    from recouple.accounts.models import User

    user = User.objects.create_account(username, PASSWORD, time_zone)
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        form.get_by_role("button", name="Sign in").tap()
    assert page.url == live_server.url + "/", page.url
    return user


def screenshot(page: Page, name: str) -> None:
    """The whole page, from the top: scrolled down, the sticky header lands mid-picture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
