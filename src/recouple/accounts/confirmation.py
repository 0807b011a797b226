"""Confirming an email address by a link sent to it, before any reminder goes there.

The link carries a signed (user, address) pair and no database row: it works once the
address it names is still the account's, for three days, and an address changed in between
makes every older link useless.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from recouple.accounts.models import User
from recouple.core.ratelimit import TokenBucket

SALT = "recouple.accounts.email-confirmation"
LINK_LIFETIME_SECONDS = 3 * 24 * 3600


def link_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def user_for(token: str) -> User | None:
    """The account whose current address the token confirms, or None."""
    try:
        data = signing.loads(token[:500], salt=SALT, max_age=LINK_LIFETIME_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if user is None or not user.email or user.email != data.get("e"):
        return None
    return user


def confirm(user: User) -> None:
    user.email_confirmed = user.email
    user.save(update_fields=["email_confirmed"])


def send_link(request: HttpRequest, user: User) -> bool:
    """Email the confirmation link; False when there is no mail server or it was asked too
    often (five an hour per account, so nobody can use the app to flood an address)."""
    if not settings.EMAIL_HOST or not user.email:
        return False
    if not TokenBucket.authorize(f"confirm-email:{user.pk}", 5, 3600):
        return False
    url = request.build_absolute_uri(
        reverse("accounts:confirm_email", kwargs={"token": link_token(user)})
    )
    # Neutral words: whoever owns this address learns nothing about the person or their ex.
    body = _(
        "Someone asked for reminders from Recouple to be sent to this address.\n\n"
        "If it was you, open this link within three days to confirm it:\n%(url)s\n\n"
        "If it wasn’t you, ignore this email. Nothing more will be sent here."
    ) % {"url": url}
    try:
        send_mail(_("Confirm your email address"), body, None, [user.email])
    except OSError:
        return False
    return True
