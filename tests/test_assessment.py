"""The should/can assessment: saving as you go, lists in place, reports kept, the API."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import now

from recouple.accounts.models import ApiToken, User
from recouple.assessment.models import LIST_LIMIT, Assessment, BreakupReason, Report

HEALTHY = {
    "violence": False,
    "threats": False,
    "control": False,
    "same_goals": "yes",
    "same_love": "yes",
    "both_willing": "yes",
    "only_happy_with_them": False,
    "new_relationship": "no",
    "trust_beyond_repair": "no",
    "can_accept_no": "yes",
}


def answered(user: User, **overrides: Any) -> Assessment:
    """An assessment with every page answered: one reason that no longer applies."""
    assessment = Assessment.for_user(user)
    for name, value in {**HEALTHY, **overrides}.items():
        setattr(assessment, name, value)
    assessment.save()
    BreakupReason.objects.create(
        assessment=assessment, text="We never talked about money", still_applies=False
    )
    return assessment


def page_url(slug: str) -> str:
    return reverse("assessment:page", args=[slug])


@pytest.mark.django_db
def test_answer_pages_save_and_move_to_the_next_page(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        page_url("safety"), {"violence": "no", "threats": "no", "control": "no"}
    )
    assert response["Location"] == page_url("reasons")
    assessment = Assessment.objects.get(user=owner)
    assert (assessment.violence, assessment.threats, assessment.control) == (False, False, False)
    assert assessment.last_page == "reasons"


@pytest.mark.django_db
def test_missing_answers_are_explained_next_to_the_question(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(page_url("fit"), {"same_goals": "maybe"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice." in html
    assert html.count("Please choose an answer.") == 2
    assert "Please choose yes or no." in html
    assert Assessment.objects.get(user=owner).same_goals == ""


@pytest.mark.django_db
def test_unknown_page_is_404(owner_client: Client) -> None:
    assert owner_client.get(page_url("nope")).status_code == 404


@pytest.mark.django_db
def test_safety_concern_goes_straight_to_a_let_go_report(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        page_url("safety"), {"violence": "no", "threats": "yes", "control": "no"}
    )
    report = Report.objects.get(user=owner)
    assert response["Location"] == reverse("assessment:report", args=[report.pk])
    assert (report.outcome, report.safety_concern) == ("let_go", True)
    html = owner_client.get(response["Location"]).content.decode()
    assert "Support for your safety" in html
    assert "0808 2000 247" in html  # the owner lives in the UK


@pytest.mark.django_db
def test_entries_are_added_in_place_with_htmx(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        reverse("assessment:item_add", args=["reasons"]),
        {"text": "  We   stopped talking ", "still_applies": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div class="items" id="reasons-items">')
    assert "We stopped talking" in html  # whitespace tidied
    assert "<html" not in html
    reason = BreakupReason.objects.get(assessment__user=owner)
    assert reason.still_applies is True


@pytest.mark.django_db
def test_empty_or_oversized_entries_are_refused_with_a_message(
    owner: User, owner_client: Client
) -> None:
    url = reverse("assessment:item_add", args=["reasons"])
    empty = owner_client.post(url, {"text": "   "}, HTTP_HX_REQUEST="true")
    assert "Please write a few words here." in empty.content.decode()
    huge = owner_client.post(url, {"text": "x" * 501}, HTTP_HX_REQUEST="true")
    assert "Please keep it under 500 characters." in huge.content.decode()
    assert not BreakupReason.objects.exists()


@pytest.mark.django_db
def test_without_javascript_adding_an_entry_returns_to_the_page(
    owner: User, owner_client: Client
) -> None:
    ok = owner_client.post(reverse("assessment:item_add", args=["reasons"]), {"text": "Distance"})
    assert ok["Location"] == page_url("reasons") + "#reasons-list"
    bad = owner_client.post(reverse("assessment:item_add", args=["reasons"]), {"text": ""})
    assert bad.status_code == 400
    assert "Please write a few words here." in bad.content.decode()
    assert "<html" in bad.content.decode()


@pytest.mark.django_db
def test_a_list_holds_at_most_the_limit(owner: User, owner_client: Client) -> None:
    assessment = Assessment.for_user(owner)
    BreakupReason.objects.bulk_create(
        BreakupReason(assessment=assessment, text=f"reason {i}") for i in range(LIST_LIMIT)
    )
    response = owner_client.post(
        reverse("assessment:item_add", args=["reasons"]),
        {"text": "one more"},
        HTTP_HX_REQUEST="true",
    )
    assert "the most one list holds" in response.content.decode()
    assert assessment.reasons.count() == LIST_LIMIT


@pytest.mark.django_db
def test_hated_qualities_need_to_say_if_they_can_change_and_whose(
    owner: User, owner_client: Client
) -> None:
    url = reverse("assessment:item_add", args=["qualities"])
    response = owner_client.post(url, {"text": "Jealousy", "loved": "no"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Please say whether it could change." in html
    assert "Please say whose quality it is." in html
    owner_client.post(
        url,
        {"text": "Jealousy", "loved": "no", "changeable": "no", "whose": "theirs"},
        HTTP_HX_REQUEST="true",
    )
    quality = Assessment.objects.get(user=owner).qualities.get()
    assert (quality.loved, quality.changeable, quality.whose) == (False, False, "theirs")


@pytest.mark.django_db
def test_editing_and_removing_entries(owner: User, owner_client: Client) -> None:
    reason = BreakupReason.objects.create(
        assessment=Assessment.for_user(owner), text="Old words", still_applies=True
    )
    edit_url = reverse("assessment:item_edit", args=["reasons", reason.pk])
    form = owner_client.get(edit_url, HTTP_HX_REQUEST="true").content.decode()
    assert "Old words" in form and "<html" not in form
    owner_client.post(edit_url, {"text": "New words"}, HTTP_HX_REQUEST="true")
    reason.refresh_from_db()
    assert (reason.text, reason.still_applies) == ("New words", False)
    owner_client.post(reverse("assessment:item_delete", args=["reasons", reason.pk]))
    assert not BreakupReason.objects.filter(pk=reason.pk).exists()


@pytest.mark.django_db
def test_an_entry_of_one_kind_is_not_found_under_another(owner: User, owner_client: Client) -> None:
    reason = BreakupReason.objects.create(assessment=Assessment.for_user(owner), text="x")
    assert (
        owner_client.get(reverse("assessment:item_edit", args=["changes", reason.pk])).status_code
        == 404
    )
    assert (
        owner_client.get(reverse("assessment:item_edit", args=["bogus", reason.pk])).status_code
        == 404
    )


@pytest.mark.django_db
def test_cannot_continue_past_reasons_without_one(owner: User, owner_client: Client) -> None:
    response = owner_client.post(page_url("reasons"), follow=True)
    assert "Add at least one reason before you go on." in response.content.decode()
    assert response.redirect_chain[-1][0] == page_url("reasons")


@pytest.mark.django_db
def test_leaving_and_coming_back_resumes_where_you_left_off(
    owner: User, owner_client: Client
) -> None:
    owner_client.post(page_url("safety"), {"violence": "no", "threats": "no", "control": "no"})
    owner_client.get(page_url("changes"))
    html = owner_client.get(reverse("assessment:start")).content.decode()
    assert "Continue where you left off" in html
    assert f'href="{page_url("changes")}"' in html


@pytest.mark.django_db
def test_review_lists_what_is_missing_and_makes_no_report(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(reverse("assessment:review"))
    html = response.content.decode()
    assert "Answer the three safety questions." in html
    assert "Add at least one reason the relationship ended." in html
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_review_makes_a_report_once_everything_is_answered(
    owner: User, owner_client: Client
) -> None:
    answered(owner)
    response = owner_client.post(reverse("assessment:review"))
    report = Report.objects.get(user=owner)
    assert response["Location"] == reverse("assessment:report", args=[report.pk])
    html = owner_client.get(response["Location"]).content.decode()
    assert report.outcome == "proceed"
    assert "you can begin the steps" in html


@pytest.mark.django_db
def test_changing_an_answer_later_keeps_the_old_report_intact(
    owner: User, owner_client: Client
) -> None:
    assessment = answered(owner)
    first = assessment.make_report()
    assessment.new_relationship = "yes"
    assessment.save()
    BreakupReason.objects.filter(assessment=assessment).update(text="Rewritten later")
    first.refresh_from_db()
    assert first.outcome == "proceed"
    assert first.data["answers"]["reasons"][0]["text"] == "We never talked about money"
    second = assessment.make_report()
    assert second.outcome == "wait"
    assert Report.objects.filter(user=owner).count() == 2


@pytest.mark.django_db
def test_retaken_report_says_what_moved_since_last_time(owner: User, owner_client: Client) -> None:
    with time_machine.travel(now() - timedelta(weeks=3), tick=False):
        assessment = answered(owner)
        BreakupReason.objects.create(assessment=assessment, text="Jealousy", still_applies=True)
        BreakupReason.objects.create(assessment=assessment, text="Distance", still_applies=True)
        first = assessment.make_report()
    assert first.outcome == "unsure"
    assessment.reasons.update(still_applies=False)
    second = assessment.make_report()
    html = owner_client.get(reverse("assessment:report", args=[second.pk])).content.decode()
    assert "Since your report of" in html and "3\u00a0weeks ago" in html
    assert "2 reasons for the breakup no longer apply." in html
    assert "No longer in the way: “What ended it is still there”" in html


@pytest.mark.django_db
def test_report_page_uses_a_fixed_number_of_queries(owner: User, owner_client: Client) -> None:
    assessment = answered(owner)
    for _ in range(5):
        report = assessment.make_report()
    url = reverse("assessment:report", args=[report.pk])
    owner_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert owner_client.get(url).status_code == 200
    assert len(queries) <= 6


@pytest.mark.django_db
def test_home_becomes_the_today_page_once_an_assessment_exists(
    owner: User, owner_client: Client
) -> None:
    assert owner_client.get(reverse("pages:home")).status_code == 200
    Assessment.for_user(owner)
    assert owner_client.get(reverse("pages:home"))["Location"] == reverse("dashboard:index")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "headline", "step3"),
    [
        ({}, "Give yourself space to heal.", "Not yet"),
        ({"new_relationship": "yes"}, "They’re with someone else", "Not yet"),
        ({"can_accept_no": "no"}, "first, work on accepting their answer", "Not yet"),
        ({"same_goals": "no"}, "It isn’t clear yet", "Not yet"),
    ],
)
def test_path_page_follows_the_latest_report(
    owner: User, owner_client: Client, overrides: dict[str, str], headline: str, step3: str
) -> None:
    answered(owner, **overrides).make_report()
    html = owner_client.get(reverse("path:overview")).content.decode()
    assert headline in html
    third = html.split('class="path-step-number" aria-hidden="true">3<', 1)[1]
    assert f'<span class="state-label">{step3}</span>' in third.split("</li>", 1)[0]


@pytest.mark.django_db
def test_path_page_query_count_does_not_grow_with_reports(
    owner: User, owner_client: Client
) -> None:
    assessment = answered(owner)
    assessment.make_report()
    owner_client.get(reverse("path:overview"))
    with CaptureQueriesContext(connection) as few:
        owner_client.get(reverse("path:overview"))
    for _ in range(10):
        assessment.make_report()
    with CaptureQueriesContext(connection) as many:
        owner_client.get(reverse("path:overview"))
    assert len(many) == len(few) <= 9


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug",
    [
        "no-contact",
        "make-it-right",
        "reach-out",
        "grow",
        "no-sex",
        "friendship",
        "social-media",
        "couples-therapy",
        "let-go-of-control",
    ],
)
def test_every_step_has_its_own_page(owner_client: Client, slug: str) -> None:
    response = owner_client.get(reverse("path:step", args=[slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Why it matters" in html and "How to do it" in html
    assert "<title>Recouple</title>" in html


@pytest.mark.django_db
def test_unknown_step_is_404(owner_client: Client) -> None:
    assert owner_client.get(reverse("path:step", args=["nope"])).status_code == 404


# The API


def api(client: Client, user: User, method: str, path: str, body: Any = None) -> Any:
    return client.generic(
        method,
        f"/api/v1{path}",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}",
    )


@pytest.mark.django_db
def test_api_walks_the_assessment_to_a_report_and_the_path(client: Client, owner: User) -> None:
    assert api(client, owner, "PATCH", "/assessment", HEALTHY).status_code == 200
    added = api(client, owner, "POST", "/assessment/reasons", {"text": "Distance"})
    assert added.status_code == 201
    assert added.json()["still_applies"] is False
    missing = api(client, owner, "GET", "/assessment").json()["missing"]
    assert missing == []
    report = api(client, owner, "POST", "/assessment/reports")
    assert report.status_code == 201
    assert report.json()["outcome"] == "proceed"
    assert report.json()["compared_with_previous"] is None
    path = api(client, owner, "GET", "/path").json()
    assert path["phase"] == "no_contact"
    assert [s["state"] for s in path["steps"]][:3] == ["open", "open", "locked"]


@pytest.mark.django_db
def test_api_report_needs_every_answer(client: Client, owner: User) -> None:
    response = api(client, owner, "POST", "/assessment/reports")
    assert response.status_code == 400
    assert "safety questions" in response.json()["error"]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_api_items_are_validated_like_the_web_form(client: Client, owner: User) -> None:
    hated = api(client, owner, "POST", "/assessment/qualities", {"text": "Temper", "loved": False})
    assert hated.status_code == 400
    assert hated.json()["error"] == "changeable: Please say whether it could change."
    blank = api(client, owner, "POST", "/assessment/opinions", {"who": "  ", "relation": "friend"})
    assert blank.status_code == 400
    bad_choice = api(client, owner, "PATCH", "/assessment", {"same_goals": "perhaps"})
    assert bad_choice.status_code == 400
    assert Assessment.objects.get(user=owner).same_goals == ""


@pytest.mark.django_db
def test_api_edits_and_deletes_entries(client: Client, owner: User) -> None:
    item = api(client, owner, "POST", "/assessment/changes", {"text": "I listen now"}).json()
    edited = api(
        client, owner, "PATCH", f"/assessment/changes/{item['id']}", {"evidence": "Therapy notes"}
    )
    assert edited.json()["text"] == "I listen now"
    assert edited.json()["evidence"] == "Therapy notes"
    gone = api(client, owner, "DELETE", f"/assessment/changes/{item['id']}")
    assert gone.status_code == 204
    assert api(client, owner, "DELETE", f"/assessment/changes/{item['id']}").status_code == 404


@pytest.mark.django_db
def test_api_report_compares_with_the_previous_one(client: Client, owner: User) -> None:
    assessment = answered(owner, same_goals="no")
    first = api(client, owner, "POST", "/assessment/reports").json()
    assert first["outcome"] == "unsure"
    assessment.same_goals = "yes"
    assessment.save()
    second = api(client, owner, "POST", "/assessment/reports").json()
    moved = second["compared_with_previous"]
    assert moved["previous_id"] == first["id"]
    assert moved["outcome_changed"] is True
    assert moved["resolved"] == ["not_aligned"]
    listed = api(client, owner, "GET", "/assessment/reports").json()
    assert [r["id"] for r in listed] == [second["id"], first["id"]]
