"""The ownership matrix: how every route behaves for its owner, another user and nobody.

Every named URL pattern and API route must have an entry here; ``test_ownership`` fails
for a route that is missing. A feature that adds a route adds its entry: who may reach it,
which methods it answers, and, for a route about one object, how to make the owner's object
(the outsider must then get 404 and learn nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.conftest import OWNER_CANARY

Access = Literal["public", "private"]


@dataclass(frozen=True)
class Case:
    access: Access
    methods: frozenset[str]
    api: bool = False
    # Builds the owner's object and returns the URL kwargs that name it; None for routes
    # about the signed-in user as a whole (their settings, /me), where an outsider simply
    # sees their own.
    make: Callable[[Any], dict[str, Any]] | None = None
    # Fixed URL kwargs for routes that name something that is not an owned object.
    kwargs: dict[str, Any] = field(default_factory=dict)
    # Brings the owner's account into the state the route needs (e.g. an active period).
    prepare: Callable[[Any], Any] | None = None
    # What a GET answers when everything is right (a public route may answer 404 by design).
    ok_status: int = 200
    # Form data or JSON that an outsider's POST carries while trying to reach the owner.
    post_body: dict[str, Any] = field(default_factory=dict)


def _token(owner: Any) -> Any:
    from recouple.accounts.models import ApiToken

    ApiToken.issue(owner)
    return ApiToken.objects.filter(user=owner).latest("pk")


def _reason(owner: Any) -> Any:
    from recouple.assessment.models import Assessment, BreakupReason

    assessment = Assessment.for_user(owner)
    return BreakupReason.objects.create(assessment=assessment, text=OWNER_CANARY)


def _report(owner: Any) -> Any:
    from recouple.assessment.models import Assessment, BreakupReason

    assessment = Assessment.for_user(owner)
    BreakupReason.objects.create(assessment=assessment, text=OWNER_CANARY)
    return assessment.make_report()


def _period(owner: Any) -> Any:
    from datetime import timedelta

    from recouple.nocontact.models import Period

    return Period.objects.create(
        user=owner, started_on=owner.today() - timedelta(days=3), reasons=OWNER_CANARY
    )


def _contact(owner: Any) -> Any:
    from recouple.nocontact.models import Contact

    period = _period(owner)
    return Contact.objects.create(
        period=period, day=owner.today(), channel="text", note=OWNER_CANARY
    )


def _urge(owner: Any) -> Any:
    from recouple.nocontact.models import Urge

    return Urge.objects.create(user=owner, day=owner.today(), trigger=OWNER_CANARY)


def _letter(owner: Any) -> Any:
    from datetime import timedelta

    from recouple.nocontact.models import Letter

    return Letter.objects.create(
        user=owner, body=OWNER_CANARY, reopen_on=owner.today() - timedelta(days=1)
    )


def _hard_day(owner: Any) -> Any:
    from recouple.nocontact.models import HardDay

    return HardDay.objects.create(
        user=owner, label=OWNER_CANARY, kind="birthday", day=owner.today()
    )


def _draft(owner: Any) -> Any:
    from recouple.drafts.models import Draft

    return Draft.objects.create(user=owner, text=OWNER_CANARY)


def _entry(owner: Any) -> Any:
    from recouple.amends.models import InventoryEntry

    return InventoryEntry.objects.create(user=owner, what_i_did=OWNER_CANARY, impact="x")


def _therapist(owner: Any) -> Any:
    from recouple.reconnect.models import Therapist

    return Therapist.objects.create(user=owner, name=OWNER_CANARY)


def _pattern_check(owner: Any) -> Any:
    from recouple.reconnect.models import PatternCheck

    return PatternCheck.objects.create(
        user=owner, day=owner.today(), pattern=OWNER_CANARY, state="same"
    )


def _back_together(owner: Any) -> Any:
    from recouple.reconnect.models import Reunion

    return Reunion.objects.create(user=owner, outcome="back_together", since=owner.today())


def _journal(owner: Any) -> Any:
    from recouple.journal.models import Entry

    return Entry.objects.create(user=owner, day=owner.today(), mood=2, text=OWNER_CANARY)


def _let_go(owner: Any) -> Any:
    from recouple.journal.models import LetGo
    from recouple.program.journal import week_of

    return LetGo.objects.create(user=owner, week=week_of(owner.today()), text=OWNER_CANARY)


def _word(owner: Any) -> Any:
    from recouple.journal.models import Word

    return Word.objects.create(user=owner, kind="feeling", name=OWNER_CANARY)


def _goal(owner: Any) -> Any:
    from recouple.growth.models import Goal

    return Goal.objects.create(user=owner, area="health", title=OWNER_CANARY)


def _habit(owner: Any) -> Any:
    from recouple.growth.models import Habit

    return Habit.objects.create(user=owner, name=OWNER_CANARY, started_on=owner.today())


def _note(owner: Any) -> Any:
    from django.utils.timezone import now

    from recouple.reminders.models import Notification

    return Notification.objects.create(
        user=owner, key="test:1", kind="checkin", title="Check-in", body=OWNER_CANARY, due_at=now()
    )


def _safety(owner: Any) -> None:
    """The owner's safety plan, trusted person and pause reason, each holding the canary."""
    from recouple.safety.models import PauseReason, SafetyPlan, TrustedPerson

    SafetyPlan.objects.create(user=owner, warning_signs=OWNER_CANARY, reasons=OWNER_CANARY)
    TrustedPerson.objects.create(user=owner, name=OWNER_CANARY, phone="+44 7700 900123")
    PauseReason.objects.create(user=owner, text=OWNER_CANARY)


