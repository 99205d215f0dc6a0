"""SensitiveAPIPermission: a mini program's application to call a restricted sensitive API.

API mapping: CreateMNPSensitiveAPIPermissionApproval files the application (its answer carries
no ApprovalNo: it is read from DescribeMNPSensitiveAPIPermissionList, which lists the mini
program's latest application per API, or, where that list leaves the API out because it lists
only the APIs of the applications the mini program is bound to, from the platform-wide
DescribeMNPSensitiveAPIPermissionApprovalList); ProcessMNPSensitiveAPIPermissionApproval with
ApprovalStatus 30 approves it (``auto_approve``, platform-admin rights needed);
DescribeMNPSensitiveAPIPermissionApproval reads its state (1 processing, 20 rejected, 30
approved). There is no modify, withdraw or delete action.

The platform keeps one live application per mini program and API: one in progress or approved
blocks a new one. Create therefore takes over such an application instead of filing another
(it states the same fact), and files a new one when there is none or the last was rejected
with another reason. A rejection with the same reason fails with the reviewer's note: change
``reason`` to apply again. Delete stops managing: a granted permission stays granted (restrict
or delete the API to take it back).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

import pulumi
from pulumi.dynamic import CreateResult
from pydantic import Field, PositiveFloat

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError, TcmppError
from pulumi_tcmpp.resources._creates import send_and_await
from pulumi_tcmpp.resources._inputs import ApplyReason, NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._polling import Waiter, eventually, progress
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context

if TYPE_CHECKING:
    from pulumi_tcmpp.api import sensitive_apis, types
else:  # API models load with the first call (a program or a check never needs them)
    sensitive_apis = deferred_module("pulumi_tcmpp.api.sensitive_apis")
    types = deferred_module("pulumi_tcmpp.api.types")

__all__ = [
    "PermissionRejectedError",
    "PermissionStatus",
    "SensitiveAPIPermission",
    "SensitiveAPIPermissionArgs",
    "SensitiveAPIPermissionProvider",
]

AUTO_APPROVE_NOTE = "Approved by pulumi-tcmpp (auto_approve)"


class PermissionStatus(IntEnum):
    """The state of a permission application (0: the mini program never applied)."""

    NONE = 0
    PROCESSING = 1
    REJECTED = 20
    APPROVED = 30


class PermissionRejectedError(TcmppError):
    """The application was rejected; the message carries the reviewer's reason."""


class SensitiveAPIPermissionArgs(ResourceArgs):
    """Inputs of a :class:`SensitiveAPIPermission`."""

    mini_program_id: NonEmpty = Field(description="MNPId of the mini program. Forces a replace.")
    api_id: NonEmpty = Field(description="APIId of the sensitive API. Forces a replace.")
    reason: ApplyReason = Field(
        description="Why the mini program needs the API, shown to the reviewer (1-500 "
        "characters). Forces a replace (a new application if the last one was rejected)."
    )
    auto_approve: bool = Field(
        False,
        description="Approve the application in the same run (the stack's credentials need "
        "platform-admin rights).",
    )
    wait_for_approval: bool = Field(
        True, description="Wait until the application is decided; False records it pending."
    )
    approval_timeout: PositiveFloat | None = Field(
        None, description="Seconds to wait for the decision (default: tcmpp:operationTimeout)."
    )
    poll_interval: PositiveFloat | None = Field(
        None, description="Longest pause between two looks at the application, in seconds."
    )


@dataclass(frozen=True)
class Latest:
    """The mini program's latest application for one API (status NONE: it never applied)."""

    status: int
    approval_no: str = ""
    reject_reason: str = ""


def _latest(ctx: Context, args: SensitiveAPIPermissionArgs) -> Latest:
    """The latest application, from the mini program's list or else the platform-wide one."""
    request = sensitive_apis.DescribeMNPSensitiveAPIPermissionList(
        offset=0, limit=100, mnp_id=args.mini_program_id, platform_id=ctx.platform_id
    )
    for row in ctx.client.paginate(request):
        if row.api_id == args.api_id:
            status = int(row.api_apply_status or PermissionStatus.NONE)
            return Latest(status, row.approval_no or "", row.reject_reason or "")
    return _latest_request(ctx, args)


def _latest_request(ctx: Context, args: SensitiveAPIPermissionArgs) -> Latest:
    """The latest application as the list of every application shows it: the mini program's
    own list may leave out the APIs of applications it is not bound to."""
    request = sensitive_apis.DescribeMNPSensitiveAPIPermissionApprovalList(
        offset=0, limit=100, platform_id=ctx.platform_id
    )
    mine = [
        row
        for row in ctx.client.paginate(request)
        if row.mnp_id == args.mini_program_id and row.api_id == args.api_id
    ]
    if not mine:
        return Latest(PermissionStatus.NONE)
    newest = max(mine, key=lambda row: int(row.apply_time or 0))  # the list is newest first
    status = int(newest.approval_status or PermissionStatus.NONE)
    note = newest.approval_note or "" if status == PermissionStatus.REJECTED else ""
    return Latest(status, newest.approval_no or "", note)


