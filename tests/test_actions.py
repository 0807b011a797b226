"""One write path per action: the page and the API call the same function in the app's
`actions.py`, so a rule it applies holds on both, and no view or route writes on its own.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import User
from recouple.amends import actions as amends_actions
from recouple.amends.models import InventoryEntry
from recouple.nocontact import actions as nocontact_actions
from recouple.nocontact.models import Contact, Period
from recouple.program import nocontact as rules
from recouple.program import steps as content
from recouple.reconnect import actions as reconnect_actions
from tests.conftest import Api

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "recouple"
# Accounts write through the user model's own methods (create_account, set_password) and
# Django's auth forms; every other app writes only through its actions.py. Removing a row the
# caller fetched with owned_or_404 (`.delete()`) is the model's own one call and stays put.
WRITES = re.compile(
    r"commit=False|\.objects\.(create|update_or_create|get_or_create|bulk_create)\(|"
    r"\.save\(|objects\.update\(|\)\.update\("
)
ENTRY_POINTS = sorted(
    p
    for name in ("views.py", "api.py")
    for p in PACKAGE.glob(f"*/{name}")
    if p.parent.name not in {"accounts", "core"}
)


def test_there_are_entry_points_to_check() -> None:
    assert len(ENTRY_POINTS) >= 18


@pytest.mark.parametrize("module", ENTRY_POINTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_view_or_route_writes_on_its_own(module: Path) -> None:
    found = [
        f"{module.parent.name}/{module.name}:{number}: {line.strip()}"
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1)
        if WRITES.search(line)
    ]
    assert not found, "write through the app's actions.py instead:\n" + "\n".join(found)


def test_every_app_with_writes_has_an_actions_module() -> None:
    read_only = {"path", "dashboard", "pages", "summaries"}
    apps = {p.parent.name for p in ENTRY_POINTS if p.parent.name not in read_only}
    assert apps == {p.parent.name for p in PACKAGE.glob("*/actions.py")}


# --- A rule applied once holds on both paths ---------------------------------------------------


@pytest.mark.django_db
def test_the_inventory_limit_holds_for_the_page_and_the_api(
    owner: User, owner_client: Client, api: Api
) -> None:
    InventoryEntry.objects.bulk_create(
        InventoryEntry(user=owner, what_i_did=f"thing {i}", impact="hurt")
        for i in range(amends_actions.ENTRY_LIMIT - 1)
    )
    body = {"what_i_did": "the last one", "impact": "it hurt"}
    assert api("POST", "/inventory", body).status_code == 201
    refused = api("POST", "/inventory", body)
    assert refused.status_code == 400
    message = f"That’s {amends_actions.ENTRY_LIMIT} entries, the most this list holds."
    assert refused.json()["error"] == message
    page = owner_client.post(reverse("amends:overview"), body)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert InventoryEntry.objects.filter(user=owner).count() == amends_actions.ENTRY_LIMIT


@pytest.mark.django_db
def test_a_look_at_their_social_media_is_a_slip_whatever_the_form_says(owner: User) -> None:
    period = Period.objects.create(
        user=owner, started_on=owner.today() - timedelta(days=3), limited_contact=True
    )
    contact = nocontact_actions.log_contact(
        period,
        {
            "channel": rules.Channel.SOCIAL_MEDIA.value,
            "they_started": True,
            "replied": False,
            "logistics": True,
            "day": owner.today(),
        },
    )
    contact.refresh_from_db()
    assert contact.is_slip and contact.counter == rules.Counter.SOCIAL
    assert (contact.they_started, contact.replied, contact.logistics) == (False, False, False)
    assert Contact.objects.get().pk == contact.pk


@pytest.mark.django_db
def test_the_reflection_is_on_the_programs_truth_of_the_day(owner: User) -> None:
    first = reconnect_actions.reflect_today(owner, "  It is theirs to choose.  ")
    assert first.prompt == content.truth_of_the_day(owner.today())
    assert first.text == "It is theirs to choose."
    again = reconnect_actions.reflect_today(owner, "Still theirs.")
    assert again.pk == first.pk and again.text == "Still theirs."
