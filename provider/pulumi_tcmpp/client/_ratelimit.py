"""A client-side token bucket per action, shared by every thread of the process.

TCMPP documents a fixed limit of 20 requests per second per action. Staying under it on the
client side, rather than reacting to ``RequestLimitExceeded``, keeps a 300-resource
``pulumi up`` (up to 4 provider threads, plus an export's concurrent pages) from ever
showing a throttling error. Time is injected so tests never sleep. Each wait is logged at
debug level (``pulumi_tcmpp.throttle``), so a slow run can be told from a throttled one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

__all__ = ["TokenBucket", "limiter_for"]

_LOG = logging.getLogger("pulumi_tcmpp.throttle")


class TokenBucket:
    """``rate`` tokens per second, holding at most ``rate`` (one second's worth of burst).

    ``name`` (the action) names the bucket in log lines.
    """

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        name: str = "",
    ) -> None:
        self.rate = rate
        self.name = name
        self.capacity = max(1.0, rate)
        self._tokens = self.capacity
        self._clock = clock
        self._sleep = sleep
        self._updated = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, waiting as long as needed; returns the seconds waited.

        A caller that finds the bucket empty reserves the next token (the count goes below
        zero) and sleeps until it is due, so waiting threads are served in order.
        """
        if self.rate <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            self._tokens -= 1.0
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            _LOG.debug(
                "%s: client-side rate limit of %g/s, waiting %.3f s",
                self.name or "request",
                self.rate,
                wait,
            )
            self._sleep(wait)
        return wait


_BUCKETS: dict[tuple[str, str, float], TokenBucket] = {}
_BUCKETS_LOCK = threading.Lock()


def limiter_for(endpoint: str, action: str, rate: float) -> TokenBucket:
    """The process-wide bucket of one action at one endpoint (created on first use)."""
    key = (endpoint, action, rate)
    bucket = _BUCKETS.get(key)
    if bucket is None:
        with _BUCKETS_LOCK:
            bucket = _BUCKETS.setdefault(key, TokenBucket(rate, name=action))
    return bucket
