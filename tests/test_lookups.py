"""Lookups in a program: unknown in a preview that cannot read the platform, never an error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Secret, Stack, Unknown


def program() -> None:
    pulumi.export("role", tcmpp.role_id("Application Developer"))
    pulumi.export("admin", tcmpp.user_id("admin"))
    pulumi.export("categories", tcmpp.categories())
    pulumi.export("team", tcmpp.team_id("Ops"))


def stack(emu: Emulator, tmp_path: Path, *, credentials: bool, run: Any = program) -> Stack:
    config: dict[str, Any] = {"tcmpp:endpoint": emu.endpoint, "tcmpp:platformId": emu.platform_id}
    if credentials:
        config |= {"tcmpp:secretId": emu.secret_id, "tcmpp:secretKey": Secret(emu.secret_key)}
    return Stack(run, project="lookups", state_path=tmp_path / "state.json", config=config)


def test_without_credentials_a_preview_gets_unknowns_and_calls_nothing(
    tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    result = stack(tcmpp_emulator, tmp_path, credentials=False).preview()

    assert result.ok, result.render()
    assert sorted(result.outputs) == ["admin", "categories", "role", "team"]
    assert all(isinstance(v, Unknown) for v in result.outputs.values()), result.outputs
    assert tcmpp_emulator.request_log() == []


def test_without_credentials_an_up_fails_clearly(tcmpp_emulator: Emulator, tmp_path: Path) -> None:
    result = stack(tcmpp_emulator, tmp_path, credentials=False).up()

    assert not result.ok
    assert "no TCMPP credentials" in result.errors[0].message, result.render()


def test_with_credentials_a_preview_reads_the_values(
    tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    result = stack(tcmpp_emulator, tmp_path, credentials=True, run=known).preview()

    assert result.ok, result.render()
    assert result.outputs["role"] == 20071
    assert result.outputs["admin"] == "U20240605160000SADMIN"
    assert "Logistics Services->1_Pickup/Delivery" in result.outputs["categories"]


def test_with_credentials_a_failed_lookup_is_an_error(
    tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    result = stack(tcmpp_emulator, tmp_path, credentials=True).preview()

    assert not result.ok
    assert "0 teams are named 'Ops'; expected exactly one" in result.errors[0].message


def known() -> None:
    pulumi.export("role", tcmpp.role_id("Application Developer"))
    pulumi.export("admin", tcmpp.user_id("admin"))
    pulumi.export("categories", tcmpp.categories())
