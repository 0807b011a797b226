from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple.accounts.models import User, request_user
from recouple.safety import actions
from recouple.safety.forms import PauseReasonForm, SafetyPlanForm, TrustedPersonForm
from recouple.safety.models import PauseReason, SafetyPlan, TrustedPerson, trusted_person_of


@require_http_methods(["GET", "POST"])
@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The safety plan, in the user's own words. Every part is optional."""
    user = request_user(request)
    found = SafetyPlan.for_user(user)
    form = SafetyPlanForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        actions.save_plan(user, form)
        messages.success(request, _("Saved. It’s here whenever you need it."))
        return redirect("safety:plan")
    return render(
        request,
        "safety/plan.html",
        {
            "form": form,
            "plan": found,
            "trusted": trusted_person_of(user),
            "lines": user.crisis_lines(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@login_required
def plan_print(request: HttpRequest) -> HttpResponse:
    """The plan as a clean page to print or save, with the lines and the trusted person."""
    user = request_user(request)
    return render(
        request,
        "safety/plan_print.html",
        {
            "plan": SafetyPlan.for_user(user),
            "trusted": trusted_person_of(user),
            "lines": user.crisis_lines(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def trusted(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    found = trusted_person_of(user)
    form = TrustedPersonForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        actions.save_trusted_person(user, form)
        messages.success(request, _("Saved. Call and Text links now show when you need them."))
        return redirect("safety:trusted")
    return render(
        request,
        "safety/trusted.html",
        {"form": form, "trusted": found},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def trusted_delete(request: HttpRequest) -> HttpResponse:
    TrustedPerson.objects.filter(user=request_user(request)).delete()
    messages.info(request, _("Removed."))
    return redirect("safety:trusted")


@require_POST
@login_required
def pause_reason(request: HttpRequest) -> HttpResponse:
    """One line of why, written on the Pause page and shown there from now on."""
    user = request_user(request)
    found = PauseReason.objects.filter(user=user).first()
    form = PauseReasonForm(request.POST, instance=found)
    if form.is_valid():
        actions.save_pause_reason(user, form)
        messages.success(request, _("Kept. It will be here next time."))
    else:
        messages.error(request, form.errors["text"].as_text().lstrip("* "))
    return redirect("nocontact:pause")


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    """Leave quickly: sign out too (unless the user turned that off), then the plain page.

    recouple.js calls this before it replaces the page, so the Back button finds the
    sign-in page instead of the user's own pages.
    """
    if isinstance(request.user, User) and request.user.leave_signs_out:
        logout(request)
    return redirect("pages:neutral")
