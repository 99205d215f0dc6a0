"""DomainACL through the offline engine against the emulator."""

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
    writes,
)
from tests.resources.vendor import Vendor

REQUEST = ["https://api.example.com", "https://cdn.example.com"]
SOCKET = ["wss://push.example.com"]


def acl_program(knobs: dict[str, Any]) -> Any:
    """Two mini programs and the domain ACL of one of them, from ``knobs``.

    ``acl=False`` leaves the ACL out; ``mini_program_id`` points it at an existing one.
    """

    def program() -> None:
        mnp_id = knobs.get("mini_program_id")
        if mnp_id is None:
            admin = tcmpp.User("admin", account="mnp-admin", name="MNP", password=PASSWORD)
            team = tcmpp.Team(
                "mnps", name="MNPs", role=tcmpp.TeamRole.MINI_PROGRAM, admin_user_id=admin.id
            )
            mnps = {
                name: tcmpp.MiniProgram(
                    name,
                    name=name,
                    team_id=team.id,
                    categories=["Tools->40_Calculator"],
                    icon="https://cdn.example.com/icon.png",
                    intro=name,
                    description=name,
                )
                for name in ("pickup", "dropoff")
            }
            mnp_id = mnps[knobs.get("mnp", "pickup")].id
        if knobs.get("acl", True):
            domains = {"request_domains": REQUEST, "socket_domains": SOCKET}
            domains.update({k: v for k, v in knobs.items() if k.endswith("_domains")})
            tcmpp.DomainACL("domains", mini_program_id=mnp_id, adopt=knobs.get("adopt"), **domains)

    return program


def acl(emu: Emulator, mnp_id: str) -> dict[str, list[str]]:
    """The mini program's non-empty domain lists as the emulator holds them, by kind number."""
    found = record(emu, "mnp_domain", mnp_id=mnp_id)
    return {k: v for k, v in (found or {}).get("domains", {}).items() if v}


def test_preview_of_a_new_stack_plans_with_unknown_mini_program_and_writes_nothing(
    make_stack: MakeStack, emu: Emulator
) -> None:
    result = make_stack(acl_program({})).preview()

    assert result.ok, result.render()
    assert result.step("domains").op == "create"
    assert result.rpc("Check", "domains").request["news"]["mini_program_id"] == UNKNOWN_WIRE
    assert writes(emu) == []


@pytest.mark.needs_create_wait
def test_create_noop_update_move_remove_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(acl_program(knobs))

    created = stack.up()
    assert created.ok, created.render()
    pickup = stack.state().get("pickup").id
    assert acl(emu, pickup) == {"1": REQUEST, "3": SOCKET}
    assert stack.state().get("domains").id == pickup

    knobs["request_domains"] = [*reversed(REQUEST), REQUEST[0]]  # order and duplicates
    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 6}, unchanged.render()
    assert actions(emu) == []

    knobs.update(request_domains=[REQUEST[0]], download_domains=["https://files.example.com"])
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("domains").op == "update", updated.render()
    assert writes(emu) == ["ModifyMNPDomain"]
    assert acl(emu, pickup) == {"1": [REQUEST[0]], "3": SOCKET, "5": ["https://files.example.com"]}

    knobs["mnp"] = "dropoff"
    emu.clear_request_log()
    moved = stack.up()
    step = moved.step("domains", "replace")
    assert step.replaces == ["mini_program_id"] and not step.delete_before_replace
    dropoff = stack.state().get("dropoff").id
    assert acl(emu, dropoff) == {"1": [REQUEST[0]], "3": SOCKET, "5": ["https://files.example.com"]}
    assert acl(emu, pickup) == {}  # the old ACL was cleared after the new one was made

    knobs["acl"] = False
    emu.clear_request_log()
    removed = stack.up()
    assert removed.step("domains").op == "delete", removed.render()
    assert writes(emu) == ["ModifyMNPDomain"]  # there is no delete action: lists are cleared
    assert acl(emu, dropoff) == {}

    assert stack.destroy().ok
    assert record(emu, "mnp_domain", mnp_id=dropoff) is None


