from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from recouple.accounts.models import User, request_user
from recouple.assessment.models import Assessment, latest_report
from recouple.core.situation import situation_of
from recouple.path.tools import TOOLS, next_action
from recouple.program import steps as content
from recouple.program.path import Phase, State

OPEN_STATES = (State.OPEN, State.IN_PROGRESS, State.DONE, State.STANDING)


@require_safe
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    situation = situation_of(request)
    where = situation.path()
    rows = [(info, status) for info, status in zip(content.STEPS, where.steps, strict=True)]
    # Before and right after the retake no contact asks for: the answers then, and what moved.
    report = latest_report(user) if where.phase in (Phase.RETAKE, Phase.REACH_OUT) else None
    earlier = report.previous() if report is not None and where.phase is Phase.REACH_OUT else None
    return render(
        request,
        "path/overview.html",
        {
            "where": where,
            "rows": rows,
            "started": Assessment.objects.filter(user=user).exists(),
            "next_step": content.STEPS[where.next_step - 1] if where.next_step else None,
            "next_tool": next_action(where).tool,
            "report": report,
            "moved": report.compare(earlier) if report is not None and earlier else None,
            "their_new_relationship": situation.progress().their_new_relationship,
            "ask_their_news": where.phase
            not in (Phase.REFLECT, Phase.SAFETY, Phase.LETTING_GO, Phase.TOGETHER),
            "helplines": (
                content.abuse_helplines(user.country) if where.phase is Phase.SAFETY else ()
            ),
            "show_letting_go": where.phase in (Phase.LETTING_GO, Phase.SAFETY, Phase.SILENCE),
        },
    )


@require_safe
@login_required
def step(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        info = content.step(slug)
    except LookupError:
        raise Http404 from None
    where = situation_of(request).path()
    return render(
        request,
        "path/step.html",
        {
            "step": info,
            "status": where.step(info.number),
            "tool": TOOLS.get(info.slug) if where.step(info.number).state in OPEN_STATES else None,
            "previous": content.STEPS[info.number - 2] if info.number > 1 else None,
            "following": content.STEPS[info.number] if info.number < len(content.STEPS) else None,
        },
    )


# Questions to write about at each stage of letting go, in the order of the stages.
LETTING_GO_PROMPTS = (
    (
        gettext_lazy("What do you miss most, exactly? Let yourself name it."),
        gettext_lazy("What did you lose that had nothing to do with them?"),
    ),
    (
        gettext_lazy("What helped you get through a hard hour this week?"),
        gettext_lazy("Who could you let a little closer right now?"),
    ),
    (
        gettext_lazy("What did this relationship teach you about what you need?"),
        gettext_lazy("What would you do differently next time, for your own sake?"),
    ),
    (
        gettext_lazy("What would you like to say to them, knowing you’ll never send it?"),
        gettext_lazy("What do you wish for them, and for yourself, now?"),
    ),
)


@require_safe
@login_required
def letting_go(request: HttpRequest) -> HttpResponse:
    stages = [
        (title, text, LETTING_GO_PROMPTS[i % len(LETTING_GO_PROMPTS)])
        for i, (title, text) in enumerate(content.LETTING_GO)
    ]
    return render(
        request,
        "path/letting_go.html",
        {"stages": stages, "truths": content.ACCEPTANCE_TRUTHS},
    )


@require_safe
def safety(request: HttpRequest) -> HttpResponse:
    """Domestic abuse services, for anyone, signed in or not."""
    country = request.user.country if isinstance(request.user, User) else ""
    return render(request, "path/safety.html", {"helplines": content.abuse_helplines(country)})
