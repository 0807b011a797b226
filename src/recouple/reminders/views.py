from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple.accounts.models import User, request_user
from recouple.reminders import actions
from recouple.reminders.forms import ReminderSettingsForm
from recouple.reminders.ical import feed_for
from recouple.reminders.models import (
    CalendarFeed,
    for_user,
    get_note_for_user,
    make_due_notes,
)
from recouple.reminders.sending import email_enabled


@require_http_methods(["GET", "POST"])
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    make_due_notes(user)
    notes = for_user(user)
    # The form gets its own copy: a refused form must not leave its values on the user.
    form = ReminderSettingsForm(request.POST or None, instance=User.objects.get(pk=user.pk))
    if request.method == "POST" and form.is_valid():
        actions.update_reminder_settings(user, form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("reminders:index")
    return render(
        request,
        "reminders/index.html",
        {
            "form": form,
            "notes": notes,
            "has_feed": CalendarFeed.objects.filter(user=user).exists(),
            "email_enabled": email_enabled(),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def read(request: HttpRequest, pk: int) -> HttpResponse:
    actions.mark_read(get_note_for_user(request, pk))
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse("")
    if request.POST.get("next") == "today":
        return redirect("dashboard:index")
    return redirect("reminders:index")


@require_POST
@login_required
def read_all(request: HttpRequest) -> HttpResponse:
    actions.mark_all_read(request_user(request))
    return redirect("reminders:index")


@require_POST
@login_required
def feed_new(request: HttpRequest) -> HttpResponse:
    """A new secret calendar address, shown once; any earlier one stops working."""
    token = CalendarFeed.issue(request_user(request))
    url = request.build_absolute_uri(reverse("reminders:feed", kwargs={"token": token}))
    return render(request, "reminders/feed_created.html", {"url": url})


@require_POST
@login_required
def feed_revoke(request: HttpRequest) -> HttpResponse:
    CalendarFeed.objects.filter(user=request_user(request)).delete()
    messages.info(request, _("The calendar address no longer works."))
    return redirect("reminders:index")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed itself: no session, the secret address is the key."""
    user = CalendarFeed.user_for(token)
    if user is None:
        raise Http404
    response = HttpResponse(feed_for(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="recouple.ics"'
    return response