@pytest.mark.needs_create_wait
def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(acl_program({}))
    assert stack.up().ok
    pickup = stack.state().get("pickup").id

    vendor.call(
        "ModifyMNPDomain",
        MNPId=pickup,
        Domain=[{"DomainType": 1, "DomainUrlList": ["https://evil.example.com"]}],
    )
    refreshed = stack.refresh()
    assert refreshed.step("domains").drift == "update", refreshed.render()
    assert stack.state().get("domains").outputs["request_domains"] == ["https://evil.example.com"]

    reverted = stack.up()
    assert reverted.step("domains").op == "update", reverted.render()
    assert acl(emu, pickup) == {"1": REQUEST, "3": SOCKET}

    vendor.call("DeleteMNP", MNPId=pickup)  # the ACL goes with its mini program
    gone = stack.refresh()
    assert gone.step("domains").drift == "delete", gone.render()
    assert gone.step("pickup").drift == "delete"
    assert stack.state().find("domains") is None

    recreated = stack.up()
    assert recreated.step("domains").op == "create", recreated.render()
    new_pickup = stack.state().get("pickup").id
    assert new_pickup != pickup and acl(emu, new_pickup) == {"1": REQUEST, "3": SOCKET}


def test_lists_cleared_out_of_band_show_as_drift_and_are_put_back(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("mnp-admin")
    mnp_id = vendor.create_mini_program("Pickup", vendor.create_team("MNPs", 1, admin))
    stack = make_stack(acl_program({"mini_program_id": mnp_id}))
    assert stack.up().ok

    vendor.call(
        "ModifyMNPDomain",
        MNPId=mnp_id,
        Domain=[{"DomainType": t, "DomainUrlList": []} for t in (1, 2, 3, 4, 5)],
    )
    refreshed = stack.refresh()
    assert refreshed.step("domains").drift == "update", refreshed.render()
    outputs = stack.state().get("domains").outputs
    assert (outputs["request_domains"], outputs["socket_domains"]) == ([], [])

    assert stack.up().step("domains").op == "update"
    assert acl(emu, mnp_id) == {"1": REQUEST, "3": SOCKET}


def test_adoption_takes_over_existing_lists_and_without_it_nothing_is_merged(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    admin = vendor.create_user("mnp-admin")
    team = vendor.create_team("MNPs", 1, admin)
    first, second = (vendor.create_mini_program(n, team) for n in ("Pickup", "Dropoff"))
    console = [{"DomainType": 2, "DomainUrlList": ["https://console.example.com"]}]
    for mnp_id in (first, second):
        vendor.call("CreateMNPDomainACL", MNPId=mnp_id, Domain=console)

    emu.clear_request_log()
    refused = make_stack(acl_program({"mini_program_id": first}), name="plain").up()
    assert not refused.ok
    assert "already exists" in refused.errors[0].message, refused.render()
    assert writes(emu) == []
    assert acl(emu, first) == {"2": ["https://console.example.com"]}

    emu.clear_request_log()
    adopted = make_stack(
        acl_program({"mini_program_id": first, "adopt": True}), name="adopting"
    ).up()
    assert adopted.ok, adopted.render()
    assert writes(emu) == ["ModifyMNPDomain"]
    assert acl(emu, first) == {"1": REQUEST, "3": SOCKET}

    by_config = make_stack(
        acl_program({"mini_program_id": second}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert acl(emu, second) == {"1": REQUEST, "3": SOCKET}


@pytest.mark.parametrize(
    ("bad", "field", "rule"),
    [
        ({"mini_program_id": ""}, "mini_program_id", "at least 1 character"),
        ({"request_domains": ["api.example.com"]}, "request_domains", "https:// or http:// URL"),
        ({"socket_domains": ["https://push.example.com"]}, "socket_domains", "wss:// or ws://"),
        (
            {"web_view_domains": ["https://a.example.com;b.example.com"]},
            "web_view_domains",
            "must not contain ';', ',' or spaces",
        ),
        ({"upload_domains": "https://up.example.com"}, "upload_domains", "valid list"),
        ({"download_domains": [""]}, "download_domains.0", "at least 1 character"),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack, emu: Emulator, bad: dict[str, Any], field: str, rule: str
) -> None:
    def program() -> None:
        tcmpp.DomainACL("bad", **{"mini_program_id": "mp1", **bad})

    message = check_failure(make_stack(program).preview())

    value = next(iter(bad.values()))
    shown = value[0] if field.endswith(".0") else value
    assert f"{field}: " in message and rule in message and f"got {shown!r}" in message
    assert actions(emu) == []
