"""The provider host: one ``python -m pulumi.dynamic`` process, driven as the engine drives it.

The process runs the SDK's server through :data:`._plugin.LAUNCHER`, which also makes it exit
when this process (the engine) dies, so no provider outlives its engine.

Every CLI command starts a fresh ``pulumi-python`` plugin process, and so does every operation of
the kit (so ``configure()`` and the server's provider cache behave as in real runs). Start-up
follows ``provider_plugin.go``: Handshake (UNIMPLEMENTED), GetPluginInfo, CheckConfig
(UNIMPLEMENTED), DiffConfig when a provider state exists (UNIMPLEMENTED), Configure with the whole
stack config. The Configure answer decides the marshalling of every later call:
``acceptSecrets=False`` strips secrets on the way in and re-marks them by key on the way out;
``supportsPreview=False`` means Create and Update are never sent during a preview.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import queue
import subprocess
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, json_format
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from ._graph import DEFAULT_PROVIDER_TYPE, urn_name, urn_qualified_type
from ._plugin import LAUNCHER
from ._results import RpcLog
from ._rules import annotate_secrets
from ._values import PropertyMap, contains_unknowns, from_struct, strip_secrets, to_struct

__all__: list[str] = []

_UNKNOWN_ONLY = (grpc.StatusCode.UNIMPLEMENTED,)
_RUNNING: weakref.WeakSet[ProviderHost] = weakref.WeakSet()


@atexit.register
def _stop_leftovers() -> None:
    """If the test process exits mid-operation, do not leave provider processes behind."""
    for host in list(_RUNNING):
        host.close()


class ProviderStartError(Exception):
    """The provider process could not be started or did not answer its start-up calls."""


class ProviderCallError(Exception):
    """A provider call failed; ``reason`` is the last line of the provider's traceback."""

    def __init__(self, method: str, urn: str, code: str, details: str) -> None:
        self.method, self.urn, self.code, self.details = method, urn, code, details
        lines = [line.strip() for line in details.strip().splitlines() if line.strip()]
        self.reason = lines[-1] if lines else code
        super().__init__(f"{method} failed: {self.reason}")


@dataclass
class CheckOutcome:
    """Inputs as the provider checked them, and any failures (property, reason)."""

    inputs: PropertyMap
    failures: list[tuple[str, str]]


@dataclass
class DiffOutcome:
    """The provider's diff: ``changes`` is ``none``, ``some`` or ``unknown``."""

    changes: str
    replaces: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    delete_before_replace: bool = False


@dataclass
class ReadOutcome:
    """What Read found. An empty ``id`` says the resource is gone (refresh drops it);
    ``outputs`` is None only when the provider sent no properties at all (the engine's "does not
    exist" for a ``get``): the Python server always sends some, even with an empty id."""

    id: str
    outputs: PropertyMap | None
    inputs: PropertyMap | None


@dataclass
class HostOptions:
    """How to start the provider process (the CLI's plugin launch parameters)."""

    project: str
    cwd: Path
    env: Mapping[str, str]
    pythonpath: Sequence[str]
    python: str
    rpc_timeout: float | None = None
    startup_timeout: float = 60.0
    engine_address: str = ""
    plugin_config: Mapping[str, str] = field(default_factory=dict)


