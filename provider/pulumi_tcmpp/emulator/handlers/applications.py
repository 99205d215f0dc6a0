"""Applications (superapps): their details, lists, configuration files and upload keys.

An application belongs to an application team (team type 2). It cannot be deleted while a
mini program is bound to it or an approval that involves it is in progress.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from pulumi_tcmpp.api import applications as api
from pulumi_tcmpp.api.types import (
    ApplicationDetail,
    ApplicationInfo,
    ApplicationMNPRelInfoResp,
    ApplicationPageInfo,
    BooleanInfo,
    DownloadApplicationConfigResp,
    ResourceIdStringInfo,
    UploadFileTempSecret,
)
from pulumi_tcmpp.emulator import _ids as ids
from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._store import Record
from pulumi_tcmpp.emulator.handlers._common import (
    Handler,
    app_or_fail,
    blank,
    check_text,
    keyword,
    matches,
    newest_first,
    page,
    team_or_fail,
)
from pulumi_tcmpp.emulator.handlers._relations import (
    bindings,
    effect_status,
    ongoing_approvals,
    online_version,
    team_name,
)

__all__ = ["HANDLERS"]

OK = BooleanInfo(result=True)
_PACKAGE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$")


def _check_package(ctx: Ctx, value: str | None, what: str, app_id: str | None = None) -> str | None:
    """A package name (AndroidAppKey) or bundle id (IosAppKey): its layout, and the length and
    uniqueness the readings ask for."""
    if not value:
        return value
    limit = ctx.readings.package_name_max_length
    if limit is not None and len(value) > limit:
        fail(
            ctx.code(
                "InvalidParameterValue.InvalidAppPackageNameLayout",
                "InvalidParameterValue.AppKeyLengthExceedLimit",
            ),
            f"{what} is {len(value)} characters long; at most {limit} are allowed.",
        )
    if not _PACKAGE.match(value):
        fail(
            "InvalidParameterValue.InvalidAppPackageNameLayout",
            f"{what} `{value}` is not a package name like com.example.app.",
        )
    if ctx.readings.package_name_unique and any(
        value in (a["android_app_key"], a["ios_app_key"]) and a["application_id"] != app_id
        for a in ctx.scan("application")
    ):
        fail(
            ctx.code("FailedOperation", "InvalidParameter.InvalidExistSameAppKey"),
            f"{what} `{value}` is used by another application already.",
        )
    return value


def _check_url(ctx: Ctx, value: str | None, what: str, code: str) -> str | None:
    limit = ctx.readings.app_url_max_length
    if value and limit is not None and len(value) > limit:
        fail(code, f"{what} is {len(value)} characters long; at most {limit} are allowed.")
    return value


def _check_type(ctx: Ctx, value: int | None, default: int, what: str) -> int:
    """ApplicationType / tcsas AppType: 1 (test) or 2 (production)."""
    chosen = default if value is None else value
    if chosen not in (1, 2):
        fail(
            ctx.code("InvalidParameterValue", "InvalidParameterValue.InvalidAppType"),
            f"{what} must be 1 (test) or 2 (formal).",
        )
    return chosen


_CONFIG_LIMITS = {
    1: ("FailedOperation.TestApplicationConfigExceedLimit", "test"),
    2: ("FailedOperation.ProdApplicationConfigExceedLimit", "production"),
}


def _check_quotas(ctx: Ctx, application_type: int, has_package: bool) -> None:
    """The plan's quotas, when the readings set them."""
    apps = ctx.scan("application")
    most = ctx.readings.max_applications
    if most is not None and len(apps) >= most:
        fail(
            "FailedOperation.ApplicationNumberExceedLimit",
            f"The platform's plan allows {most} applications.",
        )
    configs = ctx.readings.max_application_configs
    if configs is None or ctx.backend != "tcsas" or not has_package:
        return
    same = [
        a
        for a in apps
        if a["application_type"] == application_type and (a["android_app_key"] or a["ios_app_key"])
    ]
    if len(same) >= configs:
        code, kind = _CONFIG_LIMITS[application_type]
        fail(code, f"The plan allows {configs} {kind} applications with package names.")


