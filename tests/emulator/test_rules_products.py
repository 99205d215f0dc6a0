"""Rules of applications, sensitive APIs, mini programs, domains and the release pipeline."""

from __future__ import annotations

import re

from pulumi_tcmpp.emulator import Emulator
from tests.emulator import world
from tests.emulator.sdk import Sdk


def test_application_rules(sdk: Sdk) -> None:
    admin = world.user(sdk, "a")
    app_team = world.team(sdk, "apps", admin, 2)
    mini_team = world.team(sdk, "minis", admin, 1)
    app_id = world.application(sdk, "test", app_team)
    assert re.fullmatch(r"app-[a-z0-9]{10}", app_id)
    base = sdk.p(ApplicationName="test", Logo=world.LOGO, TeamId=app_team, ApplicationType=1)
    base["Intro"] = "x"
    assert sdk.code("CreateApplication", base) == "FailedOperation.ApplicationNameAlreadyExisted"
    cases = {
        "InvalidParameterValue.InvalidApplicationIntro": {"ApplicationName": "b", "Intro": ""},
        "InvalidParameterValue.InvalidApplicationRemark": {
            "ApplicationName": "c",
            "Remark": "r" * 1001,
        },
        "InvalidParameterValue.InvalidAppPackageNameLayout": {
            "ApplicationName": "d",
            "AndroidAppKey": "not a package",
        },
        "InvalidParameterValue.InvalidTeamId": {"ApplicationName": "e", "TeamId": "1"},
    }
    for code, change in cases.items():
        assert sdk.code("CreateApplication", {**base, **change}) == code
    no_permission = (
        "FailedOperation.OperationsTeamNoApplicationPermission"
        if sdk.backend == "tcmpp"
        else "FailedOperation"
    )
    wrong_team = {**base, "ApplicationName": "f", "TeamId": mini_team}
    assert sdk.code("CreateApplication", wrong_team) == no_permission
    missing = sdk.p(ApplicationId="app-0000000000")
    assert sdk.code("DescribeApplication", missing) == "InvalidParameterValue.InvalidApplicationId"


def test_delete_application_bound_to_a_mini_program(sdk: Sdk) -> None:
    w = world.World(sdk)
    _, version_id = world.version(sdk, w.mnp, "1.0.0")
    sdk.call("CreateMNPApproval", sdk.p(MNPVersionId=version_id, ApplyAction="submit"))
    delete = sdk.p(ApplicationId=w.app)
    assert sdk.code("DeleteApplication", delete) == "FailedOperation.AppAlreadyBindAudit"
    items = [{"AppId": w.app, "ApprovalResult": 3}]
    sdk.call("ProcessMNPApproval", sdk.p(ApprovalNo=w.approval_no(version_id), ApprovalItems=items))
    assert sdk.code("DeleteApplication", delete) == "FailedOperation.AppAlreadyBindMiniProgram"
    listed = sdk.data("DescribeMNPList", sdk.p(Offset=0, Limit=10, ApplicationId=w.app))
    assert (listed["TotalCount"], listed["DataList"][0]["EffectStatus"]) == (1, 1)
    sdk.call("DeleteMNP", sdk.p(MNPId=w.mnp))
    sdk.call("DeleteApplication", delete)


