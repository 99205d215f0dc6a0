"""Reads served a moment late: the ``visibility_lag`` reading.

No vendor page promises that a list or describe shows a write at once; many cloud APIs serve
reads from replicas or search indexes that trail the primary. With a lag of L seconds the
emulator answers read actions (Describe*, Check*) from the state as it was L seconds ago:
:class:`WriteLog` keeps each committed write with the record it replaced, and
:class:`LaggedView` undoes the writes younger than L for one read. Write actions always see the
latest state (so uniqueness rules hold), and housekeeping a read does on the side (a build
task counting its polls) reads and writes the latest state too.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from pulumi_tcmpp.emulator._store import Record, Tx, copy_record

__all__ = ["LaggedView", "RecordingTx", "WriteLog"]

Key = tuple[str, str]
"""(collection, key) of one record."""


class RecordingTx:
    """A transaction that remembers, per record it writes, the record as it was before."""

    def __init__(self, inner: Tx) -> None:
        self.inner = inner
        self.before: dict[Key, Record | None] = {}

    def _remember(self, kind: str, key: str) -> None:
        if (kind, key) not in self.before:
            self.before[(kind, key)] = self.inner.get(kind, key)

    def get(self, kind: str, key: str) -> Record | None:
        return self.inner.get(kind, key)

    def put(self, kind: str, key: str, record: Record) -> None:
        self._remember(kind, key)
        self.inner.put(kind, key, record)

    def delete(self, kind: str, key: str) -> None:
        self._remember(kind, key)
        self.inner.delete(kind, key)

    def scan(self, kind: str) -> list[Record]:
        return self.inner.scan(kind)

    def items(self, kind: str) -> list[tuple[str, Record]]:
        return self.inner.items(kind)

    def counter(self, name: str, start: int) -> int:
        return self.inner.counter(name, start)


@dataclass(frozen=True)
class _Write:
    when: float
    before: dict[Key, Record | None]


class WriteLog:
    """Committed writes of the last moments, oldest first (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._writes: deque[_Write] = deque()

    def record(self, when: float, before: dict[Key, Record | None], keep: float) -> None:
        """Remember one transaction's writes; forget those older than ``keep`` seconds."""
        with self._lock:
            if before:
                self._writes.append(_Write(when, before))
            while self._writes and self._writes[0].when < when - keep:
                self._writes.popleft()

    def hidden_since(self, since: float) -> dict[Key, Record | None]:
        """Per record written after ``since``: the record before the first such write."""
        hidden: dict[Key, Record | None] = {}
        with self._lock:
            for write in self._writes:
                if write.when > since:
                    for key, before in write.before.items():
                        hidden.setdefault(key, before)
        return hidden

    def last_write(self) -> float | None:
        with self._lock:
            return self._writes[-1].when if self._writes else None

    def clear(self) -> None:
        with self._lock:
            self._writes.clear()


class LaggedView:
    """The state as a read L seconds late sees it; writes go through to the transaction.

    A record written within the lag reads as it was before (absent when it was created in the
    window); a record deleted within the lag still shows, listed before the records made since
    (it is older than they are).
    """

    def __init__(self, inner: Tx, hidden: dict[Key, Record | None]) -> None:
        self.inner = inner
        self._hidden = hidden

    def get(self, kind: str, key: str) -> Record | None:
        if (kind, key) in self._hidden:
            before = self._hidden[(kind, key)]
            return None if before is None else copy_record(before)
        return self.inner.get(kind, key)

    def scan(self, kind: str) -> list[Record]:
        return [record for _, record in self.items(kind)]

    def items(self, kind: str) -> list[tuple[str, Record]]:
        late = {key: before for (k, key), before in self._hidden.items() if k == kind}
        if not late:
            return self.inner.items(kind)
        shown: list[tuple[str, Record]] = []
        present: set[str] = set()
        for key, record in self.inner.items(kind):
            present.add(key)
            before = late.get(key, record)
            if before is not None:
                shown.append((key, record if key not in late else copy_record(before)))
        gone = [
            (key, copy_record(before))
            for key, before in late.items()
            if key not in present and before is not None
        ]
        return gone + shown

    def put(self, kind: str, key: str, record: Record) -> None:
        self.inner.put(kind, key, record)

    def delete(self, kind: str, key: str) -> None:
        self.inner.delete(kind, key)

    def counter(self, name: str, start: int) -> int:
        return self.inner.counter(name, start)
