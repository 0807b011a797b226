from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple import coach
from recouple.accounts.models import request_user
from recouple.coach.rewrite import kinder as kinder_version
from recouple.core.situation import situation_of
from recouple.drafts import actions
from recouple.drafts.forms import DraftForm
from recouple.drafts.highlight import explained, highlight
from recouple.drafts.models import Draft, get_draft_for_user

# Drafts written to them: a message, or a reply to one they sent.
MESSAGE_KINDS = ("message", "reply")


def _result_context(request: HttpRequest, text: str, kind: str) -> dict[str, Any]:
    user = request_user(request)
    try:
        result = coach.check(text, situation_of(request).coach_context(kind))
    except coach.CoachInputError as exc:
        return {"problem": str(exc)}
    return {
        "result": result,
        "marked": highlight(text, result.findings),
        "explained": explained(result.findings),
        "crisis_lines": user.crisis_lines() if result.support else (),
        "offer_kinder": kind in MESSAGE_KINDS and result.verdict == "revise" and not result.support,
    }


def _replies(request: HttpRequest, draft: Draft | None = None) -> bool:
    """Whether "a reply" is offered: there is a message of theirs to answer, or the draft is
    already one."""
    return bool(draft and draft.kind == "reply") or situation_of(request).may_reply()


@require_http_methods(["GET", "POST"])
@login_required
def compose(request: HttpRequest) -> HttpResponse:
    """Write or paste a draft, see what the coach finds, save it privately if you like."""
    user = request_user(request)
    draft = None
    pk = request.POST.get("draft") or request.GET.get("draft")
    if pk and str(pk).isdigit():
        draft = get_draft_for_user(request, int(pk))
    if request.method == "POST" and "use_version" in request.POST:
        # The kinder version, put in the box to edit: shown and read again, not saved.
        text = request.POST.get("version_text", "")
        kind = request.POST.get("kind", "")
        kind = kind if kind in MESSAGE_KINDS else "message"
        form = DraftForm(
            {"kind": kind, "text": text}, instance=draft, allow_reply=_replies(request)
        )
        context: dict[str, Any] = {"form": form, "draft": draft}
        if form.is_valid():
            context.update(_result_context(request, form.cleaned_data["text"], kind))
        return render(request, "drafts/compose.html", context)
    # "?kind=reply" from a page about their message: the draft is read as an answer to it.
    wanted = request.GET.get("kind")
    initial = {"kind": wanted} if draft is None and wanted in MESSAGE_KINDS else None
    form = DraftForm(
        request.POST or None, instance=draft, initial=initial, allow_reply=_replies(request, draft)
    )
    context = {"form": form, "draft": draft}
    if request.method == "POST":
        if form.is_valid():
            kind, text = form.cleaned_data["kind"], form.cleaned_data["text"]
            try:
                verdict: str = coach.check(text, situation_of(request).coach_context(kind)).verdict
            except coach.CoachInputError:
                verdict = ""
            saved = actions.save_draft(user, kind=kind, text=text, verdict=verdict, draft=draft)
            messages.success(request, _("Saved. Only you can see it."))
            return redirect(f"{request.path}?draft={saved.pk}")
        return render(request, "drafts/compose.html", context, status=400)
    if draft is not None:
        context.update(_result_context(request, draft.text, draft.kind))
    return render(request, "drafts/compose.html", context)


@require_POST
@login_required
def check(request: HttpRequest) -> HttpResponse:
    """The coach's reading of the text as it is now (htmx, as the user types)."""
    text = request.POST.get("text", "")
    kind = request.POST.get("kind", "message")
    if not text.strip():
        return HttpResponse("")
    if len(text) > coach.MAX_CHARS:
        context: dict[str, Any] = {
            "problem": _("That’s longer than the coach reads (%(limit)s characters).")
            % {"limit": coach.MAX_CHARS}
        }
    else:
        context = _result_context(request, text, kind)
    return render(request, "drafts/_result.html", context)


@require_POST
@login_required
def kinder(request: HttpRequest) -> HttpResponse:
    """A kinder version of the draft, read again by the coach before it is shown (htmx)."""
    text = request.POST.get("text", "")
    if not text.strip() or len(text) > coach.MAX_CHARS:
        return render(
            request,
            "drafts/_kinder.html",
            {"problem": _("There’s nothing the coach can rewrite here yet.")},
            status=400,
        )
    kind = request.POST.get("kind", "")
    kind = kind if kind in MESSAGE_KINDS else "message"
    result = coach.check(text, situation_of(request).coach_context(kind))
    return render(request, "drafts/_kinder.html", {"version": kinder_version(text, result)})


@require_safe
@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    found = Draft.objects.filter(user=request_user(request))[:200]
    return render(request, "drafts/list.html", {"drafts": found})


@require_POST
@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_draft_for_user(request, pk).delete()
    messages.info(request, _("Deleted."))
    return redirect("drafts:list")
