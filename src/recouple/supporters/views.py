from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple.accounts.models import request_user
from recouple.supporters import actions
from recouple.supporters.forms import NOTHING_TICKED, LinkForm
from recouple.supporters.models import (
    LINK_LIMIT,
    NUDGE_HOURS,
    PAUSE_WINDOW_DAYS,
    SupporterLink,
    get_link_for_user,
    link_url,
    links_of,
    shared_for,
)

TOO_MANY = _("You have %(n)s links already, the most at once. Remove one first.")


@require_http_methods(["GET", "POST"])
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link, token = actions.create_link(user, form.cleaned_data)
        except actions.TooManyLinks:
            form.add_error(None, TOO_MANY % {"n": LINK_LIMIT})
        except actions.NothingToShow:
            form.add_error(None, NOTHING_TICKED)
        else:
            return render(
                request,
                "supporters/created.html",
                {"link": link, "url": link_url(request, token)},
            )
    return render(
        request,
        "supporters/index.html",
        {"form": form, "links": links_of(user), "nudge_hours": NUDGE_HOURS},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actions.revoke_link(get_link_for_user(request, pk))
    messages.info(request, _("That link no longer works."))
    return redirect("supporters:index")


@require_POST
@login_required
def nudge(request: HttpRequest) -> HttpResponse:
    actions.nudge(request_user(request))
    messages.success(
        request,
        _("Your supporters will see it when they look. Nothing was sent to anyone."),
    )
    return redirect("supporters:index")


@require_safe
def public(request: HttpRequest, token: str) -> HttpResponse:
    """The supporter's page: no session, the secret address is the key. Expired, revoked and
    unknown addresses are one and the same 404."""
    link = SupporterLink.find(token)
    if link is None:
        raise Http404
    if request.method == "GET":
        actions.record_visit(link)
    response = render(
        request, "supporters/public.html", {"shared": shared_for(link), "window": PAUSE_WINDOW_DAYS}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
