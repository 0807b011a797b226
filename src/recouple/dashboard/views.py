from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from recouple.accounts.models import request_user
from recouple.dashboard.summary import build
from recouple.nocontact.models import checkins_today
from recouple.program.nocontact import Counter
from recouple.reminders.models import make_due_notes, unread
from recouple.situation import for_request


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    situation = for_request(request)
    make_due_notes(user, situation=situation)
    context = build(situation)
    context["notes"] = unread(user)
    period = context["calendar"]["period"]
    if period is not None:
        # The period's slips are read already: a look at their social media today is there.
        looked = context["today"] in situation.slip_days(period)[Counter.SOCIAL]
        context["checkins"] = checkins_today(user, context["today"], looked_today=looked)
    return render(request, "dashboard/index.html", context)
