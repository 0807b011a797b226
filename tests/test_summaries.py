"""The summary for a therapist: its content read back from the PDF with poppler's pdftotext,
its pages rendered to images with pdftoppm, and the choices the person makes respected."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import User
from recouple.assessment.models import Assessment, BreakupReason
from recouple.growth.models import Habit
from recouple.journal.models import Entry
from recouple.nocontact.models import Contact, Period, Urge
from recouple.summaries.build import SECTION_NAMES, TITLE, build
from recouple.summaries.pdf import FONTS, render
from tests.conftest import OWNER_CANARY, Api, needs

NOW = datetime(2026, 12, 3, 15, tzinfo=UTC)
# A 390-point-wide A4 page at 50 dpi is 413 pixels wide; good enough to see the page.
DPI = "50"


@pytest.fixture(autouse=True)
def poppler() -> None:
    needs(
        bool(shutil.which("pdftotext") and shutil.which("pdftoppm")),
        "poppler-utils is not installed (apt-get install poppler-utils)",
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return done.stdout


def page_images(pdf: bytes, tmp_path: Path) -> list[Path]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", DPI, "-png", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


def inked_share(image: Path) -> float:
    """The share of pixels that are not white: a drawn page is not a blank one."""
    from PIL import Image

    with Image.open(image) as picture:
        grey = picture.convert("L")
        histogram = grey.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)


def a_busy_record(user: User) -> None:
    """Ten weeks of a life: moods, urges at night, slips, a habit, two reports, an inventory."""
    today = user.today()
    assessment = Assessment.for_user(user)
    BreakupReason.objects.create(assessment=assessment, text="We fought", still_applies=True)
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        assessment.make_report()
    reason = BreakupReason.objects.get()
    reason.still_applies = False
    reason.save()
    assessment.make_report()
    period = Period.objects.create(user=user, started_on=today - timedelta(days=60))
    Contact.objects.create(period=period, day=today - timedelta(days=20), channel="text")
    Contact.objects.create(period=period, day=today - timedelta(days=12), channel="social_media")
    for back in range(70):
        day = today - timedelta(days=back)
        Entry.objects.create(
            user=user, day=day, mood=1 + (back // 7) % 5, text=f"{OWNER_CANARY} day {back}"
        )
        if back % 3 == 0:
            at = datetime.combine(day, datetime.min.time(), tzinfo=user.zone()) + timedelta(
                hours=22
            )
            Urge.objects.create(user=user, day=day, at=at, trigger=OWNER_CANARY)
    Habit.objects.create(user=user, name="Evening walk", started_on=today - timedelta(days=30))
    from recouple.amends.models import InventoryEntry

    InventoryEntry.objects.create(
        user=user, what_i_did=f"I read {OWNER_CANARY}’s phone", impact="It broke trust"
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_pdf_holds_every_chosen_part_with_charts_and_pages(owner: User, tmp_path: Path) -> None:
    a_busy_record(owner)
    today = owner.today()
    summary = build(owner, today - timedelta(days=69), today, SECTION_NAMES)
    pdf = render(summary)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    for words in (
        TITLE,
        "Readiness report",
        "Since the report of",
        "Mood over time",
        "70 days with a mood",
        "No contact: runs and slips",
        "Text or message: 1",
        "Looked at their social media: 1",
        "Urges by week and hour of day",
        "24 urges logged",
        "Habits",
        "Evening walk",
        "Inventory: my part",
        "I read [name]’s phone",
        "page 1 of",
    ):
        assert words in text, words
    # No ex's name, no journal text, no trigger: none was asked for.
    assert OWNER_CANARY not in text
    images = page_images(pdf, tmp_path)
    assert len(images) >= 2
    assert text.count("page ") == len(images)
    # The first page carries the mood chart: clearly more ink than a page of words.
    assert inked_share(images[0]) > 0.04


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_ex_name_and_chosen_entries_only_when_asked(owner: User, tmp_path: Path) -> None:
    a_busy_record(owner)
    today = owner.today()
    chosen = Entry.objects.get(user=owner, day=today - timedelta(days=3))
    summary = build(
        owner, today - timedelta(days=10), today, ("inventory",), entry_ids=(chosen.pk,)
    )
    text = pdf_text(render(summary), tmp_path)
    assert "[name] day 3" in text and "[name] day 4" not in text
    assert "Journal entries they chose to share" in text
    named = build(owner, today - timedelta(days=10), today, ("inventory",), name_on=True)
    assert f"I read {OWNER_CANARY}’s phone" in pdf_text(render(named), tmp_path)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_empty_account_gets_a_short_document_saying_so(owner: User, tmp_path: Path) -> None:
    response = Client()
    response.force_login(owner)
    answer = response.get(reverse("summaries:pdf"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == 'attachment; filename="summary.pdf"'
    text = pdf_text(answer.content, tmp_path)
    assert "Nothing here yet" in text
    assert len(page_images(answer.content, tmp_path)) == 1


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_page_offers_the_choices_and_the_pdf_follows_them(
    owner: User, owner_client: Client, tmp_path: Path
) -> None:
    a_busy_record(owner)
    page = owner_client.get(reverse("summaries:index"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="entries"' in html and "checked" not in html.split('name="entries"')[1][:80]
    params: dict[str, Any] = {
        "first": "2026-11-01",
        "last": "2026-12-03",
        "sections": ["mood", "urges"],
    }
    answer = owner_client.get(reverse("summaries:pdf"), params)
    text = pdf_text(answer.content, tmp_path)
    assert "Mood over time" in text and "Urges by week" in text
    assert "Inventory" not in text and "Readiness report" not in text
    printable = owner_client.get(reverse("summaries:print"), params).content.decode()
    assert "Mood over time" in printable and "<meter" in printable
    assert OWNER_CANARY not in printable


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"first": "2026-12-03", "last": "2026-11-01"}, None),
        ({"first": "2026-11-01", "last": "2026-12-10"}, "Please choose today or a day before it."),
        ({"first": "2020-01-01", "last": "2026-12-01"}, "Please choose two years or less."),
        ({"first": "soon", "last": "2026-12-01"}, "Please enter a date."),
        ({"first": "2026-11-01", "last": "2026-12-01"}, "Tick at least one part to include."),
    ],
)
def test_bad_choices_say_why_on_the_page_and_in_the_api(
    owner: User, owner_client: Client, params: dict[str, str], message: str | None
) -> None:
    answer = owner_client.get(reverse("summaries:pdf"), {**params})
    if message is None:
        # Swapped dates are read the right way round on the page, and refused by the API.
        assert answer.status_code == 400
        assert "The end comes before the start" in answer.content.decode()
        api = Api(owner)("GET", "/summary.pdf?first=2026-12-03&last=2026-11-01")
        assert api.status_code == 400 and "before the start" in api.json()["error"]
        return
    assert answer.status_code == 400
    assert message in answer.content.decode().replace("&#x27;", "’")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_api_gives_the_pdf_of_the_callers_own_record(
    owner: User, outsider: User, tmp_path: Path
) -> None:
    a_busy_record(owner)
    mine = Api(owner)("GET", "/summary.pdf?sections=habits")
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert "Evening walk" in pdf_text(mine.content, tmp_path)
    theirs = Api(outsider)("GET", "/summary.pdf?sections=habits")
    assert "Evening walk" not in pdf_text(theirs.content, tmp_path)
    bad = Api(owner)("GET", "/summary.pdf?sections=diary")
    assert bad.status_code == 400 and "sections" in bad.json()["error"]


def test_the_fonts_are_shipped_with_their_licence() -> None:
    assert (FONTS / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (FONTS / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream" in (FONTS / "LICENSE").read_text(encoding="utf-8")
