"""The safety net on a phone, from the first minute: a new account in a US time zone gets the
988 Lifeline on Help without visiting Settings, Pause is in the header on the first page,
words of crisis in the journal and in a draft bring support and nothing else (while saving
still works), and leaving quickly signs out, so Back finds the person signed out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE, Phone, Watch, expect, go, heading, message, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.e2e

USERNAME = "first-night-frankie"
US_ZONE = "America/New_York"
CRISIS = "I want to kill myself"
TRUSTED_NAME = "Sam"
TRUSTED_PHONE = "+1 (555) 010-9988"
# Between keys, as a quick thumb types; the pages wait for a pause before reading.
KEY_DELAY_MS = 40


@pytest.fixture
def us_phone(browser: Browser, live_server: LiveServer) -> Iterator[Phone]:
    """The conftest's phone, but its clock is in New York."""
    context = browser.new_context(**{**PHONE, "timezone_id": US_ZONE, "locale": "en-US"})
    context.set_default_timeout(10_000)
    watch = Watch()
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("console", watch.on_console)
    page = context.new_page()
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    yield Phone(page=page, watch=watch)
    context.close()


def header_pause(page: Page) -> Locator:
    return page.locator("header.site-header").get_by_role("link", name="Pause", exact=True)


def nav(page: Page, name: str) -> None:
    """Tap a link of the main menu (opening More when it is in there) and wait for the page."""
    menu = page.get_by_role("navigation", name="Main")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        menu.locator("summary", has_text="More").tap()
    with page.expect_navigation():
        link.tap()


def assert_support_only(card: Locator, page: Page) -> None:
    """988 first, the safety plan one tap away, the trusted person's Call and Text."""
    expect(card).to_be_visible()
    assert card.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    assert card.get_by_role("link", name="Text 988").get_attribute("href") == "sms:988"
    call = card.get_by_role("link", name=f"Call {TRUSTED_NAME}")
    assert call.get_attribute("href") == "tel:+15550109988"
    text = card.get_by_role("link", name=f"Text {TRUSTED_NAME}")
    assert text.get_attribute("href") == "sms:+15550109988"
    assert card.get_by_role("link", name=re.compile("safety plan")).count() == 1
    # No coaching of the words beneath it: at most the coach's own "Your safety" note.
    main = page.locator("main")
    assert main.locator(".finding-item:not(.finding-self_harm), .kinder-offer").count() == 0


