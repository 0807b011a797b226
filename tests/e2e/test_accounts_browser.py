"""Accounts in a real phone-sized browser: sign up, sign out, sign in, and leave quickly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE_TIME_ZONE, SCREENSHOTS, Phone, Watch, expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.e2e

USERNAME = "harbour-hannah"
PRIVACY_REQUIRED = "Please read the privacy notice and tick the box."
# recouple.js leaves when two presses of Escape come less than this many ms apart.
ESCAPE_WINDOW_MS = 800


def assert_recouple_page(page: Page, path: str) -> None:
    """On `path`, under the app's neutral title and nothing more telling."""
    assert page.url.endswith(path), page.url
    assert page.title() == "Recouple"


def assert_neutral_page(page: Page, live_server: LiveServer) -> None:
    assert page.url == f"{live_server.url}/recipes/"
    assert page.title() == "Simple recipes"
    assert "Recouple" not in page.content()


def assert_ran_clean(watch: Watch) -> None:
    """No script error, no CSP violation and nothing in the console."""
    assert watch.page_errors == []
    assert watch.csp_violations == []
    assert watch.console_errors == []


def history_length(page: Page) -> int:
    length: int = page.evaluate("history.length")
    return length


def nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def test_sign_up_sign_out_sign_in_and_leave_quickly_on_a_phone(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.accounts.models import User

    page, watch = phone.page, phone.watch

    page.goto(live_server.url + "/")
    assert_recouple_page(page, "/")

    nav(page).get_by_role("link", name="Create an account", exact=True).tap()
    page.wait_for_url("**/accounts/signup/")
    assert_recouple_page(page, "/accounts/signup/")

    # First try: everything but the privacy box.
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").tap()
    assert_recouple_page(page, "/accounts/signup/")
    assert not User.objects.exists()

    checkbox = page.get_by_label("I have read the privacy notice and I agree to it.")
    error = page.locator("#id_accept_privacy_notice_error")
    assert error.is_visible()
    assert error.inner_text() == PRIVACY_REQUIRED
    # Next to the box: the only field marked wrong, the message right under the box's label,
    # and read out with the box.
    assert page.locator(".field.field-error").count() == 1
    assert page.locator(".field.field-error #id_accept_privacy_notice").count() == 1
    label = page.locator("label[for=id_accept_privacy_notice]").bounding_box()
    error_box = error.bounding_box()
    assert label is not None and error_box is not None
    assert 0 <= error_box["y"] - (label["y"] + label["height"]) < 24
    assert abs(error_box["x"] - label["x"]) < 40
    assert checkbox.get_attribute("aria-invalid") == "true"
    assert "id_accept_privacy_notice_error" in (checkbox.get_attribute("aria-describedby") or "")
    assert page.get_by_label("Username").input_value() == USERNAME

    # Second try: good passwords are kept, so only the box is left to tick.
    assert page.get_by_label("Password", exact=True).input_value() == PASSWORD
    assert page.get_by_label("The same password again").input_value() == PASSWORD
    checkbox.tap()
    assert checkbox.is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").tap()
    # First, the recovery codes, shown this once.
    assert_recouple_page(page, "/accounts/settings/recovery-codes/")
    assert page.locator(".messages").inner_text() == (
        "Welcome. Your account is ready, and it is yours alone."
    )
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    with page.expect_navigation():
        page.get_by_role("link", name="I’ve saved them, continue").tap()
    assert_recouple_page(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {USERNAME}."
    assert User.objects.get(username=USERNAME).time_zone == PHONE_TIME_ZONE

    with page.expect_navigation():
        page.get_by_role("contentinfo").get_by_role("button", name="Sign out").tap()
    assert_recouple_page(page, "/accounts/login/")
    assert "You’re signed out." in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="Sign out").count() == 0

    form = page.locator("main form")
    form.get_by_label("Username").fill(USERNAME)
    form.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        form.get_by_role("button", name="Sign in").tap()
    assert_recouple_page(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {USERNAME}."

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "home-phone.png", full_page=True)

    # Leave quickly replaces the page it leaves in the history: Back skips it and lands on
    # the page before (here, home), and signs out first, so home is the signed-out one.
    nav(page).locator("summary", has_text="More").tap()
    with page.expect_navigation():
        nav(page).get_by_role("link", name="Settings").tap()
    assert_recouple_page(page, "/accounts/settings/")
    entries = history_length(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Leave quickly").tap()
    assert_neutral_page(page, live_server)
    assert history_length(page) == entries
    page.go_back()
    assert_recouple_page(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() != f"Hello, {USERNAME}."
    assert nav(page).get_by_role("link", name="Sign in", exact=True).count() == 1
    page.go_forward()
    assert_neutral_page(page, live_server)

    # Escape twice, quickly, leaves too; two presses far apart do not.
    page.go_back()
    assert_recouple_page(page, "/")
    entries = history_length(page)
    page.keyboard.press("Escape")
    page.wait_for_timeout(ESCAPE_WINDOW_MS + 200)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert_recouple_page(page, "/")
    with page.expect_navigation():
        page.keyboard.press("Escape")
    assert_neutral_page(page, live_server)
    assert history_length(page) == entries

    assert watch.requests
    stray = [url for url in watch.requests if not url.startswith(live_server.url + "/")]
    assert stray == []
    assert_ran_clean(watch)


def is_focused(page: Page, selector: str) -> bool:
    focused: bool = page.evaluate("(s) => document.activeElement.matches(s)", selector)
    return focused


def tab_until(page: Page, selector: str, limit: int = 30) -> None:
    """Press Tab until `selector` has a visible focus, as someone without a pointer would.

    A field the page focused by itself (autofocus) counts as reached; Tab would only walk
    round the whole page back to it.
    """
    for _ in range(limit):
        if not is_focused(page, selector):
            page.keyboard.press("Tab")
        if is_focused(page, selector):
            assert page.evaluate("document.activeElement.matches(':focus-visible')")
            return
    pytest.fail(f"{selector} not reached with {limit} presses of Tab")


def tab_once_to(page: Page, selector: str) -> None:
    """The next field in reading order is exactly one Tab away."""
    assert not is_focused(page, selector)
    tab_until(page, selector, limit=1)


def test_sign_up_and_sign_in_work_with_the_keyboard_alone_on_a_phone(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.accounts.models import User

    page, watch = phone.page, phone.watch

    page.goto(live_server.url + "/accounts/signup/")
    tab_until(page, "#id_username")
    page.keyboard.type(USERNAME)
    tab_once_to(page, "#id_password1")
    page.keyboard.type(PASSWORD)
    tab_once_to(page, "#id_password2")
    page.keyboard.type(PASSWORD)
    tab_once_to(page, "#id_country")
    tab_once_to(page, "#id_accept_privacy_notice")
    page.keyboard.press("Space")
    assert page.locator("#id_accept_privacy_notice").is_checked()
    tab_once_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The recovery codes first; their "continue" is reached from the keyboard too.
    assert_recouple_page(page, "/accounts/settings/recovery-codes/")
    tab_until(page, "main a.button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_recouple_page(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {USERNAME}."
    assert User.objects.filter(username=USERNAME).exists()

    tab_until(page, "footer button.link-button", limit=40)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_recouple_page(page, "/accounts/login/")

    tab_until(page, "#id_username")
    page.keyboard.type(USERNAME)
    tab_once_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_recouple_page(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {USERNAME}."

    assert_ran_clean(watch)
