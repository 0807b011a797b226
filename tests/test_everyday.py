"""Rough edges found on a first walk through the app, each pinned by a test.

Browser tests in tests/e2e/test_everyday_browser.py show the same on a phone; these check what
the server sends.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import User
from recouple.assessment.flow import neighbours
from recouple.assessment.models import Assessment, BreakupReason

pytestmark = pytest.mark.django_db


def page_url(slug: str) -> str:
    return reverse("assessment:page", args=[slug])


def test_continue_adds_what_was_typed_in_the_add_form(owner: User, owner_client: Client) -> None:
    after = neighbours("reasons")[1]
    assert after is not None
    response = owner_client.post(
        page_url("reasons"), {"text": "We stopped talking", "still_applies": "on", "continue": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(after.slug)
    reason = BreakupReason.objects.get(assessment__user=owner)
    assert (reason.text, reason.still_applies) == ("We stopped talking", True)


def test_continue_with_an_unfinished_entry_keeps_it_and_says_so(
    owner: User, owner_client: Client
) -> None:
    Assessment.for_user(owner)
    response = owner_client.post(page_url("qualities"), {"text": "His temper", "loved": "no"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "What you typed isn’t saved yet." in page
    assert 'value="His temper"' in page
    assert not Assessment.for_user(owner).qualities.exists()


def test_continue_with_htmx_leaves_the_page_and_keeps_the_entry(
    owner: User, owner_client: Client
) -> None:
    after = neighbours("changes")[1]
    assert after is not None
    response = owner_client.post(
        page_url("changes"), {"text": "I see a therapist", "evidence": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == page_url(after.slug)
    assert Assessment.for_user(owner).changes.get().text == "I see a therapist"


def test_continue_with_an_empty_add_form_just_goes_on(owner: User, owner_client: Client) -> None:
    Assessment.for_user(owner)
    response = owner_client.post(page_url("changes"), {"text": " ", "evidence": ""})
    assert response.status_code == 302
    assert not Assessment.for_user(owner).changes.exists()


def test_sign_up_puts_every_problem_first_and_keeps_good_passwords(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "river",
            "password1": "correct horse battery",
            "password2": "correct horse battery",
        },
    )
    page = response.content.decode()
    summary = page.index("error-summary")
    assert summary < page.index('name="username"')
    assert page.index("Please read the privacy notice and tick the box.") < page.index(
        'name="password1"'
    )
    assert page.count('value="correct horse battery"') == 2
    assert "Password confirmation" not in page
    assert "for verification" not in page


def test_sign_up_never_sends_back_passwords_that_were_refused(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {"username": "river", "password1": "short", "password2": "short"},
    )
    assert 'value="short"' not in response.content.decode()


def test_no_form_shows_an_unfinished_empty_choice(owner: User, owner_client: Client) -> None:
    from recouple.growth.models import Goal
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today())
    Goal.objects.create(user=owner, area="health", title="Sleep before midnight")
    urls = [
        reverse("nocontact:contact_new"),
        reverse("growth:goal_new"),
        reverse("growth:habit_new"),
        reverse("journal:index"),
        reverse("amends:overview"),
        reverse("reminders:index"),
        reverse("accounts:settings"),
        *(page_url(slug) for slug in ("reasons", "changes", "qualities", "opinions", "fit")),
    ]
    for url in urls:
        page = owner_client.get(url).content.decode()
        assert "---------" not in page, url
        assert ">—</option>" not in page, url
        assert "goal 1" not in page.lower() and "(health)" not in page, url
    habit_form = owner_client.get(reverse("growth:habit_new")).content.decode()
    assert ">Sleep before midnight</option>" in habit_form
    slip = owner_client.get(reverse("nocontact:contact_new")).content.decode()
    assert 'name="channel" value=""' not in slip


def test_a_social_media_slip_today_answers_todays_social_media_question(
    owner: User, owner_client: Client
) -> None:
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today())
    response = owner_client.post(
        reverse("nocontact:contact_new"),
        {"channel": "social_media", "day": owner.today().isoformat(), "note": ""},
    )
    assert response.status_code == 302
    page = owner_client.get(reverse("nocontact:overview")).content.decode()
    assert (
        'id="checkin-no_social-no" class="button button-small is-chosen" aria-pressed="true"'
        in (page)
    )
    assert (
        'id="checkin-no_social-yes" class="button button-small button-quiet" aria-pressed="false"'
        in page
    )
    # Today shows the same answer.
    today = owner_client.get(reverse("dashboard:index")).content.decode()
    assert 'id="checkin-no_social-no" class="button button-small is-chosen"' in today


def test_today_leads_with_the_day_count_the_next_step_and_the_check_in(
    owner: User, owner_client: Client
) -> None:
    from datetime import timedelta

    from recouple.assessment.models import Assessment
    from recouple.nocontact.models import Period

    Assessment.for_user(owner)
    Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=39))
    page = owner_client.get(reverse("dashboard:index")).content.decode()
    h1 = page.index("<h1>40 days without contact</h1>")
    assert h1 < page.index("Your next step") < page.index("Today’s check-in")
    assert "It isn’t clear yet whether trying again is right" not in page
    assert "Your boundaries today" in page


def test_few_moods_are_counted_kindly_not_drawn_on_an_empty_axis(
    owner: User, owner_client: Client
) -> None:
    from recouple.assessment.models import Assessment
    from recouple.journal.models import Entry

    Assessment.for_user(owner)
    Entry.objects.create(user=owner, day=owner.today(), mood=4, text="A walk helped")
    page = owner_client.get(reverse("dashboard:index")).content.decode()
    assert "You’ve rated your mood on 1 day so far. From 3 days on, a line shows how it moves." in (
        page
    )
    assert 'data-chart="mood"' not in page
    assert "last 30 days" not in page.lower() or "The last 30 days:" in page
