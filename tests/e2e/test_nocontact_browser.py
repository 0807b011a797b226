"""No contact on a phone: start, pause, urges, letters, slips, check-ins and the calendar.

One browser serves the whole module (each test still gets its own fresh context). The first
test walks a whole first day through the pages; the second builds a longer period with the
ORM, since days cannot pass in a browser test, and reads the counters and the calendar.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from django.utils.dateformat import format as date_format

from tests.e2e.conftest import Phone, expect, go, heading, message, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

    from recouple.accounts.models import User
    from recouple.nocontact.models import Period

pytestmark = pytest.mark.e2e

USERNAME = "willow-wren"
REASONS = "He only called when he was lonely.\nI want to sleep through the night again."
LETTER = "I still look for your car on our street. I won’t send this."
# Every page a signed-in user can reach from the menu and the footer.
PAGES = [
    "/",
    "/no-contact/",
    "/no-contact/calendar/",
    "/no-contact/letters/",
    "/accounts/settings/",
    "/help/",
    "/privacy/",
]


def long_date(day: date) -> str:
    """A day as the pages write it: 27 December 2026."""
    return date_format(day, "j F Y")


def pause_link(page: Page) -> Locator:
    return page.locator("header.site-header").get_by_role("link", name="Pause", exact=True)


def remember_this_page(page: Page) -> None:
    """Mark the loaded page; `still_this_page` is true only while no other page has loaded."""
    page.evaluate("window.stillThisPage = true")


def still_this_page(page: Page) -> bool:
    kept: bool = page.evaluate("window.stillThisPage === true")
    return kept


def facts(page: Page, counter: str) -> dict[str, str]:
    """A counter card's numbers: the big one as "Now", then each fact by its name."""
    card = page.locator(f"#counter-{counter}")
    names = card.locator("dt").all_inner_texts()
    values = card.locator("dd").all_inner_texts()
    return {
        "Now": card.locator(".counter-big").inner_text(),
        **dict(zip(names, values, strict=True)),
    }


def calendar_cells(page: Page) -> dict[int, dict[str, object]]:
    """Each day cell of the month shown, by day of the month: its classes, marks and words."""
    cells: dict[int, dict[str, object]] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("table.calendar td.day")].map(
          (td) => [td.querySelector(".day-number").textContent.trim(), {
            classes: [...td.classList].filter((name) => name !== "day").sort(),
            marks: [...td.querySelectorAll(".mark")].map((mark) => mark.classList[1]),
            said: td.querySelector(".visually-hidden").textContent.trim(),
          }]
        ))"""
    )
    return {int(number): cell for number, cell in cells.items()}


def log_slip(page: Page, how: str, today: date) -> None:
    """From the overview, log today's slip through "Log a slip or contact", as it is filled in."""
    go(page, "link", "Log a slip or contact")
    assert heading(page) == "Log a slip or contact"
    # Today, something I did: what the form offers before anything is touched.
    assert page.get_by_label("Which day?").input_value() == today.isoformat()
    assert not page.get_by_label("They started it").is_checked()
    assert page.get_by_label("I answered or joined in").is_checked()
    page.get_by_role("group", name="How?").get_by_label(how, exact=True).check()
    go(page, "button", "Log it")


