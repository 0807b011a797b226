from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple.accounts.models import request_user
from recouple.core.situation import situation_of
from recouple.journal import actions
from recouple.journal.forms import TEXT_LIMIT, EntryForm, LetGoForm, WordForm
from recouple.journal.models import (
    Entry,
    EntryList,
    EntryWord,
    LetGo,
    get_entry_for_user,
    get_let_go_for_user,
    get_word_for_user,
    mood_by_day,
    own_words_on,
    own_words_on_window,
    recent_prompts_query,
    shows_crisis,
    todays_prompt,
    words_of,
    words_query,
)
from recouple.journal.rows import entry_rows
from recouple.nocontact.models import recent_letters_query
from recouple.program import journal as rules

PAGE_SIZE = 20


def page_asked(number: str | None) -> int:
    """The page number asked for, as the paginator will most likely take it (1 if it isn't
    one); a page it settles on otherwise (past the end) is read when it asks for it."""
    try:
        return max(1, int(number or 1))
    except ValueError:
        return 1


# The earliest year the year view offers (before it, no one used Recouple).
FIRST_YEAR = 2020


@require_http_methods(["GET", "POST"])
@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = user.today()
    situation = situation_of(request)
    # The page's reads go with the situation's, in one round trip: the words, the recent
    # questions, the entries' count and the page they asked for, its words, the letters.
    entries = EntryList(user)
    first = (page_asked(request.GET.get("page")) - 1) * PAGE_SIZE
    last = first + PAGE_SIZE
    words, recent, count, window, own, letters = situation.read_with(
        [
            words_query(user),
            recent_prompts_query(user, today),
            entries.count_query(),
            entries.window_query(first, last),
            own_words_on_window(user, first, last),
            recent_letters_query(user),
        ],
        parts=("hard_days",),
    )
    entries.keep(count, first, last, window)
    form = EntryForm(
        request.POST or None,
        initial={"prompt": todays_prompt(user, situation, recent)} if not request.POST else None,
        words=words,
    )
    if request.method == "POST" and form.is_valid():
        entry = actions.write_entry(user, form.cleaned_data)
        messages.success(request, _("Saved. Only you can read it."))
        return redirect("journal:entry", pk=entry.pk)
    prompt = form.data.get("prompt", "") if form.is_bound else form.initial["prompt"]
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    if page.start_index() - 1 != first and page.object_list:
        own = own_words_on(list(page.object_list))  # not the page that was read
    return render(
        request,
        "journal/index.html",
        {
            "form": form,
            "prompt": prompt,
            "page": page,
            "rows": entry_rows(page.object_list, own),
            # The list shows when each letter opens, never its words: they are not read here.
            "letters": letters,
            "today": today,
            "limit": TEXT_LIMIT,
            "crisis_lines": user.crisis_lines()
            if form.is_bound and shows_crisis(form.data.get("text", "")[:TEXT_LIMIT])
            else (),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_entry_for_user(request, pk)
    user = request_user(request)
    form = EntryForm(request.POST or None, instance=found, words=words_of(user))
    if request.method == "POST" and form.is_valid():
        # The edit page doesn't show the question: an entry keeps its own unless one is sent.
        values = {k: v for k, v in form.cleaned_data.items() if k != "prompt" or k in form.data}
        actions.edit_entry(found, values)
        messages.success(request, _("Saved."))
        return redirect("journal:entry", pk=found.pk)
    if form.is_bound:
        found.refresh_from_db()
    context: dict[str, Any] = {
        "entry": found,
        "form": form,
        "editing": form.is_bound or request.GET.get("edit") == "1",
        "crisis_lines": user.crisis_lines() if found.crisis() else (),
        "leans_on_ex": found.leans_on_ex(),
    }
    return render(request, "journal/entry.html", context, status=400 if form.is_bound else 200)


@require_POST
@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_entry_for_user(request, pk).delete()
    messages.info(request, _("Deleted."))
    return redirect("journal:index")


@require_POST
@login_required
def crisis_check(request: HttpRequest) -> HttpResponse:
    """The crisis card while the user writes (htmx); empty when the words don't call for it."""
    text = request.POST.get("text", "")[:TEXT_LIMIT]
    if not shows_crisis(text):
        return HttpResponse("")
    return render(
        request, "drafts/_crisis.html", {"crisis_lines": request_user(request).crisis_lines()}
    )


@require_safe
@login_required
def year(request: HttpRequest) -> HttpResponse:
    """A year in moods, one square a day, and which feelings go with which moods."""
    user = request_user(request)
    today = user.today()
    try:
        shown = int(request.GET.get("year", today.year))
    except ValueError:
        shown = today.year
    if not FIRST_YEAR <= shown <= today.year:
        shown = today.year
    first, last = date(shown, 1, 1), date(shown, 12, 31)
    moods = mood_by_day(user, first, last)
    days: dict[date, tuple[float | None, list[str]]] = {}
    in_year = Entry.objects.filter(user=user, day__range=(first, last))
    for entry in in_year.only("day", "emotions", "activities"):
        keys = days.setdefault(entry.day, (moods.get(entry.day), []))[1]
        keys.extend(f"feeling:{word}" for word in entry.emotion_list)
        keys.extend(f"activity:{word}" for word in entry.activity_list)
    links = EntryWord.objects.filter(entry__in=in_year).values_list("entry__day", "word_id")
    for day, word_id in links:
        days[day][1].append(f"own:{word_id}")
    names = {
        **{f"feeling:{w}": (_(w.capitalize()), "feeling") for w in rules.EMOTIONS},
        **{f"activity:{w}": (_(w.capitalize()), "activity") for w in rules.ACTIVITIES},
        **{w.key: (str(w.name), w.kind) for w in words_of(user)},
    }
    months = [date(shown, month, 1) for month in range(1, 13)]
    labels = {level: _(label) for level, label in rules.MOODS}
    counts = Counter(rules.mood_level(mean) for mean in moods.values())
    return render(
        request,
        "journal/year.html",
        {
            "year": shown,
            "previous": shown - 1 if shown > FIRST_YEAR else None,
            "next": shown + 1 if shown < today.year else None,
            "months": months,
            "rows": [
                [(level, labels.get(level) if level else "") for level in row]
                for row in rules.year_grid(shown, moods)
            ],
            "levels": [(level, label, counts.get(level, 0)) for level, label in rules.MOODS],
            "rated": len(moods),
            "companions": [
                (names[c.key][0], names[c.key][1], c)
                for c in rules.companions(days)
                if c.key in names
            ],
            "min_days": rules.COMPANION_MIN_DAYS,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def let_go(request: HttpRequest) -> HttpResponse:
    """Once a week, beside the daily reflection: what I've let go of."""
    user = request_user(request)
    week = rules.week_of(user.today())
    notes = list(LetGo.objects.filter(user=user)[:52])
    this_week = next((n for n in notes if n.week == week), None)
    form = LetGoForm(request.POST or None, instance=this_week)
    crisis_lines: Any = ()
    if request.method == "POST" and form.is_valid():
        saved = actions.write_let_go(user, form.cleaned_data["text"])
        if not saved.crisis():
            messages.success(request, _("Kept. Letting go is something you do, and you did."))
            return redirect("journal:let_go")
        # Saved, and the words call for support first: the lines, on this page, at once.
        crisis_lines = user.crisis_lines()
        notes = list(LetGo.objects.filter(user=user)[:52])
        form = LetGoForm(instance=saved)
    return render(
        request,
        "journal/let_go.html",
        {
            "form": form,
            "notes": [n for n in notes if n.week != week],
            "this_week": this_week,
            "week": week,
            "prompt": rules.LET_GO_PROMPT,
            "crisis_lines": crisis_lines,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _words_page(
    request: HttpRequest,
    form: WordForm | None = None,
    status: int = 200,
    renaming: WordForm | None = None,
) -> HttpResponse:
    user = request_user(request)
    words = words_of(user)
    return render(
        request,
        "journal/words.html",
        {
            "form": form or WordForm(words=words, initial={"kind": request.GET.get("kind")}),
            "feelings": [w for w in words if w.kind == "feeling"],
            "activities": [w for w in words if w.kind == "activity"],
            "builtin_feelings": [_(w.capitalize()) for w in rules.EMOTIONS],
            "builtin_activities": [_(w.capitalize()) for w in rules.ACTIVITIES],
            "limit": rules.WORD_LIMIT,
            "renaming": renaming,
            "renaming_pk": renaming.word.pk if renaming and renaming.word else None,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def words(request: HttpRequest) -> HttpResponse:
    """The user's own feeling words and activities: add one, rename or hide the others."""
    if request.method != "POST":
        return _words_page(request)
    user = request_user(request)
    form = WordForm(request.POST, words=words_of(user))
    if not form.is_valid():
        return _words_page(request, form, status=400)
    word = actions.add_word(user, form.cleaned_data)
    messages.success(
        request, _("Added “%(name)s”. It’s on the journal form now.") % {"name": word.name}
    )
    return redirect("journal:words")


@require_POST
@login_required
def let_go_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_let_go_for_user(request, pk).delete()
    messages.info(request, _("Removed."))
    return redirect("journal:let_go")


@require_POST
@login_required
def word(request: HttpRequest, pk: int) -> HttpResponse:
    """A new name for one of the user's own words."""
    found = get_word_for_user(request, pk)
    form = WordForm(request.POST, words=words_of(request_user(request)), word=found)
    if not form.is_valid():
        return _words_page(request, status=400, renaming=form)
    actions.rename_word(found, form.cleaned_data["name"])
    messages.success(request, _("Renamed, on every entry that has it."))
    return redirect("journal:words")


@require_POST
@login_required
def word_hide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_word_for_user(request, pk)
    actions.set_word_archived(found, not found.archived)
    if found.archived:
        messages.info(request, _("Hidden from the form. Entries that have it keep it."))
    else:
        messages.info(request, _("Back on the form."))
    return redirect("journal:words")
