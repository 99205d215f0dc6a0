"""User through the offline engine against the emulator, on both back ends."""

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
    password_is,
    record,
    writes,
)
from tests.resources.vendor import Vendor

NEW_PASSWORD = "Rotated-Passw0rd!2"


def user_program(knobs: dict[str, Any]) -> Any:
    """One user, its inputs read from ``knobs`` on every run."""

    def program() -> None:
        user = tcmpp.User(
            "alice",
            account=knobs.get("account", "alice"),
            name=knobs.get("name", "Alice"),
            account_type=knobs.get("account_type", tcmpp.AccountType.MEMBER),
            password=knobs.get("password", PASSWORD),
            adopt=knobs.get("adopt"),
        )
        pulumi.export("user_id", user.user_id)

    return program


def test_preview_of_a_new_stack_plans_with_unknown_name_and_calls_no_api(
    make_stack: MakeStack, emu: Emulator
) -> None:
    def program() -> None:
        lead = tcmpp.User("lead", account="lead", name="Lead", password=PASSWORD)
        tcmpp.User(
            "deputy",
            account="deputy",
            name=lead.user_id.apply(lambda lead_id: f"Deputy of {lead_id}"),
            password=PASSWORD,
        )

    result = make_stack(program).preview()

    assert result.ok, result.render()
    assert [result.step(n).op for n in ("lead", "deputy")] == ["create", "create"]
    assert result.rpc("Check", "deputy").request["news"]["name"] == UNKNOWN_WIRE
    assert actions(emu) == []


def test_create_noop_update_password_replace_destroy(make_stack: MakeStack, emu: Emulator) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(user_program(knobs), secrets=[NEW_PASSWORD])

    created = stack.up()
    assert created.ok, created.render()
    assert writes(emu) == ["CreatePresetKey", "CreateUser"]
    user = record(emu, "user", user_account="alice")
    assert user and (user["user_name"], user["account_type"]) == ("Alice", 3)
    assert password_is(emu, user["user_id"], PASSWORD)
    assert created.outputs["user_id"] == user["user_id"] == stack.state().get("alice").id

    emu.clear_request_log()
    unchanged = stack.up()
    assert unchanged.summary == {"same": 2}, unchanged.render()
    assert actions(emu) == []

    knobs.update(name="Alice Liddell", account_type="platform_admin")
    emu.clear_request_log()
    updated = stack.up()
    assert updated.step("alice").op == "update", updated.render()
    assert writes(emu) == ["ModifyUser"]
    user = record(emu, "user", user_id=user["user_id"])
    assert user and (user["user_name"], user["account_type"]) == ("Alice Liddell", 2)

    knobs["password"] = NEW_PASSWORD
    emu.clear_request_log()
    rotated = stack.up()
    step = rotated.step("alice")
    assert (step.op, list(step.detailed_diff)) == ("update", ["password"]), rotated.render()
    assert writes(emu) == ["CreatePresetKey", "ModifyUserPassword"]
    assert password_is(emu, user["user_id"], NEW_PASSWORD)

    knobs["account"] = "alice.liddell"
    emu.clear_request_log()
    replaced = stack.up()
    step = replaced.step("alice", "replace")
    assert step.replaces == ["account"] and not step.delete_before_replace, replaced.render()
    assert writes(emu) == ["CreatePresetKey", "CreateUser", "DeleteUser"]  # new key: no clash
    assert made_accounts(emu) == ["alice.liddell"]
    new_user = record(emu, "user", user_account="alice.liddell")
    assert new_user is not None
    assert password_is(emu, new_user["user_id"], NEW_PASSWORD)

    assert stack.destroy().ok
    assert made_accounts(emu) == []


