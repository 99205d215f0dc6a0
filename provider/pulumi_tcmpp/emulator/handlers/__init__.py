"""The action -> handler table, one module per API domain (mirroring ``pulumi_tcmpp.api``).

Dispatch is an explicit dict, never reflection: a test walks ``api.actions.ACTIONS`` and
checks that every action of each back end has its entry here.
"""

from __future__ import annotations

from pulumi_tcmpp.emulator.handlers import (
    applications,
    domains,
    mini_programs,
    releases,
    sensitive_apis,
    teams,
    users,
)
from pulumi_tcmpp.emulator.handlers._common import Handler

__all__ = ["HANDLERS", "Handler"]

HANDLERS: dict[str, Handler] = {
    **teams.HANDLERS,
    **users.HANDLERS,
    **applications.HANDLERS,
    **sensitive_apis.HANDLERS,
    **mini_programs.HANDLERS,
    **releases.HANDLERS,
    **domains.HANDLERS,
}
