"""The stack's state: resources as the engine records them, kept in a JSON file.

The file mirrors the resource entries of ``pulumi stack export --show-secrets`` (camelCase keys,
secrets as ``plaintext`` wrappers), wrapped in a small envelope with a format version. It is
written to a temporary file in the same directory and renamed over the old one, so a failed or
interrupted write never leaves a half-written state: the previous file stays intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ._graph import DEFAULT_PROVIDER_TYPE, ROOT_STACK_TYPE, urn_name
from ._values import PropertyMap, from_wire, to_state_json

__all__ = [
    "FORMAT_VERSION",
    "OPERATION_TYPES",
    "PendingOperation",
    "ResourceState",
    "State",
    "StateFileError",
]

FORMAT_KIND = "pulumi-tcmpp-offline-state"
FORMAT_VERSION = 1


class StateFileError(Exception):
    """The state file cannot be used: it is corrupt, or written by a newer format.

    The operation stops before doing anything, so the file is left exactly as it was.
    """


@dataclass
class ResourceState:
    """One resource as the engine records it (``resource.State`` in the Go engine).

    ``inputs`` and ``outputs`` are Python values with secrets still wrapped in
    :class:`~pulumi_tcmpp.testing.Secret`.
    """

    urn: str
    type: str
    custom: bool
    id: str = ""
    inputs: PropertyMap = field(default_factory=dict)
    outputs: PropertyMap = field(default_factory=dict)
    parent: str = ""
    provider: str = ""
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    protect: bool = False
    retain_on_delete: bool = False
    external: bool = False
    delete: bool = False
    pending_replacement: bool = False
    ignore_changes: list[str] = field(default_factory=list)
    replace_on_changes: list[str] = field(default_factory=list)
    additional_secret_outputs: list[str] = field(default_factory=list)
    custom_timeouts: dict[str, str] = field(default_factory=dict)
    deleted_with: str = ""

    @property
    def name(self) -> str:
        """The resource name (last part of the URN)."""
        return urn_name(self.urn)

    def all_dependencies(self) -> set[str]:
        """Every URN this resource needs: parent, provider, dependencies, property dependencies."""
        deps = set(self.dependencies)
        for urns in self.property_dependencies.values():
            deps.update(urns)
        if self.parent:
            deps.add(self.parent)
        if self.provider:
            deps.add(self.provider.rsplit("::", 1)[0])
        if self.deleted_with:
            deps.add(self.deleted_with)
        return deps

    def copy(self, **changes: Any) -> ResourceState:
        """A shallow copy with some fields replaced."""
        return replace(self, **changes)


_JSON_NAMES = {
    "property_dependencies": "propertyDependencies",
    "retain_on_delete": "retainOnDelete",
    "pending_replacement": "pendingReplacement",
    "ignore_changes": "ignoreChanges",
    "replace_on_changes": "replaceOnChanges",
    "additional_secret_outputs": "additionalSecretOutputs",
    "custom_timeouts": "customTimeouts",
    "deleted_with": "deletedWith",
}
_PY_NAMES = {v: k for k, v in _JSON_NAMES.items()}


def resource_to_json(res: ResourceState) -> dict[str, Any]:
    """Encode one resource the way ``pulumi stack export`` lays it out (empty fields omitted)."""
    out: dict[str, Any] = {}
    for f in fields(res):
        value = getattr(res, f.name)
        if f.name in ("inputs", "outputs"):
            value = to_state_json(value)
        elif not value and f.name not in ("urn", "type", "custom"):
            continue
        out[_JSON_NAMES.get(f.name, f.name)] = value
    return out


def resource_from_json(data: dict[str, Any]) -> ResourceState:
    """Decode one resource entry; unknown keys are ignored so exports of newer CLIs still load."""
    known = {f.name for f in fields(ResourceState)}
    kwargs = {_PY_NAMES.get(k, k): v for k, v in data.items() if _PY_NAMES.get(k, k) in known}
    kwargs["inputs"] = from_wire(kwargs.get("inputs", {}))
    kwargs["outputs"] = from_wire(kwargs.get("outputs", {}))
    return ResourceState(**kwargs)


OPERATION_TYPES = ("creating", "updating", "deleting", "reading", "importing")
"""The engine's ``resource.OperationType`` values (``pkg/resource/operation.go``)."""


@dataclass
class PendingOperation:
    """A step that had begun but not ended when the state was written (``resource.Operation``).

    The engine records one before each provider call that changes the world (``creating``
    with the new state, ``deleting`` with the old one...) and drops it when the step ends,
    whatever its outcome. One still in the file means the engine died mid-call. The next
    deployment keeps ``creating`` ones (only the user can say whether the object exists:
    ``refresh(clear_pending_creates=True)``) and drops the others (``snapshot.go`` ``Snap``).
    """

    type: str
    resource: ResourceState


