"""Today: the next step on the path, then mood, contact-free days, urges and habit strength
as charts with text summaries; the same numbers in the API; a cost that does not grow with
years of use; and the web app manifest that lets it sit on a phone's home screen.

Time is frozen (time_machine) so that "today" and the twelve-week windows are fixed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recouple.accounts.models import User
from recouple.assessment.models import Assessment
from recouple.growth.models import Check, Habit
from recouple.journal.models import Entry
from recouple.nocontact.models import Contact, Period, Urge
from tests.conftest import OWNER_CANARY, Api, signed_in
from tests.history import seed_history

TODAY_URL = reverse("dashboard:index")
HOME = reverse("pages:home")
# A June day in the UK (BST): the owner's local date is the UTC date.
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
CHART_JS = "/static/recouple/vendor/chart.umd.min.js"
DASHBOARD_JS = "/static/recouple/dashboard.js"


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def chart_data(html: str) -> Any:
    found = re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html)
    assert found, "no dashboard-data script on the page"
    return json.loads(found.group(1))


def summary(html: str, element_id: str) -> str:
    found = re.search(rf'<p class="chart-summary" id="{element_id}">(.*?)</p>', html, re.DOTALL)
    assert found, f"no #{element_id}"
    return " ".join(found.group(1).split())


def small_history(user: User) -> None:
    """A few hand-made days whose figures are easy to work out."""
    for days_ago, mood in ((0, 2), (1, 4), (2, 4), (45, 1)):
        Entry.objects.create(user=user, day=ago(days_ago), mood=mood, text=OWNER_CANARY)
    for days_ago, passed in ((0, True), (0, True), (0, False), (10, None), (30, True)):
        Urge.objects.create(user=user, day=ago(days_ago), passed=passed, trigger=OWNER_CANARY)
    walk = Habit.objects.create(user=user, name="Walk by the river", started_on=ago(13))
    Habit.objects.create(user=user, name="Gym", started_on=TODAY)
    Check.objects.bulk_create(Check(habit=walk, day=ago(i), mark="done") for i in range(14))


@pytest.mark.django_db
def test_today_leads_with_the_day_and_one_next_action_not_the_outcome(owner: User) -> None:
    Assessment.for_user(owner)
    html = signed_in(owner).get(TODAY_URL).content.decode()
    assert "<h1>One day at a time</h1>" in html
    # Whether to try again is the path's question, not the first words of every day.
    assert "First, two honest questions." not in html
    assert "Work through the questions: should you try, and can you?" in html
    actions = re.findall(r'<a class="button" href="([^"]+)">Do this now</a>', html)
    assert actions == [reverse("assessment:start")]


@pytest.mark.django_db
def test_the_home_page_becomes_today_once_an_assessment_exists(owner: User) -> None:
    client = signed_in(owner)
    before = client.get(HOME)
    assert before.status_code == 200
    Assessment.for_user(owner)
    after = client.get(HOME)
    assert after.status_code == 302 and after["Location"] == TODAY_URL


@pytest.mark.django_db
def test_chart_data_carries_mood_urges_and_habit_strength_figures(owner: User, frozen: Any) -> None:
    small_history(owner)
    charts = chart_data(signed_in(owner).get(TODAY_URL).content.decode())
    mood = charts["mood"]
    # The axis starts a week before the first rated day (45 days ago), not twelve weeks back.
    assert len(mood["labels"]) == len(mood["values"]) == 52
    assert mood["labels"][-1] == TODAY.isoformat() and mood["labels"][0] == ago(51).isoformat()
    assert mood["values"][-3:] == [4.0, 4.0, 2.0]
    assert mood["values"][-46] == 1.0
    assert sum(v is not None for v in mood["values"]) == 4
    urges = charts["urges"]
    assert len(urges["labels"]) == 12 and urges["labels"][-1] == ago(6).isoformat()
    assert urges["passed"] == [0] * 7 + [1, 0, 0, 0, 2]
    assert urges["other"] == [0] * 10 + [1, 1]
    assert "habits" not in charts


@pytest.mark.django_db
def test_the_mood_axis_never_reaches_back_more_than_twelve_weeks(owner: User, frozen: Any) -> None:
    Entry.objects.create(user=owner, day=ago(200), mood=3)
    Entry.objects.create(user=owner, day=ago(80), mood=3)
    Entry.objects.create(user=owner, day=ago(1), mood=5)
    mood = chart_data(signed_in(owner).get(TODAY_URL).content.decode())["mood"]
    assert len(mood["labels"]) == 84 and mood["labels"][0] == ago(83).isoformat()
    assert mood["trend"][-1] == 5.0


@pytest.mark.django_db
def test_moods_on_one_day_are_averaged_into_that_day(owner: User, frozen: Any) -> None:
    for mood in (2, 4, 5):
        Entry.objects.create(user=owner, day=TODAY, mood=mood)
    Entry.objects.create(user=owner, day=TODAY, mood=None, text="No rating today")
    charts = chart_data(signed_in(owner).get(TODAY_URL).content.decode())
    assert charts["mood"]["values"][-1] == 3.67


@pytest.mark.django_db
def test_each_chart_has_a_summary_that_states_its_figures(owner: User, frozen: Any) -> None:
    small_history(owner)
    html = signed_in(owner).get(TODAY_URL).content.decode()
    # Each summary speaks of exactly the days its chart shows (here from 51 days ago).
    assert summary(html, "mood-summary") == (
        "From 20 April to 10 June: your mood averaged 2.8 out of 5, on 4 days you rated. "
        "The last 30 days: 3.3; the 30 days before: 1.0."
    )
    assert summary(html, "urges-summary") == (
        "In the last 12 weeks you logged 5 urges, and 3 passed without contact. "
        "Every urge you ride out makes the next one weaker."
    )
    assert summary(html, "habits-summary") == (
        "Strongest: Walk by the river, at 50%. Today: 1 of 2 done."
    )
    # Whole names, and a habit started today shows its count, not a 0% bar.
    bars = html.split('<ul class="habit-bars">', 1)[1].split("</ul>", 1)[0]
    assert '<span class="habit-bar-name">Walk by the river</span>' in bars
    assert 'value="50"' in bars
    assert "Done 0 times so far. Its strength shows after 7 days." in bars
    for chart in ("mood", "urges"):
        assert re.search(
            rf'<canvas data-chart="{chart}"[^>]*aria-describedby="{chart}-summary"', html
        )


@pytest.mark.django_db
def test_contact_free_days_show_this_months_calendar(owner: User, frozen: Any) -> None:
    period = Period.objects.create(user=owner, started_on=ago(9))
    Contact.objects.create(period=period, day=ago(3), channel="text")
    html = signed_in(owner).get(TODAY_URL).content.decode()
    assert summary(html, "calendar-summary") == (
        "3 days in a row without contact. This month: 9 of 10 days contact-free. "
        "Next milestone: day 7."
    )
    assert '<h3 class="month-title">June 2026</h3>' in html
    calendar = html.split('<table class="calendar">', 1)[1].split("</table>", 1)[0]
    assert calendar.count('<td class="day slip">') == 1
    assert calendar.count('<td class="day clean') == 9
    assert "When you start no contact, your days show here." not in html


@pytest.mark.django_db
def test_an_empty_account_sees_kind_words_and_no_charts(owner: User, frozen: Any) -> None:
    html = signed_in(owner).get(TODAY_URL).content.decode()
    for words in (
        "No moods yet. Add one in the journal and it will show here.",
        "No urges logged in the last 12 weeks. When one comes, the Pause button is there.",
        "When you start no contact, your days show here.",
        "Small daily habits help you grow, whatever happens. Add one and watch it get stronger.",
    ):
        assert words in html
    assert "<canvas" not in html
    assert 'id="habits-summary"' not in html


@pytest.mark.django_db
def test_the_api_gives_the_same_figures_as_the_page(owner: User, api: Api, frozen: Any) -> None:
    small_history(owner)
    Assessment.for_user(owner)
    data = api("GET", "/dashboard").json()
    assert data["today"] == TODAY.isoformat()
    assert data["next"]["phase"] == "reflect"
    assert data["next"]["headline"] == "First, two honest questions."
    assert data["mood"]["values"][-3:] == [4.0, 4.0, 2.0]
    assert data["mood"]["recent_mean"] == 3.3 and data["mood"]["before_mean"] == 1.0
    assert data["urges"]["total_4w"] == 4 and data["urges"]["passed_4w"] == 2
    assert data["urges"]["passed"][-1] == 2 and data["urges"]["other"][-1] == 1
    assert data["no_contact"] is None
    assert [(h["name"], h["strength"], h["done_today"]) for h in data["habits"]] == [
        ("Walk by the river", 0.5, True),
        ("Gym", 0.0, False),
    ]


@pytest.mark.django_db
def test_the_api_reports_the_no_contact_run(owner: User, api: Api, frozen: Any) -> None:
    period = Period.objects.create(user=owner, started_on=ago(9), target_days=45)
    Contact.objects.create(period=period, day=ago(3), channel="text")
    assert api("GET", "/dashboard").json()["no_contact"] == {
        "current_run": 3,
        "longest_run": 6,
        "clean_share": 0.9,
        "target_days": 45,
        "next_milestone": 7,
    }


def queries_for(client: Client, url: str, auth: str | None = None) -> int:
    """Queries for the second visit: the first one made the reminder notes that were due."""
    headers = {"Authorization": auth} if auth else None
    assert client.get(url, headers=headers).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_today_costs_the_same_queries_on_day_three_and_in_year_two(
    owner: User, outsider: User, frozen: Any
) -> None:
    seed_history(owner, days=3)
    seed_history(outsider, days=730)
    for user in (owner, outsider):
        Assessment.for_user(user)
    new = queries_for(signed_in(owner), TODAY_URL)
    old = queries_for(signed_in(outsider), TODAY_URL)
    assert new == old <= 30


@pytest.mark.django_db
def test_the_dashboard_api_costs_the_same_queries_on_day_three_and_in_year_two(
    owner: User, outsider: User, frozen: Any
) -> None:
    seed_history(owner, days=3)
    seed_history(outsider, days=730)
    new_api, old_api = Api(owner), Api(outsider)
    new = queries_for(new_api.client, "/api/v1/dashboard", new_api.auth)
    old = queries_for(old_api.client, "/api/v1/dashboard", old_api.auth)
    assert new == old <= 20


@pytest.mark.django_db
def test_charts_load_their_scripts_from_the_app_itself(owner: User, frozen: Any) -> None:
    small_history(owner)
    client = signed_in(owner)
    html = client.get(TODAY_URL).content.decode()
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert CHART_JS in scripts and DASHBOARD_JS in scripts
    linked = scripts + re.findall(r'<link[^>]* href="([^"]+)"', html)
    assert all(url.startswith("/") and not url.startswith("//") for url in linked), linked
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    for url in (CHART_JS, DASHBOARD_JS):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "javascript" in response["Content-Type"]


@pytest.mark.django_db
def test_the_manifest_installs_recouple_with_icons_that_are_served(client: Client) -> None:
    response = client.get(reverse("pages:manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Recouple"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    pngs = {icon["sizes"]: icon["src"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= set(pngs)
    for src in manifest["icons"]:
        served = client.get(src["src"])
        assert served.status_code == 200, src
        assert served["Content-Type"] == src["type"]
        body = b"".join(served.streaming_content)  # type: ignore[attr-defined]
        if src["type"] == "image/png":
            assert body.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.django_db
def test_no_page_registers_a_service_worker(owner: User, client: Client) -> None:
    Assessment.for_user(owner)
    for script in ("/static/recouple/recouple.js", DASHBOARD_JS):
        response = client.get(script)
        assert response.status_code == 200
        assert b"serviceWorker" not in b"".join(response.streaming_content)  # type: ignore[attr-defined]
    for url in ("/sw.js", "/service-worker.js", "/static/recouple/sw.js"):
        assert client.get(url).status_code == 404
    html = signed_in(owner).get(TODAY_URL).content.decode()
    assert "serviceWorker" not in html and "sw.js" not in html


@pytest.mark.django_db
def test_another_user_sees_their_own_empty_today_never_the_owners(
    owner: User, outsider: User, frozen: Any
) -> None:
    small_history(owner)
    Period.objects.create(user=owner, started_on=ago(9), reasons=OWNER_CANARY)
    owner_html = signed_in(owner).get(TODAY_URL).content.decode()
    assert "Walk by the river" in owner_html
    response = signed_in(outsider).get(TODAY_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert OWNER_CANARY not in html and "Walk by the river" not in html
    assert "<canvas" not in html
    assert "When you start no contact, your days show here." in html
    charts = chart_data(html)
    assert set(charts["mood"]["values"]) == {None}
    assert "habits" not in charts and "habit-bars" not in html
    data = Api(outsider)("GET", "/dashboard")
    assert data.status_code == 200
    assert OWNER_CANARY not in data.content.decode()
    assert data.json()["habits"] == [] and data.json()["no_contact"] is None
    assert data.json()["urges"]["total_4w"] == 0


@pytest.mark.django_db
def test_today_needs_a_sign_in(client: Client) -> None:
    response = client.get(TODAY_URL)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )
    assert client.get("/api/v1/dashboard").status_code == 401