def _supporter_link(owner: Any) -> Any:
    from recouple.supporters import actions

    link, _token = actions.create_link(owner, {"name": OWNER_CANARY, "show_days": True})
    return link


GET = frozenset({"GET", "HEAD"})
GET_POST = frozenset({"GET", "HEAD", "POST"})
POST = frozenset({"POST"})
ANY = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})

MATRIX: dict[str, Case] = {
    "pages:home": Case("public", GET),
    "pages:healthz": Case("public", GET),
    "pages:crisis": Case("public", GET),
    "pages:privacy": Case("public", GET),
    "pages:neutral": Case("public", GET),
    "accounts:signup": Case("public", GET_POST),
    "accounts:login": Case("public", GET_POST),
    "accounts:logout": Case("public", POST),
    "accounts:settings": Case(
        "private", GET_POST, post_body={"time_zone": "UTC", "ex_name": "overwritten"}
    ),
    "accounts:password": Case("private", GET_POST),
    "accounts:recovery_codes": Case("private", GET_POST, post_body={"password": "wrong password"}),
    "accounts:recover": Case("public", GET_POST),
    "accounts:send_confirmation": Case("private", POST),
    "accounts:revoke_token": Case("private", POST, make=lambda o: {"pk": _token(o).pk}),
    "accounts:confirm_email": Case(
        "public", GET_POST, kwargs={"token": "not-a-real-token"}, ok_status=404
    ),
    "accounts:delete": Case("private", GET_POST, post_body={"password": "wrong password"}),
    # Only names the API's base path: 404 for every method.
    "api:api-root": Case("public", ANY, api=True, ok_status=404),
    "api:openapi-json": Case("public", GET, api=True),
    "api:signup": Case("public", POST, api=True),
    "api:token": Case("public", POST, api=True),
    "api:me": Case("private", frozenset({"GET"}), api=True),
    # Reflect: the assessment and its reports.
    "assessment:start": Case("private", GET),
    "assessment:review": Case("private", GET_POST),
    "assessment:page": Case(
        "private", GET_POST, kwargs={"slug": "reasons"}, post_body={"violence": "yes"}
    ),
    "assessment:item_add": Case(
        "private", POST, kwargs={"kind": "reasons"}, post_body={"text": "outsider's own"}
    ),
    "assessment:item_edit": Case(
        "private",
        GET_POST,
        make=lambda owner: {"kind": "reasons", "pk": _reason(owner).pk},
        post_body={"text": "overwritten", "still_applies": "on"},
    ),
    "assessment:item_delete": Case(
        "private", POST, make=lambda owner: {"kind": "reasons", "pk": _reason(owner).pk}
    ),
    "assessment:report": Case("private", GET, make=lambda owner: {"pk": _report(owner).pk}),
    "assessment:ended_by": Case("private", POST, post_body={"ended_by": "them"}),
    "api:assessment": Case(
        "private", frozenset({"GET", "PATCH"}), api=True, post_body={"violence": True}
    ),
    "api:assessment_items": Case(
        "private", POST, api=True, kwargs={"kind": "reasons"}, post_body={"text": "mine"}
    ),
    "api:assessment_item": Case(
        "private",
        frozenset({"PATCH", "DELETE"}),
        api=True,
        make=lambda owner: {"kind": "reasons", "item_id": _reason(owner).pk},
        post_body={"text": "overwritten"},
    ),
    "api:reports": Case("private", frozenset({"GET", "POST"}), api=True),
    "api:report": Case(
        "private", frozenset({"GET"}), api=True, make=lambda owner: {"report_id": _report(owner).pk}
    ),
    # The path.
    "path:overview": Case("private", GET),
    "path:step": Case("private", GET, kwargs={"slug": "no-contact"}),
    "path:letting_go": Case("private", GET),
    "path:safety": Case("public", GET),
    "api:path": Case("private", frozenset({"GET"}), api=True),
    # No contact, urges, letters, boundaries.
    "nocontact:overview": Case("private", GET_POST, prepare=_period),
    "nocontact:suggest": Case("private", GET),
    "nocontact:end": Case("private", POST, prepare=_period),
    "nocontact:contact_new": Case(
        "private", GET_POST, prepare=_period, post_body={"channel": "text", "note": "mine"}
    ),
    "nocontact:contact_delete": Case("private", POST, make=lambda o: {"pk": _contact(o).pk}),
    "nocontact:urge_new": Case("private", GET_POST, post_body={"intensity": "4"}),
    "nocontact:urge_quick": Case("private", POST, post_body={"intensity": "4"}),
    "nocontact:urge_edit": Case(
        "private", GET_POST, make=lambda o: {"pk": _urge(o).pk}, post_body={"intensity": "1"}
    ),
    "nocontact:pause": Case("private", GET, prepare=_period),
    "nocontact:letters": Case("private", GET_POST, post_body={"body": "mine"}),
    "nocontact:letter": Case("private", GET, make=lambda o: {"pk": _letter(o).pk}),
    "nocontact:checkin": Case("private", POST, post_body={"boundary": "no_sex", "kept": "yes"}),
    "nocontact:calendar": Case("private", GET, prepare=_period),
    "nocontact:hard_days": Case(
        "private",
        GET_POST,
        prepare=_hard_day,
        post_body={"label": "mine", "kind": "holiday", "day": "2030-12-24", "yearly": "on"},
    ),
    "nocontact:hard_day_delete": Case("private", POST, make=lambda o: {"pk": _hard_day(o).pk}),
    "nocontact:hard_hour": Case("private", POST, post_body={"weekday": "6", "hour": "18"}),
    "api:hard_days": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        post_body={"label": "x", "kind": "other", "day": "2030-01-01"},
    ),
    "api:hard_day": Case(
        "private",
        frozenset({"DELETE"}),
        api=True,
        make=lambda o: {"hard_day_id": _hard_day(o).pk},
    ),
    "api:nocontact": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        prepare=_period,
        post_body={"target_days": 30},
    ),
    "api:nocontact_end": Case("private", POST, api=True, prepare=_period),
    "api:nocontact_contacts": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        prepare=_period,
        post_body={"channel": "call"},
    ),
    "api:nocontact_contact": Case(
        "private", frozenset({"DELETE"}), api=True, make=lambda o: {"contact_id": _contact(o).pk}
    ),
    "api:urges": Case("private", frozenset({"GET", "POST"}), api=True, post_body={"intensity": 3}),
    "api:urge": Case(
        "private",
        frozenset({"PATCH", "DELETE"}),
        api=True,
        make=lambda o: {"urge_id": _urge(o).pk},
        post_body={"intensity": 9},
    ),
    "api:letters": Case("private", frozenset({"GET", "POST"}), api=True, post_body={"body": "x"}),
    "api:letter": Case(
        "private", frozenset({"GET"}), api=True, make=lambda o: {"letter_id": _letter(o).pk}
    ),
    "api:checkins": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        post_body={"boundary": "no_social", "kept": False},
    ),
    "api:nocontact_calendar": Case("private", frozenset({"GET"}), api=True, prepare=_period),
    # Before you send: the coach and drafts.
    "drafts:compose": Case("private", GET_POST, post_body={"kind": "message", "text": "mine"}),
    "drafts:check": Case("private", POST, post_body={"text": "hello"}),
    "drafts:kinder": Case("private", POST, post_body={"text": "please come back"}),
    "drafts:list": Case("private", GET),
    "drafts:delete": Case("private", POST, make=lambda o: {"pk": _draft(o).pk}),
    "api:coach_check": Case("private", POST, api=True, post_body={"text": "hello"}),
    "api:coach_kinder": Case("private", POST, api=True, post_body={"text": "please come back"}),
    "api:drafts": Case("private", frozenset({"GET", "POST"}), api=True, post_body={"text": "x"}),
    "api:draft": Case(
        "private",
        frozenset({"GET", "PUT", "DELETE"}),
        api=True,
        make=lambda o: {"draft_id": _draft(o).pk},
        post_body={"text": "overwritten"},
    ),
    # Make it right (step 2).
    "amends:overview": Case("private", GET_POST, post_body={"what_i_did": "x", "impact": "y"}),
    "amends:entry_edit": Case(
        "private", GET_POST, make=lambda o: {"pk": _entry(o).pk}, post_body={"impact": "z"}
    ),
    "amends:entry_delete": Case("private", POST, make=lambda o: {"pk": _entry(o).pk}),
    "amends:apology": Case("private", GET_POST, post_body={"apology": "mine"}),
    "amends:self_forgiveness": Case("private", GET_POST, post_body={"self_forgiveness": "x"}),
    "api:inventory": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        post_body={"what_i_did": "x", "impact": "y"},
    ),
    "api:inventory_entry": Case(
        "private",
        frozenset({"PATCH", "DELETE"}),
        api=True,
        make=lambda o: {"entry_id": _entry(o).pk},
        post_body={"impact": "overwritten"},
    ),
    "api:amends": Case("private", frozenset({"GET", "PUT"}), api=True, post_body={"apology": "x"}),
    # Reach out, the answer, friendship, therapy, letting go of control.
    "reconnect:reach_out": Case("private", GET_POST, post_body={"message": "x"}),
    "reconnect:answer": Case("private", POST, post_body={"answer": "no"}),
    "reconnect:they_wrote": Case("private", POST, post_body={"note": "x"}),
    "reconnect:friendship": Case("private", GET_POST),
    "reconnect:therapy": Case("private", GET_POST),
    "reconnect:therapist_delete": Case("private", POST, make=lambda o: {"pk": _therapist(o).pk}),
    "reconnect:reflect": Case("private", GET_POST, post_body={"text": "mine"}),
    "reconnect:they_reached_out": Case("private", GET_POST, post_body={"note": "x"}),
    "reconnect:end_early": Case("private", POST),
    "reconnect:new_relationship": Case("private", POST),
    "reconnect:together": Case(
        "private", GET_POST, prepare=_back_together, post_body={"form": "check", "pattern": "x"}
    ),
    "api:outreach": Case("private", frozenset({"GET"}), api=True),
    "api:outreach_message": Case(
        "private", frozenset({"PUT"}), api=True, post_body={"message": "x"}
    ),
    "api:outreach_sent": Case("private", POST, api=True),
    "api:outreach_answer": Case("private", POST, api=True, post_body={"answer": "no"}),
    "api:their_messages": Case("private", POST, api=True, post_body={"note": "x"}),
    "api:friendship_gate": Case(
        "private", POST, api=True, post_body={"wants_friendship_anyway": True}
    ),
    "api:meetings": Case("private", frozenset({"GET", "POST"}), api=True),
    "api:therapists": Case(
        "private", frozenset({"GET", "POST"}), api=True, post_body={"name": "x"}
    ),
    "api:therapist": Case(
        "private",
        frozenset({"DELETE"}),
        api=True,
        make=lambda o: {"therapist_id": _therapist(o).pk},
    ),
    "api:therapy_sessions": Case("private", frozenset({"GET", "POST"}), api=True),
    "api:reflections": Case(
        "private", frozenset({"GET", "POST"}), api=True, post_body={"text": "x"}
    ),
    "api:end_no_contact_early": Case("private", POST, api=True),
    "api:new_relationships": Case("private", frozenset({"GET", "POST"}), api=True),
    "api:new_relationships_over": Case("private", POST, api=True),
    "api:reunion": Case(
        "private",
        frozenset({"GET", "PUT"}),
        api=True,
        prepare=_back_together,
        post_body={"outcome": "back_together"},
    ),
    "api:pattern_checks": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        prepare=_back_together,
        post_body={"pattern": "x", "state": "same"},
    ),
    "api:pattern_check": Case(
        "private",
        frozenset({"DELETE"}),
        api=True,
        make=lambda o: {"check_id": _pattern_check(o).pk},
    ),
    # Your data.
    "accounts:export_json": Case("private", GET),
    "accounts:export_csv": Case("private", GET),
    "accounts:import": Case("private", POST),
    "pages:manifest": Case("public", GET),
    # Today: the dashboard.
    "dashboard:index": Case("private", GET, prepare=_journal),
    "api:dashboard": Case("private", frozenset({"GET"}), api=True, prepare=_journal),
    # Journal.
    "journal:index": Case("private", GET_POST, post_body={"text": "mine", "mood": "3"}),
    "journal:year": Case("private", GET, prepare=_journal),
    "journal:crisis_check": Case("private", POST, post_body={"text": "a calm day"}),
    "journal:entry": Case(
        "private", GET_POST, make=lambda o: {"pk": _journal(o).pk}, post_body={"text": "theirs"}
    ),
    "journal:delete": Case("private", POST, make=lambda o: {"pk": _journal(o).pk}),
    "journal:let_go": Case(
        "private", GET_POST, prepare=_let_go, post_body={"text": "the outsider's own week"}
    ),
    "journal:let_go_delete": Case("private", POST, make=lambda o: {"pk": _let_go(o).pk}),
    "api:let_go_notes": Case(
        "private",
        frozenset({"GET", "PUT"}),
        api=True,
        prepare=_let_go,
        post_body={"text": "the outsider's own week"},
    ),
    "api:let_go_note": Case(
        "private", frozenset({"DELETE"}), api=True, make=lambda o: {"note_id": _let_go(o).pk}
    ),
    "api:journal_prompt": Case("private", frozenset({"GET"}), api=True),
    "api:journal_entries": Case(
        "private", frozenset({"GET", "POST"}), api=True, post_body={"text": "x", "mood": 3}
    ),
    "api:journal_entry": Case(
        "private",
        frozenset({"GET", "PATCH", "DELETE"}),
        api=True,
        make=lambda o: {"entry_id": _journal(o).pk},
        post_body={"text": "overwritten"},
    ),
    "journal:words": Case(
        "private", GET_POST, prepare=_word, post_body={"kind": "activity", "name": "yoga"}
    ),
    "journal:word": Case(
        "private", POST, make=lambda o: {"pk": _word(o).pk}, post_body={"name": "theirs"}
    ),
    "journal:word_hide": Case("private", POST, make=lambda o: {"pk": _word(o).pk}),
    "api:journal_words": Case(
        "private",
        frozenset({"GET", "POST"}),
        api=True,
        prepare=_word,
        post_body={"kind": "activity", "name": "yoga"},
    ),
    "api:journal_word": Case(
        "private",
        frozenset({"GET", "PATCH"}),
        api=True,
        make=lambda o: {"word_id": _word(o).pk},
        post_body={"name": "overwritten"},
    ),
    # Grow (step 4).
    "growth:overview": Case("private", GET, prepare=_habit),
    "growth:goal_new": Case("private", GET_POST, post_body={"area": "work", "title": "x"}),
    "growth:goal": Case(
        "private",
        GET_POST,
        make=lambda o: {"pk": _goal(o).pk},
        post_body={"area": "work", "title": "overwritten"},
    ),
    "growth:goal_reached": Case("private", POST, make=lambda o: {"pk": _goal(o).pk}),
    "growth:goal_delete": Case("private", POST, make=lambda o: {"pk": _goal(o).pk}),
    "growth:habit_new": Case("private", GET_POST, post_body={"name": "walk"}),
    "growth:habit": Case(
        "private", GET_POST, make=lambda o: {"pk": _habit(o).pk}, post_body={"name": "x"}
    ),
    "growth:habit_mark": Case(
        "private", POST, make=lambda o: {"pk": _habit(o).pk}, post_body={"mark": "done"}
    ),
    "growth:habit_history": Case("private", GET, make=lambda o: {"pk": _habit(o).pk}),
    "growth:habit_archive": Case("private", POST, make=lambda o: {"pk": _habit(o).pk}),
    "growth:habit_delete": Case("private", POST, make=lambda o: {"pk": _habit(o).pk}),
    "api:goals": Case(
        "private", frozenset({"GET", "POST"}), api=True, post_body={"area": "work", "title": "x"}
    ),
    "api:goal": Case(
        "private",
        frozenset({"GET", "PATCH", "DELETE"}),
        api=True,
        make=lambda o: {"goal_id": _goal(o).pk},
        post_body={"title": "overwritten"},
    ),
    "api:habits": Case("private", frozenset({"GET", "POST"}), api=True, post_body={"name": "x"}),
    "api:habit": Case(
        "private",
        frozenset({"GET", "PATCH", "DELETE"}),
        api=True,
        make=lambda o: {"habit_id": _habit(o).pk},
        post_body={"name": "overwritten"},
    ),
    "api:habit_marks": Case(
        "private",
        POST,
        api=True,
        make=lambda o: {"habit_id": _habit(o).pk},
        post_body={"mark": "done"},
    ),
    "api:habit_history": Case(
        "private", frozenset({"GET"}), api=True, make=lambda o: {"habit_id": _habit(o).pk}
    ),
    # Reminders and the calendar feed.
    "reminders:index": Case("private", GET_POST, post_body={"reminder_time": "07:30"}),
    "reminders:read": Case("private", POST, make=lambda o: {"pk": _note(o).pk}),
    "reminders:read_all": Case("private", POST),
    "reminders:feed_new": Case("private", POST),
    "reminders:feed_revoke": Case("private", POST),
    # The feed's secret address is its only key: a wrong one is 404 for everybody.
    "reminders:feed": Case("public", GET, kwargs={"token": "cal_not-a-real-token"}, ok_status=404),
    "api:notes": Case("private", frozenset({"GET"}), api=True),
    "api:note_read": Case("private", POST, api=True, make=lambda o: {"note_id": _note(o).pk}),
    "api:hard_hour": Case(
        "private",
        frozenset({"GET", "PUT", "DELETE"}),
        api=True,
        post_body={"weekday": 6, "hour": 18},
    ),
    "api:reminder_settings": Case(
        "private", frozenset({"GET", "PATCH"}), api=True, post_body={"quiet_mode": False}
    ),
    # The summary for a therapist: made from the signed-in person's own record only.
    "summaries:index": Case("private", GET, prepare=_journal),
    "summaries:pdf": Case("private", GET, prepare=_journal),
    "summaries:print": Case("private", GET, prepare=_journal),
    "api:summary_pdf": Case("private", frozenset({"GET"}), api=True, prepare=_journal),
    # Supporters: links for friends; the public page's secret address is its only key.
    "supporters:index": Case(
        "private", GET_POST, post_body={"name": "Sam", "days": "30", "show_days": "on"}
    ),
    "supporters:revoke": Case("private", POST, make=lambda o: {"pk": _supporter_link(o).pk}),
    "supporters:nudge": Case("private", POST),
    "supporters:public": Case(
        "public", GET, kwargs={"token": "sup_not-a-real-token"}, ok_status=404
    ),
    "api:supporter_links": Case(
        "private", frozenset({"GET", "POST"}), api=True, post_body={"name": "Sam"}
    ),
    "api:supporter_link": Case(
        "private",
        frozenset({"DELETE"}),
        api=True,
        make=lambda o: {"link_id": _supporter_link(o).pk},
    ),
    "api:supporter_nudge": Case("private", POST, api=True),
    # The safety net: one plan, one trusted person and one line of why per user; another
    # user only ever sees (and writes) their own.
    "safety:plan": Case(
        "private", GET_POST, prepare=_safety, post_body={"reasons": "mine, not theirs"}
    ),
    "safety:plan_print": Case("private", GET, prepare=_safety),
    "safety:trusted": Case(
        "private", GET_POST, prepare=_safety, post_body={"name": "Sam", "phone": "988"}
    ),
    "safety:trusted_delete": Case("private", POST, prepare=_safety),
    "safety:pause_reason": Case("private", POST, prepare=_safety, post_body={"text": "mine"}),
    # Anyone may leave quickly; signed in, it also signs out (unless turned off).
    "safety:leave": Case("public", POST),
    "api:safety_plan": Case(
        "private",
        frozenset({"GET", "PUT"}),
        api=True,
        prepare=_safety,
        post_body={"reasons": "mine"},
    ),
    "api:trusted_person": Case(
        "private",
        frozenset({"GET", "PUT", "DELETE"}),
        api=True,
        prepare=_safety,
        post_body={"name": "Sam", "phone": "988"},
    ),
    "api:pause_reason": Case(
        "private",
        frozenset({"GET", "PUT"}),
        api=True,
        prepare=_safety,
        post_body={"text": "mine"},
    ),
}
