"""The state store: JSON records in named collections, changed only inside transactions.

Handlers see one small interface (:class:`Tx`); two stores implement it. :class:`MemoryStore`
is the default; :class:`~pulumi_tcmpp.emulator._sqlite.SqliteStore` persists to a file. Both
serialise transactions with one lock, which is what makes concurrent requests safe: a handler
runs start to finish alone, and an exception discards everything it wrote.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

__all__ = ["MemoryStore", "Record", "Store", "Tx", "copy_record"]

Record = dict[str, Any]
"""A JSON-compatible object: what every collection holds."""


def copy_record(value: Any) -> Any:
    """A deep copy of JSON-shaped data, much cheaper than :func:`copy.deepcopy`.

    Records cross the store boundary by copy, so a handler that changes a record it read
    cannot change the store behind the transaction's back.
    """
    if type(value) is dict:
        return {k: copy_record(v) for k, v in value.items()}
    if type(value) is list:
        return [copy_record(v) for v in value]
    return value


class Tx(Protocol):
    """One transaction: reads see its own writes; nothing is visible to others until commit."""

    def get(self, kind: str, key: str) -> Record | None:
        """The record, or None."""

    def put(self, kind: str, key: str, record: Record) -> None:
        """Insert or replace (a replaced record keeps its place in :meth:`scan` order)."""

    def delete(self, kind: str, key: str) -> None:
        """Remove the record if it exists."""

    def scan(self, kind: str) -> list[Record]:
        """Every record of a collection, in insertion order."""

    def items(self, kind: str) -> list[tuple[str, Record]]:
        """Every (key, record) of a collection, in insertion order."""

    def counter(self, name: str, start: int) -> int:
        """The next value of a named sequence (``start`` first)."""


class Store(Protocol):
    """Where the state lives."""

    def transaction(self) -> AbstractContextManager[Tx]:
        """A transaction, committed when the block ends normally, discarded otherwise."""

    def clear(self) -> None:
        """Forget everything."""

    def dump(self) -> dict[str, list[Record]]:
        """Every collection with its records (for the state endpoint and tests)."""

    def close(self) -> None:
        """Release files and connections."""


class _MemoryTx:
    """Writes go to an overlay and reach the shared dicts only on commit."""

    def __init__(self, data: dict[str, dict[str, Record]], counters: dict[str, int]) -> None:
        self._data = data
        self._counters = counters
        self._writes: dict[str, dict[str, Record | None]] = {}
        self._new_counters: dict[str, int] = {}

    def get(self, kind: str, key: str) -> Record | None:
        pending = self._writes.get(kind)
        if pending is not None and key in pending:
            record = pending[key]
        else:
            record = self._data.get(kind, {}).get(key)
        return None if record is None else copy_record(record)

    def put(self, kind: str, key: str, record: Record) -> None:
        self._writes.setdefault(kind, {})[key] = copy_record(record)

    def delete(self, kind: str, key: str) -> None:
        self._writes.setdefault(kind, {})[key] = None

    def scan(self, kind: str) -> list[Record]:
        return [record for _, record in self.items(kind)]

    def items(self, kind: str) -> list[tuple[str, Record]]:
        base = self._data.get(kind, {})
        pending = self._writes.get(kind)
        if not pending:
            return [(key, copy_record(record)) for key, record in base.items()]
        out = [
            (key, copy_record(current))
            for key, record in base.items()
            if (current := pending.get(key, record)) is not None
        ]
        out.extend(
            (key, copy_record(record))
            for key, record in pending.items()
            if key not in base and record is not None
        )
        return out

    def counter(self, name: str, start: int) -> int:
        value = self._new_counters.get(name, self._counters.get(name, start - 1)) + 1
        self._new_counters[name] = value
        return value

    def commit(self) -> None:
        for kind, pending in self._writes.items():
            table = self._data.setdefault(kind, {})
            for key, record in pending.items():
                if record is None:
                    table.pop(key, None)
                else:
                    table[key] = record
        self._counters.update(self._new_counters)


class MemoryStore:
    """The default store: dicts in memory, gone when the process ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, Record]] = {}
        self._counters: dict[str, int] = {}

    @contextmanager
    def _transaction(self) -> Iterator[Tx]:
        with self._lock:
            tx = _MemoryTx(self._data, self._counters)
            yield tx
            tx.commit()

    def transaction(self) -> AbstractContextManager[Tx]:
        return self._transaction()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._counters.clear()

    def dump(self) -> dict[str, list[Record]]:
        with self._lock:
            return {
                kind: [copy_record(r) for r in table.values()]
                for kind, table in self._data.items()
                if table
            }

    def close(self) -> None:
        """Nothing to release."""
