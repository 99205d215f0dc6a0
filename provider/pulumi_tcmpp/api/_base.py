"""The building blocks of the API description: wire models, request classes and backends.

Every TCMPP action is described once, as a pydantic model of its request whose generic
parameter is the type of the response's ``Data``. The client, the emulator and the docs all
read that one description (the way botocore reads its service JSON), so this package holds
no transport code at all.

Both back ends are described by the same models:

* ``tcmpp`` (service ``tcmpp``, version 2024-08-01), the original product;
* ``tcsas`` (service ``tcsas``, version 2025-01-06), the renamed product.

Where they differ, a field says so through :func:`wire`: ``only=`` names the one back end
that has the field, ``required_on=`` names the back ends that require a field the model
leaves optional, and ``tcsas_alias=`` gives the tcsas spelling of a renamed response field.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.alias_generators import to_pascal
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from pulumi_tcmpp.api.backends import BACKENDS, BackendName

__all__ = [
    "BACKENDS",
    "BackendName",
    "Data",
    "DataT",
    "Input",
    "Kind",
    "Request",
    "WireModel",
    "backend_of_field",
    "complete_fields",
    "dump_data",
    "wire",
]

Kind = Literal["read", "write", "create"]
"""How an action changes the platform: ``read`` never changes it, ``write`` changes it in a
way that is safe to repeat (Modify, Delete, Enable...), ``create`` makes a new object and is
not idempotent (no TCMPP request has a ClientToken), so it is never retried blindly."""

DataT = TypeVar("DataT")


def wire(
    default: Any = PydanticUndefined,
    *,
    alias: str | None = None,
    tcsas_alias: str | None = None,
    only: BackendName | None = None,
    required_on: Iterable[BackendName] = (),
    description: str | None = None,
) -> Any:
    """A model field with its wire metadata.

    ``alias`` is the wire name when it is not the PascalCase of the Python name (``MNPId``,
    ``APIList``...). ``tcsas_alias`` is accepted on input and written by the emulator for
    tcsas; ``only`` marks a field one back end lacks; ``required_on`` makes an optional field
    required on the named back ends.
    """
    extra: dict[str, Any] = {}
    if only is not None:
        extra["backends"] = [only]
    required = sorted(required_on)
    if required:
        extra["required_on"] = required
    kwargs: dict[str, Any] = {}
    if alias is not None:
        kwargs["alias"] = alias
    if tcsas_alias is not None:
        extra["tcsas_alias"] = tcsas_alias
        kwargs["validation_alias"] = AliasChoices(alias or "", tcsas_alias)
    return Field(default, description=description, json_schema_extra=extra or None, **kwargs)


class WireModel(BaseModel):
    """snake_case in Python, the vendor's PascalCase on the wire."""

    model_config = ConfigDict(
        alias_generator=to_pascal,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        defer_build=True,
    )


class Data(WireModel):
    """A response object: lenient, so fields the vendor adds later do not break the client."""

    model_config = ConfigDict(extra="ignore")


class Input(WireModel):
    """A nested object inside a request: strict about unknown fields, like the request."""

    model_config = ConfigDict(extra="forbid")


