"""Reading the vendor SDK's models as an oracle: field names and types per class.

The SDK's models are plain classes whose ``__init__`` docstring lists ``:type X: str`` for
every field; that is the one machine-readable statement of the wire schema it ships.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

from pulumi_tcmpp.api._base import BackendName

SDK_MODULES = {
    "tcmpp": "tencentcloud.tcmpp.v20240801.models",
    "tcsas": "tencentcloud.tcsas.v20250106.models",
}
_TYPE_RE = re.compile(r":type (\w+): (.+)")


def sdk_models(backend: BackendName) -> ModuleType:
    return importlib.import_module(SDK_MODULES[backend])


def sdk_fields(cls: type[Any]) -> dict[str, str]:
    """Wire name -> SDK type text (``str``, ``int``, ``list of Foo``, ``:class:`...Foo```)."""
    doc = cls.__init__.__doc__ or ""
    fields = {}
    for name, type_text in _TYPE_RE.findall(doc):
        fields[name] = type_text.strip()
    return fields


def normalise_sdk_type(text: str) -> str:
    """``:class:`tencentcloud...models.Foo``` -> ``Foo``; ``list of Foo`` -> ``list[Foo]``."""
    text = re.sub(r":class:`[\w.]+\.(\w+)`", r"\1", text)
    match = re.fullmatch(r"list of (.+)", text)
    if match:
        return f"list[{normalise_sdk_type(match.group(1))}]"
    return {"float": "float"}.get(text, text)
