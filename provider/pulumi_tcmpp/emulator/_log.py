"""The request log: one entry per API request, for assertions in tests and for the demo."""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

__all__ = ["RequestLog", "redact"]

_SECRET_KEYS = ("password", "secretkey", "token")


def redact(value: Any) -> Any:
    """A copy with passwords and secrets replaced by ``***``."""
    if isinstance(value, dict):
        return {
            k: "***" if any(s in k.lower() for s in _SECRET_KEYS) else redact(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class RequestLog:
    """A bounded, thread-safe list of entries, numbered from 1 (``seq``)."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._entries: deque[dict[str, Any]] = deque(maxlen=capacity)
        self._seq = 0

    def append(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._seq += 1
            self._entries.append({"seq": self._seq, **entry})

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(e) for e in self._entries]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
