"""Secrets shown to their owner once and stored only as a hash (API tokens, calendar feeds)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, ClassVar, Generic, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.timezone import now

# The user model, named by the app that defines it (the base knows no app above it).
UserT = TypeVar("UserT", bound=AbstractBaseUser)

# How often a token's last use is written down: often enough to see it in use, rarely enough
# that reading with it doesn't mean a write on every request.
LAST_USED_RESOLUTION = timedelta(hours=1)


class HashedToken(Generic[UserT]):
    """For a model with ``user``, ``digest`` (unique) and ``last_used`` fields."""

    PREFIX: ClassVar[str] = ""

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def new_token(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @classmethod
    def idle_limit(cls) -> timedelta | None:
        """How long the token may go unused before it stops working; None: no limit."""
        return None

    @classmethod
    def user_for(cls, token: str) -> UserT | None:
        """The active user the token belongs to, or None."""
        if not token.startswith(cls.PREFIX) or len(token) > 100:
            return None
        manager: Any = cls._default_manager  # type: ignore[attr-defined]
        found = manager.select_related("user").filter(digest=cls.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        moment = now()
        limit = cls.idle_limit()
        if limit is not None and moment - (found.last_used or found.created) > limit:
            manager.filter(pk=found.pk).delete()
            return None
        if found.last_used is None or moment - found.last_used > LAST_USED_RESOLUTION:
            manager.filter(pk=found.pk).update(last_used=moment)
        user: UserT = found.user
        return user
