"""Bad input of every kind, on every form and every API route: markup in every text box,
bodies that are too big, JSON that is not JSON, values of the wrong type, fields that try to
claim someone else's row, impossible dates and time zones that do not exist.

What must hold: nothing a person types ever runs as markup on a page; the API hands text
back exactly as data; every refusal is a clear 4xx (a JSON ``{"error": ...}`` under /api/),
never a 500, and nothing is saved by a refused request.

The forms are found by importing every form class in ``src/recouple/*/forms.py``; each text
box of each one must have a way to be submitted here (FORM_CASES), and the page that holds
the form must really show that box. The API's input schemas are read from the routes
themselves, so a new field or route is covered (or the completeness tests fail).
"""

from __future__ import annotations

import importlib
import json
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm
from django.forms.widgets import DateTimeBaseInput
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import recouple
from recouple.accounts.forms import RecoverForm, SettingsForm, SignupForm
from recouple.accounts.models import ApiToken, User
from recouple.amends.forms import ApologyForm, SelfForgivenessForm
from recouple.amends.forms import EntryForm as InventoryForm
from recouple.api import api as ninja_api
from recouple.assessment.forms import ChangeForm, OpinionForm, QualityForm, ReasonForm
from recouple.drafts.forms import DraftForm
from recouple.growth.forms import GoalForm, HabitForm
from recouple.journal.forms import EntryForm as JournalForm
from recouple.journal.forms import LetGoForm, WordForm
from recouple.nocontact.forms import ContactForm, HardDayForm, LetterForm, StartForm, UrgeForm
from recouple.reconnect.forms import (
    MeetingForm,
    MessageForm,
    PatternCheckForm,
    ReflectionForm,
    SessionForm,
    TherapistForm,
    TheyWroteForm,
)
from recouple.safety.forms import PauseReasonForm, SafetyPlanForm, TrustedPersonForm
from recouple.safety.models import PLAN_SECTIONS
from recouple.supporters.forms import LinkForm
from tests.conftest import PASSWORD, signed_in
from tests.ownership import MATRIX, _draft, _entry, _goal, _habit, _journal, _period
from tests.ownership import _reason as _reason_item
from tests.ownership import _urge as _urge_row
from tests.test_ownership import owner_fingerprint as every_row
from tests.test_reconnect import PLEADING, ready, replied, sent

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</textarea><svg onload=alert(1)>",
    "{{7*7}}",
    "'';!--\"<XSS>=&{()}",
)
# All of them in one box at once (one space apart: some boxes fold runs of spaces).
JOINED = " ".join(PAYLOADS)
# What would run, or break out of an attribute or a textarea, if it reached a page as typed.
RAW_MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea><svg",
    "<svg onload=alert(1)>",
    "<XSS>",
)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)
# The pages that gather a person's words: each is checked after every submission.
COMMON_PAGES = ("/today/", "/journal/", "/grow/", "/reminders/")


def assert_no_raw_markup(html: str, where: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in html, f"{where}: {raw!r} reached the page unescaped"
    assert not JAVASCRIPT_URL.search(html), f"{where}: a javascript: URL in an attribute"


def assert_shown_escaped(pages: dict[str, str], payloads: tuple[str, ...]) -> None:
    everything = "\n".join(pages.values())
    for payload in payloads:
        assert escape(payload) in everything, (
            f"{payload!r} is not shown (escaped) on any of {sorted(pages)}"
        )


# --------------------------------------------------------------------------------------
# State a form needs before it is shown


def owner_fingerprint(user: User) -> dict[str, list[Any]]:
    """Every row the user owns, with its values (an API token's last use aside)."""
    rows = {k: v for k, v in every_row(user).items() if not k.startswith("accounts.ApiToken")}
    rows["accounts.User"] = list(User.objects.filter(pk=user.pk).values_list())
    return rows


def _reply_open(owner: User) -> None:
    outreach = replied(owner, "open")
    outreach.wants_friendship_anyway = True
    outreach.save()


def _back_together(owner: User) -> None:
    from recouple.reconnect.models import Reunion

    _reply_open(owner)
    Reunion.objects.create(user=owner, outcome="back_together", since=owner.today())


def _milestones(owner: User) -> None:
    """Eight days without contact: milestone reminders, which may name the ex."""
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=8))


def _latest(model: str, **filters: Any) -> Any:
    return apps.get_model(model).objects.filter(**filters).latest("pk")


def _tomorrow(owner: User) -> str:
    return (owner.today() + timedelta(days=1)).isoformat()


def _today(owner: User) -> str:
    return owner.today().isoformat()


# --------------------------------------------------------------------------------------
# Every form with text boxes, and how to submit it


@dataclass(frozen=True)
class FormCase:
    route: str
    form: type[forms.BaseForm]
    fields: tuple[str, ...]
    # A whole valid submission (each test then changes one box).
    data: Callable[[User], dict[str, Any]] = lambda owner: {}
    # Brings the account into the state the form needs; returns the route's URL kwargs.
    prepare: Callable[[User], Any] | None = None
    kwargs: Callable[[User], dict[str, Any]] = lambda owner: {}
    # The page that holds the form, from the route's own URL (default: that URL).
    page: Callable[[str], str] | None = None
    # Where the saved text is shown afterwards.
    shown: Callable[[User], list[str]] = lambda owner: []
    prefix: str = ""
    # Boxes too short for all payloads at once take them one by one.
    short: bool = False
    anonymous: bool = False
    # False for forms that refuse the payload itself (a username) and show it back.
    saves: bool = True
    # Run before the shown pages are read (a sealed letter is opened).
    after: Callable[[User], Any] | None = None
    # False for a box that is kept but shown on no page (only counted).
    displayed: bool = True

    def url(self, owner: User) -> str:
        return reverse(self.route, kwargs=self.kwargs(owner) or None)

    def form_page(self, url: str) -> str:
        return self.page(url) if self.page else url

    def name(self, box: str) -> str:
        return f"{self.prefix}-{box}" if self.prefix else box


def _item_page(kind: str) -> Callable[[str], str]:
    return lambda url: reverse("assessment:page", args=[kind])


def _item_shown(kind: str, model: str) -> Callable[[User], list[str]]:
    def shown(owner: User) -> list[str]:
        item = _latest(model, assessment__user=owner)
        return [
            reverse("assessment:page", args=[kind]),
            reverse("assessment:review"),
            reverse("assessment:item_edit", kwargs={"kind": kind, "pk": item.pk}),
        ]

    return shown


INVENTORY_BOXES = ("what_i_did", "impact", "pattern", "doing_about_it")
PLAN_BOXES = tuple(name for name, _heading, _hint in PLAN_SECTIONS)


def _inventory_shown(owner: User) -> list[str]:
    entry = _latest("amends.InventoryEntry", user=owner)
    return [
        reverse("amends:overview"),
        reverse("amends:entry_edit", kwargs={"pk": entry.pk}),
        reverse("amends:apology"),
    ]


