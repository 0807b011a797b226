"""Rate limits kept in the database, so every app process of a hosted deployment shares them."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.timezone import now


def client_ip(request: HttpRequest) -> str:
    """The client's address: the connection's own, or the one the trusted proxies saw."""
    hops = settings.PROXY_HOPS
    if hops:
        forwarded = [
            part.strip()
            for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return str(forwarded[-hops])
    return str(request.META.get("REMOTE_ADDR", ""))


class TokenBucket(models.Model):
    """A token bucket per hashed key (an address, never stored in the clear)."""

    value = models.CharField(max_length=80, unique=True)
    tokens = models.FloatField(default=1.0)
    updated = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"bucket {self.value[:8]}… ({self.tokens:.2f})"

    @staticmethod
    def authorize(key: str, capacity: int, refill_time_secs: int) -> bool:
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()
        moment = now()
        with transaction.atomic():
            bucket, created = TokenBucket.objects.select_for_update().get_or_create(value=digest)
            if not created:
                elapsed = (moment - bucket.updated).total_seconds()
                bucket.tokens = min(1.0, bucket.tokens + elapsed / refill_time_secs)
            bucket.tokens -= 1.0 / capacity
            if bucket.tokens < 0:
                return False
            bucket.updated = moment
            bucket.save()
        return True

    @staticmethod
    def authorize_signup(request: HttpRequest) -> bool:
        """At most 10 new accounts an hour from one address."""
        return TokenBucket.authorize(f"signup:{client_ip(request)}", 10, 3600)

    @staticmethod
    def authorize_signup_attempt(request: HttpRequest) -> bool:
        """At most 20 sign-up tries an hour from one address, failed ones included: asked
        before the form answers, so nobody can test which usernames are taken at speed."""
        return TokenBucket.authorize(f"signup-try:{client_ip(request)}", 20, 3600)

    @staticmethod
    def authorize_recovery_attempt(request: HttpRequest) -> bool:
        """At most 10 recovery tries an hour from one address, whether or not they fit."""
        return TokenBucket.authorize(f"recover-try:{client_ip(request)}", 10, 3600)
