"""Readings: each ambiguity served both ways, and the profiles, settable four ways.

Every test drives the emulator with the vendor SDK under one reading and then the other, so
the pair shows what the option changes (and that the default follows the documents' examples
where they speak).
"""

from __future__ import annotations

import contextlib
import time

import httpx
import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)

from pulumi_tcmpp.cli.main import build_parser
from pulumi_tcmpp.emulator import DOC_LITERAL, PROFILES, Emulator, Readings
from pulumi_tcmpp.emulator.pytest_plugin import readings_for
from tests.emulator import world
from tests.emulator.sdk import Sdk

# ---- setting them ----------------------------------------------------------------------


def test_the_default_follows_the_documents_examples_and_doc_literal_the_texts() -> None:
    assert Readings().approval_pending_status == 0  # the example data and both SDKs
    assert PROFILES["default"] == Readings()
    assert PROFILES[DOC_LITERAL].changes() == {
        "max_page_size": 10,
        "visibility_lag": 0.2,
        "empty_remark": "refuse",
        "delete_mnp": "refuse_online",
        "permission_list_scope": "bound",
        "page_listed_codes": True,
        "account_type_4": True,
        "package_name_required": True,
    }


def test_readings_refuse_unknown_names_and_values() -> None:
    with pytest.raises(ValueError, match="unknown reading"):
        Readings.from_dict({"max_pages": 3})
    with pytest.raises(ValueError, match="empty_remark must be one of accept, refuse"):
        Readings(empty_remark="maybe")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="approval_pending_status must be 0 or 1"):
        Readings(approval_pending_status=2)
    with pytest.raises(ValueError, match="max_page_size must be at least 1"):
        Readings(max_page_size=0)
    with pytest.raises(ValueError, match="unknown profile"):
        Emulator(profile="strict")


def test_from_python_with_a_profile_changes_on_top_and_reset() -> None:
    with Emulator(profile=DOC_LITERAL, readings={"max_page_size": 3}) as emu:
        assert emu.readings == PROFILES[DOC_LITERAL].replace(max_page_size=3)
        emu.set_readings(empty_remark="accept")
        assert emu.readings.empty_remark == "accept" and emu.readings.max_page_size == 3
        emu.set_readings("default", approval_pending_status=1)
        assert emu.readings == Readings(approval_pending_status=1)
        emu.reset()  # back to the readings it started with
        assert emu.readings == PROFILES[DOC_LITERAL].replace(max_page_size=3)


def test_from_the_command_line() -> None:
    argv = ["emulator", "--profile", "doc-literal", "--reading", "max_page_size=5"]
    args = build_parser().parse_args([*argv, "--reading", "visibility_lag=0"])
    assert args.profile == "doc-literal"
    assert Readings.parse(args.readings, PROFILES[args.profile]) == PROFILES[DOC_LITERAL].replace(
        max_page_size=5, visibility_lag=0.0
    )
    with pytest.raises(ValueError, match="not name=value"):
        Readings.parse(["max_page_size"])
    assert Readings.parse(["max_page_size=none", "page_listed_codes=yes"]).changes() == {
        "page_listed_codes": True
    }


def test_from_the_admin_endpoint(emu: Emulator) -> None:
    url = f"{emu.endpoint}/_emulator/readings"
    assert httpx.get(url).json()["changes"] == {}
    put = httpx.put(url, json={"profile": "doc-literal", "max_page_size": 4}).json()
    assert put["changes"]["max_page_size"] == 4 and put["changes"]["empty_remark"] == "refuse"
    post = httpx.post(url, json={"empty_remark": "accept"}).json()
    assert post["changes"]["max_page_size"] == 4 and "empty_remark" not in post["changes"]
    assert emu.readings.max_page_size == 4
    assert httpx.get(f"{emu.endpoint}/_emulator/info").json()["readings"]["max_page_size"] == 4
    bad = httpx.put(url, json={"delete_mnp": "never"})
    assert bad.status_code == 400 and "delete_mnp must be one of" in bad.json()["error"]
    httpx.post(f"{emu.endpoint}/_emulator/reset")
    assert httpx.get(url).json()["changes"] == {}


@pytest.mark.tcmpp_readings("doc-literal", max_page_size=2)
def test_from_the_pytest_plugin_marker(emu: Emulator, request: pytest.FixtureRequest) -> None:
    assert emu.readings == PROFILES[DOC_LITERAL].replace(max_page_size=2)
    assert readings_for(request, None) == ("doc-literal", {"max_page_size": 2})


# ---- approval status -------------------------------------------------------------------