FORM_CASES: dict[str, FormCase] = {
    "signup": FormCase(
        "accounts:signup",
        SignupForm,
        ("username",),
        data=lambda o: {
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy_notice": "on",
        },
        anonymous=True,
        saves=False,
        short=True,
    ),
    "recover": FormCase(
        "accounts:recover",
        RecoverForm,
        ("username", "code"),
        data=lambda o: {"password1": PASSWORD, "password2": PASSWORD},
        anonymous=True,
        saves=False,
        short=True,
    ),
    "login": FormCase(
        "accounts:login",
        AuthenticationForm,
        ("username",),
        data=lambda o: {"password": "not the password"},
        anonymous=True,
        saves=False,
        short=True,
    ),
    "settings": FormCase(
        "accounts:settings",
        SettingsForm,
        ("ex_name",),
        # Their name on, quiet mode off: the name reaches the reminders and Today.
        data=lambda o: {"time_zone": "Europe/London", "use_ex_name": "on"},
        prepare=_milestones,
        shown=lambda o: [reverse("accounts:settings"), "/reminders/", "/today/"],
        short=True,
    ),
    "inventory": FormCase(
        "amends:overview",
        InventoryForm,
        INVENTORY_BOXES,
        data=lambda o: {"what_i_did": "x", "impact": "y"},
        shown=_inventory_shown,
    ),
    "inventory-edit": FormCase(
        "amends:entry_edit",
        InventoryForm,
        INVENTORY_BOXES,
        data=lambda o: {"what_i_did": "x", "impact": "y"},
        kwargs=lambda o: {"pk": _entry(o).pk},
        shown=_inventory_shown,
    ),
    "apology": FormCase(
        "amends:apology",
        ApologyForm,
        ("apology",),
        data=lambda o: {"apology": "x"},
        shown=lambda o: [reverse("amends:apology")],
    ),
    "self-forgiveness": FormCase(
        "amends:self_forgiveness",
        SelfForgivenessForm,
        ("self_forgiveness",),
        data=lambda o: {"self_forgiveness": "x"},
        shown=lambda o: [reverse("amends:self_forgiveness")],
    ),
    "reasons": FormCase(
        "assessment:item_add",
        ReasonForm,
        ("text",),
        data=lambda o: {"text": "x"},
        kwargs=lambda o: {"kind": "reasons"},
        page=_item_page("reasons"),
        shown=_item_shown("reasons", "assessment.BreakupReason"),
    ),
    "reasons-edit": FormCase(
        "assessment:item_edit",
        ReasonForm,
        ("text",),
        data=lambda o: {"text": "x"},
        kwargs=lambda o: {"kind": "reasons", "pk": _reason_item(o).pk},
        shown=_item_shown("reasons", "assessment.BreakupReason"),
    ),
    "changes": FormCase(
        "assessment:item_add",
        ChangeForm,
        ("text", "evidence"),
        data=lambda o: {"text": "x"},
        kwargs=lambda o: {"kind": "changes"},
        page=_item_page("changes"),
        shown=_item_shown("changes", "assessment.Change"),
    ),
    "qualities": FormCase(
        "assessment:item_add",
        QualityForm,
        ("text",),
        data=lambda o: {"text": "x", "loved": "yes"},
        kwargs=lambda o: {"kind": "qualities"},
        page=_item_page("qualities"),
        shown=_item_shown("qualities", "assessment.Quality"),
    ),
    "opinions": FormCase(
        "assessment:item_add",
        OpinionForm,
        ("who", "said"),
        data=lambda o: {"who": "x", "relation": "friend", "stance": "supportive"},
        kwargs=lambda o: {"kind": "opinions"},
        page=_item_page("opinions"),
        shown=_item_shown("opinions", "assessment.Opinion"),
        short=True,
    ),
    "draft": FormCase(
        "drafts:compose",
        DraftForm,
        ("text",),
        data=lambda o: {"kind": "message", "text": "x"},
        shown=lambda o: [
            reverse("drafts:list"),
            reverse("drafts:compose") + f"?draft={_latest('drafts.Draft', user=o).pk}",
        ],
    ),
    "goal": FormCase(
        "growth:goal_new",
        GoalForm,
        ("title", "why"),
        data=lambda o: {"area": "health", "title": "x"},
        shown=lambda o: [
            "/grow/",
            reverse("growth:goal", kwargs={"pk": _latest("growth.Goal", user=o).pk}),
        ],
    ),
    "goal-edit": FormCase(
        "growth:goal",
        GoalForm,
        ("title", "why"),
        data=lambda o: {"area": "health", "title": "x"},
        kwargs=lambda o: {"pk": _goal(o).pk},
        shown=lambda o: [
            "/grow/",
            reverse("growth:goal", kwargs={"pk": _latest("growth.Goal", user=o).pk}),
        ],
    ),
    "habit": FormCase(
        "growth:habit_new",
        HabitForm,
        ("name",),
        data=lambda o: {"name": "x"},
        shown=lambda o: [
            "/grow/",
            "/today/",
            reverse("growth:habit", kwargs={"pk": _latest("growth.Habit", user=o).pk}),
        ],
    ),
    "habit-edit": FormCase(
        "growth:habit",
        HabitForm,
        ("name",),
        data=lambda o: {"name": "x"},
        kwargs=lambda o: {"pk": _habit(o).pk},
        shown=lambda o: [
            "/grow/",
            reverse("growth:habit", kwargs={"pk": _latest("growth.Habit", user=o).pk}),
        ],
    ),
    "habit-measured": FormCase(
        "growth:habit_new",
        HabitForm,
        ("unit",),
        data=lambda o: {"name": "Walk", "target": "30"},
        # The unit is on the habit's row, with today's number.
        shown=lambda o: ["/grow/"],
        short=True,
    ),
    "own-word": FormCase(
        "journal:words",
        WordForm,
        ("name",),
        data=lambda o: {"kind": "activity"},
        # On the words page, and as a choice on the journal form.
        shown=lambda o: [reverse("journal:words"), reverse("journal:index")],
        short=True,
    ),
    "journal": FormCase(
        "journal:index",
        JournalForm,
        ("text",),
        data=lambda o: {"mood": "3"},
        shown=lambda o: [
            "/journal/",
            reverse("journal:entry", kwargs={"pk": _latest("journal.Entry", user=o).pk}),
            reverse("journal:entry", kwargs={"pk": _latest("journal.Entry", user=o).pk})
            + "?edit=1",
        ],
    ),
    "let-go": FormCase(
        "journal:let_go",
        LetGoForm,
        ("text",),
        shown=lambda o: [reverse("journal:let_go")],
    ),
    "journal-edit": FormCase(
        "journal:entry",
        JournalForm,
        ("text",),
        data=lambda o: {"mood": "3"},
        kwargs=lambda o: {"pk": _journal(o).pk},
        page=lambda url: url + "?edit=1",
        shown=lambda o: [
            reverse("journal:entry", kwargs={"pk": _latest("journal.Entry", user=o).pk}),
        ],
    ),
    "no-contact": FormCase(
        "nocontact:overview",
        StartForm,
        ("reasons",),
        data=lambda o: {"target_days": "30"},
        shown=lambda o: [reverse("nocontact:pause"), reverse("nocontact:overview")],
    ),
    "contact": FormCase(
        "nocontact:contact_new",
        ContactForm,
        ("note",),
        data=lambda o: {"channel": "text", "day": _today(o)},
        prepare=_period,
        shown=lambda o: [reverse("nocontact:overview")],
    ),
    "urge": FormCase(
        "nocontact:urge_new",
        UrgeForm,
        ("trigger", "instead"),
        data=lambda o: {"intensity": "4"},
        shown=lambda o: [
            reverse("nocontact:urge_edit", kwargs={"pk": _latest("nocontact.Urge", user=o).pk})
        ],
    ),
    "urge-edit": FormCase(
        "nocontact:urge_edit",
        UrgeForm,
        ("trigger", "instead"),
        data=lambda o: {"intensity": "4"},
        kwargs=lambda o: {"pk": _urge_row(o).pk},
        shown=lambda o: [
            reverse("nocontact:urge_edit", kwargs={"pk": _latest("nocontact.Urge", user=o).pk})
        ],
    ),
    "letter": FormCase(
        "nocontact:letters",
        LetterForm,
        ("body",),
        data=lambda o: {"body": "x", "reopen_on": _tomorrow(o)},
        # Sealed until tomorrow: open it now so the page shows the words.
        after=lambda o: (
            apps.get_model("nocontact.Letter")
            .objects.filter(user=o)
            .update(reopen_on=o.today(), opens_at=timezone.now())
        ),
        shown=lambda o: [
            reverse("nocontact:letters"),
            reverse("nocontact:letter", kwargs={"pk": _latest("nocontact.Letter", user=o).pk}),
        ],
    ),
    "message": FormCase(
        "reconnect:reach_out",
        MessageForm,
        ("message",),
        data=lambda o: {"message": "x"},
        prepare=ready,
        shown=lambda o: [reverse("reconnect:reach_out")],
    ),
    "they-wrote": FormCase(
        "reconnect:they_wrote",
        TheyWroteForm,
        ("note",),
        prepare=sent,
        page=lambda url: reverse("reconnect:reach_out"),
        shown=lambda o: [reverse("reconnect:reach_out")],
        # Only counted ("1 message from them logged"), never shown.
        displayed=False,
    ),
    "meeting": FormCase(
        "reconnect:friendship",
        MeetingForm,
        ("what", "felt"),
        data=lambda o: {"day": _today(o), "what": "x"},
        prepare=_reply_open,
        shown=lambda o: [reverse("reconnect:friendship")],
    ),
    "therapist": FormCase(
        "reconnect:therapy",
        TherapistForm,
        ("name", "contact", "notes"),
        data=lambda o: {"form": "therapist", "therapist-name": "x"},
        prepare=_reply_open,
        prefix="therapist",
        shown=lambda o: [reverse("reconnect:therapy")],
    ),
    "therapy-session": FormCase(
        "reconnect:therapy",
        SessionForm,
        ("notes",),
        data=lambda o: {"form": "session", "session-day": _today(o), "session-notes": "x"},
        prepare=_reply_open,
        prefix="session",
        shown=lambda o: [reverse("reconnect:therapy")],
    ),
    "pattern-check": FormCase(
        "reconnect:together",
        PatternCheckForm,
        ("pattern", "note"),
        data=lambda o: {"form": "check", "pattern": "x", "state": "same"},
        prepare=_back_together,
        shown=lambda o: [reverse("reconnect:together")],
    ),
    "reflection": FormCase(
        "reconnect:reflect",
        ReflectionForm,
        ("text",),
        data=lambda o: {"text": "x"},
        shown=lambda o: [reverse("reconnect:reflect")],
    ),
    "safety-plan": FormCase(
        "safety:plan",
        SafetyPlanForm,
        PLAN_BOXES,
        shown=lambda o: [reverse("safety:plan"), reverse("safety:plan_print")],
    ),
    "trusted-person": FormCase(
        "safety:trusted",
        TrustedPersonForm,
        ("name",),
        data=lambda o: {"phone": "+1 (555) 010-9988"},
        # Their name is on every crisis view, the Pause page and Help.
        shown=lambda o: [
            reverse("safety:trusted"),
            reverse("safety:plan_print"),
            reverse("nocontact:pause"),
            reverse("pages:crisis"),
        ],
        short=True,
    ),
    "pause-reason": FormCase(
        "safety:pause_reason",
        PauseReasonForm,
        ("text",),
        data=lambda o: {"text": "x"},
        page=lambda url: reverse("nocontact:pause"),
        shown=lambda o: [reverse("nocontact:pause")],
    ),
    "hard-day": FormCase(
        "nocontact:hard_days",
        HardDayForm,
        ("label",),
        data=lambda o: {"kind": "birthday", "day": o.today().isoformat(), "yearly": "on"},
        shown=lambda o: [reverse("nocontact:hard_days"), reverse("nocontact:pause")],
        short=True,
    ),
    # The new link's page is its answer (its address is shown only there), not a redirect.
    "supporter-link": FormCase(
        "supporters:index",
        LinkForm,
        ("name",),
        data=lambda o: {"days": "30", "show_days": "on"},
        saves=False,
    ),
}
BOXES = [(name, box) for name, case in FORM_CASES.items() for box in case.fields]
SAVING_BOXES = [(name, box) for name, box in BOXES if FORM_CASES[name].saves]


