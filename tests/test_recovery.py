"""Getting back in without email: recovery codes (shown once, hashed, one-time, regenerable
with the password), the recovery page, and the operator's `recouple manage reset_password`."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from recouple.accounts.models import (
    RECOVERY_CODE_COUNT,
    ApiToken,
    RecoveryCode,
    User,
    normalize_recovery_code,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "willow kettle morning 7"
RECOVER = reverse("accounts:recover")
CODES = reverse("accounts:recovery_codes")


def signs_in_with(user: User, password: str) -> bool:
    user.refresh_from_db()
    return user.check_password(password)


def same_page(html: str) -> str:
    """A page without what differs on every answer (its CSRF tokens)."""
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", html)


def recover(client: Client, username: str, code: str, password: str = NEW_PASSWORD) -> object:
    return client.post(
        RECOVER, {"username": username, "code": code, "password1": password, "password2": password}
    )


def test_sign_up_shows_the_codes_once_and_keeps_only_their_hashes(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "fern",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy_notice": "on",
        },
    )
    assert response["Location"] == CODES
    page = client.get(CODES).content.decode()
    codes = re.findall(r"<code>([0-9A-Z-]{19})</code>", page)
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    assert "You’ll see these only this once." in page
    user = User.objects.get(username="fern")
    stored = list(RecoveryCode.objects.filter(user=user).values_list("digest", flat=True))
    assert len(stored) == RECOVERY_CODE_COUNT
    for code in codes:
        assert normalize_recovery_code(code) not in " ".join(stored)
        assert RecoveryCode.hash(code) in stored
    # Shown once: the page again has the count, never the codes.
    again = client.get(CODES).content.decode()
    assert codes[0] not in again
    assert "You have 10 unused recovery codes." in again


def test_a_code_sets_a_new_password_once(owner: User, client: Client) -> None:
    codes = RecoveryCode.issue(owner)
    ApiToken.issue(owner)
    response = recover(client, owner.username.upper(), codes[3].lower().replace("-", " "))
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert signs_in_with(owner, NEW_PASSWORD)
    assert not signs_in_with(owner, PASSWORD)
    assert not ApiToken.objects.filter(user=owner).exists()
    assert RecoveryCode.left(owner) == RECOVERY_CODE_COUNT - 1
    # The same code never works twice.
    other = Client()
    again = recover(other, owner.username, codes[3], password="another long passphrase 9")
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert signs_in_with(owner, NEW_PASSWORD)


def test_a_wrong_code_or_username_gets_one_message_that_names_nobody(
    owner: User, outsider: User, client: Client
) -> None:
    codes = RecoveryCode.issue(owner)
    answers = [
        recover(client, outsider.username, codes[0]),
        recover(client, "nobody-at-all", codes[0]),
        recover(client, owner.username, "ABCD-EFGH-JKMN-PQRS"),
    ]
    pages = [a.content.decode() for a in answers]  # type: ignore[attr-defined]
    for page in pages:
        assert "That username and code don’t fit together" in page
    assert same_page(pages[0]).replace(outsider.username, "X") == same_page(pages[1]).replace(
        "nobody-at-all", "X"
    )
    assert RecoveryCode.left(owner) == RECOVERY_CODE_COUNT
    assert signs_in_with(owner, PASSWORD)


def test_a_weak_or_mismatched_new_password_spends_no_code(owner: User, client: Client) -> None:
    codes = RecoveryCode.issue(owner)
    short = recover(client, owner.username, codes[0], password="short")
    assert short.status_code == 400  # type: ignore[attr-defined]
    mismatched = client.post(
        RECOVER,
        {"username": owner.username, "code": codes[0], "password1": NEW_PASSWORD, "password2": "x"},
    )
    assert "The two passwords aren’t the same." in mismatched.content.decode()
    assert RecoveryCode.left(owner) == RECOVERY_CODE_COUNT


def test_recovery_tries_are_limited_per_address(owner: User, client: Client) -> None:
    RecoveryCode.issue(owner)
    statuses = [
        recover(client, owner.username, "WRNG-WRNG-WRNG-WRNG").status_code  # type: ignore[attr-defined]
        for _ in range(11)
    ]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429


def test_new_codes_need_the_password_and_replace_the_old_ones(
    owner: User, owner_client: Client
) -> None:
    old = RecoveryCode.issue(owner)
    refused = owner_client.post(CODES, {"password": "not my password"})
    assert "That password isn’t right. Nothing changed." in refused.content.decode()
    assert RecoveryCode.objects.filter(user=owner, digest=RecoveryCode.hash(old[0])).exists()
    made = owner_client.post(CODES, {"password": PASSWORD}).content.decode()
    assert "You’ll see these only this once." in made
    assert not RecoveryCode.objects.filter(user=owner, digest=RecoveryCode.hash(old[0])).exists()
    assert RecoveryCode.left(owner) == RECOVERY_CODE_COUNT
    settings_page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "You have 10 unused codes." in settings_page


def test_the_sign_in_page_points_to_recovery(client: Client) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{RECOVER}"' in page


def test_operator_resets_a_password_with_a_printed_temporary_one(owner: User) -> None:
    ApiToken.issue(owner)
    out = io.StringIO()
    call_command("reset_password", owner.username, stdout=out)
    temporary = out.getvalue().strip()
    assert len(temporary) >= 20 and "\n" not in temporary
    assert signs_in_with(owner, temporary)
    assert not ApiToken.objects.filter(user=owner).exists()


def test_operator_can_pipe_in_the_new_password(
    owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(NEW_PASSWORD + "\n"))
    out = io.StringIO()
    call_command("reset_password", owner.username, "--password-stdin", stdout=out)
    assert out.getvalue().strip() == f"New password set for {owner.username}."
    assert signs_in_with(owner, NEW_PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("reset_password", owner.username, "--password-stdin")


def test_operator_reset_of_an_unknown_account_is_one_line_and_exit_1(tmp_path: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("RECOUPLE_") and name != "DATABASE_URL"
    }
    env["RECOUPLE_DATA_DIR"] = str(tmp_path / "data")
    run = [sys.executable, "-m", "recouple", "manage"]
    migrate = subprocess.run(
        [*run, "migrate", "-v", "0"], env=env, capture_output=True, text=True, timeout=120
    )
    assert migrate.returncode == 0, migrate.stderr
    result = subprocess.run(
        [*run, "reset_password", "nobody"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == ["CommandError: no account is named 'nobody'"]
