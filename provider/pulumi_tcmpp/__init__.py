"""Pulumi dynamic providers for the Tencent Cloud Mini Program Platform (TCMPP, now TCSAS).

```python
import pulumi_tcmpp as tcmpp

team = tcmpp.Team("ops", name="Ops", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id)
```

Resources read their connection settings at run time from the ``tcmpp:*`` stack config and
the ``TENCENTCLOUD_*`` / ``TCMPP_*`` environment; see the README for the table. A resource given
``connection=Connection(...)`` reads them from the sources that connection names instead (another
platform of the same program).
"""

from __future__ import annotations

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