def test_a_first_night_on_a_phone_support_comes_first_and_leaving_signs_out(
    us_phone: Phone, live_server: LiveServer
) -> None:
    from recouple.accounts.models import User
    from recouple.drafts.models import Draft
    from recouple.journal.models import Entry

    page, watch = us_phone.page, us_phone.watch

    # Sign up: the phone's clock says New York, so the country is already the US.
    page.goto(live_server.url + "/accounts/signup/")
    country = page.get_by_label("Where you live")
    expect(country).to_have_value("US")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_label("I have read the privacy notice and I agree to it.").check()
    screenshot(page, "safety-signup-country")
    go(page, "button", "Create account")
    user = User.objects.get(username=USERNAME)
    assert (user.country, user.time_zone) == ("US", US_ZONE)

    # The first page after sign-up (the recovery codes, shown once) already offers the pause,
    # and it fits on the phone.
    assert page.url == live_server.url + "/accounts/settings/recovery-codes/"
    pause = header_pause(page)
    expect(pause).to_be_visible()
    box = pause.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    screenshot(page, "safety-first-page")

    # Help shows 988 at once, without a visit to Settings.
    nav(page, "Help now")
    lines = page.locator("main .crisis-lines")
    assert "988 Suicide & Crisis Lifeline" in lines.inner_text()
    assert lines.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    screenshot(page, "safety-help-us")

    # Someone to call: chosen once, from Help.
    with page.expect_navigation():
        page.get_by_role("link", name="Add someone you trust, to call or text from here").tap()
    page.get_by_label("Their name").fill(TRUSTED_NAME)
    page.get_by_label("Their phone number").fill(TRUSTED_PHONE)
    go(page, "button", "Save")
    assert message(page) == "Saved. Call and Text links now show when you need them."

    # The pause without a period: breathing, the urge log, the letter, and one line of why.
    with page.expect_navigation():
        header_pause(page).tap()
    assert heading(page) == "Pause. Breathe."
    assert page.get_by_role("link", name=f"Call {TRUSTED_NAME}").count() == 1
    page.get_by_label("One line: why I’m doing this").fill("So I can heal before anything else")
    go(page, "button", "Keep it here")
    assert "So I can heal before anything else" in page.locator("blockquote.reasons").inner_text()
    screenshot(page, "safety-pause-day-one")

    # The journal: the card comes while typing, support only, and the entry still saves.
    nav(page, "Journal")
    page.get_by_role("group", name="How are you, overall?").get_by_label(
        "Very low", exact=True
    ).check()
    page.locator("main form").get_by_label("Write as much or as little as you like").click()
    page.keyboard.type(CRISIS, delay=KEY_DELAY_MS)
    card = page.locator("#journal-crisis .crisis-card")
    assert_support_only(card, page)
    assert "No rush" in card.inner_text()  # the plan, offered gently, the first time
    screenshot(page, "safety-journal-crisis")
    go(page, "button", "Save entry")
    assert message(page) == "Saved. Only you can read it."
    assert str(Entry.objects.get(user=user).text) == CRISIS
    assert_support_only(page.locator("main .crisis-card"), page)

    # A draft: support first and only, no coaching of the message, and it saves.
    nav(page, "Before you send")
    page.locator("#id_text").click()
    page.keyboard.type(
        "Please come back, I'm begging you. Everyone would be better off without me.",
        delay=KEY_DELAY_MS,
    )
    card = page.locator("#coach-result .crisis-card")
    assert_support_only(card, page)
    assert page.get_by_role("button", name="Try it this way").count() == 0
    screenshot(page, "safety-draft-crisis")
    go(page, "button", "Save privately")
    assert message(page) == "Saved. Only you can see it."
    assert Draft.objects.filter(user=user).count() == 1
    assert_support_only(page.locator("#coach-result .crisis-card"), page)
    draft_url = page.url

    # Leave quickly: the plain page, and Back finds the person signed out.
    with page.expect_navigation(url=f"{live_server.url}/recipes/"):
        page.get_by_role("link", name="Leave quickly").tap()
    assert page.title() == "Simple recipes"
    page.go_back()
    page.wait_for_load_state()
    assert page.url != draft_url
    assert page.url.startswith(live_server.url + "/accounts/login/"), page.url
    assert page.locator("main form").get_by_label("Username").count() == 1
    assert "Please come back" not in page.content()
    screenshot(page, "safety-back-signed-out")

    stray = [url for url in watch.requests if not url.startswith(live_server.url + "/")]
    assert stray == []
    assert watch.page_errors == [] and watch.console_errors == []


def test_a_safety_plan_written_on_a_phone_prints_as_a_clean_page(
    us_phone: Phone, live_server: LiveServer
) -> None:
    from recouple.accounts.models import User
    from recouple.safety.models import SafetyPlan

    page, watch = us_phone.page, us_phone.watch
    user = User.objects.create_account("plan-writer", PASSWORD, US_ZONE, "US")
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form")
    form.get_by_label("Username").fill("plan-writer")
    form.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        form.get_by_role("button", name="Sign in").tap()

    nav(page, "Help now")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="My safety plan").tap()
    assert heading(page) == "My safety plan"
    page.get_by_label("Signs that a hard moment is coming").fill("Lying awake after 2 a.m.")
    page.get_by_label("My reasons to keep going").fill("My sister. The dog. <b>Spring</b>.")
    screenshot(page, "safety-plan-form")
    go(page, "button", "Save my plan")
    assert message(page) == "Saved. It’s here whenever you need it."
    assert str(SafetyPlan.objects.get(user=user).reasons) == "My sister. The dog. <b>Spring</b>."

    go(page, "link", "A page to print")
    assert page.title() == "Recouple"
    assert page.locator("nav, header, footer").count() == 0
    assert "My sister. The dog. <b>Spring</b>." in page.locator("main").inner_text()
    assert "988" in page.locator("main").inner_text()
    screenshot(page, "safety-plan-print")
    stray = [url for url in watch.requests if not url.startswith(live_server.url + "/")]
    assert stray == [] and watch.page_errors == [] and watch.console_errors == []
