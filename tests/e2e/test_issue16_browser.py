"""Issue 16 on a phone: an inventory that only describes the ex is kept but refused kindly and
the reach-out stays closed until an entry about your own actions; who ended it is asked beside
the reasons, a change names the reason it answers, and the report speaks to who ended it; the
weekly "what I've let go of" sits beside the journal.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import Phone, expect, go, heading, message, screenshot, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e


def submit(form: Locator, name: str) -> None:
    with form.page.expect_navigation():
        form.get_by_role("button", name=name, exact=True).tap()


def add_entry(page: Page, what: str, impact: str) -> None:
    form = page.locator("main form").filter(
        has=page.get_by_role("heading", name="Add one", exact=True)
    )
    form.get_by_label("What I did", exact=True).fill(what)
    form.get_by_label("How it affected them", exact=True).fill(impact)
    submit(form, "Add")


def test_a_blame_only_inventory_is_refused_kindly_and_keeps_the_reach_out_closed(
    phone: Phone, live_server: object
) -> None:
    from recouple.amends.models import InventoryEntry
    from recouple.nocontact.models import Period
    from tests.test_assessment import answered

    page, base = phone.page, live_server.url  # type: ignore[attr-defined]
    user = sign_in(page, live_server, "wren-blame")  # type: ignore[arg-type]
    assert answered(user).make_report().outcome == "proceed"
    Period.objects.create(user=user, started_on=user.today() - timedelta(days=41), target_days=30)

    page.goto(base + "/make-it-right/")
    add_entry(page, "She cheated on me", "I stopped trusting anyone")
    said = message(page)
    assert said.startswith("Kept, just as you wrote it.")
    assert "describes what they did" in said and "starting with “I”" in said
    entry = page.locator("main ul.item-list li.item")
    expect(entry.get_by_text("Doesn’t count yet:")).to_be_visible()
    assert InventoryEntry.objects.get(user=user).what_i_did == "She cheated on me"
    screenshot(page, "inventory-blame-only-refused")

    page.goto(base + "/reach-out/")
    assert heading(page) == "Not yet"
    assert page.get_by_label("Your one message").count() == 0

    page.goto(base + "/make-it-right/")
    add_entry(page, "I read her messages while she slept", "She felt watched in her own home")
    assert message(page) == "Written down. Seeing it clearly is the hard part."
    page.goto(base + "/reach-out/")
    assert heading(page) == "Reach out, once"
    expect(page.get_by_label("Your one message", exact=True)).to_be_visible()
    phone.watch.assert_clean(base)


def test_who_ended_it_and_a_change_linked_to_its_reason_shape_the_report(
    phone: Phone, live_server: object
) -> None:
    from recouple.assessment.models import Assessment, Change
    from tests.test_assessment import HEALTHY

    page, base = phone.page, live_server.url  # type: ignore[attr-defined]
    user = sign_in(page, live_server, "wren-ended")  # type: ignore[arg-type]

    page.goto(base + "/reflect/reasons/")
    who = page.locator("#ended-by")
    who.get_by_role("group", name="Who ended it?").get_by_label("They did", exact=True).check()
    submit(who, "Save this answer")
    assert message(page) == "Saved. Thank you for telling us."
    expect(page.locator("#ended-by").get_by_label("They did", exact=True)).to_be_checked()

    add = page.locator("#reasons-add")
    add.get_by_label("A reason it ended", exact=True).fill("Money fights")
    add.get_by_role("button", name="Add", exact=True).tap()
    expect(page.locator("#reasons-items .item-text")).to_have_text(["Money fights"])

    page.goto(base + "/reflect/changes/")
    add = page.locator("#changes-add")
    add.get_by_label("Something that has changed", exact=True).fill("We budget together")
    add.get_by_label("What you’ve seen that shows it", exact=True).fill("Eight months of it")
    add.get_by_label("Which reason does it answer?", exact=True).select_option(label="Money fights")
    add.get_by_role("button", name="Add", exact=True).tap()
    expect(page.locator("#changes-items")).to_contain_text("Answers: Money fights")
    screenshot(page, "change-answers-its-reason")
    assessment = Assessment.objects.get(user=user)
    assert Change.objects.get(assessment=assessment).answers.text == "Money fights"  # type: ignore[union-attr]

    for name, value in HEALTHY.items():
        setattr(assessment, name, value)
    assessment.save()
    page.goto(base + "/reflect/review/")
    go(page, "button", "See my report")
    assert "They chose to end it, and you didn’t." in page.locator("#ended-by-note").inner_text()
    assert "Nothing you told us stands in the way" in heading(page)
    phone.watch.assert_clean(base)


def test_the_weekly_let_go_note_sits_beside_the_journal(phone: Phone, live_server: object) -> None:
    page, base = phone.page, live_server.url  # type: ignore[attr-defined]
    sign_in(page, live_server, "wren-letgo")  # type: ignore[arg-type]
    page.goto(base + "/journal/")
    go(page, "link", "what I’ve let go of")
    assert heading(page) == "What I’ve let go of"
    form = page.locator("main form").first
    form.get_by_label("What I’ve let go of this week", exact=True).fill(
        "Checking whether they had read my messages"
    )
    submit(form, "Save this week’s note")
    assert message(page) == "Kept. Letting go is something you do, and you did."
    assert page.get_by_label("What I’ve let go of this week", exact=True).input_value() == (
        "Checking whether they had read my messages"
    )
    screenshot(page, "let-go-weekly")
    phone.watch.assert_clean(base)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_pages_and_their_states_pass_axe(
    phone: Phone, live_server: object, scheme: str
) -> None:
    """The states the whole-site axe walk doesn't reach: a refused entry, a linked change,
    who-ended-it words on the report and the no-contact page, the weekly note."""
    from recouple.amends.models import InventoryEntry
    from recouple.assessment.models import BreakupReason, Change
    from recouple.journal.models import LetGo
    from recouple.program.journal import week_of
    from tests.e2e.test_accessibility_browser import axe_problems
    from tests.test_assessment import answered

    page, base = phone.page, live_server.url  # type: ignore[attr-defined]
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    user = sign_in(page, live_server, f"wren-axe-{scheme}")  # type: ignore[arg-type]
    assessment = answered(user)
    assessment.ended_by = "me"
    assessment.save()
    money = BreakupReason.objects.create(assessment=assessment, text="Money", still_applies=True)
    Change.objects.create(assessment=assessment, text="Budget", evidence="Months", answers=money)
    Change.objects.create(assessment=assessment, text="New job", evidence="")
    report = assessment.make_report()
    InventoryEntry.objects.create(user=user, what_i_did="He never listened", impact="x")
    LetGo.objects.create(user=user, week=week_of(user.today()), text="Their playlist")
    LetGo.objects.create(
        user=user, week=week_of(user.today()) - timedelta(days=7), text="Waiting by the phone"
    )
    problems: list[str] = []
    for url in (
        "/reflect/reasons/",
        "/reflect/changes/",
        f"/reflect/reports/{report.pk}/",
        "/make-it-right/",
        "/no-contact/",
        "/journal/let-go/",
    ):
        page.goto(base + url)
        problems += axe_problems(page)
    assert problems == []