def test_a_first_day_of_no_contact_on_a_phone_from_the_start_to_the_calendar(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.nocontact.models import CheckIn, Contact, Letter, Period, Urge

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    today = user.today()
    # Pause is there from day one, before any period has started.
    assert pause_link(page).count() == 1

    # Start: the suggestion follows what is typed, without a page load.
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="No contact").tap()
    assert page.url == live_server.url + "/no-contact/"
    assert heading(page) == "Start no contact"
    remember_this_page(page)
    page.get_by_label("How many months were you together? (optional)").fill("30")
    page.get_by_label("How many months were you together? (optional)").press("Tab")
    expect(page.locator("#suggestion strong")).to_have_text("We suggest 60 days.")
    # The suggestion is put into the days box, not only named.
    expect(page.get_by_label("How many days?")).to_have_value("60")
    page.get_by_label("I’ve tried no contact before and broken it").check()
    expect(page.locator("#suggestion strong")).to_have_text("We suggest 90 days.")
    expect(page.get_by_label("How many days?")).to_have_value("90")
    assert still_this_page(page)
    page.get_by_label("Your reasons, in your own words").fill(REASONS)
    page.get_by_label("I’ve blocked them").check()
    screenshot(page, "nocontact-start")
    go(page, "button", "Start today")

    assert page.url == live_server.url + "/no-contact/"
    assert message(page) == "Day one. You’ve started, and that’s the hardest part."
    assert heading(page) == "1 day without contact"
    period = Period.objects.get(user=user)
    # Browsers send a textarea's line breaks as CRLF.
    assert period.reasons.replace("\r\n", "\n") == REASONS
    assert (period.started_on, period.target_days) == (today, 90)
    assert (period.relationship_months, period.broke_before, period.blocked) == (30, True, True)

    # The header offers the pause on every page, and it fits on the phone.
    for path in PAGES:
        page.goto(live_server.url + path)
        link = pause_link(page)
        assert link.get_attribute("href") == "/no-contact/pause/", path
        box = link.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, path

    # The pause: their own words, today's run, and a minute that counts down.
    with page.expect_navigation():
        pause_link(page).tap()
    assert page.url == live_server.url + "/no-contact/pause/"
    assert heading(page) == "Pause. Breathe."
    assert page.locator("blockquote.reasons").inner_text() == REASONS
    words = page.locator("section[aria-labelledby=why-heading]")
    assert "1 day without contact so far." in words.inner_text()
    countdown = page.locator("#countdown")
    assert countdown.inner_text() == "60"
    remember_this_page(page)
    start = page.get_by_role("button", name="Start the minute")
    start.tap()
    expect(start).to_be_hidden()
    page.wait_for_timeout(2_500)
    seconds_left = int(countdown.inner_text())
    assert 55 <= seconds_left < 60
    assert page.locator("#breathe-cue").inner_text() in ("Breathe in…", "and out…")

    # One tap logs the urge; the message takes the buttons' place and the minute runs on.
    urge = page.locator("section[aria-labelledby=urge-heading]")
    urge.get_by_role("button", name="Strong", exact=True).tap()
    expect(urge.locator("#urge-log")).to_contain_text("Logged. Urges peak and then fade")
    assert urge.get_by_role("button").count() == 0
    assert urge.get_by_role("link", name="Add what set it off").is_visible()
    assert still_this_page(page)
    expect(start).to_be_hidden()
    page.wait_for_function(
        "(left) => Number(document.getElementById('countdown').textContent) < left",
        arg=seconds_left,
    )
    logged = Urge.objects.get(user=user)
    assert (logged.day, logged.intensity) == (today, 5)
    screenshot(page, "nocontact-pause")

    # An unsent letter, sealed for the suggested thirty days.
    sealed_until = today + timedelta(days=30)
    letter_form = page.locator("section[aria-labelledby=letter-heading]")
    assert (
        letter_form.get_by_label("Keep it sealed until").input_value() == sealed_until.isoformat()
    )
    letter_form.get_by_label("Your letter").fill(LETTER)
    with page.expect_navigation():
        letter_form.get_by_role("button", name="Seal it").tap()
    assert page.url == live_server.url + "/no-contact/letters/"
    assert message(page) == (
        f"Sealed until {long_date(sealed_until)}. You got through this moment without sending it."
    )
    listed = page.locator("main ul.item-list li.item")
    expect(listed).to_have_count(1)
    assert listed.locator(".tag").inner_text() == f"Sealed until {long_date(sealed_until)}"
    assert listed.get_by_role("link").count() == 0
    assert LETTER not in page.content()
    page.goto(f"{live_server.url}/no-contact/letters/{Letter.objects.get(user=user).pk}/")
    assert heading(page) == "Still sealed"
    assert long_date(sealed_until) in page.locator("main .lead").inner_text()
    assert "I still look" not in page.content()

    # Two slips today: a look at their social media, then a text.
    page.goto(live_server.url + "/no-contact/")
    log_slip(page, "Looked at their social media", today)
    assert message(page).startswith("Logged. A slip is not the end")
    assert heading(page) == "1 day without contact"
    log_slip(page, "Text or message", today)
    assert sorted(Contact.objects.values_list("counter", "is_slip", "day")) == [
        ("contact", True, today),
        ("social", True, today),
    ]

    # The overview counts both, each apart, and says so kindly.
    assert heading(page) == "A new start"
    hero = page.locator("section.hero").inner_text()
    assert "Today counts as a slip, and that’s okay." in hero
    assert "90 days to go." in hero
    assert facts(page, "contact") == {
        "Now": "0",
        "Longest run": "0",
        "Clean days": "0 / 1",
        "Slips": "1",
    }
    assert facts(page, "social") == {
        "Now": "0",
        "Longest run": "0",
        "Clean days": "0 / 1",
        "Slips": "1",
    }
    recent = page.locator("section[aria-labelledby=log-heading] li.item .tag").all_inner_texts()
    assert sorted(recent) == ["Contact slip", "Social media slip"]
    assert "1 urge logged this week." in page.locator("main").inner_text()

    # Today's boundaries: one tap each, marked in place.
    remember_this_page(page)
    for boundary, answer, other in (
        ("Stayed off their social media", "Not today", "Yes, kept"),
        ("No sex, no “situationship”", "Yes, kept", "Not today"),
    ):
        group = page.locator("#checkins").get_by_role("group", name=boundary)
        group.get_by_role("button", name=answer).tap()
        expect(group.get_by_role("button", name=answer)).to_have_attribute("aria-pressed", "true")
        assert group.get_by_role("button", name=other).get_attribute("aria-pressed") == "false"
    assert still_this_page(page)
    assert sorted(CheckIn.objects.values_list("boundary", "kept", "day")) == [
        ("no_sex", True, today),
        ("no_social", False, today),
    ]
    screenshot(page, "nocontact-overview")

    # The calendar: today is the one day of the period, a slip day with all three marks.
    go(page, "link", "See the calendar")
    assert page.url == live_server.url + "/no-contact/calendar/"
    assert page.locator(".month-title").inner_text() == date_format(today, "F Y")
    cells = calendar_cells(page)
    assert cells.pop(today.day) == {
        "classes": ["slip", "social", "today"],
        "marks": ["mark-slip", "mark-social", "mark-urge"],
        "said": "contact slip, looked at their social media, 1 urge",
    }
    assert {number: cell["classes"] for number, cell in cells.items()} == {
        number: ["out"] for number in cells
    }

    phone.watch.assert_clean(live_server.url)