@pytest.mark.parametrize("pending", [0, 1])
def test_an_undecided_approval_reads_as_the_reading_says(emu: Emulator, pending: int) -> None:
    emu.set_readings(approval_pending_status=pending)
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    _, version_id = world.version(sdk, w.mnp, "1.0.0")
    sdk.call("CreateMNPApproval", sdk.p(MNPVersionId=version_id, ApplyAction="submit"))
    rows = sdk.data("DescribeMNPAllStageVersions", sdk.p(MNPId=w.mnp))
    platform = next(r for r in rows if r["Phase"] == "Platform")
    assert (platform["ApprovalStatus"], platform["VersionCurrentStatus"]) == (pending, pending)
    listed = sdk.data("DescribeMNPApprovalList", sdk.p(Offset=0, Limit=10))
    assert [r["ApprovalStatus"] for r in listed["DataList"]] == [pending]
    filtered = sdk.data(
        "DescribeMNPApprovalList", sdk.p(Offset=0, Limit=10, ApprovalStatusList=[pending])
    )
    other = sdk.data(
        "DescribeMNPApprovalList", sdk.p(Offset=0, Limit=10, ApprovalStatusList=[1 - pending])
    )
    assert (filtered["TotalCount"], other["TotalCount"]) == (1, 0)
    items = [{"AppId": w.app, "ApprovalResult": 3}]
    sdk.call("ProcessMNPApproval", sdk.p(ApprovalNo=w.approval_no(version_id), ApprovalItems=items))
    listed = sdk.data("DescribeMNPApprovalList", sdk.p(Offset=0, Limit=10))
    assert [r["ApprovalStatus"] for r in listed["DataList"]] == [3]


# ---- page size -------------------------------------------------------------------------


def test_a_page_holds_at_most_max_page_size_rows_with_the_true_total(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcsas")
    for index in range(7):
        world.user(sdk, f"user{index}")
    whole = sdk.data("DescribeUserList", sdk.p(Offset=0, Limit=100))
    assert whole["TotalCount"] == len(whole["DataList"]) == 8  # and the super administrator
    emu.set_readings(max_page_size=3)
    pages = [sdk.data("DescribeUserList", sdk.p(Offset=o, Limit=100)) for o in (0, 3, 6)]
    assert [len(p["DataList"]) for p in pages] == [3, 3, 2]
    assert {p["TotalCount"] for p in pages} == {8}
    assert [r["UserId"] for p in pages for r in p["DataList"]] == [
        r["UserId"] for r in whole["DataList"]
    ]
    small = sdk.data("DescribeUserList", sdk.p(Offset=0, Limit=2))
    assert len(small["DataList"]) == 2  # a smaller Limit is served as asked


# ---- visibility lag --------------------------------------------------------------------


def test_reads_trail_writes_by_the_lag_and_writes_see_everything(emu: Emulator) -> None:
    emu.set_readings(visibility_lag=0.4)
    sdk = Sdk(emu, "tcmpp")
    admin = world.user(sdk, "admin-lag")
    started = time.monotonic()
    sdk.call("CreateTeam", sdk.p(TeamName="Lagging", AdminUserId=admin, TeamRoleTypeList=[2]))
    listed = sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=10))
    assert listed["TotalCount"] == 0 or time.monotonic() - started >= 0.4
    again = sdk.p(TeamName="Lagging", AdminUserId=admin, TeamRoleTypeList=[2])
    assert sdk.code("CreateTeam", again) == "InvalidParameterValue.ExistTeamName"  # writes see it
    emu.wait_until_visible()
    [row] = sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=10))["DataList"]
    assert row["TeamName"] == "Lagging"

    sdk.call("ModifyTeam", sdk.p(TeamId=row["TeamId"], TeamName="Renamed"))
    sdk.call("DeleteUser", sdk.p(UserId=world.user(sdk, "short-lived")))
    described = sdk.data("DescribeTeam", sdk.p(TeamId=row["TeamId"]))
    assert described["TeamName"] in ("Lagging", "Renamed")  # "Renamed" only if the lag passed
    emu.wait_until_visible()
    assert sdk.data("DescribeTeam", sdk.p(TeamId=row["TeamId"]))["TeamName"] == "Renamed"
    accounts = [
        r["UserAccount"]
        for r in sdk.data("DescribeUserList", sdk.p(Offset=0, Limit=20))["DataList"]
    ]
    assert "short-lived" not in accounts and "admin-lag" in accounts


