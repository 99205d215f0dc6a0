"""The vendor SDK calls every action of each back end against the emulator and succeeds.

One scenario per back end walks a platform's life with the docs' example values: users,
teams and members, an application with sensitive APIs, a mini program with its domain ACL,
a version built, previewed, approved, released and rolled back, global domains and
permission requests. The request log then proves every action answered without an error,
and the responses deserialised into the SDK's models with the documented fields set.
"""

from __future__ import annotations

from pulumi_tcmpp.api.actions import actions_of
from pulumi_tcmpp.emulator import Emulator
from tests.emulator import world
from tests.emulator.sdk import Sdk


def _teams_and_users(sdk: Sdk, w: world.World) -> None:
    p = sdk.p
    detail = sdk.data("DescribeTeam", p(TeamId=w.mini_team))
    assert detail["TeamName"] == "autotest_mini_team"
    assert detail["TeamRoleType"] == 1
    assert detail["BindTeamName"] == "autotest_app_team"
    assert detail["ApplicationName"] == "autotest_app"
    assert detail["CreateTime"].isdigit()
    sdk.call("ModifyTeam", p(TeamId=w.mini_team, TeamName="autotest_mini_team2"))
    sdk.call("ModifyTeam", p(TeamId=w.mini_team, TeamName="autotest_mini_team"))
    roles = sdk.data("DescribeRoleList", p(Offset=0, Limit=10, Keyword="", TeamId=w.app_team))
    assert roles["TotalCount"] == 6
    assert {r["RoleId"] for r in roles["DataList"]} == set(range(20068, 20074))
    members = [{"UserId": w.member, "UserRoleId": 20070}]
    sdk.call("AddTeamMember", p(TeamId=w.app_team, MemberList=members))
    listed = sdk.data(
        "DescribeTeamMemberList",
        p(Offset=0, Limit=30, TeamId=w.app_team, Keyword="", RoleIds=[]),
    )
    assert listed["TotalCount"] == 2
    row = next(r for r in listed["DataList"] if r["UserId"] == w.member)
    assert (row["TeamRoleId"], row["TeamRoleName"], row["CanEdit"]) == (
        20070,
        "Application Senior Developer",
        True,
    )
    sdk.call("ModifyTeamMember", p(TeamId=w.app_team, UserId=w.member, RoleId=20071))
    user = sdk.data("DescribeUser", p(UserId=w.member))
    assert set(user) >= {"UserId", "UserAccount", "AccountType", "UserName"}
    users = sdk.data(
        "DescribeUserList", p(Offset=0, Limit=10, Keyword="", AccountType=0, TeamId="0")
    )
    assert users["TotalCount"] == 3
    sdk.call("ModifyUser", p(UserId=w.member, UserName="ModifyUserName", AccountType=3))
    if sdk.backend == "tcmpp":
        assert sdk.data("DescribeUserDetail", {"UserId": w.member})["UserName"] == "ModifyUserName"
        key_id, password = world.encrypt(sdk, "N3wPassw0rd")
        sdk.call("ModifyUserPassword", p(UserId=w.member, KeyId=key_id, Password=password))
        simple = sdk.data("DescribeSimpleTeamList", p(TeamRoleTypeList=[2]))
        assert simple["DataList"] == [{"Key": w.app_team, "Value": "autotest_app_team"}]
        named = sdk.data("DescribeTeamMembers", p(Offset=0, Limit=10, TeamId=w.app_team))
        assert {r["UserRoles"] for r in named["DataList"]} == {
            "Application Administrator",
            "Application Developer",
        }


def _application(sdk: Sdk, w: world.World) -> str:
    p = sdk.p
    detail = sdk.data("DescribeApplication", p(ApplicationId=w.app))
    app_id_field = "ApplicationID" if sdk.backend == "tcmpp" else "ApplicationId"
    assert detail[app_id_field] == w.app
    assert detail["TeamId"] == w.app_team and detail["ApplicationType"] == 1
    apps = sdk.data("DescribeApplicationList", p(TeamId="", Limit=20, Offset=0, Keyword=""))
    assert apps["TotalCount"] == 1 and apps["DataList"][0][app_id_field] == w.app
    sdk.call(
        "ModifyApplication",
        p(
            ApplicationId=w.app,
            ApplicationName="autotest_app",
            Logo=world.LOGO,
            AndroidAppKey="com.tencent.tcmpp.demo",
            IosAppKey="com.tencent.tcmpp.demo",
            Intro="Introduction",
            Remark="Description",
        ),
    )
    app_type = 2 if sdk.backend == "tcmpp" else 1
    config = sdk.data("DescribeApplicationConfigFile", p(ApplicationId=w.app, AppType=app_type))
    assert config["File"]
    if sdk.backend == "tcmpp":
        sdk.call("ModifyApplicationAppKey", p(ApplicationId=w.app, IOSAppKey="com.test.ios"))
        sdk.call("ModifyApplicationAppUrl", p(ApplicationId=w.app, AndroidAppURL="https://a/b"))
        detail = sdk.data("DescribeApplication", p(ApplicationId=w.app))
        assert (detail["IosAppKey"], detail["AndroidAppUrl"]) == ("com.test.ios", "https://a/b")
    secret = sdk.data(
        "DescribeTempSecret4UploadFile2Cos", {"BusinessName": "logo", "Suffix": "png"}
    )
    assert secret["Bucket"] and secret["TempSecretId"] and secret["Path"].endswith(".png")
    api_list = [{"APIDesc": "testState", "APIName": "testState", "APIType": 2}]
    sdk.call("CreateApplicationSensitiveAPI", p(ApplicationId=w.app, APIList=api_list))
    apis = sdk.data(
        "DescribeApplicationSensitiveAPIList",
        p(Limit=30, Offset=0, Keyword="testState", ApplicationId=w.app, TeamId=w.app_team),
    )
    assert apis["TotalCount"] == 1
    row = apis["DataList"][0]
    assert (row["APIName"], row["APIMethod"], row["Status"]) == ("testState", "testState", 0)
    api_id = str(row["APIId"])
    sdk.call("DisableApplicationSensitiveAPI", p(APIId=api_id))
    sdk.call("EnableApplicationSensitiveAPI", p(APIId=api_id))
    return api_id


