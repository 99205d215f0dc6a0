"""Sensitive APIs of applications, and mini programs' requests for permission to call them.

An API is public (Status 0) when created, as in the docs' example, and Enable/Disable switch
it between public and restricted (1). A permission request starts Processing (1) and is
approved (30) or rejected (20) once; a rejected request may be filed again.
"""

from __future__ import annotations

from typing import Any

from pulumi_tcmpp.api import sensitive_apis as api
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    DescribeApplicationSensitiveAPIListData,
    DescribeApplicationSensitiveAPIListResp,
    DescribeMNPSensitiveAPIPermissionApprovalData,
    DescribeMNPSensitiveAPIPermissionApprovalListData,
    DescribeMNPSensitiveAPIPermissionApprovalListResp,
    DescribeMNPSensitiveAPIPermissionListData,
    DescribeMNPSensitiveAPIPermissionListResp,
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
    mnp_or_fail,
    newest_first,
    page,
    require,
    require_admin,
)
from pulumi_tcmpp.emulator.handlers._relations import bindings, team_name

__all__ = ["HANDLERS"]

OK = BooleanInfo(result=True)


def _api_or_fail(ctx: Ctx, api_id: str) -> Record:
    return ctx.get("sensitive_api", api_id) or fail(
        "FailedOperation.RecordNotFound", f"The sensitive API `{api_id}` does not exist."
    )


def create_application_sensitive_api(
    ctx: Ctx, req: api.CreateApplicationSensitiveAPI
) -> BooleanInfo:
    app = app_or_fail(ctx, req.application_id)
    if not req.api_list:
        fail("InvalidParameterValue", "APIList must not be empty.")
    existing = {
        a["api_name"]
        for a in ctx.scan("sensitive_api")
        if a["application_id"] == app["application_id"]
    }
    for index, item in enumerate(req.api_list):
        name = require(item.api_name, f"APIList.{index}.APIName")
        check_text(name, "InvalidParameterValue", 128, "APIName")
        api_type = 2 if item.api_type is None else item.api_type
        if api_type not in (1, 2):
            fail("InvalidParameterValue", "APIType must be 1 (system) or 2 (custom).")
        if name in existing:
            fail("FailedOperation.ExistSensitiveAPI", f"The sensitive API `{name}` already exists.")
        existing.add(name)
        api_id = ctx.unique("sensitive_api", ids.api_id)
        ctx.put(
            "sensitive_api",
            api_id,
            {
                "api_id": api_id,
                "application_id": app["application_id"],
                "api_name": name,
                "api_method": name,
                "api_desc": item.api_desc or "",
                "api_type": api_type,
                "use_scope": item.use_scope,
                "status": 0,
                "create_user": ctx.caller,
                "create_time": ctx.now_str,
                "update_user": ctx.caller,
                "update_time": ctx.now_str,
            },
        )
    return OK


def describe_application_sensitive_api_list(
    ctx: Ctx, req: api.DescribeApplicationSensitiveAPIList
) -> DescribeApplicationSensitiveAPIListResp:
    app = app_or_fail(ctx, req.application_id)
    word = keyword(req.keyword)
    team_id = blank(req.team_id)
    rows = [
        a
        for a in newest_first(ctx.scan("sensitive_api"))
        if a["application_id"] == app["application_id"]
        and matches(word, a["api_name"], a["api_method"])
        and (team_id is None or team_id == app["team_id"])
    ]
    data = [
        DescribeApplicationSensitiveAPIListData(
            api_id=a["api_id"],
            api_name=a["api_name"],
            api_method=a["api_method"],
            api_desc=a["api_desc"],
            create_user=a["create_user"],
            create_time=a["create_time"],
            update_user=a["update_user"],
            update_time=a["update_time"],
            application_id=app["application_id"],
            application_name=app["application_name"],
            team_id=app["team_id"],
            team_name=team_name(ctx, app["team_id"]),
            application_logo=app["logo"],
            api_type=a["api_type"],
            status=a["status"],
            use_scope=a.get("use_scope"),
        )
        for a in page(rows, req.offset, req.limit)
    ]
    return DescribeApplicationSensitiveAPIListResp(total_count=len(rows), data_list=data)


