"""Reading a live environment for the CLI: a client, a progress bar, a snapshot, timed.

``export`` and ``diff`` both read whole platforms; this keeps the client's lifetime, the
progress bar and the timing in one place so the commands stay about their own work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TextIO

from pulumi_tcmpp._text import plural
from pulumi_tcmpp.client import Client, Settings
from pulumi_tcmpp.clone.discover import DEFAULT_PAGE_SIZE, DEFAULT_WORKERS, discover
from pulumi_tcmpp.clone.progress import Progress
from pulumi_tcmpp.clone.snapshot import Snapshot

__all__ = ["Reading", "read_platform"]


@dataclass(frozen=True)
class Reading:
    """A snapshot and how long reading it took."""

    snapshot: Snapshot
    seconds: float

    def summary(self) -> str:
        """One line for the operator: platform, requests, time."""
        snap = self.snapshot
        requests = sum(snap.calls.values())
        calls = plural(requests, "request")
        return f"read platform {snap.platform_id} with {calls} in {self.seconds:.1f} s"


def read_platform(
    settings: Settings,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    workers: int = DEFAULT_WORKERS,
    progress_stream: TextIO | None = None,
    label: str = "reading",
) -> Reading:
    """Read the whole platform the settings name (progress drawn on the stream, if any)."""
    started = time.monotonic()
    with Client(settings) as client:
        snapshot = discover(
            client,
            page_size=page_size,
            workers=workers,
            progress=Progress(progress_stream, label),
        )
    return Reading(snapshot, time.monotonic() - started)
