"""TeamMember: one user's membership of one team, with a role.

API mapping: AddTeamMember, DescribeTeamMemberList (there is no get-by-id: the team's members
are listed and the user matched), ModifyTeamMember (the role only), DeleteTeamMember. The id is
``<team_id>:<user_id>``. Role ids come from DescribeRoleList; :func:`pulumi_tcmpp.role_id`
looks one up by name.

Do not manage the same team with both TeamMember and the authoritative bulk TeamMembers: each
would undo the other's changes.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi import dynamic
from pydantic import Field

from pulumi_tcmpp.api.teams import (
    AddTeamMember,
    DeleteTeamMember,
    DescribeTeamMemberList,
    ModifyTeamMember,
)
from pulumi_tcmpp.api.types import CreateTeamMemberInfoReq, DescribeTeamMemberInfoResp
from pulumi_tcmpp.errors import NotFoundError, ValidationError
from pulumi_tcmpp.resources._inputs import NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._locks import team_lock
from pulumi_tcmpp.resources._polling import eventually
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import declare_props
from pulumi_tcmpp.resources._runtime import Context

__all__ = ["TeamMember", "TeamMemberArgs", "TeamMemberProvider", "member_id", "team_members"]


class TeamMemberArgs(ResourceArgs):
    """Inputs of a :class:`TeamMember`."""

    team_id: NonEmpty = Field(description="TeamId of the team. Forces a replace.")
    user_id: NonEmpty = Field(description="UserId of the member. Forces a replace.")
    role_id: int = Field(gt=0, description="RoleId from DescribeRoleList (see role_id()).")


def member_id(team_id: str, user_id: str) -> str:
    """The composite id of a membership."""
    return f"{team_id}:{user_id}"


def team_members(ctx: Context, team_id: str) -> list[DescribeTeamMemberInfoResp]:
    """Every member row of one team."""
    request = DescribeTeamMemberList(
        offset=0, limit=100, platform_id=ctx.platform_id, team_id=team_id
    )
    return [row for row in ctx.client.paginate(request) if row.team_id in (None, team_id)]


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
    computed = ("user_account", "user_name", "team_name", "role_name")

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
        member = CreateTeamMemberInfoReq(user_id=args.user_id, user_role_id=args.role_id)
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
        return self._find(ctx, team_id, user_id)

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
                role_id=new.role_id,
                platform_id=ctx.platform_id,
            )
        )

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        team_id, _, user_id = id_.partition(":")
        with team_lock(team_id):
            ctx.client.call(
                DeleteTeamMember(team_id=team_id, user_id=user_id, platform_id=ctx.platform_id)
            )


class TeamMember(dynamic.Resource, module="tcmpp", name="TeamMember"):
    """A user's membership of a team, with a role.

    ## Example Usage

    ```python
    tcmpp.TeamMember("alice-in-ops", team_id=ops.id, user_id=alice.id,
                     role_id=tcmpp.role_id("Developer"))
    ```

    Do not combine with ``TeamMembers(authoritative=True)`` on the same team.
    """

    team_id: pulumi.Output[str]
    user_id: pulumi.Output[str]
    role_id: pulumi.Output[int]
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
        role_id: pulumi.Input[int],
        adopt: bool | None = None,
        on_exists: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = declare_props(
            TeamMemberProvider,
            team_id=team_id,
            user_id=user_id,
            role_id=role_id,
            adopt=adopt,
            on_exists=on_exists,
        )
        super().__init__(TeamMemberProvider(), resource_name, props, opts)
