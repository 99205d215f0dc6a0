"""Waiting for the platform's asynchronous work (version builds, approvals), in bounded steps.

A provider call that waits polls: each step is one short API call and then a pause of at most
``interval`` seconds (the pause starts short and doubles, so fast work is noticed fast). No
single call blocks for long, because a dynamic-provider call blocked for more than ~180 s
has been seen to hang (pulumi/pulumi#13841); the whole wait is bounded by ``timeout``.

Progress goes to Pulumi's log through the ``pulumi_tcmpp.wait`` logger: in the provider
process an ``info: tcmpp: ...`` line on stderr, which the CLI shows under the stack (see
:mod:`pulumi_tcmpp._logs`), each pause at debug level.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pulumi_tcmpp.client._setting_values import parse_setting
from pulumi_tcmpp.errors import TcmppError
from pulumi_tcmpp.resources._runtime import Context, stack_config

__all__ = [
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_VISIBILITY_TIMEOUT",
    "VISIBILITY_TIMEOUT_KEY",
    "WaitTimeoutError",
    "Waiter",
    "eventually",
    "progress",
    "visibility_timeout",
]

T = TypeVar("T")
_LOG = logging.getLogger("pulumi_tcmpp.wait")

DEFAULT_POLL_INTERVAL = 5.0
"""Longest pause between two looks, in seconds, unless a resource's ``poll_interval`` says."""
FIRST_PAUSE = 0.25
HEARTBEAT = 30.0
"""Seconds between two "still waiting" lines when nothing changes."""
VISIBILITY_TIMEOUT_KEY = "tcmpp:visibilityTimeout"
DEFAULT_VISIBILITY_TIMEOUT = 30.0
"""Longest wait for the platform's reads to show a write just made, unless
``tcmpp:visibilityTimeout`` says: no vendor page promises that a list or describe reflects a
write at once (see docs/emulator.md, visibility lag)."""


def visibility_timeout() -> float:
    """Seconds a read may trail our own write (``tcmpp:visibilityTimeout``, default 30)."""
    value = stack_config().get(VISIBILITY_TIMEOUT_KEY)
    if value in (None, ""):
        return DEFAULT_VISIBILITY_TIMEOUT
    return float(parse_setting(VISIBILITY_TIMEOUT_KEY, value))


class WaitTimeoutError(TcmppError):
    """The platform did not finish in time; the work it was doing goes on without us."""


def progress(message: str) -> None:
    """One progress line for the user running ``pulumi up``."""
    _LOG.info("%s", message)


@dataclass(frozen=True)
class Waiter:
    """How long to wait, how often to look, and (for tests) the clock and sleep to use."""

    timeout: float
    interval: float = DEFAULT_POLL_INTERVAL
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    report: Callable[[str], None] = progress

    @classmethod
    def of(cls, ctx: Context, timeout: float | None, interval: float | None) -> Waiter:
        """A waiter from a resource's inputs, defaulting to ``tcmpp:operationTimeout``."""
        return cls(
            timeout=timeout if timeout is not None else ctx.operation_timeout,
            interval=interval if interval is not None else DEFAULT_POLL_INTERVAL,
        )

    def until(
        self,
        what: str,
        look: Callable[[], T],
        status: Callable[[T], str],
        done: Callable[[T], bool],
        hint: str,
    ) -> T:
        """Look until ``done``; report each new ``status``; raise :class:`WaitTimeoutError`.

        ``what`` names the work in messages ("the build of version 1.0.1 of mpX"); ``hint``
        ends the timeout error with what is left on the platform and what to do next.
        """
        start = self.clock()
        deadline = start + self.timeout
        pause = min(FIRST_PAUSE, self.interval)
        reported: tuple[str, float] | None = None
        while True:
            value = look()
            if done(value):
                return value
            now, text = self.clock(), status(value)
            if reported is None or reported[0] != text or now - reported[1] >= HEARTBEAT:
                self.report(f"{what}: {text} ({now - start:.0f}s of {self.timeout:g}s)")
                reported = (text, now)
            if now >= deadline:
                raise WaitTimeoutError(
                    f"timed out after {self.timeout:g}s waiting for {what} (last seen: {text}). "
                    f"{hint}"
                )
            wait = max(0.0, min(pause, deadline - now))
            _LOG.debug("%s: %s; looking again in %.2f s", what, text, wait)
            self.sleep(wait)
            pause = min(pause * 2, self.interval)


def eventually(ctx: Context, what: str, look: Callable[[], T | None], hint: str) -> T:
    """The first non-None ``look()``: a write of ours that the platform's reads may trail.

    Bounded by :func:`visibility_timeout` (or ``tcmpp:operationTimeout`` when shorter); the
    first look is immediate, so a platform that reads its writes at once costs nothing extra.
    """
    waiter = Waiter(timeout=min(ctx.operation_timeout, visibility_timeout()), interval=1.0)
    found = waiter.until(
        what=what,
        look=look,
        status=lambda value: "not listed yet" if value is None else "listed",
        done=lambda value: value is not None,
        hint=hint,
    )
    assert found is not None
    return found
