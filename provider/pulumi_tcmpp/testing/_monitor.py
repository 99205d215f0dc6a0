"""The engine's side of a running program: a real gRPC ResourceMonitor and Engine on loopback.

The Pulumi SDK talks to these exactly as it talks to the CLI, so every registration arrives with
its dependencies, property dependencies and options (what ``set_mocks`` cannot provide), and a
failed step can be answered with ``Result.FAIL`` as the engine does. Each request is translated
into a :class:`Goal` and handed to the deployment; this module knows the protocol, not the steps.
"""

from __future__ import annotations

from concurrent import futures
from dataclasses import dataclass, field
from typing import Any, Protocol

import grpc
from google.protobuf import empty_pb2
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, resource_pb2, resource_pb2_grpc

from ._results import Diagnostic
from ._values import PropertyMap, from_struct, to_struct

__all__: list[str] = []

SUPPORTED_FEATURES = (
    resource_pb2.RESOURCE_MONITOR_FEATURE_SECRETS,
    resource_pb2.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
)
_LEGACY_FEATURES = {"secrets", "deletedWith"}
_SEVERITIES = {
    engine_pb2.DEBUG: "debug",
    engine_pb2.INFO: "info",
    engine_pb2.WARNING: "warning",
    engine_pb2.ERROR: "error",
}


@dataclass
class Goal:
    """A resource registration: what the program asks for (``resource.Goal`` in the engine)."""

    type: str
    name: str
    custom: bool
    parent: str = ""
    inputs: PropertyMap = field(default_factory=dict)
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    protect: bool = False
    retain_on_delete: bool = False
    delete_before_replace: bool | None = None
    ignore_changes: list[str] = field(default_factory=list)
    replace_on_changes: list[str] = field(default_factory=list)
    additional_secret_outputs: list[str] = field(default_factory=list)
    custom_timeouts: dict[str, str] = field(default_factory=dict)
    import_id: str = ""
    alias_urns: list[str] = field(default_factory=list)
    deleted_with: str = ""
    provider: str = ""
    read_id: str = ""


@dataclass
class Registered:
    """The engine's answer to a registration."""

    urn: str
    id: str = ""
    outputs: PropertyMap = field(default_factory=dict)
    failed: bool = False


class Handler(Protocol):
    """What the monitor needs from a deployment."""

    dry_run: bool

    def register(self, goal: Goal) -> Registered: ...

    def read(self, goal: Goal) -> Registered: ...

    def register_outputs(self, urn: str, outputs: PropertyMap) -> None: ...

    def log(self, diagnostic: Diagnostic) -> None: ...


def goal_from_register(request: Any) -> Goal:
    """Translate a ``RegisterResourceRequest``."""
    timeouts = request.customTimeouts
    return Goal(
        type=request.type,
        name=request.name,
        custom=request.custom,
        parent=request.parent,
        inputs=from_struct(request.object),
        dependencies=list(request.dependencies),
        property_dependencies={k: list(v.urns) for k, v in request.propertyDependencies.items()},
        protect=request.HasField("protect") and request.protect,
        retain_on_delete=request.HasField("retainOnDelete") and request.retainOnDelete,
        delete_before_replace=(
            request.deleteBeforeReplace if request.deleteBeforeReplaceDefined else None
        ),
        ignore_changes=list(request.ignoreChanges),
        replace_on_changes=list(request.replaceOnChanges),
        additional_secret_outputs=list(request.additionalSecretOutputs),
        custom_timeouts={
            k: v
            for k, v in (
                ("create", timeouts.create),
                ("update", timeouts.update),
                ("delete", timeouts.delete),
            )
            if v
        },
        import_id=request.importId,
        alias_urns=list(request.aliasURNs),
        deleted_with=request.deletedWith,
        provider=request.provider,
    )


def goal_from_read(request: Any) -> Goal:
    """Translate a ``ReadResourceRequest`` (a ``get`` through ``ResourceOptions(id=...)``)."""
    return Goal(
        type=request.type,
        name=request.name,
        custom=True,
        parent=request.parent,
        inputs=from_struct(request.properties),
        dependencies=list(request.dependencies),
        additional_secret_outputs=list(request.additionalSecretOutputs),
        provider=request.provider,
        read_id=request.id,
    )


class _Monitor(resource_pb2_grpc.ResourceMonitorServicer):
    def __init__(self, handler: Handler, info: dict[str, Any]) -> None:
        self._handler = handler
        self._info = info

    def GetDeploymentInfo(self, request: Any, context: Any) -> Any:
        return resource_pb2.DeploymentInfo(supportedFeatures=SUPPORTED_FEATURES, **self._info)

    def SupportsFeature(self, request: Any, context: Any) -> Any:
        return resource_pb2.SupportsFeatureResponse(hasSupport=request.id in _LEGACY_FEATURES)

    def RegisterResource(self, request: Any, context: Any) -> Any:
        done = self._handler.register(goal_from_register(request))
        return resource_pb2.RegisterResourceResponse(
            urn=done.urn,
            id=done.id,
            object=to_struct(done.outputs, keep_unknowns=self._handler.dry_run),
            result=resource_pb2.Result.FAIL if done.failed else resource_pb2.Result.SUCCESS,
        )

    def ReadResource(self, request: Any, context: Any) -> Any:
        done = self._handler.read(goal_from_read(request))
        return resource_pb2.ReadResourceResponse(
            urn=done.urn,
            id=done.id,
            properties=to_struct(done.outputs, keep_unknowns=self._handler.dry_run),
            result=resource_pb2.Result.FAIL if done.failed else resource_pb2.Result.SUCCESS,
        )

    def RegisterResourceOutputs(self, request: Any, context: Any) -> Any:
        self._handler.register_outputs(request.urn, from_struct(request.outputs))
        return empty_pb2.Empty()

    def SignalAndWaitForShutdown(self, request: Any, context: Any) -> Any:
        return empty_pb2.Empty()


class _Engine(engine_pb2_grpc.EngineServicer):
    def __init__(self, handler: Handler) -> None:
        self._handler = handler

    def Log(self, request: Any, context: Any) -> Any:
        if request.severity != engine_pb2.DEBUG:
            severity = _SEVERITIES.get(request.severity, "info")
            self._handler.log(Diagnostic(severity, request.message, request.urn))
        return empty_pb2.Empty()


class MonitorServer:
    """Serves the monitor and engine services on ``127.0.0.1``, one address for both.

    The port is bound at construction so the address can be handed to the provider process
    before the deployment that will answer the calls exists.
    """

    def __init__(self, workers: int) -> None:
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers))
        port = self._server.add_insecure_port("127.0.0.1:0")
        self.address = f"127.0.0.1:{port}"

    def start(self, handler: Handler, info: dict[str, Any]) -> None:
        """Attach the deployment and start serving."""
        resource_pb2_grpc.add_ResourceMonitorServicer_to_server(
            _Monitor(handler, info), self._server
        )
        engine_pb2_grpc.add_EngineServicer_to_server(_Engine(handler), self._server)
        self._server.start()

    def stop(self) -> None:
        """Stop serving (calls in flight are cancelled)."""
        self._server.stop(grace=None).wait()
