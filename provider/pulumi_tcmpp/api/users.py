"""Users and the preset key that encrypts their passwords."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    DescribeUserDetailResp,
    DescribeUserListResp,
    PresetResp,
    ResourceIdStringInfo,
)

__all__ = [
    "CreatePresetKey",
    "CreateUser",
    "DeleteUser",
    "DescribeUser",
    "DescribeUserDetail",
    "DescribeUserList",
    "ModifyUser",
    "ModifyUserPassword",
]


class CreatePresetKey(Request[PresetResp]):
    """Obtain the encryption key.

    Data.Key = PEM public key (`-----BEGIN PUBLIC KEY-----\nMIGfMA0...`, i.e. RSA-1024 per the
    SDK metadata example). The **KeyId** that CreateUser/ModifyUserPassword want is this
    response's **RequestId**. tcmpp takes no parameters; tcsas requires PlatformId.
    A key nobody uses is harmless, so the client retries this create like a read.
    """

    repeatable = True

    platform_id: str | None = wire(
        None,
        only="tcsas",
        required_on=("tcsas",),
        description="Platform ID (tcsas only, required there)",
    )


class CreateUser(Request[ResourceIdStringInfo]):
    """Create a user.

    Data.ResourceId = UserId. Password = base64 of the RSA-encrypted password (doc example
    decodes to 128 bytes, i.e. a 1024-bit key; padding undocumented, PKCS#1 v1.5 presumed).
    Password is never returned.
    """

    user_account: str = wire(description="User account")
    user_name: str = wire(description="User name")
    account_type: int = wire(
        description=("User account type. 2: Platform administrator; 3: Ordinary member")
    )
    password: str = wire(
        description=(
            "Account password. Use CreatePresetKey to get the public key to encrypt the ..."
        )
    )
    key_id: str = wire(description="Call CreatePresetKey to get the keyID from RequestId")
    platform_id: str = wire(description="Platform ID")


class DescribeUser(Request[DescribeUserDetailResp]):
    """Query details of a user.

    Data: UserId, UserAccount, AccountType, UserName only (Status/teams only in
    DescribeUserList).
    """

    user_id: str = wire(description="User ID")
    platform_id: str = wire(description="Platform ID")


class DescribeUserList(Request[DescribeUserListResp]):
    """Query the user list.

    Keyword matches user name or account. AccountType filter 1/2/3.
    """

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    keyword: str | None = wire(None, description="Keywords for search (username or account)")
    account_type: int | None = wire(
        None, description=("User account 1 - Super Admin 2 - Platform Admin 3 - Ordinary member")
    )
    team_id: str | None = wire(None, description="Team ID")


class ModifyUser(Request[BooleanInfo]):
    """Modify user information.

    UserName and AccountType required; UserAccount optional (tcmpp only, dropped in tcsas).
    Password changes need ModifyUserPassword (tcmpp only).
    """

    user_id: str = wire(description="User ID")
    user_name: str = wire(description="User name")
    account_type: int = wire(
        description="Account type 2 - Platform administrator 3 - Ordinary member"
    )
    platform_id: str = wire(description="Platform ID")
    user_account: str | None = wire(None, only="tcmpp", description="Account")


class DeleteUser(Request[BooleanInfo]):
    """Delete a user."""

    user_id: str = wire(description="User ID")
    platform_id: str = wire(description="Platform ID")


class DescribeUserDetail(Request[DescribeUserDetailResp]):
    """Query user details.

    same Data as DescribeUser; PlatformId optional (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    user_id: str = wire(description="User ID")
    platform_id: str | None = wire(None, description="Platform ID")


class ModifyUserPassword(Request[BooleanInfo]):
    """Reset user password.

    the only way to change a password (RSA-encrypted like CreateUser) (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    user_id: str = wire(description="User ID")
    password: str = wire(
        description=(
            "Account password. Use CreatePresetKey to get publick key to encrypt the password"
        )
    )
    key_id: str = wire(description="Call CreatePresetKey to get the keyID from RequestId")
    platform_id: str = wire(description="Platform ID")