def _check_name(ctx: Ctx, name: str, app_id: str | None = None) -> str:
    check_text(name, "InvalidParameterValue.InvalidApplicationName", 64, "ApplicationName")
    if any(
        a["application_name"] == name and a["application_id"] != app_id
        for a in ctx.scan("application")
    ):
        fail(
            "FailedOperation.ApplicationNameAlreadyExisted",
            f"The application name `{name}` already exists.",
        )
    return name


def _check_details(ctx: Ctx, intro: str, remark: str | None) -> None:
    check_text(intro, "InvalidParameterValue.InvalidApplicationIntro", 500, "Intro")
    if remark is None:
        return
    if len(remark) > 1000:
        fail("InvalidParameterValue.InvalidApplicationRemark")
    if not remark.strip() and ctx.readings.empty_remark == "refuse":
        fail(
            "InvalidParameterValue.InvalidApplicationRemark",
            "The application remark is empty or exceeds 1,000 characters: Remark must not be "
            "empty (leave it out to keep the current remark).",
        )


def create_application(ctx: Ctx, req: api.CreateApplication) -> ResourceIdStringInfo:
    team = team_or_fail(ctx, req.team_id)
    if team["team_type"] != 2:
        fail(
            ctx.code("FailedOperation.OperationsTeamNoApplicationPermission", "FailedOperation"),
            "Only an application team can own applications.",
        )
    name = _check_name(ctx, req.application_name)
    _check_details(ctx, req.intro, req.remark)
    check_text(req.logo, "InvalidParameterValue", 1024, "Logo")
    application_type = _check_type(ctx, req.application_type, 1, "ApplicationType")
    android = _check_package(ctx, req.android_app_key, "AndroidAppKey") or ""
    ios = _check_package(ctx, req.ios_app_key, "IosAppKey") or ""
    if ctx.readings.package_name_required and not (android or ios):
        fail(
            "InvalidParameterValue.AppPackageNameNotConfig",
            "The application package name is not specified: give AndroidAppKey or IosAppKey.",
        )
    scheme = _check_url(ctx, req.scheme, "Scheme", "InvalidParameterValue.AppURLLengthExceedLimit")
    _check_quotas(ctx, application_type, bool(android or ios))
    app_id = ctx.unique("application", ids.application_id)
    ctx.put(
        "application",
        app_id,
        {
            "application_id": app_id,
            "app_identity_id": ctx.counter("app_identity", 100000001),
            "application_name": name,
            "logo": req.logo,
            "intro": req.intro,
            "remark": req.remark or "",
            "android_app_key": android,
            "ios_app_key": ios,
            "android_app_url": "",
            "ios_app_url": "",
            "team_id": team["team_id"],
            "application_type": application_type,
            "scheme": scheme or "",
            "create_user": ctx.caller,
            "create_time": ctx.now_str,
            "update_user": ctx.caller,
            "update_time": ctx.now_str,
        },
    )
    return ResourceIdStringInfo(resource_id=app_id)


def _bound(ctx: Ctx, app: Record) -> list[ApplicationMNPRelInfoResp]:
    rows = []
    for binding in bindings(ctx, app_id=app["application_id"]):
        mnp = ctx.get("mnp", binding["mnp_id"])
        if mnp is None:
            continue
        online = online_version(ctx, mnp)
        rows.append(
            ApplicationMNPRelInfoResp(
                mnp_id=mnp["mnp_id"],
                mnp_name=mnp["mnp_name"],
                mnp_icon=mnp["mnp_icon"],
                mnp_type=mnp["mnp_type"],
                mnp_intro=mnp["mnp_intro"],
                mnp_desc=mnp["mnp_desc"],
                effect_status=effect_status(ctx, mnp, True),
                effect_mnp_version=online["mnp_version"] if online else "",
                mnp_online_version=online["mnp_version"] if online else "",
                online_status=1 if online else 0,
            )
        )
    return rows