def _detail(ctx: Context, approval_no: str) -> types.DescribeMNPSensitiveAPIPermissionApprovalData:
    request = sensitive_apis.DescribeMNPSensitiveAPIPermissionApproval(
        approval_no=approval_no, platform_id=ctx.platform_id
    )
    data = ctx.client.call(request).data
    if data is None:
        raise NotFoundError(request.action, "ResourceNotFound", "no such application", None)
    return data


def _approval_mnp(ctx: Context, approval_no: str) -> str | None:
    """The mini program of an application (a get by id: the detail read does not say it)."""
    request = sensitive_apis.DescribeMNPSensitiveAPIPermissionApprovalList(
        offset=0, limit=100, platform_id=ctx.platform_id
    )
    for row in ctx.client.paginate(request):
        if row.approval_no == approval_no:
            return str(row.mnp_id) if row.mnp_id else None
    return None


def _rejected(
    args: SensitiveAPIPermissionArgs, approval_no: str, reason: str | None
) -> PermissionRejectedError:
    return PermissionRejectedError(
        f"the application {approval_no} of mini program {args.mini_program_id} for sensitive "
        f"API {args.api_id} was rejected: {reason or '(no reason given)'}. To apply again, "
        "change `reason`"
    )


def _file(ctx: Context, args: SensitiveAPIPermissionArgs) -> str:
    """File a new application; returns its ApprovalNo."""
    request = sensitive_apis.CreateMNPSensitiveAPIPermissionApproval(
        api_id=args.api_id,
        apply_reason=args.reason,
        mnp_id=args.mini_program_id,
        platform_id=ctx.platform_id,
    )

    def filed() -> str | None:
        latest = _latest(ctx, args)
        processing = latest.status == PermissionStatus.PROCESSING and latest.approval_no
        return latest.approval_no if processing else None

    approval_no = send_and_await(  # the answer carries no ApprovalNo: read it back, bounded
        f"the application of mini program {args.mini_program_id} for {args.api_id} to be "
        "listed as processing",
        send=lambda: ctx.client.call(request),
        listed=filed,
        hint="CreateMNPSensitiveAPIPermissionApproval was accepted, but no application is listed.",
    )
    progress(f"applied for sensitive API {args.api_id} for {args.mini_program_id} ({approval_no})")
    return approval_no


def _existing_or_file(ctx: Context, args: SensitiveAPIPermissionArgs) -> str:
    """The ApprovalNo to manage: a live application taken over, or a new one."""
    latest = _latest(ctx, args)
    status = latest.status
    if status in (PermissionStatus.PROCESSING, PermissionStatus.APPROVED) and latest.approval_no:
        state = PermissionStatus(status).name.lower()
        progress(f"taking over the {state} application {latest.approval_no} for {args.api_id}")
        return latest.approval_no
    last = latest.approval_no if status == PermissionStatus.REJECTED else None
    if last and _detail(ctx, last).apply_reason == args.reason:
        raise _rejected(args, last, latest.reject_reason)
    return _file(ctx, args)


def _settle(ctx: Context, args: SensitiveAPIPermissionArgs, approval_no: str) -> dict[str, Any]:
    """Approve if asked, wait if asked; returns the computed outputs."""
    detail = _detail(ctx, approval_no)
    if args.auto_approve and detail.approval_status == PermissionStatus.PROCESSING:
        ctx.client.call(
            sensitive_apis.ProcessMNPSensitiveAPIPermissionApproval(
                approval_no=approval_no,
                approval_status=int(PermissionStatus.APPROVED),
                platform_id=ctx.platform_id,
                approval_note=AUTO_APPROVE_NOTE,
            )
        )
        progress(f"approved the application {approval_no} (auto_approve)")
        detail = eventually(  # the decision may take a moment to show in the reads
            ctx,
            f"the decision on application {approval_no}",
            lambda: _decided(ctx, approval_no),
            hint="",
        )
    if args.wait_for_approval and detail.approval_status == PermissionStatus.PROCESSING:
        detail = Waiter.of(ctx, args.approval_timeout, args.poll_interval).until(
            what=f"the decision on application {approval_no} for sensitive API {args.api_id}",
            look=lambda: _detail(ctx, approval_no),
            status=lambda d: _status_name(d.approval_status),
            done=lambda d: d.approval_status != PermissionStatus.PROCESSING,
            hint=(
                "The application stays open on the platform and nothing was recorded in the "
                "stack: once it is decided, `pulumi up` takes it over. Set "
                "wait_for_approval=False to record it pending instead."
            ),
        )
    if detail.approval_status == PermissionStatus.REJECTED:
        raise _rejected(args, approval_no, detail.reject_reason)
    return _computed(approval_no, detail)


def _decided(
    ctx: Context, approval_no: str
) -> types.DescribeMNPSensitiveAPIPermissionApprovalData | None:
    detail = _detail(ctx, approval_no)
    return None if detail.approval_status == PermissionStatus.PROCESSING else detail


