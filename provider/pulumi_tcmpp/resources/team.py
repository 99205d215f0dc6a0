"""Team: a group of users that manages mini programs or applications.

API mapping: CreateTeam (answers with no id, so the team is found by exact name with
DescribeTeamList), DescribeTeamList / DescribeTeam, ModifyTeam (name and admin only),
DeleteTeam. The role, the remark and the related team cannot be modified: changing them
replaces the team. The remark is write-only (no read action returns it).

The administrator is named by UserId (``admin_user_id``) or by account (``admin_account``,
resolved to its UserId by the provider at create and update time, so a program needs no lookup
and a preview needs no credentials). ``team_id`` is the resource's id, so it stays known in the
preview of an update.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pydantic import Field

from pulumi_tcmpp import rules
from pulumi_tcmpp.api.teams import (
    CreateTeam,
    DeleteTeam,
    DescribeTeam,
    DescribeTeamList,
    ModifyTeam,
)
from pulumi_tcmpp.api.types import DescribeTeamListInfoResp
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import ApiError, NotFoundError, TcmppError
from pulumi_tcmpp.resources._inputs import AccountText, Name, NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import TeamRoleInput, TeamRoleValue
from pulumi_tcmpp.resources.user import find_user

__all__ = ["Team", "TeamArgs", "TeamProvider", "find_team", "find_team_by_id"]


class TeamArgs(ResourceArgs):
    """Inputs of a :class:`Team`."""

    cross_rules = (rules.ONE_ADMIN,)

    name: Name = Field(description="Team name, unique on the platform, 1-64 characters.")
    role: TeamRoleInput = Field(
        description='What the team manages: "mini_program" (1) or "application" (2), or a '
        "TeamRole. Forces a replace."
    )
    admin_user_id: NonEmpty | None = Field(
        None, description="UserId of the team's administrator (or set admin_account)."
    )
    admin_account: AccountText | None = Field(
        None,
        description="Account of the team's administrator, resolved to its UserId by the "
        "provider (instead of admin_user_id).",
    )
    remark: str | None = Field(None, description="Remarks (write-only). Forces a replace.")
    related_team_id: NonEmpty | None = Field(
        None, description="TeamId of the associated team. Forces a replace."
    )


_MAYBE_MISSING = ("FailedOperation", "InvalidParameterValue")
"""What DescribeTeam's page lists for any failure, a missing team included."""


def related_id(value: int | str | None, known: str | None) -> str | None:
    """A RelatedTeamId from a list row, as the TeamId string it names.

    The list gives it as an Integer while TeamIds are strings, so a TeamId with a leading zero
    arrives without it: ``known`` (the id as declared or read before) wins when it is the same
    number.
    """
    if not value:
        return None
    if known and known.isdigit() and int(known) == int(value):
        return known
    return str(value)


def _row_live(row: DescribeTeamListInfoResp, related_known: Any = None) -> Live:
    roles = row.team_role_type_list or []
    known = related_known if isinstance(related_known, str) else None
    inputs = {
        "name": row.team_name,
        "role": roles[0] if roles else None,
        "admin_user_id": row.admin_user_id,
        "related_team_id": related_id(row.related_team_id, known),
    }
    computed = {
        "team_id": row.team_id,
        "admin_user_account": row.admin_user_account,
        "member_count": row.member_count,
        "register_link": row.register_link,
    }
    return Live(str(row.team_id), inputs, computed)


def find_team(
    ctx: Context, name: str, team_id: str | None = None
) -> DescribeTeamListInfoResp | None:
    """The list row of the team with exactly this name (and id, when given)."""
    request = DescribeTeamList(offset=0, limit=100, platform_id=ctx.platform_id, keyword=name)
    for row in ctx.client.paginate(request):
        if row.team_name == name and (team_id is None or row.team_id == team_id):
            return row  # type: ignore[no-any-return]
    return None


def find_team_by_id(ctx: Context, team_id: str) -> DescribeTeamListInfoResp | None:
    """The list row of the team with this id (the list is the only read with every field)."""
    for row in ctx.client.paginate(
        DescribeTeamList(offset=0, limit=100, platform_id=ctx.platform_id)
    ):
        if row.team_id == team_id:
            return row  # type: ignore[no-any-return]
    return None


