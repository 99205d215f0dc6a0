"""Pulumi dynamic providers for the Tencent Cloud Mini Program Platform (TCMPP, now TCSAS).

```python
import pulumi_tcmpp as tcmpp

team = tcmpp.Team("ops", name="Ops", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id)
```

Resources read their connection settings at run time from the ``tcmpp:*`` stack config and
the ``TENCENTCLOUD_*`` / ``TCMPP_*`` environment; see the README for the table. A resource given
``connection=Connection(...)`` reads them from the sources that connection names instead (another
platform of the same program).

Every public name is imported on first use (PEP 562), so ``import pulumi_tcmpp`` costs
almost nothing and a program pays only for the resources it uses; see
``benchmarks/import_time.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pulumi_tcmpp._lazy import lazy_exports
from pulumi_tcmpp._version import __version__

if TYPE_CHECKING:
    from pulumi_tcmpp.clone.platform import Platform
    from pulumi_tcmpp.clone.spec import PlatformSpec, SpecError, load_spec
    from pulumi_tcmpp.connection import Connection
    from pulumi_tcmpp.errors import (
        ApiError,
        AuthError,
        ConfigurationError,
        ConflictError,
        NotFoundError,
        OutcomeUnknownError,
        RateLimitError,
        TcmppError,
        TransportError,
        UnsupportedActionError,
        ValidationError,
    )
    from pulumi_tcmpp.lookups import (
        categories,
        mini_program_id,
        online_version,
        role_id,
        roles,
        sensitive_api_id,
        team_id,
        user_id,
    )
    from pulumi_tcmpp.resources.application import Application
    from pulumi_tcmpp.resources.domain_acl import DomainACL
    from pulumi_tcmpp.resources.enums import (
        AccountType,
        ApiType,
        ApplicationType,
        DomainKind,
        GlobalDomainKind,
        TeamRole,
    )
    from pulumi_tcmpp.resources.global_domain import GlobalDomain
    from pulumi_tcmpp.resources.mini_program import MiniProgram
    from pulumi_tcmpp.resources.mini_program_release import MiniProgramRelease
    from pulumi_tcmpp.resources.mini_program_version import MiniProgramVersion
    from pulumi_tcmpp.resources.sensitive_api import SensitiveAPI
    from pulumi_tcmpp.resources.sensitive_api_permission import SensitiveAPIPermission
    from pulumi_tcmpp.resources.team import Team
    from pulumi_tcmpp.resources.team_member import TeamMember
    from pulumi_tcmpp.resources.team_members import MemberArgsDict, MemberDict, TeamMembers
    from pulumi_tcmpp.resources.user import User

_EXPORTS = {
    "pulumi_tcmpp.clone.platform": ("Platform",),
    "pulumi_tcmpp.clone.spec": ("PlatformSpec", "SpecError", "load_spec"),
    "pulumi_tcmpp.connection": ("Connection",),
    "pulumi_tcmpp.errors": (
        "ApiError",
        "AuthError",
        "ConfigurationError",
        "ConflictError",
        "NotFoundError",
        "OutcomeUnknownError",
        "RateLimitError",
        "TcmppError",
        "TransportError",
        "UnsupportedActionError",
        "ValidationError",
    ),
    "pulumi_tcmpp.lookups": (
        "categories",
        "mini_program_id",
        "online_version",
        "role_id",
        "roles",
        "sensitive_api_id",
        "team_id",
        "user_id",
    ),
    "pulumi_tcmpp.resources.application": ("Application",),
    "pulumi_tcmpp.resources.domain_acl": ("DomainACL",),
    "pulumi_tcmpp.resources.enums": (
        "AccountType",
        "ApiType",
        "ApplicationType",
        "DomainKind",
        "GlobalDomainKind",
        "TeamRole",
    ),
    "pulumi_tcmpp.resources.global_domain": ("GlobalDomain",),
    "pulumi_tcmpp.resources.mini_program": ("MiniProgram",),
    "pulumi_tcmpp.resources.mini_program_release": ("MiniProgramRelease",),
    "pulumi_tcmpp.resources.mini_program_version": ("MiniProgramVersion",),
    "pulumi_tcmpp.resources.sensitive_api": ("SensitiveAPI",),
    "pulumi_tcmpp.resources.sensitive_api_permission": ("SensitiveAPIPermission",),
    "pulumi_tcmpp.resources.team": ("Team",),
    "pulumi_tcmpp.resources.team_member": ("TeamMember",),
    "pulumi_tcmpp.resources.team_members": ("MemberArgsDict", "MemberDict", "TeamMembers"),
    "pulumi_tcmpp.resources.user": ("User",),
}

__all__ = [
    "AccountType",
    "ApiError",
    "ApiType",
    "Application",
    "ApplicationType",
    "AuthError",
    "ConfigurationError",
    "ConflictError",
    "Connection",
    "DomainACL",
    "DomainKind",
    "GlobalDomain",
    "GlobalDomainKind",
    "MemberArgsDict",
    "MemberDict",
    "MiniProgram",
    "MiniProgramRelease",
    "MiniProgramVersion",
    "NotFoundError",
    "OutcomeUnknownError",
    "Platform",
    "PlatformSpec",
    "RateLimitError",
    "SensitiveAPI",
    "SensitiveAPIPermission",
    "SpecError",
    "TcmppError",
    "Team",
    "TeamMember",
    "TeamMembers",
    "TeamRole",
    "TransportError",
    "UnsupportedActionError",
    "User",
    "ValidationError",
    "__version__",
    "categories",
    "load_spec",
    "mini_program_id",
    "online_version",
    "role_id",
    "roles",
    "sensitive_api_id",
    "team_id",
    "user_id",
]

if not TYPE_CHECKING:  # type checkers see the imports above, and no module __getattr__
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
