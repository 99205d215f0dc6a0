"""TeamMember through the offline engine against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import (
    PASSWORD,
    UNKNOWN_WIRE,
    actions,
    check_failure,
    records,
    writes,
)
from tests.resources.vendor import Vendor

DEVELOPER, SENIOR = 20071, 20070


def member_program(knobs: dict[str, Any]) -> Any:
    """An application team, its admin, two users, and one membership, from ``knobs``."""

    def program() -> None:
        team_id, user_id = knobs.get("team_id"), knobs.get("user_id")
        if team_id is None:
            admin = tcmpp.User("admin", account="apps-admin", name="Apps", password=PASSWORD)
            users = {
                name: tcmpp.User(name, account=name, name=name.title(), password=PASSWORD)
                for name in ("alice", "bob")
            }
            team = tcmpp.Team(
                "apps", name="Apps", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id
            )
            team_id, user_id = team.id, users[knobs.get("user", "alice")].id
        role = knobs.get("role", DEVELOPER)
        tcmpp.TeamMember(
            "member",
            team_id=team_id,
            user_id=user_id,
            role_id=tcmpp.role_id(role) if isinstance(role, str) else role,
            adopt=knobs.get("adopt"),
        )

    return program


def members(emu: Emulator, *, without: str = "") -> dict[tuple[str, str], int]:
    """(team, user) -> role of every membership the emulator holds (but ``without``'s)."""
    return {
        (m["team_id"], m["user_id"]): m["role_id"]
        for m in records(emu, "member")
        if m["user_id"] != without
    }


def test_preview_of_a_new_stack_plans_with_unknown_ids_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(member_program({})).preview()

    assert result.ok, result.render()
    assert result.step("member").op == "create"
    news = result.rpc("Check", "member").request["news"]
    assert (news["team_id"], news["user_id"], news["role_id"]) == (
        UNKNOWN_WIRE,
        UNKNOWN_WIRE,
        DEVELOPER,
    )
    assert actions(emu) == []


@pytest.mark.needs_create_wait
def test_create_noop_update_replace_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {"role": "Application Developer"}  # looked up with role_id()
    stack = make_stack(member_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    state = stack.state()
    team, alice, admin = (state.get(n).id for n in ("apps", "alice", "admin"))
    assert members(emu, without=str(admin)) == {(team, alice): DEVELOPER}
    assert state.get("member").id == f"{team}:{alice}"
    assert state.get("member").outputs["role_name"] == "Application Developer"

    knobs["role"] = DEVELOPER  # the same role by id
    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 6}, unchanged.render()
    assert writes(emu) == []

    knobs["role"] = SENIOR
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("member").op == "update", updated.render()
    assert writes(emu) == ["ModifyTeamMember"]
    assert members(emu, without=str(admin)) == {(team, alice): SENIOR}

    knobs["user"] = "bob"
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("member", "replace")
    assert (step.replaces, step.delete_before_replace) == (["user_id"], False), replaced.render()
    assert writes(emu) == ["AddTeamMember", "DeleteTeamMember"]
    bob = stack.state().get("bob").id
    assert members(emu, without=str(admin)) == {(team, bob): SENIOR}

    assert stack.destroy().ok
    assert records(emu, "member") == []


@pytest.mark.needs_create_wait
def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(member_program({}))
    assert stack.up().ok
    team, alice, admin = (stack.state().get(n).id for n in ("apps", "alice", "admin"))

    vendor.call("ModifyTeamMember", TeamId=team, UserId=alice, RoleId=SENIOR)
    refreshed = stack.refresh()
    assert refreshed.step("member").drift == "update", refreshed.render()
    assert stack.state().get("member").outputs["role_id"] == SENIOR

    reverted = stack.up()
    assert reverted.step("member").op == "update", reverted.render()
    assert members(emu, without=str(admin)) == {(team, alice): DEVELOPER}

    vendor.call("DeleteTeamMember", TeamId=team, UserId=alice)
    gone = stack.refresh()
    assert gone.step("member").drift == "delete", gone.render()
    assert stack.state().find("member") is None

    recreated = stack.up()
    assert recreated.step("member").op == "create", recreated.render()
    assert members(emu, without=str(admin)) == {(team, alice): DEVELOPER}


def test_adoption_takes_over_an_existing_membership(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("apps-admin")
    team = vendor.create_team("Apps", 2, admin)
    alice, bob = vendor.create_user("alice"), vendor.create_user("bob")
    vendor.call(
        "AddTeamMember",
        TeamId=team,
        MemberList=[{"UserId": u, "UserRoleId": SENIOR} for u in (alice, bob)],
    )

    emu.clear_request_log()
    refused = make_stack(member_program({"team_id": team, "user_id": alice}), name="plain").up()
    assert not refused.ok and "already exists" in refused.errors[0].message, refused.render()
    assert writes(emu) == ["AddTeamMember"]  # refused by the platform: nothing changed
    assert vendor.members(team)[alice] == SENIOR

    emu.clear_request_log()
    knobs = {"team_id": team, "user_id": alice, "adopt": True}
    adopted = make_stack(member_program(knobs), name="adopting").up()
    assert adopted.ok, adopted.render()
    assert writes(emu) == ["ModifyTeamMember"]
    assert vendor.members(team) == {admin: 20068, alice: DEVELOPER, bob: SENIOR}

    emu.clear_request_log()
    by_config = make_stack(
        member_program({"team_id": team, "user_id": bob}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert writes(emu) == ["ModifyTeamMember"]
    assert vendor.members(team) == {admin: 20068, alice: DEVELOPER, bob: DEVELOPER}


VALID = {"team_id": "1000000001", "user_id": "U1", "role_id": DEVELOPER}


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"team_id": ""}, "team_id", "at least 1 character"),
        ({"user_id": ""}, "user_id", "at least 1 character"),
        ({"role_id": 0}, "role_id", "greater than 0"),
        ({"role_id": -20071}, "role_id", "greater than 0"),
        ({"role_id": "developer"}, "role_id", "valid integer"),
        ({"role_id": 20071.5}, "role_id", "valid integer"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.TeamMember("bad", **{**VALID, **bad})

    message = check_failure(make_stack(program).preview())

    value = next(iter(bad.values()))
    assert f"{field}: " in message and rule in message, message
    assert f"got {value!r}" in message or f"got {float(value)!r}" in message, message
    assert actions(emu) == []
