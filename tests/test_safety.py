"""The safety net from the first minute: the country asked at sign-up, crisis lines kept as
data, support first and only wherever self-harm is found, a safety plan, a trusted person,
Pause for everyone, and leaving quickly that signs out."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

import recouple
from recouple.accounts.models import User
from recouple.program.countries import country_for_zone, country_names, zone_countries
from recouple.program.crisis import countries, international, lines_for, raw_data
from recouple.safety.models import PLAN_SECTIONS, PauseReason, SafetyPlan, TrustedPerson
from tests.conftest import PASSWORD, signed_in

CRISIS = "I want to kill myself"
HTMX = {"HTTP_HX_REQUEST": "true"}
LINE_KEYS = {
    "name",
    "how",
    "phone",
    "text",
    "text_word",
    "hours",
    "languages",
    "url",
    "source",
    "checked",
}
NUMBER = re.compile(r"^\+?[0-9][0-9 ]*$")


def page(client: Client, url: str, **params: Any) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return str(response.content.decode())


# --- The crisis lines, as data -----------------------------------------------------------------


def _entries() -> list[tuple[str, dict[str, Any]]]:
    data = raw_data()
    found = [("international", data["international"])]
    for code, entries in data["countries"].items():
        found.extend((code, entry) for entry in entries)
    return found


@pytest.mark.parametrize(("where", "entry"), _entries(), ids=[w for w, _ in _entries()])
def test_every_crisis_line_has_its_source_its_checked_date_and_a_way_to_reach_it(
    where: str, entry: dict[str, Any]
) -> None:
    assert set(entry) == LINE_KEYS, where
    assert entry["name"].strip() and entry["how"].strip(), where
    assert entry["source"].startswith("https://"), where
    assert entry["url"] is None or entry["url"].startswith("https://"), where
    checked = date.fromisoformat(entry["checked"])
    assert date(2024, 1, 1) <= checked <= date.today(), where
    assert entry["phone"] or entry["text"] or entry["url"], where
    for number in (entry["phone"], entry["text"]):
        assert number is None or NUMBER.match(number), (where, number)
    assert entry["text_word"] is None or entry["text"], where
    assert entry["languages"] is None or all(isinstance(x, str) for x in entry["languages"])


def test_the_lines_cover_at_least_twenty_countries_all_of_them_real() -> None:
    codes = set(raw_data()["countries"])
    assert len(codes) >= 20
    assert codes <= set(country_names())
    assert all(raw_data()["countries"][code] for code in codes)


def test_the_data_file_ships_with_the_package() -> None:
    pyproject = Path(recouple.__file__).parents[2] / "pyproject.toml"
    assert "program/crisis_lines.json" in pyproject.read_text()
    assert json.loads((Path(recouple.__file__).parent / "program/crisis_lines.json").read_text())


@pytest.mark.parametrize("code", [code for code, _name in countries()])
def test_every_country_in_the_sign_up_list_resolves_to_lines_or_the_directory(code: str) -> None:
    lines = lines_for(code)
    assert lines and lines[-1] == international()
    if code in raw_data()["countries"]:
        assert len(lines) >= 2 and all(line.phone or line.text for line in lines[:-1])


@pytest.mark.parametrize("code", ["", "ZZ", "us", "<script>"])
def test_an_unknown_or_missing_country_still_gets_lines_never_an_empty_card(code: str) -> None:
    assert lines_for(code)[-1].url == "https://findahelpline.com"


def test_988_in_the_us_and_samaritans_in_the_uk_and_ireland() -> None:
    assert lines_for("US")[0].phone == "988" and lines_for("US")[0].sms == "988"
    assert lines_for("GB")[0].phone == "116 123" and lines_for("IE")[0].phone == "116 123"
    assert lines_for("GB")[0].dial == "116123"


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("America/New_York", "US"),
        ("America/Los_Angeles", "US"),
        ("US/Eastern", "US"),
        ("Europe/London", "GB"),
        ("Europe/Dublin", "IE"),
        ("Asia/Calcutta", "IN"),
        ("Europe/Kiev", "UA"),
        ("Australia/Sydney", "AU"),
        ("UTC", ""),
        ("Not/AZone", ""),
    ],
)
def test_the_time_zone_suggests_the_country_from_the_local_tz_database(
    zone: str, country: str
) -> None:
    assert country_for_zone(zone) == country


def test_every_zone_maps_to_a_country_in_the_list() -> None:
    assert set(zone_countries().values()) <= {code for code, _name in countries()}


# --- Sign-up asks where you live ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_sign_up_page_asks_for_the_country_with_each_option_knowing_its_zones(
    client: Client,
) -> None:
    html = page(client, reverse("accounts:signup"))
    assert 'name="country"' in html and "data-from-zone" in html
    us = re.search(r'<option value="US"[^>]*>', html)
    assert us is not None and "America/New_York" in us.group(0)
    assert '<option value="" selected>' in html


@pytest.mark.django_db
def test_signing_up_in_the_us_shows_988_on_help_without_visiting_settings(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "newcomer",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy_notice": "on",
            "time_zone": "America/Chicago",
            "country": "US",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="newcomer").country == "US"
    help_page = page(client, reverse("pages:crisis"))
    assert 'href="tel:988"' in help_page and 'href="sms:988"' in help_page


@pytest.mark.django_db
def test_sign_up_refuses_a_made_up_country_with_a_clear_message(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "newcomer",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy_notice": "on",
            "country": "ZZ",
        },
    )
    assert response.status_code == 200
    assert "Please pick a country from the list." in response.content.decode()
    assert not User.objects.filter(username="newcomer").exists()


def _api_signup(client: Client, **extra: Any) -> Any:
    body = {"username": "newcomer", "password": PASSWORD, "accept_privacy_notice": True, **extra}
    return client.post(reverse("api:signup"), json.dumps(body), content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "country"),
    [
        ({"country": "US"}, "US"),
        ({"country": "nz"}, "NZ"),
        ({"country": ""}, ""),
        ({"time_zone": "Europe/Dublin"}, "IE"),
        ({"time_zone": "Europe/Dublin", "country": "GB"}, "GB"),
        ({}, ""),
    ],
)
def test_api_sign_up_takes_the_country_or_follows_the_time_zone(
    client: Client, extra: dict[str, Any], country: str
) -> None:
    response = _api_signup(client, **extra)
    assert response.status_code == 201, response.content
    assert User.objects.get(username="newcomer").country == country


@pytest.mark.django_db
@pytest.mark.parametrize("country", ["ZZ", "<b", "1"])
def test_api_sign_up_refuses_an_unknown_country_with_a_400(client: Client, country: str) -> None:
    response = _api_signup(client, country=country)
    assert response.status_code == 400
    assert "country" in response.json()["error"]
    assert not User.objects.filter(username="newcomer").exists()


@pytest.mark.django_db
def test_changing_the_country_in_settings_changes_the_lines_at_once(
    owner: User, owner_client: Client
) -> None:
    assert "116 123" in page(owner_client, reverse("pages:crisis"))
    response = owner_client.post(
        reverse("accounts:settings"), {"time_zone": "Europe/Berlin", "country": "DE"}
    )
    assert response.status_code == 302
    help_page = page(owner_client, reverse("pages:crisis"))
    assert "0800 111 0 111" in help_page and "116 123" not in help_page


# --- The crisis view stands alone --------------------------------------------------------------


def _trusted(user: User) -> TrustedPerson:
    return TrustedPerson.objects.create(user=user, name="Jo", phone="+44 (0)7700 900-123")


@pytest.mark.django_db
def test_a_crisis_draft_shows_lines_plan_and_trusted_person_and_no_coaching(
    owner: User, owner_client: Client
) -> None:
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today())
    _trusted(owner)
    text = "Please come back, I'm begging you. Everyone would be better off without me."
    html = owner_client.post(
        reverse("drafts:check"), {"text": text, "kind": "message"}, **HTMX
    ).content.decode()
    assert "crisis-card" in html and 'href="tel:116123"' in html
    assert 'href="tel:+4407700900123"' in html and 'href="sms:+4407700900123"' in html
    assert reverse("safety:plan") in html
    for coaching in ("Pleading", "pity", "count again", "unsent letter", "Try it"):
        assert coaching not in html, coaching
    # Only the coach's support finding is explained beside the card.
    assert re.findall(r'class="finding-item finding-(\w+)"', html) == ["self_harm"]


@pytest.mark.django_db
def test_a_crisis_draft_still_saves(owner: User, owner_client: Client) -> None:
    from recouple.drafts.models import Draft

    response = owner_client.post(reverse("drafts:compose"), {"kind": "message", "text": CRISIS})
    assert response.status_code == 302
    assert str(Draft.objects.get(user=owner).text) == CRISIS
    html = page(owner_client, response["Location"])
    assert "crisis-card" in html
    assert set(re.findall(r'class="finding-item finding-(\w+)"', html)) <= {"self_harm"}


@pytest.mark.django_db
def test_the_plan_is_offered_gently_the_first_time_and_then_only_linked(
    owner: User, owner_client: Client
) -> None:
    first = owner_client.post(reverse("journal:crisis_check"), {"text": CRISIS}, **HTMX)
    assert "Make a safety plan" in first.content.decode()
    assert "No rush" in first.content.decode()
    assert SafetyPlan.objects.get(user=owner).offered_at is not None
    again = owner_client.post(reverse("journal:crisis_check"), {"text": CRISIS}, **HTMX)
    assert "No rush" not in again.content.decode()
    assert reverse("safety:plan") in again.content.decode()


@pytest.mark.django_db
def test_once_written_the_plan_is_one_tap_from_every_crisis_view(
    owner: User, owner_client: Client
) -> None:
    SafetyPlan.objects.create(user=owner, reasons="My sister")
    html = owner_client.post(
        reverse("journal:crisis_check"), {"text": CRISIS}, **HTMX
    ).content.decode()
    assert "Open my safety plan" in html


@pytest.mark.django_db
def test_a_crisis_journal_entry_is_saved_and_its_page_shows_the_trusted_person(
    owner: User, owner_client: Client
) -> None:
    from recouple.journal.models import Entry

    _trusted(owner)
    response = owner_client.post(reverse("journal:index"), {"mood": "1", "text": CRISIS})
    assert response.status_code == 302
    entry = Entry.objects.get(user=owner)
    assert str(entry.text) == CRISIS
    html = page(owner_client, reverse("journal:entry", args=[entry.pk]))
    assert "Call Jo" in html and "Text Jo" in html


@pytest.mark.django_db
def test_a_sealed_letter_with_crisis_words_is_kept_and_support_comes_first(
    owner: User, owner_client: Client
) -> None:
    from recouple.nocontact.models import Letter

    tomorrow = (owner.today().toordinal()) + 30
    reopen = date.fromordinal(tomorrow).isoformat()
    response = owner_client.post(
        reverse("nocontact:letters"), {"body": CRISIS, "reopen_on": reopen}
    )
    assert response.status_code == 302 and response["Location"].endswith("?support=1")
    assert str(Letter.objects.get(user=owner).body) == CRISIS
    html = page(owner_client, response["Location"])
    assert html.index("crisis-card") < html.index("Write one now")
    calm = owner_client.post(
        reverse("nocontact:letters"), {"body": "Thinking of the summer.", "reopen_on": reopen}
    )
    assert calm["Location"] == reverse("nocontact:letters")


@pytest.mark.django_db
def test_an_apology_with_crisis_words_shows_support_and_no_verdict(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(reverse("amends:apology"), {"apology": CRISIS})
    html = page(owner_client, response["Location"])
    assert "crisis-card" in html
    assert "Worth another look" not in html and "Name what you did" not in html


# --- The safety plan ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_safety_plan_is_written_in_seven_parts_and_kept_encrypted(
    owner: User, owner_client: Client
) -> None:
    words = {name: f"My own words for {name}" for name, _h, _t in PLAN_SECTIONS}
    response = owner_client.post(reverse("safety:plan"), words)
    assert response.status_code == 302
    plan = SafetyPlan.objects.get(user=owner)
    assert [str(getattr(plan, name)) for name in words] == list(words.values())
    with connection.cursor() as cursor:
        cursor.execute("SELECT reasons FROM safety_safetyplan WHERE user_id = %s", [owner.pk])
        stored = cursor.fetchone()[0]
    assert "My own words" not in stored
    printed = page(owner_client, reverse("safety:plan_print"))
    for text in words.values():
        assert text in printed
    assert "116 123" in printed
    assert "site-nav" not in printed


@pytest.mark.django_db
def test_a_10000_character_part_is_refused_with_a_clear_message_and_nothing_saved(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(reverse("safety:plan"), {"reasons": "x" * 10_000})
    assert response.status_code == 400
    assert "Please keep it under 2000 characters." in response.content.decode()
    assert all(str(plan.reasons) == "" for plan in SafetyPlan.objects.filter(user=owner))


@pytest.mark.django_db
def test_the_plan_is_one_tap_from_help_and_pause(owner: User, owner_client: Client) -> None:
    for url in (reverse("pages:crisis"), reverse("nocontact:pause")):
        assert f'href="{reverse("safety:plan")}"' in page(owner_client, url), url


@pytest.mark.django_db
def test_the_api_reads_and_writes_the_plan_part_by_part(owner: User, api: Any) -> None:
    assert api("GET", "/safety-plan").json()["reasons"] == ""
    assert api("PUT", "/safety-plan", {"reasons": "My dog"}).status_code == 200
    answer = api("PUT", "/safety-plan", {"helpers": "Mum", "reasons": None}).json()
    assert (answer["reasons"], answer["helpers"]) == ("My dog", "Mum")
    too_long = api("PUT", "/safety-plan", {"reasons": "x" * 10_000})
    assert too_long.status_code == 400 and "error" in too_long.json()


# --- The trusted person ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["call me maybe", "0800 CALL NOW", "12", "+44 <b>1</b>", "1+2"])
def test_a_phone_number_with_letters_or_markup_is_refused_with_a_message(
    owner: User, owner_client: Client, api: Any, phone: str
) -> None:
    response = owner_client.post(reverse("safety:trusted"), {"name": "Jo", "phone": phone})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please use only digits" in html or "whole phone number" in html
    answer = api("PUT", "/trusted-person", {"name": "Jo", "phone": phone})
    assert answer.status_code == 400 and "phone" in answer.json()["error"]
    assert not TrustedPerson.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_the_trusted_person_shows_on_pause_and_help_as_call_and_text_links(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        reverse("safety:trusted"), {"name": "Jo <b>", "phone": "+1 (555) 010-9988"}
    )
    assert response.status_code == 302
    for url in (reverse("nocontact:pause"), reverse("pages:crisis")):
        html = page(owner_client, url)
        assert 'href="tel:+15550109988"' in html and 'href="sms:+15550109988"' in html, url
        assert "Jo &lt;b&gt;" in html and "Jo <b>" not in html
    owner_client.post(reverse("safety:trusted_delete"))
    assert not TrustedPerson.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_the_api_sets_reads_and_removes_the_trusted_person(owner: User, api: Any) -> None:
    assert api("GET", "/trusted-person").json() == {
        "name": "",
        "phone": "",
        "call": None,
        "text": None,
    }
    answer = api("PUT", "/trusted-person", {"name": "Jo", "phone": "07700 900123"}).json()
    assert answer["call"] == "tel:07700900123" and answer["text"] == "sms:07700900123"
    assert api("DELETE", "/trusted-person").status_code == 204
    assert api("GET", "/trusted-person").json()["name"] == ""


# --- Pause for everyone ------------------------------------------------------------------------


@pytest.mark.django_db
def test_pause_without_a_period_asks_for_one_line_of_why_and_then_shows_it(
    owner: User, owner_client: Client
) -> None:
    html = page(owner_client, reverse("nocontact:pause"))
    assert 'id="breathe-start"' in html and "Log this urge" in html and "Seal it" in html
    assert f'action="{reverse("safety:pause_reason")}"' in html
    response = owner_client.post(reverse("safety:pause_reason"), {"text": "To heal first"})
    assert response["Location"] == reverse("nocontact:pause")
    html = page(owner_client, reverse("nocontact:pause"))
    assert "To heal first" in html
    assert f'action="{reverse("safety:pause_reason")}"' not in html
    assert str(PauseReason.objects.get(user=owner).text) == "To heal first"


@pytest.mark.django_db
def test_pause_without_a_period_shows_the_reasons_from_reflect(
    owner: User, owner_client: Client
) -> None:
    from recouple.assessment.models import Assessment, BreakupReason

    BreakupReason.objects.create(assessment=Assessment.for_user(owner), text="We fought daily")
    assert "We fought daily" in page(owner_client, reverse("nocontact:pause"))


@pytest.mark.django_db
def test_an_empty_or_overlong_why_is_refused_with_a_message(
    owner: User, owner_client: Client
) -> None:
    for text in ("   ", "x" * 10_000):
        response = owner_client.post(reverse("safety:pause_reason"), {"text": text}, follow=True)
        assert response.status_code == 200
        assert not PauseReason.objects.filter(user=owner).exists()
        assert "Please" in response.content.decode()


# --- Leave quickly, properly -------------------------------------------------------------------


@pytest.mark.django_db
def test_leaving_quickly_signs_out_by_default(owner: User, owner_client: Client) -> None:
    assert owner.leave_signs_out is True
    response = owner_client.post(reverse("safety:leave"))
    assert response["Location"] == reverse("pages:neutral")
    back = owner_client.get(reverse("journal:index"))
    assert back.status_code == 302 and back["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_leaving_quickly_keeps_the_session_when_the_setting_is_off(owner: User) -> None:
    owner.leave_signs_out = False
    owner.save()
    client = signed_in(owner)
    client.post(reverse("safety:leave"))
    assert client.get(reverse("journal:index")).status_code == 200


@pytest.mark.django_db
def test_the_setting_is_in_settings_and_on_by_default(owner: User, owner_client: Client) -> None:
    html = page(owner_client, reverse("accounts:settings"))
    assert re.search(r'<input type="checkbox" name="leave_signs_out"[^>]* checked', html)
    owner_client.post(
        reverse("accounts:settings"), {"time_zone": "UTC", "country": "GB", "quiet_mode": "on"}
    )
    owner.refresh_from_db()
    assert owner.leave_signs_out is False


def test_the_script_signs_out_at_the_route_that_does_it() -> None:
    script = (Path(recouple.__file__).parent / "core/static/recouple/recouple.js").read_text()
    assert f'var LEAVE_URL = "{reverse("safety:leave")}";' in script


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "row", "problem"),
    [
        ("safety.TrustedPerson", {"name": "Jo", "phone": "call me"}, "only digits"),
        ("safety.TrustedPerson", {"name": "x" * 10_000, "phone": "988"}, "at most 80"),
        ("safety.SafetyPlan", {"reasons": "x" * 10_000}, "at most 2000"),
        ("safety.PauseReason", {"text": "x" * 10_000}, "at most 300"),
    ],
)
def test_an_import_is_held_to_the_same_rules_as_the_pages(
    owner: User, outsider: User, label: str, row: dict[str, Any], problem: str
) -> None:
    from recouple.accounts.portability import ImportProblem, export_user, import_user

    data = export_user(outsider)
    data["tables"][label] = [{"id": 1, **row}]
    with pytest.raises(ImportProblem, match=problem):
        import_user(owner, data)
    assert not TrustedPerson.objects.filter(user=owner).exists()
    assert not SafetyPlan.objects.filter(user=owner).exists()
