"""TeamMember: one user's membership of one team, with a role.

API mapping: AddTeamMember, DescribeTeamMemberList (there is no get-by-id: the team's members
are listed and the user matched), ModifyTeamMember (the role only), DeleteTeamMember. The id is
``<team_id>:<user_id>``. The role is a RoleId (``role_id``) or a role name (``role``), which
the provider resolves with DescribeRoleList at create and update time: a program names roles
without a lookup, and its preview needs no credentials.

Do not manage the same team with both TeamMember and the authoritative bulk TeamMembers: each
would undo the other's changes.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pydantic import Field

from pulumi_tcmpp import rules
from pulumi_tcmpp.api.teams import (
    AddTeamMember,
    DeleteTeamMember,
    DescribeRoleList,
    DescribeTeamMemberList,
    ModifyTeamMember,
)
from pulumi_tcmpp.api.types import CreateTeamMemberInfoReq, DescribeTeamMemberInfoResp
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError, TcmppError, ValidationError
from pulumi_tcmpp.resources._inputs import NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._locks import team_lock
from pulumi_tcmpp.resources._polling import eventually
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import OnExists, TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context

__all__ = ["TeamMember", "TeamMemberArgs", "TeamMemberProvider", "member_id", "team_members"]


class TeamMemberArgs(ResourceArgs):
    """Inputs of a :class:`TeamMember`."""

    cross_rules = (rules.ONE_ROLE,)

    team_id: NonEmpty = Field(description="TeamId of the team. Forces a replace.")
    user_id: NonEmpty = Field(description="UserId of the member. Forces a replace.")
    role_id: int | None = Field(
        None, gt=0, description="RoleId from DescribeRoleList (or set role)."
    )
    role: NonEmpty | None = Field(
        None,
        description="Role name, e.g. 'Application Developer', resolved to its RoleId by the "
        "provider (instead of role_id).",
    )


def member_id(team_id: str, user_id: str) -> str:
    """The composite id of a membership."""
    return f"{team_id}:{user_id}"


def team_members(ctx: Context, team_id: str) -> list[DescribeTeamMemberInfoResp]:
    """Every member row of one team."""
    request = DescribeTeamMemberList(
        offset=0, limit=100, platform_id=ctx.platform_id, team_id=team_id
    )
    return [row for row in ctx.client.paginate(request) if row.team_id in (None, team_id)]


def role_ids(ctx: Context, team_id: str) -> dict[str, int]:
    """Role name -> RoleId of the roles a team's members may have."""
    request = DescribeRoleList(offset=0, limit=100, platform_id=ctx.platform_id, team_id=team_id)
    return {str(row.role_name): int(row.role_id) for row in ctx.client.paginate(request)}


def _role_id(ctx: Context, args: TeamMemberArgs) -> int:
    """The RoleId to send: given, or found by name."""
    if args.role_id is not None:
        return args.role_id
    known = role_ids(ctx, args.team_id)
    if args.role not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise TcmppError(
            f"team member {args.user_id} of team {args.team_id}: role: no role named "
            f"{args.role!r} for this team (roles: {listed}); nothing was written"
        )
    return known[str(args.role)]


def _live(team_id: str, row: DescribeTeamMemberInfoResp) -> Live:
    inputs = {"team_id": team_id, "user_id": row.user_id, "role_id": row.team_role_id}
    computed = {
        "user_account": row.user_account,
        "user_name": row.user_name,
        "team_name": row.team_name,
        "role_name": row.team_role_name,
    }
    return Live(member_id(team_id, str(row.user_id)), inputs, computed)


