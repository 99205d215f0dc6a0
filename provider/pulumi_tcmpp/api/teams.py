"""Teams, team members and roles."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    CreateTeamMemberInfoReq,
    DescribeRoleListResp,
    DescribeSimpleTeamListResp,
    DescribeTeamDetailResp,
    DescribeTeamMemberListPageResp,
    DescribeTeamMembersInfoPageResp,
    DescribeTeamPageResp,
)

__all__ = [
    "AddTeamMember",
    "CreateTeam",
    "DeleteTeam",
    "DeleteTeamMember",
    "DescribeRoleList",
    "DescribeSimpleTeamList",
    "DescribeTeam",
    "DescribeTeamList",
    "DescribeTeamMemberList",
    "DescribeTeamMembers",
    "ModifyTeam",
    "ModifyTeamMember",
]


class CreateTeam(Request[None]):
    """Create a team.

    Returns **no Data** (RequestId only): look the TeamId up with DescribeTeamList
    (Keyword=TeamName, exact name match) or DescribeSimpleTeamList. TeamRoleTypeList: one value
    only. PlatformId is optional per SDK but described as 'required for API call'.
    """

    team_name: str = wire(description="Team name")
    admin_user_id: str = wire(description="Administrator name")
    team_role_type_list: list[int] = wire(
        description=(
            "Permission assigned to the team. 1: Mini program; 2: "
            "Application (only one of these types is supported)"
        )
    )
    remark: str | None = wire(None, description="Remarks")
    platform_id: str | None = wire(None, description="Platform ID, required for API call")
    related_team_id: str | None = wire(None, description="Associated team ID")
    expiry_time: int | None = wire(
        None, only="tcsas", description="Expiry time, Unix seconds (tcsas only)"
    )
    admin_user_ids: list[str] | None = wire(
        None, only="tcsas", description="Administrator user IDs (tcsas only)"
    )


class DescribeTeam(Request[DescribeTeamDetailResp]):
    """Query details of a team.

    Data has no TeamId, no AdminUserId (only AdminUserAccount), a scalar TeamRoleType, no Remark
    and no RelatedTeamId: read those from the DescribeTeamList row.
    """

    team_id: str = wire(description="Team ID")
    platform_id: str = wire(description="Platform ID")


class DescribeTeamList(Request[DescribeTeamPageResp]):
    """Query the list of teams.

    Keyword matches the team name. Row has AdminUserId, TeamRoleTypeList and RelatedTeamId
    (Integer here, String in CreateTeam).
    """

    offset: int = wire(description="Pagination offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    keyword: str | None = wire(None, description="Name of the team to be queried")


class ModifyTeam(Request[BooleanInfo]):
    """Change team information.

    Only TeamName (required) and AdminUserId. TeamRoleTypeList, Remark and RelatedTeamId cannot
    be changed.
    """

    team_id: str = wire(description="Team ID")
    team_name: str = wire(description="Team name")
    platform_id: str = wire(description="Platform ID")
    admin_user_id: str | None = wire(None, description="Team administrator")
    admin_user_ids: list[str] | None = wire(
        None, only="tcsas", description="Administrator user IDs (tcsas only)"
    )


class DeleteTeam(Request[BooleanInfo]):
    """Delete a team."""

    team_id: str = wire(description="Team ID")
    platform_id: str = wire(description="Platform ID")


class AddTeamMember(Request[BooleanInfo]):
    """Add a team member.

    Batch add; item role field is `UserRoleId` (ModifyTeamMember says `RoleId`,
    DescribeTeamMemberList returns `TeamRoleId`). Role IDs come from DescribeRoleList.
    """

    team_id: str = wire(description="Team ID")
    member_list: list[CreateTeamMemberInfoReq] = wire(description="Members to be added")
    platform_id: str = wire(description="Platform ID")


class DescribeTeamMemberList(Request[DescribeTeamMemberListPageResp]):
    """Query team member list.

    No get-by-id for a member: filter by TeamId (+Keyword = user name) and match UserId. TeamId
    is optional (omit = all teams).
    """

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    team_id: str | None = wire(None, description="Team ID")
    keyword: str | None = wire(None, description="Keywords for search (user name)")
    role_ids: list[int] | None = wire(None, description="Role ID")


class ModifyTeamMember(Request[BooleanInfo]):
    """Modify team member information.

    Only the role can change.
    """

    team_id: str = wire(description="Team ID")
    user_id: str = wire(description="User ID")
    role_id: int = wire(description="Role ID")
    platform_id: str = wire(description="Platform ID")


class DeleteTeamMember(Request[BooleanInfo]):
    """Delete a team member."""

    team_id: str = wire(description="Team ID")
    user_id: str = wire(description="User ID")
    platform_id: str = wire(description="Platform ID")


class DescribeRoleList(Request[DescribeRoleListResp]):
    """Query the list of roles."""

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    keyword: str | None = wire(None, description="Keywords for search (role name)")
    team_id: str | None = wire(None, description="Team ID")


class DescribeSimpleTeamList(Request[DescribeSimpleTeamListResp]):
    """Query the team information list.

    unpaged TeamId->TeamName list; handy to find the TeamId after CreateTeam (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    platform_id: str = wire(description="Platform ID")
    team_role_type_list: list[int] | None = wire(
        None,
        description=("Team permission type 1. Mini program management 2 Application management"),
    )


class DescribeTeamMembers(Request[DescribeTeamMembersInfoPageResp]):
    """Query the member list of a specified team.

    paged members of one team, with the role names (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    offset: int = wire(description="Pagination offset")
    limit: int = wire(description="Number of results per page")
    team_id: str = wire(description="Team ID")
    platform_id: str = wire(description="Platform ID")
