"""The routing table covers the API catalogue exactly, per back end."""

from __future__ import annotations

import pytest

from pulumi_tcmpp.api._base import BACKENDS
from pulumi_tcmpp.api.actions import ACTIONS, actions_of
from pulumi_tcmpp.emulator._app import build_routes
from pulumi_tcmpp.emulator.handlers import HANDLERS


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_action_of_each_backend_has_a_handler(backend: str) -> None:
    routes = build_routes()[backend]  # type: ignore[index]
    missing = set(actions_of(backend)) - set(routes)  # type: ignore[arg-type]
    assert not missing, f"no handler for {sorted(missing)} on {backend}"
    assert set(routes) == set(actions_of(backend))  # type: ignore[arg-type]


def test_no_handler_without_an_action() -> None:
    assert set(HANDLERS) <= set(ACTIONS)
    assert len(ACTIONS) == 66


def test_tcmpp_only_actions_are_not_routed_on_tcsas() -> None:
    routes = build_routes()
    only_tcmpp = set(actions_of("tcmpp")) - set(actions_of("tcsas"))
    assert only_tcmpp == {
        "DescribeSimpleTeamList",
        "DescribeTeamMembers",
        "DescribeUserDetail",
        "ModifyUserPassword",
        "ModifyApplicationAppKey",
        "ModifyApplicationAppUrl",
        "CheckGlobalDomain",
    }
    assert not only_tcmpp & set(routes["tcsas"])