def test_sensitive_api_rules(sdk: Sdk) -> None:
    w = world.World(sdk)
    apis = [{"APIName": "getLocation", "APIType": 1}, {"APIName": "getLocation"}]
    add = sdk.p(ApplicationId=w.app, APIList=apis)
    assert sdk.code("CreateApplicationSensitiveAPI", add) == "FailedOperation.ExistSensitiveAPI"
    add["APIList"] = [{"APIDesc": "no name"}]
    assert sdk.code("CreateApplicationSensitiveAPI", add) == "MissingParameter"
    missing = sdk.p(APIId="api-0000000000000000")
    assert sdk.code("EnableApplicationSensitiveAPI", missing) == "FailedOperation.RecordNotFound"
    add["APIList"] = [{"APIName": "getLocation", "APIType": 1}]
    sdk.call("CreateApplicationSensitiveAPI", add)
    row = sdk.data(
        "DescribeApplicationSensitiveAPIList", sdk.p(Offset=0, Limit=10, ApplicationId=w.app)
    )["DataList"][0]
    assert re.fullmatch(r"api-[a-z0-9]{16}", row["APIId"])
    sdk.call("DisableApplicationSensitiveAPI", sdk.p(APIId=row["APIId"]))
    listed = sdk.data(
        "DescribeApplicationSensitiveAPIList", sdk.p(Offset=0, Limit=10, ApplicationId=w.app)
    )
    assert listed["DataList"][0]["Status"] == 1
    ask = sdk.p(APIId=row["APIId"], ApplyReason="need", MNPId=w.mnp)
    sdk.call("CreateMNPSensitiveAPIPermissionApproval", ask)
    assert sdk.code("CreateMNPSensitiveAPIPermissionApproval", ask) == "FailedOperation"
    listed = sdk.data(
        "DescribeMNPSensitiveAPIPermissionList", sdk.p(MNPId=w.mnp, Offset=0, Limit=10)
    )
    approval_no = listed["DataList"][0]["ApprovalNo"]
    assert re.fullmatch(r"\d{8}[a-z0-9]{10}", approval_no)
    reject = sdk.p(ApprovalNo=approval_no, ApprovalStatus=20, ApprovalNote="too broad")
    sdk.call("ProcessMNPSensitiveAPIPermissionApproval", reject)
    already = (
        "FailedOperation" if sdk.backend == "tcmpp" else "FailedOperation.ApprovalAlreadyProcessed"
    )
    assert sdk.code("ProcessMNPSensitiveAPIPermissionApproval", reject) == already
    detail = sdk.data("DescribeMNPSensitiveAPIPermissionApproval", sdk.p(ApprovalNo=approval_no))
    assert (detail["ApprovalStatus"], detail["RejectReason"]) == (20, "too broad")
    sdk.call("CreateMNPSensitiveAPIPermissionApproval", ask)


def test_mini_program_rules(sdk: Sdk) -> None:
    w = world.World(sdk)
    assert re.fullmatch(r"mp[a-z0-9]{14}", w.mnp)
    base = sdk.p(
        TeamId=w.mini_team,
        MNPName="autotest_miniapp",
        MNPType=world.MNP_TYPE,
        MNPIntro="i",
        MNPDesc="d",
        MNPIcon=world.ICON,
    )
    codes = {
        "InvalidParameterValue.MiniProgramNameAlreadyExist": {},
        "InvalidParameterValue.InvalidMNPType": {"MNPName": "b", "MNPType": "Food->1_Cake"},
        "InvalidParameterValue.InvalidMNPIcon": {"MNPName": "c", "MNPIcon": "https://x/icon.zip"},
        "InvalidParameterValue.InvalidMNPName": {"MNPName": ""},
        "FailedOperation.OperationsTeamNoMiniProgramPermission": {
            "MNPName": "d",
            "TeamId": w.app_team,
        },
    }
    for code, change in codes.items():
        assert sdk.code("CreateMNP", {**base, **change}) == code
    assert sdk.code("DescribeMNP", sdk.p(MNPId="mp00000000000000")) == (
        "InvalidParameterValue.InvalidMNPId"
    )
    assert sdk.data("DescribeMNP", sdk.p(MNPId=w.mnp))["Status"] == 2
    assert sdk.code("RemoveMNP", sdk.p(MNPId=w.mnp)) == "FailedOperation.RecordNotFound"
    assert sdk.code("DescribeMNPOfflinePackageURL", sdk.p(MNPId=w.mnp)) == (
        "FailedOperation.MNPOnlineVersionNotExist"
    )


def test_mnp_domain_acl_rules(sdk: Sdk) -> None:
    w = world.World(sdk)
    add = sdk.p(MNPId=w.mnp, Domain=[{"DomainType": 3, "DomainUrlList": ["wss://a", "wss://b"]}])
    sdk.call("CreateMNPDomainACL", add)
    assert sdk.code("CreateMNPDomainACL", add) == "FailedOperation.ExistRepeatDomainUrl"
    acl = sdk.data("DescribeMNPDomainACL", sdk.p(MNPId=w.mnp))
    assert acl == [{"DomainUrl": "wss://a;wss://b", "DomainType": 3}]
    replace = [{"DomainType": 3, "DomainUrlList": ["wss://c"]}, {"DomainType": 1}]
    sdk.call("ModifyMNPDomain", sdk.p(MNPId=w.mnp, Domain=replace))
    assert sdk.data("DescribeMNPDomainACL", sdk.p(MNPId=w.mnp)) == [
        {"DomainUrl": "wss://c", "DomainType": 3}
    ]
    bad = sdk.p(MNPId=w.mnp, Domain=[{"DomainType": 9, "DomainUrlList": ["x"]}])
    assert sdk.code("CreateMNPDomainACL", bad) == "InvalidParameterValue"


