"""Gather what the path rules need from the database: one place, a fixed number of queries."""

from __future__ import annotations

from recouple.accounts.models import User
from recouple.amends.models import inventory_written
from recouple.assessment.models import latest_report
from recouple.nocontact.models import Period
from recouple.program.path import Progress
from recouple.program.readiness import Outcome
from recouple.reconnect.models import Outreach


def progress_for(user: User) -> Progress:
    report = latest_report(user)
    period = Period.objects.filter(user=user).first()
    today = user.today()
    outreach = Outreach.objects.filter(user=user).first()
    return Progress(
        outcome=Outcome(report.outcome) if report else None,
        safety_concern=bool(report and report.safety_concern),
        no_contact_started=period is not None,
        no_contact_complete=bool(period and period.summary(today)["complete"]),
        inventory_written=inventory_written(user),
        outreach_sent=bool(outreach and outreach.sent),
        reply=outreach.reply if outreach else None,
        days_since_outreach=outreach.days_since_sent(today, user.zone()) if outreach else None,
        wants_friendship_anyway=outreach.wants_friendship_anyway if outreach else None,
    )
