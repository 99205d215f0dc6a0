"""Lookups for Pulumi programs: find ids by name at program run time.

They read the platform with the same settings the resources use: the ``tcmpp:*`` stack
config, then the environment; or, given ``connection=Connection(...)``, the sources that
connection names (another platform of the same program). Results are cached per process and
platform, so a program that asks for the same role fifty times makes one call.

In a preview without credentials (or without a platform id) a lookup cannot read anything:
it returns an *unknown* ``pulumi.Output`` instead of failing, as a resource output that is not
known yet, and makes no call. Outside a preview a missing credential is an error. Most programs
need no lookup at all: ``TeamMember(role="...")``, ``Team(admin_account="...")`` and
``TeamMembers`` name roles and users by name, and the provider resolves them at create and
update time.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, Union

import pulumi

from pulumi_tcmpp import client as api_client  # lazy package: httpx loads with the first client
from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.client import Settings
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import ConfigurationError, TcmppError

if TYPE_CHECKING:
    from pulumi_tcmpp.api import mini_programs, releases, sensitive_apis, teams, users
    from pulumi_tcmpp.client import Client
else:  # API models load with the first lookup (a program that makes none never needs them)
    mini_programs = deferred_module("pulumi_tcmpp.api.mini_programs")
    releases = deferred_module("pulumi_tcmpp.api.releases")
    sensitive_apis = deferred_module("pulumi_tcmpp.api.sensitive_apis")
    teams = deferred_module("pulumi_tcmpp.api.teams")
    users = deferred_module("pulumi_tcmpp.api.users")

__all__ = [
    "LookupFailedError",
    "categories",
    "known_categories",
    "mini_program_id",
    "online_version",
    "program_settings",
    "role_id",
    "roles",
    "sensitive_api_id",
    "team_id",
    "unknown",
    "unknown_categories",
    "user_id",
]

_CACHE: dict[tuple[Any, ...], Any] = {}
_LOCK = threading.Lock()
T = TypeVar("T")
Found: TypeAlias = Union[T, "pulumi.Output[T]"]
"""A looked-up value, or an unknown output in a preview that cannot read the platform."""


class LookupFailedError(TcmppError):
    """Nothing (or more than one thing) matched a lookup."""


def _program_config(connection: Connection) -> dict[str, Any]:
    try:
        from pulumi.runtime.config import get_config
    except ImportError:  # pragma: no cover - pulumi is a dependency
        return {}
    config = {}
    for key in connection.config_keys():
        value = get_config(key)
        if value is not None:
            config[key] = value
    return config


def program_settings(connection: Connection | None = None) -> Settings:
    """The settings a connection names, resolved in the program (its stack config and
    environment); the stack's usual settings without one."""
    connection = connection or Connection()
    settings = connection.settings(_program_config(connection))
    connection.require_platform_id(settings)
    return settings


def _context(settings: Settings | None, connection: Connection | None) -> tuple[Client, str]:
    if settings is not None and connection is not None:
        raise TypeError("a lookup takes settings or a connection, not both")
    resolved = settings or program_settings(connection)
    return api_client.client_for(resolved), resolved.require_platform_id()


def _previewing() -> bool:
    try:
        return pulumi.runtime.is_dry_run()
    except Exception:  # not inside a Pulumi program
        return False


def unknown() -> pulumi.Output[Any]:
    """An output whose value is not known (what a preview shows for it)."""

    async def value() -> Any:
        return None

    async def known() -> bool:
        return False

    return pulumi.Output(set(), asyncio.ensure_future(value()), asyncio.ensure_future(known()))


def _look_up(
    settings: Settings | None, connection: Connection | None, find: Callable[[Client, str], T]
) -> Found[T]:
    """``find(client, platform_id)``, or unknown in a preview that cannot read the platform."""
    try:
        client, platform = _context(settings, connection)
    except ConfigurationError:
        if settings is None and _previewing():
            return unknown()
        raise
    return find(client, platform)


def _cached(key: tuple[Any, ...], compute: Any) -> Any:
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
    return value


def _roles(client: Client, platform: str, team_id: str | None) -> dict[str, int]:
    def compute() -> dict[str, int]:
        request = teams.DescribeRoleList(offset=0, limit=100, platform_id=platform, team_id=team_id)
        return {row.role_name: row.role_id for row in client.paginate(request) if row.role_name}

    return dict(_cached(("roles", client.settings.base_url, platform, team_id), compute))


def roles(
    team_id: str | None = None,
    settings: Settings | None = None,
    *,
    connection: Connection | None = None,
) -> Found[dict[str, int]]:
    """Role name -> RoleId, optionally for one team."""
    return _look_up(
        settings, connection, lambda client, platform: _roles(client, platform, team_id)
    )


