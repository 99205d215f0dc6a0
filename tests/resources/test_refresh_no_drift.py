"""Refresh of an unchanged stack reports no drift, for every input of every resource.

One stack sets every input a program can set, of every resource kind, to a value other than
its default (write-only ones such as ``password`` and ``password_secret`` included, and both
ways to name a team's admin or a member's role). It is deployed once on its own emulator and
refreshed; then one test per input checks that the refresh read that input back unchanged for
every resource of the kind, and that the refresh reported no drift. A last test checks that
the next ``up`` is a no-op. One resource of each kind reaches the platform through a
``Connection`` (the same platform, another config namespace), so the connection is an input
read back unchanged too.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import ResourceState, Result, Secret, Stack
from pulumi_tcmpp.testing._values import strip_secrets
from tests.resources.helpers import PASSWORD, stack_config

CDN = "https://cdn.example.com"
PRIMARY = tcmpp.Connection(config="primary")
"""The emulator's platform again, through a config namespace of its own (set by the fixture)."""
CATEGORY = "Logistics Services->1_Pickup/Delivery"
KINDS: list[type[pulumi.CustomResource]] = [
    tcmpp.User,
    tcmpp.Team,
    tcmpp.TeamMember,
    tcmpp.TeamMembers,
    tcmpp.Application,
    tcmpp.SensitiveAPI,
    tcmpp.MiniProgram,
    tcmpp.DomainACL,
    tcmpp.GlobalDomain,
    tcmpp.MiniProgramVersion,
    tcmpp.MiniProgramRelease,
    tcmpp.SensitiveAPIPermission,
]


def every_input_program() -> None:
    """Each resource kind with every input set (two instances where inputs exclude each
    other), non-default values throughout."""
    admin = tcmpp.User(
        "admin",
        account="ops-admin",
        name="Ops Admin",
        account_type=tcmpp.AccountType.PLATFORM_ADMIN,
        password=PASSWORD,
        password_secret="adminPassword",
        adopt=True,
        connection=PRIMARY,
    )
    dev = tcmpp.User("dev", account="dev", name="Dev", password=PASSWORD, on_exists="adopt")
    apps = tcmpp.Team(
        "apps",
        name="Apps",
        role=tcmpp.TeamRole.APPLICATION,
        admin_user_id=admin.user_id,
        remark="The superapp team",
        adopt=True,
        connection=PRIMARY,
    )
    mnps = tcmpp.Team(
        "mnps",
        name="Mini Programs",
        role=tcmpp.TeamRole.MINI_PROGRAM,
        admin_account="ops-admin",
        related_team_id=apps.team_id,
        on_exists="adopt",
        opts=pulumi.ResourceOptions(depends_on=[admin]),
    )
    ops = tcmpp.Team(
        "ops", name="Ops", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.user_id
    )
    tcmpp.TeamMember(
        "dev-in-apps",
        team_id=apps.team_id,
        user_id=dev.user_id,
        role_id=20071,
        adopt=True,
        connection=PRIMARY,
    )
    tcmpp.TeamMember(
        "dev-in-mnps",
        team_id=mnps.team_id,
        user_id=dev.user_id,
        role="Mini Program Developer",
        on_exists="adopt",
    )
    tcmpp.TeamMembers(
        "ops-members",
        team_id=ops.team_id,
        members=[
            {"user": "dev", "role": "Application Senior Developer"},
            {"user": admin.user_id, "role": "Application Administrator"},
        ],
        authoritative=True,
        connection=PRIMARY,
        opts=pulumi.ResourceOptions(depends_on=[dev]),
    )
    app = tcmpp.Application(
        "app",
        name="Shop",
        team_id=apps.team_id,
        type=tcmpp.ApplicationType.FORMAL,
        logo=f"{CDN}/shop.png",
        intro="The shop superapp",
        android_package_name="com.example.shop",
        ios_bundle_id="com.example.shop.ios",
        remark="Production",
        adopt=True,
        connection=PRIMARY,
    )
    tcmpp.Application(
        "app-2",
        name="Shop Test",
        team_id=apps.team_id,
        type=tcmpp.ApplicationType.TEST,
        logo=f"{CDN}/shop-test.png",
        intro="The shop superapp, for tests",
        on_exists="adopt",
    )
    api = tcmpp.SensitiveAPI(
        "api",
        application_id=app.application_id,
        name="getPhoneNumber",
        description="Read the phone number",
        type=tcmpp.ApiType.SYSTEM,
        restricted=True,
        on_exists="adopt",
        connection=PRIMARY,
    )
    tcmpp.SensitiveAPI(
        "api-adopted",
        application_id=app.application_id,
        name="getLocation",
        description="Read the location",
        adopt=True,
    )
    mnp = tcmpp.MiniProgram(
        "mnp",
        name="Pickup",
        team_id=mnps.team_id,
        categories=[CATEGORY],
        icon=f"{CDN}/pickup.png",
        intro="Pick up parcels",
        description="Book a courier",
        adopt=True,
        connection=PRIMARY,
    )
    returns = tcmpp.MiniProgram(
        "mnp-2",
        name="Returns",
        team_id=mnps.team_id,
        categories=[CATEGORY],
        icon=f"{CDN}/returns.png",
        intro="Send parcels back",
        description="Book a return",
        on_exists="adopt",
    )
    tcmpp.DomainACL(
        "acl",
        mini_program_id=mnp.mini_program_id,
        request_domains=["https://api.example.com"],
        web_view_domains=["https://web.example.com"],
        socket_domains=["wss://push.example.com"],
        upload_domains=["https://up.example.com"],
        download_domains=["https://down.example.com"],
        adopt=True,
        connection=PRIMARY,
    )
    tcmpp.DomainACL(
        "acl-2",
        mini_program_id=returns.mini_program_id,
        request_domains=["https://returns.example.com"],
        on_exists="adopt",
    )
    tcmpp.GlobalDomain(
        "blocked", url="ads.example.net", kind="block", on_exists="adopt", connection=PRIMARY
    )
    tcmpp.GlobalDomain("allowed", url="https://static.example.com", kind="allow", adopt=True)
    versions = [
        tcmpp.MiniProgramVersion(
            f"v{number}",
            mini_program_id=mnp.mini_program_id,
            version=number,
            package_url=f"{CDN}/pickup-{number}.zip",
            intro=f"Pickup {number}",
            build_timeout=120.0,
            poll_interval=0.02,
            **policy,
            connection=PRIMARY,
        )
        for number, policy in (("1.0.0", {"adopt": True}), ("1.0.1", {"on_exists": "adopt"}))
    ]
    tcmpp.MiniProgramRelease(
        "release",
        mini_program_id=mnp.mini_program_id,
        version=versions[0].version,
        auto_approve=True,
        approval_timeout=120.0,
        poll_interval=0.02,
        preview_version=versions[1].version,
        preview_entrance_path="pages/index/index?from=qa",
        remove_on_delete=True,
        connection=PRIMARY,
        opts=pulumi.ResourceOptions(depends_on=[app]),
    )
    tcmpp.SensitiveAPIPermission(
        "permission",
        mini_program_id=mnp.mini_program_id,
        api_id=api.api_id,
        reason="Couriers call the customer",
        auto_approve=True,
        wait_for_approval=False,
        approval_timeout=120.0,
        poll_interval=0.02,
        connection=PRIMARY,
    )


