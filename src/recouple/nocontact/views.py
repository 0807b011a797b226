from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple import coach
from recouple.accounts.models import request_user
from recouple.assessment.models import BreakupReason
from recouple.nocontact import actions
from recouple.nocontact.forms import (
    TELL_THEM,
    CheckInForm,
    ContactForm,
    HardDayForm,
    HardHourForm,
    LetterForm,
    StartForm,
    UrgeForm,
)
from recouple.nocontact.models import (
    Letter,
    Period,
    Urge,
    active_period,
    checkins_today,
    get_contact_for_user,
    get_hard_day_for_user,
    get_letter_for_user,
    get_urge_for_user,
    hard_day_today,
    hard_days_of,
    month_days,
)
from recouple.program import harddays as hard_rules
from recouple.program import nocontact as rules
from recouple.safety.forms import PauseReasonForm
from recouple.safety.models import PauseReason

BREATHING_SECONDS = 60
TOO_MANY_HARD_DAYS = _("That’s %(n)s days, the most this list holds. Remove one first.")


def _period_or_start(request: HttpRequest) -> Period | HttpResponse:
    period = active_period(request_user(request))
    if period is None:
        messages.info(request, _("Start a no-contact period first."))
        return redirect("nocontact:overview")
    return period


@require_http_methods(["GET", "POST"])
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = user.today()
    period = active_period(user)
    if period is None:
        form = StartForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            actions.start_period(user, form.cleaned_data)
            messages.success(request, _("Day one. You’ve started, and that’s the hardest part."))
            return redirect("nocontact:overview")
        past = Period.objects.filter(user=user).exclude(ended_on=None)[:5]
        return render(
            request, "nocontact/start.html", {"form": form, "past": past, "tell_them": TELL_THEM}
        )
    if request.method == "POST":
        return redirect("nocontact:overview")
    summary = period.summary(today)
    slips = list(period.contacts.all()[:10])
    return render(
        request,
        "nocontact/overview.html",
        {
            "period": period,
            "today": today,
            "summary": summary,
            "contacts": slips,
            "checkins": checkins_today(user, today),
            "urges_this_week": Urge.objects.filter(
                user=user, day__gt=today - timedelta(days=7)
            ).count(),
        },
    )


@require_safe
@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    """The suggested length, for the start form (htmx)."""
    try:
        months = int(request.GET.get("relationship_months") or 0)
    except ValueError:
        months = 0
    broke_before = request.GET.get("broke_before") == "on"
    days = rules.suggested_days(max(0, months), broke_before)
    return render(request, "nocontact/_suggestion.html", {"days": days})


@require_POST
@login_required
def end(request: HttpRequest) -> HttpResponse:
    found = _period_or_start(request)
    if isinstance(found, HttpResponse):
        return found
    actions.end_period(found, request_user(request).today())
    messages.info(request, _("This period is closed. Everything you logged is kept."))
    return redirect("nocontact:overview")


@require_http_methods(["GET", "POST"])
@login_required
def contact_new(request: HttpRequest) -> HttpResponse:
    found = _period_or_start(request)
    if isinstance(found, HttpResponse):
        return found
    user = request_user(request)
    form = ContactForm(request.POST or None, period=found, today=user.today())
    if request.method == "POST" and form.is_valid():
        contact = actions.log_contact(found, form.cleaned_data)
        if contact.is_slip:
            messages.info(
                request,
                _("Logged. A slip is not the end: your history is all still here. Begin again."),
            )
        else:
            messages.info(request, _("Logged. That one isn’t a slip."))
        return redirect("nocontact:overview")
    return render(request, "nocontact/contact_form.html", {"form": form, "period": found})


@require_POST
@login_required
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_contact_for_user(request, pk).delete()
    messages.info(request, _("Removed."))
    return redirect("nocontact:overview")


@require_http_methods(["GET", "POST"])
@login_required
def urge_new(request: HttpRequest) -> HttpResponse:
    return _urge_form(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def urge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _urge_form(request, get_urge_for_user(request, pk))


def _urge_form(request: HttpRequest, urge: Urge | None) -> HttpResponse:
    user = request_user(request)
    form = UrgeForm(request.POST or None, instance=urge)
    if request.method == "POST" and form.is_valid():
        if urge is None:
            actions.log_urge(user, form.cleaned_data)
        else:
            actions.edit_urge(urge, form.cleaned_data)
        messages.success(request, _("Noted. Urges rise and fall; this one is on record."))
        return redirect("nocontact:overview")
    return render(request, "nocontact/urge_form.html", {"form": form, "urge": urge})


@require_POST
@login_required
def urge_quick(request: HttpRequest) -> HttpResponse:
    """One tap on the pause page: an urge, logged with how strong it feels."""
    user = request_user(request)
    try:
        intensity = min(10, max(0, int(request.POST.get("intensity", "5"))))
    except ValueError:
        intensity = 5
    urge = actions.log_urge(user, {"intensity": intensity})
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "nocontact/_urge_logged.html", {"urge": urge})
    messages.success(request, _("Logged. Stay with the pause a little longer."))
    return redirect("nocontact:pause")


