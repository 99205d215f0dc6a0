"""API errors name the input as the program wrote it, and its value (never a secret's)."""

from __future__ import annotations

from typing import Any

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD
from tests.resources.vendor import Vendor

CDN = "https://cdn.example.com"
NEW_PASSWORD = "N3w-Passw0rd!"


def request_id(emu: Emulator, action: str) -> str:
    [entry] = [e for e in emu.request_log() if e["action"] == action and e["code"] is not None]
    return str(entry["request_id"])


def test_a_create_refused_by_the_platform_names_the_input_and_its_value(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    team = vendor.create_team("Mini programs", role=1, admin_user_id=vendor.create_user("ops"))

    def program() -> None:
        tcmpp.MiniProgram(
            "pickup",
            name="Pickup",
            team_id=team,
            categories=["Logistics Services->1_Pickup/Delivery"],
            icon=f"{CDN}/pickup.txt",  # the platform decides which file types are images
            intro="Pick up parcels",
            description="Book a courier",
        )

    result = make_stack(program).up()

    assert not result.ok
    message = result.errors[0].message
    assert "CreateMNP failed: [InvalidParameterValue.InvalidMNPIcon] " in message, message
    assert f"input icon = '{CDN}/pickup.txt': MNPIcon must be" in message
    assert f"(RequestId: {request_id(emu, 'CreateMNP')})" in message


def test_an_update_refused_by_the_platform_names_the_input_and_its_value(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    team = vendor.create_team("Apps", role=2, admin_user_id=vendor.create_user("ops"))
    vendor.create_application("Taken", team)
    knobs: dict[str, Any] = {"name": "Shop"}

    def program() -> None:
        tcmpp.Application(
            "shop",
            name=knobs["name"],
            team_id=team,
            type="test",
            logo=f"{CDN}/shop.png",
            intro="The shop",
            android_package_name="com.example.shop",  # some readings require one
        )

    stack = make_stack(program)
    assert stack.up().ok
    knobs["name"] = "Taken"
    result = stack.up()

    assert not result.ok
    message = result.errors[0].message
    assert "ModifyApplication failed: [FailedOperation.ApplicationNameAlreadyExisted]" in message
    assert "input name = 'Taken': " in message, message
    assert f"(RequestId: {request_id(emu, 'ModifyApplication')})" in message


def test_a_secret_input_is_named_but_its_value_never_shown(
    make_stack: MakeStack, emu: Emulator
) -> None:
    knobs = {"password": PASSWORD}

    def program() -> None:
        tcmpp.User("alice", account="alice", name="Alice", password=knobs["password"])

    stack = make_stack(program, secrets=[NEW_PASSWORD])
    assert stack.up().ok
    code = "InvalidParameterValue"
    echo = f"The Password {NEW_PASSWORD} is not valid."  # even an API that echoed it
    emu.add_fault({"kind": "error", "action": "ModifyUserPassword", "code": code, "message": echo})
    knobs["password"] = NEW_PASSWORD
    result = stack.up()

    assert not result.ok
    message = result.errors[0].message + result.errors[0].detail
    assert "ModifyUserPassword failed: [InvalidParameterValue] " in message, message
    assert "input password = a secret value: The Password [secret] is not valid." in message
    assert NEW_PASSWORD not in message and PASSWORD not in message


def test_names_the_provider_resolves_are_named_when_missing(make_stack: MakeStack) -> None:
    def program() -> None:
        team = tcmpp.Team("apps", name="Apps", role="application", admin_account="nobody")
        tcmpp.TeamMember("member", team_id=team.team_id, user_id="U1", role="Astronaut")

    result = make_stack(program).up()

    assert not result.ok
    message = result.errors[0].message
    assert "team 'Apps': admin_account: no user has the account 'nobody'" in message, message
