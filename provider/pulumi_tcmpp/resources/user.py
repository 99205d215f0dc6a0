"""User: a platform account, with a password that is written but never read back.

API mapping: CreatePresetKey + CreateUser (the password travels RSA-encrypted with a fresh
preset key), DescribeUser / DescribeUserList, ModifyUser (name and account type),
ModifyUserPassword (tcmpp only), DeleteUser. The account cannot be modified: changing it
replaces the user. On the tcsas back end, which has no ModifyUserPassword, a changed password
replaces the user too, and the plan says so.

The password is a secret input: the resource wraps it as a Pulumi secret, the API never
returns it, and read keeps the last value applied. Adoption never resets an existing user's
password; change the input afterwards to set it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pulumi
from pulumi.dynamic import CheckFailure, CheckResult, DiffResult
from pydantic import Field

from pulumi_tcmpp import client as api_client  # lazy package: cryptography loads on use
from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError, TcmppError
from pulumi_tcmpp.resources._inputs import AccountText, Name, Password, ResourceArgs
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context, configured_backend
from pulumi_tcmpp.resources.enums import AccountType, AccountTypeInput, AccountTypeValue

if TYPE_CHECKING:
    from pulumi_tcmpp.api import users
else:  # API models load with the first call (a program or a check never needs them)
    users = deferred_module("pulumi_tcmpp.api.users")

__all__ = ["User", "UserArgs", "UserProvider", "find_user"]


class UserArgs(ResourceArgs):
    """Inputs of a :class:`User`."""

    account: AccountText = Field(
        description="Login account, unique on the platform: 1-64 letters, digits or _ . @ -. "
        "Forces a replace."
    )
    name: Name = Field(description="Display name, 1-64 characters.")
    account_type: AccountTypeInput = Field(
        AccountType.MEMBER,
        description='"platform_admin" (2) or "member" (3, the default), or an AccountType.',
    )
    password: Password | None = Field(
        None,
        description=(
            "Password (secret, write-only, at most 117 bytes in UTF-8). Required to create the "
            "user; left unset on an existing user it means: keep the current password."
        ),
    )
    password_secret: str | None = Field(
        None,
        description="Name of the secret meant to supply the password (for messages only; "
        "kept in state, never sent to the API).",
    )


def find_user(ctx: Context, account: str) -> Live | None:
    """The user with exactly this account, from the paged user list."""
    request = users.DescribeUserList(
        offset=0, limit=100, platform_id=ctx.platform_id, keyword=account
    )
    for row in ctx.client.paginate(request):
        if row.user_account == account:
            inputs = {"account": account, "name": row.user_name, "account_type": row.account_type}
            return Live(str(row.user_id), inputs, {"user_id": row.user_id})
    return None


class UserProvider(TcmppProvider[UserArgs]):
    """CRUD for :class:`User`."""

    label = "user"
    args_type = UserArgs
    replace_on = frozenset({"account"})
    natural_key = ("account",)
    write_only = frozenset({"password", "password_secret"})
    computed = ("user_id",)
    api_parameters = {
        "UserAccount": ("account",),
        "UserName": ("name",),
        "AccountType": ("account_type",),
        "Password": ("password",),
    }

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        result = super().check(olds, news)
        creating = not olds
        if creating and news.get("password") is None:
            hint = news.get("password_secret")
            how = (
                f" (the secret {hint!r} has no value: `pulumi config set --secret {hint} ...`)"
                if isinstance(hint, str) and hint
                else ""
            )
            reason = f"password: is required to create a user{how}; got nothing"
            result.failures.append(CheckFailure("", reason))  # a secret: no value shown
        return result

    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        if news.get("password") is None:  # unset on an existing user: keep the current one
            news = {**news, "password": olds.get("password")}
        return super().diff(id_, olds, news)

    def extra_replaces(self, changed: list[str], olds: dict[str, Any]) -> list[str]:
        if "password" in changed and configured_backend() == "tcsas":
            return ["password"]  # tcsas has no ModifyUserPassword
        return []

    def lookup(self, ctx: Context, args: UserArgs) -> Live | None:
        return find_user(ctx, args.account)

    def create_remote(self, ctx: Context, args: UserArgs) -> str | None:
        if args.password is None:
            raise TcmppError(f"user {args.account!r}: a password is required to create it")
        encrypted = api_client.encrypt_with_preset_key(ctx.client, args.password)
        reply = ctx.client.call(
            users.CreateUser(
                user_account=args.account,
                user_name=args.name,
                account_type=int(args.account_type),
                password=encrypted.ciphertext,
                key_id=encrypted.key_id,
                platform_id=ctx.platform_id,
            )
        )
        return reply.data.resource_id if reply.data and reply.data.resource_id else None

    def after_create(self, ctx: Context, id_: str, args: UserArgs, live: Live | None) -> Live:
        return Live(id_, self.inputs_of(args), {"user_id": id_})

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        try:
            reply = ctx.client.call(users.DescribeUser(user_id=id_, platform_id=ctx.platform_id))
        except NotFoundError:
            return None
        data = reply.data
        if data is None or not data.user_id:
            return None
        inputs = {
            "account": data.user_account,
            "name": data.user_name,
            "account_type": data.account_type,
        }
        return Live(id_, inputs, {"user_id": data.user_id})

    def update_remote(
        self, ctx: Context, id_: str, old: UserArgs, new: UserArgs, outputs: dict[str, Any]
    ) -> dict[str, Any]:
        if (old.name, old.account_type) != (new.name, new.account_type):
            ctx.client.call(
                users.ModifyUser(
                    user_id=id_,
                    user_name=new.name,
                    account_type=int(new.account_type),
                    platform_id=ctx.platform_id,
                )
            )
        if new.password is not None and old.password != new.password:
            encrypted = api_client.encrypt_with_preset_key(ctx.client, new.password)
            ctx.client.call(
                users.ModifyUserPassword(
                    user_id=id_,
                    password=encrypted.ciphertext,
                    key_id=encrypted.key_id,
                    platform_id=ctx.platform_id,
                )
            )
        return {}

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        ctx.client.call(users.DeleteUser(user_id=id_, platform_id=ctx.platform_id))


class User(TcmppResource, module="tcmpp", name="User"):
    """A TCMPP user account.

    ## Example Usage

    ```python
    alice = tcmpp.User(
        "alice",
        account="alice@example.com",
        name="Alice",
        account_type=tcmpp.AccountType.PLATFORM_ADMIN,
        password=config.require_secret("alicePassword"),
    )
    ```

    ``user_id`` is the resource's id: it stays known in the preview of an update.

    ## Adoption

    ``adopt=True`` (or ``tcmpp:adoptExisting``) takes over a user with the same account; its
    name and account type are updated, its password is left as it is.
    """

    _provider_type = UserProvider
    _id_output = "user_id"

    user_id: pulumi.Output[str]
    account: pulumi.Output[str]
    name: pulumi.Output[str]
    account_type: pulumi.Output[int]
    password: pulumi.Output[str | None]
    password_secret: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        *,
        account: pulumi.Input[str],
        name: pulumi.Input[str],
        password: pulumi.Input[str] | None,
        account_type: pulumi.Input[AccountTypeValue] = AccountType.MEMBER,
        password_secret: str | None = None,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a TCMPP user account.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param account: Login account, unique on the platform: 1-64 letters, digits or _ . @ -.
            Forces a replace.
        :param name: Display name, 1-64 characters.
        :param password: Password (secret, write-only, at most 117 bytes in UTF-8). Required to
            create the user; left unset on an existing user it means: keep the current password.
        :param account_type: "platform_admin" (2) or "member" (3, the default), or an AccountType.
        :param password_secret: Name of the secret meant to supply the password (for messages only;
            kept in state, never sent to the API).
        :param adopt: On create, take over an existing object with the same natural key instead of
            failing, and update it to these inputs (same as on_exists='adopt').
        :param on_exists: What create does when an object with the same natural key already exists:
            fail (the default), adopt it (update it to these inputs and manage it), or skip it (use
            it as it is, never modify or delete it).
        :param connection: Where the settings come from (a Connection: a config namespace, an
            environment prefix, a tccli profile, a platform id, endpoint or back end); the stack's
            tcmpp:* settings when unset. Names only: no credential is ever stored. Reaching another
            platform forces a replace.
        :param opts: Options for the resource (``depends_on``, ``protect``, ``parent``...).
        """
        props = declare_props(
            UserProvider,
            account=account,
            name=name,
            account_type=account_type,
            password=None if password is None else pulumi.Output.secret(password),
            password_secret=password_secret,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
