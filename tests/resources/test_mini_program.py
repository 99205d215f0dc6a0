"""MiniProgram through the offline engine against the emulator."""

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
    record,
    records,
    writes,
)
from tests.resources.vendor import Vendor

ICON = "https://cdn.example.com/pickup.png"
CATEGORIES = ["Logistics Services->1_Pickup/Delivery", "Tools->40_Calculator"]


def mnp_program(knobs: dict[str, Any]) -> Any:
    """Two mini program teams (and their admin) and one mini program, from ``knobs``."""

    def program() -> None:
        team_id = knobs.get("team_id")
        if team_id is None:
            admin = tcmpp.User("admin", account="mnp-admin", name="MNP", password=PASSWORD)
            teams = {
                name: tcmpp.Team(
                    name, name=name, role=tcmpp.TeamRole.MINI_PROGRAM, admin_user_id=admin.id
                )
                for name in ("couriers", "tools")
            }
            team_id = teams[knobs.get("team", "couriers")].id
        inputs = {
            "name": "Pickup",
            "categories": CATEGORIES,
            "icon": ICON,
            "intro": "Pick up parcels",
            "description": "Book a courier to pick up your parcels.",
            **{k: v for k, v in knobs.items() if k not in ("team_id", "team")},
        }
        mnp = tcmpp.MiniProgram("pickup", team_id=team_id, **inputs)
        pulumi.export("mini_program_id", mnp.mini_program_id)

    return program


