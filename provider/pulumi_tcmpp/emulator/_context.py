"""What a handler gets besides its request: the transaction, the caller, the clock, the platform."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from pulumi_tcmpp.api._base import BackendName
from pulumi_tcmpp.emulator._config import BuildMode
from pulumi_tcmpp.emulator._readings import Readings
from pulumi_tcmpp.emulator._store import Record, Tx

__all__ = ["GLOBAL", "Ctx"]

GLOBAL = "_"
"""Namespace of the records no platform owns (preset keys)."""


@dataclass
class Ctx:
    """One request's view of the state, scoped to its platform.

    Collections are namespaced ``<PlatformId>:<kind>``, so platforms never see each other's
    objects; :meth:`get_global`/:meth:`put_global` reach the platform-free namespace.

    Reads go through ``view``: the transaction itself, or for read actions under the
    ``visibility_lag`` reading the state as it was a moment ago. :meth:`fresh_get` and
    :meth:`fresh_scan` read the latest state, for housekeeping a read does on the side.
    """

    tx: Tx
    backend: BackendName
    platform_id: str
    caller: str
    now: int
    request_id: str
    rng: random.Random
    build: BuildMode
    readings: Readings = field(default_factory=Readings)
    view: Tx | None = None
    platform_admin: bool = True

    @property
    def now_str(self) -> str:
        """The API's time format: Unix seconds as a string."""
        return str(self.now)

    def code(self, tcmpp: str, tcsas: str) -> str:
        """The code this back end uses where the two SDKs name it differently."""
        return tcmpp if self.backend == "tcmpp" else tcsas

    def _kind(self, kind: str) -> str:
        return f"{self.platform_id}:{kind}"

    @property
    def _reader(self) -> Tx:
        return self.view if self.view is not None else self.tx

    def get(self, kind: str, key: str) -> Record | None:
        return self._reader.get(self._kind(kind), key)

    def put(self, kind: str, key: str, record: Record) -> None:
        self.tx.put(self._kind(kind), key, record)

    def delete(self, kind: str, key: str) -> None:
        self.tx.delete(self._kind(kind), key)

    def scan(self, kind: str) -> list[Record]:
        return self._reader.scan(self._kind(kind))

    def fresh_get(self, kind: str, key: str) -> Record | None:
        """The record as it is now, whatever the read lag."""
        return self.tx.get(self._kind(kind), key)

    def fresh_scan(self, kind: str) -> list[Record]:
        """The collection as it is now, whatever the read lag."""
        return self.tx.scan(self._kind(kind))

    def counter(self, name: str, start: int) -> int:
        return self.tx.counter(self._kind(name), start)

    def get_global(self, kind: str, key: str) -> Record | None:
        return self.tx.get(f"{GLOBAL}:{kind}", key)

    def put_global(self, kind: str, key: str, record: Record) -> None:
        self.tx.put(f"{GLOBAL}:{kind}", key, record)

    def unique(self, kind: str, make: Callable[[random.Random], str]) -> str:
        """A fresh key for ``kind`` from the generator ``make(rng)`` (retried on a clash)."""
        while True:
            key = make(self.rng)
            if self.fresh_get(kind, key) is None:
                return key
