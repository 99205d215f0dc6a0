"""A store in one SQLite file: every request is one transaction, committed or rolled back.

WAL journal with ``synchronous=NORMAL``: a committed request survives the process stopping or
crashing (not an operating-system crash, which a local emulator does not need to survive).
One connection behind one lock serialises transactions, like the memory store.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from pulumi_tcmpp.emulator._store import Record, Tx

__all__ = ["SqliteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (kind, key)
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, kind: str, key: str) -> Record | None:
        row = self._conn.execute(
            "SELECT body FROM records WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return None if row is None else _load(row[0])

    def put(self, kind: str, key: str, record: Record) -> None:
        self._conn.execute(
            "INSERT INTO records (kind, key, body) VALUES (?, ?, ?) "
            "ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body",
            (kind, key, json.dumps(record, separators=(",", ":"))),
        )

    def delete(self, kind: str, key: str) -> None:
        self._conn.execute("DELETE FROM records WHERE kind = ? AND key = ?", (kind, key))

    def scan(self, kind: str) -> list[Record]:
        return [record for _, record in self.items(kind)]

    def items(self, kind: str) -> list[tuple[str, Record]]:
        rows = self._conn.execute(
            "SELECT key, body FROM records WHERE kind = ? ORDER BY id", (kind,)
        ).fetchall()
        return [(str(row[0]), _load(row[1])) for row in rows]

    def counter(self, name: str, start: int) -> int:
        row = self._conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        value = start if row is None else int(row[0]) + 1
        self._conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
        return value


def _load(body: str) -> Record:
    value = json.loads(body)
    assert isinstance(value, dict)
    return value


class SqliteStore:
    """State in a SQLite file, so a restarted emulator finds everything it had committed."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[Tx]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTx(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def transaction(self) -> AbstractContextManager[Tx]:
        return self._transaction()

    def clear(self) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("DELETE FROM records")
            self._conn.execute("DELETE FROM counters")
            self._conn.execute("COMMIT")

    def dump(self) -> dict[str, list[Record]]:
        with self._lock:
            rows = self._conn.execute("SELECT kind, body FROM records ORDER BY id").fetchall()
        out: dict[str, list[Record]] = {}
        for kind, body in rows:
            out.setdefault(kind, []).append(_load(body))
        return out

    def close(self) -> None:
        with self._lock:
            self._conn.close()
