"""The API's coded values as enums; inputs accept the enum, its number or its name.

``TeamRole.APPLICATION``, ``2`` and ``"application"`` all mean the same input, so stacks and
spec files read naturally while state holds the API's number. The ``*Value`` types say so to
type checkers and editors: the enum, a ``Literal`` of its numbers, or a ``Literal`` of its names
(in lower case, as the docs write them), so a misspelt name (``role="applicaton"``) is an error
in the editor, before any preview. At run time names are read more leniently (any case, ``-``
or a space for ``_``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BeforeValidator

__all__ = [
    "AccountType",
    "AccountTypeInput",
    "AccountTypeValue",
    "ApiType",
    "ApiTypeInput",
    "ApiTypeValue",
    "ApplicationType",
    "ApplicationTypeInput",
    "ApplicationTypeValue",
    "DomainKind",
    "GlobalDomainKind",
    "GlobalDomainKindInput",
    "GlobalDomainKindValue",
    "TeamRole",
    "TeamRoleInput",
    "TeamRoleValue",
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


TeamRoleValue: TypeAlias = TeamRole | Literal[1, 2, "mini_program", "application"]
"""A team role as a program writes it: ``TeamRole.APPLICATION``, ``2`` or ``"application"``."""
AccountTypeValue: TypeAlias = AccountType | Literal[2, 3, "platform_admin", "member"]
"""An account type: ``AccountType.MEMBER``, ``3`` or ``"member"``."""
ApplicationTypeValue: TypeAlias = ApplicationType | Literal[1, 2, "test", "formal"]
"""An application type: ``ApplicationType.FORMAL``, ``2`` or ``"formal"``."""
GlobalDomainKindValue: TypeAlias = GlobalDomainKind | Literal[1, 2, "allow", "block"]
"""A global domain kind: ``GlobalDomainKind.ALLOW``, ``1`` or ``"allow"``."""
ApiTypeValue: TypeAlias = ApiType | Literal[1, 2, "system", "custom"]
"""A sensitive API type: ``ApiType.CUSTOM``, ``2`` or ``"custom"``."""
