"""Replacing a team that owns a mini program, as real Pulumi does it (delete-before-replace
with its dependent cascade): the plan says the mini program goes, then it goes first."""

from __future__ import annotations

from typing import Any

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD, records, writes


def team_and_mini_program(knobs: dict[str, Any]) -> Any:
    def program() -> None:
        admin = tcmpp.User("admin", account="mnp-admin", name="Admin", password=PASSWORD)
        team = tcmpp.Team(
            "couriers",
            name="Couriers",
            role="mini_program",
            admin_user_id=admin.id,
            remark=knobs["remark"],
        )
        tcmpp.MiniProgram(
            "pickup",
            name="Pickup",
            team_id=team.id,
            categories=["Tools->40_Calculator"],
            icon="https://cdn.example.com/pickup.png",
            intro="Pickup",
            description="Pickup",
        )

    return program


def test_replacing_a_team_warns_then_replaces_its_mini_program_first(
    make_stack: MakeStack, emu: Emulator
) -> None:
    knobs = {"remark": "first"}
    stack = make_stack(team_and_mini_program(knobs))
    assert stack.up().ok
    [old_mnp] = records(emu, "mnp")
    knobs["remark"] = "second"  # the remark cannot be modified: the team is replaced

    preview = stack.preview()

    assert preview.ok, preview.render()
    assert preview.step("pickup", "delete-replaced").ok
    assert preview.step("couriers", "delete-replaced").ok
    warnings = [line for line in preview.provider_output if line.startswith("warning:")]
    assert any(
        "mini program 'Pickup'" in w
        and "its team is being replaced" in w
        and "release history" in w
        for w in warnings
    ), preview.provider_output
    emu.clear_request_log()

    result = stack.up()

    assert result.ok, result.render()
    assert writes(emu) == ["DeleteMNP", "DeleteTeam", "CreateTeam", "CreateMNP"]
    [team] = records(emu, "team")
    [mnp] = records(emu, "mnp")
    assert mnp["mnp_id"] != old_mnp["mnp_id"] and mnp["team_id"] == team["team_id"]
    assert stack.state().get("pickup").id == mnp["mnp_id"]
