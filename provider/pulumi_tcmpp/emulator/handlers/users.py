"""Users, the preset key that encrypts their passwords, and password changes.

The platform's super administrator (AccountType 1) exists from day one and can be read but
not modified, deleted, given a new password or added to a team.
"""

from __future__ import annotations

import re

from pulumi_tcmpp.api import users as api
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    DescribeUserDetailResp,
    DescribeUserListData,
    DescribeUserListResp,
    PresetResp,
    ResourceIdStringInfo,
)
from pulumi_tcmpp.emulator import _ids as ids
from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._store import Record
from pulumi_tcmpp.emulator.handlers._common import (
    Handler,
    blank,
    check_text,
    keyword,
    matches,
    newest_first,
    page,
    user_or_fail,
)
from pulumi_tcmpp.emulator.handlers._passwords import (
    decrypt_password,
    new_preset_key,
    password_digest,
)

__all__ = ["HANDLERS"]

OK = BooleanInfo(result=True)
_ACCOUNT = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


def create_preset_key(ctx: Ctx, req: api.CreatePresetKey) -> PresetResp:
    return PresetResp(key=new_preset_key(ctx))


def _check_account_type(value: int) -> int:
    if value not in (2, 3):
        fail(
            "InvalidParameterValue.InvalidAccountType",
            "AccountType must be 2 (platform administrator) or 3 (ordinary member).",
        )
    return value


def _check_account(ctx: Ctx, account: str, user_id: str | None = None) -> str:
    if not _ACCOUNT.match(account):
        fail(
            "InvalidParameterValue",
            "UserAccount must be 1 to 64 letters, digits or the characters _ . @ -.",
        )
    if any(
        u["user_account"].lower() == account.lower() and u["user_id"] != user_id
        for u in ctx.scan("user")
    ):
        fail("InvalidParameterValue.ExistUserAccount", f"The account `{account}` already exists.")
    return account


def _check_name(name: str) -> str:
    return check_text(name, "InvalidParameterValue.InvalidUserName", 64, "UserName")


def create_user(ctx: Ctx, req: api.CreateUser) -> ResourceIdStringInfo:
    account = _check_account(ctx, req.user_account)
    name = _check_name(req.user_name)
    account_type = _check_account_type(req.account_type)
    password = decrypt_password(ctx, req.key_id, req.password)
    user_id = ctx.unique("user", lambda rng: ids.user_id(rng, ctx.now))
    ctx.put(
        "user",
        user_id,
        {
            "user_id": user_id,
            "user_account": account,
            "user_name": name,
            "account_type": account_type,
            "status": 1,
            "password_sha256": password_digest(user_id, password),
            "create_user": ctx.caller,
            "create_time": ctx.now_str,
            "update_time": ctx.now_str,
        },
    )
    return ResourceIdStringInfo(resource_id=user_id)


def _detail(user: Record) -> DescribeUserDetailResp:
    return DescribeUserDetailResp(
        user_id=user["user_id"],
        user_account=user["user_account"],
        account_type=user["account_type"],
        user_name=user["user_name"],
    )


def _subject(ctx: Ctx, user_id: str) -> Record:
    """The user an action is about; tcsas may say so with FailedOperation.UserNotFound."""
    user = ctx.get("user", user_id)
    if user is None:
        if ctx.backend == "tcsas" and ctx.readings.user_not_found == "UserNotFound":
            fail("FailedOperation.UserNotFound", f"The user `{user_id}` does not exist.")
        return user_or_fail(ctx, user_id)
    return user


def describe_user(ctx: Ctx, req: api.DescribeUser) -> DescribeUserDetailResp:
    return _detail(_subject(ctx, req.user_id))


def describe_user_detail(ctx: Ctx, req: api.DescribeUserDetail) -> DescribeUserDetailResp:
    return _detail(user_or_fail(ctx, req.user_id))


