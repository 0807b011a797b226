"""No contact as rules: runs without shame, milestones, the suggested length, what a slip is.

Pure functions over calendar days (``recouple.program.nocontact``), no Django. Each test names
the rule from DESIGN.md it checks; the property tests hold the counters over any history.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouple.program.nocontact import (
    DEFAULT_DAYS,
    MAXIMUM_DAYS,
    MILESTONES,
    MINIMUM_DAYS,
    Channel,
    Counter,
    Runs,
    calendar_days,
    complete,
    counter_for,
    is_slip,
    judge,
    milestones_reached,
    month_end,
    month_start,
    next_milestone,
    runs,
    suggested_days,
)

# The conftest's autouse settings fixture is function-scoped but harmless to share between
# examples: these rules never touch Django.
rules_settings = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

START = date(2026, 3, 1)


def day(n: int) -> date:
    """Day ``n`` of the period (day 1 is the start)."""
    return START + timedelta(days=n - 1)


# --- Runs -------------------------------------------------------------------------------------


def test_runs_without_slips_count_every_day_from_the_start_including_today() -> None:
    assert runs(START, day(10), []) == Runs(
        days_in_period=10, current=10, longest=10, clean_days=10, slip_days=0
    )


def test_runs_on_the_first_day_count_it_as_day_one() -> None:
    assert runs(START, START, []) == Runs(1, 1, 1, 1, 0)


def test_runs_slip_on_the_first_day_ends_the_run_before_it_began() -> None:
    result = runs(START, day(5), [day(1)])
    assert (result.current, result.longest, result.clean_days, result.slip_days) == (4, 4, 4, 1)


def test_runs_slip_today_means_current_run_is_zero_but_longest_is_kept() -> None:
    result = runs(START, day(8), [day(8)])
    assert result.current == 0
    assert result.longest == 7
    assert (result.clean_days, result.slip_days, result.days_in_period) == (7, 1, 8)


def test_runs_slip_yesterday_means_today_is_day_one_again() -> None:
    assert runs(START, day(8), [day(7)]).current == 1


def test_runs_several_slips_on_one_day_count_as_one_slip_day() -> None:
    once = runs(START, day(10), [day(4)])
    thrice = runs(START, day(10), [day(4), day(4), day(4)])
    assert thrice == once
    assert thrice.slip_days == 1


def test_runs_slips_outside_the_period_are_ignored() -> None:
    outside = [START - timedelta(days=1), START - timedelta(days=40), day(11), day(400)]
    assert runs(START, day(10), outside) == runs(START, day(10), [])


def test_runs_longest_run_is_found_across_gaps_between_slips() -> None:
    # Clean 1-2, slip 3, clean 4-12 (9 days), slip 13, clean 14-15.
    result = runs(START, day(15), [day(13), day(3)])
    assert result.longest == 9
    assert result.current == 2
    assert (result.clean_days, result.slip_days) == (13, 2)


def test_runs_longest_run_can_be_the_current_one() -> None:
    assert runs(START, day(20), [day(2)]).longest == 18


def test_runs_slips_on_consecutive_days_leave_no_run_between_them() -> None:
    result = runs(START, day(3), [day(1), day(2), day(3)])
    assert (result.current, result.longest, result.clean_days, result.slip_days) == (0, 0, 0, 3)


def test_runs_clean_share_is_the_share_of_contact_free_days() -> None:
    assert runs(START, day(4), [day(2)]).clean_share == pytest.approx(0.75)
    assert runs(START, day(4), []).clean_share == 1.0
    assert runs(START, day(2), [day(1), day(2)]).clean_share == 0.0


def test_runs_today_before_the_start_is_an_empty_period() -> None:
    result = runs(START, START - timedelta(days=1), [START - timedelta(days=1)])
    assert result == Runs(0, 0, 0, 0, 0)
    assert result.clean_share == 0.0


def test_runs_accept_any_iterable_of_days_in_any_order() -> None:
    slips = (d for d in [day(9), day(2), day(5)])
    assert runs(START, day(10), slips) == runs(START, day(10), [day(2), day(5), day(9)])


def test_rule_complete_once_the_current_run_reaches_the_target() -> None:
    assert not complete(29, 30)
    assert complete(30, 30)
    assert complete(61, 60)
    assert not complete(59, 60)


# --- Milestones -------------------------------------------------------------------------------


def test_milestones_are_the_ones_people_expect() -> None:
    assert MILESTONES == (1, 3, 7, 14, 21, 30, 45, 60, 90)


@pytest.mark.parametrize("milestone", MILESTONES)
def test_milestone_is_reached_on_its_day_and_not_the_day_before(milestone: int) -> None:
    assert milestones_reached(milestone)[-1] == milestone
    assert milestone not in milestones_reached(milestone - 1)


def test_milestones_reached_are_every_one_up_to_the_current_run() -> None:
    assert milestones_reached(0) == ()
    assert milestones_reached(2) == (1,)
    assert milestones_reached(20) == (1, 3, 7, 14)
    assert milestones_reached(365) == MILESTONES


@pytest.mark.parametrize(
    ("current", "expected"),
    [(0, 1), (1, 3), (2, 3), (7, 14), (29, 30), (30, 45), (60, 90), (89, 90)],
)
def test_next_milestone_is_the_first_one_still_ahead(current: int, expected: int) -> None:
    assert next_milestone(current) == expected


@pytest.mark.parametrize("current", [90, 91, 365])
def test_no_next_milestone_after_ninety_days(current: int) -> None:
    assert next_milestone(current) is None


# --- The suggested length ---------------------------------------------------------------------


@pytest.mark.parametrize("months", [0, 1, 6, 11])
def test_suggested_days_a_month_after_a_short_relationship(months: int) -> None:
    assert suggested_days(months, broke_before=False) == 30


@pytest.mark.parametrize("months", [12, 30, 120, 960])
def test_suggested_days_two_months_after_a_longer_relationship(months: int) -> None:
    assert suggested_days(months, broke_before=False) == 60


def test_suggested_days_a_month_more_for_someone_who_broke_no_contact_before() -> None:
    assert suggested_days(6, broke_before=True) == 60
    assert suggested_days(30, broke_before=True) == 90


@rules_settings
@given(months=st.integers(min_value=-10_000, max_value=10_000), broke_before=st.booleans())
def test_suggested_days_never_under_thirty_and_clamped_to_a_year(
    months: int, broke_before: bool
) -> None:
    days = suggested_days(months, broke_before)
    assert MINIMUM_DAYS <= days <= MAXIMUM_DAYS
    assert MINIMUM_DAYS == DEFAULT_DAYS == 30


# --- What counts as a slip --------------------------------------------------------------------


@pytest.mark.parametrize("limited_contact", [False, True])
@pytest.mark.parametrize("logistics", [False, True])
def test_is_slip_they_started_and_you_did_not_answer_is_not_a_slip(
    logistics: bool, limited_contact: bool
) -> None:
    assert not is_slip(
        they_started=True, replied=False, logistics=logistics, limited_contact=limited_contact
    )


def test_is_slip_they_started_and_you_answered_is_a_slip() -> None:
    assert is_slip(they_started=True, replied=True, logistics=False, limited_contact=False)


def test_is_slip_you_started_it_is_a_slip() -> None:
    assert is_slip(they_started=False, replied=True, logistics=False, limited_contact=False)
    assert is_slip(they_started=False, replied=False, logistics=False, limited_contact=True)


@pytest.mark.parametrize("they_started", [False, True])
def test_is_slip_logistics_under_limited_contact_is_not_a_slip(they_started: bool) -> None:
    assert not is_slip(
        they_started=they_started, replied=True, logistics=True, limited_contact=True
    )


def test_is_slip_logistics_without_limited_contact_is_a_slip() -> None:
    assert is_slip(they_started=False, replied=True, logistics=True, limited_contact=False)


def test_is_slip_contact_that_is_not_logistics_under_limited_contact_is_a_slip() -> None:
    assert is_slip(they_started=False, replied=True, logistics=False, limited_contact=True)


@pytest.mark.parametrize("channel", list(Channel))
def test_counter_for_social_media_is_its_own_counter(channel: Channel) -> None:
    expected = Counter.SOCIAL if channel is Channel.SOCIAL_MEDIA else Counter.CONTACT
    assert counter_for(channel) is expected


# --- The calendar -----------------------------------------------------------------------------


def test_calendar_days_one_entry_per_day_with_its_slips_urges_and_check_ins() -> None:
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    start, today = date(2026, 3, 5), date(2026, 3, 20)
    days = calendar_days(
        start,
        today,
        first,
        last,
        contact=[date(2026, 3, 7), date(2026, 3, 7)],
        social=[date(2026, 3, 9)],
        urges=[date(2026, 3, 7), date(2026, 3, 10), date(2026, 3, 10)],
        checkins=[date(2026, 3, 10)],
    )
    assert [d.day for d in days] == [first + timedelta(days=i) for i in range(31)]
    by_day = {d.day.day: d for d in days}
    assert (by_day[7].contact_slips, by_day[7].urges, by_day[7].clean) == (2, 1, False)
    # Looking at their social media is counted apart: the day stays contact-free.
    assert (by_day[9].social_slips, by_day[9].contact_slips, by_day[9].clean) == (1, 0, True)
    assert (by_day[10].urges, by_day[10].checked_in, by_day[10].clean) == (2, True, True)
    assert not by_day[11].checked_in


def test_calendar_days_outside_the_period_are_neither_clean_nor_slips() -> None:
    days = calendar_days(
        date(2026, 3, 5), date(2026, 3, 20), date(2026, 3, 1), date(2026, 3, 31), [], [], []
    )
    by_day = {d.day.day: d for d in days}
    assert [n for n, d in by_day.items() if d.in_period] == list(range(5, 21))
    assert not by_day[4].clean and not by_day[21].clean
    assert by_day[5].clean and by_day[20].clean


def test_calendar_days_of_a_single_day() -> None:
    days = calendar_days(START, START, START, START, [], [], [])
    assert len(days) == 1
    assert days[0].in_period and days[0].clean


# --- Months -----------------------------------------------------------------------------------

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-10", date(2026, 10, 1)), ("2024-02", date(2024, 2, 1)), ("2026-1", date(2026, 1, 1))],
)
def test_month_start_reads_year_and_month(value: str, expected: date) -> None:
    assert month_start(value, TODAY) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "garbage", "2026", "2026-13", "2026-00", "1900-01", "3000-01", "2026-10-05", "-"],
)
def test_month_start_bad_input_falls_back_to_this_month(value: str | None) -> None:
    assert month_start(value, TODAY) == date(2026, 11, 1)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2000, 2, 1), date(2000, 2, 29)),  # divisible by 400: leap
        (date(2100, 2, 1), date(2100, 2, 28)),  # divisible by 100 only: not leap
        (date(2026, 12, 1), date(2026, 12, 31)),  # the year turns
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 1, 1), date(2026, 1, 31)),
    ],
)
def test_month_end_is_the_last_day_of_the_month(first: date, last: date) -> None:
    assert month_end(first) == last


# --- Properties -------------------------------------------------------------------------------

offsets = st.lists(st.integers(min_value=-20, max_value=220), max_size=40)
lengths = st.integers(min_value=0, max_value=200)


def _slips(start: date, found: list[int]) -> list[date]:
    return [start + timedelta(days=n) for n in found]


@rules_settings
@given(length=lengths, found=offsets)
def test_property_longest_run_is_never_shorter_than_the_current_one(
    length: int, found: list[int]
) -> None:
    result = runs(START, START + timedelta(days=length), _slips(START, found))
    assert result.longest >= result.current >= 0


@rules_settings
@given(length=st.integers(min_value=-5, max_value=200), found=offsets)
def test_property_clean_days_and_slip_days_add_up_to_the_period(
    length: int, found: list[int]
) -> None:
    result = runs(START, START + timedelta(days=length), _slips(START, found))
    assert result.clean_days + result.slip_days == result.days_in_period
    assert result.days_in_period == max(0, length + 1)
    assert result.longest <= result.clean_days


@rules_settings
@given(length=st.integers(min_value=-5, max_value=200), found=offsets)
def test_property_clean_share_is_between_zero_and_one(length: int, found: list[int]) -> None:
    result = runs(START, START + timedelta(days=length), _slips(START, found))
    assert 0.0 <= result.clean_share <= 1.0


@rules_settings
@given(length=lengths, found=offsets, extra=st.integers(min_value=-20, max_value=220))
def test_property_adding_a_slip_never_increases_longest_or_clean_days(
    length: int, found: list[int], extra: int
) -> None:
    today = START + timedelta(days=length)
    before = runs(START, today, _slips(START, found))
    after = runs(START, today, _slips(START, [*found, extra]))
    assert after.longest <= before.longest
    assert after.clean_days <= before.clean_days
    assert after.current <= before.current
    assert after.days_in_period == before.days_in_period


@rules_settings
@given(
    length=lengths,
    events=st.lists(
        st.tuples(st.integers(min_value=0, max_value=200), st.sampled_from(list(Channel))),
        max_size=30,
    ),
    looked=st.integers(min_value=0, max_value=200),
)
def test_property_a_social_media_slip_never_changes_the_contact_runs(
    length: int, events: list[tuple[int, Channel]], looked: int
) -> None:
    today = START + timedelta(days=length)

    def contact_runs(history: list[tuple[int, Channel]]) -> Runs:
        days = [when for when, channel in history if counter_for(channel) is Counter.CONTACT]
        return runs(START, today, _slips(START, days))

    assert contact_runs([*events, (looked, Channel.SOCIAL_MEDIA)]) == contact_runs(events)


@pytest.mark.parametrize("they_started", [True, False])
@pytest.mark.parametrize("replied", [True, False])
@pytest.mark.parametrize("limited_contact", [True, False])
def test_judge_looking_at_their_social_media_is_always_a_slip(
    they_started: bool, replied: bool, limited_contact: bool
) -> None:
    judged = judge(
        Channel.SOCIAL_MEDIA,
        they_started=they_started,
        replied=replied,
        logistics=True,
        limited_contact=limited_contact,
    )
    assert judged.is_slip and judged.counter is Counter.SOCIAL
    assert (judged.they_started, judged.replied, judged.logistics) == (False, False, False)


def test_judge_other_channels_follow_is_slip_and_count_as_contact() -> None:
    judged = judge(
        Channel.TEXT, they_started=True, replied=False, logistics=False, limited_contact=False
    )
    assert not judged.is_slip and judged.counter is Counter.CONTACT
    assert (judged.they_started, judged.replied) == (True, False)
    logistics = judge(
        Channel.CALL, they_started=False, replied=True, logistics=True, limited_contact=True
    )
    assert not logistics.is_slip and logistics.logistics
