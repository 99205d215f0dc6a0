"""Teams, team members and roles.

A team is a mini program team (type 1) or an application team (type 2); a mini program team
may be associated (RelatedTeamId) with one application team, whose applications its mini
programs are then submitted to. A team's administrators are members holding the team type's
administrator role; they cannot be edited or removed as members.
"""

from __future__ import annotations

from pulumi_tcmpp.api import teams as api
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    DescribeRoleListData,
    DescribeRoleListResp,
    DescribeSimpleTeamListResp,
    DescribeTeamDetailResp,
    DescribeTeamListInfoResp,
    DescribeTeamMemberInfoResp,
    DescribeTeamMemberListPageResp,
    DescribeTeamMembersInfoPageResp,
    DescribeTeamMembersInfoResp,
    DescribeTeamPageResp,
    SimpleStringKeyValue,
    TeamAdminUserInfo,
)
from pulumi_tcmpp.emulator import _ids as ids
from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._seed import ADMIN_ROLE, SENIOR_ROLE
from pulumi_tcmpp.emulator._store import Record
from pulumi_tcmpp.emulator.handlers._common import (
    Handler,
    blank,
    check_text,
    keyword,
    matches,
    newest_first,
    page,
    require,
    team_or_fail,
    user_or_fail,
)
from pulumi_tcmpp.emulator.handlers._relations import apps_of_team, team_name

__all__ = ["HANDLERS", "member_key"]

OK = BooleanInfo(result=True)


def member_key(team_id: str, user_id: str) -> str:
    return f"{team_id}/{user_id}"


def _members(ctx: Ctx, team_id: str) -> list[Record]:
    return [m for m in ctx.scan("member") if m["team_id"] == team_id]


def _role_name(ctx: Ctx, role_id: int) -> str:
    role = ctx.get("role", str(role_id))
    return str(role["role_name"]) if role else ""


def _check_role(ctx: Ctx, team: Record, role_id: int) -> None:
    role = ctx.get("role", str(role_id))
    if role is None or role["team_type"] != team["team_type"]:
        fail(
            "InvalidParameterValue.InvalidRoleId",
            f"The role {role_id} does not exist for this team.",
        )
    if role_id == ADMIN_ROLE[team["team_type"]]:
        fail(
            "InvalidParameterValue.InvalidRoleId",
            "The administrator role is given through the team's AdminUserId.",
        )


def _set_admins(ctx: Ctx, team: Record, admin_ids: list[str]) -> None:
    """Make these users the administrators; former administrators stay as senior developers."""
    team_type = team["team_type"]
    for user_id in team.get("admin_user_ids", []):
        if user_id not in admin_ids:
            key = member_key(team["team_id"], user_id)
            member = ctx.get("member", key)
            if member is not None:
                ctx.put("member", key, {**member, "role_id": SENIOR_ROLE[team_type]})
    for user_id in admin_ids:
        key = member_key(team["team_id"], user_id)
        member = ctx.get("member", key) or {
            "team_id": team["team_id"],
            "user_id": user_id,
            "create_time": ctx.now_str,
        }
        ctx.put("member", key, {**member, "role_id": ADMIN_ROLE[team_type]})
    team["admin_user_ids"] = admin_ids


def _admin_ids(ctx: Ctx, first: str | None, more: list[str] | None) -> list[str]:
    wanted = [u for u in [first, *(more or [])] if u]
    unique = list(dict.fromkeys(wanted))
    for user_id in unique:
        user_or_fail(ctx, user_id)
    return unique


def _check_name(ctx: Ctx, name: str, team_id: str | None = None) -> str:
    check_text(name, "InvalidParameterValue", 64, "TeamName")
    if any(t["team_name"] == name and t["team_id"] != team_id for t in ctx.scan("team")):
        fail("InvalidParameterValue.ExistTeamName", f"The team name `{name}` already exists.")
    return name


def _related(ctx: Ctx, team_type: int, related_id: str | None) -> str:
    if not related_id:
        return ""
    related = team_or_fail(ctx, related_id)
    if team_type != 1 or related["team_type"] != 2:
        fail(
            ctx.code("InvalidParameterValue.TeamTypeMismatch", "InvalidParameterValue"),
            "Only a mini program team can be associated, and only with an application team.",
        )
    return related_id


