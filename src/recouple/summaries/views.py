from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from recouple.accounts.models import User, request_user
from recouple.summaries.build import SECTION_NAMES, TITLE, Summary, build, entries_in
from recouple.summaries.forms import DEFAULT_DAYS, SummaryForm
from recouple.summaries.pdf import render as render_pdf


def _form(request: HttpRequest, user: User) -> SummaryForm:
    today = user.today()
    data = request.GET if "first" in request.GET else None
    first = today - timedelta(days=DEFAULT_DAYS - 1)
    if data is not None:
        try:
            first = date.fromisoformat(data.get("first", ""))
            last = date.fromisoformat(data.get("last", ""))
        except ValueError:
            last = today
        else:
            first, last = min(first, last), max(first, last)
    else:
        last = today
    choices = [
        (e.pk, f"{date_format(e.day, 'j M Y')} · {str(e.text)[:60] or '…'}")
        for e in entries_in(user, first, min(last, today))
    ]
    return SummaryForm(data, today=today, entry_choices=choices)


def _valid(form: SummaryForm) -> dict[str, Any] | None:
    """The form's values; an address without any (the menu's link) means the defaults."""
    if not form.is_bound:
        today = form.today
        return {
            "first": form.initial["first"],
            "last": today,
            "sections": list(SECTION_NAMES),
            "name_on": False,
            "entries": [],
        }
    return form.cleaned_data if form.is_valid() else None


def summary_for(user: User, cleaned: dict[str, Any]) -> Summary:
    chosen = tuple(s for s in SECTION_NAMES if s in cleaned["sections"])
    return build(
        user,
        cleaned["first"],
        cleaned["last"],
        chosen,
        name_on=cleaned["name_on"],
        entry_ids=tuple(cleaned["entries"]),
    )


def pdf_response(summary: Summary) -> HttpResponse:
    response = HttpResponse(render_pdf(summary), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="summary.pdf"'
    return response


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Choose the period and the parts, then download the PDF or open the printable page."""
    user = request_user(request)
    form = _form(request, user)
    return render(
        request,
        "summaries/index.html",
        {"form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_safe
@login_required
def pdf(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = _form(request, user)
    cleaned = _valid(form)
    if cleaned is None:
        return render(request, "summaries/index.html", {"form": form}, status=400)
    return pdf_response(summary_for(user, cleaned))


@require_safe
@login_required
def printable(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = _form(request, user)
    cleaned = _valid(form)
    if cleaned is None:
        return render(request, "summaries/index.html", {"form": form}, status=400)
    found = summary_for(user, cleaned)
    hours = found.urges_by_hour
    weeks = found.urges_by_week
    return render(
        request,
        "summaries/print.html",
        {
            "s": found,
            "title": TITLE,
            "week_top": max([n for _w, n in weeks] or [0]) or 1,
            "hour_top": max(hours) or 1,
            "hours": list(enumerate(hours)),
            "urges_total": sum(n for _w, n in weeks),
        },
    )