def test_global_domain_conflicts(sdk: Sdk) -> None:
    allow = sdk.p(DomainType=1, DomainUrlList=["a.com", "b.com"])
    assert sdk.data("CreateGlobalDomainACL", allow)["Result"] is True
    block = sdk.p(DomainType=2, DomainUrlList=["a.com", "c.com", "c.com"])
    result = sdk.data("CreateGlobalDomainACL", block)
    assert result == {
        "Result": False,
        "RepeatUrls": ["c.com"],
        "ExistsWhiteUrls": ["a.com"],
        "ExistsBlackUrls": [],
    }
    again = sdk.data("CreateGlobalDomainACL", sdk.p(DomainType=1, DomainUrlList=["a.com"]))
    assert again["RepeatUrls"] == ["a.com"]
    sdk.call("CreateGlobalDomainACL", sdk.p(DomainType=2, DomainUrlList=["bad.com"]))
    rows = sdk.data("DescribeGlobalDomainACL", sdk.p(Offset=0, Limit=10, Keyword="b"))["DataList"]
    ids = {r["DomainUrl"]: r["DomainId"] for r in rows}
    moved = sdk.p(DomainId=ids["b.com"], DomainUrl="bad.com")
    assert sdk.data("ModifyGlobalDomain", moved) == {"Result": 2}
    moved["DomainUrl"] = "a.com"
    assert sdk.data("ModifyGlobalDomain", moved) == {"Result": 1}
    gone = sdk.p(DomainId=1)
    assert sdk.code("DeleteGlobalDomain", gone) == "FailedOperation.RecordNotFound"


def test_build_task_progression_and_failure(sdk: Sdk, emu: Emulator) -> None:
    w = world.World(sdk)
    create = sdk.p(MNPId=w.mnp, MNPVersion="1.0.278", FileUrl=world.PACKAGE, MNPVersionIntro="x")
    task_id = sdk.data("CreateMNPVersion", create)["TaskId"]
    assert re.fullmatch(r"\d{19}", task_id)
    poll = sdk.p(BusinessId=task_id)
    statuses = [sdk.data("DescribeMNPVersion", poll)["TaskStatus"] for _ in range(4)]
    assert statuses == [1, 20, 60, 60]
    assert sdk.code("CreateMNPVersion", create) == "InvalidParameterValue.InvalidMNPVersion"
    emu.set_build_mode("failure", steps=0, message="compile error: app.json missing")
    create["MNPVersion"] = "1.0.279"
    failed = sdk.data(
        "DescribeMNPVersion", sdk.p(BusinessId=sdk.data("CreateMNPVersion", create)["TaskId"])
    )
    assert (failed["TaskStatus"], failed["TaskMsg"]) == (30, "compile error: app.json missing")
    bad = {**create, "MNPVersion": "v1"}
    assert sdk.code("CreateMNPVersion", bad) == "InvalidParameterValue.InvalidMNPVersion"
    assert sdk.code("DescribeMNPVersion", sdk.p(BusinessId="1")) == (
        "InvalidParameterValue.InvalidMNPVersionTaskId"
    )


