"""When to try a request again, and how long to wait first.

Every failed attempt is one of three things, by what it proves about the server:

* **nothing happened**, provably: the request never left (connection refused, connect
  timeout, no pooled connection), the gateway throttled it (HTTP 429), or the API refused it
  before acting (an error envelope: rate limit, auth, parameter, not found, conflict...).
  Retrying is always safe; it is done when it can help, i.e. for the transient ones (never
  sent, 429, ``RequestLimitExceeded*``), whatever the action, creates included. A refusal that
  a retry would only repeat (bad parameter, bad credentials, name taken) is raised at once;
* **it may have happened**: the answer was lost after sending (read timeout, dropped
  connection), the gateway answered 5xx, or the API answered ``InternalError`` (and the
  doc's ``InternalServerError``, ``FailedOperation.SystemError``, ``ServiceUnavailable``...),
  which a write may have half-done. Reads, idempotent writes (modify, delete, process) and
  repeatable creates (``CreatePresetKey``, which names nothing: a spare key is harmless) are
  retried; any other **create** is not, because TCMPP has no idempotency token: it raises
  :class:`~pulumi_tcmpp.errors.OutcomeUnknownError` and the resource layer reconciles by
  natural key (``resources/_reconcile.py``).

Waits grow exponentially with full jitter (``random() * min(cap, base * 2**attempt)``), as
botocore does, with time and randomness injected for tests. The retries of one call share
its budget of ``max_retries``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pulumi_tcmpp.api._base import Kind
from pulumi_tcmpp.api.errors import category_of

__all__ = ["Decision", "Failure", "RetryPolicy"]

Failure = Literal["not_sent", "throttled", "lost", "http_5xx", "internal"]
"""What went wrong with an attempt: never sent / throttled by the gateway (HTTP 429) /
answer lost / gateway 5xx / the API answered an internal error."""

Decision = Literal["retry", "unknown", "raise"]
"""Retry it; give up with an unknown outcome (a create that may have happened); raise it."""

_NOTHING_HAPPENED: frozenset[Failure] = frozenset({"not_sent", "throttled"})


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
    def decide(failure: Failure, kind: Kind, repeatable: bool = False) -> Decision:
        """What to do after a failed attempt of an action of this kind."""
        if failure in _NOTHING_HAPPENED or kind != "create" or repeatable:
            return "retry"
        return "unknown"

    @staticmethod
    def failure_of_code(code: str) -> Failure | None:
        """The failure an API error code stands for, or None for a refusal a retry repeats."""
        category = category_of(code)
        if category == "rate_limit":
            return "throttled"
        if category == "internal":
            return "internal"
        return None
