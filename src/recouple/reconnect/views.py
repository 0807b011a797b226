from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from recouple import coach
from recouple.accounts.models import User, request_user
from recouple.core.situation import situation_of
from recouple.drafts.highlight import explained, highlight
from recouple.program import steps as content
from recouple.program.path import Reply, State
from recouple.reconnect import actions
from recouple.reconnect.forms import (
    AnswerForm,
    GateForm,
    MeetingForm,
    MessageForm,
    ReflectionForm,
    SessionForm,
    TherapistForm,
    TheyWroteForm,
)
from recouple.reconnect.models import (
    Meeting,
    Outreach,
    OutreachLocked,
    Reflection,
    Session,
    TheirMessage,
    Therapist,
    get_therapist_for_user,
)


def _check(text: str) -> coach.Result | None:
    try:
        return coach.check(text, coach.Context())
    except coach.CoachInputError:
        return None


@require_http_methods(["GET", "POST"])
@login_required
def reach_out(request: HttpRequest) -> HttpResponse:
    """Step 3: one message, written here, sent by the user, then nothing more."""
    user = request_user(request)
    outreach = Outreach.for_user(user)
    if outreach.locked:
        return render(request, "reconnect/locked.html", {"outreach": outreach})
    if outreach.sent:
        return _after_sending(request, user, outreach)
    step = situation_of(request).path().step(3)
    if step.state is not State.OPEN:
        return render(request, "reconnect/not_yet.html", {"status": step}, status=200)
    form = MessageForm(request.POST or None, initial={"message": outreach.message})
    if request.method == "POST" and form.is_valid():
        actions.save_message(outreach, form.cleaned_data["message"])
        if request.POST.get("action") == "sent":
            try:
                actions.mark_sent(outreach)
            except actions.NotYetSendable:
                messages.error(request, _("Have another look first: the coach found something."))
                return redirect("reconnect:reach_out")
            messages.success(request, _("Sent. Now the hardest part: stepping back."))
            return redirect("reconnect:reach_out")
        messages.success(request, _("Saved. Nothing has been sent."))
        return redirect("reconnect:reach_out")
    text = str(form["message"].value() or "")
    result = _check(text) if text.strip() else None
    return render(
        request,
        "reconnect/compose.html",
        {
            "form": form,
            "result": result,
            "marked": highlight(text, result.findings) if result else "",
            "explained": explained(result.findings) if result else [],
        },
    )


def _after_sending(request: HttpRequest, user: User, outreach: Outreach) -> HttpResponse:
    where = situation_of(request).path()
    return render(
        request,
        "reconnect/sent.html",
        {
            "outreach": outreach,
            "where": where,
            "answer_form": AnswerForm(initial={"answer": outreach.answer}),
            "wrote_form": TheyWroteForm(),
            "their_messages": TheirMessage.objects.filter(user=user)[:20],
            "days": outreach.days_since_sent(user.today(), user.zone()),
        },
    )


@require_POST
@login_required
def answer(request: HttpRequest) -> HttpResponse:
    outreach = Outreach.for_user(request_user(request))
    form = AnswerForm(request.POST)
    if not outreach.sent:
        messages.error(request, _("Their answer can be recorded once your message is sent."))
    elif form.is_valid():
        try:
            actions.record_answer(outreach, form.cleaned_data["answer"])
        except OutreachLocked:
            messages.info(request, _("Their answer stands, and it can’t be changed here."))
        else:
            messages.success(request, _("Noted. Whatever they said, you did the brave thing."))
    else:
        first = next(iter(form.errors.values()))[0]
        messages.error(request, str(first))
    return redirect("reconnect:reach_out")


@require_POST
@login_required
def they_wrote(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = TheyWroteForm(request.POST)
    if form.is_valid():
        actions.log_their_message(user, form.cleaned_data["note"])
        messages.success(
            request, _("Logged. You may answer them; the coach will read your reply with you.")
        )
    else:
        messages.error(request, str(next(iter(form.errors.values()))[0]))
    return redirect("reconnect:reach_out")


def _reply_is_open(user: User) -> bool:
    outreach = Outreach.objects.filter(user=user).first()
    return bool(outreach and outreach.reply is Reply.OPEN and not outreach.locked)


@require_http_methods(["GET", "POST"])
@login_required
def friendship(request: HttpRequest) -> HttpResponse:
    """Step 6, only when they're open: the honest gate, then time spent together."""
    user = request_user(request)
    if not _reply_is_open(user):
        return render(request, "reconnect/closed.html", {"step": content.step("friendship")})
    outreach = Outreach.for_user(user)
    today = user.today()
    if outreach.wants_friendship_anyway is None:
        gate = GateForm(request.POST or None)
        if request.method == "POST" and gate.is_valid():
            actions.answer_friendship_gate(outreach, gate.cleaned_data["wants_friendship_anyway"])
            return redirect("reconnect:friendship")
        return render(request, "reconnect/gate.html", {"form": gate})
    form = MeetingForm(request.POST or None, today=today)
    if outreach.wants_friendship_anyway and request.method == "POST" and form.is_valid():
        actions.log_meeting(user, form.cleaned_data)
        messages.success(request, _("Logged."))
        return redirect("reconnect:friendship")
    return render(
        request,
        "reconnect/friendship.html",
        {
            "skipped": not outreach.wants_friendship_anyway,
            "form": form,
            "meetings": Meeting.objects.filter(user=user)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def therapy(request: HttpRequest) -> HttpResponse:
    """Step 8, only when they're open: a private shortlist and notes per session."""
    user = request_user(request)
    if not _reply_is_open(user):
        return render(request, "reconnect/closed.html", {"step": content.step("couples-therapy")})
    today = user.today()
    therapist_form = TherapistForm(
        request.POST if request.POST.get("form") == "therapist" else None, prefix="therapist"
    )
    session_form = SessionForm(
        request.POST if request.POST.get("form") == "session" else None,
        today=today,
        prefix="session",
    )
    if request.method == "POST":
        for form, save in (
            (therapist_form, actions.add_therapist),
            (session_form, actions.log_session),
        ):
            if form.is_bound and form.is_valid():
                save(user, form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("reconnect:therapy")
    context: dict[str, Any] = {
        "therapist_form": therapist_form,
        "session_form": session_form,
        "therapists": Therapist.objects.filter(user=user),
        "sessions": Session.objects.filter(user=user)[:50],
        "step": content.step("couples-therapy"),
    }
    return render(request, "reconnect/therapy.html", context)


@require_POST
@login_required
def therapist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_therapist_for_user(request, pk).delete()
    return redirect("reconnect:therapy")


@require_http_methods(["GET", "POST"])
@login_required
def reflect(request: HttpRequest) -> HttpResponse:
    """Step 9: today's acceptance reflection; the truth changes each day."""
    user = request_user(request)
    today = user.today()
    index = content.truth_of_the_day(today)
    existing = Reflection.objects.filter(user=user, day=today).first()
    form = ReflectionForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        actions.reflect_today(user, form.cleaned_data["text"])
        messages.success(request, _("Kept. One day at a time."))
        return redirect("reconnect:reflect")
    return render(
        request,
        "reconnect/reflect.html",
        {
            "truth": content.ACCEPTANCE_TRUTHS[index],
            "form": form,
            "past": Reflection.objects.filter(user=user).exclude(day=today)[:14],
            "truths": content.ACCEPTANCE_TRUTHS,
        },
    )