def _api_counts(ctx: Ctx) -> dict[str, int]:
    """ApplicationId -> number of sensitive APIs, from one pass over them."""
    counts: dict[str, int] = {}
    for record in ctx.scan("sensitive_api"):
        counts[record["application_id"]] = counts.get(record["application_id"], 0) + 1
    return counts


_STORED_FIELDS = (
    "application_id",
    "app_identity_id",
    "application_name",
    "logo",
    "remark",
    "android_app_key",
    "ios_app_key",
    "create_user",
    "create_time",
    "update_user",
    "update_time",
    "intro",
    "android_app_url",
    "ios_app_url",
    "team_id",
    "application_type",
)
"""Fields the detail and the list row both copy from the stored application."""


def _common(ctx: Ctx, app: Record, api_counts: dict[str, int]) -> dict[str, Any]:
    """What DescribeApplication and a DescribeApplicationList row share."""
    return {
        **{name: app[name] for name in _STORED_FIELDS},
        "application_english_name": "",
        "team_name": team_name(ctx, app["team_id"]),
        "sensitive_api_count": api_counts.get(app["application_id"], 0),
    }


def describe_application(ctx: Ctx, req: api.DescribeApplication) -> ApplicationDetail:
    app = app_or_fail(ctx, req.application_id)
    bound = _bound(ctx, app)
    return ApplicationDetail(
        **_common(ctx, app, _api_counts(ctx)),
        bind_mnp_count=len(bound),
        bind_mnp_list=bound,
        scheme=app["scheme"],
    )


def _info(ctx: Ctx, app: Record, api_counts: dict[str, int]) -> ApplicationInfo:
    return ApplicationInfo(customer_id=ctx.platform_id, **_common(ctx, app, api_counts))


def describe_application_list(ctx: Ctx, req: api.DescribeApplicationList) -> ApplicationPageInfo:
    word = keyword(req.keyword)
    team_id = blank(req.team_id)
    apps = [
        a
        for a in newest_first(ctx.scan("application"))
        if matches(word, a["application_name"]) and (team_id is None or a["team_id"] == team_id)
    ]
    rows = page(apps, req.offset, req.limit)
    counts = _api_counts(ctx) if rows else {}
    return ApplicationPageInfo(
        total_count=len(apps), data_list=[_info(ctx, a, counts) for a in rows]
    )


def modify_application(ctx: Ctx, req: api.ModifyApplication) -> BooleanInfo:
    app = app_or_fail(ctx, req.application_id)
    app_id = app["application_id"]
    app["application_name"] = _check_name(ctx, req.application_name, app_id)
    _check_details(ctx, req.intro, req.remark)
    check_text(req.logo, "InvalidParameterValue", 1024, "Logo")
    app.update(intro=req.intro, logo=req.logo, update_user=ctx.caller, update_time=ctx.now_str)
    clear = ctx.readings.modify_omitted == "clear"
    changes = {
        "remark": req.remark,
        "android_app_key": _check_package(ctx, req.android_app_key, "AndroidAppKey", app_id),
        "ios_app_key": _check_package(ctx, req.ios_app_key, "IosAppKey", app_id),
        "scheme": _check_url(
            ctx, req.scheme, "Scheme", "InvalidParameterValue.AppURLLengthExceedLimit"
        ),
    }
    if ctx.backend == "tcmpp":
        del changes["scheme"]
    for name, value in changes.items():
        if value is not None or clear:
            app[name] = value or ""
    ctx.put("application", app_id, app)
    return OK


def delete_application(ctx: Ctx, req: api.DeleteApplication) -> BooleanInfo:
    app = app_or_fail(ctx, req.application_id)
    app_id = app["application_id"]
    if any(app_id in a["apps"] for a in ongoing_approvals(ctx)):
        fail("FailedOperation.AppAlreadyBindAudit")
    if bindings(ctx, app_id=app_id):
        fail("FailedOperation.AppAlreadyBindMiniProgram")
    for api_record in ctx.scan("sensitive_api"):
        if api_record["application_id"] == app_id:
            ctx.delete("sensitive_api", api_record["api_id"])
            for permission in ctx.scan("permission"):
                if permission["api_id"] == api_record["api_id"]:
                    ctx.delete("permission", permission["approval_no"])
    ctx.delete("application", app_id)
    return OK


