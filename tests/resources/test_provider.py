"""What every resource shares (``resources/_provider.py``, ``_runtime.py``), end to end."""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.resources._provider import TcmppProvider
from pulumi_tcmpp.resources.application import ApplicationProvider
from pulumi_tcmpp.resources.domain_acl import DomainACLProvider
from pulumi_tcmpp.resources.global_domain import GlobalDomainProvider
from pulumi_tcmpp.resources.mini_program import MiniProgramProvider
from pulumi_tcmpp.resources.sensitive_api import SensitiveAPIProvider
from pulumi_tcmpp.resources.team import TeamProvider
from pulumi_tcmpp.resources.team_member import TeamMemberProvider
from pulumi_tcmpp.resources.team_members import TeamMembers, TeamMembersProvider
from pulumi_tcmpp.resources.user import UserProvider
from tests.resources.conftest import MakeStack
from tests.resources.helpers import (
    PASSWORD,
    actions,
    creates_sent_after_a_lost_answer,
    made_accounts,
    record,
    records,
    writes,
)

PROVIDERS: list[type[TcmppProvider[Any]]] = [
    TeamProvider,
    TeamMemberProvider,
    TeamMembersProvider,
    UserProvider,
    ApplicationProvider,
    MiniProgramProvider,
    DomainACLProvider,
    GlobalDomainProvider,
    SensitiveAPIProvider,
]


def platform() -> None:
    """Every resource, each depending on the ones before it."""
    admin = tcmpp.User("admin", account="admin-1", name="Admin", password=PASSWORD)
    apps = tcmpp.Team("apps", name="Apps", role="application", admin_user_id=admin.id)
    mnps = tcmpp.Team(
        "mnps", name="MNPs", role="mini_program", admin_user_id=admin.id, related_team_id=apps.id
    )
    dev = tcmpp.User("dev", account="dev-1", name="Dev", password=PASSWORD)
    tcmpp.TeamMember("dev-in-apps", team_id=apps.id, user_id=dev.id, role_id=20071)
    TeamMembers("mnps-members", team_id=mnps.id, members=[{"user": dev.id, "role": 20066}])
    app = tcmpp.Application(
        "shop",
        name="Shop",
        team_id=apps.id,
        type="test",
        logo="https://cdn.example.com/shop.png",
        intro="Shop",
        android_package_name="com.example.shop",
    )
    mnp = tcmpp.MiniProgram(
        "pickup",
        name="Pickup",
        team_id=mnps.id,
        categories=["Tools->40_Calculator"],
        icon="https://cdn.example.com/pickup.png",
        intro="Pickup",
        description="Pickup",
    )
    tcmpp.DomainACL("pickup-domains", mini_program_id=mnp.id, request_domains=["https://a.b.c"])
    tcmpp.GlobalDomain("cdn", url="cdn.example.com", kind="allow")
    tcmpp.SensitiveAPI("phone", application_id=app.id, name="getPhone", description="Phone")


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.__name__)
def test_providers_keep_no_attributes_so_nothing_but_the_class_is_pickled(
    provider: type[TcmppProvider[Any]],
) -> None:
    assert vars(provider()) == {}


def test_a_preview_needs_no_credentials(make_stack: MakeStack, emu: Emulator) -> None:
    stack = make_stack(
        platform, config={"tcmpp:secretId": None, "tcmpp:secretKey": None, "tcmpp:endpoint": None}
    )

    result = stack.preview()

    assert result.ok, result.render()
    assert result.summary == {"create": 12}  # eleven resources and the stack
    assert actions(emu) == []


def test_allowed_platform_ids_refuses_writes_to_another_platform(
    make_stack: MakeStack, emu: Emulator
) -> None:
    knobs = {"name": "Alice"}

    def program() -> None:
        tcmpp.User("alice", account="alice", name=knobs["name"], password=PASSWORD)

    allowed = make_stack(
        program, config={"tcmpp:allowedPlatformIds": f"T0OTHER, {emu.platform_id}"}
    )
    assert allowed.up().ok

    guarded = make_stack(program, config={"tcmpp:allowedPlatformIds": "T0OTHER,T0THIRD"})
    knobs["name"] = "Alice L."
    emu.clear_request_log()
    refused = guarded.up()

    assert not refused.ok
    message = refused.errors[0].message
    assert f"platform {emu.platform_id} is not in tcmpp:allowedPlatformIds" in message
    assert "T0OTHER, T0THIRD" in message and "nothing was written" in message
    assert writes(emu) == []
    assert record(emu, "user", user_account="alice")["user_name"] == "Alice"  # type: ignore[index]


