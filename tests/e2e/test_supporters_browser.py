"""A supporter on a phone: the person makes a link for a friend from the menu, the friend opens
it signed out in another browser and sees only what was ticked (no menu, no link, no script),
the person sees the visit, turns the link off, and the friend's page is gone."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import PHONE, Phone, expect, go, heading, screenshot, sign_in
from tests.e2e.test_accessibility_browser import axe_problems
from tests.e2e.test_safety_browser import nav

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EX_NAME = "Canary-Ex-Name-Quillon"


def test_a_friend_opens_a_supporter_link_signed_out_and_sees_only_what_was_ticked(
    phone: Phone, browser: Browser, live_server: LiveServer
) -> None:
    from recouple.nocontact.models import Period, Urge

    page = phone.page
    user = sign_in(page, live_server, "supported-sasha")
    user.ex_name = EX_NAME
    user.use_ex_name = True
    user.save()
    Period.objects.create(
        user=user, started_on=user.today() - timedelta(days=7), reasons="Canary reasons"
    )
    Urge.objects.create(user=user, day=user.today(), trigger="Canary trigger")

    nav(page, "Supporters")
    assert heading(page) == "Supporters"
    form = page.locator("main form").last
    form.get_by_label("Who is it for?").fill("Sam")
    form.get_by_label("Milestones reached").check()
    form.get_by_label("How often I pressed Pause this week").check()
    go(page, "button", "Make the link")
    assert heading(page) == "Your link is ready"
    url = page.get_by_label("Link for your supporter").input_value()
    assert url.startswith(live_server.url + "/supporters/s/sup_")
    screenshot(page, "supporter-link-made")

    # The friend: another phone, never signed in.
    friend_context = browser.new_context(**PHONE)
    friend = friend_context.new_page()
    requested: list[str] = []
    friend.on("request", lambda request: requested.append(request.url))
    friend.goto(url)
    assert heading(friend) == "A friend’s progress"
    text = friend.locator("main").inner_text()
    assert "Days without contact" in text and "7" in text
    assert "1 day, 3 days, 7 days" in text
    assert "1 time" in text
    for private in (EX_NAME, "Canary", "supported-sasha"):
        assert private not in friend.content()
    assert friend.locator("a, script, form, nav").count() == 0
    assert all(r.startswith(live_server.url) for r in requested), requested
    screenshot(friend, "supporter-page")
    for scheme in ("light", "dark"):
        friend.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        assert axe_problems(friend) == []

    # The person sees the visit, then turns the link off.
    page.goto(live_server.url + "/supporters/")
    expect(page.locator("main")).to_contain_text("Opened 1 time.")
    go(page, "button", "Turn this link off (Sam)")
    expect(page.locator(".messages")).to_contain_text("That link no longer works.")
    answer = friend.goto(url)
    assert answer is not None and answer.status == 404
    friend_context.close()
    phone.watch.assert_clean(live_server.url)
