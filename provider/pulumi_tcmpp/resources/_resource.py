"""Helpers for the ``pulumi.dynamic.Resource`` classes: props with every output declared."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pulumi_tcmpp.resources._provider import TcmppProvider

__all__ = ["declare_props"]


def declare_props(provider: type[TcmppProvider[Any]], **inputs: Any) -> dict[str, Any]:
    """The props of a resource: its inputs, plus every output key set to None.

    Dynamic resources only get the output attributes whose keys appear in the props, so each
    computed output is declared here; enums are sent as their numbers.
    """
    props: dict[str, Any] = {name: None for name in provider.args_type.model_fields}
    props.update({name: None for name in provider.computed})
    props["managed"] = None  # every resource reports whether it manages the object
    for name, value in inputs.items():
        if name not in props:
            raise TypeError(f"{provider.label}: unknown input {name!r}")
        props[name] = value.value if isinstance(value, Enum) else value
    if props.get("adopt") is None:
        props["adopt"] = False
    return props
