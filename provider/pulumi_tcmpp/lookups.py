"""Lookups for Pulumi programs: find ids by name at program run time.

They read the platform (so a preview that uses them needs credentials) with the same settings
the resources use: the ``tcmpp:*`` stack config, then the environment. Results are cached per
process, so a program that asks for the same role fifty times makes one call.
"""

from __future__ import annotations

import threading
from typing import Any

from pulumi_tcmpp.api.mini_programs import DescribeMNPCategory, DescribeMNPList
from pulumi_tcmpp.api.releases import DescribeMNPAllStageVersions
from pulumi_tcmpp.api.sensitive_apis import DescribeApplicationSensitiveAPIList
from pulumi_tcmpp.api.teams import DescribeRoleList, DescribeTeamList
from pulumi_tcmpp.api.users import DescribeUserList
from pulumi_tcmpp.client import SETTING_SOURCES, Client, Settings, client_for
from pulumi_tcmpp.errors import TcmppError

__all__ = [
    "LookupFailedError",
    "categories",
    "mini_program_id",
    "online_version",
    "role_id",
    "roles",
    "sensitive_api_id",
    "team_id",
    "unknown_categories",
    "user_id",
]

_CACHE: dict[tuple[Any, ...], Any] = {}
_LOCK = threading.Lock()


class LookupFailedError(TcmppError):
    """Nothing (or more than one thing) matched a lookup."""


def _program_config() -> dict[str, Any]:
    try:
        from pulumi.runtime.config import get_config
    except ImportError:  # pragma: no cover - pulumi is a dependency
        return {}
    config = {}
    for source in SETTING_SOURCES.values():
        value = get_config(source.config_key)
        if value is not None:
            config[source.config_key] = value
    return config


def _context(settings: Settings | None) -> tuple[Client, str]:
    resolved = settings or Settings.resolve(config=_program_config())
    return client_for(resolved), resolved.require_platform_id()


def _cached(key: tuple[Any, ...], compute: Any) -> Any:
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
    return value


def roles(team_id: str | None = None, settings: Settings | None = None) -> dict[str, int]:
    """Role name -> RoleId, optionally for one team."""
    client, platform = _context(settings)

    def compute() -> dict[str, int]:
        request = DescribeRoleList(offset=0, limit=100, platform_id=platform, team_id=team_id)
        return {row.role_name: row.role_id for row in client.paginate(request) if row.role_name}

    return dict(_cached(("roles", client.settings.base_url, platform, team_id), compute))


def role_id(name: str, team_id: str | None = None, settings: Settings | None = None) -> int:
    """The RoleId of the role with exactly this name (for TeamMember.role_id)."""
    found = roles(team_id, settings)
    if name not in found:
        known = ", ".join(sorted(found)) or "none"
        raise LookupFailedError(f"no role named {name!r} on the platform (roles: {known})")
    return found[name]


def team_id(name: str, settings: Settings | None = None) -> str:
    """The TeamId of the team with exactly this name."""
    client, platform = _context(settings)
    request = DescribeTeamList(offset=0, limit=100, platform_id=platform, keyword=name)
    ids = [row.team_id for row in client.paginate(request) if row.team_name == name]
    if len(ids) != 1:
        raise LookupFailedError(f"{len(ids)} teams are named {name!r}; expected exactly one")
    return str(ids[0])


def user_id(account: str, settings: Settings | None = None) -> str:
    """The UserId of the user with exactly this account."""
    client, platform = _context(settings)
    request = DescribeUserList(offset=0, limit=100, platform_id=platform, keyword=account)
    ids = [row.user_id for row in client.paginate(request) if row.user_account == account]
    if len(ids) != 1:
        raise LookupFailedError(
            f"{len(ids)} users have the account {account!r}; expected exactly one"
        )
    return str(ids[0])


def categories(settings: Settings | None = None) -> list[str]:
    """Every mini program category as a ``"Category->Value"`` string."""
    client, platform = _context(settings)

    def compute() -> list[str]:
        reply = client.call(DescribeMNPCategory(platform_id=platform))
        return sorted(
            f"{kind.type_name}->{value}"
            for kind in reply.data or []
            for value in kind.type_value or []
        )

    return list(_cached(("categories", client.settings.base_url, platform), compute))


def unknown_categories(values: list[str], settings: Settings | None = None) -> list[str]:
    """The values that are not ``"Category->Value"`` strings of the platform (in order)."""
    known = set(categories(settings))
    return [value for value in values if value not in known]


def mini_program_id(name: str, settings: Settings | None = None) -> str:
    """The MNPId of the mini program with exactly this name."""
    client, platform = _context(settings)
    request = DescribeMNPList(offset=0, limit=100, platform_id=platform, keyword=name)
    ids = [row.mnp_id for row in client.paginate(request) if row.mnp_name == name and row.mnp_id]
    if len(ids) != 1:
        raise LookupFailedError(
            f"{len(ids)} mini programs are named {name!r}; expected exactly one"
        )
    return str(ids[0])


def sensitive_api_id(name: str, application_id: str, settings: Settings | None = None) -> str:
    """The APIId of the application's sensitive API with exactly this name."""
    client, platform = _context(settings)
    request = DescribeApplicationSensitiveAPIList(
        offset=0, limit=100, platform_id=platform, application_id=application_id, keyword=name
    )
    ids = [row.api_id for row in client.paginate(request) if row.api_name == name and row.api_id]
    if len(ids) != 1:
        raise LookupFailedError(
            f"{len(ids)} sensitive APIs of application {application_id} are named {name!r}; "
            "expected exactly one"
        )
    return str(ids[0])


def online_version(mini_program_id: str, settings: Settings | None = None) -> str | None:
    """The version number online now, or None (never cached: releases change it)."""
    client, platform = _context(settings)
    reply = client.call(DescribeMNPAllStageVersions(mnp_id=mini_program_id, platform_id=platform))
    online = [row.mnp_version for row in reply.data or [] if row.phase == "Online"]
    return online[0] if online and online[0] else None
