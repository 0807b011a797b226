"""Growing: the habit strength score, weekday schedules and streaks, goals by life area, habits
checked off (or skipped) on the page and through the API, and other people's things kept apart.

Time is frozen (time_machine) on a Wednesday: schedules are about weekdays, and a "day" is the
user's own calendar day in their time zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import User
from recouple.growth.models import Check, Goal, Habit
from recouple.program import growth as rules
from recouple.program.growth import EVERY_DAY, Mark
from tests.conftest import Api, signed_in

OVERVIEW = reverse("growth:overview")
GOAL_NEW = reverse("growth:goal_new")
HABIT_NEW = reverse("growth:habit_new")
HTMX = {"HX-Request": "true"}

# Wednesday 10 June 2026, noon in London (BST): the owner's local date is the UTC date.
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
MON, WED, FRI = 0, 2, 4
LEANING = "I can only be happy with my ex"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def test_the_frozen_day_is_a_wednesday() -> None:
    assert TODAY.weekday() == WED


def html(response: Any) -> str:
    return str(response.content.decode())


def days_back(n: int) -> date:
    return TODAY - timedelta(days=n)


def habit_for(user: User, name: str = "Walk", started: int = 30, **fields: Any) -> Habit:
    """A habit begun ``started`` days before today."""
    return Habit.objects.create(user=user, name=name, started_on=days_back(started), **fields)


def mark_url(habit: Habit) -> str:
    return reverse("growth:habit_mark", args=[habit.pk])


def all_done(start: date, end: date) -> dict[date, Mark]:
    return {start + timedelta(days=i): Mark.DONE for i in range((end - start).days + 1)}


# --- Rules: strength --------------------------------------------------------------------------


def test_fourteen_days_done_from_nothing_is_half_strength() -> None:
    start = days_back(13)
    score = rules.strength(start, TODAY, EVERY_DAY, all_done(start, TODAY))
    assert score == pytest.approx(0.5, abs=0.01)


def test_a_strong_habit_missed_one_day_dips_a_little_not_to_zero() -> None:
    start = days_back(120)
    marks = all_done(start, days_back(2))
    marks[TODAY] = Mark.DONE
    before = rules.strength(start, days_back(2), EVERY_DAY, marks)
    after = rules.strength(start, TODAY, EVERY_DAY, marks)
    assert before > 0.95
    assert before - 0.1 < after < before


def test_two_weeks_missed_halves_a_strong_habit() -> None:
    start = days_back(200)
    marks = all_done(start, days_back(15))
    before = rules.strength(start, days_back(15), EVERY_DAY, marks)
    # Fourteen due days missed (yesterday back to 14 days ago); today is still open.
    after = rules.strength(start, TODAY, EVERY_DAY, marks)
    assert after == pytest.approx(before / 2, abs=0.01)


def test_a_skipped_day_leaves_the_score_as_it_was() -> None:
    start = days_back(20)
    marks = all_done(start, days_back(2))
    marks[days_back(1)] = Mark.SKIPPED
    series = dict(rules.strengths(start, TODAY, EVERY_DAY, marks))
    assert series[days_back(1)] == series[days_back(2)]
    assert series[days_back(1)] > 0


def test_a_day_the_habit_is_not_scheduled_leaves_the_score_as_it_was() -> None:
    # Monday, Wednesday, Friday: yesterday (Tuesday) was a rest day, left unmarked.
    days = frozenset({MON, WED, FRI})
    start = days_back(20)
    marks = {d: Mark.DONE for d in all_done(start, days_back(2)) if d.weekday() in days}
    series = dict(rules.strengths(start, TODAY, days, marks))
    assert days_back(1).weekday() == 1
    assert series[days_back(1)] == series[days_back(2)] > 0


def test_a_missed_due_day_lowers_the_score() -> None:
    start = days_back(20)
    marks = all_done(start, days_back(2))
    series = dict(rules.strengths(start, TODAY, EVERY_DAY, marks))
    assert series[days_back(1)] < series[days_back(2)]


def test_today_unmarked_is_still_open_not_missed() -> None:
    start = days_back(20)
    marks = all_done(start, days_back(1))
    assert rules.strength(start, TODAY, EVERY_DAY, marks) == rules.strength(
        start, days_back(1), EVERY_DAY, marks
    )
    marks[TODAY] = Mark.DONE
    assert rules.strength(start, TODAY, EVERY_DAY, marks) > rules.strength(
        start, days_back(1), EVERY_DAY, marks
    )


def test_a_habit_started_today_has_no_strength_until_done() -> None:
    assert rules.strength(TODAY, TODAY, EVERY_DAY, {}) == 0.0
    assert rules.strength(TODAY, TODAY, EVERY_DAY, {TODAY: Mark.DONE}) > 0.0


# --- Rules: weekdays --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("0246", frozenset({0, 2, 4, 6})),
        ("6", frozenset({6})),
        ("4x2 9", frozenset({2, 4})),
        ("", EVERY_DAY),
        ("789", EVERY_DAY),
    ],
)
def test_parse_weekdays(value: str, days: frozenset[int]) -> None:
    assert rules.parse_weekdays(value) == days


@pytest.mark.parametrize(
    ("days", "text"),
    [([4, 0, 2, 0], "024"), ([6, 9, -1], "6"), ([], ""), (range(7), "0123456")],
)
def test_format_weekdays_sorted_once_each_and_only_real_days(days: Any, text: str) -> None:
    assert rules.format_weekdays(days) == text


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (EVERY_DAY, "Every day"),
        (frozenset(range(5)), "Weekdays"),
        (frozenset({5, 6}), "Weekends"),
        (frozenset({FRI, MON, WED}), "Mon, Wed, Fri"),
        (frozenset({6}), "Sun"),
    ],
)
def test_describe_weekdays(days: frozenset[int], text: str) -> None:
    assert rules.describe_weekdays(days) == text


def test_weekdays_round_trip_through_text() -> None:
    days = frozenset({1, 3, 5})
    assert rules.parse_weekdays(rules.format_weekdays(days)) == days


# --- Rules: the summary -----------------------------------------------------------------------


def test_streak_counts_done_days_and_is_not_broken_by_skips_rest_days_or_today() -> None:
    days = frozenset({MON, WED, FRI})
    start = days_back(20)
    marks = {
        days_back(2): Mark.DONE,  # Monday
        days_back(5): Mark.SKIPPED,  # Friday
        days_back(7): Mark.DONE,  # Wednesday
        days_back(9): Mark.DONE,  # Monday
    }
    # Today (Wednesday) is unmarked; Friday 12 days back was missed and ends the run.
    summary = rules.summarize(start, TODAY, days, marks)
    assert summary.current_streak == 3


def test_a_missed_due_day_ends_the_streak() -> None:
    start = days_back(10)
    marks = {days_back(1): Mark.DONE, days_back(3): Mark.DONE, days_back(4): Mark.DONE}
    assert rules.summarize(start, TODAY, EVERY_DAY, marks).current_streak == 1


def test_done_and_due_in_the_last_seven_days_follow_the_schedule() -> None:
    days = frozenset({MON, WED, FRI})
    # The last seven days: Thu 4 .. Wed 10 June; due on Fri 5, Mon 8 and Wed 10.
    marks = {
        date(2026, 6, 5): Mark.DONE,
        date(2026, 6, 8): Mark.SKIPPED,
        date(2026, 6, 6): Mark.DONE,  # a Saturday, done anyway: not a due day
        date(2026, 6, 3): Mark.DONE,  # eight days ago: outside the week
    }
    summary = rules.summarize(days_back(30), TODAY, days, marks)
    assert (summary.done_last_7, summary.due_last_7) == (1, 3)


def test_due_days_before_the_habit_started_do_not_count() -> None:
    summary = rules.summarize(days_back(2), TODAY, EVERY_DAY, {days_back(1): Mark.DONE})
    assert (summary.done_last_7, summary.due_last_7) == (1, 3)


# --- Goals on the page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_goal_is_set_for_an_area_and_listed_on_the_grow_page(owner: User) -> None:
    client = signed_in(owner)
    assert 'value="friends" selected' in html(client.get(f"{GOAL_NEW}?area=friends"))
    response = client.post(
        GOAL_NEW, {"area": "friends", "title": "Call Sam weekly", "why": "I miss her"}
    )
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW
    goal = Goal.objects.get(user=owner)
    assert (goal.area, str(goal.title), str(goal.why)) == (
        "friends",
        "Call Sam weekly",
        "I miss her",
    )
    page = html(client.get(OVERVIEW))
    assert "Call Sam weekly" in page
    assert "Friends and family" in page
    assert "therapist-note" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"area": "money", "title": "Save"}, "Select a valid choice"),
        ({"area": "health", "title": "x" * 301}, "Please keep it under 300 characters."),
    ],
    ids=["unknown-area", "long-title"],
)
def test_a_goal_needs_a_known_area_and_a_short_title(
    owner: User, data: dict[str, str], message: str
) -> None:
    response = signed_in(owner).post(GOAL_NEW, data)
    assert response.status_code == 400
    assert message in html(response)
    assert not Goal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [(GOAL_NEW, {"area": "health", "title": "   "}), (HABIT_NEW, {"name": "   "})],
    ids=["goal", "habit"],
)
def test_a_goal_or_habit_without_a_name_is_refused(
    owner: User, url: str, data: dict[str, str]
) -> None:
    response = signed_in(owner).post(url, data)
    assert response.status_code == 400
    assert 'class="error"' in html(response)
    assert not Goal.objects.exists()
    assert not Habit.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [(GOAL_NEW, {"area": "health", "title": ""}), (HABIT_NEW, {"name": ""})],
    ids=["goal", "habit"],
)
def test_a_goal_or_habit_without_a_name_asks_for_a_short_name(
    owner: User, url: str, data: dict[str, str]
) -> None:
    assert "Please give it a short name." in html(signed_in(owner).post(url, data))


@pytest.mark.django_db
def test_a_goal_can_be_edited_reached_and_deleted_on_the_page(owner: User) -> None:
    goal = Goal.objects.create(user=owner, area="health", title="Sleep early")
    habit = habit_for(owner, goal=goal)
    client = signed_in(owner)
    url = reverse("growth:goal", args=[goal.pk])
    assert client.post(url, {"area": "hobbies", "title": "Paint"}).status_code == 302
    goal.refresh_from_db()
    assert (goal.area, str(goal.title)) == ("hobbies", "Paint")

    client.post(reverse("growth:goal_reached", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.reached_on == TODAY
    assert "1 goal reached" in html(client.get(OVERVIEW))
    client.post(reverse("growth:goal_reached", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.reached_on is None

    assert client.post(reverse("growth:goal_delete", args=[goal.pk])).status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    habit.refresh_from_db()
    assert habit.goal is None


@pytest.mark.django_db
def test_a_goal_saying_only_happy_with_my_ex_shows_the_therapist_note(owner: User) -> None:
    client = signed_in(owner)
    client.post(GOAL_NEW, {"area": "attachment", "title": LEANING})
    page = html(client.get(OVERVIEW))
    assert 'class="card card-soft therapist-note"' in page
    assert "A therapist can help you" in page


@pytest.mark.django_db
def test_the_therapist_note_also_reads_a_goals_why(owner: User) -> None:
    Goal.objects.create(
        user=owner, area="other", title="Get her back", why="I won't be happy without her"
    )
    assert "therapist-note" in html(signed_in(owner).get(OVERVIEW))


# --- Habits on the page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_habit_is_made_with_the_days_ticked(owner: User) -> None:
    goal = Goal.objects.create(user=owner, area="health", title="Move more")
    client = signed_in(owner)
    response = client.post(
        HABIT_NEW, {"name": "Evening walk", "goal": str(goal.pk), "days": ["4", "0", "2"]}
    )
    assert response.status_code == 302
    habit = Habit.objects.get(user=owner)
    assert (str(habit.name), habit.goal_id, habit.weekdays) == ("Evening walk", goal.pk, "024")
    assert habit.started_on == TODAY
    assert habit.schedule == "Mon, Wed, Fri"
    page = html(client.get(OVERVIEW))
    assert "Evening walk" in page
    assert "Mon, Wed, Fri" in page


@pytest.mark.django_db
def test_a_habit_with_no_days_ticked_is_every_day(owner: User) -> None:
    signed_in(owner).post(HABIT_NEW, {"name": "Journal"})
    habit = Habit.objects.get(user=owner)
    assert (habit.weekdays, habit.schedule) == ("0123456", "Every day")


@pytest.mark.django_db
def test_a_habit_refuses_a_day_that_is_not_a_weekday(owner: User) -> None:
    response = signed_in(owner).post(HABIT_NEW, {"name": "Walk", "days": ["1", "7"]})
    assert response.status_code == 400
    assert "Pick days of the week from the list." in html(response)
    assert not Habit.objects.exists()


@pytest.mark.django_db
def test_editing_a_habit_shows_its_days_and_changes_them(owner: User) -> None:
    habit = habit_for(owner, weekdays="56")
    client = signed_in(owner)
    page = html(client.get(reverse("growth:habit", args=[habit.pk])))
    assert 'value="5" id="id_days_5" checked' in page
    assert 'value="0" id="id_days_0" checked' not in page
    response = client.post(reverse("growth:habit", args=[habit.pk]), {"name": "Run", "days": ["1"]})
    assert response.status_code == 302
    habit.refresh_from_db()
    assert (str(habit.name), habit.weekdays) == ("Run", "1")
    assert habit.started_on == days_back(30)


# --- Marking a habit --------------------------------------------------------------------------


@pytest.mark.django_db
def test_marking_done_today_with_htmx_returns_the_row_pressed(owner: User) -> None:
    habit = habit_for(owner)
    response = signed_in(owner).post(mark_url(habit), {"mark": "done"}, headers=HTMX)
    assert response.status_code == 200
    row = html(response)
    assert row.startswith('<li class="item habit" id="habit-')
    assert f'id="habit-{habit.pk}"' in row
    assert 'value="clear"' in row
    assert 'aria-pressed="true"' in row
    assert Check.objects.get(habit=habit).day == TODAY
    assert Check.objects.get(habit=habit).mark == "done"


@pytest.mark.django_db
def test_marking_skipped_then_clear_for_today(owner: User) -> None:
    habit = habit_for(owner)
    client = signed_in(owner)
    skipped = html(client.post(mark_url(habit), {"mark": "skipped"}, headers=HTMX))
    assert "Skipped today" in skipped
    assert 'aria-pressed="true"' in skipped
    assert Check.objects.get(habit=habit).mark == "skipped"
    cleared = html(client.post(mark_url(habit), {"mark": "clear"}, headers=HTMX))
    assert 'aria-pressed="true"' not in cleared
    assert 'value="done"' in cleared
    assert not Check.objects.filter(habit=habit).exists()


@pytest.mark.django_db
def test_marking_again_changes_the_one_mark_for_the_day(owner: User) -> None:
    habit = habit_for(owner)
    client = signed_in(owner)
    client.post(mark_url(habit), {"mark": "skipped"})
    client.post(mark_url(habit), {"mark": "done"})
    assert list(Check.objects.filter(habit=habit).values_list("day", "mark")) == [(TODAY, "done")]


@pytest.mark.django_db
def test_marking_without_htmx_goes_back_to_the_grow_page(owner: User) -> None:
    habit = habit_for(owner)
    response = signed_in(owner).post(mark_url(habit), {"mark": "done"})
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW


@pytest.mark.django_db
def test_the_strength_on_the_row_grows_with_done_days(owner: User) -> None:
    habit = habit_for(owner, started=13)
    for n in range(1, 14):
        Check.objects.create(habit=habit, day=days_back(n), mark="done")
    row = html(signed_in(owner).post(mark_url(habit), {"mark": "done"}, headers=HTMX))
    assert 'class="strength-value">50%<' in row


@pytest.mark.django_db
@pytest.mark.parametrize("back", [1, 6])
def test_a_forgotten_day_up_to_six_days_back_can_be_filled_in(owner: User, back: int) -> None:
    habit = habit_for(owner)
    day = days_back(back)
    response = signed_in(owner).post(
        mark_url(habit), {"mark": "done", "day": day.isoformat(), "next": "habit"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("growth:habit", args=[habit.pk])
    assert Check.objects.get(habit=habit).day == day


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "started", "message"),
    [
        (days_back(7), 30, "You can fill in the last seven days only."),
        (days_back(30), 30, "You can fill in the last seven days only."),
        (TODAY + timedelta(days=1), 30, "That day hasn’t come yet."),
        (days_back(3), 2, "That’s before you started this habit."),
    ],
    ids=["seven-back", "thirty-back", "tomorrow", "before-start"],
)
def test_a_mark_outside_the_days_that_can_be_filled_in_is_refused_with_a_message(
    owner: User, day: date, started: int, message: str
) -> None:
    habit = habit_for(owner, started=started)
    client = signed_in(owner)
    response = client.post(
        mark_url(habit), {"mark": "done", "day": day.isoformat(), "next": "habit"}, follow=True
    )
    assert message in html(response)
    assert not Check.objects.exists()


@pytest.mark.django_db
def test_a_refused_htmx_mark_comes_back_in_the_row_with_its_reason(owner: User) -> None:
    habit = habit_for(owner)
    response = signed_in(owner).post(
        mark_url(habit), {"mark": "done", "day": days_back(7).isoformat()}, headers=HTMX
    )
    # htmx swaps only a 2xx, so the reason travels inside the swapped row.
    assert response.status_code == 200
    assert 'role="alert"' in html(response)
    assert "You can fill in the last seven days only." in html(response)
    assert not Check.objects.exists()


@pytest.mark.django_db
def test_an_unknown_mark_is_refused(owner: User) -> None:
    habit = habit_for(owner)
    response = signed_in(owner).post(mark_url(habit), {"mark": "maybe"}, follow=True)
    assert "Choose done, skipped or clear." in html(response)
    assert not Check.objects.exists()


@pytest.mark.django_db
def test_the_habit_page_offers_the_days_that_can_be_filled_in(owner: User) -> None:
    habit = habit_for(owner, started=3)
    page = html(signed_in(owner).get(reverse("growth:habit", args=[habit.pk])))
    assert page.count('<li class="week-day') == 4
    assert f'value="{days_back(3).isoformat()}"' in page
    assert f'value="{days_back(4).isoformat()}"' not in page


@pytest.mark.django_db
def test_marking_needs_post(owner: User) -> None:
    habit = habit_for(owner)
    assert signed_in(owner).get(mark_url(habit)).status_code == 405


# --- Archiving --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_archiving_a_habit_puts_it_away_and_keeps_its_history(owner: User, api: Api) -> None:
    habit = habit_for(owner, name="Stretch-Heron")
    Check.objects.create(habit=habit, day=days_back(1), mark="done")
    client = signed_in(owner)
    client.post(reverse("growth:habit_archive", args=[habit.pk]))
    habit.refresh_from_db()
    assert habit.archived
    assert Check.objects.filter(habit=habit).count() == 1
    assert "Stretch-Heron" not in html(client.get(OVERVIEW))
    listed = api("GET", "/growth/habits").json()
    assert [(h["id"], h["archived"]) for h in listed] == [(habit.pk, True)]
    assert listed[0]["strength"] > 0

    client.post(reverse("growth:habit_archive", args=[habit.pk]))
    habit.refresh_from_db()
    assert not habit.archived
    assert "Stretch-Heron" in html(client.get(OVERVIEW))


@pytest.mark.django_db
def test_deleting_a_habit_removes_it_and_its_marks(owner: User) -> None:
    habit = habit_for(owner)
    Check.objects.create(habit=habit, day=TODAY, mark="done")
    response = signed_in(owner).post(reverse("growth:habit_delete", args=[habit.pk]))
    assert response.status_code == 302
    assert not Habit.objects.exists()
    assert not Check.objects.exists()


# --- Another user's goal or habit -------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_habit_cannot_be_tied_to_someone_elses_goal(owner: User, outsider: User) -> None:
    theirs = Goal.objects.create(user=outsider, area="work", title="Their goal")
    response = signed_in(owner).post(HABIT_NEW, {"name": "Walk", "goal": str(theirs.pk)})
    assert response.status_code == 400
    assert "Pick one of your own goals." in html(response)
    assert not Habit.objects.exists()


@pytest.mark.django_db
def test_an_edited_habit_cannot_be_tied_to_someone_elses_goal(owner: User, outsider: User) -> None:
    mine = Goal.objects.create(user=owner, area="health", title="Mine")
    theirs = Goal.objects.create(user=outsider, area="work", title="Their goal")
    habit = habit_for(owner, goal=mine)
    response = signed_in(owner).post(
        reverse("growth:habit", args=[habit.pk]), {"name": "Walk", "goal": str(theirs.pk)}
    )
    assert response.status_code == 400
    habit.refresh_from_db()
    assert habit.goal_id == mine.pk


@pytest.mark.django_db
def test_someone_elses_habit_is_404_on_every_page_and_nothing_changes(
    owner: User, outsider: User
) -> None:
    habit = habit_for(owner, name="Mine")
    Check.objects.create(habit=habit, day=days_back(1), mark="done")
    client = signed_in(outsider)
    pk = habit.pk
    assert client.get(reverse("growth:habit", args=[pk])).status_code == 404
    assert client.post(reverse("growth:habit", args=[pk]), {"name": "Hijacked"}).status_code == 404
    assert client.post(mark_url(habit), {"mark": "done"}, headers=HTMX).status_code == 404
    assert client.post(mark_url(habit), {"mark": "clear", "day": days_back(1)}).status_code == 404
    assert client.post(reverse("growth:habit_archive", args=[pk])).status_code == 404
    assert client.post(reverse("growth:habit_delete", args=[pk])).status_code == 404
    habit.refresh_from_db()
    assert (str(habit.name), habit.archived) == ("Mine", False)
    assert list(Check.objects.values_list("day", "mark")) == [(days_back(1), "done")]


@pytest.mark.django_db
def test_someone_elses_goal_is_404_on_every_page_and_nothing_changes(
    owner: User, outsider: User
) -> None:
    goal = Goal.objects.create(user=owner, area="health", title="Mine")
    client = signed_in(outsider)
    url = reverse("growth:goal", args=[goal.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"area": "work", "title": "Hijacked"}).status_code == 404
    assert client.post(reverse("growth:goal_reached", args=[goal.pk])).status_code == 404
    assert client.post(reverse("growth:goal_delete", args=[goal.pk])).status_code == 404
    goal.refresh_from_db()
    assert (goal.area, str(goal.title), goal.reached_on) == ("health", "Mine", None)
    assert "Mine" not in html(client.get(OVERVIEW)).split('id="goals-heading"')[1]


@pytest.mark.django_db
def test_the_grow_page_needs_a_signed_in_user() -> None:
    response = Client().get(OVERVIEW)
    assert response.status_code == 302
    assert "/login" in response["Location"]


# --- The API ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_goals_can_be_made_read_changed_and_deleted(owner: User, api: Api) -> None:
    made = api("POST", "/growth/goals", {"area": "hobbies", "title": "Learn guitar"})
    assert made.status_code == 201
    goal = made.json()
    assert (goal["area"], goal["title"], goal["why"], goal["reached_on"]) == (
        "hobbies",
        "Learn guitar",
        "",
        None,
    )
    path = f"/growth/goals/{goal['id']}"
    assert api("GET", path).json()["title"] == "Learn guitar"
    changed = api("PATCH", path, {"why": "It calms me", "reached": True}).json()
    assert (changed["area"], changed["title"], changed["why"]) == (
        "hobbies",
        "Learn guitar",
        "It calms me",
    )
    assert changed["reached_on"] == "2026-06-10"
    assert [g["id"] for g in api("GET", "/growth/goals").json()] == [goal["id"]]
    assert api("DELETE", path).status_code == 204
    assert not Goal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"area": "money", "title": "Save"},
        {"area": "health"},
        {"area": "health", "title": "  "},
        {"area": "health", "title": "a\x00b"},
    ],
    ids=["unknown-area", "no-title", "blank-title", "nul"],
)
def test_api_goal_refuses_bad_values_with_json_400(api: Api, body: dict[str, Any]) -> None:
    response = api("POST", "/growth/goals", body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Goal.objects.exists()


@pytest.mark.django_db
def test_api_goal_saying_only_happy_with_my_ex_is_flagged(api: Api) -> None:
    assert api("POST", "/growth/goals", {"area": "attachment", "title": LEANING}).json()[
        "only_happy_with_ex"
    ]
    plain = api("POST", "/growth/goals", {"area": "health", "title": "Sleep by midnight"})
    assert plain.json()["only_happy_with_ex"] is False


@pytest.mark.django_db
def test_api_habit_is_made_with_weekdays_and_listed_with_its_strength(
    owner: User, api: Api
) -> None:
    made = api("POST", "/growth/habits", {"name": "Swim", "weekdays": [4, 0]})
    assert made.status_code == 201
    body = made.json()
    assert (body["name"], body["weekdays"], body["started_on"]) == ("Swim", [0, 4], "2026-06-10")
    assert (body["strength"], body["archived"], body["goal_id"]) == (0.0, False, None)
    assert Habit.objects.get(user=owner).weekdays == "04"
    listed = api("GET", "/growth/habits").json()
    assert [(h["id"], h["strength"]) for h in listed] == [(body["id"], 0.0)]


@pytest.mark.django_db
def test_api_habit_refuses_a_weekday_outside_monday_to_sunday(api: Api) -> None:
    response = api("POST", "/growth/habits", {"name": "Swim", "weekdays": [1, 7]})
    assert response.status_code == 400
    assert response.json()["error"].startswith("weekdays:")
    assert not Habit.objects.exists()


@pytest.mark.django_db
def test_api_marks_return_the_new_strength(owner: User, api: Api) -> None:
    habit = habit_for(owner, started=13)
    for n in range(1, 14):
        Check.objects.create(habit=habit, day=days_back(n), mark="done")
    path = f"/growth/habits/{habit.pk}/marks"
    done = api("POST", path, {"mark": "done"})
    assert done.status_code == 200
    assert done.json()["strength"] == pytest.approx(0.5, abs=0.01)
    assert (done.json()["done_last_7"], done.json()["current_streak"]) == (7, 14)
    skipped = api("POST", path, {"mark": "skipped"}).json()
    assert skipped["strength"] < done.json()["strength"]
    assert Check.objects.get(habit=habit, day=TODAY).mark == "skipped"
    cleared = api("POST", path, {"mark": "clear"}).json()
    assert cleared["strength"] == skipped["strength"]
    assert not Check.objects.filter(habit=habit, day=TODAY).exists()


@pytest.mark.django_db
def test_api_marks_can_fill_in_six_days_back_and_no_further(owner: User, api: Api) -> None:
    habit = habit_for(owner)
    path = f"/growth/habits/{habit.pk}/marks"
    ok = api("POST", path, {"mark": "done", "day": days_back(6).isoformat()})
    assert ok.status_code == 200
    for day in (days_back(7), TODAY + timedelta(days=1)):
        refused = api("POST", path, {"mark": "done", "day": day.isoformat()})
        assert refused.status_code == 400
        assert refused.json()["error"].startswith("day:")
    assert list(Check.objects.values_list("day", flat=True)) == [days_back(6)]


@pytest.mark.django_db
def test_api_patch_habit_keeps_what_is_not_sent_and_archives(owner: User, api: Api) -> None:
    goal = Goal.objects.create(user=owner, area="health", title="Move")
    habit = habit_for(owner, goal=goal, weekdays="135")
    body = api("PATCH", f"/growth/habits/{habit.pk}", {"archived": True}).json()
    assert (body["name"], body["goal_id"], body["weekdays"], body["archived"]) == (
        "Walk",
        goal.pk,
        [1, 3, 5],
        True,
    )
    habit.refresh_from_db()
    assert (habit.archived, habit.weekdays, habit.goal_id) == (True, "135", goal.pk)


@pytest.mark.django_db
def test_api_patch_habit_works_after_its_goal_was_reached(owner: User, api: Api) -> None:
    goal = Goal.objects.create(user=owner, area="health", title="Move", reached_on=days_back(1))
    habit = habit_for(owner, goal=goal)
    response = api("PATCH", f"/growth/habits/{habit.pk}", {"name": "Long walk"})
    assert response.status_code == 200
    habit.refresh_from_db()
    assert (str(habit.name), habit.goal_id) == ("Long walk", goal.pk)


@pytest.mark.django_db
def test_api_habit_cannot_be_tied_to_someone_elses_goal(
    owner: User, outsider: User, api: Api
) -> None:
    theirs = Goal.objects.create(user=outsider, area="work", title="Their goal")
    made = api("POST", "/growth/habits", {"name": "Walk", "goal_id": theirs.pk})
    assert made.status_code == 400
    assert made.json()["error"] == "goal: Pick one of your own goals."
    assert not Habit.objects.exists()
    habit = habit_for(owner)
    patched = api("PATCH", f"/growth/habits/{habit.pk}", {"goal_id": theirs.pk})
    assert patched.status_code == 400
    habit.refresh_from_db()
    assert habit.goal_id is None


@pytest.mark.django_db
def test_api_someone_elses_habit_and_goal_are_404_and_nothing_changes(
    owner: User, outsider: User
) -> None:
    goal = Goal.objects.create(user=owner, area="health", title="Mine")
    habit = habit_for(owner, name="Mine", goal=goal)
    theirs = Api(outsider)
    calls: list[tuple[str, str, Any]] = [
        ("GET", f"/growth/goals/{goal.pk}", None),
        ("PATCH", f"/growth/goals/{goal.pk}", {"title": "Hijacked", "reached": True}),
        ("DELETE", f"/growth/goals/{goal.pk}", None),
        ("GET", f"/growth/habits/{habit.pk}", None),
        ("PATCH", f"/growth/habits/{habit.pk}", {"name": "Hijacked", "archived": True}),
        ("POST", f"/growth/habits/{habit.pk}/marks", {"mark": "done"}),
        ("DELETE", f"/growth/habits/{habit.pk}", None),
    ]
    for method, path, body in calls:
        response = theirs(method, path, body)
        assert response.status_code == 404, (method, path)
        assert response.json()["error"] == "Not found."
    assert theirs("GET", "/growth/goals").json() == []
    assert theirs("GET", "/growth/habits").json() == []
    goal.refresh_from_db()
    habit.refresh_from_db()
    assert (str(goal.title), goal.reached_on) == ("Mine", None)
    assert (str(habit.name), habit.archived, habit.goal_id) == ("Mine", False, goal.pk)
    assert not Check.objects.exists()


@pytest.mark.django_db
def test_api_without_a_token_is_401() -> None:
    response = Client().get("/api/v1/growth/habits")
    assert response.status_code == 401
    assert response.json()["error"]


@pytest.mark.parametrize("seed", range(20))
def test_the_fast_strength_matches_the_day_by_day_series(seed: int) -> None:
    import random

    rng = random.Random(seed)
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(7))
    today = start + timedelta(days=rng.randrange(0, 400))
    days = frozenset(rng.sample(range(7), rng.randrange(1, 8)))
    marks = {
        start + timedelta(days=i): rng.choice((Mark.DONE, Mark.SKIPPED))
        for i in range((today - start).days + 1)
        if rng.random() < 0.6
    }
    series = rules.strengths(start, today, days, marks)
    assert rules.strength(start, today, days, marks) == pytest.approx(series[-1][1], abs=1e-12)


def test_a_habit_kept_for_years_scores_the_same_from_its_last_four_hundred_days() -> None:
    start, today = date(2020, 1, 1), date(2026, 11, 27)
    marks = {start + timedelta(days=i): Mark.DONE for i in range(0, (today - start).days, 2)}
    whole = rules.strengths(start, today, EVERY_DAY, marks)[-1][1]
    window = rules.summarize(start, today, EVERY_DAY, marks).strength
    assert window == pytest.approx(whole, abs=1e-8)
    assert rules.window_start(start, today) == today - timedelta(days=rules.HISTORY_DAYS)


@pytest.mark.parametrize("seed", range(20))
def test_the_strength_that_steps_from_mark_to_mark_matches_the_series_with_partial_days(
    seed: int,
) -> None:
    import random

    rng = random.Random(1000 + seed)
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(7))
    today = start + timedelta(days=rng.randrange(0, 400))
    days = frozenset(rng.sample(range(7), rng.randrange(1, 8)))
    marks = {
        start + timedelta(days=i): rng.choice((Mark.DONE, Mark.SKIPPED, Mark.PARTIAL))
        for i in range(-10, (today - start).days + 10)  # some outside the window, ignored
        if rng.random() < 0.5
    }
    shares = {d: rng.random() for d, m in marks.items() if m is Mark.PARTIAL}
    series = rules.strengths(start, today, days, marks, shares)
    assert rules.strength(start, today, days, marks, shares) == pytest.approx(
        series[-1][1], abs=1e-12
    )


@pytest.mark.parametrize("first", range(730000, 730014))
@pytest.mark.parametrize("length", [0, 1, 6, 7, 8, 20])
def test_due_days_between_two_days_are_counted_as_a_walk_would(first: int, length: int) -> None:
    days = frozenset({0, 2, 5})
    walked = sum(1 for o in range(first, first + length) if date.fromordinal(o).weekday() in days)
    assert rules.due_between(first, first + length, days) == walked