def test_api_errors_name_the_action_code_message_request_id_and_the_input(
    make_stack: MakeStack, emu: Emulator
) -> None:
    def program() -> None:
        tcmpp.User("bad", account="bad-user", name="Bad User", password=PASSWORD)

    code = "InvalidParameterValue.InvalidUserName"
    emu.add_fault({"kind": "error", "action": "CreateUser", "code": code, "message": "No."})

    result = make_stack(program).up()

    assert not result.ok
    [create] = [e for e in emu.request_log() if e["action"] == "CreateUser"]
    message = result.errors[0].message
    assert f"CreateUser failed: [{code}]" in message, message
    assert "input name = 'Bad User': No." in message  # the input as the program wrote it
    assert f"(RequestId: {create['request_id']})" in message
    assert PASSWORD not in message


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_create_whose_answer_is_lost_never_makes_a_duplicate(
    make_stack: MakeStack, emu: Emulator, when: str
) -> None:
    def program() -> None:
        admin = tcmpp.User("admin", account="admin-1", name="Admin", password=PASSWORD)
        tcmpp.Team("apps", name="Apps", role="application", admin_user_id=admin.id)

    for action in ("CreateUser", "CreateTeam"):
        emu.add_fault({"kind": "drop", "action": action, "when": when, "count": 1})
    stack = make_stack(program)

    result = stack.up()

    assert result.ok, result.render()
    # a lost answer is followed by a lookup by natural key, and a second create only if the
    # lookup does not show the first one's object (the platform refuses a duplicate)
    expected = creates_sent_after_a_lost_answer(emu, when)
    assert actions(emu).count("CreateUser") in expected, actions(emu)
    assert actions(emu).count("CreateTeam") in expected, actions(emu)
    assert "DescribeUserList" in actions(emu)
    assert made_accounts(emu) == ["admin-1"]
    assert [t["team_name"] for t in records(emu, "team")] == ["Apps"]
    assert stack.state().get("apps").id == records(emu, "team")[0]["team_id"]
    assert stack.state().get("admin").id == record(emu, "user", user_account="admin-1")["user_id"]  # type: ignore[index]


def test_a_create_that_fails_halfway_is_rolled_back(
    make_stack: MakeStack, emu: Emulator, vendor: Any
) -> None:
    admin = vendor.create_user("apps-admin")
    app_id = vendor.create_application("Shop", vendor.create_team("Apps", 2, admin))

    def program() -> None:
        tcmpp.SensitiveAPI(
            "phone", application_id=app_id, name="getPhone", description="Phone", restricted=True
        )

    emu.add_fault(
        {"kind": "error", "action": "DisableApplicationSensitiveAPI", "code": "FailedOperation"}
    )
    stack = make_stack(program)

    failed = stack.up()

    assert not failed.ok
    assert "DisableApplicationSensitiveAPI failed: [FailedOperation]" in failed.errors[0].message
    assert records(emu, "sensitive_api") == []  # the half-made API was deleted again
    assert stack.state().find("phone") is None

    emu.clear_faults()
    assert stack.up().ok
    [api] = records(emu, "sensitive_api")
    assert (api["api_name"], api["status"]) == ("getPhone", 1)


def test_diff_compares_declared_inputs_only_never_the_provider_or_computed_outputs() -> None:
    olds = {
        "name": "Ops",
        "role": 2.0,  # numbers arrive as floats
        "admin_user_id": "U1",
        "team_id": "1000000001",
        "member_count": 3.0,
        "adopt": False,
        "__provider": "gAS...old",
    }
    news = {"name": "Ops", "role": 2, "admin_user_id": "U1", "adopt": True, "__provider": "new"}

    same = TeamProvider().diff("1000000001", olds, news)
    renamed = TeamProvider().diff("1000000001", olds, {**news, "name": "Ops 2"})

    assert (same.changes, same.replaces) == (False, [])
    assert (renamed.changes, renamed.replaces, renamed.delete_before_replace) == (True, [], False)
