"""An engine in a process of its own, for tests that kill it mid-``up``:
``python engine_process.py <state> <config.json>`` runs :func:`platform` over the emulator.
"""

from __future__ import annotations

import json
import sys

import pulumi

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.testing import Secret, Stack

PASSWORD = "Stack-Passw0rd!1"


def platform() -> None:
    """An admin, then the team Ops, then the team Ops 2."""
    admin = tcmpp.User("admin", account="admin-1", name="Admin", password=PASSWORD)
    ops = tcmpp.Team("ops", name="Ops", role="application", admin_user_id=admin.id)
    tcmpp.Team(
        "ops-2",
        name="Ops 2",
        role="application",
        admin_user_id=admin.id,
        opts=pulumi.ResourceOptions(depends_on=[ops]),
    )


def main(state: str, config_path: str) -> None:
    with open(config_path, encoding="utf-8") as handle:
        config = json.load(handle)
    config["tcmpp:secretKey"] = Secret(config["tcmpp:secretKey"])
    stack = Stack(
        platform, project="resources", stack="dev", state_path=state, config=config, parallel=1
    )
    print(stack.up(), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