@require_safe
@login_required
def pause(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = user.today()
    period = active_period(user)
    # Without a period (day one, say) the user's own words come from elsewhere: the reasons
    # it ended, from Reflect, and one line of why they are holding back, asked for here.
    why = PauseReason.objects.filter(user=user).first()
    ended = (
        [] if period else [str(r.text) for r in BreakupReason.objects.filter(assessment__user=user)]
    )
    return render(
        request,
        "nocontact/pause.html",
        {
            "period": period,
            "why": why,
            "why_form": PauseReasonForm(instance=why),
            "ended_reasons": ended,
            "summary": period.summary(today) if period else None,
            "hard_day": hard_day_today(user, today),
            "seconds": BREATHING_SECONDS,
            "form": LetterForm(today=today),
            "intensities": [(2, _("A little")), (5, _("Strong")), (9, _("Overwhelming"))],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def letters(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = user.today()
    form = LetterForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        letter = actions.write_letter(user, form.cleaned_data)
        messages.success(
            request,
            _("Sealed until %(day)s. You got through this moment without sending it.")
            % {"day": date_format(letter.reopen_on, "j F Y")},
        )
        if _shows_crisis(str(letter.body)):
            # Sealed all the same; the page after it puts support first.
            return redirect(f"{reverse('nocontact:letters')}?support=1")
        return redirect("nocontact:letters")
    crisis = request.GET.get("support") == "1" or (
        request.method == "POST" and _shows_crisis(str(request.POST.get("body", ""))[:20_000])
    )
    return render(
        request,
        "nocontact/letters.html",
        {
            "form": form,
            "letters": Letter.objects.filter(user=user),
            "today": today,
            "crisis_lines": user.crisis_lines() if crisis else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _shows_crisis(text: str) -> bool:
    if not text.strip():
        return False
    try:
        return coach.check(text[: coach.MAX_CHARS], coach.Context(kind="journal")).crisis
    except coach.CoachInputError:
        return False


@require_safe
@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_letter_for_user(request, pk)
    today = request_user(request).today()
    return render(
        request, "nocontact/letter.html", {"letter": found, "sealed": found.sealed(today)}
    )


@require_POST
@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    """One tap: did you keep this boundary today? Answering again changes today's answer."""
    user = request_user(request)
    today = user.today()
    form = CheckInForm(request.POST)
    if form.is_valid():
        actions.check_in(user, form.cleaned_data["boundary"], form.cleaned_data["kept"])
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "nocontact/_checkins.html",
            {"checkins": checkins_today(user, today)},
            status=200 if form.is_valid() else 400,
        )
    if not form.is_valid():
        messages.error(request, _("That answer couldn’t be saved. Please try again."))
    return redirect("nocontact:overview")


@require_safe
@login_required
def calendar_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = user.today()
    period = active_period(user) or Period.objects.filter(user=user).first()
    first = rules.month_start(request.GET.get("month"), today)
    last = rules.month_end(first)
    weeks: list[list[Any]] = []
    if period is not None:
        days = month_days(user, period, first, today)
        cells: list[Any] = [None] * first.weekday() + days
        cells += [None] * (-len(cells) % 7)
        weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return render(
        request,
        "nocontact/calendar.html",
        {
            "period": period,
            "month": first,
            "weeks": weeks,
            "today": today,
            "previous": previous,
            "following": following if following <= today.replace(day=1) else None,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def hard_days(request: HttpRequest) -> HttpResponse:
    """The days the person knows will hurt, marked ahead of time."""
    user = request_user(request)
    today = user.today()
    form = HardDayForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_hard_day(user, form.cleaned_data)
        except actions.TooManyHardDays:
            form.add_error(None, TOO_MANY_HARD_DAYS % {"n": hard_rules.HARD_DAY_LIMIT})
        else:
            messages.success(
                request, _("Marked. The evening before, we’ll remind you it’s coming.")
            )
            return redirect("nocontact:hard_days")
    return render(
        request,
        "nocontact/hard_days.html",
        {"form": form, "days": hard_days_of(user, today), "today": today},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def hard_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actions.remove_hard_day(get_hard_day_for_user(request, pk))
    messages.info(request, _("Removed."))
    return redirect("nocontact:hard_days")


@require_POST
@login_required
def hard_hour(request: HttpRequest) -> HttpResponse:
    """Turn the weekly reminder before the hard hour on (weekday, hour) or off (stop)."""
    user = request_user(request)
    if request.POST.get("stop"):
        actions.stop_hard_hour_reminder(user)
        messages.info(request, _("That reminder is off."))
        return redirect("dashboard:index")
    form = HardHourForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That time didn’t come through. Please try again from Today."))
        return redirect("dashboard:index")
    actions.remind_before_hard_hour(user, form.cleaned_data["weekday"], form.cleaned_data["hour"])
    messages.success(request, _("Done. You’ll get a reminder an hour before, every week."))
    return redirect("dashboard:index")