@dataclass
class State:
    """A stack's resources in dependency order, as a deployment leaves them.

    The list may hold two entries with one URN: a replaced resource waiting for deletion
    (``delete=True``) beside its replacement, as in the engine's snapshots.
    ``pending_operations`` are the steps under way when the state was written.
    """

    project: str
    stack: str
    resources: list[ResourceState] = field(default_factory=list)
    pending_operations: list[PendingOperation] = field(default_factory=list)

    def pending_creates(self) -> list[PendingOperation]:
        """The pending ``creating`` operations, which outlive the deployment that left them."""
        return [op for op in self.pending_operations if op.type == "creating"]

    def live(self) -> list[ResourceState]:
        """Resources not waiting for deletion."""
        return [r for r in self.resources if not r.delete]

    def get(self, name: str, type: str | None = None) -> ResourceState:
        """The live resource called ``name`` (and of ``type``, if given); KeyError if none."""
        matches = [
            r
            for r in self.live()
            if r.name == name and (type is None or r.type == type or r.type.endswith(f":{type}"))
        ]
        if len(matches) != 1:
            found = "no" if not matches else f"{len(matches)}"
            raise KeyError(f"{found} resource named {name!r} in the state of {self.stack!r}")
        return matches[0]

    def find(self, name: str) -> ResourceState | None:
        """Like :meth:`get` but returns None when there is no such resource."""
        try:
            return self.get(name)
        except KeyError:
            return None

    def user_resources(self) -> list[ResourceState]:
        """Resources the program declared: without the stack and the default provider."""
        hidden = (ROOT_STACK_TYPE, DEFAULT_PROVIDER_TYPE)
        return [r for r in self.resources if r.type not in hidden]

    @property
    def outputs(self) -> PropertyMap:
        """The stack outputs (``pulumi.export``), secrets wrapped."""
        for res in self.resources:
            if res.type == ROOT_STACK_TYPE:
                return dict(res.outputs)
        return {}


def state_to_json(state: State) -> dict[str, Any]:
    """The whole file content for a state."""
    return {
        "kind": FORMAT_KIND,
        "version": FORMAT_VERSION,
        "project": state.project,
        "stack": state.stack,
        "resources": [resource_to_json(r) for r in state.resources],
        "pendingOperations": [
            {"resource": resource_to_json(op.resource), "type": op.type}
            for op in state.pending_operations
        ],
    }


def load_state(path: Path, project: str, stack: str) -> State:
    """Read a state file; a missing file is an empty stack.

    Raises StateFileError, naming the file and the cause, if it is not valid JSON, not a state
    file, or written by a newer format version.
    """
    if not path.exists():
        return State(project=project, stack=stack)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StateFileError(
            f"state file {path} is corrupt ({exc}); it was left unchanged. Restore it from a "
            "backup or delete it to start from an empty stack."
        ) from exc
    return _state_from_json(data, path)


def _state_from_json(data: Any, path: Path) -> State:
    if not isinstance(data, dict) or data.get("kind") != FORMAT_KIND:
        raise StateFileError(
            f'state file {path} is not an offline-engine state file (no "kind": '
            f'"{FORMAT_KIND}"); it was left unchanged.'
        )
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise StateFileError(
            f"state file {path} has format version {version!r}, newer than this version of "
            f"pulumi_tcmpp.testing reads ({FORMAT_VERSION}); upgrade pulumi-tcmpp. The file was "
            "left unchanged."
        )
    try:
        resources = [resource_from_json(r) for r in data.get("resources", [])]
        pending = [
            PendingOperation(str(op["type"]), resource_from_json(op["resource"]))
            for op in data.get("pendingOperations") or []
        ]
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise StateFileError(
            f"state file {path} has an invalid resource entry ({exc}); it was left unchanged."
        ) from exc
    return State(
        project=str(data.get("project", "")),
        stack=str(data.get("stack", "")),
        resources=resources,
        pending_operations=pending,
    )


def save_state(path: Path, state: State, *, durable: bool = True) -> None:
    """Write the state atomically: temporary file in the same directory, rename.

    ``durable`` (the final write of an operation) also indents the JSON for people and syncs
    the file to disk first; checkpoints (:class:`Checkpoints`) skip both: a rename survives a
    killed process, which is what they guard against.
    """
    if durable:
        _write(path, json.dumps(state_to_json(state), indent=2) + "\n", durable=True)
    else:
        _write(path, json.dumps(state_to_json(state), separators=_COMPACT) + "\n", durable=False)


_COMPACT = (",", ":")


class Checkpoints:
    """Writes one stack's checkpoints, each the whole state in compact JSON, as the engine's
    snapshot manager persists the whole snapshot around every step.

    A checkpoint differs from the one before by an entry or two, so each resource entry is
    encoded once and reused while the same object, with the same inputs and outputs, is in
    the state: a deployment's N steps then cost N file writes, not N encodings of N
    resources. The text is the same as ``save_state(..., durable=False)`` writes.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[int, tuple[ResourceState, PropertyMap, PropertyMap, str]] = {}

    def save(self, state: State) -> None:
        """Write ``state`` (atomically, not synced)."""
        entries: dict[int, tuple[ResourceState, PropertyMap, PropertyMap, str]] = {}
        resources = ",".join(self._entry(r, entries) for r in state.resources)
        pending = ",".join(
            f'{{"resource":{self._entry(op.resource, entries)},"type":{json.dumps(op.type)}}}'
            for op in state.pending_operations
        )
        self._entries = entries  # only what this state holds: the next one shares most of it
        head = json.dumps(
            {
                "kind": FORMAT_KIND,
                "version": FORMAT_VERSION,
                "project": state.project,
                "stack": state.stack,
            },
            separators=_COMPACT,
        )
        text = f'{head[:-1]},"resources":[{resources}],"pendingOperations":[{pending}]}}\n'
        _write(self.path, text, durable=False)

    def _entry(
        self,
        res: ResourceState,
        entries: dict[int, tuple[ResourceState, PropertyMap, PropertyMap, str]],
    ) -> str:
        cached = self._entries.get(id(res)) or entries.get(id(res))
        if cached is None or not (
            cached[0] is res and cached[1] is res.inputs and cached[2] is res.outputs
        ):
            text = json.dumps(resource_to_json(res), separators=_COMPACT)
            cached = (res, res.inputs, res.outputs, text)
        entries[id(res)] = cached
        return cached[3]


def _write(path: Path, text: str, *, durable: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            if durable:
                os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
