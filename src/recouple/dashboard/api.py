from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from recouple.dashboard.summary import build
from recouple.situation import for_request

router = Router(tags=["dashboard"])


class NextOut(Schema):
    phase: str
    headline: str
    action: str
    step: str | None


class MoodOut(Schema):
    days: list[date]
    values: list[float | None]
    recent_mean: float | None
    before_mean: float | None


class UrgesOut(Schema):
    weeks: list[date]
    passed: list[int]
    other: list[int]
    total_4w: int
    passed_4w: int


class DashboardNoContactOut(Schema):
    current_run: int
    longest_run: int
    clean_share: float
    target_days: int
    next_milestone: int | None


class HabitStrengthOut(Schema):
    id: int
    name: str
    strength: float
    done_today: bool


class DashboardOut(Schema):
    today: date
    next: NextOut
    mood: MoodOut
    urges: UrgesOut
    no_contact: DashboardNoContactOut | None
    habits: list[HabitStrengthOut]


@router.get("/dashboard", response=DashboardOut, url_name="dashboard")
def dashboard(request: HttpRequest) -> dict[str, Any]:
    """The same picture as the Today page: the next action, then the last twelve weeks."""
    data = build(for_request(request))
    where = data["where"]
    calendar = data["calendar"]
    no_contact = None
    if calendar["period"] is not None:
        summary = calendar["summary"]
        no_contact = {
            "current_run": summary["contact"].current,
            "longest_run": summary["contact"].longest,
            "clean_share": round(summary["contact"].clean_share, 4),
            "target_days": calendar["period"].target_days,
            "next_milestone": summary["next_milestone"],
        }
    return {
        "today": data["today"],
        "next": {
            "phase": where.phase.value,
            "headline": where.headline,
            "action": where.next_action,
            "step": data["next"].step.slug if data["next"].step else None,
        },
        "mood": {
            "days": data["mood"]["labels"],
            "values": data["mood"]["values"],
            "recent_mean": data["mood"]["recent_mean"],
            "before_mean": data["mood"]["before_mean"],
        },
        "urges": {
            "weeks": data["urges"]["labels"],
            "passed": data["urges"]["passed"],
            "other": data["urges"]["other"],
            "total_4w": data["urges"]["total_4w"],
            "passed_4w": data["urges"]["passed_4w"],
        },
        "no_contact": no_contact,
        "habits": [
            {
                "id": row["habit"].pk,
                "name": str(row["habit"].name),
                "strength": round(row["summary"].strength, 4),
                "done_today": row["today"] == "done",
            }
            for row in data["habits"]["rows"]
        ],
    }
