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
from recouple.amends.models import Amends
from recouple.core.situation import situation_of
from recouple.drafts.highlight import explained, highlight
from recouple.nocontact.models import active_period
from recouple.program import steps as content
from recouple.program import together as together_rules
from recouple.program.path import DOOR_OPEN, State, Together
from recouple.reconnect import actions
from recouple.reconnect.forms import (
    AnswerForm,
    GateForm,
    MeetingForm,
    MessageForm,
    PatternCheckForm,
    ReflectionForm,
    ReunionForm,
    SessionForm,
    TherapistForm,
    TheyWroteForm,
)
from recouple.reconnect.models import (
    Meeting,
    Outreach,
    OutreachLocked,
    PatternCheck,
    Reflection,
    Reunion,
    Session,
    TheirMessage,
    Therapist,
    get_therapist_for_user,
    old_patterns,
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
    amends = Amends.objects.filter(user=user).first()
    apology = amends.apology.strip() if amends else ""
    if request.method == "POST" and "use_apology" in request.POST:
        # The apology from Make it right, put in the box to shape: read, not saved.
        form = MessageForm({"message": apology or outreach.message})
    else:
        form = MessageForm(request.POST or None, initial={"message": outreach.message})
    if request.method == "POST" and "use_apology" not in request.POST and form.is_valid():
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
            "apology": apology,
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


def _door_is_open(request: HttpRequest) -> bool:
    """They said they're open, or wrote first (and no contact is over): `program.path`."""
    return situation_of(request).path().phase in DOOR_OPEN


@require_http_methods(["GET", "POST"])
@login_required
def friendship(request: HttpRequest) -> HttpResponse:
    """Step 6, only when they're open: the honest gate, then time spent together."""
    user = request_user(request)
    if not _door_is_open(request):
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
    if not _door_is_open(request):
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


@require_http_methods(["GET", "POST"])
@login_required
def they_reached_out(request: HttpRequest) -> HttpResponse:
    """They wrote first: log it, answer briefly and kindly if you choose (the coach reads it
    as a reply), and decide whether to end no contact early. After a "no", the lock stays:
    only their own message can be answered."""
    user = request_user(request)
    form = TheyWroteForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            actions.log_their_message(user, form.cleaned_data["note"])
            messages.success(request, _("Logged. Take a breath before you decide anything."))
            return redirect("reconnect:they_reached_out")
        messages.error(request, str(next(iter(form.errors.values()))[0]))
    situation = situation_of(request)
    progress = situation.progress()
    locked = progress.outreach_locked
    return render(
        request,
        "reconnect/they_wrote.html",
        {
            "form": form,
            "where": situation.path(),
            "locked": locked,
            "may_reply": situation.may_reply(),
            "period": progress.no_contact_active,
            "their_messages": TheirMessage.objects.filter(user=user)[:20],
        },
    )


@require_POST
@login_required
def end_early(request: HttpRequest) -> HttpResponse:
    """End no contact now, because they wrote first and the user chose to talk."""
    period = active_period(request_user(request))
    if period is None or not situation_of(request).progress().they_reached_out:
        messages.error(request, _("No contact can end early here only after they write to you."))
    else:
        actions.end_no_contact_early(period)
        messages.success(request, _("No contact is over. Go gently, and go slowly."))
    return redirect("reconnect:they_reached_out")


@require_POST
@login_required
def new_relationship(request: HttpRequest) -> HttpResponse:
    """They're seeing someone new (or single again): reaching out waits while it lasts."""
    user = request_user(request)
    if request.POST.get("over"):
        actions.end_new_relationship(user)
        messages.info(request, _("Noted. Retake the questions before you do anything else."))
    else:
        actions.note_new_relationship(user)
        messages.info(request, _("Noted. Reaching out waits while they’re with someone else."))
    return redirect("path:overview")


@require_http_methods(["GET", "POST"])
@login_required
def together(request: HttpRequest) -> HttpResponse:
    """What became of it: back together (therapy notes, weekly check-ins on the old patterns,
    a gentle watch for their return), or it didn't work out (the letting-go path)."""
    user = request_user(request)
    situation = situation_of(request)
    where = situation.path()
    reunion = Reunion.objects.filter(user=user).first()
    if where.phase not in DOOR_OPEN and reunion is None:
        return render(request, "reconnect/closed.html", {"step": content.step("couples-therapy")})
    reunion_form = ReunionForm(
        request.POST if request.POST.get("form") == "reunion" else None,
        initial={"outcome": reunion.outcome if reunion else None},
    )
    check_form = PatternCheckForm(request.POST if request.POST.get("form") == "check" else None)
    back_together = reunion is not None and reunion.together is Together.BACK_TOGETHER
    if request.method == "POST":
        if reunion_form.is_bound and reunion_form.is_valid():
            actions.record_reunion(user, reunion_form.cleaned_data["outcome"])
            if reunion_form.cleaned_data["outcome"] == Together.DID_NOT_WORK_OUT:
                messages.info(request, _("I’m so sorry. You gave it a real try."))
                return redirect("path:letting_go")
            messages.success(request, _("Saved. Go gently with each other."))
            return redirect("reconnect:together")
        if check_form.is_bound and back_together and check_form.is_valid():
            actions.check_pattern(user, check_form.cleaned_data)
            messages.success(request, _("Checked in. Noticing is the work."))
            return redirect("reconnect:together")
        if check_form.is_bound and not back_together:
            messages.error(request, _("Check-ins are for when you’re back together."))
    checks = list(PatternCheck.objects.filter(user=user)[:20])
    states = [together_rules.PatternState(c.state) for c in checks]
    return render(
        request,
        "reconnect/together.html",
        {
            "reunion": reunion,
            "back_together": back_together,
            "reunion_form": reunion_form,
            "check_form": check_form,
            "patterns": old_patterns(user) if back_together else [],
            "checks": checks,
            "relapse": together_rules.relapse_watch(states),
            "due": together_rules.check_in_due(checks[0].day if checks else None, user.today()),
            "sessions": Session.objects.filter(user=user)[:5] if back_together else [],
        },
        status=400 if request.method == "POST" else 200,
    )
