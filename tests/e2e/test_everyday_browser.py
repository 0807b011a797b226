"""Every day on a phone (390×844): the menu reaches every part of the app without sideways
scrolling, each feature keeps one name, and the rough edges seen on a first walk are gone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import SCREENSHOTS, Phone, expect, heading, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

USERNAME = "walker"
# Every part of the app, by the one name it has in the menu, and where it leads.
BAR = [
    ("Today", "/"),
    ("Journal", "/journal/"),
    ("Grow", "/grow/"),
    ("No contact", "/no-contact/"),
]
MORE = [
    ("Help now", "/help/"),
    ("Your path", "/path/"),
    ("Reflect", "/reflect/"),
    ("Make it right", "/make-it-right/"),
    ("Reach out", "/reach-out/"),
    ("Before you send", "/before-you-send/"),
    ("Reminders", "/reminders/"),
    ("Settings", "/accounts/settings/"),
]


def on_screen(page: Page, locator: Locator) -> bool:
    """Wholly inside the phone's screen as the page stands, without scrolling anything."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"] + 0.5
        and box["y"] + box["height"] <= size["height"] + 0.5
    )


def sideways(page: Page) -> int:
    """How far anything on the page reaches past the screen's right edge, in CSS pixels."""
    over: int = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          let most = document.documentElement.scrollWidth - width;
          for (const el of document.querySelectorAll('nav, nav *')) {
            const scrolls = getComputedStyle(el).overflowX !== 'visible';
            if (scrolls && el.scrollWidth > el.clientWidth + 1) {
              most = Math.max(most, el.scrollWidth - el.clientWidth);
            }
          }
          return most;
        }"""
    )
    return over


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def open_more(page: Page) -> Locator:
    more = menu(page).locator("summary", has_text="More")
    if menu(page).locator("details[open]").count() == 0:
        more.click()
    return menu(page).locator(".more-list")


def test_every_part_of_the_app_is_reachable_from_the_phone_menu_without_sideways_scrolling(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.nocontact.models import Period

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    Period.objects.create(user=user, started_on=user.today())
    page.reload()

    assert sideways(page) == 0
    # The header keeps the two ways out of a hard moment: a pause, and leaving quickly.
    header = page.locator("header")
    expect(header.get_by_role("link", name="Pause", exact=True)).to_be_visible()
    expect(header.get_by_role("link", name="Leave quickly", exact=True)).to_be_visible()
    for name, _ in BAR:
        assert on_screen(page, menu(page).get_by_role("link", name=name, exact=True)), name
    screenshot(page, "nav-bar")
    listed = open_more(page)
    for name, _ in MORE:
        assert on_screen(page, listed.get_by_role("link", name=name, exact=True)), name
    assert sideways(page) == 0
    screenshot(page, "nav-more-open")

    for name, path in BAR + MORE:
        if any(name == more for more, _ in MORE):
            open_more(page)
        with page.expect_navigation():
            menu(page).get_by_role("link", name=name, exact=True).click()
        assert page.url.startswith(live_server.url + path), (name, page.url)
        assert sideways(page) == 0, name
        current = menu(page).locator("[aria-current=page]")
        expect(current).to_have_count(1)
        assert (current.text_content() or "").strip() == name
        # The bar never covers the end of the page: the footer's last link can be tapped.
        footer_link = page.locator("footer").get_by_role("link", name="Privacy")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        assert on_screen(page, footer_link), name
        box = footer_link.bounding_box()
        bar = menu(page).bounding_box()
        assert box is not None and bar is not None
        assert box["y"] + box["height"] <= bar["y"], name
    phone.watch.assert_clean(live_server.url)


def test_signed_out_menu_fits_the_screen(phone: Phone, live_server: LiveServer) -> None:
    page = phone.page
    page.goto(live_server.url + "/")
    assert sideways(page) == 0
    for name in ("Sign in", "Create an account", "Help now"):
        assert on_screen(page, menu(page).get_by_role("link", name=name, exact=True)), name


def test_one_feature_one_name(phone: Phone, live_server: LiveServer) -> None:
    page = phone.page
    sign_in(page, live_server, USERNAME)
    page.goto(live_server.url + "/today/")
    for old in ("Check a draft", "Draft", "Write", "Habits"):
        assert page.get_by_role("link", name=old, exact=True).count() == 0, old
    quick = page.get_by_role("navigation", name="Quick actions")
    with page.expect_navigation():
        quick.get_by_role("link", name="Before you send", exact=True).click()
    assert heading(page) == "Before you send"


def test_words_typed_in_add_one_are_kept_when_continue_is_tapped(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.assessment.models import Assessment

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    page.goto(live_server.url + "/reflect/reasons/")
    add_one = page.locator("form.add-form")
    add_one.get_by_label("A reason it ended").fill("We stopped listening to each other")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue", exact=True).tap()
    assert page.url == live_server.url + "/reflect/changes/"
    reasons = [r.text for r in Assessment.for_user(user).reasons.all()]
    assert reasons == ["We stopped listening to each other"]

    # Half an entry is kept on the page with a word, not dropped.
    page.goto(live_server.url + "/reflect/qualities/")
    page.locator("form.add-form").get_by_label("A quality of the relationship").fill("Jealousy")
    page.get_by_role("button", name="Continue", exact=True).tap()
    expect(page.locator("form.add-form [role=alert]")).to_contain_text(
        "What you typed isn’t saved yet."
    )
    assert page.url == live_server.url + "/reflect/qualities/"
    expect(
        page.locator("form.add-form").get_by_label("A quality of the relationship")
    ).to_have_value("Jealousy")
    phone.watch.assert_clean(live_server.url)


def test_a_sign_up_problem_is_shown_first_focused_and_nothing_good_is_wiped(
    phone: Phone, live_server: LiveServer
) -> None:
    from tests.conftest import PASSWORD

    page = phone.page
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Username").fill("new-walker")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").tap()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please read the privacy notice and tick the box.")
    assert on_screen(page, summary)
    assert page.get_by_label("Username").input_value() == "new-walker"
    assert page.get_by_label("Password", exact=True).input_value() == PASSWORD
    assert page.get_by_label("The same password again").input_value() == PASSWORD
    screenshot(page, "signup-error-first")
    # The summary's link leads to the box to tick.
    summary.get_by_role("link").tap()
    expect(
        page.get_by_label("I have read the privacy notice and I agree to it.")
    ).to_be_in_viewport()
    # No stock wording from the framework on the form.
    assert "for verification" not in page.content()
    phone.watch.assert_clean(live_server.url)


def test_the_suggested_no_contact_length_goes_into_the_days_box(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    sign_in(page, live_server, USERNAME)
    page.goto(live_server.url + "/no-contact/")
    days = page.get_by_label("How many days?")
    expect(days).to_have_value("30")
    months = page.get_by_label("How many months were you together? (optional)")
    months.fill("36")
    months.press("Tab")
    expect(page.locator("#suggestion")).to_contain_text("We suggest 60 days.")
    expect(days).to_have_value("60")
    phone.watch.assert_clean(live_server.url)


def test_choices_and_the_file_picker_wear_the_apps_own_style(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.growth.models import Goal
    from recouple.nocontact.models import Period

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    Period.objects.create(user=user, started_on=user.today())
    Goal.objects.create(user=user, area="health", title="Sleep before midnight")

    page.goto(live_server.url + "/no-contact/contacts/new/")
    how = page.get_by_role("group", name="How?")
    assert "---------" not in how.inner_text()
    radio = how.get_by_label("Call", exact=True)
    assert radio.evaluate("el => getComputedStyle(el).appearance") == "none"
    radio.check()
    teal = radio.evaluate("el => getComputedStyle(el).backgroundColor")
    assert teal == "rgb(44, 95, 99)"
    screenshot(page, "slip-form")

    page.goto(live_server.url + "/grow/habits/new/")
    goal = page.get_by_label("For which goal? (optional)")
    assert goal.locator("option").all_inner_texts() == [
        "No particular goal",
        "Sleep before midnight",
    ]

    page.goto(live_server.url + "/reflect/opinions/")
    for label in ("Who they are to you", "How they reacted"):
        options = page.get_by_label(label).locator("option").all_inner_texts()
        assert options[0] == "Choose one", options

    page.goto(live_server.url + "/accounts/settings/")
    picker = page.get_by_label("Bring an export back (into an empty account)")
    button = picker.evaluate("el => getComputedStyle(el, '::file-selector-button').borderTopColor")
    assert button == "rgb(44, 95, 99)"
    phone.watch.assert_clean(live_server.url)


def test_today_on_day_one_and_on_day_forty_leads_with_the_day(
    phone: Phone, live_server: LiveServer
) -> None:
    from datetime import timedelta

    from recouple.assessment.models import Assessment
    from recouple.growth.models import Check, Habit
    from recouple.journal.models import Entry
    from recouple.nocontact.models import Period, Urge
    from tests.e2e.test_daily_browser import chart_drawn

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    Assessment.for_user(user)
    today = user.today()
    period = Period.objects.create(user=user, started_on=today)
    page.goto(live_server.url + "/today/")
    assert heading(page) == "1 day without contact"
    main = page.locator("main").inner_text()
    assert "It isn’t clear yet whether trying again is right" not in main
    # The day, the one next thing and the check-in all fit on the first screen.
    assert on_screen(page, page.locator(".next-action .button").first)
    expect(page.get_by_role("heading", name="Today’s check-in")).to_be_visible()
    screenshot(page, "today-day-one")

    # Forty days on, with some history: the charts say what they show.
    period.started_on = today - timedelta(days=39)
    period.save(update_fields=["started_on"])
    for back in range(0, 10):
        Entry.objects.create(user=user, day=today - timedelta(days=back), mood=3 + back % 3)
    Urge.objects.create(user=user, day=today - timedelta(days=50), passed=True)
    walk = Habit.objects.create(
        user=user,
        name="A long walk by the river with the dog after work",
        started_on=today - timedelta(days=39),
    )
    Check.objects.bulk_create(
        Check(habit=walk, day=today - timedelta(days=i), mark="done") for i in range(0, 39, 2)
    )
    page.goto(live_server.url + "/today/")
    assert heading(page) == "40 days without contact"
    first = (today - timedelta(days=15)).strftime("%-d %B")
    mood = " ".join(page.locator("#mood-summary").inner_text().split())
    assert mood.startswith(f"From {first} to {today.strftime('%-d %B')}:"), mood
    assert "on 10 days you rated" in mood
    assert "In the last 12 weeks you logged 1 urge" in page.locator("#urges-summary").inner_text()
    name = page.locator(".habit-bar-name")
    expect(name).to_have_text("A long walk by the river with the dog after work")
    # The whole name shows, wrapped if need be, never cut.
    assert name.evaluate("el => el.scrollWidth <= el.clientWidth")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=mood]'))"
    )
    drawn = chart_drawn(page, "mood")
    assert drawn["painted"] and len(drawn["data"][1]) == 10
    page.wait_for_timeout(600)
    screenshot(page, "today-day-forty")
    phone.watch.assert_clean(live_server.url)


def test_after_a_social_media_slip_the_boundary_question_already_says_not_today(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.nocontact.models import Period

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    Period.objects.create(user=user, started_on=user.today())
    page.goto(live_server.url + "/no-contact/contacts/new/")
    page.get_by_role("group", name="How?").get_by_label("Looked at their social media").check()
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Log it").tap()
    assert page.url == live_server.url + "/no-contact/"
    expect(page.locator("#checkin-no_social-no")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#checkin-no_social-yes")).to_have_attribute("aria-pressed", "false")
    phone.watch.assert_clean(live_server.url)


def focused_matches(page: Page, selector: str) -> bool:
    found: bool = page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )
    return found


def tab_to(page: Page, selector: str, most: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus, and check it shows."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            ring: str = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert ring != "none", selector
            # Never hidden behind the bar at the bottom of the screen.
            box = page.evaluate(
                "(() => { const r = document.activeElement.getBoundingClientRect();"
                " return [r.top, r.bottom]; })()"
            )
            bar = menu(page).bounding_box() if page.locator("nav.tab-bar").count() else None
            if bar is not None and not focused_matches(page, "nav.tab-bar *"):
                assert box[0] < bar["y"], (selector, box, bar)
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_main_flows_work_from_the_keyboard_alone(phone: Phone, live_server: LiveServer) -> None:
    from recouple.accounts.models import User
    from recouple.journal.models import Entry
    from tests.conftest import PASSWORD

    page = phone.page
    User.objects.create_account("keys-only", PASSWORD, "Europe/Berlin")
    page.goto(live_server.url + "/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type("keys-only")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + "/"

    # To the journal through the menu, a mood by arrow keys, a few words, saved with Enter.
    tab_to(page, "nav a[href='/journal/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == "Journal"
    tab_to(page, "input[name=mood]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    tab_to(page, "textarea[name=text]")
    page.keyboard.type("Typed without a mouse.")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    entry = Entry.objects.get()
    assert entry.text == "Typed without a mouse." and entry.mood is not None

    # "More" opens and closes from the keyboard and leads to Settings.
    tab_to(page, "nav summary")
    page.keyboard.press("Enter")
    tab_to(page, "nav a[href='/accounts/settings/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert heading(page) == "Settings"

    # Help is always a few keys away, and so is leaving quickly.
    page.keyboard.press("Tab")
    assert focused_matches(page, ".skip-link")
    tab_to(page, "#quick-exit", most=4)
    phone.watch.assert_clean(live_server.url)


TEXT_PAGES = [
    "/",
    "/today/",
    "/journal/",
    "/grow/",
    "/no-contact/",
    "/reflect/reasons/",
    "/accounts/settings/",
    "/before-you-send/",
    "/help/",
]


def test_text_at_twice_the_size_loses_nothing(phone: Phone, live_server: LiveServer) -> None:
    """The browser's own text size doubled (as a phone's larger-text setting does)."""
    from recouple.assessment.models import Assessment

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    Assessment.for_user(user)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    for url in TEXT_PAGES:
        page.goto(live_server.url + url)
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 32
        assert sideways(page) == 0, url
        # Every word of the page's text fits its box: nothing is clipped out of sight.
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('main *, nav *, header *')].filter((el) => {
                const style = getComputedStyle(el);
                if (style.overflowX === 'visible' || el.closest('.visually-hidden')) return false;
                return el.scrollWidth > el.clientWidth + 1 && el.textContent.trim();
              }).map((el) => el.outerHTML.slice(0, 80))"""
        )
        assert clipped == [], (url, clipped)
        # The whole menu can still be reached, each part on the screen's width.
        for name, _ in BAR:
            link = menu(page).get_by_role("link", name=name, exact=True)
            box = link.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391, name
    open_more(page)
    for name, _ in MORE:
        link = menu(page).get_by_role("link", name=name, exact=True)
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
    # What the screen shows (a full-page picture would lay the page out again at normal size).
    page.screenshot(path=SCREENSHOTS / "large-text-more.png")
    phone.watch.assert_clean(live_server.url)