def text_boxes(form_class: type[forms.BaseForm]) -> set[str]:
    """The fields a person types free text into (not hidden, password, email or date)."""
    found = set()
    for name, form_field in form_class.base_fields.items():
        widget = form_field.widget
        typed = widget.attrs.get("type", getattr(widget, "input_type", ""))
        if isinstance(widget, forms.Textarea) or (
            isinstance(widget, forms.TextInput)
            and not isinstance(widget, DateTimeBaseInput)
            and typed == "text"
        ):
            found.add(name)
    return found


def form_classes() -> Iterator[type[forms.BaseForm]]:
    root = Path(recouple.__file__).parent
    for module_file in sorted(root.glob("*/forms.py")):
        module = importlib.import_module(f"recouple.{module_file.parent.name}.forms")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


class FormBoxes(HTMLParser):
    """The names of the text boxes (<input type=text> and <textarea>) on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        kind = (found.get("type") or "text").lower()
        if (tag == "textarea" or (tag == "input" and kind == "text")) and found.get("name"):
            self.names.add(str(found["name"]))


def boxes_on(html: str) -> set[str]:
    parser = FormBoxes()
    parser.feed(html)
    return parser.names


def test_every_text_box_of_every_form_is_submitted_here() -> None:
    covered = {(case.form, box) for case in FORM_CASES.values() for box in case.fields}
    missing = sorted(
        f"{form.__module__}.{form.__name__}.{box}"
        for form in form_classes()
        for box in text_boxes(form)
        if (form, box) not in covered
    )
    assert missing == [], "add these text boxes to FORM_CASES"
    for case in FORM_CASES.values():
        assert set(case.fields) <= text_boxes(case.form), case


def _prepared(case: FormCase, owner: User) -> tuple[Client, str]:
    if case.prepare is not None:
        case.prepare(owner)
    return (Client() if case.anonymous else signed_in(owner)), case.url(owner)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORM_CASES))
def test_the_page_holding_each_form_shows_its_text_boxes(name: str, owner: User) -> None:
    case = FORM_CASES[name]
    client, url = _prepared(case, owner)
    response = client.get(case.form_page(url))
    assert response.status_code == 200
    expected = {case.name(box) for box in case.fields}
    assert expected <= boxes_on(response.content.decode())


def _read(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return str(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "box"), BOXES, ids=[f"{n}-{b}" for n, b in BOXES])
def test_markup_typed_into_any_text_box_is_shown_escaped_everywhere(
    name: str, box: str, owner: User
) -> None:
    case = FORM_CASES[name]
    client, url = _prepared(case, owner)
    values = PAYLOADS if case.short else (JOINED,)
    pages: dict[str, str] = {}
    for value in values:
        response = client.post(url, {**case.data(owner), case.name(box): value})
        if case.saves:
            assert response.status_code == 302, (name, box, value, response.status_code)
            pages[f"after {value}"] = _read(client, response["Location"])
        else:
            assert response.status_code in (200, 400), response.status_code
            pages[f"answer to {value}"] = response.content.decode()
    if case.after is not None:
        case.after(owner)
    if case.saves:
        for page in [*case.shown(owner), *COMMON_PAGES]:
            pages[page] = _read(client, page)
    for where, html in pages.items():
        assert_no_raw_markup(html, where)
    if case.displayed:
        assert_shown_escaped(pages, PAYLOADS)
        # Template syntax is text, never evaluated.
        assert "{{7*7}}" in "".join(pages.values())


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_the_coach_reading_as_you_type_shows_the_draft_escaped(owner_client: Client) -> None:
    # Something the coach marks, so the draft comes back with its marks in it.
    text = f"{PLEADING} {JOINED}"
    response = owner_client.post(reverse("drafts:check"), {"text": text}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_raw_markup(html, "drafts:check")
    assert_shown_escaped({"drafts:check": html}, PAYLOADS)


@pytest.mark.django_db
def test_the_crisis_check_while_writing_never_echoes_markup(owner_client: Client) -> None:
    for text in (JOINED, f"I want to die {JOINED}"):
        response = owner_client.post(reverse("journal:crisis_check"), {"text": text}, **HTMX)
        assert response.status_code == 200
        assert_no_raw_markup(response.content.decode(), "journal:crisis_check")


QUERY_KEYS = ("next", "area", "goal", "month", "page", "country", "edit", "draft", "kind")
QUERY = dict.fromkeys((*QUERY_KEYS, "relationship_months", "broke_before"), JOINED)
PAGE_ROUTES = sorted(n for n, c in MATRIX.items() if not c.api and "GET" in c.methods)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_ROUTES)
def test_markup_in_the_address_is_never_reflected_unescaped(
    name: str, owner: User, client: Client
) -> None:
    case = MATRIX[name]
    if case.prepare is not None:
        case.prepare(owner)
    url = reverse(name, kwargs={**case.kwargs, **(case.make(owner) if case.make else {})} or None)
    for who in (client, signed_in(owner)):
        response = who.get(url, QUERY)
        assert response.status_code < 500, (name, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            assert_no_raw_markup(response.content.decode(), name)
        if response.status_code == 302:
            target = urlsplit(response["Location"])
            assert target.scheme in ("", "http", "https"), response["Location"]
            assert target.netloc in ("", "testserver"), response["Location"]


# --------------------------------------------------------------------------------------
# The API: every route that takes a body, read from the routes themselves


def api_payload_models(*, by_path: bool = False) -> dict[tuple[str, str], Any]:
    """(MATRIX name, method) -> the pydantic schema of the JSON body that route reads.

    With ``by_path``, keyed by the route's path in the OpenAPI document instead of its name.
    """
    found: dict[tuple[str, str], Any] = {}
    for _prefix, router in ninja_api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                model = typing.get_type_hints(operation.view_func).get("payload")
                if model is None:
                    continue
                name = (
                    getattr(operation, "url_name", None)
                    or path_view.url_name
                    or operation.view_func.__name__
                )
                for method in operation.methods:
                    key = f"/api/v1{path}" if by_path else f"api:{name}"
                    found[(key, method)] = model
    return found


PAYLOAD_MODELS = api_payload_models()


@dataclass(frozen=True)
class ApiCase:
    route: str
    method: str
    body: Callable[[User], dict[str, Any]] = lambda owner: {}
    prepare: Callable[[User], Any] | None = None
    kwargs: Callable[[User], dict[str, Any]] = lambda owner: {}
    # The text fields whose value comes back in the answer; () when the answer holds none.
    echoes: tuple[str, ...] = ()
    anonymous: bool = False
    # Reads the saved text back when the answer itself does not show it.
    read_back: Callable[[User, Client, str], dict[str, Any]] | None = None
    # Fields whose form allows fewer characters than all payloads at once.
    short: tuple[str, ...] = ()


def _open_letter(owner: User, client: Client, auth: str) -> dict[str, Any]:
    letter = _latest("nocontact.Letter", user=owner)
    letter.reopen_on = owner.today()
    letter.save()
    url = reverse("api:letter", kwargs={"letter_id": letter.pk})
    answer: dict[str, Any] = client.get(url, HTTP_AUTHORIZATION=auth).json()
    return answer


def _own_word(owner: User) -> Any:
    from recouple.journal.models import Word

    return Word.objects.create(user=owner, kind="feeling", name="Homesick")


def _assessment(owner: User) -> None:
    """The API makes the (empty) assessment on first use; here it exists already."""
    from recouple.assessment.models import Assessment

    Assessment.for_user(owner)


def _kind(kind: str) -> Callable[[User], dict[str, Any]]:
    return lambda owner: {"kind": kind}


API_CASES: dict[str, ApiCase] = {
    "signup": ApiCase(
        "api:signup",
        "POST",
        lambda o: {"username": "newcomer", "password": PASSWORD, "accept_privacy_notice": True},
        anonymous=True,
    ),
    "token": ApiCase(
        "api:token",
        "POST",
        lambda o: {"username": o.username, "password": PASSWORD},
        anonymous=True,
    ),
    "assessment": ApiCase("api:assessment", "PATCH", lambda o: {"violence": False}),
    "reasons": ApiCase(
        "api:assessment_items",
        "POST",
        lambda o: {"text": "x"},
        prepare=_assessment,
        kwargs=_kind("reasons"),
        echoes=("text",),
    ),
    "changes": ApiCase(
        "api:assessment_items",
        "POST",
        lambda o: {"text": "x"},
        prepare=_assessment,
        kwargs=_kind("changes"),
        echoes=("text", "evidence"),
    ),
    "qualities": ApiCase(
        "api:assessment_items",
        "POST",
        lambda o: {"text": "x", "loved": True},
        prepare=_assessment,
        kwargs=_kind("qualities"),
        echoes=("text",),
    ),
    "opinions": ApiCase(
        "api:assessment_items",
        "POST",
        lambda o: {"who": "x", "relation": "friend", "stance": "supportive"},
        prepare=_assessment,
        kwargs=_kind("opinions"),
        echoes=("who", "said"),
        short=("who",),
    ),
    "reason-edit": ApiCase(
        "api:assessment_item",
        "PATCH",
        lambda o: {"text": "x"},
        kwargs=lambda o: {"kind": "reasons", "item_id": _reason_item(o).pk},
        echoes=("text",),
    ),
    "no-contact": ApiCase(
        "api:nocontact", "POST", lambda o: {"target_days": 30}, echoes=("reasons",)
    ),
    "no-contact-contact": ApiCase(
        "api:nocontact_contacts",
        "POST",
        lambda o: {"channel": "call"},
        prepare=_period,
        echoes=("note",),
    ),
    "urge": ApiCase("api:urges", "POST", lambda o: {"intensity": 3}, echoes=("trigger", "instead")),
    "urge-edit": ApiCase(
        "api:urge",
        "PATCH",
        lambda o: {"intensity": 4},
        kwargs=lambda o: {"urge_id": _urge_row(o).pk},
        echoes=("trigger", "instead"),
    ),
    "letter": ApiCase(
        "api:letters", "POST", lambda o: {"body": "x"}, echoes=("body",), read_back=_open_letter
    ),
    "check-in": ApiCase("api:checkins", "POST", lambda o: {"boundary": "no_sex", "kept": True}),
    "coach": ApiCase("api:coach_check", "POST", lambda o: {"text": "hello"}),
    "coach-kinder": ApiCase("api:coach_kinder", "POST", lambda o: {"text": "hello"}),
    "draft": ApiCase("api:drafts", "POST", lambda o: {"text": "x"}, echoes=("text",)),
    "draft-edit": ApiCase(
        "api:draft",
        "PUT",
        lambda o: {"text": "x"},
        kwargs=lambda o: {"draft_id": _draft(o).pk},
        echoes=("text",),
    ),
    "inventory": ApiCase(
        "api:inventory",
        "POST",
        lambda o: {"what_i_did": "x", "impact": "y"},
        echoes=INVENTORY_BOXES,
    ),
    "inventory-edit": ApiCase(
        "api:inventory_entry",
        "PATCH",
        lambda o: {"impact": "z"},
        kwargs=lambda o: {"entry_id": _entry(o).pk},
        echoes=INVENTORY_BOXES,
    ),
    "amends": ApiCase(
        "api:amends", "PUT", lambda o: {"apology": "x"}, echoes=("apology", "self_forgiveness")
    ),
    "outreach-message": ApiCase(
        "api:outreach_message",
        "PUT",
        lambda o: {"message": "x"},
        prepare=ready,
        echoes=("message",),
    ),
    "outreach-answer": ApiCase(
        "api:outreach_answer", "POST", lambda o: {"answer": "not_now"}, prepare=sent
    ),
    "their-messages": ApiCase("api:their_messages", "POST", lambda o: {"note": "x"}, prepare=sent),
    "friendship-gate": ApiCase(
        "api:friendship_gate",
        "POST",
        lambda o: {"wants_friendship_anyway": True},
        prepare=lambda o: replied(o, "open"),
    ),
    "meeting": ApiCase(
        "api:meetings",
        "POST",
        lambda o: {"day": _today(o), "what": "x"},
        prepare=_reply_open,
        echoes=("what", "felt"),
    ),
    "therapist": ApiCase(
        "api:therapists",
        "POST",
        lambda o: {"name": "x"},
        prepare=_reply_open,
        echoes=("name", "contact", "notes"),
    ),
    "therapy-session": ApiCase(
        "api:therapy_sessions",
        "POST",
        lambda o: {"day": _today(o), "notes": "x"},
        prepare=_reply_open,
        echoes=("notes",),
    ),
    "reflection": ApiCase("api:reflections", "POST", lambda o: {"text": "x"}, echoes=("text",)),
    "reunion": ApiCase(
        "api:reunion", "PUT", lambda o: {"outcome": "back_together"}, prepare=_reply_open
    ),
    "pattern-check": ApiCase(
        "api:pattern_checks",
        "POST",
        lambda o: {"pattern": "x", "state": "better"},
        prepare=_back_together,
        echoes=("pattern", "note"),
        short=("pattern",),
    ),
    "journal": ApiCase("api:journal_entries", "POST", lambda o: {"mood": 3}, echoes=("text",)),
    "let-go": ApiCase("api:let_go_notes", "PUT", lambda o: {"text": "x"}, echoes=("text",)),
    "journal-edit": ApiCase(
        "api:journal_entry",
        "PATCH",
        lambda o: {"mood": 4},
        kwargs=lambda o: {"entry_id": _journal(o).pk},
        echoes=("text",),
    ),
    "goal": ApiCase(
        "api:goals", "POST", lambda o: {"area": "work", "title": "x"}, echoes=("title", "why")
    ),
    "goal-edit": ApiCase(
        "api:goal",
        "PATCH",
        lambda o: {"title": "x"},
        kwargs=lambda o: {"goal_id": _goal(o).pk},
        echoes=("title", "why"),
    ),
    "habit": ApiCase("api:habits", "POST", lambda o: {"name": "x"}, echoes=("name",)),
    "habit-edit": ApiCase(
        "api:habit",
        "PATCH",
        lambda o: {"name": "x"},
        kwargs=lambda o: {"habit_id": _habit(o).pk},
        echoes=("name",),
    ),
    "habit-measured": ApiCase(
        "api:habits", "POST", lambda o: {"name": "Walk", "target": 30}, echoes=("unit",)
    ),
    "own-word": ApiCase(
        "api:journal_words",
        "POST",
        lambda o: {"kind": "feeling", "name": "x"},
        echoes=("name",),
        short=("name",),
    ),
    "own-word-rename": ApiCase(
        "api:journal_word",
        "PATCH",
        lambda o: {"name": "x"},
        kwargs=lambda o: {"word_id": _own_word(o).pk},
        echoes=("name",),
        short=("name",),
    ),
    "habit-mark": ApiCase(
        "api:habit_marks",
        "POST",
        lambda o: {"mark": "done"},
        kwargs=lambda o: {"habit_id": _habit(o).pk},
    ),
    "reminder-settings": ApiCase("api:reminder_settings", "PATCH", lambda o: {"quiet_mode": False}),
    "safety-plan": ApiCase("api:safety_plan", "PUT", lambda o: {"reasons": "x"}, echoes=PLAN_BOXES),
    "trusted-person": ApiCase(
        "api:trusted_person",
        "PUT",
        lambda o: {"name": "x", "phone": "988"},
        echoes=("name",),
        short=("name",),
    ),
    "pause-reason": ApiCase("api:pause_reason", "PUT", lambda o: {"text": "x"}, echoes=("text",)),
    "hard-day": ApiCase(
        "api:hard_days",
        "POST",
        lambda o: {"label": "x", "kind": "holiday", "day": _tomorrow(o)},
        echoes=("label",),
    ),
    "hard-hour": ApiCase("api:hard_hour", "PUT", lambda o: {"weekday": 6, "hour": 18}),
    "supporter-link": ApiCase(
        "api:supporter_links", "POST", lambda o: {"name": "Sam"}, echoes=("name",)
    ),
}
# Routes that read no body at all: whatever is sent is never parsed, so never saved.
BODYLESS = {
    ("api:nocontact_end", "POST"),
    ("api:outreach_sent", "POST"),
    ("api:reports", "POST"),
    ("api:note_read", "POST"),
    ("api:end_no_contact_early", "POST"),
    ("api:new_relationships", "POST"),
    ("api:new_relationships_over", "POST"),
    ("api:supporter_nudge", "POST"),
}


@pytest.mark.django_db
def test_the_openapi_document_describes_each_body_as_the_route_reads_it(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    wrong = []
    for (path, method), model in sorted(api_payload_models(by_path=True).items()):
        body = document["paths"][path][method.lower()]["requestBody"]
        ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        documented = set(document["components"]["schemas"][ref]["properties"])
        if documented != set(model.model_json_schema()["properties"]):
            wrong.append(f"{method} {path}: documented as {ref} {sorted(documented)}")
    assert wrong == []


def test_every_api_route_that_reads_a_body_is_covered_here() -> None:
    assert {(c.route, c.method) for c in API_CASES.values()} == set(PAYLOAD_MODELS)
    writes = {
        (name, method)
        for name, case in MATRIX.items()
        if case.api
        for method in case.methods & {"POST", "PUT", "PATCH"}
        if case.access == "private" or name in {"api:signup", "api:token"}
    }
    assert writes == set(PAYLOAD_MODELS) | BODYLESS


class Caller:
    """One API case, called as its owner (or as nobody, for sign-up and tokens)."""

    def __init__(self, case: ApiCase, owner: User) -> None:
        if case.prepare is not None:
            case.prepare(owner)
        self.case = case
        self.owner = owner
        self.client = Client()
        self.auth = "" if case.anonymous else f"Bearer {ApiToken.issue(owner)}"
        self.kwargs = case.kwargs(owner)
        self.url = reverse(case.route, kwargs=self.kwargs or None)

    def raw(self, body: bytes | str) -> Any:
        extra = {"HTTP_AUTHORIZATION": self.auth} if self.auth else {}
        return self.client.generic(
            self.case.method, self.url, body, content_type="application/json", **extra
        )

    def __call__(self, body: Any) -> Any:
        return self.raw(json.dumps(body))

    def valid(self) -> dict[str, Any]:
        return self.case.body(self.owner)


def assert_json_error(response: Any, status: int | tuple[int, ...] = 400) -> dict[str, Any]:
    expected = status if isinstance(status, tuple) else (status,)
    assert response.status_code in expected, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    answer: dict[str, Any] = response.json()
    assert isinstance(answer.get("error"), str) and answer["error"], answer
    return answer


def string_fields(model: Any) -> dict[str, dict[str, Any]]:
    """Free-text properties of a body schema (no choice list, no date): name -> schema."""
    found = {}
    for name, prop in model.model_json_schema()["properties"].items():
        for option in prop.get("anyOf", [prop]):
            if option.get("type") == "string" and "enum" not in option and "format" not in option:
                found[name] = option
    return found


XSS_API = [(name, box) for name, case in sorted(API_CASES.items()) for box in case.echoes]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "box"), XSS_API, ids=[f"{n}-{b}" for n, b in XSS_API])
def test_api_returns_markup_as_plain_json_data(name: str, box: str, owner: User) -> None:
    case = API_CASES[name]
    limit = string_fields(PAYLOAD_MODELS[(case.route, case.method)])[box].get("maxLength", 10**6)
    call = Caller(case, owner)
    one_by_one = box in case.short or len(JOINED) > limit
    for value in PAYLOADS if one_by_one else (JOINED,):
        response = call({**call.valid(), box: value})
        assert response.status_code in (200, 201), (response.status_code, response.content[:300])
        assert response["Content-Type"] == "application/json; charset=utf-8"
        answer = response.json()
        if case.read_back is not None:
            answer = case.read_back(owner, call.client, call.auth)
        assert answer[box] == value
        assert b"&lt;" not in response.content and b"&#x27;" not in response.content


@pytest.mark.django_db
def test_api_lists_return_markup_as_data(owner: User, api: Any) -> None:
    assert api("POST", "/journal/entries", {"text": JOINED}).status_code == 201
    assert api("POST", "/growth/goals", {"area": "work", "title": JOINED}).status_code == 201
    for path, key in (("/journal/entries", "text"), ("/growth/goals", "title")):
        response = api("GET", path)
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json()[0][key] == JOINED


# --------------------------------------------------------------------------------------
# Bodies that are too big, and single boxes over their limit


TOO_BIG = 2 * 1024 * 1024 + 64 * 1024  # just above DATA_UPLOAD_MAX_MEMORY_SIZE (2 MiB)


def browser(owner: User) -> Client:
    """A client that checks CSRF like a real browser session does, with a valid token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get(reverse("accounts:settings"))
    return client


