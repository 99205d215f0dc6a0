"""Resources under readings the two profiles leave out, or hold for one rule at a time."""

from __future__ import annotations

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD, record, writes
from tests.resources.vendor import Vendor


def teams_program() -> None:
    admin = tcmpp.User("admin", account="ops-admin", name="Ops", password=PASSWORD)
    apps = tcmpp.Team("apps", name="Apps", role="application", admin_user_id=admin.id)
    tcmpp.Team(
        "minis", name="Minis", role="mini_program", admin_user_id=admin.id, related_team_id=apps.id
    )


@pytest.mark.tcmpp_readings(team_id_leading_zero=True)
def test_team_ids_with_a_leading_zero_survive_the_integer_related_team_id(
    make_stack: MakeStack, emu: Emulator
) -> None:
    stack = make_stack(teams_program)
    assert stack.up().ok
    apps = record(emu, "team", team_name="Apps")
    assert apps and apps["team_id"].startswith("0")

    refreshed = stack.refresh()

    assert refreshed.ok and refreshed.step("minis").drift == "same", refreshed.render()
    assert stack.state().get("minis").outputs["related_team_id"] == apps["team_id"]
    emu.clear_request_log()
    assert stack.up().summary == {"same": 4}
    assert writes(emu) == []


@pytest.mark.tcmpp_readings(page_listed_codes=True)
def test_refresh_of_a_team_deleted_out_of_band_when_describe_team_says_failed_operation(
    make_stack: MakeStack, emu: Emulator, vendor: Vendor
) -> None:
    """DescribeTeam's page lists only FailedOperation and InvalidParameterValue: a missing team
    is one of those on this reading, and the team list tells whether it is gone."""
    stack = make_stack(teams_program)
    assert stack.up().ok
    minis = stack.state().get("minis").id
    vendor.call("DeleteTeam", TeamId=minis)

    refreshed = stack.refresh()

    assert refreshed.ok, refreshed.render()
    assert refreshed.step("minis").drift == "delete"
    described = [e for e in emu.request_log() if e["action"] == "DescribeTeam"]
    assert described and described[-1]["code"] == "FailedOperation"


@pytest.mark.tcmpp_readings(package_name_required=True)
def test_an_application_without_a_package_name_fails_with_the_platforms_reason(
    make_stack: MakeStack, emu: Emulator
) -> None:
    def program() -> None:
        admin = tcmpp.User("admin", account="apps-admin", name="Apps", password=PASSWORD)
        team = tcmpp.Team("apps", name="Apps", role="application", admin_user_id=admin.id)
        app = tcmpp.Application(
            "shop",
            name="Shop",
            team_id=team.id,
            type="test",
            logo="https://cdn.example.com/shop.png",
            intro="Shop",
        )
        pulumi.export("id", app.id)

    result = make_stack(program).up()

    assert not result.ok
    message = result.errors[0].message
    assert "InvalidParameterValue.AppPackageNameNotConfig" in message
    assert "package name is not specified" in message
    assert record(emu, "application", application_name="Shop") is None
