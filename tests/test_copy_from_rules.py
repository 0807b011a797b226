"""Numbers, milestones, label names and step titles on the pages come from the program's and the
coach's constants, never retyped in a template: change a constant and the page changes with it.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import User
from recouple.coach.labels import LABELS, NAMES, TITLES
from recouple.nocontact.models import Period
from recouple.program import nocontact as rules
from recouple.program import steps as content

TEMPLATES = sorted((Path(__file__).resolve().parents[1] / "src" / "recouple").glob("**/*.html"))


def html(client: Client, name: str) -> str:
    """The page named ``name`` ("/" for the home page, whichever app serves it)."""
    response = client.get(name if name.startswith("/") else reverse(name))
    assert response.status_code == 200
    return response.content.decode()


# --- The constants agree with each other --------------------------------------------------------


def test_every_milestone_has_its_words_and_nothing_else_does() -> None:
    assert set(rules.MILESTONE_WORDS) == set(rules.MILESTONES)


def test_a_day_between_milestones_gets_the_words_of_the_one_before() -> None:
    assert rules.milestone_words(rules.MILESTONES[-1] + 5) == rules.MILESTONE_WORDS[90]
    assert rules.milestone_words(8) == rules.MILESTONE_WORDS[7]
    assert rules.milestone_words(0) == ""


def test_every_coach_label_has_a_title_that_says_what_its_name_says() -> None:
    assert set(TITLES) == set(LABELS)
    for label in LABELS:
        name = NAMES[label].removeprefix("a ")
        assert TITLES[label].lower() == name, label


# --- A changed constant changes the page -------------------------------------------------------


@pytest.mark.django_db
def test_the_milestone_words_come_from_the_program(
    owner: User, owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=6))
    assert rules.MILESTONE_WORDS[7] in html(owner_client, "nocontact:overview")
    monkeypatch.setitem(rules.MILESTONE_WORDS, 7, "A week, in words from the rules.")
    page = html(owner_client, "nocontact:overview")
    assert "A week, in words from the rules." in page
    assert "A whole week" not in page


@pytest.mark.parametrize("label", LABELS)
def test_a_findings_title_is_the_coachs_title(label: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert render_to_string("drafts/_label.html", {"label": label}) == TITLES[label]
    monkeypatch.setitem(TITLES, label, f"Changed title for {label}")
    assert render_to_string("drafts/_label.html", {"label": label}) == f"Changed title for {label}"


def _renumbered(monkeypatch: pytest.MonkeyPatch, slug: str, number: int) -> None:
    by_slug: dict[str, Any] = content._BY_SLUG
    monkeypatch.setitem(by_slug, slug, dataclasses.replace(by_slug[slug], number=number))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "page"),
    [
        ("make-it-right", "amends:overview"),
        ("make-it-right", "amends:apology"),
        ("make-it-right", "amends:self_forgiveness"),
        ("let-go-of-control", "reconnect:reflect"),
    ],
)
def test_a_steps_number_comes_from_the_program(
    owner_client: Client, monkeypatch: pytest.MonkeyPatch, slug: str, page: str
) -> None:
    number = content.step(slug).number
    assert f"Step {number}" in html(owner_client, page)
    _renumbered(monkeypatch, slug, 42)
    assert "Step 42" in html(owner_client, page)


@pytest.mark.django_db
def test_the_home_page_lists_the_programs_steps(
    owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = html(owner_client, "/")
    for step in content.STEPS:
        assert f"{step.title}." in page
        assert step.summary in page
    assert f"in {len(content.STEPS)} steps" in page
    dropped, shorter = content.STEPS[-1], content.STEPS[:-1]
    monkeypatch.setattr(content, "STEPS", shorter)
    page = html(owner_client, "/")
    assert f"in {len(shorter)} steps" in page
    assert dropped.summary not in page


# --- No template retypes them ------------------------------------------------------------------


def _text_of(template: Path) -> str:
    return template.read_text(encoding="utf-8")


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_template_compares_with_a_milestone_or_a_label(template: Path) -> None:
    text = _text_of(template)
    milestones = "|".join(str(m) for m in rules.MILESTONES)
    assert not re.search(rf"==\s*({milestones})\b", text), "a milestone retyped"
    labels = "|".join(LABELS)
    assert not re.search(rf"==\s*[\"']({labels})[\"']", text), "a coach label retyped"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_template_retypes_a_step_number_or_title(template: Path) -> None:
    text = _text_of(template)
    assert not re.search(r"[\"']Step \d", text), "a step number retyped"
    assert not re.search(r"\b(nine|9) steps\b", text), "the number of steps retyped"
    for step in content.STEPS:
        assert f'"{step.title}."' not in text, f"step {step.number}'s title retyped"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_template_retypes_the_no_contact_minimum(template: Path) -> None:
    assert not re.search(rf"[Aa]t least {rules.MINIMUM_DAYS} days", _text_of(template))