def test_the_upload_limit_is_below_what_these_tests_send(settings: Any) -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < TOO_BIG


FORM_POSTS = sorted(n for n, c in MATRIX.items() if not c.api and "POST" in c.methods)


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORM_POSTS)
def test_an_oversized_form_post_is_refused_and_saves_nothing(name: str, owner: User) -> None:
    case = MATRIX[name]
    if case.prepare is not None:
        case.prepare(owner)
    url = reverse(name, kwargs={**case.kwargs, **(case.make(owner) if case.make else {})} or None)
    client = browser(owner)
    token = client.cookies["csrftoken"].value
    before = owner_fingerprint(owner)
    response = client.post(
        url, {**case.post_body, "csrfmiddlewaretoken": token, "text": "a" * TOO_BIG}
    )
    assert response.status_code in (400, 413), response.status_code
    assert owner_fingerprint(owner) == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(API_CASES))
def test_an_oversized_api_body_is_refused_and_saves_nothing(name: str, owner: User) -> None:
    call = Caller(API_CASES[name], owner)
    before = owner_fingerprint(owner)
    users = User.objects.count()
    response = call({**call.valid(), "padding": "a" * TOO_BIG})
    assert response.status_code in (400, 413), response.status_code
    assert owner_fingerprint(owner) == before
    assert User.objects.count() == users


