"""Per-team locks, so concurrent membership changes to one team are serialised.

The Pulumi provider serves up to four calls at once; two TeamMember resources of one team, or
a TeamMember and a TeamMembers, would otherwise interleave read-modify-write cycles.
"""

from __future__ import annotations

import threading

__all__ = ["team_lock"]

_LOCKS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def team_lock(team_id: str) -> threading.Lock:
    """The process-wide lock of one team."""
    with _GUARD:
        return _LOCKS.setdefault(team_id, threading.Lock())
