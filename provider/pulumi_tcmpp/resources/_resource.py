"""Helpers for the ``pulumi.dynamic.Resource`` classes: props with every output declared, and
identity outputs that stay known in a preview.

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
from typing import Any

import pulumi

from pulumi_tcmpp.resources._provider import TcmppProvider

__all__ = ["declare_props", "identity", "identity_int"]


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


def identity(resource: pulumi.CustomResource) -> pulumi.Output[str]:
    """An output equal to the resource's id (known in the preview of an update)."""
    return resource.id


def identity_int(resource: pulumi.CustomResource) -> pulumi.Output[int]:
    """An integer output equal to the resource's id (``DomainId``, ``MNPVersionId``)."""
    return resource.id.apply(int)