def _mini_program(sdk: Sdk, w: world.World) -> None:
    p = sdk.p
    detail = sdk.data("DescribeMNP", p(MNPId=w.mnp))
    assert detail["MNPType"] == world.MNP_TYPE and detail["TeamId"] == w.mini_team
    listed = sdk.data(
        "DescribeMNPList", p(Offset=0, Limit=100, Keyword="", TeamId="", ApplicationId="")
    )
    assert listed["TotalCount"] == 1 and listed["DataList"][0]["MNPId"] == w.mnp
    modified = sdk.data(
        "ModifyMNP",
        p(
            MNPType=world.MNP_TYPE,
            MNPName="autotest_miniapp",
            MNPIntro="test",
            MNPDesc="test",
            MNPId=w.mnp,
            MNPIcon=world.ICON,
        ),
    )
    assert modified == {"ResourceId": 0}
    categories = sdk.data("DescribeMNPCategory", p())
    assert categories[0]["TypeName"] == "Logistics Services" and categories[0]["IsSystem"]
    domains = [
        {"DomainType": 1, "DomainUrlList": ["https://console.tencent.com"]},
        {"DomainType": 2, "DomainUrlList": ["https://console.tencent.com"]},
    ]
    sdk.call("CreateMNPDomainACL", p(MNPId=w.mnp, Domain=domains))
    acl = sdk.data("DescribeMNPDomainACL", p(MNPId=w.mnp))
    assert acl == [
        {"DomainUrl": "https://console.tencent.com", "DomainType": 1},
        {"DomainUrl": "https://console.tencent.com", "DomainType": 2},
    ]
    cleared = [{"DomainType": 2}, {"DomainType": 3}, {"DomainType": 4}, {"DomainType": 5}]
    sdk.call("ModifyMNPDomain", p(MNPId=w.mnp, Domain=cleared))
    assert [a["DomainType"] for a in sdk.data("DescribeMNPDomainACL", p(MNPId=w.mnp))] == [1]


def _versions(sdk: Sdk, w: world.World) -> None:
    p = sdk.p
    first = w.approved_version("1.0.277")
    approvals = sdk.data("DescribeMNPApprovalList", p(Limit=20, Offset=0, ApprovalStatusList=[3]))
    assert approvals["TotalCount"] == 1
    row = approvals["DataList"][0]
    assert (row["ApplicationId"], row["MNPVersion"], row["ApprovalStatus"]) == (
        w.app,
        "1.0.277",
        3,
    )
    assert row["MNPQrCodeUrl"] == ""
    sdk.call("ReleaseMNPVersion", p(MNPVersionId=first))
    sdk.call(
        "ConfigureMNPPreview",
        p(MNPId=w.mnp, ActionType=1, MNPVersionId=first, PreivewEntrancePath="page/index"),
    )
    preview = sdk.data("DescribeMNPPreview", p(MNPId=w.mnp, MNPVersionId=first))
    assert preview["PreviewEntrancePath"] == "page/index" and preview["QRCodeUrl"]
    second = w.approved_version("1.0.278")
    sdk.call("ReleaseMNPVersion", p(MNPVersionId=second))
    url = sdk.data("DescribeMNPOfflinePackageURL", p(MNPId=w.mnp))["Data"]
    assert url.endswith(f"{w.mnp}_1.0.278.apkg")
    history = sdk.data("DescribeMNPReleasedVersionHistory", p(MNPId=w.mnp))
    assert [r["MNPVersion"] for r in history["DataList"]] == ["1.0.278", "1.0.277"]
    sdk.call("RollbackMNPVersion", p(MNPId=w.mnp, MNPVersionId=first, MNPVersion="1.0.277"))
    stages = sdk.data("DescribeMNPAllStageVersions", p(MNPId=w.mnp))
    online = [r for r in stages if r["Phase"] == "Online"]
    assert [r["MNPVersion"] for r in online] == ["1.0.277"]
    assert {r["Phase"] for r in stages} == {"Develop", "Platform", "Online"}
    app = sdk.data("DescribeApplication", p(ApplicationId=w.app))
    if sdk.backend == "tcmpp":
        assert app["BindMNPCount"] == 1
        assert app["BindMNPList"][0]["MNPOnlineVersion"] == "1.0.277"


