"""Fault injection for reliability tests and demos, in the spirit of LocalStack's chaos API.

A :class:`FaultRule` matches an action (or ``*``) on one or both back ends and fires with a
probability, optionally a limited number of times. Kinds:

* ``error``: answer the error envelope with ``code`` (default ``InternalError``), HTTP 200;
* ``http``: answer a bare HTTP ``status`` (default 503), as an overloaded gateway would;
* ``latency``: wait ``seconds`` before handling (combines with the others);
* ``drop``: close the connection without answering.

``when="before"`` (default) fires before the handler runs, so nothing changes;
``when="after"`` runs the handler and commits, then loses or replaces the answer: the case a
client cannot tell apart from a failure, and must look up before retrying a create.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

__all__ = ["FaultKind", "FaultRule", "FaultSet"]

FaultKind = Literal["error", "http", "latency", "drop"]
_KINDS = ("error", "http", "latency", "drop")


@dataclass(frozen=True)
class FaultRule:
    """One fault: what, where, how often."""

    kind: FaultKind
    action: str = "*"
    probability: float = 1.0
    code: str = "InternalError"
    message: str | None = None
    status: int = 503
    seconds: float = 0.0
    when: Literal["before", "after"] = "before"
    count: int | None = None
    backend: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(_KINDS)}")
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError("probability must be between 0 and 1")
        if self.when not in ("before", "after"):
            raise ValueError("when must be before or after")
        if self.backend not in (None, "tcmpp", "tcsas"):
            raise ValueError("backend must be tcmpp or tcsas")

    def matches(self, action: str, backend: str, when: str) -> bool:
        if self.action not in ("*", action) or self.backend not in (None, backend):
            return False
        return self.when == when or self.kind == "latency"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FaultRule:
        fields = set(cls.__dataclass_fields__)
        unknown = set(data) - fields
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(sorted(unknown))}")
        values = dict(data)
        for name in ("probability", "seconds"):
            if name in values:
                values[name] = float(values[name])
        for name in ("status", "count"):
            if values.get(name) is not None:
                values[name] = int(values[name])
        return cls(**values)

    @classmethod
    def parse(cls, spec: str) -> FaultRule:
        """The CLI form: ``kind=error,action=CreateUser,probability=0.3,code=InternalError``."""
        values: dict[str, Any] = {}
        for part in spec.split(","):
            name, sep, value = part.partition("=")
            if not sep:
                raise ValueError(f"fault spec part {part!r} is not name=value")
            values[name.strip()] = value.strip()
        return cls.from_dict(values)


class FaultSet:
    """The active rules; :meth:`draw` decides which fire for one request (thread-safe)."""

    def __init__(self, rules: Iterable[FaultRule] = (), seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = list(rules)
        self._random = random.Random(seed)

    def set(self, rules: Iterable[FaultRule]) -> None:
        with self._lock:
            self._rules = list(rules)

    def add(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def draw(self, action: str, backend: str, when: str) -> list[FaultRule]:
        """The rules that fire now: any latency rules, then at most one terminal fault."""
        fired: list[FaultRule] = []
        with self._lock:
            for index, rule in enumerate(self._rules):
                if not rule.matches(action, backend, when):
                    continue
                if rule.kind == "latency" and when == "after":
                    continue
                if fired and fired[-1].kind != "latency" and rule.kind != "latency":
                    continue
                if self._random.random() >= rule.probability:
                    continue
                fired.append(rule)
                if rule.count is not None:
                    self._rules[index] = replace(rule, count=rule.count - 1)
            self._rules = [r for r in self._rules if r.count is None or r.count > 0]
        return fired