class TeamMemberProvider(TcmppProvider[TeamMemberArgs]):
    """CRUD for :class:`TeamMember`."""

    label = "team member"
    args_type = TeamMemberArgs
    replace_on = frozenset({"team_id", "user_id"})
    natural_key = ("team_id", "user_id")
    ids_are_reused = True
    computed = ("user_account", "user_name", "team_name", "role_name")
    api_parameters = {
        "TeamId": ("team_id",),
        "UserId": ("user_id",),
        "RoleId": ("role_id", "role"),
        "UserRoleId": ("role_id", "role"),
    }

    def lookup(self, ctx: Context, args: TeamMemberArgs) -> Live | None:
        return self._find(ctx, args.team_id, args.user_id)

    def _find(self, ctx: Context, team_id: str, user_id: str) -> Live | None:
        try:
            rows = team_members(ctx, team_id)
        except NotFoundError:
            return None
        for row in rows:
            if row.user_id == user_id:
                return _live(team_id, row)
        return None

    def create_remote(self, ctx: Context, args: TeamMemberArgs) -> str | None:
        member = CreateTeamMemberInfoReq(user_id=args.user_id, user_role_id=_role_id(ctx, args))
        try:
            with team_lock(args.team_id):
                ctx.client.call(
                    AddTeamMember(
                        team_id=args.team_id, member_list=[member], platform_id=ctx.platform_id
                    )
                )
        except ValidationError as exc:  # "already a member" is an InvalidParameterValue
            if self._find(ctx, args.team_id, args.user_id) is not None:
                raise self.exists_error(ctx, args, str(exc)) from None
            raise
        return member_id(args.team_id, args.user_id)

    def after_create(self, ctx: Context, id_: str, args: TeamMemberArgs, live: Live | None) -> Live:
        """The computed outputs (names of the user, team and role) need one read, once the
        member list shows the new member (the reads may trail a write)."""
        found = live if live and live.computed else None
        if found is None:
            found = eventually(
                ctx,
                f"member {args.user_id} of team {args.team_id}",
                lambda: self._find(ctx, args.team_id, args.user_id),
                hint="",
            )
        return Live(id_, self.inputs_of(args), found.computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        team_id, _, user_id = id_.partition(":")
        live = self._find(ctx, team_id, user_id)
        if live is not None and previous.get("role") and previous.get("role_id") is None:
            live.inputs["role_id"] = None  # the program names the role by name
            live.inputs["role"] = live.computed.get("role_name")
        return live

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: TeamMemberArgs,
        new: TeamMemberArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        with team_lock(new.team_id):
            self._modify(ctx, new)
        return {}

    def _modify(self, ctx: Context, new: TeamMemberArgs) -> None:
        ctx.client.call(
            ModifyTeamMember(
                team_id=new.team_id,
                user_id=new.user_id,
                role_id=_role_id(ctx, new),
                platform_id=ctx.platform_id,
            )
        )

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        team_id, _, user_id = id_.partition(":")
        with team_lock(team_id):
            ctx.client.call(
                DeleteTeamMember(team_id=team_id, user_id=user_id, platform_id=ctx.platform_id)
            )


class TeamMember(TcmppResource, module="tcmpp", name="TeamMember"):
    """A user's membership of a team, with a role.

    ## Example Usage

    ```python
    tcmpp.TeamMember("alice-in-ops", team_id=ops.id, user_id=alice.id,
                     role="Application Developer")
    ```

    Do not combine with ``TeamMembers(authoritative=True)`` on the same team.
    """

    _provider_type = TeamMemberProvider

    team_id: pulumi.Output[str]
    user_id: pulumi.Output[str]
    role_id: pulumi.Output[int | None]
    role: pulumi.Output[str | None]
    user_account: pulumi.Output[str | None]
    user_name: pulumi.Output[str | None]
    team_name: pulumi.Output[str | None]
    role_name: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        *,
        team_id: pulumi.Input[str],
        user_id: pulumi.Input[str],
        role_id: pulumi.Input[int] | None = None,
        role: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
        on_exists: OnExists | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a user's membership of a team, with a role.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param team_id: TeamId of the team. Forces a replace.
        :param user_id: UserId of the member. Forces a replace.
        :param role_id: RoleId from DescribeRoleList (or set role).
        :param role: Role name, e.g. 'Application Developer', resolved to its RoleId by the provider
            (instead of role_id).
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
            TeamMemberProvider,
            team_id=team_id,
            user_id=user_id,
            role_id=role_id,
            role=role,
            adopt=adopt,
            on_exists=on_exists,
            connection=connection,
        )
        self._register(resource_name, props, opts)
