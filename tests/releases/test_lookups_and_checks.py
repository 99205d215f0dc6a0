"""Lookups by name, and MiniProgram categories checked against the platform when it can."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.api.teams import DescribeTeamList
from pulumi_tcmpp.client import Settings
from pulumi_tcmpp.lookups import LookupFailedError, unknown_categories
from pulumi_tcmpp.testing import Stack
from tests.releases.conftest import MakeStack
from tests.releases.platform import CATEGORY, Platform


def settings_of(platform: Platform) -> Settings:
    return platform.client.settings


def test_lookups_find_mini_programs_apis_and_the_online_version(platform: Platform) -> None:
    settings = settings_of(platform)
    assert tcmpp.mini_program_id("Pickup", settings) == platform.mnp_id
    assert tcmpp.sensitive_api_id("getPhoneNumber", platform.app_id, settings) == platform.api_id
    assert tcmpp.online_version(platform.mnp_id, settings) is None
    platform.ship("1.2.0")
    assert tcmpp.online_version(platform.mnp_id, settings) == "1.2.0"
    assert CATEGORY in tcmpp.categories(settings)
    assert unknown_categories([CATEGORY, "Nope->1_Nothing"], settings) == ["Nope->1_Nothing"]


def test_lookups_say_what_did_not_match(platform: Platform) -> None:
    with pytest.raises(LookupFailedError, match="0 mini programs are named 'Dropoff'"):
        tcmpp.mini_program_id("Dropoff", settings_of(platform))
    with pytest.raises(LookupFailedError, match="0 sensitive APIs of application"):
        tcmpp.sensitive_api_id("getLocation", platform.app_id, settings_of(platform))


def mini_program(team_id: str, categories: list[Any]) -> Any:
    def program() -> None:
        tcmpp.MiniProgram(
            "dropoff",
            name="Dropoff",
            team_id=team_id,
            categories=categories,
            icon="https://cdn.example.com/dropoff.png",
            intro="Drop off parcels",
            description="Find a locker",
        )
        pulumi.export("ok", True)

    return program


def mini_team(platform: Platform) -> str:
    rows = platform.client.paginate(
        DescribeTeamList(offset=0, limit=100, platform_id=platform.emu.platform_id)
    )
    return str(next(r.team_id for r in rows if r.team_name == "Mini programs"))


def test_an_unknown_category_fails_the_preview_when_credentials_are_configured(
    make_stack: MakeStack, platform: Platform
) -> None:
    program = mini_program(mini_team(platform), [CATEGORY, "Travel->9_Time machines"])

    result = make_stack(program).preview()

    assert not result.ok
    message = result.errors[0].message
    assert "'Travel->9_Time machines' is not a category of platform" in message
    assert "DescribeMNPCategory lists" in message
    assert platform.actions("CreateMNP") == ["CreateMNP"]  # the fixture's only


def test_known_categories_pass_and_the_check_still_works_offline(
    make_stack: MakeStack, platform: Platform, tmp_path: Any
) -> None:
    team = mini_team(platform)
    assert make_stack(mini_program(team, [CATEGORY])).up().ok

    offline = Stack(
        mini_program(team, ["Travel->9_Time machines"]),
        project="offline",
        state_path=tmp_path / "offline.json",
    )
    result = offline.preview()  # no credentials: offline rules only, no platform call
    assert result.ok, result.render()