@pytest.mark.django_db
def test_an_oversized_api_body_gets_a_json_error(api: Any) -> None:
    response = api("POST", "/urges", {"intensity": 3, "trigger": "a" * TOO_BIG})
    assert_json_error(response, (400, 413))


# Each box gets more than any box holds; the page must say so and keep nothing.
OVER_ANY_LIMIT = "a" * 60_001
LIMIT_MESSAGE = re.compile(r"(?:under|up to|at most) [\d,]+")


OVER_LIMIT_PARAMS = [
    pytest.param(
        name,
        box,
        id=f"{name}-{box}",
    )
    for name, box in SAVING_BOXES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "box"), OVER_LIMIT_PARAMS)
def test_a_text_box_over_its_limit_gets_a_clear_message_and_saves_nothing(
    name: str, box: str, owner: User
) -> None:
    case = FORM_CASES[name]
    client, url = _prepared(case, owner)
    client.get(case.form_page(url))
    before = owner_fingerprint(owner)
    response = client.post(url, {**case.data(owner), case.name(box): OVER_ANY_LIMIT})
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert LIMIT_MESSAGE.search(html), f"{name}.{box}: no message about the limit"
    assert owner_fingerprint(owner) == before


API_LIMITS = [
    (name, box)
    for name, case in sorted(API_CASES.items())
    for box, prop in string_fields(PAYLOAD_MODELS[(case.route, case.method)]).items()
    if "maxLength" in prop
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "box"), API_LIMITS, ids=[f"{n}-{b}" for n, b in API_LIMITS])
def test_an_api_text_field_over_its_limit_is_a_400_naming_the_field(
    name: str, box: str, owner: User
) -> None:
    case = API_CASES[name]
    limit = string_fields(PAYLOAD_MODELS[(case.route, case.method)])[box]["maxLength"]
    call = Caller(case, owner)
    before = owner_fingerprint(owner)
    answer = assert_json_error(call({**call.valid(), box: "a" * (limit + 1)}))
    assert box in json.dumps(answer)
    assert owner_fingerprint(owner) == before


