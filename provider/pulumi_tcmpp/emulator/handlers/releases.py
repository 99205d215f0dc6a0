"""Versions, build tasks, previews, approvals, releases and rollbacks of mini programs.

The life of a version: CreateMNPVersion starts a build task (TaskStatus 1 -> 20 -> 60, or 30
on failure, see :class:`~pulumi_tcmpp.emulator._config.BuildMode`); a successful build makes
a developer version. CreateMNPApproval(submit) asks every application of the application team
associated with the mini program's team to accept it; ProcessMNPApproval decides per
application. Once every application approved, the version may be released (it must be
greater than the online version); a released version can be rolled back to.
"""

from __future__ import annotations

import re

from pulumi_tcmpp.api import releases as api
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    CreateMNPApprovalResp,
    CreateMNPVersionResp,
    DescribeMNPApprovalListData,
    DescribeMNPApprovalListResp,
    DescribeMNPPreviewResp,
    DescribeMNPVersionResp,
    DescribeMPAllStageVersionsResp,
    DescribeRevertOnlineVersionPageResp,
    QueryOnlineVersionResp,
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
    mnp_or_fail,
    newest_first,
    page,
    require,
    require_admin,
)
from pulumi_tcmpp.emulator.handlers._relations import apps_of_team, team_name

__all__ = ["HANDLERS", "settle_task"]

OK = BooleanInfo(result=True)
_VERSION = re.compile(r"^\d{1,6}(\.\d{1,6}){1,3}$")
PENDING, RUNNING, FAILED, SUCCEEDED = 1, 20, 30, 60
"""TaskStatus of a build task."""
UNDECIDED = 1
"""An approval (or one application's part of it) not decided yet, inside the emulator."""


def _reported(ctx: Ctx, status: int) -> int:
    """An approval status as the API reports it: undecided (1 inside the emulator) is 0 or 1,
    as the ``approval_pending_status`` reading says."""
    return ctx.readings.approval_pending_status if status == UNDECIDED else status


def _version_key(value: str) -> tuple[int, ...]:
    return tuple(int(part) for part in value.split("."))


def _version_or_fail(ctx: Ctx, version_id: int, code: str) -> Record:
    return ctx.get("version", str(version_id)) or fail(
        code, f"The mini program version {version_id} does not exist."
    )


# -- build tasks ----------------------------------------------------------------------------


def create_mnp_version(ctx: Ctx, req: api.CreateMNPVersion) -> CreateMNPVersionResp:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    _settle_due(ctx, mnp["mnp_id"])
    if not _VERSION.match(req.mnp_version):
        fail("InvalidParameterValue.InvalidMNPVersion", "MNPVersion must look like 1.0.0.")
    taken = {v["mnp_version"] for v in ctx.scan("version") if v["mnp_id"] == mnp["mnp_id"]}
    taken |= {
        t["mnp_version"]
        for t in ctx.scan("task")
        if t["mnp_id"] == mnp["mnp_id"] and t["status"] in (PENDING, RUNNING)
    }
    if req.mnp_version in taken:
        fail("InvalidParameterValue.InvalidMNPVersion", f"Version {req.mnp_version} exists.")
    check_text(req.mnp_version_intro, "InvalidParameterValue.InvalidMNPVersionIntro", 500, "Intro")
    if not req.file_url.startswith(("http://", "https://")):
        fail("FailedOperation.FileDownloadFailed", "FileUrl must be an http(s) URL.")
    task_id = ctx.unique("task", lambda rng: ids.task_id(rng, ctx.now))
    build = ctx.build
    ctx.put(
        "task",
        task_id,
        {
            "task_id": task_id,
            "mnp_id": mnp["mnp_id"],
            "mnp_version": req.mnp_version,
            "intro": req.mnp_version_intro,
            "file_url": req.file_url,
            "status": PENDING,
            "message": "Pending",
            "polls": 0,
            "outcome": build.outcome,
            "steps": build.steps,
            "deadline": None if build.seconds is None else ctx.now + build.seconds,
            "failure_message": build.message,
            "version_id": None,
            "create_user": ctx.caller,
            "create_time": ctx.now_str,
        },
    )
    return CreateMNPVersionResp(task_id=task_id)


