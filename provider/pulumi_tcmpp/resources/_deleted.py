"""Objects this provider process deleted a moment ago, so that lookups do not take them for new.

The platform's reads may trail its writes (no vendor page promises otherwise): right after
DeleteTeam the team list may still show the deleted team. A replacement that keeps the name
(delete-before-replace) deletes the old object and creates the new one in the same provider
process, and the create looks its natural key up (first, after an unknown outcome, and to find
an id-less object): it must take the old, deleted one neither for a taken key nor for the one
it made (``_creates.CreateFlow``). Deletes are remembered per platform for a few minutes.
"""

from __future__ import annotations

import threading
import time

__all__ = ["forget_deleted", "recently_deleted", "remember_deleted"]

REMEMBER = 300.0
"""Seconds a delete is remembered: far longer than any read lag worth waiting out."""

_lock = threading.Lock()
_deleted: dict[tuple[str, str, str], float] = {}


def remember_deleted(platform_id: str, kind: str, id_: str) -> None:
    """Note that this process deleted the ``kind`` object ``id_`` (e.g. ``team``)."""
    now = time.monotonic()
    with _lock:
        for key in [k for k, when in _deleted.items() if now - when > REMEMBER]:
            del _deleted[key]
        _deleted[(platform_id, kind, id_)] = now


def recently_deleted(platform_id: str, kind: str, id_: str | None) -> bool:
    """Whether this process deleted the object a moment ago."""
    if not id_:
        return False
    with _lock:
        when = _deleted.get((platform_id, kind, str(id_)))
    return when is not None and time.monotonic() - when <= REMEMBER


def forget_deleted() -> None:
    """Forget every delete (tests)."""
    with _lock:
        _deleted.clear()