@dataclass
class Deployed:
    """The stack, its state right after ``up``, and the refresh that followed."""

    stack: Stack
    emu: Emulator
    before: dict[str, ResourceState]
    refresh: Result

    def of_kind(self, kind: type[pulumi.CustomResource]) -> list[ResourceState]:
        suffix = f":{kind.__name__}"
        return [r for r in self.before.values() if r.custom and r.type.endswith(suffix)]


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    with Emulator(rate_limit=None) as emu:
        config = {**stack_config(emu), "resources:adminPassword": Secret(PASSWORD)}
        config |= {k.replace("tcmpp:", "primary:"): v for k, v in stack_config(emu).items()}
        state = tmp_path_factory.mktemp("refresh") / "state.json"
        stack = Stack(every_input_program, project="resources", state_path=state, config=config)
        created = stack.up()
        assert created.ok, created.render()
        before = {r.name: r for r in stack.state().live()}
        refreshed = stack.refresh()
        assert refreshed.ok, refreshed.render()
        yield Deployed(stack, emu, before, refreshed)


def settable_inputs() -> list[tuple[type[pulumi.CustomResource], str]]:
    """Every input a program can set, per resource kind (the class's keyword arguments)."""
    pairs = []
    for kind in KINDS:
        parameters = inspect.signature(kind.__init__).parameters
        pairs += [
            (kind, name) for name in parameters if name not in ("self", "resource_name", "opts")
        ]
    return pairs


def _plain(value: Any) -> Any:
    return strip_secrets(value)


def _set(kind: type[pulumi.CustomResource], name: str, value: Any) -> bool:
    """Whether ``value`` differs from the input's default (what leaving it out gives)."""
    default = inspect.signature(kind.__init__).parameters[name].default
    unset = (None, [], {}, "") if default is inspect.Parameter.empty else (None, [], {}, default)
    return value not in unset


@pytest.mark.parametrize(
    ("kind", "name"),
    settable_inputs(),
    ids=[f"{kind.__name__}.{name}" for kind, name in settable_inputs()],
)
def test_refresh_reads_the_input_back_unchanged(
    deployed: Deployed, kind: type[pulumi.CustomResource], name: str
) -> None:
    resources = deployed.of_kind(kind)
    assert resources, f"the program has no {kind.__name__}"
    assert any(_set(kind, name, _plain(r.inputs.get(name))) for r in resources), (
        f"no {kind.__name__} of the program sets {name}: the test would prove nothing"
    )
    after = {r.name: r for r in deployed.refresh.state.live()} if deployed.refresh.state else {}
    for resource in resources:
        step = deployed.refresh.step(resource.name)
        assert step.drift == "same", (resource.name, step.diffs)
        refreshed = after[resource.name].inputs.get(name)
        assert _plain(refreshed) == _plain(resource.inputs.get(name)), (resource.name, name)


def test_the_up_after_the_refresh_changes_nothing(deployed: Deployed) -> None:
    deployed.emu.clear_request_log()
    again = deployed.stack.up()
    assert again.ok, again.render()
    assert set(again.summary) == {"same"}, again.render()
    writes = [
        e["action"] for e in deployed.emu.request_log() if not e["action"].startswith("Describe")
    ]
    assert writes == []


def test_the_program_covers_every_resource_kind() -> None:
    exported = [getattr(tcmpp, name) for name in dir(tcmpp)]
    kinds = {c for c in exported if isinstance(c, type) and issubclass(c, pulumi.dynamic.Resource)}
    assert kinds == set(KINDS)
