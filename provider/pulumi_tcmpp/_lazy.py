"""Deferred imports: a package's exports (PEP 562) and a module imported on first use.

Every Pulumi program that declares a resource, and every provider process that checks or
diffs one, imports the resource modules; only the processes that call the API need the API
models, the client and httpx. Those imports are therefore deferred until first used, so a
program and a ``preview`` pay for what they run (see ``benchmarks/import_time.py``).

* :func:`lazy_exports`: a package lists ``{module: (name, ...)}`` and installs the returned
  ``__getattr__`` and ``__dir__``; it keeps the same imports under ``if TYPE_CHECKING:`` so
  type checkers and editors see the real objects. The value is cached in the package's
  namespace after the first lookup, so later accesses cost a dict lookup, and every class keeps
  its defining module as ``__module__`` (pickling by reference, as dill does for dynamic
  providers, is unchanged).
* :func:`deferred_module`: a stand-in for a module, imported at its first attribute access.
  A module writes ``from pulumi_tcmpp.api import teams`` under ``if TYPE_CHECKING:`` and
  ``teams = deferred_module("pulumi_tcmpp.api.teams")`` otherwise, then uses
  ``teams.CreateTeam(...)`` as it would the real module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from types import ModuleType
from typing import Any

__all__ = ["deferred_module", "lazy_exports"]


def lazy_exports(
    package: str,
    exports: Mapping[str, Iterable[str]],
    namespace: MutableMapping[str, Any],
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, resolving names from ``exports``."""
    origin = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = origin.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(origin))

    return __getattr__, __dir__


class _DeferredModule:
    """A module imported when one of its attributes is first read (then cached here)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):  # copy, pickle and inspect probe dunders: not an import
            raise AttributeError(attribute)
        value = getattr(importlib.import_module(self._name), attribute)
        setattr(self, attribute, value)
        return value

    def __repr__(self) -> str:
        return f"<deferred module {self._name!r}>"


def deferred_module(name: str) -> ModuleType:
    """A stand-in for the module ``name``, imported at its first attribute access.

    Typed as a module for the code that holds it; the importing module keeps the real import
    under ``if TYPE_CHECKING:`` so that checkers see the module's own names and types.
    """
    return _DeferredModule(name)  # type: ignore[return-value]
