"""What an operation reports: steps, provider RPCs, failures, outputs.

These are plain records so tests can assert on them directly; :class:`Result` adds a few readers
(``calls()``, ``step()``) that turn the common assertions into one line.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ._graph import urn_name
from ._state import ResourceState, State
from ._values import PropertyMap

__all__ = ["DeploymentFailed", "Diagnostic", "Failure", "Result", "RpcCall", "Step"]

STARTUP_METHODS = frozenset(
    {"Handshake", "GetPluginInfo", "CheckConfig", "DiffConfig", "Configure"}
)


@dataclass
class RpcCall:
    """One gRPC call to the provider process, as ``PULUMI_DEBUG_GRPC`` would log it.

    ``request``/``response`` are ``MessageToDict`` renderings (secrets as the engine sent them:
    stripped, since Python dynamic providers do not accept secrets). ``started``/``finished`` are
    sequence numbers shared by all calls of an operation, so two calls overlapped in time iff each
    started before the other finished.
    """

    method: str
    urn: str
    request: dict[str, Any]
    response: dict[str, Any] | None = None
    error: str | None = None
    started: int = 0
    finished: int = 0

    @property
    def name(self) -> str:
        """The resource name of the URN the call was about ("" for start-up calls)."""
        if self.method in STARTUP_METHODS or self.urn.count("::") < 3:
            return ""
        return urn_name(self.urn)

    def overlaps(self, other: RpcCall) -> bool:
        """Whether the two calls were in flight at the same time."""
        return self.started < other.finished and other.started < self.finished


class RpcLog:
    """Thread-safe, ordered record of provider calls, numbered with one event counter."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events = 0
        self.calls: list[RpcCall] = []

    def begin(self, method: str, urn: str, request: dict[str, Any]) -> RpcCall:
        """Record that a call starts."""
        with self._lock:
            self._events += 1
            call = RpcCall(method, urn, request, started=self._events)
            self.calls.append(call)
            return call

    def end(self, call: RpcCall, response: dict[str, Any] | None, error: str | None) -> None:
        """Record that a call ended, with its response or error."""
        with self._lock:
            self._events += 1
            call.response, call.error, call.finished = response, error, self._events


@dataclass
class Failure:
    """Why an operation failed, in the words the CLI would use.

    ``kind`` says who is at fault: ``program`` (the Pulumi program raised), ``check`` (the
    provider rejected inputs), ``provider`` (a provider call raised), ``protect`` (a protected
    resource would be deleted) or ``engine`` (anything else). ``detail`` holds the full
    traceback or response.
    """

    message: str
    kind: str = "engine"
    urn: str = ""
    detail: str = ""

    def __str__(self) -> str:
        return self.message


@dataclass
class Diagnostic:
    """A message the program logged (``pulumi.log.info`` and friends)."""

    severity: str
    message: str
    urn: str = ""


@dataclass
class Step:
    """One step of a deployment, as the CLI lists them.

    ``op`` is one of ``same``, ``create``, ``update``, ``replace``, ``create-replacement``,
    ``delete-replaced``, ``delete``, ``discard``, ``read``, ``read-replacement``, ``refresh``,
    ``remove-pending-replace`` or ``import``. ``diffs`` are the keys the engine saw change
    (from the provider, or from its own input diff when the provider said "unknown");
    ``detailed_diff`` is the kit's key-level view of inputs for display; ``drift`` (refresh
    only) is ``same``, ``update`` or ``delete``.
    """

    op: str
    urn: str
    type: str
    old: ResourceState | None = None
    new: ResourceState | None = None
    diffs: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    detailed_diff: dict[str, str] = field(default_factory=dict)
    delete_before_replace: bool = False
    drift: str = ""
    error: str | None = None

    @property
    def name(self) -> str:
        """The resource name."""
        return urn_name(self.urn)

    @property
    def ok(self) -> bool:
        """Whether the step succeeded."""
        return self.error is None


class DeploymentFailed(Exception):
    """Raised by :meth:`Result.raise_on_error` with every failure message."""

    def __init__(self, result: Result) -> None:
        lines = "\n".join(f"  - {f.message}" for f in result.errors)
        super().__init__(f"{result.operation} of {result.stack} failed:\n{lines}")
        self.result = result


@dataclass
class Result:
    """The outcome of ``preview``, ``up``, ``refresh`` or ``destroy``."""

    operation: str
    stack: str
    ok: bool
    errors: list[Failure]
    steps: list[Step]
    rpcs: list[RpcCall]
    outputs: PropertyMap
    diagnostics: list[Diagnostic]
    provider_output: list[str]
    state: State | None

    @property
    def summary(self) -> dict[str, int]:
        """Step counts per op (refresh steps count under their drift: same/update/delete)."""
        counts = Counter(s.drift if s.op == "refresh" else s.op for s in self.steps)
        return dict(sorted(counts.items()))

    def calls(self, name: str | None = None, *, startup: bool = False) -> list[str]:
        """Provider calls as ``"Method(name)"`` strings, in the order they were issued.

        Only calls about resources unless ``startup`` (Handshake, GetPluginInfo, CheckConfig,
        DiffConfig, Configure) is set; only those about ``name`` if given.
        """
        picked = []
        for call in self.rpcs:
            if not call.name and not startup:
                continue
            if name is not None and call.name != name:
                continue
            picked.append(f"{call.method}({call.name})" if call.name else call.method)
        return picked

    def rpc(self, method: str, name: str, index: int = 0) -> RpcCall:
        """The ``index``-th call of ``method`` about resource ``name`` (KeyError if none)."""
        found = [c for c in self.rpcs if c.method == method and c.name == name]
        if len(found) <= index:
            raise KeyError(f"no call {method}({name}) #{index}; calls: {self.calls()}")
        return found[index]

    def step(self, name: str, op: str | None = None) -> Step:
        """The single step for resource ``name`` (and ``op``, if given)."""
        found = [s for s in self.steps if s.name == name and (op is None or s.op == op)]
        if len(found) != 1:
            ops = [s.op for s in self.steps if s.name == name]
            raise KeyError(f"expected one step for {name!r} (op={op}), found ops {ops}")
        return found[0]

    def render(self, *, show_same: bool = False) -> str:
        """A readable report: changed steps, outputs (secrets masked), errors, summary."""
        from ._render import render

        return render(self, show_same=show_same)

    def raise_on_error(self) -> Result:
        """Return self if the operation succeeded, else raise :class:`DeploymentFailed`."""
        if not self.ok:
            raise DeploymentFailed(self)
        return self

    def __str__(self) -> str:
        status = "succeeded" if self.ok else "failed"
        counts = ", ".join(f"{n} {op}" for op, n in self.summary.items()) or "no changes"
        lines = [f"{self.operation} of {self.stack} {status}: {counts}"]
        lines.extend(f"  error: {f.message}" for f in self.errors)
        return "\n".join(lines)
