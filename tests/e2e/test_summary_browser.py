"""The summary for a therapist on a phone: found under More, a part left out, the PDF
downloaded (read back with pdftotext) and the printable page opened."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import needs
from tests.e2e.conftest import Phone, heading, screenshot, sign_in
from tests.e2e.test_safety_browser import nav

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_summary_is_made_on_a_phone(
    phone: Phone, live_server: LiveServer, tmp_path: Path
) -> None:
    needs(bool(shutil.which("pdftotext")), "poppler-utils is not installed")
    from recouple.journal.models import Entry

    page = phone.page
    user = sign_in(page, live_server, "summing-up-sam")
    for back in range(10):
        Entry.objects.create(
            user=user, day=user.today() - timedelta(days=back), mood=2 + back % 3, text="private"
        )
    nav(page, "Summary for a therapist")
    assert heading(page) == "A summary for your therapist"
    form = page.locator("main form")
    form.get_by_label("Inventory: my part").uncheck()
    screenshot(page, "summary-form")
    with page.expect_download() as download:
        form.get_by_role("button", name="Download the PDF").tap()
    path = tmp_path / "summary.pdf"
    download.value.save_as(path)
    assert download.value.suggested_filename == "summary.pdf"
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Personal summary" in text and "10 days with a mood" in text
    assert "Inventory" not in text and "private" not in text

    with page.expect_navigation():
        form.get_by_role("button", name="Open a printable page").tap()
    assert heading(page) == "Personal summary"
    assert "Mood over time" in page.locator("main").inner_text()
    screenshot(page, "summary-printable")
    phone.watch.assert_clean(live_server.url)
