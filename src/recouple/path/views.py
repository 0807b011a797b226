from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from recouple.accounts.models import User, request_user
from recouple.assessment.models import Assessment
from recouple.path.progress import progress_for
from recouple.program import steps as content
from recouple.program.path import Phase, path


@require_safe
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    progress = progress_for(user)
    where = path(progress)
    rows = [(info, status) for info, status in zip(content.STEPS, where.steps, strict=True)]
    return render(
        request,
        "path/overview.html",
        {
            "where": where,
            "rows": rows,
            "started": Assessment.objects.filter(user=user).exists(),
            "next_step": content.STEPS[where.next_step - 1] if where.next_step else None,
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
    where = path(progress_for(request_user(request)))
    return render(
        request,
        "path/step.html",
        {
            "step": info,
            "status": where.step(info.number),
            "previous": content.STEPS[info.number - 2] if info.number > 1 else None,
            "following": content.STEPS[info.number] if info.number < len(content.STEPS) else None,
        },
    )


@require_safe
@login_required
def letting_go(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "path/letting_go.html",
        {"stages": content.LETTING_GO, "truths": content.ACCEPTANCE_TRUTHS},
    )


@require_safe
def safety(request: HttpRequest) -> HttpResponse:
    """Domestic abuse services, for anyone, signed in or not."""
    country = request.user.country if isinstance(request.user, User) else ""
    return render(request, "path/safety.html", {"helplines": content.abuse_helplines(country)})
