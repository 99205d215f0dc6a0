"""``Kind.get(name, id)`` for every resource kind: reads, never manages.

One stack (the owner) makes one object of every kind with every input set; a second stack (the
reader) declares each of them with ``get`` by its id. The reader's preview and up only read
(the engine's Read, no Check, no Diff, no write on the platform), record each object as
external with the platform's values, and its destroy deletes nothing. A ``get`` of an id that
names nothing fails, saying which id on which platform, instead of leaving an empty resource.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.resources._resource import TcmppResource
from pulumi_tcmpp.testing import ResourceState, Result, Secret, Stack
from pulumi_tcmpp.testing._values import strip_secrets
from tests.resources.helpers import PASSWORD, stack_config, writes
from tests.resources.test_refresh_no_drift import KINDS, every_input_program

KIND_OF: dict[str, type[TcmppResource]] = {
    f"pulumi-python:dynamic/tcmpp:{kind.__name__}": kind  # type: ignore[misc]
    for kind in KINDS
}
KIND_NAMES = [f":{kind.__name__}" for kind in KINDS]
NOT_READ_BACK = {
    "Team": {"admin_user_id", "admin_account"},  # by UserId (admin_user_account is compared)
    "TeamMember": {"role_id", "role"},  # by RoleId (role_name is compared)
    "TeamMembers": {"members", "authoritative"},  # every member, by UserId; a policy input
    "MiniProgramVersion": {"task_id"},  # the build task is known to the create only
    "MiniProgramRelease": {"preview_qr_code_url"},  # a fresh URL (with a timestamp) per read
}
"""Outputs a get reports in another (equally true) form than the stack that made the object."""


@dataclass
class World:
    emu: Emulator
    owned: dict[str, ResourceState]
    reader: Stack
    preview: Result
    up: Result


def _config(emu: Emulator) -> dict[str, Any]:
    config = {**stack_config(emu), "resources:adminPassword": Secret(PASSWORD)}
    return config | {k.replace("tcmpp:", "primary:"): v for k, v in stack_config(emu).items()}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with Emulator(rate_limit=None) as emu:
        folder = tmp_path_factory.mktemp("get")
        owner = Stack(
            every_input_program,
            project="resources",
            state_path=folder / "owner.json",
            config=_config(emu),
        )
        assert owner.up().ok
        refreshed = owner.refresh()
        assert refreshed.ok, refreshed.render()
        owned = {r.name: r for r in owner.state().live() if r.custom and r.type in KIND_OF}

        def read_everything() -> None:
            for name, state in owned.items():
                KIND_OF[state.type].get(f"got-{name}", state.id)
                if state.type.endswith(":SensitiveAPI"):  # the parent given: no search
                    app_id = state.outputs["application_id"]
                    tcmpp.SensitiveAPI.get(f"hinted-{name}", state.id, application_id=app_id)
                if state.type.endswith(":MiniProgramVersion"):
                    mnp_id = state.outputs["mini_program_id"]
                    tcmpp.MiniProgramVersion.get(f"hinted-{name}", state.id, mini_program_id=mnp_id)

        reader = Stack(
            read_everything,
            project="reader",
            state_path=folder / "reader.json",
            config=stack_config(emu),
        )
        emu.clear_request_log()
        preview = reader.preview()
        up = reader.up()
        yield World(emu, owned, reader, preview, up)


def _compared(kind: str, outputs: dict[str, Any]) -> dict[str, Any]:
    skipped = {"adopt", "on_exists", "managed", "connection", "platform", "__provider"}
    skipped |= NOT_READ_BACK.get(kind, set())
    provider = KIND_OF[f"pulumi-python:dynamic/tcmpp:{kind}"]._provider_type
    skipped |= set(provider.write_only)
    return {k: v for k, v in strip_secrets(outputs).items() if k not in skipped}


def test_preview_and_up_only_read_and_write_nothing(world: World) -> None:
    assert world.preview.ok, world.preview.render()
    assert world.up.ok, world.up.render()
    for result in (world.preview, world.up):
        assert {c.split("(")[0] for c in result.calls()} == {"Read"}, result.calls()
        assert {s.op for s in result.steps if s.type.endswith(tuple(KIND_NAMES))} == {"read"}
    assert writes(world.emu) == []


@pytest.mark.parametrize("kind", [k.__name__ for k in KINDS])
def test_get_records_the_object_as_the_platform_shows_it(world: World, kind: str) -> None:
    owned = [s for s in world.owned.values() if s.type.endswith(f":{kind}")]
    assert owned, f"the owner made no {kind}"
    for state in owned:
        got = world.reader.state().get(f"got-{state.name}")
        assert got.external and got.id == state.id
        assert _compared(kind, got.outputs) == _compared(kind, state.outputs), state.name
        assert got.outputs["managed"] is False
        if kind in ("SensitiveAPI", "MiniProgramVersion"):
            hinted = world.reader.state().get(f"hinted-{state.name}")
            assert _compared(kind, hinted.outputs) == _compared(kind, state.outputs)
        assert got.outputs["platform"] == {
            "platform_id": world.emu.platform_id,
            "backend": "tcmpp",
            "endpoint": world.emu.endpoint,
        }


def test_team_members_get_lists_every_member(world: World) -> None:
    [owned] = [s for s in world.owned.values() if s.type.endswith(":TeamMembers")]
    got = world.reader.state().get(f"got-{owned.name}").outputs
    listed = {m["user"] for m in got["members"]}
    assert listed == set(owned.outputs["member_ids"]) - {got["admin_user_id"]}


def test_destroying_the_reader_deletes_nothing(world: World) -> None:
    world.emu.clear_request_log()
    destroyed = world.reader.destroy()
    assert destroyed.ok, destroyed.render()
    assert destroyed.calls() == []
    assert writes(world.emu) == []


def test_a_get_of_an_id_that_names_nothing_fails_clearly(
    make_stack: Any, emu: Emulator, tmp_path: Path
) -> None:
    def ghost() -> None:
        tcmpp.Team.get("ghost", "T-nope")

    result = make_stack(ghost).preview()

    assert not result.ok
    message = result.errors[0].message
    assert f"there is no team with id 'T-nope' on platform {emu.platform_id}" in message, message
    assert "check the id and the connection" in message


def test_get_takes_a_connection(make_stack: Any, emu: Emulator) -> None:
    def owner() -> None:
        tcmpp.User("alice", account="alice", name="Alice", password=PASSWORD)

    made = make_stack(owner, name="owner")
    assert made.up().ok
    user_id = made.state().get("alice").id
    elsewhere = {k.replace("tcmpp:", "other:"): v for k, v in stack_config(emu).items()}

    def reader() -> None:
        found = tcmpp.User.get("found", user_id, connection=tcmpp.Connection(config="other"))
        pulumi.export("account", found.account)

    result = make_stack(
        reader, name="reader", config={**{k: None for k in stack_config(emu)}, **elsewhere}
    ).up()

    assert result.ok, result.render()
    assert result.outputs["account"] == "alice"
