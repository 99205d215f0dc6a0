"""Every error code the documents name is answered under its condition, or listed as never.

The codes come from both SDKs' errorcodes.py and the codes each doc page lists. The codes the
emulator's rules answer in the ordinary flows are exercised by the rule tests; this module
holds one test per code that needs a reading, a quota, a non-admin key or a tcsas-only rule,
and checks that each remaining code is in ``docs/emulator.md``'s "never answered" table.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)

from pulumi_tcmpp.api.errors import DOCUMENTED_CODES
from pulumi_tcmpp.emulator import Credential, Emulator
from tests.emulator import world
from tests.emulator.sdk import Sdk

ROOT = Path(__file__).resolve().parents[2]
EMULATOR = ROOT / "provider" / "pulumi_tcmpp" / "emulator"
DOC = ROOT / "docs" / "emulator.md"

Call = tuple[str, dict[str, Any]]


def _sdk_codes(module: str) -> set[str]:
    codes = importlib.import_module(module)
    return {v for k, v in vars(codes).items() if k.isupper() and isinstance(v, str)}


def every_code() -> set[str]:
    """Both SDKs' lists and every code a doc page lists (in the SDK's spelling)."""
    return (
        _sdk_codes("tencentcloud.tcmpp.v20240801.errorcodes")
        | _sdk_codes("tencentcloud.tcsas.v20250106.errorcodes")
        | {code for codes in DOCUMENTED_CODES.values() for code in codes}
    )


def never_answered() -> dict[str, str]:
    """Code -> reason, from the docs' "never answered" table."""
    text = DOC.read_text()
    section = text.split("### Codes never answered", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([A-Za-z.]+)` \| (.+?) \|$", section, flags=re.M)
    return dict(rows)


def test_every_code_is_answerable_or_listed_as_never_answered_with_a_reason() -> None:
    source = "".join(p.read_text() for p in EMULATOR.rglob("*.py"))
    answerable = {code for code in every_code() if f'"{code}"' in source}
    never = never_answered()
    assert sorted(every_code() - answerable - set(never)) == []
    assert sorted(set(never) & answerable) == []  # never answered means never answered
    assert all(len(reason) > 20 for reason in never.values()), never
    assert sorted(set(never) - every_code()) == []


# ---- the codes a reading, a quota, a key or a tcsas rule brings --------------------------


@dataclass(frozen=True)
class Case:
    code: str
    backend: str
    readings: dict[str, Any]
    call: Callable[[Sdk, Emulator], Call]


def _team(sdk: Sdk, emu: Emulator) -> Call:
    return "CreateTeam", sdk.p(TeamName="t", AdminUserId="U000", TeamRoleTypeList=[2])


def _app_without_package(sdk: Sdk, emu: Emulator) -> Call:
    admin = world.user(sdk, "a")
    team = world.team(sdk, "apps", admin, 2)
    return "CreateApplication", sdk.p(
        ApplicationName="bare", Logo=world.LOGO, TeamId=team, ApplicationType=1, Intro="i"
    )


def _config_without_package(sdk: Sdk, emu: Emulator) -> Call:
    admin = world.user(sdk, "a")
    team = world.team(sdk, "apps", admin, 2)
    app = sdk.data(
        "CreateApplication",
        sdk.p(
            ApplicationName="ios",
            Logo="l",
            TeamId=team,
            ApplicationType=1,
            Intro="i",
            IosAppKey="com.example.ios",
        ),
    )["ResourceId"]
    return "DescribeApplicationConfigFile", sdk.p(ApplicationId=app, AppType=2)  # Android


def _icon(sdk: Sdk, emu: Emulator) -> Call:
    w = world.World(sdk)
    return "ModifyMNP", sdk.p(
        MNPId=w.mnp,
        MNPType=world.MNP_TYPE,
        MNPName="autotest_miniapp",
        MNPIntro="x",
        MNPDesc="x",
        MNPIcon="ftp://files.example.com/icon.png",
    )


def _cancel_unsubmitted(sdk: Sdk, emu: Emulator) -> Call:
    w = world.World(sdk)
    _, version_id = world.version(sdk, w.mnp, "1.0.0")
    return "CreateMNPApproval", sdk.p(MNPVersionId=version_id, ApplyAction="cancel")


def _version_missing_parameter(sdk: Sdk, emu: Emulator) -> Call:
    w = world.World(sdk)
    return "CreateMNPVersion", sdk.p(MNPId=w.mnp, MNPVersion="1.0.0", FileUrl=world.PACKAGE)


def _domain(url: str, kind: int) -> Callable[[Sdk, Emulator], Call]:
    def call(sdk: Sdk, emu: Emulator) -> Call:
        sdk.call("CreateGlobalDomainACL", sdk.p(DomainUrlList=[url], DomainType=kind))
        return "CreateGlobalDomainACL", sdk.p(DomainUrlList=[url], DomainType=3 - kind)

    return call


def _second_app(first_type: int = 1, **extra: Any) -> Callable[[Sdk, Emulator], Call]:
    """A second application (AndroidAppKey com.other) after a first one (com.test)."""

    def call(sdk: Sdk, emu: Emulator) -> Call:
        admin = world.user(sdk, "a")
        team = world.team(sdk, "apps", admin, 2)
        params = {"Logo": "l", "TeamId": team, "Intro": "i", "ApplicationType": first_type}
        sdk.call(
            "CreateApplication", sdk.p(ApplicationName="first", AndroidAppKey="com.test", **params)
        )
        params.update(ApplicationType=1, AndroidAppKey="com.other")
        return "CreateApplication", sdk.p(ApplicationName="second", **{**params, **extra})

    return call


def _approval_of_another_app(sdk: Sdk, emu: Emulator) -> Call:
    w = world.World(sdk)
    other_team = world.team(sdk, "other apps", w.admin, 2)
    other = world.application(sdk, "other", other_team)
    _, version_id = world.version(sdk, w.mnp, "1.0.0")
    sdk.call("CreateMNPApproval", sdk.p(MNPVersionId=version_id, ApplyAction="submit"))
    items = [{"AppId": other, "ApprovalResult": 3}]
    return "ProcessMNPApproval", sdk.p(ApprovalNo=w.approval_no(version_id), ApprovalItems=items)


def _age(sdk: Sdk, emu: Emulator) -> Call:
    admin = world.user(sdk, "a")
    team = world.team(sdk, "minis", admin, 1)
    return "CreateMNP", sdk.p(
        TeamId=team,
        MNPName="adults",
        MNPType=world.MNP_TYPE,
        MNPIntro="x",
        MNPDesc="x",
        MNPIcon=world.ICON,
        AgeRatings=[{"StandardId": "apple", "AgeRating": 18}],
    )


def _permission_decision(sdk: Sdk, emu: Emulator) -> Call:
    w = world.World(sdk)
    api_id = world.sensitive_api(sdk, w.app, "getPhoneNumber")
    sdk.call(
        "CreateMNPSensitiveAPIPermissionApproval",
        sdk.p(MNPId=w.mnp, APIId=api_id, ApplyReason="needed"),
    )
    listed = sdk.data(
        "DescribeMNPSensitiveAPIPermissionList", sdk.p(MNPId=w.mnp, Offset=0, Limit=10)
    )
    approval_no = listed["DataList"][0]["ApprovalNo"]
    return "ProcessMNPSensitiveAPIPermissionApproval", sdk.p(
        ApprovalNo=approval_no, ApprovalStatus=5
    )


def _quota_app(sdk: Sdk, emu: Emulator) -> Call:
    return _second_app()(sdk, emu)


def _quota_mnp(sdk: Sdk, emu: Emulator) -> Call:
    admin = world.user(sdk, "a")
    team = world.team(sdk, "minis", admin, 1)
    world.mini_program(sdk, "first", team)
    params = sdk.p(TeamId=team, MNPName="second", MNPType=world.MNP_TYPE, MNPIntro="x")
    params.update(MNPDesc="x", MNPIcon=world.ICON)
    return "CreateMNP", params


def _quota_release(sdk: Sdk, emu: Emulator) -> Call:
    w = world.World(sdk)
    sdk.call("ReleaseMNPVersion", sdk.p(MNPVersionId=w.approved_version("1.0.0")))
    other = world.mini_program(sdk, "second", w.mini_team)
    _, version_id = world.version(sdk, other, "1.0.0")
    sdk.call("CreateMNPApproval", sdk.p(MNPVersionId=version_id, ApplyAction="submit"))
    rows = sdk.data("DescribeMNPAllStageVersions", sdk.p(MNPId=other))
    approval_no = next(r["ApprovalNo"] for r in rows if r["ApprovalNo"])
    items = [{"AppId": w.app, "ApprovalResult": 3}]
    sdk.call("ProcessMNPApproval", sdk.p(ApprovalNo=approval_no, ApprovalItems=items))
    return "ReleaseMNPVersion", sdk.p(MNPVersionId=version_id)


CASES = [
    Case("FailedOperation.GetOperateResourceFailed", "tcmpp", {"page_listed_codes": True}, _team),
    Case(
        "InvalidParameterValue.AppPackageNameNotConfig",
        "tcmpp",
        {"package_name_required": True},
        _app_without_package,
    ),
    Case("InvalidParameterValue.AppPackageNameNotConfig", "tcmpp", {}, _config_without_package),
    Case("FailedOperation.MiniProgramIconAnalysisFailed", "tcmpp", {}, _icon),
    Case("InvalidParameterValue.MNPVersionIsNotPlatformPhase", "tcmpp", {}, _cancel_unsubmitted),
    Case(
        "InvalidParameterValue.ExistMismatchParameterType",
        "tcmpp",
        {"page_listed_codes": True},
        _version_missing_parameter,
    ),
    Case(
        "FailedOperation.ExistWhiteDomain",
        "tcmpp",
        {"global_domain_conflicts": "error"},
        _domain("a.example.com", 1),
    ),
    Case(
        "FailedOperation.ExistBlackDomain",
        "tcmpp",
        {"global_domain_conflicts": "error"},
        _domain("b.example.com", 2),
    ),
    Case(
        "InvalidParameter.InvalidExistSameAppKey",
        "tcsas",
        {"package_name_unique": True},
        _second_app(AndroidAppKey="com.test"),
    ),
    Case(
        "InvalidParameterValue.AppKeyLengthExceedLimit",
        "tcsas",
        {"package_name_max_length": 20},
        _second_app(AndroidAppKey="com.example." + "x" * 20),
    ),
    Case(
        "InvalidParameterValue.AppURLLengthExceedLimit",
        "tcsas",
        {"app_url_max_length": 16},
        _second_app(Scheme="superapp-" + "x" * 20),
    ),
    Case("InvalidParameterValue.InvalidAppType", "tcsas", {}, _second_app(ApplicationType=3)),
    Case("FailedOperation.ApprovalNotBelongToApplication", "tcsas", {}, _approval_of_another_app),
    Case(
        "FailedOperation.UserNotFound",
        "tcsas",
        {"user_not_found": "UserNotFound"},
        lambda sdk, emu: ("DescribeUser", sdk.p(UserId="U20240101000000NOBODY")),
    ),
    Case("InvalidParameterValue.AgeRatingExceedSupperAppLimit", "tcsas", {}, _age),
    Case("InvalidParameterValue.InvalidApprovalType", "tcsas", {}, _permission_decision),
    Case(
        "FailedOperation.TestApplicationConfigExceedLimit",
        "tcsas",
        {"max_application_configs": 1},
        _second_app(),
    ),
    Case(
        "FailedOperation.ProdApplicationConfigExceedLimit",
        "tcsas",
        {"max_application_configs": 1},
        _second_app(first_type=2, ApplicationType=2),
    ),
    Case(
        "FailedOperation.ApplicationNumberExceedLimit", "tcmpp", {"max_applications": 1}, _quota_app
    ),
    Case("FailedOperation.MNPNumberExceedLimit", "tcmpp", {"max_mini_programs": 1}, _quota_mnp),
    Case(
        "FailedOperation.MNPReleaseNumberExceedLimit",
        "tcmpp",
        {"max_released_mini_programs": 1},
        _quota_release,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{c.call.__name__}" for c in CASES])
def test_the_code_is_answered_under_its_condition(emu: Emulator, case: Case) -> None:
    sdk = Sdk(emu, case.backend)
    action, params = case.call(sdk, emu)
    emu.set_readings(**case.readings)
    assert sdk.code(action, params) == case.code
    if case.readings:  # the default reading does not answer it
        emu.set_readings("default")
        assert _code_or_ok(sdk, action, params) != case.code


def _code_or_ok(sdk: Sdk, action: str, params: dict[str, Any]) -> str:
    try:
        sdk.call(action, params)
    except TencentCloudSDKException as exc:
        return str(exc.get_code())
    return "ok"


def test_a_key_without_platform_admin_rights_may_not_decide_or_switch() -> None:
    member = Credential("AKIDmember0000000000000000000000000", "member-key", platform_admin=False)
    with Emulator(
        credentials=[Credential("AKIDadmin", "admin-key"), member], rate_limit=None
    ) as emu:
        admin = Sdk(emu, "tcmpp")
        w = world.World(admin)
        _, version_id = world.version(admin, w.mnp, "1.0.0")
        admin.call("CreateMNPApproval", admin.p(MNPVersionId=version_id, ApplyAction="submit"))
        limited = Sdk(emu, "tcmpp", secret_id=member.secret_id, secret_key=member.secret_key)
        items = [{"AppId": w.app, "ApprovalResult": 3}]
        decide = limited.p(ApprovalNo=w.approval_no(version_id), ApprovalItems=items)
        assert limited.code("ProcessMNPApproval", decide) == "FailedOperation.NoAccessPermission"
        api = limited.p(APIId=world.sensitive_api(admin, w.app, "scanCode", api_type=1))
        for action in ("DisableApplicationSensitiveAPI", "DeleteApplicationSensitiveAPI"):
            assert limited.code(action, api) == "FailedOperation.NoAccessPermission"
        admin.call("ProcessMNPApproval", decide)  # the administrator's key may
