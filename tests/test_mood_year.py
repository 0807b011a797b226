"""A year in moods (one square a day) and which feelings go with which moods."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import User
from recouple.journal.models import Entry
from recouple.program.journal import Companion, companions, mood_level, year_grid


def test_mood_levels_round_half_up() -> None:
    assert [mood_level(v) for v in (1.0, 2.4, 2.5, 3.49, 3.5, 5.0)] == [1, 2, 3, 3, 4, 5]


def test_the_year_grid_has_a_square_for_every_date_and_none_for_the_rest() -> None:
    grid = year_grid(2026, {date(2026, 3, 4): 4.0, date(2026, 12, 31): 1.5})
    assert len(grid) == 31 and {len(row) for row in grid} == {12}
    assert grid[3][2] == 4  # 4 March
    assert grid[30][11] == 2  # 31 December
    assert grid[29][1] is False and grid[28][1] is False  # 30 and 29 February 2026
    assert grid[0][0] is None
    squares = sum(1 for row in grid for cell in row if cell is not False)
    assert squares == 365


def test_feelings_are_listed_by_the_mood_of_their_days_once_felt_on_two() -> None:
    days = {
        date(2026, 1, 1): (2.0, ["sad", "lonely"]),
        date(2026, 1, 2): (4.0, ["hopeful", "sad"]),
        date(2026, 1, 3): (5.0, ["hopeful", "hopeful"]),
        date(2026, 1, 4): (None, ["lonely", "calm"]),
        date(2026, 1, 5): (3.0, ["calm"]),
    }
    # With each: the average of its rated days; without it: of the other rated days.
    assert companions(days) == [
        Companion("hopeful", 2, 4.5, without=2.5, days_without=2),
        Companion("sad", 2, 3.0, without=4.0, days_without=2),
    ]


@pytest.mark.django_db
def test_the_year_page_shows_the_squares_and_the_feelings(
    owner: User, owner_client: Client
) -> None:
    today = owner.today()
    Entry.objects.create(user=owner, day=today, mood=5, emotions="hopeful,calm", text="x")
    Entry.objects.create(
        user=owner,
        day=today.replace(day=1) if today.day > 1 else today,
        mood=4,
        emotions="hopeful",
        text="y",
    )
    page = owner_client.get(reverse("journal:year")).content.decode()
    assert f"Your {today.year} in moods" in page
    assert page.count('class="pixel mood-') >= 2
    assert "Hopeful" in page
    # Another year, and nonsense, both answer without trouble.
    assert owner_client.get(reverse("journal:year") + "?year=2021").status_code == 200
    assert owner_client.get(reverse("journal:year") + "?year=abc").status_code == 200
    assert owner_client.get(reverse("journal:year") + "?year=99999").status_code == 200


@pytest.mark.django_db
def test_the_year_page_never_shows_another_users_moods(
    owner: User, outsider: User, outsider_client: Client
) -> None:
    Entry.objects.create(user=owner, day=owner.today(), mood=1, emotions="sad,angry", text="x")
    Entry.objects.create(user=owner, day=owner.today(), mood=1, emotions="sad", text="y")
    page = outsider_client.get(reverse("journal:year")).content.decode()
    assert 'class="pixel mood-' not in page.split("<tbody>")[1]
    assert "Sad" not in page