def create_team(ctx: Ctx, req: api.CreateTeam) -> None:
    if not req.platform_id:
        fail("InvalidParameterValue.InvalidPlatformId", "PlatformId is required for this call.")
    name = _check_name(ctx, req.team_name)
    if len(req.team_role_type_list) != 1 or req.team_role_type_list[0] not in (1, 2):
        fail("InvalidParameterValue", "TeamRoleTypeList must hold exactly one of 1 or 2.")
    team_type = req.team_role_type_list[0]
    admins = _admin_ids(ctx, req.admin_user_id, req.admin_user_ids)
    leading_zero = ctx.readings.team_id_leading_zero
    team_id = ctx.unique("team", lambda rng: ids.team_id(rng, leading_zero))
    team: Record = {
        "team_id": team_id,
        "team_name": name,
        "team_type": team_type,
        "admin_user_ids": [],
        "remark": req.remark or "",
        "related_team_id": _related(ctx, team_type, blank(req.related_team_id)),
        "register_link": ids.register_link(ctx.rng),
        "expire_time": req.expiry_time,
        "create_user": ctx.caller,
        "create_time": ctx.now_str,
        "update_time": ctx.now_str,
    }
    _set_admins(ctx, team, admins)
    ctx.put("team", team_id, team)


def _admin_users(ctx: Ctx, team: Record) -> list[Record]:
    users = (ctx.get("user", u) for u in team.get("admin_user_ids", []))
    return [u for u in users if u is not None]


def _status(ctx: Ctx, team: Record) -> int:
    expire = team.get("expire_time")
    return 2 if expire and expire < ctx.now else 1


def describe_team(ctx: Ctx, req: api.DescribeTeam) -> DescribeTeamDetailResp:
    team = team_or_fail(ctx, req.team_id)
    admins = _admin_users(ctx, team)
    related = team["related_team_id"]
    mini_teams = [t for t in ctx.scan("team") if t["related_team_id"] == team["team_id"]]
    apps = apps_of_team(ctx, related) if related else []
    return DescribeTeamDetailResp(
        team_name=team["team_name"],
        team_role_type=team["team_type"],
        admin_user_account=admins[0]["user_account"] if admins else "",
        create_user=team["create_user"],
        create_time=team["create_time"],
        member_count=len(_members(ctx, team["team_id"])),
        bind_mini_team_count=len(mini_teams),
        bind_team_name=team_name(ctx, related),
        register_link=team["register_link"],
        application_name=",".join(a["application_name"] for a in apps),
        expire_time=team.get("expire_time") or 0,
        status=_status(ctx, team),
        admin_user_name=admins[0]["user_name"] if admins else "",
    )


def _member_counts(ctx: Ctx) -> dict[str, int]:
    """TeamId -> number of members, from one pass over the memberships."""
    counts: dict[str, int] = {}
    for member in ctx.scan("member"):
        counts[member["team_id"]] = counts.get(member["team_id"], 0) + 1
    return counts


def _team_row(ctx: Ctx, team: Record, member_count: int) -> DescribeTeamListInfoResp:
    admins = _admin_users(ctx, team)
    first = admins[0] if admins else {}
    return DescribeTeamListInfoResp(
        team_id=team["team_id"],
        team_name=team["team_name"],
        admin_user_id=first.get("user_id", ""),
        admin_user_account=first.get("user_account", ""),
        admin_user_name=first.get("user_name", ""),
        member_count=member_count,
        register_link=team["register_link"],
        team_role_type_list=[team["team_type"]],
        related_team_id=int(team["related_team_id"] or 0),
        expire_time=team.get("expire_time") or 0,
        status=_status(ctx, team),
        admin_users=[
            TeamAdminUserInfo(
                admin_user_id=u["user_id"],
                admin_user_account=u["user_account"],
                admin_user_name=u["user_name"],
            )
            for u in admins
        ],
    )


