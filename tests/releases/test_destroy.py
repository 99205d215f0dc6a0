"""Destroy of a released mini program and its superapp, whatever order the engine picks.

An approval binds the mini program to the application; DeleteApplication is then refused
(AppAlreadyBindMiniProgram) until the mini program is deleted, and on some readings DeleteMNP
is refused while the mini program is online. The stack declares the binding (the mini program
``depends_on`` the application, as the example and docs/releases.md do), so destroy deletes
the mini program first at any ``--parallel``, whatever order the engine picks among the
other resources; the provider takes an online mini program off the shelf when DeleteMNP says
so.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.releases.conftest import MakeStack
from tests.releases.platform import CATEGORY, FAST, SUPER_ADMIN, package


def released_stack(*, declared: bool) -> Any:
    """Teams, a superapp, a mini program, a version and its release: no other resource
    orders the mini program's delete before the application's."""

    def program() -> None:
        apps = tcmpp.Team("apps", name="Apps", role="application", admin_user_id=SUPER_ADMIN)
        minis = tcmpp.Team(
            "minis",
            name="Minis",
            role="mini_program",
            admin_user_id=SUPER_ADMIN,
            related_team_id=apps.id,
        )

        def application() -> tcmpp.Application:
            return tcmpp.Application(
                "superapp",
                name="Superapp",
                team_id=apps.id,
                type="test",
                logo="https://cdn.example.com/superapp.png",
                intro="The superapp",
                android_package_name="com.example.superapp",
            )

        def mini_program(app: tcmpp.Application) -> tcmpp.MiniProgram:
            depends = pulumi.ResourceOptions(depends_on=[app] if declared else [])
            return tcmpp.MiniProgram(
                "pickup",
                name="Pickup",
                team_id=minis.id,
                categories=[CATEGORY],
                icon="https://cdn.example.com/pickup.png",
                intro="Pick up parcels",
                description="Book a courier",
                opts=depends,
            )

        app = application()
        mnp = mini_program(app)
        version = tcmpp.MiniProgramVersion(
            "v1",
            mini_program_id=mnp.id,
            version="1.0.0",
            package_url=package("1.0.0"),
            intro="First",
            poll_interval=FAST,
        )
        tcmpp.MiniProgramRelease(
            "online",
            mini_program_id=mnp.id,
            version=version.version,
            auto_approve=True,
            poll_interval=FAST,
            opts=pulumi.ResourceOptions(depends_on=[app]),  # the approver must exist first
        )

    return program


def held(emu: Emulator) -> dict[str, int]:
    summary = emu.state()["summary"].get(emu.platform_id, {})
    return {kind: summary.get(kind, 0) for kind in ("team", "application", "mnp", "binding")}


@pytest.mark.parametrize("rule", ["cascade", "refuse_online"])
@pytest.mark.parametrize("parallel", [1, 10])
def test_destroy_deletes_the_mini_program_before_its_superapp(
    make_stack: MakeStack, tcmpp_emulator: Emulator, parallel: int, rule: str
) -> None:
    tcmpp_emulator.set_readings(delete_mnp=rule)
    stack = make_stack(released_stack(declared=True), parallel=parallel)
    created = stack.up()
    assert created.ok, created.render()
    assert held(tcmpp_emulator) == {"team": 2, "application": 1, "mnp": 1, "binding": 1}

    destroyed = stack.destroy()

    assert destroyed.ok, destroyed.render()
    assert held(tcmpp_emulator) == {"team": 0, "application": 0, "mnp": 0, "binding": 0}
    deletes = [
        e["action"]
        for e in tcmpp_emulator.request_log()
        if e["action"] in ("DeleteMNP", "DeleteApplication", "RemoveMNP") and e["code"] is None
    ]
    strict = tcmpp_emulator.readings.delete_mnp == "refuse_online"
    expected = ["RemoveMNP", "DeleteMNP"] if strict else ["DeleteMNP"]
    assert deletes == [*expected, "DeleteApplication"]  # the binding ends with the mini program


def test_without_the_declared_dependency_the_superapp_delete_says_what_binds_it(
    make_stack: MakeStack, tcmpp_emulator: Emulator
) -> None:
    """Nothing orders the deletes: the engine deletes the application with the release, well
    before the mini program, and the platform refuses. The delete waits for the binding to go
    (which covers a destroy deleting both at once), then fails naming it and the fix."""
    config = {"tcmpp:operationTimeout": "1"}
    stack = make_stack(released_stack(declared=False), config=config)
    assert stack.up().ok

    destroyed = stack.destroy()

    assert not destroyed.ok
    [error] = destroyed.errors
    assert (
        "application" in error.message and "still bound to mini program(s) Pickup" in error.message
    )
    assert "depends_on=[application]" in error.message
    assert held(tcmpp_emulator)["application"] == 1  # nothing was lost track of
    refused = [
        e["code"] for e in tcmpp_emulator.request_log() if e["action"] == "DeleteApplication"
    ]
    assert set(refused) == {"FailedOperation.AppAlreadyBindMiniProgram"} and len(refused) >= 2
