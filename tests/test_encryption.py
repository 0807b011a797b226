"""Free text is encrypted at rest, survives key rotation, and fails loudly with a wrong key."""

from __future__ import annotations

import base64
from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from recouple.accounts.models import User
from recouple.core.fields import DecryptionError, decrypt, encrypt
from recouple.core.management.commands.rotate_encryption_key import BATCH
from tests.conftest import OWNER_CANARY

ONE_MEGABYTE = 1024 * 1024

AWKWARD_TEXTS = {
    "empty": "",
    "emoji with joiners": "Zephyrine 👩‍❤️‍👨 🌊🫶🏽 — still here",
    "right to left": "שלום עולם · مرحبا بالعالم",
    "zero width and bidi controls": "Ze\u200bphy\u200c\u200dri\ufeffne \u202eesrever\u202c",
    "combining marks": "Zélie vs Ze\u0301lie",
    "surrounding whitespace and newlines": "  two spaces before\n\tand a tab after\t\n",
    "nul character": "before\x00after",
}


def new_key() -> str:
    return Fernet.generate_key().decode()


def raw_ex_name(user_pk: int) -> str:
    """The ex_name column exactly as the database holds it, bypassing the field."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ex_name FROM accounts_user WHERE id = %s", [user_pk])
        (value,) = cursor.fetchone()
    return value


def make_user(username: str, ex_name: str) -> User:
    return User.objects.create(username=username, ex_name=ex_name)


def rotate() -> str:
    out = StringIO()
    call_command("rotate_encryption_key", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("text", AWKWARD_TEXTS.values(), ids=AWKWARD_TEXTS.keys())
def test_awkward_text_comes_back_from_the_database_unchanged(text: str) -> None:
    user = make_user("roundtrip", text)

    assert User.objects.get(pk=user.pk).ex_name == text


@pytest.mark.django_db
def test_one_megabyte_of_text_comes_back_from_the_database_unchanged() -> None:
    text = ("Zephyrine 🌊 שלום \u200b" * ONE_MEGABYTE)[:ONE_MEGABYTE]
    user = make_user("long-letter", text)

    fetched = User.objects.get(pk=user.pk).ex_name

    assert len(fetched) == ONE_MEGABYTE
    assert fetched == text


@pytest.mark.django_db
@pytest.mark.parametrize("text", AWKWARD_TEXTS.values(), ids=AWKWARD_TEXTS.keys())
def test_database_column_holds_a_fernet_token_not_the_text(settings, text: str) -> None:
    key = new_key()
    settings.ENCRYPTION_KEYS = [key]
    user = make_user("at-rest", text)

    raw = raw_ex_name(user.pk)

    assert raw != text
    if text:
        assert text not in raw
    # A Fernet token is url-safe base64 whose first byte is the version, 0x80.
    assert base64.urlsafe_b64decode(raw)[0] == 0x80
    assert Fernet(key.encode()).decrypt(raw.encode()).decode("utf-8") == text


@pytest.mark.django_db
def test_the_same_text_saved_twice_is_stored_as_two_different_tokens() -> None:
    first = make_user("first", "Zephyrine")
    second = make_user("second", "Zephyrine")

    assert raw_ex_name(first.pk) != raw_ex_name(second.pk)


def test_changing_the_encryption_keys_setting_takes_effect_at_once(settings) -> None:
    key_a, key_b = new_key(), new_key()

    settings.ENCRYPTION_KEYS = [key_a]
    under_a = encrypt("Zephyrine")
    settings.ENCRYPTION_KEYS = [key_b]
    under_b = encrypt("Zephyrine")

    assert Fernet(key_a.encode()).decrypt(under_a.encode()) == b"Zephyrine"
    assert Fernet(key_b.encode()).decrypt(under_b.encode()) == b"Zephyrine"
    with pytest.raises(InvalidToken):
        Fernet(key_a.encode()).decrypt(under_b.encode())


def test_leaving_an_overridden_key_list_restores_the_configured_keys(settings) -> None:
    configured = settings.ENCRYPTION_KEYS[0]
    with override_settings(ENCRYPTION_KEYS=[new_key()]):
        encrypt("warm the cache with the temporary key")

    token = encrypt("Zephyrine")

    assert Fernet(configured.encode()).decrypt(token.encode()) == b"Zephyrine"


@pytest.mark.django_db
def test_text_written_under_an_old_key_is_read_once_a_new_key_is_put_first(settings) -> None:
    key_a, key_b = new_key(), new_key()
    settings.ENCRYPTION_KEYS = [key_a]
    user = make_user("before-rotation", "Zephyrine")

    settings.ENCRYPTION_KEYS = [key_b, key_a]

    assert User.objects.get(pk=user.pk).ex_name == "Zephyrine"


@pytest.mark.django_db
def test_rotation_re_encrypts_so_the_new_key_alone_reads_everything(settings) -> None:
    key_a, key_b = new_key(), new_key()
    settings.ENCRYPTION_KEYS = [key_a]
    texts = {"rotating-one": "Zephyrine 🌊", "rotating-two": "", "rotating-three": "שלום"}
    pks = {make_user(name, text).pk: text for name, text in texts.items()}
    before = {pk: raw_ex_name(pk) for pk in pks}

    settings.ENCRYPTION_KEYS = [key_b, key_a]
    output = rotate()
    settings.ENCRYPTION_KEYS = [key_b]

    assert "Re-encrypted 3 rows" in output
    for pk, text in pks.items():
        assert User.objects.get(pk=pk).ex_name == text
        raw = raw_ex_name(pk)
        assert raw != before[pk]
        assert Fernet(key_b.encode()).decrypt(raw.encode()).decode() == text
        with pytest.raises(InvalidToken):
            Fernet(key_a.encode()).decrypt(raw.encode())


@pytest.mark.django_db
def test_rotation_reaches_rows_beyond_the_first_batch(settings) -> None:
    key_a, key_b = new_key(), new_key()
    settings.ENCRYPTION_KEYS = [key_a]
    count = BATCH + 2
    User.objects.bulk_create(
        User(username=f"batch-{i:04d}", ex_name=f"name {i}") for i in range(count)
    )

    settings.ENCRYPTION_KEYS = [key_b, key_a]
    output = rotate()
    settings.ENCRYPTION_KEYS = [key_b]

    assert f"Re-encrypted {count} rows" in output
    stored = sorted(User.objects.values_list("ex_name", flat=True))
    assert stored == sorted(f"name {i}" for i in range(count))


@pytest.mark.django_db
def test_without_rotation_dropping_the_old_key_makes_old_text_unreadable(settings) -> None:
    key_a, key_b = new_key(), new_key()
    settings.ENCRYPTION_KEYS = [key_a]
    user = make_user("not-rotated", "Zephyrine")

    settings.ENCRYPTION_KEYS = [key_b]

    with pytest.raises(DecryptionError):
        User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_reading_with_a_wrong_key_raises_a_clear_decryption_error(settings) -> None:
    settings.ENCRYPTION_KEYS = [new_key()]
    user = make_user("wrong-key", "Zephyrine")

    settings.ENCRYPTION_KEYS = [new_key()]

    with pytest.raises(DecryptionError) as raised:
        User.objects.get(pk=user.pk)
    message = str(raised.value)
    assert "could not be decrypted" in message
    assert "RECOUPLE_ENCRYPTION_KEYS" in message
    assert "Zephyrine" not in message
    with pytest.raises(DecryptionError):
        list(User.objects.filter(pk=user.pk).values_list("ex_name", flat=True))


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("", id="empty"),
        pytest.param("not a token at all", id="plain text"),
        pytest.param("gAAAAABnot-really-a-token€", id="non-ascii"),
        pytest.param(Fernet.generate_key().decode(), id="a key instead of a token"),
    ],
)
def test_decrypting_anything_but_a_token_raises_decryption_error(token: str) -> None:
    with pytest.raises(DecryptionError, match="could not be decrypted"):
        decrypt(token)


def test_a_tampered_token_raises_decryption_error() -> None:
    token = encrypt("Zephyrine")
    middle = len(token) // 2
    flipped = "A" if token[middle] != "A" else "B"
    tampered = token[:middle] + flipped + token[middle + 1 :]

    with pytest.raises(DecryptionError):
        decrypt(tampered)


def test_a_token_holding_bytes_that_are_not_utf8_raises_decryption_error(settings) -> None:
    key = new_key()
    settings.ENCRYPTION_KEYS = [key]
    token = Fernet(key.encode()).encrypt(b"\xff\xfe\xfa").decode()

    with pytest.raises(DecryptionError):
        decrypt(token)


@pytest.mark.django_db
def test_print_new_key_prints_a_fresh_valid_fernet_key_and_changes_nothing() -> None:
    user = make_user("untouched", "Zephyrine")
    raw_before = raw_ex_name(user.pk)
    outputs = []
    for _ in range(2):
        out = StringIO()
        call_command("rotate_encryption_key", "--print-new-key", stdout=out)
        outputs.append(out.getvalue().strip())

    first, second = outputs
    assert first != second
    assert len(first.splitlines()) == 1
    fernet = Fernet(first.encode())
    assert fernet.decrypt(fernet.encrypt(b"check")) == b"check"
    assert raw_ex_name(user.pk) == raw_before


@pytest.mark.django_db
def test_searching_encrypted_text_is_refused_instead_of_silently_matching_nothing(
    owner: User,
) -> None:
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(User.objects.filter(ex_name=OWNER_CANARY))
    assert User.objects.filter(ex_name__isnull=False).count() == 1
