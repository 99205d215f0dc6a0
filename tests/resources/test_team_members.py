"""TeamMembers (bulk membership) through the offline engine against the emulator."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.resources.team_members import TeamMembers
from tests.resources.conftest import MakeStack
from tests.resources.helpers import (
    PASSWORD,
    UNKNOWN_WIRE,
    actions,
    check_failure,
    writes,
)
from tests.resources.vendor import Vendor

ADMIN_ROLE, SENIOR, DEVELOPER = 20068, 20070, 20071


def members_program(knobs: dict[str, Any]) -> Any:
    """A team, its admin and three users; ``members`` names users by key (``"alice"``) or
    ``"@account"``/``"#id"`` forms resolved here, so a test can switch forms."""

    def program() -> None:
        admin = tcmpp.User("admin", account="apps-admin", name="Apps", password=PASSWORD)
        users = {"admin": admin} | {
            name: tcmpp.User(name, account=name, name=name.title(), password=PASSWORD)
            for name in ("alice", "bob", "carol")
        }
        team = tcmpp.Team(
            "apps", name="Apps", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id
        )
        if knobs.get("members") is None:
            return
        listed = []
        for user, role in knobs["members"]:
            if user.startswith("@"):  # by account
                listed.append({"user": user[1:], "role": role})
            else:  # by id
                listed.append({"user": users[user].id, "role": role})
        TeamMembers(
            "apps-members",
            team_id=team.id,
            members=listed,
            authoritative=knobs.get("authoritative", False),
        )

    return program


def team_of(stack: Any) -> tuple[str, dict[str, str]]:
    """The team id and name -> user id of the stack's users."""
    state = stack.state()
    users = {n: str(state.get(n).id) for n in ("admin", "alice", "bob", "carol")}
    return str(state.get("apps").id), users


def roles(vendor: Vendor, team_id: str, users: dict[str, str]) -> dict[str, int]:
    """user name -> role of the team's members, as the platform lists them."""
    by_id = {v: k for k, v in users.items()}
    return {by_id.get(u, u): r for u, r in vendor.members(team_id).items()}


def test_preview_of_a_new_stack_plans_with_unknown_ids_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(members_program({"members": [("alice", DEVELOPER)]})).preview()

    assert result.ok, result.render()
    assert result.step("apps-members").op == "create"
    news = result.rpc("Check", "apps-members").request["news"]
    assert news["team_id"] == UNKNOWN_WIRE
    assert actions(emu) == []


@pytest.mark.needs_create_wait
def test_default_mode_manages_only_the_listed_members(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    knobs: dict[str, Any] = {
        "members": [("alice", "Application Developer"), ("bob", SENIOR)],
    }
    stack = make_stack(members_program(knobs))
    assert stack.up().ok
    team, users = team_of(stack)
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE, "alice": DEVELOPER, "bob": SENIOR}

    vendor.call(
        "AddTeamMember", TeamId=team, MemberList=[{"UserId": users["carol"], "UserRoleId": SENIOR}]
    )
    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 7}, unchanged.render()
    assert actions(emu) == []

    knobs["members"] = [("alice", SENIOR)]  # bob leaves the list, alice changes role
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("apps-members").op == "update", updated.render()
    assert sorted(writes(emu)) == ["DeleteTeamMember", "ModifyTeamMember"]
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE, "alice": SENIOR, "carol": SENIOR}

    knobs["members"] = None  # the resource goes: its members go, carol and the admin stay
    removed = stack.up()
    assert removed.step("apps-members").op == "delete", removed.render()
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE, "carol": SENIOR}


