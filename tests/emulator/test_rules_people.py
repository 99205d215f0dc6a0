"""Rules of teams, members, users, roles and passwords."""

from __future__ import annotations

import base64

from tests.emulator import world
from tests.emulator.sdk import Sdk

SUPER_ADMIN = "U20240605160000SADMIN"


def test_day_one_super_admin_cannot_be_changed(sdk: Sdk) -> None:
    users = sdk.data("DescribeUserList", sdk.p(Offset=0, Limit=10, AccountType=1))
    assert [u["UserId"] for u in users["DataList"]] == [SUPER_ADMIN]
    denied = "FailedOperation.UnableOperateAdminAccount"
    modify = sdk.p(UserId=SUPER_ADMIN, UserName="x", AccountType=2)
    assert sdk.code("ModifyUser", modify) == denied
    assert sdk.code("DeleteUser", sdk.p(UserId=SUPER_ADMIN)) == denied


def test_user_ids_accounts_and_types(sdk: Sdk) -> None:
    user_id = world.user(sdk, "OpenApiUser0819174740")
    assert user_id.startswith("U2") and len(user_id) == 21 and user_id[-6:].isalpha()
    key_id, password = world.encrypt(sdk, "Passw0rd!")
    again = sdk.p(
        UserAccount="openapiuser0819174740",
        UserName="n",
        AccountType=3,
        KeyId=key_id,
        Password=password,
    )
    assert sdk.code("CreateUser", again) == "InvalidParameterValue.ExistUserAccount"
    again.update(UserAccount="fresh", AccountType=1)
    assert sdk.code("CreateUser", again) == "InvalidParameterValue.InvalidAccountType"
    assert sdk.code("DescribeUser", sdk.p(UserId="U404")) == "InvalidParameterValue.InvalidUserId"
    bad_name = sdk.p(UserId=user_id, UserName="", AccountType=3)
    assert sdk.code("ModifyUser", bad_name) == "InvalidParameterValue.InvalidUserName"


def test_passwords_must_decrypt_with_a_known_key(sdk: Sdk) -> None:
    key_id, password = world.encrypt(sdk, "Passw0rd!")
    base = sdk.p(UserAccount="pw", UserName="pw", AccountType=3)
    unknown_key = {**base, "KeyId": "8d3834f4-3f2b-440f-8ba7-37aa85e27549", "Password": password}
    assert sdk.code("CreateUser", unknown_key) == "InvalidParameterValue"
    garbage = base64.b64encode(bytes(range(128))).decode()
    assert sdk.code("CreateUser", {**base, "KeyId": key_id, "Password": garbage}) == (
        "InvalidParameterValue"
    )
    other_key, _ = world.encrypt(sdk, "x")
    message = str(sdk.error("CreateUser", {**base, "KeyId": other_key, "Password": password}))
    assert "could not be decrypted" in message
    assert sdk.data("CreateUser", {**base, "KeyId": key_id, "Password": password})["ResourceId"]


def test_team_ids_names_and_types(sdk: Sdk) -> None:
    admin = world.user(sdk, "a")
    team_id = world.team(sdk, "AT_team0819192441", admin, 2)
    assert len(team_id) == 10 and team_id.isdigit()
    same = sdk.p(TeamName="AT_team0819192441", AdminUserId=admin, TeamRoleTypeList=[1])
    assert sdk.code("CreateTeam", same) == "InvalidParameterValue.ExistTeamName"
    both = sdk.p(TeamName="t2", AdminUserId=admin, TeamRoleTypeList=[1, 2])
    assert sdk.code("CreateTeam", both) == "InvalidParameterValue"
    ghost = sdk.p(TeamName="t3", AdminUserId="U404", TeamRoleTypeList=[1])
    assert sdk.code("CreateTeam", ghost) == "InvalidParameterValue.InvalidUserId"
    mini = world.team(sdk, "mini", admin, 1)
    wrong = sdk.p(TeamName="t4", AdminUserId=admin, TeamRoleTypeList=[1], RelatedTeamId=mini)
    expected = (
        "InvalidParameterValue.TeamTypeMismatch"
        if sdk.backend == "tcmpp"
        else ("InvalidParameterValue")
    )
    assert sdk.code("CreateTeam", wrong) == expected
    assert sdk.code("DescribeTeam", sdk.p(TeamId="1")) == "InvalidParameterValue.InvalidTeamId"


