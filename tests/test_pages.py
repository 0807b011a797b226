"""The layout, the public pages and the headers every response carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import recouple
from recouple.accounts.models import User

PAGES = ["pages:home", "pages:crisis", "pages:privacy", "accounts:login", "accounts:signup"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_page_carries_security_headers_and_is_never_cached(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_signed_in_pages_are_no_store(owner_client: Client) -> None:
    response = owner_client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_layout_has_neutral_title_quick_exit_crisis_link_and_landmarks(
    client: Client, name: str
) -> None:
    html = client.get(reverse(name)).content.decode()
    assert "<title>Recouple</title>" in html
    assert f'id="quick-exit" href="{reverse("pages:neutral")}"' in html
    assert f'href="{reverse("pages:crisis")}"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'class="skip-link" href="#main"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_pages_load_no_script_or_style_from_another_host_and_no_inline_script(
    client: Client, name: str
) -> None:
    html = client.get(reverse(name)).content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        if url.startswith(("/", "#", "tel:", "sms:")):
            continue
        # Only plain links a person chooses to follow may point elsewhere (crisis lines).
        assert re.search(rf'<a [^>]*href="{re.escape(url)}"', html), url
    for script in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
        assert script.strip() == "", "inline script would be blocked by the CSP"


def test_no_template_loads_anything_from_another_host() -> None:
    root = Path(recouple.__file__).parent
    offenders = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            if re.search(r'(?:src|href)=["\']?(?:https?:)?//', tag):
                offenders.append(f"{template.name}: {tag}")
    assert offenders == []


@pytest.mark.django_db
def test_htmx_and_our_assets_are_served_by_the_app(client: Client) -> None:
    html = client.get(reverse("pages:home")).content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any("htmx" in a for a in assets)
    assert any(a.endswith("recouple.css") for a in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert b"".join(response.streaming_content)  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_healthz_is_plain_ok(client: Client) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_welcome_page_for_visitors_and_home_for_members(
    client: Client, owner_client: Client
) -> None:
    visitor = client.get(reverse("pages:home")).content.decode()
    assert "Create a private account" in visitor
    member = owner_client.get(reverse("pages:home")).content.decode()
    assert "Hello, owner-ophelia." in member
    assert "Create a private account" not in member


@pytest.mark.django_db
def test_home_shows_the_date_in_the_users_own_time_zone(owner: User, owner_client: Client) -> None:
    import time_machine

    owner.time_zone = "Pacific/Auckland"  # UTC+13 in November
    owner.save()
    with time_machine.travel("2026-11-27 12:30:00+00:00", tick=False):
        html = owner_client.get(reverse("pages:home")).content.decode()
    assert "Saturday 28 November" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "expected"),
    [("US", "988"), ("GB", "116 123"), ("IE", "116 123"), ("", "findahelpline.com")],
)
def test_crisis_page_shows_the_users_local_line_and_the_directory(
    owner: User, owner_client: Client, country: str, expected: str
) -> None:
    owner.country = country
    owner.save()
    html = owner_client.get(reverse("pages:crisis")).content.decode()
    assert expected in html
    assert "findahelpline.com" in html


@pytest.mark.django_db
def test_crisis_page_works_without_an_account_and_lets_you_pick_a_country(
    client: Client,
) -> None:
    html = client.get(reverse("pages:crisis"), {"country": "US"}).content.decode()
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    unknown = client.get(reverse("pages:crisis"), {"country": "<script>"})
    assert unknown.status_code == 200
    assert "<script>" not in unknown.content.decode().split("<main", 1)[1]


@pytest.mark.django_db
def test_quick_exit_page_says_nothing_about_recouple(client: Client) -> None:
    html = client.get(reverse("pages:neutral")).content.decode()
    assert "Recouple" not in html
    assert "recipes" in html.lower()


@pytest.mark.django_db
def test_unknown_pages_are_a_kind_404(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "couldn’t find that page" in response.content.decode()