def settle_task(ctx: Ctx, task: Record, success: bool, message: str | None = None) -> None:
    """Finish a build: a developer version on success, TaskStatus 30 and a message otherwise."""
    if success:
        mnp = ctx.fresh_get("mnp", task["mnp_id"]) or {}
        version_id = ctx.counter("version_id", 2601)
        ctx.put(
            "version",
            str(version_id),
            {
                "version_id": version_id,
                "mnp_id": task["mnp_id"],
                "mnp_version": task["mnp_version"],
                "intro": task["intro"],
                "file_url": task["file_url"],
                "create_user": task["create_user"],
                "create_time": task["create_time"],
                "approval_no": "",
                "snapshot": {
                    k: mnp.get(k, "")
                    for k in ("mnp_name", "mnp_icon", "mnp_type", "mnp_intro", "mnp_desc")
                },
            },
        )
        task.update(status=SUCCEEDED, message=message or "Success", version_id=version_id)
    else:
        task.update(status=FAILED, message=message or task["failure_message"])
    ctx.put("task", task["task_id"], task)


def _due(ctx: Ctx, task: Record) -> bool:
    if task["status"] not in (PENDING, RUNNING) or task["outcome"] == "hold":
        return False
    deadline = task["deadline"]
    return task["polls"] > task["steps"] or (deadline is not None and ctx.now >= deadline)


def _settle_due(ctx: Ctx, mnp_id: str) -> None:
    """Finish the builds whose time has come (housekeeping: on the latest state)."""
    for task in ctx.fresh_scan("task"):
        if task["mnp_id"] == mnp_id and _due(ctx, task):
            settle_task(ctx, task, task["outcome"] == "success")


def describe_mnp_version(ctx: Ctx, req: api.DescribeMNPVersion) -> DescribeMNPVersionResp:
    if ctx.get("task", req.business_id) is None:
        fail(
            "InvalidParameterValue.InvalidMNPVersionTaskId",
            f"The task `{req.business_id}` does not exist.",
        )
    _poll(ctx, req.business_id)
    task = ctx.get("task", req.business_id) or {}
    version_id = task["version_id"]
    return DescribeMNPVersionResp(
        mnp_id=task["mnp_id"],
        task_id=task["task_id"],
        task_status=task["status"],
        task_msg=task["message"],
        mnp_version_id=version_id,
        expire_time=0,
        qr_code=_qr_url(ctx, task["mnp_id"], task["mnp_version"]) if version_id else "",
        sub_package_infos=[],
    )


def _poll(ctx: Ctx, task_id: str) -> None:
    """Count a look at a build, and settle it when it is due (on the latest state)."""
    task = ctx.fresh_get("task", task_id)
    if task is not None and task["status"] in (PENDING, RUNNING):
        task["polls"] += 1
        if _due(ctx, task):
            settle_task(ctx, task, task["outcome"] == "success")
        else:
            first = task["polls"] == 1 and task["outcome"] != "hold"
            task.update(status=PENDING if first else RUNNING)
            task["message"] = "Pending" if first else "Running"
            ctx.put("task", task["task_id"], task)


def _qr_url(ctx: Ctx, mnp_id: str, version: str) -> str:
    return f"http://127.0.0.1/{ctx.platform_id}/mpp/{mnp_id}-{version}-{ctx.now}000.png"


# -- versions and previews ------------------------------------------------------------------


def _latest_approval(ctx: Ctx, version: Record) -> Record | None:
    return ctx.get("approval", version["approval_no"]) if version["approval_no"] else None