def role_id(
    name: str,
    team_id: str | None = None,
    settings: Settings | None = None,
    *,
    connection: Connection | None = None,
) -> Found[int]:
    """The RoleId of the role with exactly this name (``TeamMember(role=name)`` needs none)."""

    def find(client: Client, platform: str) -> int:
        found = _roles(client, platform, team_id)
        if name not in found:
            known = ", ".join(sorted(found)) or "none"
            raise LookupFailedError(f"no role named {name!r} on the platform (roles: {known})")
        return found[name]

    return _look_up(settings, connection, find)


def _exactly_one(ids: list[Any], what: str) -> str:
    if len(ids) != 1:
        raise LookupFailedError(f"{len(ids)} {what}; expected exactly one")
    return str(ids[0])


def team_id(
    name: str, settings: Settings | None = None, *, connection: Connection | None = None
) -> Found[str]:
    """The TeamId of the team with exactly this name."""

    def find(client: Client, platform: str) -> str:
        request = teams.DescribeTeamList(offset=0, limit=100, platform_id=platform, keyword=name)
        ids = [row.team_id for row in client.paginate(request) if row.team_name == name]
        return _exactly_one(ids, f"teams are named {name!r}")

    return _look_up(settings, connection, find)


def user_id(
    account: str, settings: Settings | None = None, *, connection: Connection | None = None
) -> Found[str]:
    """The UserId of the user with exactly this account (``Team(admin_account=...)`` needs
    none)."""

    def find(client: Client, platform: str) -> str:
        request = users.DescribeUserList(offset=0, limit=100, platform_id=platform, keyword=account)
        ids = [row.user_id for row in client.paginate(request) if row.user_account == account]
        return _exactly_one(ids, f"users have the account {account!r}")

    return _look_up(settings, connection, find)


def _categories(client: Client, platform: str) -> list[str]:
    def compute() -> list[str]:
        reply = client.call(mini_programs.DescribeMNPCategory(platform_id=platform))
        return sorted(
            f"{kind.type_name}->{value}"
            for kind in reply.data or []
            for value in kind.type_value or []
        )

    return list(_cached(("categories", client.settings.base_url, platform), compute))


def categories(
    settings: Settings | None = None, *, connection: Connection | None = None
) -> Found[list[str]]:
    """Every mini program category as a ``"Category->Value"`` string."""
    return _look_up(settings, connection, _categories)


def unknown_categories(values: list[str], settings: Settings) -> list[str]:
    """The values that are not ``"Category->Value"`` strings of the platform (in order)."""
    client, platform = _context(settings, None)
    known = set(_categories(client, platform))
    return [value for value in values if value not in known]


def known_categories(settings: Settings) -> list[str]:
    """The platform's categories, read with explicit settings (for the provider's checks)."""
    client, platform = _context(settings, None)
    return _categories(client, platform)


def mini_program_id(
    name: str, settings: Settings | None = None, *, connection: Connection | None = None
) -> Found[str]:
    """The MNPId of the mini program with exactly this name."""

    def find(client: Client, platform: str) -> str:
        request = mini_programs.DescribeMNPList(
            offset=0, limit=100, platform_id=platform, keyword=name
        )
        rows = client.paginate(request)
        ids = [row.mnp_id for row in rows if row.mnp_name == name and row.mnp_id]
        return _exactly_one(ids, f"mini programs are named {name!r}")

    return _look_up(settings, connection, find)


def sensitive_api_id(
    name: str,
    application_id: str,
    settings: Settings | None = None,
    *,
    connection: Connection | None = None,
) -> Found[str]:
    """The APIId of the application's sensitive API with exactly this name."""

    def find(client: Client, platform: str) -> str:
        request = sensitive_apis.DescribeApplicationSensitiveAPIList(
            offset=0, limit=100, platform_id=platform, application_id=application_id, keyword=name
        )
        rows = client.paginate(request)
        ids = [row.api_id for row in rows if row.api_name == name and row.api_id]
        return _exactly_one(
            ids, f"sensitive APIs of application {application_id} are named {name!r}"
        )

    return _look_up(settings, connection, find)


def online_version(
    mini_program_id: str, settings: Settings | None = None, *, connection: Connection | None = None
) -> Found[str | None]:
    """The version number online now, or None (never cached: releases change it)."""

    def find(client: Client, platform: str) -> str | None:
        reply = client.call(
            releases.DescribeMNPAllStageVersions(mnp_id=mini_program_id, platform_id=platform)
        )
        online = [row.mnp_version for row in reply.data or [] if row.phase == "Online"]
        return online[0] if online and online[0] else None

    return _look_up(settings, connection, find)
