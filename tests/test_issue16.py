"""Issue 16, the assessment and inventory side, through the pages and the API: a change says
which reason it answers; "I can't accept a no" waits with the work named; a blame-only
inventory is kept but opens nothing, and the page says why; who ended it is asked and shapes
the report and the no-contact advice; the weekly "what I've let go of" note.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recouple.accounts.models import User
from recouple.amends.models import InventoryEntry
from recouple.assessment.models import Assessment, BreakupReason, Change, Report
from recouple.journal.models import LetGo
from recouple.nocontact.models import Period
from recouple.program import nocontact as nocontact_rules
from recouple.program import readiness as rules
from recouple.program.journal import week_of
from recouple.situation import UserSituation, read_facts
from tests.conftest import Api
from tests.test_assessment import answered

REACH_OUT = reverse("reconnect:reach_out")
INVENTORY = reverse("amends:overview")
LET_GO = reverse("journal:let_go")
BLAME_ONLY = "She cheated on me"
MINE = "I kept checking her phone"


def reason(assessment: Assessment, text: str = "Money fights") -> BreakupReason:
    return BreakupReason.objects.create(assessment=assessment, text=text, still_applies=True)


# --- 1. A change answers the reason it names ---------------------------------------------------


@pytest.mark.django_db
def test_an_unrelated_change_leaves_the_reason_unanswered_in_the_report(owner: User) -> None:
    assessment = answered(owner)
    reason(assessment)
    Change.objects.create(assessment=assessment, text="A new job", evidence="Since March")

    report = assessment.make_report()

    assert report.outcome == rules.Outcome.UNSURE.value
    assert [f["code"] for f in report.blockers] == [rules.Code.NOTHING_CHANGED.value]


@pytest.mark.django_db
def test_a_change_linked_on_the_page_to_its_reason_clears_it(
    owner: User, owner_client: Client
) -> None:
    assessment = answered(owner)
    money = reason(assessment)
    page = owner_client.get(reverse("assessment:page", args=["changes"])).content.decode()
    assert "Which reason does it answer?" in page and "Money fights" in page

    response = owner_client.post(
        reverse("assessment:item_add", args=["changes"]),
        {"text": "We budget together", "evidence": "Eight months", "answers": str(money.pk)},
    )

    assert response.status_code == 302
    assert Change.objects.get(assessment=assessment).answers == money
    assert assessment.make_report().outcome == rules.Outcome.PROCEED.value


@pytest.mark.django_db
def test_the_api_links_a_change_to_a_reason_and_refuses_someone_elses(
    owner: User, outsider: User, api: Api
) -> None:
    money = reason(answered(owner))
    theirs = reason(Assessment.for_user(outsider), "Outsider's reason")

    refused = api(
        "POST", "/assessment/changes", {"text": "x", "evidence": "y", "answers": theirs.pk}
    )
    assert refused.status_code == 400
    assert "Outsider" not in refused.content.decode()
    assert not Change.objects.exists()

    made = api(
        "POST", "/assessment/changes", {"text": "Budget", "evidence": "Months", "answers": money.pk}
    )
    assert made.status_code == 201 and made.json()["answers"] == money.pk
    cleared = api("PATCH", f"/assessment/changes/{made.json()['id']}", {"answers": None})
    assert cleared.json()["answers"] is None


# --- 2. "I can't accept a no" is a wait with the work named ------------------------------------


@pytest.mark.django_db
def test_cannot_accept_a_no_gives_a_wait_naming_the_work_and_a_retake_moves_it(
    owner: User, owner_client: Client
) -> None:
    assessment = answered(owner, can_accept_no="no")
    first = assessment.make_report()
    assert (first.outcome, first.accept_no_first) == ("wait", True)
    html = owner_client.get(reverse("assessment:report", args=[first.pk])).content.decode()
    assert "First, work on accepting their answer" in html
    path_html = owner_client.get(reverse("path:overview")).content.decode()
    assert "first, work on accepting their answer" in path_html
    assert "let go" not in path_html.split("<h1", 1)[1].split("</h1>", 1)[0].lower()

    assessment.can_accept_no = "yes"
    assessment.save()
    second = assessment.make_report()
    assert second.outcome == "proceed"
    assert second.compare(first)["outcome_changed"]


# --- 3. A blame-only inventory opens nothing --------------------------------------------------


def _ready_but_for_the_inventory(user: User) -> None:
    answered(user).make_report()
    Period.objects.create(user=user, started_on=user.today() - timedelta(days=31))


@pytest.mark.django_db
def test_a_blame_only_entry_is_kept_but_refused_kindly_and_the_reach_out_stays_closed(
    owner: User, owner_client: Client
) -> None:
    _ready_but_for_the_inventory(owner)

    response = owner_client.post(
        INVENTORY, {"what_i_did": BLAME_ONLY, "impact": "I felt betrayed"}, follow=True
    )

    html = response.content.decode()
    assert InventoryEntry.objects.get(user=owner).counts is False
    assert "describes what they did" in html and "starting with “I”" in html
    assert UserSituation(owner).inventory_written is False
    reach = owner_client.get(REACH_OUT).content.decode()
    assert 'name="message"' not in reach


@pytest.mark.django_db
def test_an_entry_about_your_own_actions_opens_the_reach_out(
    owner: User, owner_client: Client
) -> None:
    _ready_but_for_the_inventory(owner)
    InventoryEntry.objects.create(user=owner, what_i_did=BLAME_ONLY, impact="x")
    owner_client.post(INVENTORY, {"what_i_did": MINE, "impact": "She felt watched"})

    assert UserSituation(owner).inventory_written is True
    assert 'name="message"' in owner_client.get(REACH_OUT).content.decode()


@pytest.mark.django_db
def test_editing_an_entry_into_blame_only_closes_it_again(owner: User) -> None:
    entry = InventoryEntry.objects.create(user=owner, what_i_did=MINE, impact="x")
    assert entry.counts
    entry.what_i_did = "He never listened"
    entry.save(update_fields=["what_i_did"])
    entry.refresh_from_db()
    assert entry.counts is False


@pytest.mark.django_db
def test_the_api_says_whether_an_entry_counts_and_why_not(owner: User, api: Api) -> None:
    body = api("POST", "/inventory", {"what_i_did": BLAME_ONLY, "impact": "It hurt"}).json()
    assert body["counts"] is False and "starting with “I”" in body["why_not"]
    patched = api("PATCH", f"/inventory/{body['id']}", {"what_i_did": MINE}).json()
    assert (patched["counts"], patched["why_not"]) == (True, "")


@pytest.mark.django_db
def test_an_imported_entry_is_judged_again_from_its_words(owner: User, outsider: User) -> None:
    from recouple.accounts.portability import export_user, import_user

    InventoryEntry.objects.create(user=owner, what_i_did=BLAME_ONLY, impact="x")
    data = export_user(owner)
    data["tables"]["amends.InventoryEntry"][0]["counts"] = True  # a file can't claim it
    import_user(outsider, data)
    assert InventoryEntry.objects.get(user=outsider).counts is False


@pytest.mark.django_db
def test_the_situation_reads_whether_an_entry_counts_in_its_one_query(owner: User) -> None:
    InventoryEntry.objects.create(user=owner, what_i_did=BLAME_ONLY, impact="x")
    with CaptureQueriesContext(connection) as queries:
        facts = read_facts(owner.pk, owner.today())
    assert len(queries) == 1
    assert facts["inventory_written"] is False


# --- 4. Who ended it ------------------------------------------------------------------------


@pytest.mark.django_db
def test_who_ended_it_is_asked_beside_the_reasons_and_shapes_the_report(
    owner: User, owner_client: Client
) -> None:
    page = owner_client.get(reverse("assessment:page", args=["reasons"])).content.decode()
    assert "Who ended it?" in page

    response = owner_client.post(reverse("assessment:ended_by"), {"ended_by": "them"})

    assert response.status_code == 302
    assessment = Assessment.objects.get(user=owner)
    assert assessment.ended_by == "them"
    for name, value in {"violence": False, "threats": False, "control": False}.items():
        setattr(assessment, name, value)
    assessment.save()
    report = answered(owner).make_report()
    html = owner_client.get(reverse("assessment:report", args=[report.pk])).content.decode()
    assert rules.ended_by_note(rules.EndedBy.THEM).replace("’", "&#x27;")[:20] in html.replace(
        "’", "&#x27;"
    )


@pytest.mark.django_db
def test_a_bad_answer_to_who_ended_it_is_refused_and_nothing_changes(
    owner: User, owner_client: Client, api: Api
) -> None:
    response = owner_client.post(reverse("assessment:ended_by"), {"ended_by": "nobody"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode() or "Please choose" in (
        response.content.decode()
    )
    assert api("PATCH", "/assessment", {"ended_by": "nobody"}).status_code in (400, 422)
    assert Assessment.for_user(owner).ended_by == ""
    assert api("PATCH", "/assessment", {"ended_by": "me"}).json()["ended_by"] == "me"


@pytest.mark.django_db
def test_who_ended_it_shapes_the_no_contact_advice(owner: User, owner_client: Client) -> None:
    start = reverse("nocontact:overview")
    assert 'id="ended-by-advice"' not in owner_client.get(start).content.decode()
    Assessment.objects.create(user=owner, ended_by="me")
    html = owner_client.get(start).content.decode()
    assert 'id="ended-by-advice"' in html
    assert "You ended it" in html
    assert nocontact_rules.ended_by_advice(rules.EndedBy.THEM)[:20] not in html


@pytest.mark.django_db
def test_the_api_report_carries_the_words_for_who_ended_it(owner: User, api: Api) -> None:
    assessment = answered(owner)
    assessment.ended_by = "both"
    assessment.save()
    body = api("POST", "/assessment/reports").json()
    assert body["ended_by_note"] == rules.ended_by_note(rules.EndedBy.BOTH)
    assert Report.objects.get(user=owner).ended_by_note == body["ended_by_note"]


# --- 5. What I've let go of, once a week ------------------------------------------------------


@pytest.mark.django_db
def test_the_let_go_note_is_one_per_week_and_linked_beside_the_daily_reflection(
    owner: User, owner_client: Client
) -> None:
    assert 'href="/journal/let-go/"' in owner_client.get(reverse("journal:index")).content.decode()
    with time_machine.travel("2026-06-03 12:00Z", tick=False):  # a Wednesday
        owner_client.post(LET_GO, {"text": "Checking for a reply"})
        owner_client.post(LET_GO, {"text": "Checking for a reply, mostly"})
    with time_machine.travel("2026-06-09 12:00Z", tick=False):  # the next Tuesday
        owner_client.post(LET_GO, {"text": "The hope that they'd call"})
        html = owner_client.get(LET_GO).content.decode()

    notes = list(LetGo.objects.filter(user=owner).order_by("week"))
    assert [(n.week.isoformat(), n.text) for n in notes] == [
        ("2026-06-01", "Checking for a reply, mostly"),
        ("2026-06-08", "The hope that they'd call"),
    ]
    assert "Checking for a reply, mostly" in html


@pytest.mark.django_db
def test_an_empty_let_go_note_is_refused_with_a_clear_message(
    owner: User, owner_client: Client, api: Api
) -> None:
    response = owner_client.post(LET_GO, {"text": "   "})
    assert response.status_code == 400
    assert "Write a few words first" in response.content.decode()
    assert api("PUT", "/journal/let-go", {"text": " "}).status_code == 400
    assert not LetGo.objects.exists()


@pytest.mark.django_db
def test_the_let_go_api_writes_this_weeks_note_and_deletes_it(owner: User, api: Api) -> None:
    body = api("PUT", "/journal/let-go", {"text": "Their playlist"}).json()
    assert body["week"] == week_of(owner.today()).isoformat()
    assert [n["text"] for n in api("GET", "/journal/let-go").json()] == ["Their playlist"]
    assert api("DELETE", f"/journal/let-go/{body['id']}").status_code == 204
    assert not LetGo.objects.exists()


@pytest.mark.django_db
def test_a_let_go_note_with_crisis_words_is_kept_and_shows_the_lines(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(LET_GO, {"text": "I want to kill myself"})
    assert response.status_code == 200
    assert LetGo.objects.filter(user=owner).exists()
    assert "saved, just for you" in response.content.decode()


@pytest.mark.django_db
def test_an_imported_let_go_week_must_be_a_monday(owner: User, outsider: User) -> None:
    from recouple.accounts.portability import ImportProblem, export_user, import_user

    LetGo.objects.create(user=owner, week=week_of(owner.today()), text="x")
    data = export_user(owner)
    data["tables"]["journal.LetGo"][0]["week"] = (
        week_of(owner.today()) + timedelta(days=2)
    ).isoformat()
    with pytest.raises(ImportProblem):
        import_user(outsider, data)
    assert not LetGo.objects.filter(user=outsider).exists()


@pytest.mark.django_db
def test_the_first_apology_draft_leaves_out_entries_only_about_them(
    owner: User, owner_client: Client
) -> None:
    InventoryEntry.objects.create(user=owner, what_i_did=BLAME_ONLY, impact="hurt me")
    InventoryEntry.objects.create(user=owner, what_i_did=MINE, impact="made her feel watched")
    html = owner_client.get(reverse("amends:apology")).content.decode()
    assert "I kept checking her phone" in html
    assert "She cheated on me" not in html
