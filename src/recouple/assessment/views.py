from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from recouple.accounts.models import request_user
from recouple.assessment import actions
from recouple.assessment.flow import BY_SLUG, PAGES, Page, neighbours
from recouple.assessment.forms import ITEM_FORMS, EndedByForm, initial_for
from recouple.assessment.models import (
    ITEM_MODELS,
    LIST_LIMIT,
    Assessment,
    Report,
    get_item_for_user,
    get_report_for_user,
)
from recouple.program import steps as content


@require_safe
@login_required
def start(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    assessment = Assessment.objects.filter(user=user).first()
    reports = Report.objects.filter(user=user).only("pk", "created", "outcome")[:20]
    return render(
        request,
        "assessment/start.html",
        {"assessment": assessment, "reports": reports, "pages": PAGES},
    )


def _items_context(
    assessment: Assessment, kind: str, form: Any = None, *, focus: bool = False
) -> dict[str, Any]:
    found = getattr(assessment, kind).all()
    items = list(found.select_related("answers") if kind == "changes" else found)
    if form is None:
        form = ITEM_FORMS[kind](assessment=assessment)  # type: ignore[call-arg]
    if focus:
        # After an in-place update, keyboard and screen-reader users land back in the form.
        first = next(iter(form.fields.values()))
        first.widget.attrs["autofocus"] = True
    before, after = neighbours(kind)
    return {
        "kind": kind,
        "items": items,
        "form": form,
        "full": len(items) >= LIST_LIMIT,
        "limit": LIST_LIMIT,
        "before": before,
        "after": after,
    }


def _typed(form: Any) -> bool:
    """Whether the add form carries words the user typed (a tick alone is not an entry)."""
    return any(
        form.data.get(form.add_prefix(name), "").strip()
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
    )


def _add_item(assessment: Assessment, kind: str, form: Any) -> Any:
    """Add the entry in `form`; None when it was added, else the form with its errors."""
    if not form.is_valid():
        return form
    try:
        actions.add_item(assessment, kind, form.cleaned_data)
    except actions.ListFull:
        form.add_error(
            None,
            _("That’s %(limit)s already, the most one list holds.") % {"limit": LIST_LIMIT},
        )
        return form
    assessment.touch(kind)
    return None


@require_http_methods(["GET", "POST"])
@login_required
def page(request: HttpRequest, slug: str) -> HttpResponse:
    current = BY_SLUG.get(slug)
    if current is None:
        raise Http404
    assessment = Assessment.for_user(request_user(request))
    before, after = neighbours(slug)
    next_url = (
        reverse("assessment:page", args=[after.slug]) if after else reverse("assessment:review")
    )
    context: dict[str, Any] = {
        "page": current,
        "before": before,
        "after": after,
        "step_number": PAGES.index(current) + 1,
        "step_count": len(PAGES),
    }
    if current.form is not None:
        form = current.form(request.POST or None, initial=initial_for(current.form, assessment))
        if request.method == "POST" and form.is_valid():
            _save_answers(assessment, current, form.cleaned_data)
            if current.slug == "safety" and assessment.safety_concern:
                report = assessment.make_report()
                return redirect("assessment:report", pk=report.pk)
            return redirect(next_url)
        assessment.touch(slug)
        context["form"] = form
    else:
        assert current.kind is not None
        if request.method == "POST":
            # "Continue" sends the add form along: words typed there are added, never dropped.
            typed: Any = ITEM_FORMS[current.kind](request.POST, assessment=assessment)  # type: ignore[call-arg]
            if _typed(typed):
                unsaved = _add_item(assessment, current.kind, typed)
                if unsaved is not None:
                    unsaved.add_error(
                        None,
                        _(
                            "What you typed isn’t saved yet. Finish it and tap Continue again, "
                            "or clear it to go on without it."
                        ),
                    )
                    context.update(_items_context(assessment, current.kind, unsaved))
                    if request.htmx:  # type: ignore[attr-defined]
                        # htmx swaps only 2xx answers: the list again, with the form's errors.
                        return render(request, "assessment/_items.html", context)
                    return render(request, "assessment/page.html", context, status=400)
            if current.kind == "reasons" and not assessment.reasons.exists():
                messages.error(request, _("Add at least one reason before you go on."))
                return _go(request, reverse("assessment:page", args=[slug]))
            assessment.touch(after.slug if after else slug)
            return _go(request, next_url)
        assessment.touch(slug)
        context.update(_items_context(assessment, current.kind))
    if current.kind == "reasons":
        context["ended_by_form"] = EndedByForm(initial={"ended_by": assessment.ended_by})
    return render(request, "assessment/page.html", context)


@require_POST
@login_required
def ended_by(request: HttpRequest) -> HttpResponse:
    """Who ended it: asked beside the reasons, saved on its own."""
    assessment = Assessment.for_user(request_user(request))
    form = EndedByForm(request.POST)
    if not form.is_valid():
        context: dict[str, Any] = {
            "page": BY_SLUG["reasons"],
            "ended_by_form": form,
            **_items_context(assessment, "reasons"),
        }
        return render(request, "assessment/page.html", context, status=400)
    actions.record_answers(assessment, {"ended_by": form.cleaned_data["ended_by"]})
    messages.success(request, _("Saved. Thank you for telling us."))
    return redirect(reverse("assessment:page", args=["reasons"]) + "#ended-by")


def _go(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that also leaves the page when htmx sent the form."""
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _save_answers(assessment: Assessment, current: Page, data: dict[str, Any]) -> None:
    after = neighbours(current.slug)[1]
    actions.record_answers(assessment, data, last_page=after.slug if after else "review")


def _list_response(
    request: HttpRequest, assessment: Assessment, kind: str, form: Any = None
) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "assessment/_items.html", _items_context(assessment, kind, form))
    return redirect(reverse("assessment:page", args=[kind]) + f"#{kind}-list")


@require_POST
@login_required
def item_add(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ITEM_MODELS:
        raise Http404
    assessment = Assessment.for_user(request_user(request))
    adding: Any = ITEM_FORMS[kind]
    form = _add_item(assessment, kind, adding(request.POST, assessment=assessment))
    if form is not None and not request.htmx:  # type: ignore[attr-defined]
        context = {
            "page": BY_SLUG[kind],
            **_items_context(assessment, kind, form),
        }
        return render(request, "assessment/page.html", context, status=400)
    return _list_response(request, assessment, kind, form)


@require_http_methods(["GET", "POST"])
@login_required
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item_for_user(request, kind, pk)
    # Its own ids, so the add form's labels on the same page keep pointing at their fields.
    form = ITEM_FORMS[kind](request.POST or None, instance=item, auto_id=f"id_edit_{pk}_%s")
    if request.method == "POST" and form.is_valid():
        actions.edit_item(item, kind, form.cleaned_data)
        return _list_response(request, item.assessment, kind)
    if request.method == "POST" and request.htmx:  # type: ignore[attr-defined]
        # htmx swaps only 2xx answers: show the list with this entry's form and its errors.
        context = _items_context(item.assessment, kind)
        context.update({"editing": item.pk, "edit_form": form})
        return render(request, "assessment/_items.html", context)
    template = "assessment/_item_form.html" if request.htmx else "assessment/item_edit.html"  # type: ignore[attr-defined]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        template,
        {"form": form, "item": item, "kind": kind, "page": BY_SLUG[kind]},
        status=status,
    )


@require_POST
@login_required
def item_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item_for_user(request, kind, pk)
    assessment = item.assessment
    item.delete()
    return _list_response(request, assessment, kind)


@require_http_methods(["GET", "POST"])
@login_required
def review(request: HttpRequest) -> HttpResponse:
    assessment = Assessment.for_user(request_user(request))
    missing = assessment.missing()
    if request.method == "POST":
        if missing:
            messages.error(request, _("A few answers are still missing."))
        else:
            report = assessment.make_report()
            return redirect("assessment:report", pk=report.pk)
    assessment.touch("review")
    return render(
        request,
        "assessment/review.html",
        {"assessment": assessment, "missing": missing, "pages": PAGES},
    )


@require_safe
@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_report_for_user(request, pk)
    previous = found.previous()
    user = request_user(request)
    return render(
        request,
        "assessment/report.html",
        {
            "report": found,
            "comparison": found.compare(previous) if previous else None,
            "headline": (
                _("Your safety comes first.")
                if found.safety_concern
                else content.OUTCOME_HEADLINES[found.outcome]
            ),
            "next_text": (
                _(
                    "Talk to one of the services above when you can; they can help you stay "
                    "safe. When you’re ready, the letting-go path is here for you."
                )
                if found.safety_concern
                else content.OUTCOME_NEXT[found.outcome]
            ),
            "helplines": content.abuse_helplines(user.country) if found.safety_concern else (),
            "ended_by_note": "" if found.safety_concern else found.ended_by_note,
        },
    )