def describe_team_list(ctx: Ctx, req: api.DescribeTeamList) -> DescribeTeamPageResp:
    word = keyword(req.keyword)
    teams = [t for t in newest_first(ctx.scan("team")) if matches(word, t["team_name"])]
    rows = page(teams, req.offset, req.limit)
    counts = _member_counts(ctx) if rows else {}
    return DescribeTeamPageResp(
        total_count=len(teams),
        data_list=[_team_row(ctx, t, counts.get(t["team_id"], 0)) for t in rows],
    )


def modify_team(ctx: Ctx, req: api.ModifyTeam) -> BooleanInfo:
    team = team_or_fail(ctx, req.team_id)
    team["team_name"] = _check_name(ctx, req.team_name, team["team_id"])
    if req.admin_user_id or req.admin_user_ids:
        _set_admins(ctx, team, _admin_ids(ctx, req.admin_user_id, req.admin_user_ids))
    team["update_time"] = ctx.now_str
    ctx.put("team", team["team_id"], team)
    return OK


def delete_team(ctx: Ctx, req: api.DeleteTeam) -> BooleanInfo:
    team = team_or_fail(ctx, req.team_id)
    team_id = team["team_id"]
    if apps_of_team(ctx, team_id):
        fail("FailedOperation", "The team still has applications; delete them first.")
    if any(m["team_id"] == team_id for m in ctx.scan("mnp")):
        fail("FailedOperation", "The team still has mini programs; delete them first.")
    if any(t["related_team_id"] == team_id for t in ctx.scan("team")):
        fail("FailedOperation", "Mini program teams are still associated with this team.")
    for member in _members(ctx, team_id):
        ctx.delete("member", member_key(team_id, member["user_id"]))
    ctx.delete("team", team_id)
    return OK


def _member_user(ctx: Ctx, team: Record, user_id: str) -> Record:
    user = user_or_fail(ctx, user_id)
    if user["account_type"] == 1 or user_id in team.get("admin_user_ids", []):
        fail("FailedOperation.UnableOperateAdminAccount")
    return user


def add_team_member(ctx: Ctx, req: api.AddTeamMember) -> BooleanInfo:
    team = team_or_fail(ctx, req.team_id)
    if not req.member_list:
        fail("InvalidParameterValue", "MemberList must not be empty.")
    seen: set[str] = set()
    for index, item in enumerate(req.member_list):
        user_id = require(item.user_id, f"MemberList.{index}.UserId")
        role_id = require(item.user_role_id, f"MemberList.{index}.UserRoleId")
        _member_user(ctx, team, user_id)
        _check_role(ctx, team, role_id)
        key = member_key(team["team_id"], user_id)
        if user_id in seen or ctx.get("member", key) is not None:
            fail("InvalidParameterValue", f"The user `{user_id}` is already a member of the team.")
        seen.add(user_id)
        member = {"team_id": team["team_id"], "user_id": user_id, "role_id": role_id}
        ctx.put("member", key, {**member, "create_time": ctx.now_str})
    return OK


def _member_row(
    ctx: Ctx, member: Record, users: dict[str, Record], teams: dict[str, Record]
) -> DescribeTeamMemberInfoResp:
    user = users[member["user_id"]]
    team = teams[member["team_id"]]
    return DescribeTeamMemberInfoResp(
        user_id=user["user_id"],
        user_account=user["user_account"],
        user_name=user["user_name"],
        team_id=team["team_id"],
        team_name=team["team_name"],
        team_role_name=_role_name(ctx, member["role_id"]),
        team_role_id=member["role_id"],
        can_edit=member["user_id"] not in team.get("admin_user_ids", []),
    )


def describe_team_member_list(
    ctx: Ctx, req: api.DescribeTeamMemberList
) -> DescribeTeamMemberListPageResp:
    word = keyword(req.keyword)
    team_id = blank(req.team_id)
    users = {u["user_id"]: u for u in ctx.scan("user")}
    teams = {t["team_id"]: t for t in ctx.scan("team")}
    chosen = [
        m
        for m in newest_first(ctx.scan("member"))
        if (not team_id or m["team_id"] == team_id)
        and (not req.role_ids or m["role_id"] in req.role_ids)
        and m["user_id"] in users
        and m["team_id"] in teams
        and matches(word, users[m["user_id"]]["user_name"])
    ]
    rows = [_member_row(ctx, m, users, teams) for m in page(chosen, req.offset, req.limit)]
    return DescribeTeamMemberListPageResp(total_count=len(chosen), data_list=rows)


