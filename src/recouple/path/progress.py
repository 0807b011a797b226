"""Gather what the path rules need from the database: one place, a fixed number of queries."""

from __future__ import annotations

from recouple.accounts.models import User
from recouple.assessment.models import latest_report
from recouple.nocontact.models import Period
from recouple.program.path import Progress
from recouple.program.readiness import Outcome


def progress_for(user: User) -> Progress:
    report = latest_report(user)
    period = Period.objects.filter(user=user).first()
    started = period is not None
    complete = bool(period and period.summary(user.today())["complete"])
    if report is None:
        return Progress(no_contact_started=started, no_contact_complete=complete)
    return Progress(
        outcome=Outcome(report.outcome),
        safety_concern=report.safety_concern,
        no_contact_started=started,
        no_contact_complete=complete,
    )
