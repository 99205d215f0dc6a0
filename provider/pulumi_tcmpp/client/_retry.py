"""When to try a request again, and how long to wait first.

The rules, by what is known about the failed attempt:

* the request never left (connection refused, connect timeout, no pooled connection): retry,
  whatever the action;
* ``RequestLimitExceeded`` and its sub-codes: the service did not process it; retry;
* an answer was lost or garbled after sending (read timeout, dropped connection, HTTP 5xx):
  retry reads and idempotent writes; for a **create** the outcome is unknown, so never retry
  it blindly: raise :class:`~pulumi_tcmpp.errors.OutcomeUnknownError` and let the resource
  layer look the object up by its natural key;
* ``InternalError`` (and the doc's ``InternalServerError``, ``FailedOperation.SystemError``):
  retry reads only, since a failed write may have half-happened.

Waits grow exponentially with full jitter (``random() * min(cap, base * 2**attempt)``), as
botocore does, with time and randomness injected for tests.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pulumi_tcmpp.api._base import Kind
from pulumi_tcmpp.api.errors import category_of

__all__ = ["Failure", "RetryPolicy"]

Failure = Literal["not_sent", "lost", "http_5xx"]
"""Transport failures: never reached the server / answer lost / server answered 5xx."""


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how long; decisions are pure functions of the failure and the kind."""

    max_retries: int = 4
    base: float = 0.25
    cap: float = 8.0
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based), with full jitter."""
        return self.random() * min(self.cap, self.base * 2.0**attempt)

    @staticmethod
    def retry_transport(failure: Failure, kind: Kind) -> bool:
        """Whether a transport failure may be retried for an action of this kind."""
        return failure == "not_sent" or kind != "create"

    @staticmethod
    def retry_code(code: str, kind: Kind) -> bool:
        """Whether an API error code may be retried for an action of this kind."""
        category = category_of(code)
        return category == "rate_limit" or (category == "internal" and kind == "read")