@pytest.mark.needs_create_wait
def test_refresh_finds_listed_members_changed_out_of_band_and_up_reverts(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(members_program({"members": [("alice", DEVELOPER), ("bob", DEVELOPER)]}))
    assert stack.up().ok
    team, users = team_of(stack)

    vendor.call("ModifyTeamMember", TeamId=team, UserId=users["alice"], RoleId=SENIOR)
    vendor.call("DeleteTeamMember", TeamId=team, UserId=users["bob"])
    emu.clear_request_log()
    refreshed = stack.refresh()
    assert refreshed.step("apps-members").drift == "update", refreshed.render()
    membership_reads = ("DescribeTeamMemberList", "DescribeUserList", "DescribeRoleList")
    assert [a for a in actions(emu) if a in membership_reads] == ["DescribeTeamMemberList"]
    outputs = stack.state().get("apps-members").outputs
    assert (outputs["admin_user_id"], outputs["member_ids"]) == (
        users["admin"],
        sorted([users["admin"], users["alice"]]),
    )
    assert stack.state().get("apps-members").outputs["members"] == [
        {"user": users["alice"], "role": SENIOR}
    ]

    reverted = stack.up()
    assert reverted.step("apps-members").op == "update", reverted.render()
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE, "alice": DEVELOPER, "bob": DEVELOPER}

    vendor.call("DeleteTeam", TeamId=team)  # its memberships go with it
    gone = stack.refresh()
    assert gone.step("apps-members").drift == "delete", gone.render()
    assert stack.state().find("apps-members") is None


@pytest.mark.needs_create_wait
def test_authoritative_removes_unlisted_members_but_never_the_admin(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    knobs: dict[str, Any] = {
        "members": [("admin", "Application Administrator"), ("alice", DEVELOPER)],
        "authoritative": True,
    }
    stack = make_stack(members_program(knobs))
    assert stack.up().ok
    team, users = team_of(stack)

    vendor.call(
        "AddTeamMember", TeamId=team, MemberList=[{"UserId": users["carol"], "UserRoleId": SENIOR}]
    )
    refreshed = stack.refresh()
    assert refreshed.step("apps-members").drift == "update", refreshed.render()

    emu.clear_request_log()
    reconciled = stack.up()
    assert reconciled.step("apps-members").op == "update", reconciled.render()
    assert writes(emu) == ["DeleteTeamMember"]
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE, "alice": DEVELOPER}

    emu.clear_request_log()
    assert stack.up().summary == {"same": 7}
    assert actions(emu) == []


@pytest.mark.needs_create_wait
def test_an_authoritative_list_without_the_admin_fails_before_any_write(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    knobs: dict[str, Any] = {"members": None}
    stack = make_stack(members_program(knobs))
    assert stack.up().ok
    team, users = team_of(stack)

    knobs.update(members=[("alice", DEVELOPER)], authoritative=True)
    emu.clear_request_log()
    refused = stack.up()

    assert not refused.ok
    message = refused.errors[0].message
    assert f"would remove the team admin {users['admin']}" in message, message
    assert "nothing was written" in message
    assert writes(emu) == []
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE}


@pytest.mark.needs_create_wait
def test_switching_between_ids_and_names_writes_nothing(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    knobs: dict[str, Any] = {"members": [("alice", DEVELOPER), ("bob", SENIOR)]}
    stack = make_stack(members_program(knobs))
    assert stack.up().ok
    team, users = team_of(stack)

    knobs["members"] = [
        ("@alice", "Application Developer"),
        ("@bob", "Application Senior Developer"),
    ]
    emu.clear_request_log()
    by_name = stack.up()
    assert by_name.ok, by_name.render()
    assert writes(emu) == []

    knobs["members"] = [("bob", "Application Senior Developer"), ("@alice", DEVELOPER)]
    emu.clear_request_log()
    mixed = stack.up()
    assert mixed.ok, mixed.render()
    assert writes(emu) == []
    assert roles(vendor, team, users) == {"admin": ADMIN_ROLE, "alice": DEVELOPER, "bob": SENIOR}

    refreshed = stack.refresh()
    assert refreshed.step("apps-members").drift == "same", refreshed.render()


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"team_id": ""}, "team_id", "at least 1 character"),
        ({"members": [{"user": "", "role": 1}]}, "members.0.user", "at least 1 character"),
        ({"members": [{"user": "alice"}]}, "members.0.role", "is required"),
        ({"members": [{"user": "a", "role": 1, "admin": True}]}, "members.0.admin", "not an input"),
        (
            {"members": [{"user": "a", "role": 1}, {"user": "a", "role": 2}]},
            "members",
            "user 'a' is listed more than once",
        ),
        ({"authoritative": "sometimes"}, "authoritative", "valid boolean"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        TeamMembers("bad", **{"team_id": "1000000001", "members": [], **bad})

    message = check_failure(make_stack(program).preview())

    assert f"{field}: " in message and rule in message and "got " in message, message
    assert actions(emu) == []
