"""SensitiveAPI through the offline engine against the emulator."""

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
    record,
    records,
    writes,
)
from tests.resources.vendor import Vendor


def api_program(knobs: dict[str, Any]) -> Any:
    """An application (with its team and admin) and one sensitive API, from ``knobs``."""

    def program() -> None:
        app_id = knobs.get("application_id")
        if app_id is None:
            admin = tcmpp.User("admin", account="apps-admin", name="Apps", password=PASSWORD)
            team = tcmpp.Team(
                "apps", name="Apps", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id
            )
            app = tcmpp.Application(
                "shop",
                name="Shop",
                team_id=team.id,
                type=tcmpp.ApplicationType.TEST,
                logo="https://cdn.example.com/shop.png",
                intro="Shop",
                android_package_name="com.example.shop",
            )
            app_id = app.id
        inputs = {
            "name": "getPhoneNumber",
            "description": "Read the user's phone number",
            **{k: v for k, v in knobs.items() if k != "application_id"},
        }
        tcmpp.SensitiveAPI("phone", application_id=app_id, **inputs)

    return program


def apis(emu: Emulator) -> list[tuple[str, str, int, int]]:
    """(name, description, type, status) of every sensitive API the emulator holds."""
    return sorted(
        (r["api_name"], r["api_desc"], r["api_type"], r["status"])
        for r in records(emu, "sensitive_api")
    )


def test_preview_of_a_new_stack_plans_with_unknown_application_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(api_program({})).preview()

    assert result.ok, result.render()
    assert result.step("phone").op == "create"
    assert result.rpc("Check", "phone").request["news"]["application_id"] == UNKNOWN_WIRE
    assert actions(emu) == []


def test_create_noop_restrict_replace_rename_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(api_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    phone = "Read the user's phone number"
    assert apis(emu) == [("getPhoneNumber", phone, 2, 0)]
    api = record(emu, "sensitive_api", api_name="getPhoneNumber")
    app = record(emu, "application", application_name="Shop")
    assert api and app and api["application_id"] == app["application_id"]
    assert stack.state().get("phone").id == api["api_id"]

    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 5}, unchanged.render()
    assert actions(emu) == []

    knobs["restricted"] = True
    emu.clear_request_log()
    restricted = stack.up()
    assert restricted.step("phone").op == "update", restricted.render()
    assert writes(emu) == ["DisableApplicationSensitiveAPI"]
    assert apis(emu) == [("getPhoneNumber", phone, 2, 1)]

    knobs["description"] = "Read the phone number"
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("phone", "replace")
    assert (step.replaces, step.delete_before_replace) == (["description"], True)
    assert writes(emu) == [
        "DeleteApplicationSensitiveAPI",
        "CreateApplicationSensitiveAPI",
        "DisableApplicationSensitiveAPI",
    ]
    assert apis(emu) == [("getPhoneNumber", "Read the phone number", 2, 1)]

    knobs["name"] = "getPhone"
    emu.clear_request_log()
    renamed = stack.up()
    step = renamed.step("phone", "replace")
    assert (step.replaces, step.delete_before_replace) == (["name"], False), renamed.render()
    assert writes(emu)[0] == "CreateApplicationSensitiveAPI"
    assert writes(emu)[-1] == "DeleteApplicationSensitiveAPI"
    assert apis(emu) == [("getPhone", "Read the phone number", 2, 1)]

    assert stack.destroy().ok
    assert records(emu, "sensitive_api") == records(emu, "application") == []


def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(api_program({"restricted": True}))
    assert stack.up().ok
    api_id = stack.state().get("phone").id

    vendor.call("EnableApplicationSensitiveAPI", APIId=api_id)
    refreshed = stack.refresh()
    assert refreshed.step("phone").drift == "update", refreshed.render()
    assert stack.state().get("phone").outputs["restricted"] is False

    reverted = stack.up()
    assert reverted.step("phone").op == "update", reverted.render()
    assert record(emu, "sensitive_api", api_id=api_id)["status"] == 1  # type: ignore[index]

    vendor.call("DeleteApplicationSensitiveAPI", APIId=api_id)
    gone = stack.refresh()
    assert gone.step("phone").drift == "delete", gone.render()
    assert stack.state().find("phone") is None

    recreated = stack.up()
    assert recreated.step("phone").op == "create", recreated.render()
    [api] = records(emu, "sensitive_api")
    assert (api["api_name"], api["status"]) == ("getPhoneNumber", 1) and api["api_id"] != api_id


def test_adoption_takes_over_an_existing_api(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("apps-admin")
    app_id = vendor.create_application("Shop", vendor.create_team("Apps", 2, admin))
    vendor.call(
        "CreateApplicationSensitiveAPI",
        ApplicationId=app_id,
        APIList=[
            {"APIName": "getPhoneNumber", "APIDesc": "Read the user's phone number", "APIType": 2},
            {"APIName": "getLocation", "APIDesc": "Where the user is", "APIType": 1},
        ],
    )
    existing = record(emu, "sensitive_api", api_name="getPhoneNumber")
    assert existing

    emu.clear_request_log()
    refused = make_stack(api_program({"application_id": app_id}), name="plain").up()
    assert not refused.ok and "already exists" in refused.errors[0].message
    assert len(records(emu, "sensitive_api")) == 2

    emu.clear_request_log()
    knobs = {"application_id": app_id, "restricted": True, "adopt": True}
    adopted = make_stack(api_program(knobs), name="adopting").up()
    assert adopted.ok, adopted.render()
    assert writes(emu) == ["DisableApplicationSensitiveAPI"]
    assert adopted.state and adopted.state.get("phone").id == existing["api_id"]

    emu.clear_request_log()
    location = {"name": "getLocation", "description": "Where the user is", "type": "system"}
    by_config = make_stack(
        api_program({"application_id": app_id, **location}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert writes(emu) == []  # already as declared: nothing to change
    assert len(records(emu, "sensitive_api")) == 2


VALID = {"application_id": "app-1", "name": "getPhoneNumber", "description": "Phone"}


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"application_id": ""}, "application_id", "must not be empty or only spaces"),
        ({"name": ""}, "name", "must be 1 to 128 letters, digits or _"),
        ({"description": ""}, "description", "must not be empty or only spaces"),
        ({"type": "internal"}, "type", "must be one of system, custom"),
        ({"type": 3}, "type", "Input should be 1 or 2"),
        ({"restricted": "maybe"}, "restricted", "valid boolean"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.SensitiveAPI("bad", **{**VALID, **bad})

    message = check_failure(make_stack(program).preview())

    value = next(iter(bad.values()))
    assert f"{field}: " in message and rule in message and f"got {value!r}" in message
    assert actions(emu) == []