def describe_application_config_file(
    ctx: Ctx, req: api.DescribeApplicationConfigFile
) -> DownloadApplicationConfigResp:
    app = app_or_fail(ctx, req.application_id)
    if ctx.backend == "tcsas":
        _check_type(ctx, req.app_type, 1, "AppType")
    elif req.app_type not in (None, 2, 3):
        fail("InvalidParameterValue", "AppType must be 2 (Android) or 3 (iOS).")
    package = {2: app["android_app_key"], 3: app["ios_app_key"]}.get(
        req.app_type or 0, app["android_app_key"] or app["ios_app_key"]
    )
    if not package:
        fail(
            "InvalidParameterValue.AppPackageNameNotConfig",
            "The application package name is not specified: set the package name (Android) "
            "or bundle id (iOS) before downloading its configuration file.",
        )
    config = {
        "customId": ctx.platform_id,
        "productId": str(app["app_identity_id"]),
        "packageName": app["android_app_key"],
        "bundleId": app["ios_app_key"],
        "appKey": app["application_id"],
        "appType": req.app_type,
        "shark": {"httpUrl": "http://127.0.0.1", "appKey": app["application_id"]},
    }
    raw = json.dumps(config, separators=(",", ":")).encode()
    return DownloadApplicationConfigResp(file=base64.b64encode(raw).decode())


def modify_application_app_key(ctx: Ctx, req: api.ModifyApplicationAppKey) -> BooleanInfo:
    app = app_or_fail(ctx, req.application_id)
    app_id = app["application_id"]
    if req.android_app_key is not None:
        app["android_app_key"] = _check_package(ctx, req.android_app_key, "AndroidAppKey", app_id)
    if req.ios_app_key is not None:
        app["ios_app_key"] = _check_package(ctx, req.ios_app_key, "IOSAppKey", app_id)
    app.update(update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("application", app["application_id"], app)
    return OK


def modify_application_app_url(ctx: Ctx, req: api.ModifyApplicationAppUrl) -> BooleanInfo:
    app = app_or_fail(ctx, req.application_id)
    if req.android_app_url is not None:
        app["android_app_url"] = _check_url(
            ctx, req.android_app_url, "AndroidAppUrl", "InvalidParameterValue"
        )
    if req.ios_app_url is not None:
        app["ios_app_url"] = _check_url(ctx, req.ios_app_url, "IosAppUrl", "InvalidParameterValue")
    app.update(update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("application", app["application_id"], app)
    return OK


def describe_temp_secret(
    ctx: Ctx, req: api.DescribeTempSecret4UploadFile2Cos
) -> UploadFileTempSecret:
    check_text(req.business_name, "InvalidParameterValue", 64, "BusinessName")
    suffix = check_text(req.suffix, "InvalidParameterValue", 16, "Suffix").lstrip(".")
    token = "".join(ctx.rng.choice("0123456789abcdef") for _ in range(64))
    day = ids.beijing(ctx.now).strftime("%Y%m%d")
    return UploadFileTempSecret(
        bucket="tcmpp-emulator-1250000000",
        region="ap-singapore",
        path=f"/{ctx.platform_id}/{req.business_name}/{day}-{token[:10]}.{suffix}",
        temp_secret_id="AKIDtmp" + token[:29],
        temp_secret_key=token[29:61],
        token=token,
        accelerate_enable=False,
    )


HANDLERS: dict[str, Handler] = {
    "CreateApplication": create_application,
    "DescribeApplication": describe_application,
    "DescribeApplicationList": describe_application_list,
    "ModifyApplication": modify_application,
    "DeleteApplication": delete_application,
    "DescribeApplicationConfigFile": describe_application_config_file,
    "ModifyApplicationAppKey": modify_application_app_key,
    "ModifyApplicationAppUrl": modify_application_app_url,
    "DescribeTempSecret4UploadFile2Cos": describe_temp_secret,
}
