"""The platform the benchmarks bring up, and its no-op twin.

``platform_program(plan(n))`` declares about ``n`` resources in the proportions of ``MIX``:
users, global domains, teams (each with a user as admin), memberships, applications (each with
an Android package key), mini programs, domain ACLs and sensitive APIs (every other one
restricted), wired to each other as a real platform is, so the engine sees four dependency
levels. ``noop_twins()`` swaps every resource class's provider for :class:`_noop.NoopProvider`
while the same program runs: the same registrations, inputs, outputs, dependencies and SDK
work, without the provider's logic or any API call. What the twin costs is what the engine
and the SDK cost for that program.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from _noop import NoopProvider

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.resources._resource import TcmppResource

HERE = Path(__file__).parent
"""The provider processes' working directory (so they can import ``_noop``)."""
PASSWORD = "Bench-Passw0rd!1"
LOGO = "https://cdn.example.com/logo.png"
ICON = "https://cdn.example.com/icon.png"
MIX = {
    "User": 0.20,
    "GlobalDomain": 0.1333,
    "Team": 0.0667,
    "TeamMember": 0.20,
    "Application": 0.10,
    "MiniProgram": 0.10,
    "DomainACL": 0.10,
    "SensitiveAPI": 0.10,
}
"""Share of each resource kind in the platform (at least one of each, two teams)."""
KIND_OF_PREFIX = {
    "user": "User",
    "domain": "GlobalDomain",
    "team": "Team",
    "member": "TeamMember",
    "app": "Application",
    "mnp": "MiniProgram",
    "acl": "DomainACL",
    "api": "SensitiveAPI",
}
"""Resource names are ``<prefix>-<index>``."""


def plan(total: int) -> dict[str, int]:
    """How many resources of each kind make a platform of about ``total``."""
    counts = {
        kind: max(2 if kind == "Team" else 1, round(total * share)) for kind, share in MIX.items()
    }
    counts["User"] += total - sum(counts.values())  # rounding goes to the users
    return counts


def variant(name: str) -> tuple[str, str]:
    """A resource's kind and the variant of its inputs that can change its API calls."""
    prefix, _, index = name.rpartition("-")
    kind, i = KIND_OF_PREFIX[prefix], int(index)
    if kind == "GlobalDomain":
        return kind, "allow" if i % 4 else "block"
    if kind in ("Team", "TeamMember"):
        return kind, "application" if i % 2 == 0 else "mini program"
    if kind == "Application":
        return kind, "formal" if i % 2 else "test"
    if kind == "SensitiveAPI":
        return kind, "restricted" if i % 2 else "public"
    return kind, ""


def platform_program(counts: dict[str, int]) -> Callable[[], None]:
    """A Pulumi program declaring the platform ``counts`` describes."""

    def program() -> None:
        users = [
            tcmpp.User(f"user-{i}", account=f"user-{i}", name=f"User {i}", password=PASSWORD)
            for i in range(counts["User"])
        ]
        for i in range(counts["GlobalDomain"]):
            tcmpp.GlobalDomain(
                f"domain-{i}", url=f"host-{i}.example.com", kind="allow" if i % 4 else "block"
            )
        app_teams: list[tuple[int, tcmpp.Team]] = []
        mnp_teams: list[tuple[int, tcmpp.Team]] = []
        for i in range(counts["Team"]):
            role = "application" if i % 2 == 0 else "mini_program"
            team = tcmpp.Team(
                f"team-{i}", name=f"Team {i}", role=role, admin_user_id=users[i % len(users)].id
            )
            (app_teams if role == "application" else mnp_teams).append((i, team))
        teams = app_teams + mnp_teams
        for i in range(counts["TeamMember"]):
            index, team = teams[i % len(teams)]
            user = (index + 1 + i // len(teams)) % len(users)  # never the team's admin
            role_id = 20071 if index % 2 == 0 else 20066  # even teams are application teams
            tcmpp.TeamMember(
                f"member-{i}", team_id=team.id, user_id=users[user].id, role_id=role_id
            )
        apps = [
            tcmpp.Application(
                f"app-{i}",
                name=f"App {i}",
                team_id=app_teams[i % len(app_teams)][1].id,
                type="formal" if i % 2 else "test",
                logo=LOGO,
                intro=f"App {i}",
                android_package_name=f"com.example.app{i}",
            )
            for i in range(counts["Application"])
        ]
        mnps = [
            tcmpp.MiniProgram(
                f"mnp-{i}",
                name=f"MNP {i}",
                team_id=mnp_teams[i % len(mnp_teams)][1].id,
                categories=["Tools->40_Calculator"],
                icon=ICON,
                intro=f"MNP {i}",
                description=f"Mini program {i}",
            )
            for i in range(counts["MiniProgram"])
        ]
        for i in range(counts["DomainACL"]):
            tcmpp.DomainACL(
                f"acl-{i}",
                mini_program_id=mnps[i % len(mnps)].id,
                request_domains=[f"https://api{i}.example.com"],
            )
        for i in range(counts["SensitiveAPI"]):
            tcmpp.SensitiveAPI(
                f"api-{i}",
                application_id=apps[i % len(apps)].id,
                name=f"getThing{i}",
                description=f"Thing {i}",
                restricted=i % 2 == 1,
            )

    return program


def _resource_classes() -> list[type[TcmppResource]]:
    for name in tcmpp.__all__:  # the package imports its classes lazily: load them all
        getattr(tcmpp, name)
    found: list[type[TcmppResource]] = []
    todo: list[type[Any]] = [TcmppResource]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return [c for c in found if "_provider_type" in c.__dict__]


@contextlib.contextmanager
def noop_twins() -> Iterator[None]:
    """While inside, every resource class registers with :class:`NoopProvider`."""
    classes = _resource_classes()
    saved = {cls: cls.__dict__["_provider_type"] for cls in classes}
    try:
        for cls in classes:
            cls._provider_type = NoopProvider  # type: ignore[assignment]
        yield
    finally:
        for cls, provider in saved.items():
            cls._provider_type = provider