def test_a_forgotten_password_is_recovered_with_a_code(
    phone: Phone, live_server: LiveServer
) -> None:
    from recouple.accounts.models import RecoveryCode, User
    from recouple.journal.models import Entry
    from tests.conftest import PASSWORD

    page = phone.page
    user = User.objects.create_account("forgetful", PASSWORD, "Europe/Berlin")
    Entry.objects.create(user=user, day=user.today(), mood=3, text="Still here after all.")
    codes = RecoveryCode.issue(user)

    page.goto(live_server.url + "/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="Use a recovery code").tap()
    assert heading(page) == "Get back in"
    form = page.locator("main form")
    form.get_by_label("Username").fill("forgetful")
    # As read off paper: lower case, spaces for dashes.
    form.get_by_label("One of your recovery codes").fill(codes[0].lower().replace("-", " "))
    form.get_by_label("A new password", exact=True).fill("new morning river 2026")
    form.get_by_label("The new password again").fill("new morning river 2026")
    screenshot(page, "recovery-by-code")
    with page.expect_navigation():
        form.get_by_role("button", name="Set my new password").tap()
    assert page.url.startswith(live_server.url + "/")
    expect(page.locator(".messages")).to_have_text(
        "Your new password is set. You have 9 recovery codes left."
    )
    screenshot(page, "recovery-done")
    user.refresh_from_db()
    assert user.check_password("new morning river 2026")
    page.goto(live_server.url + "/journal/")
    expect(page.locator(".entry-preview")).to_have_text("Still here after all.")
    phone.watch.assert_clean(live_server.url)


def test_a_year_in_moods_on_a_phone(phone: Phone, live_server: LiveServer) -> None:
    from datetime import timedelta

    from recouple.journal.models import Entry

    page = phone.page
    user = sign_in(page, live_server, USERNAME)
    today = user.today()
    for back in range(40):
        day = today - timedelta(days=back)
        if day.year == today.year:
            feeling = "hopeful" if back % 3 else "lonely"
            Entry.objects.create(user=user, day=day, mood=1 + back % 5, emotions=feeling)
    page.goto(live_server.url + "/journal/")
    with page.expect_navigation():
        page.get_by_role("link", name="Your year in moods").tap()
    assert heading(page) == f"Your {today.year} in moods"
    assert sideways(page) == 0
    table = page.locator("table.year-pixels")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(page.locator(".companions li").first).to_be_visible()
    screenshot(page, "mood-year")
    phone.watch.assert_clean(live_server.url)
