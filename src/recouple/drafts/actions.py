"""Saving a draft, one function for the page and the API alike.

The verdict kept with a draft is the coach's reading of it (`recouple.coach.check`, read with
what the app knows of the user's situation); the caller reads it, because the page keeps a
draft the coach can't read (verdict "") where the API answers 400.
"""

from __future__ import annotations

from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.drafts.models import Draft


def save_draft(
    user: User, *, kind: str, text: str, verdict: str, draft: Draft | None = None
) -> Draft:
    """A new draft, or ``draft`` (fetched with `owned_or_404`) changed; never sent anywhere."""
    saved = draft if draft is not None else Draft(user=user)
    saved.kind, saved.text, saved.verdict = kind, text, verdict
    saved.updated = now()
    saved.save()
    return saved
