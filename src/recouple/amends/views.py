from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from recouple import coach
from recouple.accounts.models import request_user
from recouple.amends import actions
from recouple.amends.forms import INVENTORY_FULL, ApologyForm, EntryForm, SelfForgivenessForm
from recouple.amends.models import Amends, InventoryEntry, get_entry_for_user
from recouple.drafts.highlight import explained, highlight

# For someone who can only see what the ex did wrong: questions that turn the lens around.
PROMPTS = [
    gettext_lazy("When did you go quiet, or walk away, instead of saying what you felt?"),
    gettext_lazy("What did they ask of you more than once?"),
    gettext_lazy("When were you at your least kind? What happened just before?"),
    gettext_lazy("What did you promise and not do?"),
    gettext_lazy("Which argument do you replay? What was your part in it?"),
    gettext_lazy("What would your closest friend say you could have done differently?"),
]


def draft_apology(entries: list[InventoryEntry]) -> str:
    """A first draft built from the inventory, for the user to rewrite in their own voice."""
    lines = [str(_("I’ve been looking honestly at what I did."))]
    for entry in entries[:5]:
        lines.append(
            str(_("I’m sorry that %(what)s. I know it %(impact)s."))
            % {
                "what": entry.what_i_did.rstrip(".").strip(),
                "impact": entry.impact.rstrip(".").strip(),
            }
        )
    lines.append(str(_("I’m not asking you for anything. I just wanted you to know I see it.")))
    return "\n\n".join(lines)


@require_http_methods(["GET", "POST"])
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    entries = list(InventoryEntry.objects.filter(user=user))
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = actions.add_inventory_entry(user, form.cleaned_data)
        except actions.InventoryFull:
            form.add_error(None, INVENTORY_FULL % {"n": actions.ENTRY_LIMIT})
        else:
            if added.counts:
                messages.success(request, _("Written down. Seeing it clearly is the hard part."))
            else:
                messages.info(request, _("Kept, just as you wrote it.") + " " + added.why_not)
            return redirect("amends:overview")
    return render(
        request,
        "amends/overview.html",
        {"entries": entries, "form": form, "prompts": PROMPTS},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk)
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        edited = actions.edit_inventory_entry(entry, form.cleaned_data)
        if edited.counts:
            messages.success(request, _("Saved."))
        else:
            messages.info(request, _("Saved.") + " " + edited.why_not)
        return redirect("amends:overview")
    return render(request, "amends/entry_edit.html", {"form": form, "entry": entry})


@require_POST
@login_required
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_entry_for_user(request, pk).delete()
    messages.info(request, _("Removed."))
    return redirect("amends:overview")


@require_http_methods(["GET", "POST"])
@login_required
def apology(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    amends = Amends.for_user(user)
    entries = list(InventoryEntry.objects.filter(user=user))
    # Only entries about the user's own part make the first draft: never "I'm sorry that
    # she cheated on me".
    owned = [entry for entry in entries if entry.counts]
    if not amends.apology and owned and request.method == "GET":
        amends.apology = draft_apology(owned)
    form = ApologyForm(request.POST or None, instance=amends)
    if request.method == "POST" and form.is_valid():
        actions.write_amends(user, apology=form.cleaned_data["apology"])
        messages.success(request, _("Saved. It stays here until you decide what to do with it."))
        return redirect("amends:apology")
    result = None
    text = form["apology"].value() or ""
    if str(text).strip():
        try:
            result = coach.check(str(text)[: coach.MAX_CHARS])
        except coach.CoachInputError:
            result = None
    return render(
        request,
        "amends/apology.html",
        {
            "form": form,
            "entries": entries,
            "result": result,
            "marked": highlight(str(text), result.findings) if result else "",
            "explained": explained(result.findings) if result else [],
            "has_accountability": bool(result and "accountability" in result.labels),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def self_forgiveness(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = SelfForgivenessForm(request.POST or None, instance=Amends.for_user(user))
    if request.method == "POST" and form.is_valid():
        actions.write_amends(user, self_forgiveness=form.cleaned_data["self_forgiveness"])
        messages.success(request, _("Kept, for you alone."))
        return redirect("amends:self_forgiveness")
    return render(request, "amends/self_forgiveness.html", {"form": form})
