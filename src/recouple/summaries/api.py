"""The therapist's summary as a PDF, for the CLI and phone shortcuts (the page's own rules)."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from recouple.accounts.models import request_user
from recouple.summaries.build import SECTION_NAMES, entries_in
from recouple.summaries.forms import DEFAULT_DAYS, SummaryForm
from recouple.summaries.views import pdf_response, summary_for

router = Router(tags=["summary"])


@router.get("/summary.pdf", url_name="summary_pdf", response={200: None})
def summary_pdf(
    request: HttpRequest,
    first: date | None = None,
    last: date | None = None,
    sections: list[str] | None = Query(None),  # type: ignore[type-arg]  # noqa: B008
    name_on: bool = False,
    entries: list[int] | None = Query(None),  # type: ignore[type-arg]  # noqa: B008
) -> HttpResponse:
    """A PDF summary of your record (default: the last 30 days, every part, no journal
    entries, no ex's name). `sections` any of readiness, mood, nocontact, urges, habits,
    inventory; `entries` journal entry ids to include."""
    user = request_user(request)
    today = user.today()
    last = last or today
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    chosen = list(SECTION_NAMES) if sections is None else sections
    choices = [(e.pk, "") for e in entries_in(user, min(first, last), min(last, today))]
    data = {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "sections": chosen,
        "entries": [str(pk) for pk in entries or []],
    }
    if name_on:
        data["name_on"] = "on"
    form = SummaryForm(data, today=today, entry_choices=choices)
    if not form.is_valid():
        field_name, errors = next(iter(form.errors.items()))
        where = "" if field_name == "__all__" else f"{field_name}: "
        raise HttpError(400, f"{where}{errors[0]}")
    return pdf_response(summary_for(user, form.cleaned_data))
