"""Application through the offline engine against the emulator (configuration files: secret)."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Secret
from tests.resources.conftest import MakeStack
from tests.resources.helpers import (
    PASSWORD,
    UNKNOWN_WIRE,
    actions,
    check_failure,
    record,
    records,
    writes,
)
from tests.resources.vendor import Vendor

LOGO = "https://cdn.example.com/shop.png"


def app_program(knobs: dict[str, Any]) -> Any:
    """An application team (and its admin) and one application, from ``knobs``."""

    def program() -> None:
        team_id = knobs.get("team_id")
        if team_id is None:
            admin = tcmpp.User("admin", account="apps-admin", name="Apps", password=PASSWORD)
            team = tcmpp.Team(
                "apps", name="Apps", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id
            )
            team_id = team.id
        inputs = {
            "name": "Shop",
            "type": tcmpp.ApplicationType.TEST,
            "logo": LOGO,
            "intro": "The shop superapp",
            "android_package_name": "com.example.shop",
            "ios_bundle_id": "com.example.shop.ios",
            "remark": "first",
            **{k: v for k, v in knobs.items() if k != "team_id"},
        }
        app = tcmpp.Application("shop", team_id=team_id, **inputs)
        pulumi.export("android_config", app.android_config_file)

    return program


def config_file(vendor: Vendor, application_id: str, app_type: int) -> str:
    data = vendor.call(
        "DescribeApplicationConfigFile", ApplicationId=application_id, AppType=app_type
    )
    return str(data["File"])


def test_preview_of_a_new_stack_plans_with_unknown_team_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(app_program({})).preview()

    assert result.ok, result.render()
    assert result.step("shop").op == "create"
    assert result.rpc("Check", "shop").request["news"]["team_id"] == UNKNOWN_WIRE
    assert actions(emu) == []


def test_create_noop_update_replace_destroy(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(app_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    app = record(emu, "application", application_name="Shop")
    team = record(emu, "team", team_name="Apps")
    assert app and team
    assert (app["team_id"], app["application_type"], app["logo"], app["intro"]) == (
        team["team_id"],
        1,
        LOGO,
        "The shop superapp",
    )
    assert (app["android_app_key"], app["ios_app_key"], app["remark"]) == (
        "com.example.shop",
        "com.example.shop.ios",
        "first",
    )
    outputs = stack.state().get("shop").outputs
    android = config_file(vendor, app["application_id"], 2)
    ios = config_file(vendor, app["application_id"], 3)
    stack.secrets += [android, ios]  # scanned for after every operation from now on
    assert outputs["android_config_file"] == Secret(android)
    assert outputs["ios_config_file"] == Secret(ios)
    assert created.outputs["android_config"] == Secret(android)

    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 4}, unchanged.render()
    assert actions(emu) == []

    knobs.update(intro="The new shop", remark="second", logo="https://cdn.example.com/shop2.png")
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("shop").op == "update", updated.render()
    assert actions(emu) == ["ModifyApplication"]  # the config files are unchanged: not fetched
    app = record(emu, "application", application_id=app["application_id"])
    assert app and (app["intro"], app["remark"], app["logo"]) == (
        "The new shop",
        "second",
        "https://cdn.example.com/shop2.png",
    )

    knobs["android_package_name"] = "com.example.shop2"
    emu.clear_request_log()
    repackaged = stack.up()
    assert repackaged.ok, repackaged.render()
    # the file is fetched once the reads show the new package name (they may trail a write)
    assert set(actions(emu)) == {
        "ModifyApplication",
        "DescribeApplication",
        "DescribeApplicationConfigFile",
    }
    assert actions(emu)[0] == "ModifyApplication" and actions(emu)[-1].endswith("ConfigFile")
    new_android = config_file(vendor, app["application_id"], 2)
    assert new_android != android
    stack.secrets.append(new_android)
    assert stack.state().get("shop").outputs["android_config_file"] == Secret(new_android)

    knobs["type"] = tcmpp.ApplicationType.FORMAL
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("shop", "replace")
    assert (step.replaces, step.delete_before_replace) == (["type"], True), replaced.render()
    assert writes(emu) == ["DeleteApplication", "CreateApplication"]
    [new_app] = records(emu, "application")
    assert new_app["application_type"] == 2 and new_app["application_id"] != app["application_id"]

    assert stack.destroy().ok
    assert records(emu, "application") == records(emu, "team") == []


def test_clearing_the_remark_works_or_is_refused_naming_the_field(
    make_stack: MakeStack, emu: Emulator
) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(app_program(knobs))
    assert stack.up().ok
    app_id = str(stack.state().get("shop").id)

    knobs.update(remark=None, intro="The new shop")
    emu.clear_request_log()
    cleared = stack.up()

    app = record(emu, "application", application_id=app_id)
    assert app is not None
    if emu.readings.empty_remark == "accept":  # Remark "" clears it
        assert cleared.ok, cleared.render()
        assert (app["remark"], app["intro"]) == ("", "The new shop")
        assert stack.state().get("shop").outputs.get("remark") is None
    else:  # "The application remark is empty or exceeds 1,000 characters"
        assert not cleared.ok
        message = cleared.errors[0].message
        assert message.count("remark: the platform refuses an empty remark") == 1, message
        assert "InvalidApplicationRemark" in message and "set remark to a new text" in message
        assert (app["remark"], app["intro"]) == ("first", "The shop superapp")  # nothing changed
    assert writes(emu) == ["ModifyApplication"]


def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(app_program({}))
    assert stack.up().ok
    app_id = str(stack.state().get("shop").id)
    stack.secrets += [config_file(vendor, app_id, 2), config_file(vendor, app_id, 3)]

    vendor.call(
        "ModifyApplication",
        ApplicationId=app_id,
        ApplicationName="Shop",
        Intro="edited in the console",
        Logo=LOGO,
        Remark="console remark",
    )
    refreshed = stack.refresh()
    assert refreshed.step("shop").drift == "update", refreshed.render()
    outputs = stack.state().get("shop").outputs
    assert (outputs["intro"], outputs["remark"]) == ("edited in the console", "console remark")

    reverted = stack.up()
    assert reverted.step("shop").op == "update", reverted.render()
    app = record(emu, "application", application_id=app_id)
    assert app and (app["intro"], app["remark"]) == ("The shop superapp", "first")

    vendor.call("DeleteApplication", ApplicationId=app_id)
    gone = stack.refresh()
    assert gone.step("shop").drift == "delete", gone.render()
    assert stack.state().find("shop") is None

    recreated = stack.up()
    assert recreated.step("shop").op == "create", recreated.render()
    [app] = records(emu, "application")
    assert app["application_name"] == "Shop" and app["application_id"] != app_id
    outputs = stack.state().get("shop").outputs
    assert outputs["android_config_file"] == Secret(config_file(vendor, app["application_id"], 2))
    stack.secrets.append(config_file(vendor, app["application_id"], 2))
    stack.refresh()  # scanned again: a read keeps the files secret too


def test_adoption_takes_over_an_existing_application(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("apps-admin")
    team = vendor.create_team("Apps", 2, admin)
    existing = vendor.create_application("Shop", team, Logo="console-logo")
    other = vendor.create_application("Mall", team)

    emu.clear_request_log()
    adopting = make_stack(app_program({"team_id": team, "adopt": True}), name="adopting")
    adopting.secrets.append(config_file(vendor, existing, 2))
    adopted = adopting.up()
    assert adopted.ok, adopted.render()
    assert "CreateApplication" not in writes(emu) and "ModifyApplication" in writes(emu)
    app = record(emu, "application", application_name="Shop")
    assert app and (app["application_id"], app["logo"], app["remark"]) == (existing, LOGO, "first")
    outputs = adopting.state().get("shop").outputs
    assert outputs["android_config_file"] == Secret(config_file(vendor, existing, 2))
    assert outputs["application_id"] == existing

    emu.clear_request_log()
    by_config = make_stack(
        app_program({"team_id": team, "name": "Mall"}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert "CreateApplication" not in writes(emu)
    assert [a["application_id"] for a in records(emu, "application")] == [other, existing] or [
        a["application_id"] for a in records(emu, "application")
    ] == [existing, other]
    assert record(emu, "application", application_id=other)["intro"] == "The shop superapp"  # type: ignore[index]


def test_adoption_refuses_an_application_whose_immutable_inputs_differ(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("apps-admin")
    team = vendor.create_team("Apps", 2, admin)
    existing = vendor.create_application("Shop", team)  # a test application

    emu.clear_request_log()
    knobs = {"team_id": team, "type": tcmpp.ApplicationType.FORMAL, "adopt": True}
    refused = make_stack(app_program(knobs)).up()

    assert not refused.ok
    message = refused.errors[0].message
    assert "type is 1 on the platform but 2 here" in message and "cannot be modified" in message
    assert writes(emu) == []
    app = record(emu, "application", application_id=existing)
    assert app and (app["application_type"], app["intro"]) == (1, "made in the console")


VALID = {"name": "Shop", "team_id": "1000000001", "type": 1, "logo": LOGO, "intro": "Shop"}


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"name": ""}, "name", "must be 1 to 64 characters"),
        ({"type": "production"}, "type", "must be one of test, formal"),
        ({"logo": "ftp://cdn.example.com/x.png"}, "logo", "must be an http:// or https:// URL"),
        ({"intro": "x" * 501}, "intro", "must be 1 to 500 characters"),
        ({"android_package_name": ""}, "android_package_name", "must look like com.example.app"),
        ({"remark": "r" * 1001}, "remark", "must be 1 to 1,000 characters"),
        ({"team_id": ""}, "team_id", "must not be empty or only spaces"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.Application("bad", **{**VALID, **bad})

    message = check_failure(make_stack(program).preview())

    value = repr(next(iter(bad.values())))
    shown = value if len(value) <= 60 else value[:50]
    assert f"{field}: " in message and rule in message and f"got {shown}" in message
    assert actions(emu) == []
