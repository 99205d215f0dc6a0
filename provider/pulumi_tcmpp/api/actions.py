"""The catalogue: every action by name, collected from the request modules.

It is the one list that the client, the emulator's routing table, the docs and the tests walk
(a test checks that each action has an emulator handler and a docs row).
"""

from __future__ import annotations

from typing import Any

from pulumi_tcmpp.api import (
    applications,
    domains,
    mini_programs,
    releases,
    sensitive_apis,
    teams,
    users,
)
from pulumi_tcmpp.api._base import BackendName, Request

__all__ = ["ACTIONS", "actions_of"]

_MODULES = (teams, users, applications, sensitive_apis, mini_programs, releases, domains)

ACTIONS: dict[str, type[Request[Any]]] = {
    name: getattr(module, name) for module in _MODULES for name in module.__all__
}


def actions_of(backend: BackendName) -> dict[str, type[Request[Any]]]:
    """The actions one back end has."""
    return {name: cls for name, cls in ACTIONS.items() if backend in cls.backends}
