"""A local journal of creates in flight: how a later run recognises an object as its own.

TCMPP has no idempotency token, and a killed ``pulumi up`` (or a provider process that dies
mid-call) can leave an object made by a create whose answer nobody read: it is on the
platform but in no stack. The next ``up`` creates that resource again, finds the natural key
taken, and must decide whether the object is its own (take it over) or someone else's
(refuse: taking it would make ``destroy`` delete it).

Before each create, after the lookup showed the natural key free, the provider writes an
*intent* here: which object (back end, endpoint, platform, project, kind, natural key) and a
fingerprint of the declared inputs. Once the create's outcome is known (made and recorded,
rolled back, or refused) the intent is removed. An intent that is still here when a later
create finds its key taken proves the object came from our own interrupted create: the key
was free when it was written, and only that create was under way. It is honoured for
:data:`TTL` seconds and only for the same inputs; anything else is refused with the one
command that takes the object over by id (``tcmpp:adoptIds``).

The journal lives in ``$TCMPP_STATE_DIR/creates`` (default ``~/.pulumi-tcmpp/creates``), one
small JSON file per intent, written atomically. It holds no secret and no secret-derived
value: write-only inputs (passwords) are left out of the fingerprint. When the directory
cannot be written, creates go on without a journal (recovery then needs the command).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["JOURNAL_DIR_ENV", "TTL", "Intent", "Journal"]

JOURNAL_DIR_ENV = "TCMPP_STATE_DIR"
TTL = 7 * 24 * 3600.0
"""Seconds an unresolved intent proves ownership (a week: long enough for the next run)."""
_VERSION = 1


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class Intent:
    """One create in flight, as written to the journal (``path`` is None without a journal)."""

    path: Path | None

    def resolve(self) -> None:
        """The outcome is known: forget the intent."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()

    @property
    def location(self) -> str:
        """Where the intent is kept, for messages."""
        return str(self.path) if self.path is not None else "(no journal)"


class Journal:
    """The intents of one machine; thread-safe (one file per object, atomic renames)."""

    def __init__(self, directory: Path | None, clock: Any = time.time) -> None:
        self.directory = directory
        self._clock = clock

    @classmethod
    def default(cls) -> Journal:
        """The journal in ``$TCMPP_STATE_DIR`` or ``~/.pulumi-tcmpp``."""
        root = os.environ.get(JOURNAL_DIR_ENV) or str(Path.home() / ".pulumi-tcmpp")
        return cls(Path(root) / "creates")

    @staticmethod
    def fingerprint(inputs: Mapping[str, Any]) -> str:
        """A digest of declared inputs (callers leave write-only ones out)."""
        return hashlib.sha256(_canonical(dict(inputs)).encode()).hexdigest()

    def _path(self, scope: Mapping[str, Any]) -> Path | None:
        if self.directory is None:
            return None
        name = hashlib.sha256(_canonical(dict(scope)).encode()).hexdigest()[:40]
        return self.directory / f"{name}.json"

    def begin(self, scope: Mapping[str, Any], fingerprint: str) -> Intent:
        """Write the intent of a create about to be sent (atomically)."""
        path = self._path(scope)
        if path is None:
            return Intent(None)
        record = {
            "version": _VERSION,
            "scope": dict(scope),
            "fingerprint": fingerprint,
            "started": self._clock(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".intent.", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_canonical(record))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except OSError:
            return Intent(None)  # no journal here: recovery will need tcmpp:adoptIds
        return Intent(path)

    def unresolved(self, scope: Mapping[str, Any], fingerprint: str) -> Intent | None:
        """The unresolved, unexpired intent for this object and these inputs, if any."""
        path = self._path(scope)
        if path is None:
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("version") != _VERSION:
            return None
        fresh = self._clock() - float(record.get("started") or 0) < TTL
        same = record.get("fingerprint") == fingerprint and record.get("scope") == dict(scope)
        return Intent(path) if fresh and same else None