def _teams_by_user(ctx: Ctx) -> dict[str, list[str]]:
    """UserId -> the TeamIds of the user's memberships, from one pass over them."""
    teams: dict[str, list[str]] = {}
    for member in ctx.scan("member"):
        teams.setdefault(member["user_id"], []).append(member["team_id"])
    return teams


def _row(user: Record, teams: list[Record]) -> DescribeUserListData:
    return DescribeUserListData(
        user_id=user["user_id"],
        user_account=user["user_account"],
        teams=",".join(t["team_id"] for t in teams),
        account_type=user["account_type"],
        user_name=user["user_name"],
        create_time=user["create_time"],
        status=user["status"],
        team_name=",".join(t["team_name"] for t in teams),
    )


def describe_user_list(ctx: Ctx, req: api.DescribeUserList) -> DescribeUserListResp:
    word = keyword(req.keyword)
    types = (None, 0, 1, 2, 3, 4) if ctx.readings.account_type_4 else (None, 0, 1, 2, 3)
    if req.account_type not in types:
        fail(
            "InvalidParameterValue.InvalidAccountType",
            f"AccountType must be one of {', '.join(str(t) for t in types[2:])}.",
        )
    team_id = blank(req.team_id) if req.team_id != "0" else None
    memberships = _teams_by_user(ctx)
    chosen = [
        user
        for user in newest_first(ctx.scan("user"))
        if (not req.account_type or user["account_type"] == req.account_type)
        and (not team_id or team_id in memberships.get(user["user_id"], ()))
        and matches(word, user["user_name"], user["user_account"])
    ]
    rows = page(chosen, req.offset, req.limit)
    teams = {t["team_id"]: t for t in ctx.scan("team")} if rows else {}
    return DescribeUserListResp(
        total_count=len(chosen),
        data_list=[
            _row(u, [teams[t] for t in memberships.get(u["user_id"], ()) if t in teams])
            for u in rows
        ],
    )


def _editable(ctx: Ctx, user_id: str) -> Record:
    user = _subject(ctx, user_id)
    if user["account_type"] == 1:
        fail("FailedOperation.UnableOperateAdminAccount")
    return user


def modify_user(ctx: Ctx, req: api.ModifyUser) -> BooleanInfo:
    user = _editable(ctx, req.user_id)
    user["user_name"] = _check_name(req.user_name)
    user["account_type"] = _check_account_type(req.account_type)
    if req.user_account is not None:
        user["user_account"] = _check_account(ctx, req.user_account, user["user_id"])
    user["update_time"] = ctx.now_str
    ctx.put("user", user["user_id"], user)
    return OK


def delete_user(ctx: Ctx, req: api.DeleteUser) -> BooleanInfo:
    user = _editable(ctx, req.user_id)
    for team in ctx.scan("team"):
        if user["user_id"] in team.get("admin_user_ids", []):
            fail(
                "FailedOperation",
                f"The user administers the team `{team['team_name']}`; give the team another "
                "administrator first.",
            )
    for member in ctx.scan("member"):
        if member["user_id"] == user["user_id"]:
            ctx.delete("member", f"{member['team_id']}/{member['user_id']}")
    ctx.delete("user", user["user_id"])
    return OK


def modify_user_password(ctx: Ctx, req: api.ModifyUserPassword) -> BooleanInfo:
    user = _editable(ctx, req.user_id)
    password = decrypt_password(ctx, req.key_id, req.password)
    user["password_sha256"] = password_digest(user["user_id"], password)
    user["update_time"] = ctx.now_str
    ctx.put("user", user["user_id"], user)
    return OK


HANDLERS: dict[str, Handler] = {
    "CreatePresetKey": create_preset_key,
    "CreateUser": create_user,
    "DescribeUser": describe_user,
    "DescribeUserList": describe_user_list,
    "ModifyUser": modify_user,
    "DeleteUser": delete_user,
    "DescribeUserDetail": describe_user_detail,
    "ModifyUserPassword": modify_user_password,
}
