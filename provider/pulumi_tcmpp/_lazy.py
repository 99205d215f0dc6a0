"""Lazy package exports (PEP 562): a name's module is imported when the name is first used.

A package lists ``{module: (name, ...)}`` and installs the returned ``__getattr__`` and
``__dir__``; it keeps the same imports under ``if TYPE_CHECKING:`` so type checkers and
editors see the real objects. The value is cached in the package's namespace after the first
lookup, so later accesses cost a dict lookup, and every class keeps its defining module as
``__module__`` (pickling by reference, as dill does for dynamic providers, is unchanged).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_exports"]


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
