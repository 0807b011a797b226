"""Mood as Daylio does it well and habits as Loop does, on a 390×844 phone: the user's own
feeling words and activities, what goes with their moods, a habit measured in minutes with
a reminder time, and its month calendar. Each new page is checked by axe in light and dark."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import Phone, expect, heading, message, screenshot, sign_in
from tests.e2e.test_accessibility_browser import axe_problems, set_scheme
from tests.e2e.test_everyday_browser import sideways

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def axe_light_and_dark(page: Page) -> list[str]:
    problems: list[str] = []
    for scheme in ("light", "dark"):
        set_scheme(page, scheme)
        problems += axe_problems(page)
    set_scheme(page, "light")
    return problems


def test_own_words_on_a_phone_from_adding_to_what_goes_with_the_moods(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.journal.models import Entry, EntryWord, Word

    page = phone.page
    user = sign_in(page, live_server, "daylio-fan")
    page.goto(live_server.url + "/journal/")
    with page.expect_navigation():
        page.get_by_role("link", name="Add your own feelings and activities").first.tap()
    assert heading(page) == "Your own feelings and activities"
    form = page.locator("main form").first
    form.get_by_label("Activity", exact=True).check()
    form.get_by_label("The word").fill("Choir")
    with page.expect_navigation():
        form.get_by_role("button", name="Add it").tap()
    assert "Added “Choir”" in message(page)
    # One already there is refused, and what was typed stays in the box.
    form = page.locator("main form").first
    form.get_by_label("Feeling", exact=True).check()
    form.get_by_label("The word").fill("Lonely")
    with page.expect_navigation():
        form.get_by_role("button", name="Add it").tap()
    expect(page.locator("main")).to_contain_text("You already have “Lonely”.")
    expect(page.locator("main form").first.get_by_label("The word")).to_have_value("Lonely")
    assert axe_light_and_dark(page) == []
    assert sideways(page) == 0
    screenshot(page, "mood-own-words")

    # On the journal form, beside the built-in ones.
    page.goto(live_server.url + "/journal/")
    page.locator("label.choice", has_text="Good").first.tap()
    page.locator("label.own-word", has_text="Choir").tap()
    page.locator("label.choice", has_text="Friends").tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Save entry").tap()
    expect(page.locator("main")).to_contain_text("Choir")
    entry = Entry.objects.get(user=user)
    assert [str(w.name) for w in entry.words.all()] == ["Choir"]

    # A few weeks on: what goes with the moods, with and without.
    choir = Word.objects.get(user=user)
    today = user.today()
    for back in range(1, 21):
        day = today - timedelta(days=back)
        if day.year != today.year:
            continue
        sings = back % 3 == 0
        made = Entry.objects.create(
            user=user, day=day, mood=5 if sings else 1 + back % 3, activities="work"
        )
        if sings:
            EntryWord.objects.create(entry=made, word=choir)
    page.goto(live_server.url + "/journal/year/")
    companions = page.locator(".companions li", has_text="Choir")
    expect(companions).to_contain_text("With it:")
    expect(companions).to_contain_text("Without it:")
    assert axe_light_and_dark(page) == []
    assert sideways(page) == 0
    page.locator("#companions-heading").scroll_into_view_if_needed()
    screenshot(page, "mood-with-and-without")
    # The refused word came back as a 400 on purpose (the browser logs that); nothing else.
    refused = [e for e in phone.watch.console_errors if "status of 400" in e]
    assert len(refused) == 1
    phone.watch.console_errors.remove(refused[0])
    phone.watch.assert_clean(live_server.url)


def test_a_measured_habit_with_a_reminder_and_its_calendar_on_a_phone(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.growth.models import Check, Habit

    page = phone.page
    user = sign_in(page, live_server, "loop-fan")
    page.goto(live_server.url + "/grow/")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Add a habit").tap()
    page.get_by_label("The habit").fill("Walk")
    page.get_by_label("A number to reach each day (optional)").fill("30")
    page.get_by_label("Of what? (optional)").fill("minutes")
    # A minute past midnight: already due whenever the test runs.
    page.get_by_label("Remind me at (optional)").fill("00:01")
    assert axe_light_and_dark(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Save").tap()
    habit = Habit.objects.get(user=user)
    assert (habit.target, habit.unit) == (30, "minutes")

    # Twelve minutes today: part of it, swapped in place.
    row = page.locator(f"#habit-{habit.pk}")
    row.get_by_label("Today, of 30 minutes").fill("12")
    row.get_by_role("button", name="Save").tap()
    expect(page.locator(f"#habit-{habit.pk} .habit-state")).to_have_text("12 of 30")
    assert Check.objects.get(habit=habit).mark == "partial"
    assert axe_light_and_dark(page) == []
    assert sideways(page) == 0
    screenshot(page, "habit-measured")

    # The reminder set for it shows under Reminders while it isn't done.
    page.goto(live_server.url + "/reminders/")
    expect(page.locator("main")).to_contain_text("A habit for today")
    expect(page.locator("main")).to_contain_text("Walk")

    # Weeks of history, then the month calendar and the month before.
    today = user.today()
    Habit.objects.filter(pk=habit.pk).update(started_on=today - timedelta(days=45))
    Check.objects.bulk_create(
        Check(
            habit=habit,
            day=today - timedelta(days=back),
            mark="done" if back % 3 else "partial",
            amount=30 if back % 3 else 10,
        )
        for back in range(1, 45, 2)
    )
    page.goto(live_server.url + f"/grow/habits/{habit.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="See every month").tap()
    assert heading(page) == today.strftime("%B %Y")
    table = page.locator("table.habit-calendar")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert axe_light_and_dark(page) == []
    assert sideways(page) == 0
    screenshot(page, "habit-calendar")
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Other months").get_by_role("link").first.tap()
    assert heading(page) == last_month.strftime("%B %Y")
    expect(page.locator("td.cal-done").first).to_be_visible()
    assert axe_light_and_dark(page) == []
    phone.watch.assert_clean(live_server.url)
