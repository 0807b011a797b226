from __future__ import annotations

from recouple.core.ratelimit import TokenBucket

__all__ = ["TokenBucket"]