def test_password_change_replaces_the_user_on_tcsas_and_the_plan_says_so(
    make_stack: MakeStack, emu: Emulator
) -> None:
    knobs: dict[str, Any] = {}
    stack = make_stack(user_program(knobs), backend="tcsas", secrets=[NEW_PASSWORD])
    assert stack.up().ok
    old_id = stack.state().get("alice").id

    knobs["password"] = NEW_PASSWORD
    emu.clear_request_log()
    plan = stack.preview()
    step = plan.step("alice", "replace")
    assert (step.replaces, step.delete_before_replace) == (["password"], True), plan.render()
    assert actions(emu) == []

    applied = stack.up()
    assert applied.ok, applied.render()
    assert writes(emu) == ["DeleteUser", "CreatePresetKey", "CreateUser"]
    assert "ModifyUserPassword" not in actions(emu)
    user = record(emu, "user", user_account="alice")
    assert user and user["user_id"] != old_id
    assert password_is(emu, user["user_id"], NEW_PASSWORD)
    assert {e["service"] for e in emu.request_log()} == {"tcsas"}


def test_refresh_finds_out_of_band_changes_and_deletes(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    stack = make_stack(user_program({}))
    assert stack.up().ok
    user_id = stack.state().get("alice").id

    vendor.call("ModifyUser", UserId=user_id, UserName="Mallory", AccountType=2)
    refreshed = stack.refresh()
    assert refreshed.step("alice").drift == "update", refreshed.render()
    outputs = stack.state().get("alice").outputs
    assert (outputs["name"], outputs["account_type"]) == ("Mallory", 2)

    reverted = stack.up()
    assert reverted.step("alice").op == "update", reverted.render()
    user = record(emu, "user", user_id=user_id)
    assert user and (user["user_name"], user["account_type"]) == ("Alice", 3)

    vendor.call("DeleteUser", UserId=user_id)
    gone = stack.refresh()
    assert gone.step("alice").drift == "delete", gone.render()
    assert stack.state().find("alice") is None

    recreated = stack.up()
    assert recreated.step("alice").op == "create", recreated.render()
    user = record(emu, "user", user_account="alice")
    assert user and user["user_id"] != user_id
    assert password_is(emu, user["user_id"], PASSWORD)


def test_adoption_updates_an_existing_user_but_keeps_its_password(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    existing = vendor.create_user("alice", "A. from the console")

    emu.clear_request_log()
    adopted = make_stack(user_program({"adopt": True}), name="adopting").up()
    assert adopted.ok, adopted.render()
    assert writes(emu) == ["ModifyUser"]
    user = record(emu, "user", user_account="alice")
    assert user and (user["user_id"], user["user_name"]) == (existing, "Alice")
    assert password_is(emu, existing, "Console-Passw0rd")

    other = vendor.create_user("bob")
    emu.clear_request_log()
    by_config = make_stack(
        user_program({"account": "bob", "name": "Bob"}),
        name="configured",
        config={"tcmpp:adoptExisting": "true"},
    ).up()
    assert by_config.ok, by_config.render()
    assert writes(emu) == ["ModifyUser"]
    assert record(emu, "user", user_account="bob") == record(emu, "user", user_id=other)


VALID = {"account": "alice", "name": "Alice", "password": PASSWORD}


@pytest.mark.parametrize(
    ("bad", "field", "rule", "got"),
    [
        ({"account": ""}, "account", "must be 1 to 64 letters", "''"),
        ({"name": ""}, "name", "must be 1 to 64 characters", "''"),
        ({"account_type": "owner"}, "account_type", "must be one of platform_admin, member", None),
        ({"account_type": 1}, "account_type", "Input should be 2 or 3", None),
        ({"password": ""}, "password", "must be 1 to 117 bytes", "a secret value"),
        ({"password": None}, "password", "is required to create a user", "nothing"),
        (
            {"password": None, "password_secret": "alicePassword"},
            "password",
            "the secret 'alicePassword' has no value",
            "nothing",
        ),
    ],
)
def test_bad_input_is_rejected_at_check(
    make_stack: MakeStack,
    emu: Emulator,
    bad: dict[str, Any],
    field: str,
    rule: str,
    got: str | None,
) -> None:
    def program() -> None:
        tcmpp.User("bad", **{**VALID, **bad})

    message = check_failure(make_stack(program).preview())

    value = got or repr(next(iter(bad.values())))
    assert f"{field}: " in message and rule in message and f"got {value}" in message
    assert PASSWORD not in message
    assert actions(emu) == []
