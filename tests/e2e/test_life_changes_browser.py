"""The path follows a life that changes, walked on a phone (issue 16).

They write first during no contact → a reply the coach reads as a reply → no contact ended
early → the path goes on to friendship and therapy. No contact completes long after the
report → the path asks for the questions again → what changed → the reach-out offers the
apology. Back together → weekly check-ins on the old patterns → a gentle relapse watch.
Days cannot pass in a browser, so what lies in the past is set through the ORM.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import Phone, expect, go, heading, message, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from recouple.accounts.models import User

pytestmark = pytest.mark.e2e

APOLOGY = "I went quiet for days instead of telling you I was scared. I’m sorry."
REPLY = "Thanks for asking. I’m doing okay, and I hope you are too. Take care."
PATTERN = "We never talked about money"


def proceed_with_inventory(user: User, *, days_in: int) -> None:
    """A report that says go ahead, ``days_in`` days of no contact, and one inventory entry."""
    from recouple.amends.models import InventoryEntry
    from recouple.nocontact.models import Period
    from tests.test_assessment import answered

    assert answered(user).make_report().outcome == "proceed"
    Period.objects.create(user=user, started_on=user.today() - timedelta(days=days_in))
    InventoryEntry.objects.create(
        user=user, what_i_did="I went quiet for days", impact="left you guessing"
    )


def hero(page: Page, live_server: LiveServer) -> str:
    page.goto(live_server.url + "/path/")
    text: str = page.locator("section.hero h1").inner_text()
    return text


def test_they_write_first_during_no_contact_then_a_coached_reply_then_the_path_goes_on(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.nocontact.models import Period

    page = phone.page
    user = sign_in(page, live_server, "wren-willow")
    proceed_with_inventory(user, days_in=9)
    assert hero(page, live_server) == "Give yourself space to heal."

    # They write: logged from the path, which now leads to a way through.
    go(page, "link", "They wrote to me")
    page.get_by_label("What they said, in a few words (optional)").fill("Asked how I'm doing")
    go(page, "button", "Log it")
    assert message(page) == "Logged. Take a breath before you decide anything."
    assert heading(page) == "They wrote to you."
    screenshot(page, "they-wrote")

    # A reply, read by the coach as a reply: not held as if it started contact.
    go(page, "link", "Write a reply with the coach")
    expect(page.get_by_label("A reply to a message they sent")).to_be_checked()
    page.locator("main form").get_by_label("Your draft").fill(REPLY)
    expect(page.locator("#coach-result .verdict-label")).to_have_text("Looks kind and clear")
    assert "end no contact early" in page.locator("#coach-result .verdict").inner_text()

    # Ending no contact early, by choice, and the path goes on as from an open answer.
    page.goto(live_server.url + "/reach-out/they-reached-out/")
    go(page, "button", "End no contact now")
    assert message(page) == "No contact is over. Go gently, and go slowly."
    assert Period.objects.get(user=user).ended_on == user.today()
    assert hero(page, live_server) == "They’re open to talking. Go slowly."
    assert "Keep no contact today" not in page.locator("main").inner_text()
    go(page, "link", "Do this now")
    assert heading(page) == "First, an honest question"
    phone.watch.assert_clean(live_server.url)


def test_no_contact_completes_then_the_questions_again_then_the_apology_is_offered(
    phone: Phone, live_server: LiveServer
) -> None:
    from django.utils.timezone import now

    from recouple.amends.models import Amends
    from recouple.assessment.models import Report

    page = phone.page
    user = sign_in(page, live_server, "robin-reed")
    proceed_with_inventory(user, days_in=45)
    Report.objects.filter(user=user).update(created=now() - timedelta(days=45))
    amends = Amends.for_user(user)
    amends.apology = APOLOGY
    amends.save()

    assert hero(page, live_server) == "No contact is done. Look again before you reach out."
    assert "before your time apart" in page.locator("main").inner_text()
    screenshot(page, "retake-after-no-contact")
    page.goto(live_server.url + "/reach-out/")
    assert heading(page) == "Not yet"
    assert "Opens when you’ve retaken the questions." in page.locator("main .lead").inner_text()

    # The questions again (the answers are kept; this is a fresh report on them).
    page.goto(live_server.url + "/reflect/review/")
    go(page, "button", "See my report")
    assert hero(page, live_server) == "You’re ready to reach out, once."
    expect(
        page.get_by_role("heading", name="What changed since your earlier answers")
    ).to_be_visible()

    go(page, "link", "Do this now")
    assert heading(page) == "Reach out, once"
    assert APOLOGY in page.locator("main details[open]").inner_text()
    go(page, "button", "Start from my apology")
    box = page.get_by_label("Your one message", exact=True)
    assert box.input_value().replace("\r\n", "\n") == APOLOGY
    screenshot(page, "reach-out-with-apology")
    phone.watch.assert_clean(live_server.url)


def test_back_together_then_weekly_check_ins_on_the_old_patterns(
    phone: Phone, live_server: LiveServer
) -> None:
    from django.utils.timezone import now

    from recouple.reconnect.models import Outreach, PatternCheck

    page = phone.page
    user = sign_in(page, live_server, "ash-alder")
    proceed_with_inventory(user, days_in=40)
    outreach = Outreach.for_user(user)
    outreach.message, outreach.sent_at = "I still care.", now()
    outreach.save()
    outreach.record_answer("open")

    page.goto(live_server.url + "/reach-out/")
    go(page, "link", "Where you are now")
    page.get_by_role("group", name="Where are the two of you now?").get_by_label(
        "We’re back together"
    ).check()
    go(page, "button", "Save")
    assert message(page) == "Saved. Go gently with each other."
    assert heading(page) == "Back together"
    assert PATTERN in page.locator("main").inner_text()  # named in the assessment

    for _ in range(2):
        form = page.locator("main form").filter(
            has=page.get_by_role("button", name="Save the check-in")
        )
        form.get_by_label("The old pattern", exact=True).fill(PATTERN)
        form.get_by_role("group", name="How was it this week?").get_by_label(
            "The old pattern is back"
        ).check()
        go(page, "button", "Save the check-in")
        assert message(page) == "Checked in. Noticing is the work."
    assert PatternCheck.objects.filter(user=user).count() == 2
    expect(page.get_by_role("heading", name="An old pattern keeps coming back")).to_be_visible()
    screenshot(page, "back-together")
    assert hero(page, live_server) == "You’re back together. Go gently."
    phone.watch.assert_clean(live_server.url)