def period_of_eleven_days(user: User) -> Period:
    """Started ten days ago; a text slip 3 days ago, social media 8 days and 1 day ago.

    Contact: 7 clean days, the slip, then 3 clean days (today included). Social media: 2 clean
    days, a look, 6 clean days, a look, and today. A message they started that went unanswered
    (5 days ago) is no slip, and an urge (3 days ago) is only a mark.
    """
    from recouple.nocontact.models import Contact, Period, Urge

    today = user.today()
    period = Period.objects.create(
        user=user, started_on=today - timedelta(days=10), target_days=30, reasons=REASONS
    )
    Contact.objects.create(period=period, day=today - timedelta(days=3), channel="text")
    Contact.objects.create(
        period=period,
        day=today - timedelta(days=5),
        channel="call",
        they_started=True,
        replied=False,
    )
    for ago in (8, 1):
        Contact.objects.create(
            period=period, day=today - timedelta(days=ago), channel="social_media"
        )
    Urge.objects.create(user=user, day=today - timedelta(days=3), intensity=8)
    return period


def expected_cell(period: Period, day: date, today: date) -> tuple[list[str], list[str]]:
    """The classes and marks `period_of_eleven_days` should give `day` on the calendar."""
    ago = (today - day).days
    classes = ["out"] if not period.started_on <= day <= today else ["clean"]
    marks = []
    if ago == 3:
        classes, marks = ["slip"], ["mark-slip"]
    if ago in (8, 1):
        classes.append("social")
        marks.append("mark-social")
    if ago == 3:
        marks.append("mark-urge")
    if ago == 0:
        classes.append("today")
    return sorted(classes), marks


