"""Team through the offline engine against the emulator."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import (
    PASSWORD,
    UNKNOWN_WIRE,
    actions,
    check_failure,
    made_accounts,
    record,
    records,
    writes,
)
from tests.resources.vendor import Vendor


def team_program(knobs: dict[str, Any]) -> Any:
    """A user and the team it administers (or a team of a given admin); ``knobs`` is read on
    every run."""

    def program() -> None:
        admin_id = knobs.get("admin_user_id")
        if admin_id is None:
            admin = tcmpp.User("admin", account="ops-admin", name="Ops Admin", password=PASSWORD)
            admin_id = admin.id
        team = tcmpp.Team(
            "ops",
            name=knobs.get("name", "Ops"),
            role=knobs.get("role", tcmpp.TeamRole.APPLICATION),
            admin_user_id=admin_id,
            remark=knobs.get("remark"),
            adopt=knobs.get("adopt"),
        )
        pulumi.export("team_id", team.team_id)

    return program


def test_preview_of_a_new_stack_plans_with_unknown_admin_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(team_program({})).preview()

    assert result.ok, result.render()
    assert result.step("ops").op == "create"
    assert result.rpc("Check", "ops").request["news"]["admin_user_id"] == UNKNOWN_WIRE
    assert actions(emu) == []


def test_create_noop_update_replace_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {"remark": "first"}
    stack = make_stack(team_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    admin = record(emu, "user", user_account="ops-admin")
    team = record(emu, "team", team_name="Ops")
    assert admin and team
    assert (team["team_type"], team["admin_user_ids"], team["remark"]) == (
        2,
        [admin["user_id"]],
        "first",
    )
    assert created.outputs["team_id"] == team["team_id"]
    assert stack.state().get("ops").id == team["team_id"]

    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 3}, unchanged.render()
    assert actions(emu) == []

    knobs["name"] = "Ops Team"
    emu.clear_request_log()
    renamed = stack.up()
    assert renamed.step("ops").op == "update", renamed.render()
    assert writes(emu) == ["ModifyTeam"]
    assert record(emu, "team", team_id=team["team_id"])["team_name"] == "Ops Team"  # type: ignore[index]

    knobs["role"] = tcmpp.TeamRole.MINI_PROGRAM
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("ops", "replace")
    assert step.replaces == ["role"] and step.delete_before_replace, replaced.render()
    assert writes(emu) == ["DeleteTeam", "CreateTeam"]  # same name: the old one goes first
    [new_team] = records(emu, "team")
    assert (new_team["team_name"], new_team["team_type"]) == ("Ops Team", 1)
    assert new_team["team_id"] != team["team_id"]

    knobs["remark"] = "second"
    emu.clear_request_log()
    remarked = stack.up()
    assert remarked.step("ops", "replace").replaces == ["remark"], remarked.render()
    assert [t["remark"] for t in records(emu, "team")] == ["second"]

    destroyed = stack.destroy()
    assert destroyed.ok, destroyed.render()
    assert records(emu, "team") == []
    assert made_accounts(emu) == []  # only the day-one users are left


def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(team_program({}))
    assert stack.up().ok
    team_id = stack.state().get("ops").id
    console_admin = vendor.create_user("console-admin")

    vendor.call("ModifyTeam", TeamId=team_id, TeamName="Renamed", AdminUserId=console_admin)
    refreshed = stack.refresh()
    assert refreshed.step("ops").drift == "update", refreshed.render()
    outputs = stack.state().get("ops").outputs
    assert (outputs["name"], outputs["admin_user_id"]) == ("Renamed", console_admin)

    reverted = stack.up()
    assert reverted.step("ops").op == "update", reverted.render()
    team = record(emu, "team", team_id=team_id)
    admin = record(emu, "user", user_account="ops-admin")
    assert team and admin
    assert (team["team_name"], team["admin_user_ids"]) == ("Ops", [admin["user_id"]])

    vendor.call("DeleteTeam", TeamId=team_id)
    gone = stack.refresh()
    assert gone.step("ops").drift == "delete", gone.render()
    assert stack.state().find("ops") is None

    recreated = stack.up()
    assert recreated.step("ops").op == "create", recreated.render()
    [team] = records(emu, "team")
    assert team["team_name"] == "Ops" and team["team_id"] != team_id


def test_adoption_takes_over_an_existing_team_instead_of_failing(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    console_admin = vendor.create_user("console-admin")
    new_admin = vendor.create_user("new-admin")
    existing = vendor.create_team("Ops", 2, console_admin)

    refused = make_stack(team_program({"admin_user_id": new_admin}), name="plain").up()
    assert not refused.ok
    message = refused.errors[0].message
    assert "already exists" in message and "adopt=True" in message and "adoptExisting" in message
    assert [t["team_id"] for t in records(emu, "team")] == [existing]  # no duplicate

    emu.clear_request_log()
    adopted = make_stack(
        team_program({"admin_user_id": new_admin, "adopt": True}), name="adopting"
    ).up()
    assert adopted.ok, adopted.render()
    assert "CreateTeam" not in writes(emu) and "ModifyTeam" in writes(emu)
    [team] = records(emu, "team")
    assert (team["team_id"], team["admin_user_ids"]) == (existing, [new_admin])

    other = vendor.create_team("Platform", 2, console_admin)
    emu.clear_request_log()
    by_config = make_stack(
        team_program({"name": "Platform", "admin_user_id": new_admin}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert "CreateTeam" not in writes(emu)
    assert record(emu, "team", team_name="Platform") == record(emu, "team", team_id=other)
    assert record(emu, "team", team_id=other)["admin_user_ids"] == [new_admin]  # type: ignore[index]


VALID = {"name": "Ops", "role": 2, "admin_user_id": "U1"}


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"name": ""}, "name", "must be 1 to 64 characters"),
        ({"role": "owners"}, "role", "must be one of mini_program, application"),
        ({"role": 7}, "role", "Input should be 1 or 2"),
        ({"admin_user_id": ""}, "admin_user_id", "must not be empty or only spaces"),
        ({"remark": 42}, "remark", "valid string"),
        ({"related_team_id": ["t1"]}, "related_team_id", "valid string"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.Team("bad", **{**VALID, **bad})

    message = check_failure(make_stack(program).preview())

    value = next(iter(bad.values()))
    assert f"{field}: " in message and rule in message and f"got {value!r}" in message
    assert actions(emu) == []