class ProviderHost:
    """A started ``pulumi-python`` plugin and the engine-side rules for talking to it."""

    def __init__(self, options: HostOptions, log: RpcLog) -> None:
        self._options = options
        self._log = log
        self.output: list[str] = []
        self.accept_secrets = True
        self.supports_preview = True
        self._proc = self._spawn()
        _RUNNING.add(self)
        self._readers: list[threading.Thread] = []
        port = self._read_port()
        self._channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        try:
            grpc.channel_ready_future(self._channel).result(timeout=options.startup_timeout)
        except grpc.FutureTimeoutError as exc:
            self.close()
            raise ProviderStartError("the provider process did not accept connections") from exc
        self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)

    # -- process -------------------------------------------------------------------------------

    def _spawn(self) -> subprocess.Popen[str]:
        opts = self._options
        env = dict(os.environ)
        env.update(opts.env)
        paths = [*opts.pythonpath, env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
        env["PULUMI_PROJECT"] = opts.project
        env["PULUMI_CONFIG"] = json.dumps(dict(opts.plugin_config))
        args = [opts.python, "-u", "-c", LAUNCHER]  # python -m pulumi.dynamic, tied to us
        if opts.engine_address:
            args.append(opts.engine_address)
        try:
            return self._popen(args, env)
        except OSError as exc:
            raise ProviderStartError(f"cannot run {opts.python}: {exc}") from exc

    def _popen(self, args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
        opts = self._options
        return subprocess.Popen(
            args,
            cwd=opts.cwd,
            env=env,
            stdin=subprocess.PIPE,  # the provider ends when this pipe does (see _plugin)
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )

    def _read_port(self) -> int:
        """Read the first stdout line (the port); later lines are kept as provider output."""
        assert self._proc.stdout is not None and self._proc.stderr is not None
        first: queue.Queue[str] = queue.Queue()
        self._readers = [
            threading.Thread(target=self._pump, args=(self._proc.stdout, first), daemon=True),
            threading.Thread(target=self._pump, args=(self._proc.stderr, None), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        try:
            line = first.get(timeout=self._options.startup_timeout)
        except queue.Empty:
            line = ""
        if not line.strip().isdigit():
            self.close()
            tail = "\n".join(self.output[-20:]) or "(no output)"
            raise ProviderStartError(
                f"the provider process (python -m pulumi.dynamic in {self._options.cwd}) did not "
                f"print its port; its output:\n{tail}"
            )
        return int(line.strip())

    def _pump(self, stream: Any, first: queue.Queue[str] | None) -> None:
        for line in stream:
            if first is not None:
                first.put(line)
                first = None
            else:
                self.output.append(line.rstrip("\n"))
        if first is not None:
            first.put("")
        stream.close()

    @property
    def pid(self) -> int:
        """The provider process's id."""
        return self._proc.pid

    def close(self) -> list[str]:
        """Stop the process (the CLI kills plugins when a command ends); return its output."""
        if getattr(self, "_channel", None) is not None:
            self._channel.close()
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            self._proc.stdin.close()
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        for reader in self._readers:
            reader.join(timeout=10)
        _RUNNING.discard(self)
        return self.output

    # -- calls ---------------------------------------------------------------------------------

    def _call(self, method: str, urn: str, request: Any, tolerate: tuple[Any, ...] = ()) -> Any:
        call = self._log.begin(method, urn, _to_dict(request))
        try:
            response = getattr(self._stub, method)(request, timeout=self._options.rpc_timeout)
        except grpc.RpcError as exc:
            code, details = exc.code(), exc.details() or ""
            self._log.end(call, None, f"{code.name}: {details}")
            if code in tolerate:
                return None
            raise ProviderCallError(method, urn, code.name, details) from None
        self._log.end(call, _to_dict(response), None)
        return response

    def start_up(
        self,
        provider_urn: str,
        provider_id: str,
        config: PropertyMap,
        old: tuple[PropertyMap, PropertyMap] | None,
    ) -> None:
        """Handshake, plugin info, CheckConfig, DiffConfig (if ``old``), then Configure."""
        opts = self._options
        handshake = provider_pb2.ProviderHandshakeRequest(
            engine_address=opts.engine_address,
            root_directory=str(opts.cwd),
            program_directory=str(opts.cwd),
            configure_with_urn=True,
        )
        self._call("Handshake", "", handshake, tolerate=_UNKNOWN_ONLY)
        self._call("GetPluginInfo", "", empty_pb2.Empty())
        check = provider_pb2.CheckRequest(
            urn=provider_urn,
            name="default",
            type=DEFAULT_PROVIDER_TYPE,
            olds=to_struct(old[0] if old else {}),
            news=to_struct(config),
        )
        self._call("CheckConfig", provider_urn, check, tolerate=_UNKNOWN_ONLY)
        if old is not None:
            diff = provider_pb2.DiffRequest(
                id=provider_id,
                urn=provider_urn,
                name="default",
                type=DEFAULT_PROVIDER_TYPE,
                olds=to_struct(old[1]),
                old_inputs=to_struct(old[0]),
                news=to_struct(config),
            )
            self._call("DiffConfig", provider_urn, diff, tolerate=_UNKNOWN_ONLY)
        self._configure(provider_urn, provider_id, config)

    def _configure(self, provider_urn: str, provider_id: str, config: PropertyMap) -> None:
        variables = {}
        for key, value in config.items():
            plain = strip_secrets(value)
            text = plain if isinstance(plain, str) else json.dumps(plain)
            variables[f"pulumi-python:config:{key}"] = text
        request = provider_pb2.ConfigureRequest(
            variables=variables,
            args=to_struct(config),
            acceptSecrets=True,
            acceptResources=True,
            sends_old_inputs=True,
            sends_old_inputs_to_delete=True,
            id=provider_id,
            urn=provider_urn,
            name="default",
            type=DEFAULT_PROVIDER_TYPE,
        )
        response = self._call("Configure", provider_urn, request)
        self.accept_secrets = bool(response.acceptSecrets)
        self.supports_preview = bool(response.supportsPreview)

    def _struct(self, props: PropertyMap, *, unknowns: bool = False) -> Any:
        return to_struct(props, keep_secrets=self.accept_secrets, keep_unknowns=unknowns)

    def _decode(
        self, method: str, urn: str, struct: Any, ins: PropertyMap, preview: bool
    ) -> PropertyMap:
        props = from_struct(struct)
        if not preview and contains_unknowns(props):
            raise ProviderCallError(method, urn, "INVALID", "provider returned an unknown value")
        return props if self.accept_secrets else annotate_secrets(props, ins)

    def check(self, urn: str, olds: PropertyMap, news: PropertyMap, preview: bool) -> CheckOutcome:
        """Check: unknowns kept only in preview; inputs re-marked secret from ``news``."""
        request = provider_pb2.CheckRequest(
            urn=urn,
            name=urn_name(urn),
            type=_type_of(urn),
            olds=self._struct(olds, unknowns=preview),
            news=self._struct(news, unknowns=preview),
            randomSeed=hashlib.sha256(urn.encode()).digest(),
        )
        response = self._call("Check", urn, request)
        inputs = self._decode("Check", urn, response.inputs, news, preview)
        failures = [(f.property, f.reason) for f in response.failures]
        return CheckOutcome(inputs, failures)

    def diff(
        self,
        urn: str,
        id_: str,
        old_outputs: PropertyMap,
        old_inputs: PropertyMap,
        news: PropertyMap,
        ignore_changes: Sequence[str],
        preview: bool,
    ) -> DiffOutcome:
        """Diff against old *outputs*, with old inputs beside them."""
        request = provider_pb2.DiffRequest(
            id=id_,
            urn=urn,
            name=urn_name(urn),
            type=_type_of(urn),
            olds=self._struct(old_outputs, unknowns=preview),
            old_inputs=self._struct(old_inputs, unknowns=preview),
            news=self._struct(news, unknowns=preview),
            ignoreChanges=list(ignore_changes),
        )
        response = self._call("Diff", urn, request)
        kinds = {
            provider_pb2.DiffResponse.DIFF_NONE: "none",
            provider_pb2.DiffResponse.DIFF_SOME: "some",
        }
        return DiffOutcome(
            changes=kinds.get(response.changes, "unknown"),
            replaces=list(response.replaces),
            diffs=list(response.diffs),
            delete_before_replace=bool(response.deleteBeforeReplace),
        )

    def create(
        self, urn: str, props: PropertyMap, timeout: float, preview: bool
    ) -> tuple[str, PropertyMap]:
        """Create; in a preview without provider support, no call: outputs are the inputs."""
        if preview and not self.supports_preview:
            return "", dict(props)
        request = provider_pb2.CreateRequest(
            urn=urn,
            name=urn_name(urn),
            type=_type_of(urn),
            properties=self._struct(props, unknowns=preview),
            timeout=timeout,
            preview=preview,
        )
        response = self._call("Create", urn, request)
        if not response.id and not preview:
            raise ProviderCallError("Create", urn, "INVALID", "plugin returned empty resource.ID")
        return response.id, self._decode("Create", urn, response.properties, props, preview)

    def update(
        self,
        urn: str,
        id_: str,
        old_outputs: PropertyMap,
        old_inputs: PropertyMap,
        news: PropertyMap,
        ignore_changes: Sequence[str],
        timeout: float,
        preview: bool,
    ) -> PropertyMap:
        """Update; in a preview without provider support, no call: outputs are the new inputs."""
        if preview and not self.supports_preview:
            return dict(news)
        request = provider_pb2.UpdateRequest(
            id=id_,
            urn=urn,
            name=urn_name(urn),
            type=_type_of(urn),
            olds=self._struct(old_outputs),
            old_inputs=self._struct(old_inputs),
            news=self._struct(news, unknowns=preview),
            ignoreChanges=list(ignore_changes),
            timeout=timeout,
            preview=preview,
        )
        response = self._call("Update", urn, request)
        return self._decode("Update", urn, response.properties, news, preview)

    def delete(
        self, urn: str, id_: str, old_outputs: PropertyMap, old_inputs: PropertyMap, timeout: float
    ) -> None:
        """Delete with the old outputs (whose ``__provider`` picks the code that runs)."""
        request = provider_pb2.DeleteRequest(
            id=id_,
            urn=urn,
            name=urn_name(urn),
            type=_type_of(urn),
            properties=self._struct(old_outputs),
            old_inputs=self._struct(old_inputs),
            timeout=timeout,
        )
        self._call("Delete", urn, request)

    def read(
        self,
        urn: str,
        id_: str,
        state: PropertyMap,
        inputs: PropertyMap | None,
        timeout: float = 0.0,
    ) -> ReadOutcome:
        """Read; an empty returned id means the resource is gone (the properties are decoded
        anyway: the engine's read step for a ``get`` keeps them, as ``provider_plugin.go``
        ``Read`` returns them whatever the id)."""
        request = provider_pb2.ReadRequest(
            id=id_,
            urn=urn,
            name=urn_name(urn),
            type=_type_of(urn),
            properties=self._struct(state),
            timeout=timeout,
        )
        if inputs is not None:
            request.inputs.CopyFrom(self._struct(inputs))
        response = self._call("Read", urn, request)
        outputs = None
        if response.HasField("properties"):
            outputs = self._decode("Read", urn, response.properties, state, False)
        new_inputs = None
        if response.HasField("inputs"):
            new_inputs = self._decode("Read", urn, response.inputs, inputs or {}, False)
        return ReadOutcome(response.id, outputs, new_inputs)


def _type_of(urn: str) -> str:
    return urn_qualified_type(urn).rsplit("$", 1)[-1]


def _to_dict(message: Any) -> dict[str, Any]:
    return dict(json_format.MessageToDict(message))