def _stage_row(
    ctx: Ctx, mnp: Record, version: Record, phase: str
) -> DescribeMPAllStageVersionsResp:
    approval = _latest_approval(ctx, version)
    status = _reported(ctx, approval["status"]) if approval else 0
    snapshot = version["snapshot"]
    return DescribeMPAllStageVersionsResp(
        mnp_id=mnp["mnp_id"],
        mnp_version_id=version["version_id"],
        mnp_name=snapshot["mnp_name"],
        mnp_icon=snapshot["mnp_icon"],
        mnp_type=snapshot["mnp_type"],
        mnp_intro=snapshot["mnp_intro"],
        mnp_desc=snapshot["mnp_desc"],
        create_user=version["create_user"],
        create_time=version["create_time"],
        mnp_version=version["mnp_version"],
        mnp_version_intro=version["intro"],
        phase=phase,
        approval_status=status,
        approval_no=version["approval_no"],
        show_case=1 if mnp["preview_version_id"] == version["version_id"] else 0,
        rollback_version=0,
        status=1,
        version_current_status=status,
        age_ratings=[],
    )


def describe_mnp_all_stage_versions(
    ctx: Ctx, req: api.DescribeMNPAllStageVersions
) -> list[DescribeMPAllStageVersionsResp]:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    _settle_due(ctx, mnp["mnp_id"])
    versions = [v for v in ctx.scan("version") if v["mnp_id"] == mnp["mnp_id"]]
    rows = []
    approvals = [(ctx.get("approval", v["approval_no"]), v) for v in versions if v["approval_no"]]
    submitted = [(a["seq"], v) for a, v in approvals if a is not None]
    if submitted:
        latest = max(submitted, key=lambda pair: int(pair[0]))[1]
        rows.append(_stage_row(ctx, mnp, latest, "Platform"))
    online = mnp.get("online_version_id")
    rows.extend(_stage_row(ctx, mnp, v, "Online") for v in versions if v["version_id"] == online)
    rows.extend(_stage_row(ctx, mnp, v, "Develop") for v in reversed(versions))
    return rows


def _mnp_version(ctx: Ctx, mnp_id: str, version_id: int) -> tuple[Record, Record]:
    mnp = mnp_or_fail(ctx, mnp_id)
    version = ctx.get("version", str(version_id))
    if version is None or version["mnp_id"] != mnp["mnp_id"]:
        fail("FailedOperation.RecordNotFound", f"The version {version_id} does not exist.")
    return mnp, version


def configure_mnp_preview(ctx: Ctx, req: api.ConfigureMNPPreview) -> BooleanInfo:
    mnp, version = _mnp_version(ctx, req.mnp_id, req.mnp_version_id)
    current = mnp["preview_version_id"]
    if req.action_type == 1:
        if current not in (None, version["version_id"]):
            fail("FailedOperation.ShowcaseVersionAlreadyExist")
        mnp.update(preview_version_id=version["version_id"])
        mnp["preview_path"] = req.preview_entrance_path or ""
    elif req.action_type == 2:
        if current != version["version_id"]:
            fail("FailedOperation.RecordNotFound", "This version is not the preview version.")
        mnp.update(preview_version_id=None, preview_path="")
    else:
        fail("InvalidParameterValue", "ActionType must be 1 (set) or 2 (cancel).")
    ctx.put("mnp", mnp["mnp_id"], mnp)
    return OK


def describe_mnp_preview(ctx: Ctx, req: api.DescribeMNPPreview) -> DescribeMNPPreviewResp:
    mnp, version = _mnp_version(ctx, req.mnp_id, req.mnp_version_id)
    if mnp["preview_version_id"] != version["version_id"]:
        fail("FailedOperation.RecordNotFound", "This version is not the preview version.")
    path = mnp["preview_path"]
    return DescribeMNPPreviewResp(
        mnp_id=mnp["mnp_id"],
        mnp_name=mnp["mnp_name"],
        mnp_desc=mnp["mnp_desc"],
        mnp_version=version["mnp_version"],
        mnp_version_intro=version["intro"],
        qr_code_url=_qr_url(ctx, mnp["mnp_id"], version["mnp_version"]),
        preview_entrance_path=path,
        qr_code_content=f"tcmpp://preview?appId={mnp['mnp_id']}&versionId={version['version_id']}"
        + (f"&path={path}" if path else ""),
    )


# -- approvals ------------------------------------------------------------------------------


