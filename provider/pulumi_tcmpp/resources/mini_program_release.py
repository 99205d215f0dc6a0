"""MiniProgramRelease: which version of a mini program is online (and, optionally, its preview).

API mapping. Going to a version that was never online: CreateMNPApproval(submit), optionally
ProcessMNPApproval (``auto_approve``, one ApprovalItem per application, platform-admin rights
needed), a wait until DescribeMNPAllStageVersions shows the approval decided, then
ReleaseMNPVersion. Going back to a version that was online before (listed by
DescribeMNPReleasedVersionHistory): RollbackMNPVersion. The optional preview version is set
with ConfigureMNPPreview. Everything that can be known before writing (the version exists, is
greater than the online one, no other approval is in progress, no earlier rejection) is read
first: a refused release writes nothing.

Every step starts from what the platform shows, so a run that stopped waiting (timeout) is
resumed by the next ``up``: an approval in progress is waited for, not submitted again.

Delete stops managing: the online version stays online (a mini program does not go offline
because a resource left the program). Set ``remove_on_delete=True`` to take the mini program
off the shelf (RemoveMNP) when the release is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pulumi
from pulumi.dynamic import CreateResult
from pydantic import Field, PositiveFloat

from pulumi_tcmpp import rules
from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import ApiError, NotFoundError, TcmppError
from pulumi_tcmpp.resources._approvals import approve, await_decision, rejected, submit
from pulumi_tcmpp.resources._inputs import GET_MARKER, NonEmpty, ResourceArgs, VersionNumber
from pulumi_tcmpp.resources._polling import Waiter, WaitTimeoutError, eventually, progress
from pulumi_tcmpp.resources._preview import Preview, apply_preview, read_preview
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources._versions import (
    ApprovalStatus,
    VersionEntry,
    VersionTable,
    released_versions,
    version_key,
)

if TYPE_CHECKING:
    from pulumi_tcmpp.api import mini_programs, releases
else:  # API models load with the first call (a program or a check never needs them)
    mini_programs = deferred_module("pulumi_tcmpp.api.mini_programs")
    releases = deferred_module("pulumi_tcmpp.api.releases")

__all__ = ["MiniProgramRelease", "MiniProgramReleaseArgs", "MiniProgramReleaseProvider"]


class MiniProgramReleaseArgs(ResourceArgs):
    """Inputs of a :class:`MiniProgramRelease`."""

    cross_rules = (rules.PREVIEW_PATH_NEEDS_VERSION,)

    mini_program_id: NonEmpty = Field(description="MNPId of the mini program. Forces a replace.")
    version: VersionNumber = Field(description="The version number to have online, e.g. 1.0.3.")
    auto_approve: bool = Field(
        False,
        description="Approve the version for every application in the same run (the stack's "
        "credentials need platform-admin rights).",
    )
    approval_timeout: PositiveFloat | None = Field(
        None, description="Seconds to wait for the approval (default: tcmpp:operationTimeout)."
    )
    poll_interval: PositiveFloat | None = Field(
        None, description="Longest pause between two looks at the approval, in seconds."
    )
    preview_version: VersionNumber | None = Field(
        None, description="A version to make the preview version (testers open it by QR code)."
    )
    preview_entrance_path: NonEmpty | None = Field(
        None, description="Page the preview opens at, e.g. pages/index/index?from=qa."
    )
    remove_on_delete: bool = Field(
        False, description="On delete, take the mini program off the shelf (RemoveMNP)."
    )


@dataclass(frozen=True)
class Plan:
    """What going online takes, decided from reads only."""

    target: VersionEntry
    step: str
    """``online`` (nothing to do), ``rollback`` or ``release``."""


def _missing(number: str, mnp_id: str, what: str) -> TcmppError:
    return TcmppError(
        f"{what} {number} of mini program {mnp_id} does not exist on the platform: build it "
        "with MiniProgramVersion first; nothing was written"
    )


def plan_release(ctx: Context, table: VersionTable, args: MiniProgramReleaseArgs) -> Plan:
    """Decide how ``args.version`` goes online, or raise before anything is written."""
    mnp_id = args.mini_program_id
    target = table.find(args.version)
    if target is None:
        raise _missing(args.version, mnp_id, "version")
    if args.preview_version is not None and table.find(args.preview_version) is None:
        raise _missing(args.preview_version, mnp_id, "preview version")
    online = table.online()
    if online is not None and online.version_id == target.version_id:
        return Plan(target, "online")
    if args.version in released_versions(ctx, mnp_id):
        return Plan(target, "rollback")
    if online is not None and version_key(args.version) <= version_key(online.number):
        raise TcmppError(
            f"version {args.version} cannot go online: it is not greater than the online "
            f"version {online.number} of mini program {mnp_id} and was never released, and "
            "the platform only releases greater versions or rolls back to released ones; "
            "nothing was written"
        )
    busy = table.in_approval()
    if busy is not None and busy.version_id != target.version_id:
        raise TcmppError(
            f"{busy.label} of mini program {mnp_id} is in approval ({busy.approval_no}) and the "
            "platform allows one approval at a time: have it decided or cancelled "
            "(CreateMNPApproval ApplyAction=cancel), then run `pulumi up` again; nothing was "
            "written"
        )
    if target.approval_status == ApprovalStatus.REJECTED:
        raise rejected(ctx, mnp_id, target)
    return Plan(target, "release")


def _approved(ctx: Context, args: MiniProgramReleaseArgs, target: VersionEntry) -> VersionEntry:
    """Submit (unless already in approval or approved), approve if asked, wait."""
    mnp_id = args.mini_program_id
    entry = target
    if entry.approval_status in (ApprovalStatus.NONE, ApprovalStatus.CANCELLED):
        entry = submit(ctx, mnp_id, entry)
    if entry.approval_status == ApprovalStatus.APPROVED:
        return entry
    if args.auto_approve and entry.approval_status == ApprovalStatus.PROCESSING:
        approve(ctx, mnp_id, entry)
    waiter = Waiter.of(ctx, args.approval_timeout, args.poll_interval)
    return await_decision(ctx, mnp_id, entry, waiter)


_DONE_ALREADY = ("FailedOperation.MNPVersionReleased", "FailedOperation")
"""Refusals a retried release (or rollback) gets when its first attempt went through."""


def _confirm_online(ctx: Context, mnp_id: str, target: VersionEntry, error: ApiError) -> None:
    """After a refused (or retried) release/rollback: fine only if the target is online now.

    When the refusal may come from a first attempt whose answer was lost, the reads get a
    moment to show it (they may trail the write); any other refusal is checked once.
    """

    def online_now() -> bool | None:
        online = VersionTable.read(ctx, mnp_id).online()
        return True if online is not None and online.version_id == target.version_id else None

    if error.code not in _DONE_ALREADY:
        if not online_now():
            raise error
        return
    try:
        eventually(ctx, f"{target.label} of mini program {mnp_id} online", online_now, hint="")
    except WaitTimeoutError:
        raise error from None


def go_online(ctx: Context, args: MiniProgramReleaseArgs, plan: Plan) -> VersionEntry:
    """Carry out the plan; returns the target as it is once online."""
    mnp_id, target = args.mini_program_id, plan.target
    if plan.step == "rollback":
        progress(f"rolling mini program {mnp_id} back to {target.label}")
        request: Any = releases.RollbackMNPVersion(
            mnp_id=mnp_id,
            mnp_version_id=target.version_id,
            platform_id=ctx.platform_id,
            mnp_version=target.number,
        )
    elif plan.step == "release":
        target = _approved(ctx, args, target)
        progress(f"releasing {target.label} of mini program {mnp_id}")
        request = releases.ReleaseMNPVersion(
            mnp_version_id=target.version_id, platform_id=ctx.platform_id
        )
    else:
        return target
    try:
        ctx.client.call(request)
    except ApiError as exc:  # e.g. a retry of a release whose first answer was lost
        _confirm_online(ctx, mnp_id, target, exc)
    progress(f"{target.label} of mini program {mnp_id} is online")
    return VersionTable.read(ctx, mnp_id).by_id(target.version_id) or target


def _computed(online: VersionEntry, preview: Preview) -> dict[str, Any]:
    return {
        "version_id": online.version_id,
        "approval_no": online.approval_no or None,
        "approval_status": online.approval_status,
        "preview_version_id": preview.version_id,
        "preview_qr_code_url": preview.qr_code_url,
    }


class MiniProgramReleaseProvider(TcmppProvider[MiniProgramReleaseArgs]):
    """Approve, release, roll back and read :class:`MiniProgramRelease`."""

    label = "mini program release"
    args_type = MiniProgramReleaseArgs
    replace_on = frozenset({"mini_program_id"})
    natural_key = ("mini_program_id",)
    write_only = frozenset(
        {"auto_approve", "approval_timeout", "poll_interval", "remove_on_delete"}
    )
    computed = (
        "version_id",
        "approval_no",
        "approval_status",
        "preview_version_id",
        "preview_qr_code_url",
    )
    api_parameters = {
        "MNPId": ("mini_program_id",),
        "MNPVersion": ("version",),
        "MNPVersionId": ("version", "preview_version"),
        "PreivewEntrancePath": ("preview_entrance_path",),
    }

    def create(self, props: dict[str, Any]) -> CreateResult:
        args = self._parse(props)
        ctx = Context.current()
        ctx.guard_write()
        computed = self._converge(ctx, None, args)
        live = Live(args.mini_program_id, self.inputs_of(args), computed)
        return CreateResult(live.id, self._outputs(live, props))

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: MiniProgramReleaseArgs,
        new: MiniProgramReleaseArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        return self._converge(ctx, old, new)

    def _converge(
        self, ctx: Context, old: MiniProgramReleaseArgs | None, args: MiniProgramReleaseArgs
    ) -> dict[str, Any]:
        """Plan from reads, then go online and set the preview."""
        table = VersionTable.read(ctx, args.mini_program_id)
        plan = plan_release(ctx, table, args)
        online = go_online(ctx, args, plan)
        if plan.step != "online":
            table = VersionTable.read(ctx, args.mini_program_id)
        old_preview = old.preview_version if old else None
        same_preview = old is not None and (old.preview_version, old.preview_entrance_path) == (
            args.preview_version,
            args.preview_entrance_path,
        )
        if same_preview:
            preview = read_preview(ctx, table) if args.preview_version else Preview()
        else:
            preview = apply_preview(
                ctx, table, args.preview_version, args.preview_entrance_path, old_preview
            )
        return _computed(online, preview)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        mnp_id = str(previous.get("mini_program_id") or id_)
        try:
            table = VersionTable.read(ctx, mnp_id)
        except NotFoundError:
            return None
        online = table.online()
        if online is None:
            return None
        inputs: dict[str, Any] = {"mini_program_id": mnp_id, "version": online.number}
        preview = Preview()
        if previous.get("preview_version") is not None or previous.get(GET_MARKER):
            preview = read_preview(ctx, table)
            inputs["preview_version"] = preview.version
            inputs["preview_entrance_path"] = preview.entrance_path
        return Live(id_, inputs, _computed(online, preview))

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        mnp_id = str(outputs.get("mini_program_id") or id_)
        if outputs.get("remove_on_delete"):
            ctx.client.call(mini_programs.RemoveMNP(mnp_id=mnp_id, platform_id=ctx.platform_id))
            progress(f"took mini program {mnp_id} off the shelf (remove_on_delete)")
            return
        progress(
            f"the release of mini program {mnp_id} is no longer managed; version "
            f"{outputs.get('version')} stays online (set remove_on_delete=True to take it "
            "off the shelf on delete)"
        )


class MiniProgramRelease(TcmppResource, module="tcmpp", name="MiniProgramRelease"):
    """The online version of a mini program, shipped through approval.

    ## Example Usage

    ```python
    release = tcmpp.MiniProgramRelease(
        "pickup-online", mini_program_id=mnp.id, version=v2.version, auto_approve=True,
    )
    ```
    """

    _provider_type = MiniProgramReleaseProvider

    mini_program_id: pulumi.Output[str]
    version: pulumi.Output[str]
    version_id: pulumi.Output[int]
    approval_no: pulumi.Output[str | None]
    approval_status: pulumi.Output[int]
    auto_approve: pulumi.Output[bool]
    approval_timeout: pulumi.Output[float | None]
    poll_interval: pulumi.Output[float | None]
    preview_version: pulumi.Output[str | None]
    preview_entrance_path: pulumi.Output[str | None]
    preview_version_id: pulumi.Output[int | None]
    preview_qr_code_url: pulumi.Output[str | None]
    remove_on_delete: pulumi.Output[bool]
    managed: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        *,
        mini_program_id: pulumi.Input[str],
        version: pulumi.Input[str],
        auto_approve: pulumi.Input[bool] = False,
        approval_timeout: pulumi.Input[float] | None = None,
        poll_interval: pulumi.Input[float] | None = None,
        preview_version: pulumi.Input[str] | None = None,
        preview_entrance_path: pulumi.Input[str] | None = None,
        remove_on_delete: pulumi.Input[bool] = False,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare the online version of a mini program, shipped through approval.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param mini_program_id: MNPId of the mini program. Forces a replace.
        :param version: The version number to have online, e.g. 1.0.3.
        :param auto_approve: Approve the version for every application in the same run (the stack's
            credentials need platform-admin rights).
        :param approval_timeout: Seconds to wait for the approval (default: tcmpp:operationTimeout).
        :param poll_interval: Longest pause between two looks at the approval, in seconds.
        :param preview_version: A version to make the preview version (testers open it by QR code).
        :param preview_entrance_path: Page the preview opens at, e.g. pages/index/index?from=qa.
        :param remove_on_delete: On delete, take the mini program off the shelf (RemoveMNP).
        :param connection: Where the settings come from (a Connection: a config namespace, an
            environment prefix, a tccli profile, a platform id, endpoint or back end); the stack's
            tcmpp:* settings when unset. Names only: no credential is ever stored. Reaching another
            platform forces a replace.
        :param opts: Options for the resource (``depends_on``, ``protect``, ``parent``...).
        """
        props = declare_props(
            MiniProgramReleaseProvider,
            mini_program_id=mini_program_id,
            version=version,
            auto_approve=auto_approve,
            approval_timeout=approval_timeout,
            poll_interval=poll_interval,
            preview_version=preview_version,
            preview_entrance_path=preview_entrance_path,
            remove_on_delete=remove_on_delete,
            connection=connection,
        )
        self._register(resource_name, props, opts)
