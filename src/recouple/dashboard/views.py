from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from recouple.accounts.models import request_user
from recouple.core.situation import EVERY_PART
from recouple.dashboard.summary import build, reads
from recouple.nocontact.models import checkins_of, checkins_query
from recouple.program import harddays as hard_rules
from recouple.program.nocontact import Counter
from recouple.reminders.models import make_due_notes, recent_keys_query, unread, unread_query
from recouple.situation import UserSituation, for_request


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    situation = for_request(request)
    # Everything the page shows, read in one round trip: the whole situation, the
    # dashboard's windows, the unread notes, the recent notes' keys and today's check-ins.
    dashboard = reads(situation)
    *found, notes, known, answers = situation.read_with(
        [
            *dashboard,
            unread_query(user),
            recent_keys_query(user, situation.moment),
            checkins_query(user, situation.today),
        ],
        # Its habits and their marks are read here already: their reminders come from them.
        parts=[part for part in EVERY_PART if part != "habit_reminders"],
    )
    _moods, habits, (marks, _amounts) = found
    situation.keep_habit_reminders(habits, marks)
    if make_due_notes(user, situation=situation, known=known):
        notes = unread(user)
    context = build(situation, found)
    context["notes"] = notes
    period = context["calendar"]["period"]
    if period is not None:
        # The period's slips are read already: a look at their social media today is there.
        looked = context["today"] in situation.slip_days(period)[Counter.SOCIAL]
        context["checkins"] = checkins_of(answers, looked)
    context.update(hard_times(situation))
    return render(request, "dashboard/index.html", context)


def hard_times(situation: UserSituation) -> dict[str, Any]:
    """Today's hard day and the urges' hard hour, from the situation (two bounded queries)."""
    found = situation.urge_cluster
    hard_hour = situation.hard_hour
    offer = found.reminder_at if found else None
    return {
        "hard_day": situation.hard_day_today,
        "urge_cluster": found,
        "hard_hour": hard_hour,
        "hard_hour_day": hard_rules.WEEKDAYS[hard_hour[0]] if hard_hour else None,
        "hard_hour_time": f"{hard_hour[1]:02d}:00" if hard_hour else None,
        "offer": offer,
        "offer_day": hard_rules.WEEKDAYS[offer[0]] if offer else None,
        "offer_time": f"{offer[1]:02d}:00" if offer else None,
        "cluster_window": hard_rules.CLUSTER_WINDOW_DAYS,
    }
