"""Accessibility you can prove: axe-core (shipped by axe-playwright-python) over every page,
signed out and signed in, in light and in dark, on a 390×844 phone; 0 violations of WCAG 2.1
A and AA. The list of pages comes from the ownership matrix, so a new page is checked too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

from tests.conftest import OWNER_CANARY
from tests.e2e.conftest import Phone, sign_in
from tests.ownership import GET, MATRIX

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from recouple.accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not pages: files, a manifest, a calendar feed, fragments for htmx, and where quick exit lands
# (a decoy that must look like any plain page, checked below anyway).
NOT_PAGES = {
    "pages:healthz",
    "pages:manifest",
    "accounts:export_json",
    "accounts:export_csv",
    "reminders:feed",
    "summaries:pdf",
    "nocontact:suggest",
}


def axe_problems(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it stands, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {node['target']} {node.get('failureSummary', '')}"
        for v in results.response["violations"]
        for node in v["nodes"]
    ]


def page_urls(user: User, access: str) -> list[str]:
    """Every page of one kind (public or private), each with the owner's object it needs."""
    prepared: set[Any] = set()
    urls = []
    for name, case in MATRIX.items():
        if case.api or name in NOT_PAGES or case.access != access or not case.methods >= GET:
            continue
        if case.prepare is not None and case.prepare not in prepared:
            case.prepare(user)
            prepared.add(case.prepare)
        kwargs = case.make(user) if case.make is not None else case.kwargs
        urls.append(reverse(name, kwargs=kwargs))
    return urls


def everything_in_use(user: User) -> None:
    """An account a few weeks in, so that pages show their lists and charts, not empty states."""
    from datetime import timedelta

    from recouple.growth.models import Check, Goal, Habit
    from recouple.journal.models import Entry
    from recouple.nocontact.models import Urge

    today = user.today()
    for back in range(12):
        Entry.objects.create(
            user=user, day=today - timedelta(days=back), mood=1 + back % 5, text="x"
        )
        Urge.objects.create(user=user, day=today - timedelta(days=back * 3), passed=back % 2 == 0)
    goal = Goal.objects.create(user=user, area="health", title="Sleep before midnight")
    habit = Habit.objects.create(
        user=user, name="A walk", goal=goal, started_on=today - timedelta(days=20)
    )
    Check.objects.bulk_create(
        Check(habit=habit, day=today - timedelta(days=i), mark="done") for i in range(0, 20, 2)
    )


def set_scheme(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_signed_out_has_no_axe_violations(
    phone: Phone, live_server: LiveServer, scheme: str
) -> None:
    page = phone.page
    set_scheme(page, scheme)
    from recouple.accounts.models import User

    nobody = User(username="nobody")
    problems: list[str] = []
    for url in [*page_urls(nobody, "public"), "/no-such-page/"]:
        page.goto(live_server.url + url)
        problems += axe_problems(page)
    # A form sent back with its problems, too.
    page.goto(live_server.url + "/accounts/signup/")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Create account").tap()
    problems += axe_problems(page)
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_signed_in_has_no_axe_violations(
    phone: Phone, live_server: LiveServer, scheme: str
) -> None:
    page = phone.page
    set_scheme(page, scheme)
    user = sign_in(page, live_server, "axe-reader")
    everything_in_use(user)
    problems: list[str] = []
    urls = page_urls(user, "private") + page_urls(user, "public")
    assert len(urls) > 40
    for url in urls:
        page.goto(live_server.url + url)
        assert OWNER_CANARY not in url
        problems += axe_problems(page)
    # The menu's "More", open.
    page.goto(live_server.url + "/today/")
    page.get_by_role("navigation", name="Main").locator("summary").tap()
    problems += axe_problems(page)
    assert problems == []


def test_axe_reports_what_it_should(phone: Phone, live_server: LiveServer) -> None:
    """The check itself can fail: an image without words and grey on grey are caught."""
    page = phone.page
    page.goto(live_server.url + "/privacy/")
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend", '<img src="/static/recouple/icon.svg">');
          // Through the CSSOM: the Content Security Policy refuses style attributes.
          const faint = document.createElement("p");
          faint.textContent = "hard to read";
          faint.style.color = "#888";
          faint.style.background = "#999";
          main.append(faint);
        }"""
    )
    found = " ".join(axe_problems(page))
    assert "image-alt" in found and "color-contrast" in found, found


def test_night_mode_follows_the_phone_and_the_setting_overrides_it(
    phone: Phone, live_server: LiveServer
) -> None:
    page = phone.page
    user = sign_in(page, live_server, "night-owl")

    def background() -> str:
        colour: str = page.evaluate("getComputedStyle(document.body).backgroundColor")
        return colour

    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + "/journal/")
    assert background() == "rgb(16, 21, 23)"
    from tests.e2e.conftest import screenshot

    screenshot(page, "journal-dark")
    page.emulate_media(color_scheme="light")
    page.reload()
    assert background() == "rgb(246, 244, 240)"

    # In Settings: dark whatever the phone says, and back.
    page.goto(live_server.url + "/accounts/settings/")
    page.get_by_role("group", name="Colours").get_by_label("Dark, for the night").check()
    with page.expect_navigation():
        page.locator("main form").first.get_by_role("button", name="Save").tap()
    user.refresh_from_db()
    assert user.theme == "dark"
    assert background() == "rgb(16, 21, 23)"
    screenshot(page, "settings-dark")
    page.get_by_role("group", name="Colours").get_by_label("Light").check()
    page.emulate_media(color_scheme="dark")
    with page.expect_navigation():
        page.locator("main form").first.get_by_role("button", name="Save").tap()
    assert background() == "rgb(246, 244, 240)"
    phone.watch.assert_clean(live_server.url)