def _set_status(ctx: Ctx, api_id: str, status: int) -> BooleanInfo:
    require_admin(ctx, "Switching a sensitive API")
    record = _api_or_fail(ctx, api_id)
    if record["status"] == status and ctx.readings.repeat_toggle == "refuse":
        state = "public" if status == 0 else "restricted"
        fail("FailedOperation", f"The sensitive API `{api_id}` is {state} already.")
    record.update(status=status, update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("sensitive_api", api_id, record)
    return OK


def enable_application_sensitive_api(
    ctx: Ctx, req: api.EnableApplicationSensitiveAPI
) -> BooleanInfo:
    return _set_status(ctx, req.api_id, 0)


def disable_application_sensitive_api(
    ctx: Ctx, req: api.DisableApplicationSensitiveAPI
) -> BooleanInfo:
    return _set_status(ctx, req.api_id, 1)


def delete_application_sensitive_api(
    ctx: Ctx, req: api.DeleteApplicationSensitiveAPI
) -> BooleanInfo:
    require_admin(ctx, "Deleting a sensitive API")
    _api_or_fail(ctx, req.api_id)
    for permission in ctx.scan("permission"):
        if permission["api_id"] == req.api_id:
            ctx.delete("permission", permission["approval_no"])
    ctx.delete("sensitive_api", req.api_id)
    return OK


def _latest_request(ctx: Ctx, mnp_id: str, api_id: str) -> Record | None:
    return _latest_requests(ctx, mnp_id).get(api_id)


def _latest_requests(ctx: Ctx, mnp_id: str) -> dict[str, Record]:
    """APIId -> the mini program's latest permission request for it."""
    latest: dict[str, Record] = {}
    for permission in ctx.scan("permission"):
        if permission["mnp_id"] == mnp_id:
            latest[permission["api_id"]] = permission
    return latest


def describe_mnp_sensitive_api_permission_list(
    ctx: Ctx, req: api.DescribeMNPSensitiveAPIPermissionList
) -> DescribeMNPSensitiveAPIPermissionListResp:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    word = keyword(req.keyword)
    app_id = blank(req.application_id)
    bound: set[str] | None = None
    if ctx.readings.permission_list_scope == "bound":
        bound = {b["app_id"] for b in bindings(ctx, mnp_id=mnp["mnp_id"])}
    chosen = [
        record
        for record in newest_first(ctx.scan("sensitive_api"))
        if (not app_id or record["application_id"] == app_id)
        and (bound is None or record["application_id"] in bound)
        and matches(word, record["api_name"])
    ]
    rows = page(chosen, req.offset, req.limit)
    latest = _latest_requests(ctx, mnp["mnp_id"]) if rows else {}
    return DescribeMNPSensitiveAPIPermissionListResp(
        total_count=len(chosen),
        data_list=[_permission_row(ctx, r, latest.get(r["api_id"], {})) for r in rows],
    )


def _permission_row(
    ctx: Ctx, record: Record, latest: Record
) -> DescribeMNPSensitiveAPIPermissionListData:
    app = ctx.get("application", record["application_id"]) or {}
    return DescribeMNPSensitiveAPIPermissionListData(
        api_id=record["api_id"],
        api_name=record["api_name"],
        api_method=record["api_method"],
        api_status=record["status"],
        api_apply_status=latest.get("status", 0),
        reject_reason=latest.get("approval_note", "") if latest.get("status") == 20 else "",
        approval_no=latest.get("approval_no", ""),
        application_id=record["application_id"],
        application_icon=app.get("logo", ""),
        application_name=app.get("application_name", ""),
        api_type=record["api_type"],
        api_desc=record["api_desc"],
    )


def create_mnp_sensitive_api_permission_approval(
    ctx: Ctx, req: api.CreateMNPSensitiveAPIPermissionApproval
) -> dict[str, Any]:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    record = _api_or_fail(ctx, req.api_id)
    check_text(req.apply_reason, "InvalidParameterValue", 500, "ApplyReason")
    latest = _latest_request(ctx, mnp["mnp_id"], record["api_id"])
    if latest is not None and latest["status"] in (1, 30):
        state = "is being processed" if latest["status"] == 1 else "was approved"
        fail("FailedOperation", f"A permission request for this API {state}.")
    approval_no = ctx.unique("permission", lambda rng: ids.permission_approval_no(rng, ctx.now))
    ctx.put(
        "permission",
        approval_no,
        {
            "approval_no": approval_no,
            "mnp_id": mnp["mnp_id"],
            "api_id": record["api_id"],
            "apply_reason": req.apply_reason,
            "status": 1,
            "apply_user": ctx.caller,
            "apply_time": ctx.now_str,
            "approval_user": "",
            "approval_time": "0",
            "approval_note": "",
        },
    )
    return {}


def _permission_or_fail(ctx: Ctx, approval_no: str) -> Record:
    return ctx.get("permission", approval_no) or fail(
        "FailedOperation.RecordNotFound", f"The permission request `{approval_no}` does not exist."
    )


def describe_mnp_sensitive_api_permission_approval(
    ctx: Ctx, req: api.DescribeMNPSensitiveAPIPermissionApproval
) -> DescribeMNPSensitiveAPIPermissionApprovalData:
    permission = _permission_or_fail(ctx, req.approval_no)
    record = ctx.get("sensitive_api", permission["api_id"]) or {}
    return DescribeMNPSensitiveAPIPermissionApprovalData(
        api_id=permission["api_id"],
        api_method=record.get("api_method", ""),
        apply_reason=permission["apply_reason"],
        reject_reason=permission["approval_note"] if permission["status"] == 20 else "",
        approval_status=permission["status"],
        api_desc=record.get("api_desc", ""),
        api_type=record.get("api_type"),
    )


def _approval_row(
    ctx: Ctx, permission: Record
) -> DescribeMNPSensitiveAPIPermissionApprovalListData:
    record = ctx.get("sensitive_api", permission["api_id"]) or {}
    app = ctx.get("application", record.get("application_id", "")) or {}
    mnp = ctx.get("mnp", permission["mnp_id"]) or {}
    return DescribeMNPSensitiveAPIPermissionApprovalListData(
        approval_no=permission["approval_no"],
        api_id=permission["api_id"],
        api_name=record.get("api_name", ""),
        api_method=record.get("api_method", ""),
        mnp_id=permission["mnp_id"],
        mnp_name=mnp.get("mnp_name", ""),
        apply_user=permission["apply_user"],
        apply_time=permission["apply_time"],
        apply_note=permission["apply_reason"],
        approval_status=permission["status"],
        approval_user=permission["approval_user"],
        approval_time=permission["approval_time"],
        approval_note=permission["approval_note"],
        application_id=app.get("application_id", ""),
        application_name=app.get("application_name", ""),
        application_logo=app.get("logo", ""),
        api_type=record.get("api_type"),
        api_desc=record.get("api_desc", ""),
    )


def describe_mnp_sensitive_api_permission_approval_list(
    ctx: Ctx, req: api.DescribeMNPSensitiveAPIPermissionApprovalList
) -> DescribeMNPSensitiveAPIPermissionApprovalListResp:
    word = keyword(req.keyword)
    statuses = req.approval_status_list or None
    apis = {a["api_id"]: a for a in ctx.scan("sensitive_api")} if word else {}
    apps = {a["application_id"]: a for a in ctx.scan("application")} if word else {}

    def found(permission: Record) -> bool:
        if statuses and permission["status"] not in statuses:
            return False
        record = apis.get(permission["api_id"], {})
        app = apps.get(record.get("application_id", ""), {})
        texts = (record.get("api_name"), record.get("api_method"), app.get("application_name"))
        return matches(word, *texts)

    chosen = [p for p in newest_first(ctx.scan("permission")) if found(p)]
    return DescribeMNPSensitiveAPIPermissionApprovalListResp(
        total_count=len(chosen),
        data_list=[_approval_row(ctx, p) for p in page(chosen, req.offset, req.limit)],
    )


def process_mnp_sensitive_api_permission_approval(
    ctx: Ctx, req: api.ProcessMNPSensitiveAPIPermissionApproval
) -> BooleanInfo:
    require_admin(ctx, "Deciding a permission request")
    permission = _permission_or_fail(ctx, req.approval_no)
    if req.approval_status not in (20, 30):
        fail(
            ctx.code("InvalidParameterValue", "InvalidParameterValue.InvalidApprovalType"),
            "ApprovalStatus must be 20 (reject) or 30 (approve).",
        )
    if permission["status"] != 1:
        fail(
            ctx.code("FailedOperation", "FailedOperation.ApprovalAlreadyProcessed"),
            "The permission request has already been processed.",
        )
    note = req.approval_note or ""
    if len(note) > 500:
        fail("InvalidParameterValue", "ApprovalNote must be at most 500 characters.")
    permission.update(
        status=req.approval_status,
        approval_user=ctx.caller,
        approval_time=ctx.now_str,
        approval_note=note,
    )
    ctx.put("permission", permission["approval_no"], permission)
    return OK


HANDLERS: dict[str, Handler] = {
    "CreateApplicationSensitiveAPI": create_application_sensitive_api,
    "DescribeApplicationSensitiveAPIList": describe_application_sensitive_api_list,
    "EnableApplicationSensitiveAPI": enable_application_sensitive_api,
    "DisableApplicationSensitiveAPI": disable_application_sensitive_api,
    "DeleteApplicationSensitiveAPI": delete_application_sensitive_api,
    "DescribeMNPSensitiveAPIPermissionList": describe_mnp_sensitive_api_permission_list,
    "CreateMNPSensitiveAPIPermissionApproval": create_mnp_sensitive_api_permission_approval,
    "DescribeMNPSensitiveAPIPermissionApproval": describe_mnp_sensitive_api_permission_approval,
    "DescribeMNPSensitiveAPIPermissionApprovalList": (
        describe_mnp_sensitive_api_permission_approval_list
    ),
    "ProcessMNPSensitiveAPIPermissionApproval": process_mnp_sensitive_api_permission_approval,
}