def _overall(approval: Record) -> int:
    """1 while any application has not decided, 2 if any rejected, 3 when all approved."""
    if approval["status"] == 4:
        return 4
    results = [a["result"] for a in approval["apps"].values()]
    if 2 in results:
        return 2
    return 3 if all(r == 3 for r in results) else 1


def _target_apps(ctx: Ctx, mnp: Record) -> list[Record]:
    team = ctx.get("team", mnp["team_id"]) if mnp["team_id"] else None
    related = team["related_team_id"] if team else ""
    if not related:
        fail("FailedOperation.MNPTeamNotAssociatedApplicationTeam")
    apps = apps_of_team(ctx, related)
    if not apps:
        fail("FailedOperation.MNPTeamAssociatedApplicationTeamNotCreateApplication")
    return apps


def _submit(ctx: Ctx, mnp: Record, version: Record) -> str:
    for approval in ctx.scan("approval"):
        if approval["mnp_id"] == mnp["mnp_id"] and approval["status"] == 1:
            fail("FailedOperation.ExistMNPApprovalRecord")
    previous = _latest_approval(ctx, version)
    if previous is not None and previous["status"] == 3:
        fail("InvalidParameterValue.MNPApprovalStatusError", "The version is already approved.")
    approval_no = ctx.unique("approval", ids.mnp_approval_no)
    apps = _target_apps(ctx, mnp)
    ctx.put(
        "approval",
        approval_no,
        {
            "approval_no": approval_no,
            "mnp_id": mnp["mnp_id"],
            "version_id": version["version_id"],
            "status": 1,
            "seq": ctx.counter("approval_seq", 1),
            "apps": {a["application_id"]: {"result": 1, "note": "", "time": "0"} for a in apps},
            "apply_user": ctx.caller,
            "apply_time": ctx.now_str,
            "approval_user": "",
            "approval_time": "0",
            "approval_note": "",
        },
    )
    version["approval_no"] = approval_no
    ctx.put("version", str(version["version_id"]), version)
    return approval_no


def _cancel(ctx: Ctx, version: Record) -> str:
    approval = _latest_approval(ctx, version)
    if approval is None:
        fail(
            "InvalidParameterValue.MNPVersionIsNotPlatformPhase",
            f"Version {version['mnp_version']} was never submitted for approval (it is not in "
            "the Platform phase), so there is nothing to cancel.",
        )
    if approval["status"] != 1:
        fail("InvalidParameterValue.MNPApprovalStatusError", "No approval is in progress.")
    approval.update(status=4)
    ctx.put("approval", approval["approval_no"], approval)
    return str(approval["approval_no"])


def create_mnp_approval(ctx: Ctx, req: api.CreateMNPApproval) -> CreateMNPApprovalResp:
    version = _version_or_fail(ctx, req.mnp_version_id, "InvalidParameterValue.InvalidMNPVersionId")
    mnp = mnp_or_fail(ctx, version["mnp_id"])
    if req.apply_action == "submit":
        approval_no = _submit(ctx, mnp, version)
    elif req.apply_action == "cancel":
        approval_no = _cancel(ctx, version)
    else:
        fail("InvalidParameterValue.InvalidApplyAction", "ApplyAction must be submit or cancel.")
    return CreateMNPApprovalResp(result=True, approval_no=approval_no)


def _approval_rows(ctx: Ctx, approval: Record) -> list[DescribeMNPApprovalListData]:
    mnp = ctx.get("mnp", approval["mnp_id"]) or {}
    version = ctx.get("version", str(approval["version_id"])) or {}
    rows = []
    for app_id, decision in approval["apps"].items():
        app = ctx.get("application", app_id) or {}
        status = 4 if approval["status"] == 4 else _reported(ctx, decision["result"])
        rows.append(
            DescribeMNPApprovalListData(
                approval_no=approval["approval_no"],
                application_id=app_id,
                approval_status=status,
                mnp_id=approval["mnp_id"],
                mnp_version=version.get("mnp_version", ""),
                mnp_version_id=approval["version_id"],
                apply_user=approval["apply_user"],
                apply_time=approval["apply_time"],
                mnp_name=mnp.get("mnp_name", ""),
                mnp_icon=mnp.get("mnp_icon", ""),
                application_name=app.get("application_name", ""),
                application_logo=app.get("logo", ""),
                team_id=mnp.get("team_id", ""),
                team_name=team_name(ctx, mnp.get("team_id")),
                mnp_qr_code_url="",
                mnp_type=mnp.get("mnp_type", ""),
                approval_user=approval["approval_user"] if decision["result"] != 1 else "",
                approval_time=decision["time"],
                approval_note=decision["note"],
                age_ratings=[],
            )
        )
    return rows