def test_create_team_answers_without_data(tcmpp: Sdk, emu: object) -> None:
    admin = world.user(tcmpp, "a")
    response = tcmpp.call(
        "CreateTeam", tcmpp.p(TeamName="t", AdminUserId=admin, TeamRoleTypeList=[2])
    )
    assert response.RequestId and not hasattr(response, "Data")


def test_team_admin_membership_rules(sdk: Sdk) -> None:
    admin = world.user(sdk, "a")
    other = world.user(sdk, "b")
    team_id = world.team(sdk, "t", admin, 2)
    denied = "FailedOperation.UnableOperateAdminAccount"
    as_admin = sdk.p(TeamId=team_id, MemberList=[{"UserId": admin, "UserRoleId": 20070}])
    assert sdk.code("AddTeamMember", as_admin) == denied
    assert sdk.code("DeleteTeamMember", sdk.p(TeamId=team_id, UserId=admin)) == denied
    mini_role = sdk.p(TeamId=team_id, MemberList=[{"UserId": other, "UserRoleId": 20065}])
    assert sdk.code("AddTeamMember", mini_role) == "InvalidParameterValue.InvalidRoleId"
    not_member = "InvalidParameterValue.UserTeamRelationNotExist"
    if sdk.backend == "tcsas":
        not_member = "InvalidParameterValue.InvalidUserId"
    change = sdk.p(TeamId=team_id, UserId=other, RoleId=20071)
    assert sdk.code("ModifyTeamMember", change) == not_member
    assert sdk.code("DeleteUser", sdk.p(UserId=admin)) == "FailedOperation"
    sdk.call("ModifyTeam", sdk.p(TeamId=team_id, TeamName="t", AdminUserId=other))
    rows = sdk.data("DescribeTeamMemberList", sdk.p(Offset=0, Limit=10, TeamId=team_id))
    roles = {r["UserId"]: (r["TeamRoleId"], r["CanEdit"]) for r in rows["DataList"]}
    assert roles == {other: (20068, False), admin: (20070, True)}
    sdk.call("DeleteUser", sdk.p(UserId=admin))
    assert sdk.data("DescribeTeam", sdk.p(TeamId=team_id))["MemberCount"] == 1


def test_delete_team_refused_while_it_owns_things(sdk: Sdk) -> None:
    w = world.World(sdk)
    assert sdk.code("DeleteTeam", sdk.p(TeamId=w.app_team)) == "FailedOperation"
    assert sdk.code("DeleteTeam", sdk.p(TeamId=w.mini_team)) == "FailedOperation"


def test_paging_and_keywords(sdk: Sdk) -> None:
    admin = world.user(sdk, "a")
    for n in range(7):
        world.team(sdk, f"paged_team_{n}", admin, 2)
    first = sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=3, Keyword="paged"))
    last = sdk.data("DescribeTeamList", sdk.p(Offset=6, Limit=3, Keyword="paged"))
    assert (first["TotalCount"], len(first["DataList"]), len(last["DataList"])) == (7, 3, 1)
    assert first["DataList"][0]["TeamName"] == "paged_team_6"
    long = sdk.p(Offset=0, Limit=3, Keyword="x" * 65)
    assert sdk.code("DescribeTeamList", long) == (
        "InvalidParameterValue.QueryParameterLengthExceedLimit"
    )
    assert sdk.code("DescribeTeamList", sdk.p(Offset=-1, Limit=3)) == "InvalidParameterValue"
    roles = sdk.data("DescribeRoleList", sdk.p(Offset=0, Limit=20, Keyword="review"))
    assert [r["RoleName"] for r in roles["DataList"]] == ["Review Staff"]
