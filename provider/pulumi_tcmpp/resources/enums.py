"""The API's coded values as enums; inputs accept the enum, its number or its name.

``TeamRole.APPLICATION``, ``2`` and ``"application"`` all mean the same input, so stacks and
spec files read naturally while state holds the API's number.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = [
    "AccountType",
    "AccountTypeInput",
    "ApiType",
    "ApiTypeInput",
    "ApplicationType",
    "ApplicationTypeInput",
    "DomainKind",
    "GlobalDomainKind",
    "GlobalDomainKindInput",
    "TeamRole",
    "TeamRoleInput",
]


class TeamRole(IntEnum):
    """What a team manages (CreateTeam ``TeamRoleTypeList``)."""

    MINI_PROGRAM = 1
    APPLICATION = 2


class AccountType(IntEnum):
    """A user's account type. The super admin (1) exists once per platform and is not managed."""

    PLATFORM_ADMIN = 2
    MEMBER = 3


class ApplicationType(IntEnum):
    """An application (superapp) is for testing or in production."""

    TEST = 1
    FORMAL = 2


class GlobalDomainKind(IntEnum):
    """A platform-wide domain entry allows or blocks the domain."""

    ALLOW = 1
    BLOCK = 2


class DomainKind(IntEnum):
    """The kinds of mini program domain list (CreateDomainParam ``DomainType``)."""

    REQUEST = 1
    WEB_VIEW = 2
    SOCKET = 3
    UPLOAD = 4
    DOWNLOAD = 5


class ApiType(IntEnum):
    """A sensitive API is a system API or a custom one."""

    SYSTEM = 1
    CUSTOM = 2


def _coerce_names(enum: type[IntEnum]) -> Callable[[Any], Any]:
    """A before-validator that maps a member name (``"mini_program"``) to the member."""

    def coerce(value: Any) -> Any:
        if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
            key = value.strip().upper().replace("-", "_").replace(" ", "_")
            if key in enum.__members__:
                return enum.__members__[key]
            names = ", ".join(m.name.lower() for m in enum)
            raise ValueError(f"must be one of {names} (or their numbers)")
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return coerce


TeamRoleInput = Annotated[TeamRole, BeforeValidator(_coerce_names(TeamRole))]
AccountTypeInput = Annotated[AccountType, BeforeValidator(_coerce_names(AccountType))]
ApplicationTypeInput = Annotated[ApplicationType, BeforeValidator(_coerce_names(ApplicationType))]
GlobalDomainKindInput = Annotated[
    GlobalDomainKind, BeforeValidator(_coerce_names(GlobalDomainKind))
]
ApiTypeInput = Annotated[ApiType, BeforeValidator(_coerce_names(ApiType))]