# --------------------------------------------------------------------------------------
# JSON that is not JSON, or not an object, and values of the wrong type


MALFORMED: dict[str, bytes] = {
    "truncated": b"{",
    "list": b"[]",
    "string": b'"x"',
    "null": b"null",
    "invalid-utf8": b'\xff\xfe{"text": "\xc3\x28"}',
}
# A JSON value that is not an object is read as an empty object by these routes, whose
# fields are all optional: the call goes through as if nothing were wrong.


def _malformed_params() -> Iterator[Any]:
    for name in sorted(API_CASES):
        for label, body in MALFORMED.items():
            yield pytest.param(name, body, id=f"{name}-{label}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "body"), list(_malformed_params()))
def test_malformed_json_is_a_400_json_error_and_saves_nothing(
    name: str, body: bytes, owner: User
) -> None:
    call = Caller(API_CASES[name], owner)
    before = owner_fingerprint(owner)
    users = User.objects.count()
    assert_json_error(call.raw(body))
    assert owner_fingerprint(owner) == before
    assert User.objects.count() == users


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(BODYLESS))
def test_routes_without_a_body_ignore_whatever_is_sent_and_never_fail(
    route: tuple[str, str], owner: User
) -> None:
    name, method = route
    case = MATRIX[name]
    if case.prepare is not None:
        case.prepare(owner)
    url = reverse(name, kwargs={**case.kwargs, **(case.make(owner) if case.make else {})} or None)
    client = Client()
    auth = f"Bearer {ApiToken.issue(owner)}"
    for body in MALFORMED.values():
        response = client.generic(
            method, url, body, content_type="application/json", HTTP_AUTHORIZATION=auth
        )
        assert response.status_code < 500
        assert response["Content-Type"].startswith("application/json")