def test_approval_release_and_rollback_rules(sdk: Sdk) -> None:
    w = world.World(sdk)
    _, v1 = world.version(sdk, w.mnp, "1.0.1")
    release = sdk.p(MNPVersionId=v1)
    assert sdk.code("ReleaseMNPVersion", release) == (
        "FailedOperation.OnlyReleasePlatformApprovedMNPVersion"
    )
    submit = sdk.p(MNPVersionId=v1, ApplyAction="submit")
    response = sdk.call("CreateMNPApproval", submit)
    if sdk.backend == "tcsas":
        assert re.fullmatch(r"aud[a-z0-9]{15}", response.Data.ApprovalNo)
    assert sdk.code("CreateMNPApproval", submit) == "FailedOperation.ExistMNPApprovalRecord"
    approval_no = w.approval_no(v1)
    process = sdk.p(ApprovalNo=approval_no, ApprovalItems=[{"AppId": w.app, "ApprovalResult": 2}])
    note_code = (
        "MissingParameter"
        if sdk.backend == "tcmpp"
        else ("InvalidParameterValue.ApprovalNoteRequired")
    )
    assert sdk.code("ProcessMNPApproval", process) == note_code
    process["ApprovalItems"] = [{"AppId": "app-other00000", "ApprovalResult": 3}]
    assert sdk.code("ProcessMNPApproval", process) == (
        "InvalidParameterValue.ProcessApplicationAndApprovalApplicationMismatch"
    )
    process["ApprovalItems"] = []
    assert sdk.code("ProcessMNPApproval", process) == (
        "InvalidParameterValue.ProcessApprovalItemIsEmpty"
    )
    sdk.call("CreateMNPApproval", sdk.p(MNPVersionId=v1, ApplyAction="cancel"))
    cancelled = sdk.data(
        "DescribeMNPApprovalList", sdk.p(Offset=0, Limit=10, ApprovalStatusList=[4])
    )
    assert cancelled["DataList"][0]["ApprovalNo"] == approval_no
    v2 = w.approved_version("1.0.2")
    sdk.call("ReleaseMNPVersion", sdk.p(MNPVersionId=v2))
    assert (
        sdk.code("ReleaseMNPVersion", sdk.p(MNPVersionId=v2))
        == "FailedOperation.MNPVersionReleased"
    )
    sdk.call("CreateMNPApproval", submit)
    items = [{"AppId": w.app, "ApprovalResult": 3}]
    sdk.call("ProcessMNPApproval", sdk.p(ApprovalNo=w.approval_no(v1), ApprovalItems=items))
    assert sdk.code("ReleaseMNPVersion", release) == (
        "FailedOperation.ReleaseMNPVersionNeedGreaterThanOnlineVersion"
    )
    rollback = sdk.p(MNPId=w.mnp, MNPVersionId=v1, MNPVersion="1.0.1")
    assert sdk.code("RollbackMNPVersion", rollback) == "FailedOperation"
    wrong_mnp = sdk.p(MNPId="mp00000000000000", MNPVersionId=v2, MNPVersion="1.0.2")
    assert sdk.code("RollbackMNPVersion", wrong_mnp) == "InvalidParameterValue.InvalidMiniAppId"


def test_preview_rules(sdk: Sdk) -> None:
    w = world.World(sdk)
    _, v1 = world.version(sdk, w.mnp, "1.0.1")
    _, v2 = world.version(sdk, w.mnp, "1.0.2")
    sdk.call("ConfigureMNPPreview", sdk.p(MNPId=w.mnp, ActionType=1, MNPVersionId=v1))
    other = sdk.p(MNPId=w.mnp, ActionType=1, MNPVersionId=v2)
    assert sdk.code("ConfigureMNPPreview", other) == "FailedOperation.ShowcaseVersionAlreadyExist"
    assert sdk.code("DescribeMNPPreview", sdk.p(MNPId=w.mnp, MNPVersionId=v2)) == (
        "FailedOperation.RecordNotFound"
    )
    modify = sdk.p(MNPType=world.MNP_TYPE, MNPName="n", MNPIntro="i", MNPDesc="d", MNPId=w.mnp)
    assert sdk.data("ModifyMNP", modify) == {"ResourceId": 1}
    sdk.call("ConfigureMNPPreview", sdk.p(MNPId=w.mnp, ActionType=2, MNPVersionId=v1))
    stages = sdk.data("DescribeMNPAllStageVersions", sdk.p(MNPId=w.mnp))
    assert {r["ShowCase"] for r in stages} == {0}


def test_release_history_puts_the_latest_release_or_rollback_first(tmp_path: object) -> None:
    for state in (None, f"{tmp_path}/h.db"):
        with Emulator(rate_limit=None, state_file=state) as emu:
            sdk = Sdk(emu, "tcmpp")
            w = world.World(sdk)
            first = w.approved_version("1.0.1")
            sdk.call("ReleaseMNPVersion", sdk.p(MNPVersionId=first))
            second = w.approved_version("1.0.2")
            sdk.call("ReleaseMNPVersion", sdk.p(MNPVersionId=second))
            back = sdk.p(MNPId=w.mnp, MNPVersionId=first, MNPVersion="1.0.1")
            sdk.call("RollbackMNPVersion", back)
            history = sdk.data("DescribeMNPReleasedVersionHistory", sdk.p(MNPId=w.mnp))
            assert [r["MNPVersion"] for r in history["DataList"]] == ["1.0.1", "1.0.2"]
