"""A preview plans exactly the steps ``up`` then performs, for a change to any resource kind.

One platform holds every resource kind, wired the way the README and the examples wire them
(identity outputs such as ``team.team_id``, and inputs such as ``version.version``). Each case
deploys it, changes one resource (a rename or another in-place change; a replacement for the
kinds whose inputs cannot change in place), previews, applies, and compares the two plans:
the same operations on the same resources with the same replaced properties. It also checks
the stack's outputs: a preview may show an output as unknown only when ``up`` changes it (a
replaced resource's id), and a known one must be the value ``up`` then produces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Result, Unknown
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD, writes

CATEGORY = "Logistics Services->1_Pickup/Delivery"
CDN = "https://cdn.example.com"

BASE: dict[str, Any] = {
    "admin_name": "Ops Admin",
    "dev_name": "Dev",
    "dev_password": PASSWORD,
    "apps_name": "Apps",
    "mnps_name": "Mini Programs",
    "member_role": "Application Developer",
    "members_role": "Mini Program Developer",
    "app_name": "Shop",
    "app_intro": "The shop superapp",
    "api_name": "getPhoneNumber",
    "api_restricted": True,
    "mnp_name": "Pickup",
    "mnp_description": "Book a courier",
    "domains": ["https://api.example.com"],
    "global_url": "cdn.example.com",
    "version_poll": 0.02,
    "release_poll": 0.02,
    "permission_poll": 0.02,
}


def platform_program(knobs: dict[str, Any]) -> Callable[[], None]:
    """Every resource kind, each wired to the ones it depends on; ``knobs`` read each run."""

    def program() -> None:
        admin = tcmpp.User(
            "admin",
            account="ops-admin",
            name=knobs["admin_name"],
            account_type=tcmpp.AccountType.PLATFORM_ADMIN,
            password=PASSWORD,
        )
        dev = tcmpp.User(
            "dev", account="dev", name=knobs["dev_name"], password=knobs["dev_password"]
        )
        apps = tcmpp.Team(
            "apps",
            name=knobs["apps_name"],
            role=tcmpp.TeamRole.APPLICATION,
            admin_user_id=admin.user_id,
        )
        mnps = tcmpp.Team(
            "mnps",
            name=knobs["mnps_name"],
            role=tcmpp.TeamRole.MINI_PROGRAM,
            admin_user_id=admin.user_id,
            related_team_id=apps.team_id,
        )
        tcmpp.TeamMember(
            "dev-in-apps", team_id=apps.team_id, user_id=dev.user_id, role=knobs["member_role"]
        )
        tcmpp.TeamMembers(
            "mnp-members",
            team_id=mnps.team_id,
            members=[{"user": dev.user_id, "role": knobs["members_role"]}],
        )
        app = tcmpp.Application(
            "app",
            name=knobs["app_name"],
            team_id=apps.team_id,
            type=tcmpp.ApplicationType.TEST,
            logo=f"{CDN}/shop.png",
            intro=knobs["app_intro"],
            android_package_name="com.example.shop",  # some readings require one
        )
        api = tcmpp.SensitiveAPI(
            "api",
            application_id=app.application_id,
            name=knobs["api_name"],
            description="Read the phone number",
            restricted=knobs["api_restricted"],
        )
        mnp = tcmpp.MiniProgram(
            "mnp",
            name=knobs["mnp_name"],
            team_id=mnps.team_id,
            categories=[CATEGORY],
            icon=f"{CDN}/pickup.png",
            intro="Pick up parcels",
            description=knobs["mnp_description"],
        )
        tcmpp.DomainACL(
            "acl", mini_program_id=mnp.mini_program_id, request_domains=knobs["domains"]
        )
        domain = tcmpp.GlobalDomain("cdn", url=knobs["global_url"], kind="allow")
        version = tcmpp.MiniProgramVersion(
            "v1",
            mini_program_id=mnp.mini_program_id,
            version="1.0.0",
            package_url=f"{CDN}/pickup-1.0.0.zip",
            intro="First",
            poll_interval=knobs["version_poll"],
        )
        tcmpp.MiniProgramRelease(
            "release",
            mini_program_id=mnp.mini_program_id,
            version=version.version,
            auto_approve=True,
            poll_interval=knobs["release_poll"],
            opts=pulumi.ResourceOptions(depends_on=[app]),
        )
        permission = tcmpp.SensitiveAPIPermission(
            "permission",
            mini_program_id=mnp.mini_program_id,
            api_id=api.api_id,
            reason="Couriers call the customer",
            auto_approve=True,
            poll_interval=knobs["permission_poll"],
        )
        for name, output in (
            ("user_id", admin.user_id),
            ("team_id", apps.team_id),
            ("application_id", app.application_id),
            ("api_id", api.api_id),
            ("mini_program_id", mnp.mini_program_id),
            ("domain_id", domain.domain_id),
            ("version_id", version.version_id),
            ("version", version.version),
            ("approval_no", permission.approval_no),
        ):
            pulumi.export(name, output)

    return program


def untruthful_outputs(
    before: dict[str, Any], planned: dict[str, Any], after: dict[str, Any]
) -> list[str]:
    """Outputs the preview got wrong: a known value that is not the one ``up`` produced, or
    an unknown one that ``up`` left as it was (known in the real engine's terms: an id)."""
    wrong = []
    for name, value in planned.items():
        if isinstance(value, Unknown) and after.get(name) == before.get(name):
            wrong.append(f"{name}: unknown in the preview, unchanged by up")
        elif not isinstance(value, Unknown) and value != after.get(name):
            wrong.append(f"{name}: {value!r} in the preview, {after.get(name)!r} after up")
    return wrong


def plan(result: Result) -> list[tuple[str, str, tuple[str, ...]]]:
    """The steps that do something, as (resource, operation, replaced properties)."""
    return sorted(
        (step.name, step.op, tuple(sorted(step.replaces)))
        for step in result.steps
        if step.op != "same"
    )


CHANGES: dict[str, dict[str, Any]] = {
    "User rename (parent of teams and memberships)": {"admin_name": "Chief Admin"},
    "User password (parent of memberships)": {"dev_password": "An0ther-Passw0rd!"},
    "Team rename (parent of team, member, members, application)": {"apps_name": "Superapps"},
    "Team rename (parent of members, mini program)": {"mnps_name": "Mini Apps"},
    "TeamMember role": {"member_role": "Application Senior Developer"},
    "TeamMembers role": {"members_role": "Mini Program Senior Developer"},
    "Application rename (parent of API, release)": {"app_name": "Shop Superapp"},
    "Application intro": {"app_intro": "Our superapp"},
    "SensitiveAPI restricted (parent of permission)": {"api_restricted": False},
    "SensitiveAPI rename: replaced with its permission": {"api_name": "getLocation"},
    "MiniProgram rename (parent of ACL, version, release, permission)": {"mnp_name": "Parcels"},
    "MiniProgram description": {"mnp_description": "Book a courier to your door"},
    "DomainACL domains": {"domains": ["https://api.example.com", "https://img.example.com"]},
    "GlobalDomain rename": {"global_url": "static.example.com"},
    "MiniProgramVersion in place (parent of release)": {"version_poll": 0.03},
    "MiniProgramRelease in place": {"release_poll": 0.03},
    "SensitiveAPIPermission in place": {"permission_poll": 0.03},
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_preview_plans_exactly_what_up_performs(
    make_stack: MakeStack, emu: Emulator, change: str
) -> None:
    knobs = dict(BASE)
    stack = make_stack(platform_program(knobs), secrets=["An0ther-Passw0rd!"])
    created = stack.up()
    assert created.ok, created.render()

    knobs.update(CHANGES[change])
    emu.clear_request_log()
    preview = stack.preview()
    assert preview.ok, preview.render()
    assert writes(emu) == [], "a preview wrote to the platform"

    applied = stack.up()
    assert applied.ok, applied.render()
    assert untruthful_outputs(created.outputs, preview.outputs, applied.outputs) == []
    assert plan(preview) == plan(applied), (preview.render(), applied.render())
    assert plan(applied), "the change changed nothing"
    assert preview.summary == applied.summary