def _field_extra(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra
    return extra if isinstance(extra, dict) else {}


def backend_of_field(info: FieldInfo) -> tuple[BackendName, ...]:
    """The back ends that know a field (both unless the field says ``only=``)."""
    backends = _field_extra(info).get("backends")
    return tuple(backends) if backends else BACKENDS


def _wire_name(name: str, info: FieldInfo) -> str:
    return info.alias or to_pascal(name)


def _kind_from_name(action: str) -> Kind:
    if action.startswith(("Describe", "Check")):
        return "read"
    if action.startswith(("Create", "Add")):
        return "create"
    return "write"


class Request(WireModel, Generic[DataT]):
    """A request of one action; the class name is the action name.

    Subclass as ``class CreateTeam(Request[None])``; the generic argument is the type of
    the response's ``Data`` (``None`` when the action answers with a RequestId only).
    """

    model_config = ConfigDict(extra="forbid")

    action: ClassVar[str]
    data_type: ClassVar[Any]
    kind: ClassVar[Kind]
    backends: ClassVar[tuple[BackendName, ...]] = BACKENDS
    paginated: ClassVar[bool]
    documented: ClassVar[bool] = True
    """False for the actions the vendor's doc pages do not cover (SDK-only extras)."""
    repeatable: ClassVar[bool] = False
    """True for a create whose repetition is harmless (it names nothing), so the client may
    retry it after a lost answer like a read."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        for base in cls.__bases__:
            meta = getattr(base, "__pydantic_generic_metadata__", None)
            if meta and meta.get("origin") is Request and meta.get("args"):
                cls.action = cls.__name__
                cls.data_type = meta["args"][0]
                if "kind" not in cls.__dict__:
                    cls.kind = _kind_from_name(cls.__name__)
                cls.paginated = {"offset", "limit"} <= set(cls.model_fields)
                return

    @classmethod
    def wire_fields(cls, backend: BackendName) -> dict[str, FieldInfo]:
        """Wire name -> field, for the fields this back end accepts."""
        return _wire_fields(cls, backend)

    @classmethod
    def required_wire_fields(cls, backend: BackendName) -> frozenset[str]:
        """Wire names this back end requires."""
        return _required_wire_fields(cls, backend)

    def to_wire(self, backend: BackendName) -> dict[str, Any]:
        """The JSON body for this back end; raises ValueError if it cannot take the request."""
        if backend not in self.backends:
            raise ValueError(
                f"{self.action} does not exist on the {backend} back end "
                f"(only on {', '.join(self.backends)})"
            )
        body = self.model_dump(by_alias=True, exclude_none=True, mode="json")
        accepted = self.wire_fields(backend)
        unknown = sorted(set(body) - set(accepted))
        if unknown:
            names = ", ".join(unknown)
            raise ValueError(
                f"{self.action}: field(s) {names} do not exist on the {backend} back end"
            )
        missing = sorted(self.required_wire_fields(backend) - set(body))
        if missing:
            raise ValueError(f"{self.action}: {backend} requires field(s) {', '.join(missing)}")
        return body

    @classmethod
    def data_adapter(cls) -> TypeAdapter[Any]:
        """Validator for the response's Data of this action."""
        return _adapter(cls.data_type)


def complete_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields with their aliases and types resolved.

    Models are built lazily (``defer_build``); a model that names a type defined after it
    has incomplete fields (no alias yet) until it is rebuilt, so readers of field metadata
    ask here rather than reading ``model_fields`` directly.
    """
    if not model.__pydantic_fields_complete__:
        model.model_rebuild()
    return model.model_fields


@cache
def _wire_fields(cls: type[Request[Any]], backend: BackendName) -> dict[str, FieldInfo]:
    return {
        _wire_name(name, info): info
        for name, info in complete_fields(cls).items()
        if backend in backend_of_field(info)
    }


@cache
def _required_wire_fields(cls: type[Request[Any]], backend: BackendName) -> frozenset[str]:
    return frozenset(
        wire_name
        for wire_name, info in _wire_fields(cls, backend).items()
        if info.is_required() or backend in _field_extra(info).get("required_on", ())
    )


@cache
def _adapter(data_type: Any) -> TypeAdapter[Any]:
    if data_type is None or data_type is type(None):
        return TypeAdapter(type(None))
    return TypeAdapter(data_type | None)


def dump_data(value: Any, backend: BackendName) -> Any:
    """Serialise response data as the given back end writes it (emulator side).

    Fields a back end lacks are left out, renamed fields take that back end's spelling,
    and unset optional fields are written as null, as the vendor's services do.
    """
    if isinstance(value, BaseModel):
        return {
            key: dump_data(getattr(value, name), backend)
            for name, key in _dump_layout(type(value), backend)
        }
    if isinstance(value, list):
        return [dump_data(item, backend) for item in value]
    return value


@cache
def _dump_layout(model: type[BaseModel], backend: BackendName) -> tuple[tuple[str, str], ...]:
    """(attribute, wire key) of each field a back end writes, in declaration order."""
    layout = []
    for name, info in complete_fields(model).items():
        if backend not in backend_of_field(info):
            continue
        key = _wire_name(name, info)
        if backend == "tcsas":
            key = _field_extra(info).get("tcsas_alias", key)
        layout.append((name, key))
    return tuple(layout)
