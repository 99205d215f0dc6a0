"""The per-action rate limit: a token bucket per (SecretId, action), 20 per second by default."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """``allow(key)`` is False when the key spent its budget; ``rate=None`` never limits.

    Each bucket holds one second's worth of requests and refills continuously, so a client
    may burst to the limit and then sustain the rate, like the service's per-second window.
    """

    def __init__(self, rate: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate if rate and rate > 0 else None
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}

    def allow(self, secret_id: str, action: str) -> bool:
        if self.rate is None:
            return True
        key = (secret_id, action)
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.rate, now))
            tokens = min(self.rate, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()