def wrong_value(prop: dict[str, Any]) -> Any:
    """A value of the wrong JSON type for a property of a body schema."""
    option = next(o for o in prop.get("anyOf", [prop]) if o.get("type") != "null")
    return {
        "string": {"nested": {"object": ["not", "text"]}},
        "integer": "not a number",
        "number": "not a number",
        "boolean": {"nested": True},
        "array": "not a list",
        "object": ["not", "an", "object"],
    }[option["type"]]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(API_CASES))
def test_a_value_of_the_wrong_type_in_any_field_is_a_400_naming_it(name: str, owner: User) -> None:
    case = API_CASES[name]
    schema = PAYLOAD_MODELS[(case.route, case.method)].model_json_schema()
    call = Caller(case, owner)
    before = owner_fingerprint(owner)
    users = User.objects.count()
    assert schema["properties"], name
    for box, prop in schema["properties"].items():
        answer = assert_json_error(call({**call.valid(), box: wrong_value(prop)}))
        assert box in json.dumps(answer), (box, answer)
    assert owner_fingerprint(owner) == before
    assert User.objects.count() == users


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", [["a", "list"], {"nested": {"deep": [1, {"x": None}]}}, 3.5, True], ids=repr
)
def test_wrong_types_for_text_fields_are_refused(value: Any, api: Any) -> None:
    for path, body in (
        ("/drafts", {"text": value}),
        ("/journal/entries", {"text": value, "mood": 3}),
        ("/growth/goals", {"area": "work", "title": value}),
    ):
        assert_json_error(api("POST", path, body))


@pytest.mark.django_db
def test_a_string_where_a_number_belongs_is_refused(api: Any) -> None:
    for path, body in (
        ("/urges", {"intensity": "very strong"}),
        ("/journal/entries", {"mood": "happy", "text": "x"}),
        ("/no-contact", {"target_days": "a month"}),
        ("/growth/habits", {"name": "walk", "weekdays": ["monday"]}),
        ("/journal/entries?limit=lots", None),
    ):
        method = "GET" if body is None else "POST"
        assert_json_error(api(method, path, body))


# --------------------------------------------------------------------------------------
# Mass assignment: fields that try to choose the owner or the id


def _claims(outsider: User) -> dict[str, Any]:
    return {
        "user": outsider.pk,
        "user_id": outsider.pk,
        "owner": outsider.pk,
        "owner_id": outsider.pk,
        "id": 987654,
        "pk": 987654,
        "created": "2001-01-01T00:00:00Z",
    }


def no_row_has_the_claimed_id() -> bool:
    return not any(model._default_manager.filter(pk=987654).exists() for model in apps.get_models())


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(API_CASES))
def test_api_ignores_fields_that_claim_an_owner_or_an_id(
    name: str, owner: User, outsider: User
) -> None:
    case = API_CASES[name]
    call = Caller(case, owner)
    theirs = owner_fingerprint(outsider)
    mine = owner_fingerprint(owner)
    response = call({**call.valid(), **_claims(outsider)})
    assert response.status_code in (200, 201), (response.status_code, response.content[:300])
    assert owner_fingerprint(outsider) == theirs, "the row went to the other user"
    assert no_row_has_the_claimed_id()
    answer = response.json() if response.content else None
    if isinstance(answer, dict) and "id" in answer:
        assert answer["id"] != 987654
        path_ids = [v for k, v in call.kwargs.items() if k.endswith("_id")]
        if path_ids:
            assert answer["id"] == path_ids[0], "an edit must keep the row's own id"
    if not case.anonymous and case.route not in {"api:coach_check", "api:coach_kinder"}:
        assert owner_fingerprint(owner) != mine, "the caller's own row was not written"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, c in FORM_CASES.items() if c.saves))
def test_forms_ignore_fields_that_claim_an_owner_or_an_id(
    name: str, owner: User, outsider: User
) -> None:
    case = FORM_CASES[name]
    client, url = _prepared(case, owner)
    client.get(case.form_page(url))
    theirs = owner_fingerprint(outsider)
    mine = owner_fingerprint(owner)
    box = case.name(case.fields[0])
    response = client.post(url, {**case.data(owner), box: "mine", **_claims(outsider)})
    assert response.status_code == 302, response.status_code
    assert owner_fingerprint(outsider) == theirs
    assert owner_fingerprint(owner) != mine
    assert no_row_has_the_claimed_id()