def test_runs_over_eleven_days_show_on_the_overview_and_day_by_day_on_the_calendar(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    today = user.today()
    period = period_of_eleven_days(user)

    page.goto(live_server.url + "/no-contact/")
    assert heading(page) == "3 days without contact"
    assert page.locator("progress.meter").get_attribute("aria-label") == "3 of 30 days"
    assert "27 days to go." in page.locator("section.hero").inner_text()
    assert page.locator(".milestone").inner_text() == (
        "Three days. The first ones are often the hardest."
    )
    assert facts(page, "contact") == {
        "Now": "3",
        "Longest run": "7",
        "Clean days": "10 / 11",
        "Slips": "1",
    }
    assert facts(page, "social") == {
        "Now": "1",
        "Longest run": "6",
        "Clean days": "9 / 11",
        "Slips": "2",
    }
    recent = page.locator("section[aria-labelledby=log-heading] li.item .tag").all_inner_texts()
    assert recent == [
        "Social media slip",
        "Contact slip",
        "Not answered, not a slip",
        "Social media slip",
    ]
    assert "3 days without contact so far." in pause_page_words(page, live_server)

    # Day by day, month by month: the eleven days may begin in the month before this one.
    months = sorted({period.started_on.replace(day=1), today.replace(day=1)})
    page.goto(live_server.url + "/no-contact/")
    go(page, "link", "See the calendar")
    if len(months) == 2:
        go(page, "link", "Previous month")
    for month in months:
        assert page.locator(".month-title").inner_text() == date_format(month, "F Y")
        shown = calendar_cells(page)
        assert {n: (cell["classes"], cell["marks"]) for n, cell in shown.items()} == {
            n: expected_cell(period, month.replace(day=n), today) for n in shown
        }
        if month != months[-1]:
            go(page, "link", "Next month")
    screenshot(page, "nocontact-calendar")

    phone.watch.assert_clean(live_server.url)


def pause_page_words(page: Page, live_server: LiveServer) -> str:
    page.goto(live_server.url + "/no-contact/pause/")
    text: str = page.locator("section[aria-labelledby=why-heading]").inner_text()
    return text


# Bugs the walk-throughs found in src/, each pinned by a test that fails until it is fixed.


def slipped_on_day_one(user: User) -> Period:
    """A period started today, with a text sent today, and an urge logged today."""
    from recouple.nocontact.models import Contact, Period, Urge

    period = Period.objects.create(user=user, started_on=user.today(), reasons=REASONS)
    Contact.objects.create(period=period, day=user.today(), channel="text")
    Urge.objects.create(user=user, day=user.today(), intensity=5)
    return period


def test_a_slip_on_the_first_day_does_not_offer_a_longest_run_of_0_days(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    slipped_on_day_one(sign_in(page, live_server, USERNAME))
    page.goto(live_server.url + "/no-contact/")
    assert heading(page) == "A new start"
    assert re.search(r"\b0 days", page.locator("section.hero").inner_text()) is None
    phone.watch.assert_clean(live_server.url)


def test_the_pause_on_a_slip_day_neither_counts_0_days_nor_warns_of_restarting_them(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    slipped_on_day_one(sign_in(page, live_server, USERNAME))
    words = pause_page_words(page, live_server)
    assert "0 days without contact so far." not in words
    assert "would start that count again" not in words
    phone.watch.assert_clean(live_server.url)


def test_number_and_date_fields_are_as_easy_to_tap_as_the_others(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    sign_in(page, live_server, USERNAME)
    # Tall enough to tap (44 px, like the text fields) and in the page's own type, not the
    # browser's small default.
    looks = {}
    for path, label in (
        ("/no-contact/", "How many days?"),
        ("/no-contact/", "How many months were you together? (optional)"),
        ("/no-contact/letters/", "Keep it sealed until"),
    ):
        page.goto(live_server.url + path)
        looks[label] = page.get_by_label(label, exact=True).evaluate(
            """(input) => [
              input.getBoundingClientRect().height >= 44,
              getComputedStyle(input).fontFamily === getComputedStyle(document.body).fontFamily,
            ]"""
        )
    assert looks == dict.fromkeys(looks, [True, True])
    phone.watch.assert_clean(live_server.url)


def test_the_calendar_marks_are_left_to_the_words_for_screen_readers(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    slipped_on_day_one(sign_in(page, live_server, USERNAME))
    page.goto(live_server.url + "/no-contact/calendar/")
    heard = page.locator("table.calendar td.today .mark").evaluate_all(
        "(marks) => marks.filter((mark) => !mark.closest('[aria-hidden=true]')).length"
    )
    assert heard == 0
    phone.watch.assert_clean(live_server.url)


def test_a_check_in_by_keyboard_keeps_the_focus_on_the_answer(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.nocontact.models import Period

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    Period.objects.create(user=user, started_on=user.today())
    page.goto(live_server.url + "/no-contact/")
    group = page.locator("#checkins").get_by_role("group", name="Stayed off their social media")
    group.get_by_role("button", name="Yes, kept").focus()
    page.keyboard.press("Enter")
    expect(group.get_by_role("button", name="Yes, kept")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        "document.activeElement.textContent.trim() === 'Yes, kept'", timeout=2_000
    )
    phone.watch.assert_clean(live_server.url)


def test_after_the_one_tap_urge_the_focus_moves_to_the_message(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    sign_in(page, live_server, USERNAME)
    page.goto(live_server.url + "/no-contact/pause/")
    page.get_by_role("button", name="Strong", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#urge-log")).to_contain_text("Logged.")
    # htmx moves focus (to an autofocus element) only once the new content has settled.
    page.wait_for_function("document.activeElement.closest('#urge-log') !== null", timeout=2_000)
    phone.watch.assert_clean(live_server.url)