def test_preview_of_a_new_stack_plans_with_unknown_team_and_writes_nothing(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(mnp_program({})).preview()

    assert result.ok, result.render()
    assert result.step("pickup").op == "create"
    assert result.rpc("Check", "pickup").request["news"]["team_id"] == UNKNOWN_WIRE
    assert writes(emu) == []  # check may read the categories (credentials are configured)
    assert set(actions(emu)) <= {"DescribeMNPCategory"}


@pytest.mark.needs_create_wait
def test_create_noop_reorder_update_replace_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(mnp_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    mnp = record(emu, "mnp", mnp_name="Pickup")
    couriers = record(emu, "team", team_name="couriers")
    assert mnp and couriers
    assert (mnp["team_id"], mnp["mnp_type"].split(","), mnp["mnp_icon"]) == (
        couriers["team_id"],
        CATEGORIES,
        ICON,
    )
    assert (mnp["mnp_intro"], mnp["mnp_desc"]) == (
        "Pick up parcels",
        "Book a courier to pick up your parcels.",
    )
    assert created.outputs["mini_program_id"] == mnp["mnp_id"]
    outputs = stack.state().get("pickup").outputs
    assert (outputs["team_name"], outputs["status"], outputs["access_status"]) == (
        "couriers",
        2,  # not available until a version is released
        1,
    )

    knobs["categories"] = [*reversed(CATEGORIES), CATEGORIES[0]]  # order, duplicates
    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 5}, unchanged.render()
    assert actions(emu) == []

    knobs.update(categories=["Tools->41_Weather"], intro="Parcels, picked up")
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("pickup").op == "update", updated.render()
    assert writes(emu) == ["ModifyMNP"]
    mnp = record(emu, "mnp", mnp_id=mnp["mnp_id"])
    assert mnp and (mnp["mnp_type"], mnp["mnp_intro"]) == (
        "Tools->41_Weather",
        "Parcels, picked up",
    )

    knobs["team"] = "tools"
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("pickup", "replace")
    assert (step.replaces, step.delete_before_replace) == (["team_id"], True), replaced.render()
    assert writes(emu) == ["DeleteMNP", "CreateMNP"]
    [new_mnp] = records(emu, "mnp")
    tools = record(emu, "team", team_name="tools")
    assert tools and new_mnp["team_id"] == tools["team_id"] and new_mnp["mnp_id"] != mnp["mnp_id"]

    assert stack.destroy().ok
    assert records(emu, "mnp") == records(emu, "team") == []


@pytest.mark.needs_create_wait
def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(mnp_program({}))
    assert stack.up().ok
    mnp_id = stack.state().get("pickup").id

    vendor.call(
        "ModifyMNP",
        MNPId=mnp_id,
        MNPType="Tools->42_Information Query",
        MNPName="Pickup",
        MNPIntro="edited in the console",
        MNPDesc="Book a courier to pick up your parcels.",
    )
    refreshed = stack.refresh()
    assert refreshed.step("pickup").drift == "update", refreshed.render()
    outputs = stack.state().get("pickup").outputs
    assert (outputs["categories"], outputs["intro"]) == (
        ["Tools->42_Information Query"],
        "edited in the console",
    )

    reverted = stack.up()
    assert reverted.step("pickup").op == "update", reverted.render()
    mnp = record(emu, "mnp", mnp_id=mnp_id)
    assert mnp and (mnp["mnp_type"].split(","), mnp["mnp_intro"]) == (CATEGORIES, "Pick up parcels")

    vendor.call("DeleteMNP", MNPId=mnp_id)
    gone = stack.refresh()
    assert gone.step("pickup").drift == "delete", gone.render()
    assert stack.state().find("pickup") is None

    recreated = stack.up()
    assert recreated.step("pickup").op == "create", recreated.render()
    [mnp] = records(emu, "mnp")
    assert mnp["mnp_name"] == "Pickup" and mnp["mnp_id"] != mnp_id


def test_adoption_takes_over_an_existing_mini_program(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("mnp-admin")
    team = vendor.create_team("couriers", 1, admin)
    existing = vendor.create_mini_program("Pickup", team, MNPIcon="https://cdn.example.com/a.svg")
    other = vendor.create_mini_program("Dropoff", team)

    emu.clear_request_log()
    adopted = make_stack(mnp_program({"team_id": team, "adopt": True}), name="adopting").up()
    assert adopted.ok, adopted.render()
    assert writes(emu) == ["ModifyMNP"]
    mnp = record(emu, "mnp", mnp_id=existing)
    assert mnp and (mnp["mnp_icon"], mnp["mnp_type"].split(",")) == (ICON, CATEGORIES)

    emu.clear_request_log()
    by_config = make_stack(
        mnp_program({"team_id": team, "name": "Dropoff"}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert writes(emu) == ["ModifyMNP"]
    assert len(records(emu, "mnp")) == 2
    assert record(emu, "mnp", mnp_id=other)["mnp_intro"] == "Pick up parcels"  # type: ignore[index]


VALID = {
    "name": "Pickup",
    "team_id": "1000000001",
    "categories": CATEGORIES,
    "icon": ICON,
    "intro": "Pick up",
    "description": "Pick up parcels",
}


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"name": ""}, "name", "at least 1 character"),
        ({"categories": []}, "categories", "at least 1 item"),
        ({"categories": ["Tools"]}, "categories.0", "must look like 'Category->Value'"),
        ({"categories": ["Tools->1,2"]}, "categories.0", "without commas"),
        ({"icon": "cdn.example.com/icon.png"}, "icon", "must be an http(s) URL"),
        ({"intro": ""}, "intro", "at least 1 character"),
        ({"description": 7}, "description", "valid string"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.MiniProgram("bad", **{**VALID, **bad})

    message = check_failure(make_stack(program).preview())

    value = next(iter(bad.values()))
    shown = value[0] if isinstance(value, list) and value and "." in field else value
    assert f"{field}: " in message and rule in message and f"got {shown!r}" in message
    assert actions(emu) == []


def test_an_unknown_category_is_rejected_by_the_preview_when_credentials_are_set(
    make_stack: MakeStack, emu: Emulator
) -> None:
    def program() -> None:
        tcmpp.MiniProgram("bad", **{**VALID, "categories": ["Tools->99_Teleporter"]})

    message = check_failure(make_stack(program).preview())

    assert "categories: 'Tools->99_Teleporter' is not a category" in message
    assert writes(emu) == []