def test_a_deleted_object_still_reads_during_the_lag(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    admin = world.user(sdk, "admin-gone")
    team_id = world.team(sdk, "Doomed", admin, 2)
    emu.set_readings(visibility_lag=30.0)  # far longer than the test
    sdk.call("DeleteTeam", sdk.p(TeamId=team_id))
    assert sdk.data("DescribeTeam", sdk.p(TeamId=team_id))["TeamName"] == "Doomed"
    assert sdk.code("ModifyTeam", sdk.p(TeamId=team_id, TeamName="x")) == (
        "InvalidParameterValue.InvalidTeamId"
    )
    assert emu.state()["summary"][emu.platform_id].get("team", 0) == 0  # the truth


def test_a_build_progresses_once_behind_the_lag(emu: Emulator) -> None:
    """Polls count on the latest state; their answers trail it (and never settle twice)."""
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    emu.set_readings(visibility_lag=0.3)
    task = sdk.data(
        "CreateMNPVersion",
        sdk.p(MNPId=w.mnp, MNPVersion="1.0.0", FileUrl=world.PACKAGE, MNPVersionIntro="x"),
    )["TaskId"]
    assert sdk.code("DescribeMNPVersion", sdk.p(BusinessId=task)) == (
        "InvalidParameterValue.InvalidMNPVersionTaskId"
    )
    deadline = time.monotonic() + 10
    seen = []
    while time.monotonic() < deadline and 60 not in seen:
        with contextlib.suppress(TencentCloudSDKException):  # not visible yet
            seen.append(sdk.data("DescribeMNPVersion", sdk.p(BusinessId=task))["TaskStatus"])
        time.sleep(0.05)
    assert seen[-1] == 60
    emu.wait_until_visible()
    versions = [r for r in sdk.data("DescribeMNPAllStageVersions", sdk.p(MNPId=w.mnp))]
    assert [r["MNPVersion"] for r in versions] == ["1.0.0"]  # settled once


# ---- remark, modify, delete ------------------------------------------------------------


def test_an_empty_remark_is_accepted_or_refused(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    modify = sdk.p(ApplicationId=w.app, ApplicationName="autotest_app", Intro="x", Logo="l")
    sdk.call("ModifyApplication", {**modify, "Remark": ""})
    assert sdk.data("DescribeApplication", sdk.p(ApplicationId=w.app))["Remark"] == ""
    emu.set_readings(empty_remark="refuse")
    error = sdk.error("ModifyApplication", {**modify, "Remark": " "})
    assert error.get_code() == "InvalidParameterValue.InvalidApplicationRemark"
    assert "must not be empty" in error.get_message()
    sdk.call("ModifyApplication", {**modify, "Remark": "kept"})
    sdk.call("ModifyApplication", modify)  # left out: kept
    assert sdk.data("DescribeApplication", sdk.p(ApplicationId=w.app))["Remark"] == "kept"


def test_omitted_optional_fields_are_kept_or_cleared(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    modify = sdk.p(ApplicationId=w.app, ApplicationName="autotest_app", Intro="x", Logo="l")
    sdk.call("ModifyApplication", modify)
    detail = sdk.data("DescribeApplication", sdk.p(ApplicationId=w.app))
    assert (detail["Remark"], detail["AndroidAppKey"]) == ("testtest", "com.test")
    emu.set_readings(modify_omitted="clear")
    sdk.call("ModifyApplication", modify)
    detail = sdk.data("DescribeApplication", sdk.p(ApplicationId=w.app))
    assert (detail["Remark"], detail["AndroidAppKey"], detail["IosAppKey"]) == ("", "", "")


def test_delete_of_an_online_mini_program_cascades_or_is_refused(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    version_id = w.approved_version("1.0.0")
    sdk.call("ReleaseMNPVersion", sdk.p(MNPVersionId=version_id))
    emu.set_readings(delete_mnp="refuse_online")
    error = sdk.error("DeleteMNP", sdk.p(MNPId=w.mnp))
    assert error.get_code() == "FailedOperation" and "RemoveMNP" in error.get_message()
    sdk.call("RemoveMNP", sdk.p(MNPId=w.mnp))
    sdk.call("DeleteMNP", sdk.p(MNPId=w.mnp))  # off the shelf: deleted, bindings with it
    sdk.call("DeleteApplication", sdk.p(ApplicationId=w.app))
    emu.set_readings(delete_mnp="cascade")
    mnp = world.mini_program(sdk, "another", w.mini_team)
    sdk.call("DeleteMNP", sdk.p(MNPId=mnp))


# ---- lists, codes, ids -----------------------------------------------------------------


def test_the_permission_list_covers_the_platform_or_the_bound_applications(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    world.sensitive_api(sdk, w.app, "getPhoneNumber")
    listed = sdk.data(
        "DescribeMNPSensitiveAPIPermissionList", sdk.p(MNPId=w.mnp, Offset=0, Limit=10)
    )
    assert listed["TotalCount"] == 1
    emu.set_readings(permission_list_scope="bound")
    unbound = sdk.data(
        "DescribeMNPSensitiveAPIPermissionList", sdk.p(MNPId=w.mnp, Offset=0, Limit=10)
    )
    assert unbound["TotalCount"] == 0  # the mini program is not bound to the application yet
    w.approved_version("1.0.0")  # approving binds it
    bound = sdk.data(
        "DescribeMNPSensitiveAPIPermissionList", sdk.p(MNPId=w.mnp, Offset=0, Limit=10)
    )
    assert [r["APIName"] for r in bound["DataList"]] == ["getPhoneNumber"]


def test_page_listed_codes_answer_what_the_page_lists(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    missing = sdk.p(TeamId="1234567890")
    assert sdk.code("DescribeTeam", missing) == "InvalidParameterValue.InvalidTeamId"
    emu.set_readings(page_listed_codes=True)
    assert sdk.code("DescribeTeam", missing) == "FailedOperation"  # its page lists no TeamId code
    assert sdk.code("DeleteTeam", missing) == "InvalidParameterValue.InvalidTeamId"  # listed
    tcsas = Sdk(emu, "tcsas")  # the pages document tcmpp 2024-08-01 only
    assert tcsas.code("DescribeTeam", tcsas.p(TeamId="1234567890")) == (
        "InvalidParameterValue.InvalidTeamId"
    )


def test_account_type_4_exists_on_the_doc_literal_reading(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    assert sdk.code("DescribeUserList", sdk.p(Offset=0, Limit=10, AccountType=4)) == (
        "InvalidParameterValue.InvalidAccountType"
    )
    emu.set_readings(account_type_4=True)
    rows = sdk.data("DescribeUserList", sdk.p(Offset=0, Limit=10, AccountType=4))["DataList"]
    assert [(r["UserAccount"], r["AccountType"]) for r in rows] == [("jadentest009", 4)]


def test_team_ids_may_start_with_zero(emu: Emulator) -> None:
    emu.set_readings(team_id_leading_zero=True)
    sdk = Sdk(emu, "tcmpp")
    admin = world.user(sdk, "zeros")
    ids = [world.team(sdk, f"team {i}", admin, 2) for i in range(3)]
    assert all(len(i) == 10 and i.isdigit() and i.startswith("0") for i in ids)
    emu.set_readings(team_id_leading_zero=False)
    assert not world.team(sdk, "plain", admin, 2).startswith("0")


def test_repeated_enable_is_accepted_or_refused(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    w = world.World(sdk)
    api = sdk.p(APIId=world.sensitive_api(sdk, w.app, "scanCode", api_type=1))
    sdk.call("EnableApplicationSensitiveAPI", api)  # public already: no change
    emu.set_readings(repeat_toggle="refuse")
    assert sdk.code("EnableApplicationSensitiveAPI", api) == "FailedOperation"
    sdk.call("DisableApplicationSensitiveAPI", api)


def test_preset_keys_any_platform_or_their_own_once_or_often() -> None:
    with Emulator(platform_ids=["T1", "T2"], rate_limit=None) as emu:
        one = Sdk(emu, "tcmpp")
        two = Sdk(emu, "tcmpp")
        two.platform_id = "T2"

        def create(sdk: Sdk, account: str, key: tuple[str, str]) -> str:
            params = sdk.p(UserAccount=account, UserName=account, AccountType=3)
            params.update(KeyId=key[0], Password=key[1])
            try:
                sdk.call("CreateUser", params)
            except TencentCloudSDKException as exc:
                return str(exc.get_code())
            return "ok"

        key = world.encrypt(one, "Passw0rd!")
        assert (create(one, "a", key), create(two, "b", key)) == ("ok", "ok")
        emu.set_readings(preset_key_scope="platform", preset_key_single_use=True)
        key = world.encrypt(one, "Passw0rd!")
        assert create(two, "c", key) == "InvalidParameterValue"
        assert (create(one, "d", key), create(one, "e", key)) == ("ok", "InvalidParameterValue")


def test_global_conflicts_as_a_result_or_an_error(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp")
    sdk.call("CreateGlobalDomainACL", sdk.p(DomainUrlList=["a.example.com"], DomainType=1))
    block = sdk.p(DomainUrlList=["a.example.com"], DomainType=2)
    result = sdk.data("CreateGlobalDomainACL", block)
    assert (result["Result"], result["ExistsWhiteUrls"]) == (False, ["a.example.com"])
    emu.set_readings(global_domain_conflicts="error")
    assert sdk.code("CreateGlobalDomainACL", block) == "FailedOperation.ExistWhiteDomain"
    sdk.call("CreateGlobalDomainACL", sdk.p(DomainUrlList=["b.example.com"], DomainType=2))
    allow = sdk.p(DomainUrlList=["b.example.com"], DomainType=1)
    assert sdk.code("CreateGlobalDomainACL", allow) == "FailedOperation.ExistBlackDomain"
    tcsas = Sdk(emu, "tcsas")  # its SDK has neither code
    allow_again = tcsas.p(DomainUrlList=["b.example.com"], DomainType=1)
    assert tcsas.code("CreateGlobalDomainACL", allow_again) == "FailedOperation"
