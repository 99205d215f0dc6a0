"""Team: a group of users that manages mini programs or applications.

API mapping: CreateTeam (answers with no id, so the team is found by exact name with
DescribeTeamList), DescribeTeamList / DescribeTeam, ModifyTeam (name and admin only),
DeleteTeam. The role, the remark and the related team cannot be modified: changing them
replaces the team. The remark is write-only (no read action returns it).
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi import dynamic
from pydantic import Field

from pulumi_tcmpp.api.teams import (
    CreateTeam,
    DeleteTeam,
    DescribeTeam,
    DescribeTeamList,
    ModifyTeam,
)
from pulumi_tcmpp.api.types import DescribeTeamListInfoResp
from pulumi_tcmpp.errors import ApiError, NotFoundError
from pulumi_tcmpp.resources._deleted import recently_deleted
from pulumi_tcmpp.resources._inputs import NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.enums import TeamRole, TeamRoleInput

__all__ = ["Team", "TeamArgs", "TeamProvider", "find_team", "find_team_by_id"]


class TeamArgs(ResourceArgs):
    """Inputs of a :class:`Team`."""

    name: NonEmpty = Field(description="Team name, unique on the platform.")
    role: TeamRoleInput = Field(
        description="What the team manages: mini programs or applications. Forces a replace."
    )
    admin_user_id: NonEmpty = Field(description="UserId of the team's administrator.")
    remark: str | None = Field(None, description="Remarks (write-only). Forces a replace.")
    related_team_id: str | None = Field(
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

    def lookup(self, ctx: Context, args: TeamArgs) -> Live | None:
        row = find_team(ctx, args.name)
        if row is None or recently_deleted(ctx.platform_id, self.label, row.team_id):
            return None  # a team deleted a moment ago may still be listed
        return _row_live(row, args.related_team_id)

    def create_remote(self, ctx: Context, args: TeamArgs) -> str | None:
        ctx.client.call(
            CreateTeam(
                team_name=args.name,
                admin_user_id=args.admin_user_id,
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
        return _row_live(row, previous.get("related_team_id"))

    def update_remote(
        self, ctx: Context, id_: str, old: TeamArgs, new: TeamArgs, outputs: dict[str, Any]
    ) -> dict[str, Any]:
        ctx.client.call(
            ModifyTeam(
                team_id=id_,
                team_name=new.name,
                admin_user_id=new.admin_user_id,
                platform_id=ctx.platform_id,
            )
        )
        return {}

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        ctx.client.call(DeleteTeam(team_id=id_, platform_id=ctx.platform_id))


class Team(dynamic.Resource, module="tcmpp", name="Team"):
    """A TCMPP team.

    ## Example Usage

    ```python
    ops = tcmpp.Team("ops", name="Ops", role=tcmpp.TeamRole.APPLICATION, admin_user_id=admin.id)
    ```

    ## Adoption

    Pulumi's ``import_`` does not work for dynamic providers; set ``adopt=True`` (or the stack
    setting ``tcmpp:adoptExisting``) to take over an existing team with the same name.
    """

    team_id: pulumi.Output[str]
    name: pulumi.Output[str]
    role: pulumi.Output[int]
    admin_user_id: pulumi.Output[str]
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
        role: pulumi.Input[TeamRole | int | str],
        admin_user_id: pulumi.Input[str],
        remark: pulumi.Input[str] | None = None,
        related_team_id: pulumi.Input[str] | None = None,
        adopt: bool | None = None,
        on_exists: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = declare_props(
            TeamProvider,
            name=name,
            role=role,
            admin_user_id=admin_user_id,
            remark=remark,
            related_team_id=related_team_id,
            adopt=adopt,
            on_exists=on_exists,
        )
        super().__init__(TeamProvider(), resource_name, props, opts)