def _permissions(sdk: Sdk, w: world.World, api_id: str) -> None:
    p = sdk.p
    data = sdk.data(
        "CreateMNPSensitiveAPIPermissionApproval",
        p(APIId=api_id, ApplyReason="We need it.", MNPId=w.mnp),
    )
    assert data == {"ResourceId": None}
    listed = sdk.data(
        "DescribeMNPSensitiveAPIPermissionList",
        p(MNPId=w.mnp, Limit=10, Offset=0, Keyword="testState", ApplicationId=""),
    )
    row = listed["DataList"][0]
    assert (row["APIId"], row["APIApplyStatus"]) == (api_id, 1)
    approval_no = row["ApprovalNo"]
    assert (
        sdk.data("DescribeMNPSensitiveAPIPermissionApproval", p(ApprovalNo=approval_no))[
            "ApprovalStatus"
        ]
        == 1
    )
    sdk.call(
        "ProcessMNPSensitiveAPIPermissionApproval",
        p(ApprovalNo=approval_no, ApprovalStatus=30, ApprovalNote=""),
    )
    approvals = sdk.data(
        "DescribeMNPSensitiveAPIPermissionApprovalList",
        p(Offset=0, Limit=10, ApprovalStatusList=[30], Keyword=""),
    )
    assert approvals["DataList"][0]["ApprovalNo"] == approval_no
    assert approvals["DataList"][0]["ApplyNote"] == "We need it."


def _global_domains(sdk: Sdk) -> None:
    p = sdk.p
    created = sdk.data(
        "CreateGlobalDomainACL", p(DomainType=1, DomainUrlList=["openapi.autotest.domain.com"])
    )
    assert created == {
        "Result": True,
        "RepeatUrls": [],
        "ExistsWhiteUrls": [],
        "ExistsBlackUrls": [],
    }
    listed = sdk.data("DescribeGlobalDomainACL", p(Offset=0, Limit=20, DomainTypes=[1], Keyword=""))
    domain_id = listed["DataList"][0]["DomainId"]
    modified = sdk.data(
        "ModifyGlobalDomain", p(DomainId=domain_id, DomainUrl="openapi.autotest.domain.modify")
    )
    assert modified == {"Result": 0}
    if sdk.backend == "tcmpp":
        checked = sdk.data("CheckGlobalDomain", p(DomainUrlList=["openapi.autotest.domain.modify"]))
        assert checked["ExistsWhiteUrls"] == ["openapi.autotest.domain.modify"]
    assert sdk.data("DeleteGlobalDomain", p(DomainId=domain_id)) == {"Result": True}


def _teardown(sdk: Sdk, w: world.World, api_id: str) -> None:
    p = sdk.p
    sdk.call("DeleteApplicationSensitiveAPI", p(APIId=api_id))
    sdk.call("RemoveMNP", p(MNPId=w.mnp))
    sdk.call("DeleteMNP", p(MNPId=w.mnp))
    sdk.call("DeleteApplication", p(ApplicationId=w.app))
    sdk.call("DeleteTeamMember", p(TeamId=w.app_team, UserId=w.member))
    sdk.call("DeleteTeam", p(TeamId=w.mini_team))
    sdk.call("DeleteTeam", p(TeamId=w.app_team))
    sdk.call("DeleteUser", p(UserId=w.member))


def _nulls(value: object, path: str) -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nulls(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for v in value[:1] for p in _nulls(v, f"{path}[0]")]
    return [path] if value is None else []


NULL_BY_DESIGN = {
    "CreateMNPSensitiveAPIPermissionApproval.Data.ResourceId",
    "DescribeApplicationSensitiveAPIList.Data.DataList[0].UseScope",
    "DescribeMNPVersion.Data.MNPVersionId",
}
"""Fields the emulator leaves null on purpose: the docs' example answers ``Data: {}``; no
UseScope was sent; a build still running has no version yet."""


def test_every_action_answers_through_the_vendor_sdk(sdk: Sdk, emu: Emulator) -> None:
    w = world.World(sdk)
    _teams_and_users(sdk, w)
    api_id = _application(sdk, w)
    _mini_program(sdk, w)
    _versions(sdk, w)
    _permissions(sdk, w, api_id)
    _global_domains(sdk)
    _teardown(sdk, w, api_id)
    log = emu.request_log()
    assert [e for e in log if e["code"] is not None] == []
    called = {e["action"] for e in log}
    assert called == set(actions_of(sdk.backend))  # type: ignore[arg-type]
    assert {e["service"] for e in log} == {sdk.backend}
    nulls = {
        path
        for action, body in sdk.responses.items()
        if "Data" in body
        for path in _nulls(body["Data"], f"{action}.Data")
    }
    assert nulls - NULL_BY_DESIGN == set()