# --------------------------------------------------------------------------------------
# Impossible dates and time zones


FAR_DATES = ("0001-01-01", "9999-12-31", "2026-02-30", "not-a-date", "2026-13-01")


def _date_params() -> Iterator[Any]:
    cases = {
        "no-contact-contact": "day",
        "letter": "reopen_on",
        "meeting": "day",
        "therapy-session": "day",
        "habit-mark": "day",
    }
    for name, box in cases.items():
        for value in FAR_DATES:
            yield pytest.param(name, box, value, id=f"{name}-{value}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "box", "value"), list(_date_params()))
def test_api_refuses_dates_far_in_the_past_or_future_or_impossible(
    name: str, box: str, value: str, owner: User
) -> None:
    call = Caller(API_CASES[name], owner)
    before = owner_fingerprint(owner)
    answer = assert_json_error(call({**call.valid(), box: value}))
    assert box in json.dumps(answer)
    assert owner_fingerprint(owner) == before


def _form_date_params() -> Iterator[Any]:
    cases = {"contact": "day", "letter": "reopen_on", "meeting": "day", "therapy-session": "day"}
    for name, box in cases.items():
        for value in FAR_DATES:
            yield pytest.param(name, box, value, id=f"{name}-{value}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "box", "value"), list(_form_date_params()))
def test_forms_refuse_dates_far_in_the_past_or_future_or_impossible(
    name: str, box: str, value: str, owner: User
) -> None:
    case = FORM_CASES[name]
    client, url = _prepared(case, owner)
    client.get(case.form_page(url))
    before = owner_fingerprint(owner)
    response = client.post(url, {**case.data(owner), case.name(box): value})
    assert response.status_code in (200, 400), response.status_code
    assert 'class="error' in response.content.decode()
    assert owner_fingerprint(owner) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0001-01-01", "You can fill in the last seven days only."),
        ("9999-12-31", "That day hasn’t come yet."),
        ("2026-02-30", "Enter a valid date."),
        ("yesterday", "Enter a valid date."),
    ],
)
def test_marking_a_habit_on_an_impossible_day_says_why(
    value: str, message: str, owner: User
) -> None:
    habit = _habit(owner)
    client = signed_in(owner)
    response = client.post(
        reverse("growth:habit_mark", kwargs={"pk": habit.pk}),
        {"mark": "done", "day": value},
        follow=True,
    )
    assert response.status_code == 200
    assert not apps.get_model("growth.Check").objects.filter(habit=habit).exists()
    assert message in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["0001-01", "9999-12", "2026-13", "-1--1", "99999999999-1"])
def test_calendars_for_impossible_months_fall_back_to_this_month(
    month: str, owner: User, api: Any
) -> None:
    _period(owner)
    page = signed_in(owner).get(reverse("nocontact:calendar"), {"month": month})
    assert page.status_code == 200
    answer = api("GET", f"/no-contact/calendar?month={month}")
    assert answer.status_code == 200
    assert answer.json()[0]["day"] == owner.today().replace(day=1).isoformat()


BAD_ZONES = [
    "Mars/Olympus",
    "../../etc/passwd",
    "",
    "Europe/London\x00",
    "UTC; DROP TABLE accounts_user",
    "<script>alert(1)</script>",
    "A" * 500,
]


@pytest.mark.django_db
@pytest.mark.parametrize("zone", BAD_ZONES, ids=repr)
def test_settings_refuse_a_time_zone_that_does_not_exist_with_a_clear_message(
    zone: str, owner: User, owner_client: Client
) -> None:
    response = owner_client.post(reverse("accounts:settings"), {"time_zone": zone})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert 'id="id_time_zone_error"' in html
    assert_no_raw_markup(html, "settings")
    owner.refresh_from_db()
    assert owner.time_zone == "Europe/London"


@pytest.mark.django_db
def test_a_refused_settings_form_answers_400(owner_client: Client) -> None:
    response = owner_client.post(reverse("accounts:settings"), {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("zone", BAD_ZONES, ids=repr)
def test_sign_up_with_a_time_zone_that_does_not_exist_keeps_utc(zone: str, client: Client) -> None:
    """The zone comes from the browser's clock: an unknown one falls back to UTC quietly."""
    response = client.post(
        "/api/v1/auth/signup",
        json.dumps(
            {
                "username": "zone-tester",
                "password": PASSWORD,
                "accept_privacy_notice": True,
                "time_zone": zone,
            }
        ),
        content_type="application/json",
    )
    if len(zone) > 64 or "\x00" in zone:
        assert_json_error(response)
        assert not User.objects.filter(username="zone-tester").exists()
        return
    assert response.status_code == 201
    assert User.objects.get(username="zone-tester").time_zone == "UTC"
    page = Client().post(
        reverse("accounts:signup"),
        {
            "username": "zone-page",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy_notice": "on",
            "time_zone": zone,
        },
    )
    assert page.status_code == 302
    assert User.objects.get(username="zone-page").time_zone == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_me_cannot_be_changed_through_the_api(method: str, owner: User, api: Any) -> None:
    response = api(method, "/me", {"time_zone": "Mars/Olympus", "username": "x"})
    assert response.status_code == 405
    owner.refresh_from_db()
    assert (owner.time_zone, owner.username) == ("Europe/London", "owner-ophelia")


@pytest.mark.django_db
def test_a_wrong_method_under_the_api_gets_a_json_error(api: Any) -> None:
    response = api("PATCH", "/me", {"time_zone": "Mars/Olympus"})
    assert_json_error(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"intensity": "lots"},
        {"intensity": "11"},
        {"intensity": "-1"},
        {"intensity": "1e9"},
    ],
    ids=repr,
)
def test_an_urge_of_the_wrong_kind_is_refused_with_a_message(
    data: dict[str, Any], owner: User, owner_client: Client
) -> None:
    response = owner_client.post(reverse("nocontact:urge_new"), data)
    assert response.status_code in (200, 400)
    assert "Choose a number from 0 to 10." in response.content.decode()
    assert not apps.get_model("nocontact.Urge").objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_a_habit_cannot_serve_someone_elses_goal(
    owner: User, outsider: User, owner_client: Client
) -> None:
    theirs = _goal(outsider)
    response = owner_client.post(
        reverse("growth:habit_new"), {"name": "walk", "goal": str(theirs.pk)}
    )
    assert response.status_code == 400
    assert "Pick one of your own goals." in response.content.decode()
    assert not apps.get_model("growth.Habit").objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_a_journal_entry_with_a_made_up_mood_or_feeling_is_refused(
    owner: User, owner_client: Client
) -> None:
    for data in ({"mood": "7", "text": "x"}, {"emotions": ["<script>"], "text": "x"}):
        response = owner_client.post(reverse("journal:index"), data)
        assert response.status_code == 400
        assert_no_raw_markup(response.content.decode(), "journal")
    assert not apps.get_model("journal.Entry").objects.filter(user=owner).exists()
