"""The base of the ``pulumi.dynamic.Resource`` classes: props with every output declared,
identity outputs that stay known in a preview, the ``connection`` every resource takes, and
Pulumi's static ``get``.

Why identity outputs come from ``.id``: in a preview the engine does not call Update on a
dynamic provider; an update step's planned outputs are the checked *inputs*, so every computed
output (``team_id``, ``user_id``...) is unknown, while the resource's id stays known (see
``pulumi-engine.md``, the preview rows of the RPC table). A dependent wired to a computed id
would then see an unknown immutable input and plan a replacement that ``up`` never performs.
Where an output *is* the resource's id, the Resource class therefore defines it from
``self.id`` (the SDK sets output attributes synchronously in the constructor): known whenever
the id is known, unknown exactly when the object is new or replaced, and the same value the
provider returns.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar, Literal, Self, TypedDict

import pulumi
from pulumi import dynamic

from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.resources._inputs import CONNECTION_INPUT, GET_MARKER, PLATFORM_OUTPUT
from pulumi_tcmpp.resources._provider import TcmppProvider

__all__ = [
    "ConnectionNames",
    "OnExists",
    "PlatformRef",
    "TcmppResource",
    "declare_props",
    "identity",
    "identity_int",
]

OnExists = Literal["fail", "adopt", "skip"]
"""What create does when an object with the same natural key already exists."""


class PlatformRef(TypedDict):
    """The ``platform`` output: where the object is."""

    platform_id: str
    backend: Literal["tcmpp", "tcsas"]
    endpoint: str


class ConnectionNames(TypedDict, total=False):
    """The ``connection`` output: the names a :class:`Connection` gave (no credential)."""

    config: str
    env: str
    profile: str
    platform_id: str
    endpoint: str
    backend: Literal["tcmpp", "tcsas"]
    region: str


def declare_props(provider: type[TcmppProvider[Any]], **inputs: Any) -> dict[str, Any]:
    """The props of a resource: its inputs, plus every output key set to None.

    Dynamic resources only get the output attributes whose keys appear in the props, so each
    computed output is declared here; enums are sent as their numbers.
    """
    props: dict[str, Any] = {name: None for name in provider.args_type.model_fields}
    props.update({name: None for name in provider.computed})
    props["managed"] = None  # every resource reports whether it manages the object
    props[PLATFORM_OUTPUT] = None  # and the platform it is on
    for name, value in inputs.items():
        if name not in props:
            raise TypeError(f"{provider.label}: unknown input {name!r}")
        if isinstance(value, Connection):
            value = value.to_input() or None
        elif name == CONNECTION_INPUT and value is not None:
            raise TypeError(f"{provider.label}: connection must be a Connection; got {value!r}")
        props[name] = value.value if isinstance(value, Enum) else value
    if props.get("adopt") is None:
        props["adopt"] = False
    return props


def identity(resource: pulumi.CustomResource) -> pulumi.Output[str]:
    """An output equal to the resource's id (known in the preview of an update)."""
    return resource.id


def identity_int(resource: pulumi.CustomResource) -> pulumi.Output[int]:
    """An integer output equal to the resource's id (``DomainId``, ``MNPVersionId``)."""
    return resource.id.apply(int)


class TcmppResource(dynamic.Resource):
    """Base of every resource class: registers with its provider, sets the identity output,
    and offers :meth:`get`.

    Subclasses set ``_provider_type`` (their provider class), ``_id_output`` (the output equal
    to the id, if any) and ``_secret_outputs`` (outputs always stored as secrets).
    """

    _provider_type: ClassVar[type[TcmppProvider[Any]]]
    _id_output: ClassVar[str | None] = None
    _id_is_int: ClassVar[bool] = False
    _secret_outputs: ClassVar[tuple[str, ...]] = ()

    # Typed for checkers: the SDK reads the output types of a resource's own class only, so
    # these TypedDicts never meet its run-time checks (see TeamMembers.members).
    connection: pulumi.Output[ConnectionNames | None]
    """The connection's names (None: the stack's settings)."""
    platform: pulumi.Output[PlatformRef]
    """The platform the object is on: platform id, back end and endpoint."""
    managed: pulumi.Output[bool]
    """False when the object is only used (``on_exists="skip"``, or read by :meth:`get`)."""

    def _register(
        self, resource_name: str, props: dict[str, Any], opts: pulumi.ResourceOptions | None
    ) -> None:
        if self._secret_outputs:
            secret = pulumi.ResourceOptions(additional_secret_outputs=list(self._secret_outputs))
            opts = pulumi.ResourceOptions.merge(opts, secret)
        dynamic.Resource.__init__(self, self._provider_type(), resource_name, props, opts)
        if self._id_output:
            output = identity_int(self) if self._id_is_int else identity(self)
            setattr(self, self._id_output, output)

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
        *,
        connection: Connection | None = None,
    ) -> Self:
        """Read an existing object by its id, without managing it.

        Pulumi's ``get``: the engine reads the object (in ``preview`` too, so credentials are
        needed then) and records it as external: ``pulumi up`` never changes it and ``pulumi
        destroy`` never deletes it. Its outputs are the object as the platform shows it now. An
        id that names no object fails the deployment with a message naming the id and platform.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param id: The object's id (the same id the resource would have: see its docs).
        :param opts: Options for the resource (``parent``, ``depends_on``...).
        :param connection: Where the settings come from (default: the stack's settings).
        """
        return cls._read_existing(resource_name, id, opts, connection)

    @classmethod
    def _read_existing(
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None,
        connection: Connection | None,
        **hints: Any,
    ) -> Self:
        """``get``'s registration: ``hints`` are inputs that help the read find the object."""
        resource = cls.__new__(cls)
        props = declare_props(cls._provider_type, connection=connection, **hints)
        props[GET_MARKER] = True
        options = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        resource._register(resource_name, props, options)
        return resource