def describe_mnp_approval_list(
    ctx: Ctx, req: api.DescribeMNPApprovalList
) -> DescribeMNPApprovalListResp:
    word = keyword(req.keyword)
    statuses = req.approval_status_list or None
    app_id = blank(req.application_id)
    team_id = blank(req.team_id)
    rows = [
        row
        for approval in newest_first(ctx.scan("approval"))
        for row in _approval_rows(ctx, approval)
        if (statuses is None or row.approval_status in statuses)
        and (app_id is None or row.application_id == app_id)
        and (team_id is None or row.team_id == team_id)
        and matches(word, row.mnp_name)
    ]
    return DescribeMNPApprovalListResp(
        total_count=len(rows), data_list=page(rows, req.offset, req.limit)
    )


def _bind(ctx: Ctx, app_id: str, mnp_id: str) -> None:
    key = f"{app_id}/{mnp_id}"
    if ctx.get("binding", key) is None:
        ctx.put(
            "binding",
            key,
            {"binding_key": key, "app_id": app_id, "mnp_id": mnp_id, "create_time": ctx.now_str},
        )


def process_mnp_approval(ctx: Ctx, req: api.ProcessMNPApproval) -> BooleanInfo:
    approval = ctx.get("approval", req.approval_no) or fail(
        "InvalidParameterValue.InvalidApprovalNo",
        f"The approval `{req.approval_no}` does not exist.",
    )
    require_admin(ctx, "Deciding a mini program approval")
    if not req.approval_items:
        fail("InvalidParameterValue.ProcessApprovalItemIsEmpty")
    if approval["status"] != 1:
        fail(
            ctx.code(
                "InvalidParameterValue.ProcessMNPApprovalStatusError",
                "FailedOperation.ApprovalAlreadyProcessed",
            ),
            "The approval request is not in progress.",
        )
    for index, item in enumerate(req.approval_items):
        app_id = require(item.app_id, f"ApprovalItems.{index}.AppId")
        result = require(item.approval_result, f"ApprovalItems.{index}.ApprovalResult")
        if app_id not in approval["apps"]:
            if ctx.backend == "tcsas" and ctx.get("application", app_id) is not None:
                fail(
                    "FailedOperation.ApprovalNotBelongToApplication",
                    f"The approval {approval['approval_no']} was not asked of the application "
                    f"`{app_id}`.",
                )
            fail("InvalidParameterValue.ProcessApplicationAndApprovalApplicationMismatch")
        if result not in (2, 3):
            fail("InvalidParameterValue.ProcessMNPApprovalStatusError", "ApprovalResult is 2 or 3.")
        note = item.approval_note or ""
        if result == 2 and not note.strip():
            fail(
                ctx.code("MissingParameter", "InvalidParameterValue.ApprovalNoteRequired"),
                f"ApprovalItems.{index}.ApprovalNote is required when rejecting.",
            )
        if len(note) > 500:
            fail("InvalidParameterValue.InvalidApprovalNote")
        approval["apps"][app_id] = {"result": result, "note": note, "time": ctx.now_str}
        if result == 3:
            _bind(ctx, app_id, approval["mnp_id"])
    approval.update(approval_user=ctx.caller, approval_time=ctx.now_str)
    approval["status"] = _overall(approval)
    ctx.put("approval", approval["approval_no"], approval)
    return OK


# -- release and rollback -------------------------------------------------------------------