class TeamProvider(TcmppProvider[TeamArgs]):
    """CRUD for :class:`Team`."""

    label = "team"
    args_type = TeamArgs
    replace_on = frozenset({"role", "remark", "related_team_id"})
    natural_key = ("name",)
    write_only = frozenset({"remark"})
    computed = ("team_id", "admin_user_account", "member_count", "register_link")
    api_parameters = {
        "TeamName": ("name",),
        "TeamRoleTypeList": ("role",),
        "AdminUserId": ("admin_user_id", "admin_account"),
        "Remark": ("remark",),
        "RelatedTeamId": ("related_team_id",),
        "TeamId": ("related_team_id",),
    }

    def lookup(self, ctx: Context, args: TeamArgs) -> Live | None:
        row = find_team(ctx, args.name)
        return None if row is None else _row_live(row, args.related_team_id)

    def _admin_id(self, ctx: Context, args: TeamArgs) -> str:
        """The administrator's UserId: given, or found by account."""
        if args.admin_user_id is not None:
            return args.admin_user_id
        account = str(args.admin_account)
        found = find_user(ctx, account)
        if found is None:
            raise TcmppError(
                f"team {args.name!r}: admin_account: no user has the account {account!r} on "
                f"platform {ctx.platform_id}; nothing was written"
            )
        return found.id

    def create_remote(self, ctx: Context, args: TeamArgs) -> str | None:
        ctx.client.call(
            CreateTeam(
                team_name=args.name,
                admin_user_id=self._admin_id(ctx, args),
                team_role_type_list=[int(args.role)],
                remark=args.remark,
                related_team_id=args.related_team_id,
                platform_id=ctx.platform_id,
            )
        )
        return None  # CreateTeam answers with a RequestId only

    def after_create(self, ctx: Context, id_: str, args: TeamArgs, live: Live | None) -> Live:
        computed = live.computed if live else {"team_id": id_}
        return Live(id_, self.inputs_of(args), computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        name = previous.get("name")
        row = find_team(ctx, name, id_) if isinstance(name, str) and name else None
        if row is None:
            try:
                detail = ctx.client.call(DescribeTeam(team_id=id_, platform_id=ctx.platform_id))
            except NotFoundError:
                return None
            except ApiError as exc:  # its page lists only FailedOperation/InvalidParameterValue
                if exc.code not in _MAYBE_MISSING:
                    raise
                row = find_team_by_id(ctx, id_)
            else:
                name = detail.data.team_name if detail.data is not None else None
                row = find_team(ctx, name, id_) if name else None
            if row is None:
                return None
        live = _row_live(row, previous.get("related_team_id"))
        if previous.get("admin_account") and not previous.get("admin_user_id"):
            live.inputs["admin_user_id"] = None  # the program names the admin by account
            live.inputs["admin_account"] = row.admin_user_account
        return live

    def update_remote(
        self, ctx: Context, id_: str, old: TeamArgs, new: TeamArgs, outputs: dict[str, Any]
    ) -> dict[str, Any]:
        ctx.client.call(
            ModifyTeam(
                team_id=id_,
                team_name=new.name,
                admin_user_id=self._admin_id(ctx, new),
                platform_id=ctx.platform_id,
            )
        )
        return {}

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        ctx.client.call(DeleteTeam(team_id=id_, platform_id=ctx.platform_id))


class Team(TcmppResource, module="tcmpp", name="Team"):
    """A TCMPP team.

    ## Example Usage

    ```python
    ops = tcmpp.Team("ops", name="Ops", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id)
    dev = tcmpp.Team("dev", name="Dev", role=tcmpp.TeamRole.MINI_PROGRAM, admin_account="admin",
                     related_team_id=ops.team_id)
    ```

    ``team_id`` is the resource's id: it stays known in the preview of an update.

    ## Adoption

    Pulumi's ``import_`` does not work for dynamic providers; set ``adopt=True`` (or the stack
    setting ``tcmpp:adoptExisting``) to take over an existing team with the same name.
    """

    _provider_type = TeamProvider
    _id_output = "team_id"

    team_id: pulumi.Output[str]
    name: pulumi.Output[str]
    role: pulumi.Output[int]
    admin_user_id: pulumi.Output[str | None]
    admin_account: pulumi.Output[str | None]
    remark: pulumi.Output[str | None]
    related_team_id: pulumi.Output[str | None]
    admin_user_account: pulumi.Output[str | None]
    member_count: pulumi.Output[int | None]
    register_link: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        *,
        name: pulumi.Input[str],
        role: pulumi.Input[TeamRoleValue],
        admin_user_id: pulumi.Input[str] | None = None,
        admin_account: pulumi.Input[str] | None = None,
        remark: pulumi.Input[str] | None = None,
        related_team_id: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a TCMPP team.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param name: Team name, unique on the platform, 1-64 characters.
        :param role: What the team manages: "mini_program" (1) or "application" (2), or a
            TeamRole. Forces a replace.
        :param admin_user_id: UserId of the team's administrator (or set admin_account).
        :param admin_account: Account of the team's administrator, resolved to its UserId by the
            provider (instead of admin_user_id).
        :param remark: Remarks (write-only). Forces a replace.
        :param related_team_id: TeamId of the associated team. Forces a replace.
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
            TeamProvider,
            name=name,
            role=role,
            admin_user_id=admin_user_id,
            admin_account=admin_account,
            remark=remark,
            related_team_id=related_team_id,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