def _status_name(status: int | None) -> str:
    try:
        return PermissionStatus(int(status or 0)).name.lower()
    except ValueError:
        return f"status {status}"


def _computed(
    approval_no: str, detail: types.DescribeMNPSensitiveAPIPermissionApprovalData
) -> dict[str, Any]:
    return {
        "approval_no": approval_no,
        "approval_status": detail.approval_status,
        "reject_reason": detail.reject_reason or None,
    }


class SensitiveAPIPermissionProvider(TcmppProvider[SensitiveAPIPermissionArgs]):
    """Apply, approve, wait and read :class:`SensitiveAPIPermission`."""

    label = "sensitive API permission"
    args_type = SensitiveAPIPermissionArgs
    replace_on = frozenset({"mini_program_id", "api_id", "reason"})
    natural_key = ("mini_program_id", "api_id")
    write_only = frozenset(
        {"reason", "auto_approve", "wait_for_approval", "approval_timeout", "poll_interval"}
    )
    computed = ("approval_no", "approval_status", "reject_reason")
    api_parameters = {
        "MNPId": ("mini_program_id",),
        "APIId": ("api_id",),
        "ApplyReason": ("reason",),
    }

    def create(self, props: dict[str, Any]) -> CreateResult:
        args = self._parse(props)
        ctx = Context.current()
        ctx.guard_write()
        approval_no = _existing_or_file(ctx, args)
        live = Live(approval_no, self.inputs_of(args), _settle(ctx, args, approval_no))
        return CreateResult(approval_no, self._outputs(live, props))

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: SensitiveAPIPermissionArgs,
        new: SensitiveAPIPermissionArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        return _settle(ctx, new, id_)  # auto_approve or waiting switched on acts on a pending one

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        try:
            detail = _detail(ctx, id_)
        except NotFoundError:
            return None
        inputs = {
            "mini_program_id": previous.get("mini_program_id") or _approval_mnp(ctx, id_),
            "api_id": detail.api_id or previous.get("api_id"),
        }
        return Live(id_, inputs, _computed(id_, detail))

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        progress(
            f"the application {id_} for sensitive API {outputs.get('api_id')} is no longer "
            "managed; the API has no withdraw action, so a granted permission stays granted"
        )


class SensitiveAPIPermission(TcmppResource, module="tcmpp", name="SensitiveAPIPermission"):
    """A mini program's permission to call a restricted sensitive API.

    ## Example Usage

    ```python
    tcmpp.SensitiveAPIPermission(
        "pickup-phone", mini_program_id=mnp.id, api_id=get_phone.api_id,
        reason="Couriers call the customer", auto_approve=True,
    )
    ```
    """

    _provider_type = SensitiveAPIPermissionProvider
    _id_output = "approval_no"

    mini_program_id: pulumi.Output[str]
    api_id: pulumi.Output[str]
    reason: pulumi.Output[str]
    auto_approve: pulumi.Output[bool]
    wait_for_approval: pulumi.Output[bool]
    approval_timeout: pulumi.Output[float | None]
    poll_interval: pulumi.Output[float | None]
    approval_no: pulumi.Output[str]
    approval_status: pulumi.Output[int]
    reject_reason: pulumi.Output[str | None]
    managed: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        mini_program_id: pulumi.Input[str],
        api_id: pulumi.Input[str],
        reason: pulumi.Input[str],
        auto_approve: pulumi.Input[bool] = False,
        wait_for_approval: pulumi.Input[bool] = True,
        approval_timeout: pulumi.Input[float] | None = None,
        poll_interval: pulumi.Input[float] | None = None,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a mini program's permission to call a restricted sensitive API.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param mini_program_id: MNPId of the mini program. Forces a replace.
        :param api_id: APIId of the sensitive API. Forces a replace.
        :param reason: Why the mini program needs the API, shown to the reviewer (1-500 characters).
            Forces a replace (a new application if the last one was rejected).
        :param auto_approve: Approve the application in the same run (the stack's credentials need
            platform-admin rights).
        :param wait_for_approval: Wait until the application is decided; False records it pending.
        :param approval_timeout: Seconds to wait for the decision (default: tcmpp:operationTimeout).
        :param poll_interval: Longest pause between two looks at the application, in seconds.
        :param connection: Where the settings come from (a Connection: a config namespace, an
            environment prefix, a tccli profile, a platform id, endpoint or back end); the stack's
            tcmpp:* settings when unset. Names only: no credential is ever stored. Reaching another
            platform forces a replace.
        :param opts: Options for the resource (``depends_on``, ``protect``, ``parent``...).
        """
        props = declare_props(
            SensitiveAPIPermissionProvider,
            mini_program_id=mini_program_id,
            api_id=api_id,
            reason=reason,
            auto_approve=auto_approve,
            wait_for_approval=wait_for_approval,
            approval_timeout=approval_timeout,
            poll_interval=poll_interval,
            connection=connection,
        )
        self._register(resource_name, props, opts)
