"""The pages of the assessment, in order, and what each one asks."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from recouple.assessment.forms import CanYouForm, FitForm, SafetyForm


@dataclass(frozen=True)
class Page:
    slug: str
    title: str | Promise
    intro: str | Promise
    form: type[forms.Form] | None = None  # a page of questions
    kind: str | None = None  # a page that is a list of entries


PAGES: tuple[Page, ...] = (
    Page(
        "safety",
        _("First: were you safe?"),
        _(
            "Before anything else, a few questions about safety. Your answers stay private. "
            "If any of this happened, you deserve support, not a plan to go back."
        ),
        form=SafetyForm,
    ),
    Page(
        "reasons",
        _("Why did it end?"),
        _(
            "List the reasons the relationship ended, as honestly as you can. For each one, "
            "say whether it still applies today."
        ),
        kind="reasons",
    ),
    Page(
        "changes",
        _("What has really changed?"),
        _(
            "Write down what is different now, and what shows it. A promise or a hope isn’t "
            "evidence; something you’ve seen happen is. It’s fine if this list is short."
        ),
        kind="changes",
    ),
    Page(
        "qualities",
        _("What did you love, and what did you hate?"),
        _(
            "Be specific. For what you hated, ask whether it could really change, or whether "
            "it’s part of who one of you is."
        ),
        kind="qualities",
    ),
    Page(
        "fit",
        _("Are you right for each other?"),
        _("Not just whether they’re right for you: whether you fit, both ways."),
        form=FitForm,
    ),
    Page(
        "opinions",
        _("What do others think?"),
        _(
            "It’s hard to see clearly from the inside. A therapist is the best first person "
            "to ask; friends and family who love you come next. Listen without defending."
        ),
        kind="opinions",
    ),
    Page(
        "can-you",
        _("Can you?"),
        _("Even if you should, it may not be possible right now. Three honest questions."),
        form=CanYouForm,
    ),
)

BY_SLUG = {page.slug: page for page in PAGES}


def neighbours(slug: str) -> tuple[Page | None, Page | None]:
    index = [p.slug for p in PAGES].index(slug)
    before = PAGES[index - 1] if index > 0 else None
    after = PAGES[index + 1] if index + 1 < len(PAGES) else None
    return before, after
