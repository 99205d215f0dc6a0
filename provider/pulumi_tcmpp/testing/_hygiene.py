"""Undo the pickle patch that ``pulumi.dynamic.serialize_provider`` leaves behind.

``serialize_provider`` (pulumi 3.272.0, ``dynamic/dynamic.py``) replaces
``pickle._Pickler._batch_setitems`` and ``save_dict`` with sorting wrappers so the serialized
provider is deterministic, but never puts the originals back. Each call therefore wraps the
previous wrapper: the cost of pickling grows with every dynamic resource registered in the
process, and after a few hundred to a thousand registrations of a provider with instance state
pickling raises ``RecursionError`` (pulumi/pulumi#17803). A test session or a large stack hits
this quickly. :func:`install` wraps ``serialize_provider`` so both attributes are restored after
every call; the serialized bytes are unchanged.
"""

from __future__ import annotations

import functools
import pickle
import threading
from collections.abc import Callable
from typing import Any

from pulumi.dynamic import dynamic

__all__ = ["restore_pickler_after_serialize"]

_PATCHED_ATTRIBUTES = ("_batch_setitems", "save_dict")
_MARKER = "__pulumi_tcmpp_restores_pickler__"
_lock = threading.RLock()


def restore_pickler_after_serialize() -> None:
    """Make ``serialize_provider`` restore ``pickle._Pickler`` after each call (idempotent)."""
    with _lock:
        current = dynamic.serialize_provider
        if getattr(current, _MARKER, False):
            return
        dynamic.serialize_provider = _restoring(current)


def _restoring(serialize: Callable[[Any], str]) -> Callable[[Any], str]:
    @functools.wraps(serialize)
    def serialize_provider(provider: Any) -> str:
        with _lock:
            saved = {name: pickle._Pickler.__dict__[name] for name in _PATCHED_ATTRIBUTES}
            try:
                return serialize(provider)
            finally:
                for name, original in saved.items():
                    setattr(pickle._Pickler, name, original)

    setattr(serialize_provider, _MARKER, True)
    return serialize_provider
