"""A tiny dynamic provider over a JSON file, for testing the offline engine itself.

The "cloud" is a JSON file (config ``tiny:cloud``, read in ``configure()``) holding records by id
and an event log, so a test can inspect what the provider received, change it behind the
engine's back (drift), and see in which order calls ran. Inputs steer the provider:

* ``fail``: ``"create"``, ``"update"`` or ``"delete"`` makes that call raise;
* ``rendezvous``: N makes Create wait until N creates have started (proves concurrency);
* ``copy_password``: outputs the ``password`` input again under a new key (a leak);
* ``copy_token``: outputs the ``tiny:token`` config secret under a new key (a leak);
* ``dbr``: the provider asks for delete-before-replace;
* ``echo_env``: a list of environment variable names whose values are output as ``env``;
* ``hold``: a file path; Create logs ``holding <name> in <pid>`` and waits until the file
  exists (so a test can kill the engine or the provider while the call is in flight).

``Thing`` diffs explicitly (``name`` and ``region`` force replacement, ``note`` is cosmetic and
never a change); ``Opaque`` keeps the
default ``diff()`` (changes unknown), so the engine diffs inputs itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

REPLACE_KEYS = ("name", "region")
INTERNAL = "__provider"
OUTPUT_KEYS = ("arn", "password_copy", "token_copy")
IGNORED_BY_DIFF = ("note",)


class Cloud:
    """The JSON "cloud": ``{"records": {id: props}, "events": [...], "counter": n}``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _locked(self) -> Any:
        with open(f"{self.path}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self.read()
            yield data
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1))
            tmp.replace(self.path)

    def read(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"records": {}, "events": [], "counter": 0}
        return json.loads(self.path.read_text())

    def event(self, text: str) -> None:
        with self._locked() as data:
            data["events"].append(text)

    def events(self) -> list[str]:
        return list(self.read()["events"])

    def records(self) -> dict[str, Any]:
        return dict(self.read()["records"])

    def put(self, id_: str | None, props: dict[str, Any]) -> str:
        with self._locked() as data:
            if id_ is None:
                data["counter"] += 1
                id_ = f"{props.get('name', 'thing')}-{data['counter']}"
            data["records"][id_] = props
            return id_

    def remove(self, id_: str) -> None:
        with self._locked() as data:
            data["records"].pop(id_, None)

    def edit(self, id_: str, **changes: Any) -> None:
        """Change a record behind the engine's back (drift)."""
        with self._locked() as data:
            data["records"][id_].update(changes)


class ThingProvider(ResourceProvider):
    """CRUD over :class:`Cloud`; see the module docstring for the steering inputs."""

    cloud: Cloud
    token: str | None

    def configure(self, req: ConfigureRequest) -> None:
        self.cloud = Cloud(req.config.require("tiny:cloud"))
        self.token = req.config.get("tiny:token")

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        if news.get("name") == "":
            return CheckResult(news, [CheckFailure("name", "must not be empty")])
        return CheckResult(news, [])

    def diff(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        ignored = OUTPUT_KEYS + IGNORED_BY_DIFF
        keys = [k for k in _user_keys(news, olds) if k not in ignored]
        changed = [k for k in keys if olds.get(k) != news.get(k)]
        replaces = [k for k in changed if k in REPLACE_KEYS]
        dbr = True if news.get("dbr") else None
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=dbr)

    def create(self, props: dict[str, Any]) -> CreateResult:
        name = props.get("name", "?")
        self.cloud.event(f"start create {name}")
        if props.get("rendezvous"):
            self._await_starts(int(props["rendezvous"]))
        if props.get("hold"):
            self.cloud.event(f"holding {name} in {os.getpid()}")
            _await_file(Path(props["hold"]))
        if props.get("fail") == "create":
            self.cloud.event(f"fail create {name}")
            raise RuntimeError(f"create refused for {name}")
        record = _record(props)
        id_ = self.cloud.put(None, record)
        self.cloud.event(f"end create {name}")
        return CreateResult(id_, self._outputs(id_, props))

    def update(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        self.cloud.event(f"update {news.get('name')}")
        if news.get("fail") == "update":
            raise RuntimeError(f"update refused for {news.get('name')}")
        self.cloud.put(id, _record(news))
        return UpdateResult(self._outputs(id, news))

    def delete(self, id: str, props: dict[str, Any]) -> None:
        self.cloud.event(f"delete {props.get('name')}")
        if props.get("fail") == "delete":
            raise RuntimeError(f"delete refused for {props.get('name')}")
        self.cloud.remove(id)

    def read(self, id: str, props: dict[str, Any]) -> ReadResult:
        record = self.cloud.records().get(id)
        if record is None:
            return ReadResult(None, {})
        outputs = {k: v for k, v in record.items() if k != "types"}
        return ReadResult(id, {**outputs, "arn": f"arn:tiny:{id}"})

    def _outputs(self, id_: str, props: dict[str, Any]) -> dict[str, Any]:
        outs = {k: v for k, v in props.items() if k != INTERNAL}
        outs["arn"] = f"arn:tiny:{id_}"
        if props.get("copy_password"):
            outs["password_copy"] = props.get("password")
        if props.get("copy_token"):
            outs["token_copy"] = self.token
        if props.get("echo_env"):
            outs["env"] = {name: os.environ.get(name) for name in props["echo_env"]}
        return outs

    def _await_starts(self, count: int) -> None:
        """Wait until ``count`` creates have started (bounded, so a bug cannot hang a test)."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if sum(e.startswith("start create") for e in self.cloud.events()) >= count:
                return
            time.sleep(0.01)


def _await_file(path: Path) -> None:
    """Wait until ``path`` exists (bounded, so a bug cannot hang a test)."""
    deadline = time.monotonic() + 60
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


class OpaqueProvider(ThingProvider):
    """The default ``diff()``: changes unknown, so the engine compares inputs itself."""

    def diff(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        return DiffResult()


def _user_keys(*maps: dict[str, Any]) -> list[str]:
    keys: list[str] = []
    for props in maps:
        keys.extend(k for k in props if k != INTERNAL and k not in keys)
    return keys


def _record(props: dict[str, Any]) -> dict[str, Any]:
    record = {k: v for k, v in props.items() if k != INTERNAL}
    record["types"] = {k: type(v).__name__ for k, v in record.items()}
    return record


class Thing(Resource, module="tiny", name="Thing"):
    """A record in the tiny cloud, diffed explicitly."""

    arn: pulumi.Output[str]

    def __init__(
        self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **props: Any
    ) -> None:
        super().__init__(ThingProvider(), resource_name, {"arn": None, **props}, opts)

    @staticmethod
    def get(resource_name: str, id: str, opts: pulumi.ResourceOptions | None = None) -> Thing:
        """Read an existing record (``ResourceOptions(id=...)``)."""
        merged = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return Thing(resource_name, merged)


class Opaque(Resource, module="tiny", name="Opaque"):
    """A record in the tiny cloud with the default (unknown) diff."""

    arn: pulumi.Output[str]

    def __init__(
        self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **props: Any
    ) -> None:
        super().__init__(OpaqueProvider(), resource_name, {"arn": None, **props}, opts)
