"""Property values as the engine holds them, and their three encodings.

Inside the kit a property map is plain Python (dicts, lists, strings, floats, booleans, None)
with two markers: :class:`Secret` around a secret value and :data:`UNKNOWN` for a value not yet
known (preview only). The same map travels in three encodings, converted here and nowhere else:

* **gRPC** (``google.protobuf.Struct``): a secret is ``{SIG_KEY: SECRET_SIG, "value": v}``,
  an unknown is the string ``UNKNOWN_WIRE``; numbers are doubles, so ``3`` comes back as ``3.0``.
* **State file**: a secret is ``{SIG_KEY: SECRET_SIG, "plaintext": "<JSON of v>"}``, the shape of
  ``pulumi stack export --show-secrets``; an unknown (only in component or stack outputs left
  unresolved by a failed step) is ``UNKNOWN_WIRE``, the engine's computed placeholder.
* **Python** (what tests read): :class:`Secret` and :data:`UNKNOWN` objects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from google.protobuf import struct_pb2

__all__ = ["UNKNOWN", "Secret", "Unknown"]

SIG_KEY: Final = "4dabf18193072939515e22adb298388d"
SECRET_SIG: Final = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN_WIRE: Final = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

PropertyMap = dict[str, Any]


@dataclass(frozen=True)
class Secret:
    """A secret value: config marked secret, or a property the engine keeps encrypted.

    The repr hides the value so assertion failures and logs do not print it; read ``.value``.
    """

    value: Any

    def __repr__(self) -> str:
        return "Secret('***')"


class Unknown:
    """The type of :data:`UNKNOWN`: a value the engine does not know yet (only during a preview)."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()

_DROP: Final = object()  # an unknown that marshalling removes (KeepUnknowns=false)


def to_wire(value: Any, *, keep_secrets: bool = True, keep_unknowns: bool = True) -> Any:
    """Encode a Python value for gRPC, applying the engine's KeepSecrets/KeepUnknowns options.

    A dropped unknown disappears from its object or array, as in the engine's
    ``MarshalPropertyValue``; the top level returns ``_DROP`` for the caller to skip.
    """
    if isinstance(value, Unknown):
        return UNKNOWN_WIRE if keep_unknowns else _DROP
    if isinstance(value, Secret):
        inner = to_wire(value.value, keep_secrets=keep_secrets, keep_unknowns=keep_unknowns)
        if inner is _DROP or not keep_secrets:
            return inner
        return {SIG_KEY: SECRET_SIG, "value": inner}
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            encoded = to_wire(item, keep_secrets=keep_secrets, keep_unknowns=keep_unknowns)
            if encoded is not _DROP:
                out[str(key)] = encoded
        return out
    if isinstance(value, list | tuple):
        items = (to_wire(v, keep_secrets=keep_secrets, keep_unknowns=keep_unknowns) for v in value)
        return [item for item in items if item is not _DROP]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return float(value)
    raise TypeError(f"cannot encode a {type(value).__name__} as a property value: {value!r}")


def from_wire(value: Any) -> Any:
    """Decode a gRPC or state-file value into Python form (secrets and unknowns as markers)."""
    if isinstance(value, str):
        return UNKNOWN if value == UNKNOWN_WIRE else value
    if isinstance(value, list):
        return [from_wire(v) for v in value]
    if not isinstance(value, dict):
        return value
    if value.get(SIG_KEY) == SECRET_SIG:
        if "value" in value:
            return Secret(from_wire(value["value"]))
        if "plaintext" in value:
            return Secret(from_wire(json.loads(value["plaintext"])))
        raise ValueError("an encrypted secret (ciphertext) cannot be read by the offline engine")
    return {k: from_wire(v) for k, v in value.items()}


def to_struct(
    props: Mapping[str, Any], *, keep_secrets: bool = True, keep_unknowns: bool = True
) -> struct_pb2.Struct:
    """Build the Struct sent over gRPC for a property map."""
    struct = struct_pb2.Struct()
    struct.update(to_wire(props, keep_secrets=keep_secrets, keep_unknowns=keep_unknowns))
    return struct


def from_struct(struct: struct_pb2.Struct | None) -> PropertyMap:
    """Decode a Struct received over gRPC; numbers stay floats, as protobuf carries them."""
    if struct is None:
        return {}
    return {key: from_wire(_value_to_python(v)) for key, v in struct.fields.items()}


def _value_to_python(value: struct_pb2.Value) -> Any:
    kind = value.WhichOneof("kind")
    if kind == "struct_value":
        return {k: _value_to_python(v) for k, v in value.struct_value.fields.items()}
    if kind == "list_value":
        return [_value_to_python(v) for v in value.list_value.values]
    if kind == "number_value":
        return value.number_value
    if kind == "string_value":
        return value.string_value
    if kind == "bool_value":
        return value.bool_value
    return None


def to_state_json(value: Any) -> Any:
    """Encode a Python value for the state file (secrets as ``plaintext`` wrappers)."""
    if isinstance(value, Unknown):
        return UNKNOWN_WIRE  # Go's SerializePropertyValue writes computed values so
    if isinstance(value, Secret):
        inner = json.dumps(to_state_json(value.value), sort_keys=True)
        return {SIG_KEY: SECRET_SIG, "plaintext": inner}
    if isinstance(value, Mapping):
        return {str(k): to_state_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_state_json(v) for v in value]
    return value


def strip_secrets(value: Any) -> Any:
    """Return ``value`` with every :class:`Secret` replaced by its content (a plain copy)."""
    if isinstance(value, Secret):
        return strip_secrets(value.value)
    if isinstance(value, Mapping):
        return {k: strip_secrets(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strip_secrets(v) for v in value]
    return value


def contains_secrets(value: Any) -> bool:
    """Whether ``value`` holds a :class:`Secret` anywhere."""
    if isinstance(value, Secret):
        return True
    if isinstance(value, Mapping):
        return any(contains_secrets(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_secrets(v) for v in value)
    return False


def contains_unknowns(value: Any) -> bool:
    """Whether ``value`` holds :data:`UNKNOWN` anywhere."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, Secret):
        return contains_unknowns(value.value)
    if isinstance(value, Mapping):
        return any(contains_unknowns(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknowns(v) for v in value)
    return False