def _membership(ctx: Ctx, team: Record, user_id: str) -> Record:
    _member_user(ctx, team, user_id)
    member = ctx.get("member", member_key(team["team_id"], user_id))
    if member is None:
        fail(
            ctx.code(
                "InvalidParameterValue.UserTeamRelationNotExist",
                "InvalidParameterValue.InvalidUserId",
            ),
            f"The user `{user_id}` is not in the team.",
        )
    return member


def modify_team_member(ctx: Ctx, req: api.ModifyTeamMember) -> BooleanInfo:
    team = team_or_fail(ctx, req.team_id)
    member = _membership(ctx, team, req.user_id)
    _check_role(ctx, team, req.role_id)
    ctx.put("member", member_key(team["team_id"], req.user_id), {**member, "role_id": req.role_id})
    return OK


def delete_team_member(ctx: Ctx, req: api.DeleteTeamMember) -> BooleanInfo:
    team = team_or_fail(ctx, req.team_id)
    _membership(ctx, team, req.user_id)
    ctx.delete("member", member_key(team["team_id"], req.user_id))
    return OK


def describe_role_list(ctx: Ctx, req: api.DescribeRoleList) -> DescribeRoleListResp:
    word = keyword(req.keyword)
    team_id = blank(req.team_id)
    team = ctx.get("team", team_id) if team_id else None
    roles = sorted(ctx.scan("role"), key=lambda r: int(r["role_id"]))
    rows = [
        r
        for r in roles
        if matches(word, r["role_name"])
        and (team_id is None or (team is not None and r["team_type"] == team["team_type"]))
    ]
    return DescribeRoleListResp(
        total_count=len(rows),
        data_list=[
            DescribeRoleListData(
                role_id=r["role_id"],
                role_name=r["role_name"],
                team_name="",
                create_time=r["create_time"],
                role_type=r["role_type"],
            )
            for r in page(rows, req.offset, req.limit)
        ],
    )


def describe_simple_team_list(
    ctx: Ctx, req: api.DescribeSimpleTeamList
) -> DescribeSimpleTeamListResp:
    types = req.team_role_type_list or [1, 2]
    teams = [t for t in newest_first(ctx.scan("team")) if t["team_type"] in types]
    return DescribeSimpleTeamListResp(
        total_count=len(teams),
        data_list=[SimpleStringKeyValue(key=t["team_id"], value=t["team_name"]) for t in teams],
    )


def describe_team_members(
    ctx: Ctx, req: api.DescribeTeamMembers
) -> DescribeTeamMembersInfoPageResp:
    team = team_or_fail(ctx, req.team_id)
    rows = []
    for member in newest_first(_members(ctx, team["team_id"])):
        user = ctx.get("user", member["user_id"])
        if user is not None:
            rows.append(
                DescribeTeamMembersInfoResp(
                    user_id=user["user_id"],
                    user_account=user["user_account"],
                    user_name=user["user_name"],
                    user_roles=_role_name(ctx, member["role_id"]),
                )
            )
    return DescribeTeamMembersInfoPageResp(
        total_count=len(rows), data_list=page(rows, req.offset, req.limit)
    )


HANDLERS: dict[str, Handler] = {
    "CreateTeam": create_team,
    "DescribeTeam": describe_team,
    "DescribeTeamList": describe_team_list,
    "ModifyTeam": modify_team,
    "DeleteTeam": delete_team,
    "AddTeamMember": add_team_member,
    "DescribeTeamMemberList": describe_team_member_list,
    "ModifyTeamMember": modify_team_member,
    "DeleteTeamMember": delete_team_member,
    "DescribeRoleList": describe_role_list,
    "DescribeSimpleTeamList": describe_simple_team_list,
    "DescribeTeamMembers": describe_team_members,
}