def _record_release(ctx: Ctx, mnp: Record, version: Record) -> None:
    key = f"{mnp['mnp_id']}/{version['version_id']}"
    ctx.put(
        "release",
        key,
        {
            "release_key": key,
            "mnp_id": mnp["mnp_id"],
            "version_id": version["version_id"],
            "mnp_version": version["mnp_version"],
            "note": version["intro"],
            "update_time": ctx.now_str,
            "seq": ctx.counter("release_seq", 1),
        },
    )
    mnp.update(online_version_id=version["version_id"], status=1)
    mnp.update(update_user=ctx.caller, update_time=ctx.now_str)
    ctx.put("mnp", mnp["mnp_id"], mnp)


def release_mnp_version(ctx: Ctx, req: api.ReleaseMNPVersion) -> BooleanInfo:
    version = _version_or_fail(ctx, req.mnp_version_id, "InvalidParameterValue.InvalidMNPVersionId")
    mnp = mnp_or_fail(ctx, version["mnp_id"])
    released = ctx.get("release", f"{mnp['mnp_id']}/{version['version_id']}")
    if released is not None:
        fail("FailedOperation.MNPVersionReleased")
    approval = _latest_approval(ctx, version)
    if approval is None or approval["status"] != 3:
        fail("FailedOperation.OnlyReleasePlatformApprovedMNPVersion")
    online = ctx.get("version", str(mnp["online_version_id"])) if mnp["online_version_id"] else None
    if online and _version_key(version["mnp_version"]) <= _version_key(online["mnp_version"]):
        fail("FailedOperation.ReleaseMNPVersionNeedGreaterThanOnlineVersion")
    most = ctx.readings.max_released_mini_programs
    online_count = sum(1 for m in ctx.scan("mnp") if m["status"] == 1)
    if most is not None and mnp["status"] != 1 and online_count >= most:
        fail(
            "FailedOperation.MNPReleaseNumberExceedLimit",
            f"The plan allows {most} mini programs online at once.",
        )
    _record_release(ctx, mnp, version)
    return OK


def rollback_mnp_version(ctx: Ctx, req: api.RollbackMNPVersion) -> BooleanInfo:
    mnp = mnp_or_fail(ctx, req.mnp_id, "InvalidParameterValue.InvalidMiniAppId")
    released = ctx.get("release", f"{mnp['mnp_id']}/{req.mnp_version_id}")
    if released is None or released["mnp_version"] != req.mnp_version:
        fail("FailedOperation", "The version to roll back to was never released.")
    if mnp["online_version_id"] == req.mnp_version_id:
        fail("FailedOperation", "The version is already online.")
    version = _version_or_fail(ctx, req.mnp_version_id, "FailedOperation")
    _record_release(ctx, mnp, version)
    return OK


def describe_mnp_released_version_history(
    ctx: Ctx, req: api.DescribeMNPReleasedVersionHistory
) -> DescribeRevertOnlineVersionPageResp:
    mnp = mnp_or_fail(ctx, req.mnp_id)
    rows = sorted(
        (r for r in ctx.scan("release") if r["mnp_id"] == mnp["mnp_id"]),
        key=lambda r: -int(r["seq"]),
    )
    return DescribeRevertOnlineVersionPageResp(
        total_count=len(rows),
        data_list=[
            QueryOnlineVersionResp(
                mnp_id=r["mnp_id"],
                mnp_version=r["mnp_version"],
                mnp_version_id=r["version_id"],
                mnp_version_note=r["note"],
                update_time=r["update_time"],
            )
            for r in rows
        ],
    )


HANDLERS: dict[str, Handler] = {
    "CreateMNPVersion": create_mnp_version,
    "DescribeMNPVersion": describe_mnp_version,
    "DescribeMNPAllStageVersions": describe_mnp_all_stage_versions,
    "ConfigureMNPPreview": configure_mnp_preview,
    "DescribeMNPPreview": describe_mnp_preview,
    "CreateMNPApproval": create_mnp_approval,
    "DescribeMNPApprovalList": describe_mnp_approval_list,
    "ProcessMNPApproval": process_mnp_approval,
    "ReleaseMNPVersion": release_mnp_version,
    "RollbackMNPVersion": rollback_mnp_version,
    "DescribeMNPReleasedVersionHistory": describe_mnp_released_version_history,
}
