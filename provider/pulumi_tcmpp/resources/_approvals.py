"""The approval of a mini program version: submit it, approve it as a platform admin, wait.

CreateMNPApproval(submit) asks every application bound through the mini program team's
application team to accept the version; ProcessMNPApproval decides per application (one
ApprovalItem each); the version's approval state is read back from
DescribeMNPAllStageVersions. Who decided what, and the reviewers' notes, are only in
DescribeMNPApprovalList, which cannot filter by mini program id: it is searched by the mini
program's name and filtered by ApprovalNo.

An undecided approval may be reported as 0 ("Pending") or 1 ("Processing"): both are read as
in approval. A submitted approval may take a moment to show in the reads (no page promises
read-after-write): the provider waits for it, bounded, and never submits twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp._text import plural
from pulumi_tcmpp.errors import TcmppError
from pulumi_tcmpp.resources._creates import send_and_await
from pulumi_tcmpp.resources._polling import Waiter, progress
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources._versions import (
    UNDECIDED,
    ApprovalStatus,
    VersionEntry,
    VersionTable,
)

if TYPE_CHECKING:
    from pulumi_tcmpp.api import mini_programs, releases, types
else:  # API models load with the first call (a program or a check never needs them)
    mini_programs = deferred_module("pulumi_tcmpp.api.mini_programs")
    releases = deferred_module("pulumi_tcmpp.api.releases")
    types = deferred_module("pulumi_tcmpp.api.types")

__all__ = ["ApprovalRejectedError", "approve", "await_decision", "rejection_text", "submit"]

AUTO_APPROVE_NOTE = "Approved by pulumi-tcmpp (auto_approve)"


class ApprovalRejectedError(TcmppError):
    """A reviewer rejected the version; the message carries the reviewers' notes."""


def submit(ctx: Context, mnp_id: str, entry: VersionEntry) -> VersionEntry:
    """Submit ``entry`` for approval; returns it as the table shows it afterwards."""
    request = releases.CreateMNPApproval(
        mnp_version_id=entry.version_id, apply_action="submit", platform_id=ctx.platform_id
    )
    after = send_and_await(  # the answer may carry no ApprovalNo: read it back, bounded
        f"{entry.label} of mini program {mnp_id} to be listed as in approval",
        send=lambda: ctx.client.call(request),
        listed=lambda: _in_approval(ctx, mnp_id, entry),
        hint="CreateMNPApproval was accepted, but the version is not listed as in approval.",
    )
    progress(f"submitted {after.label} of {mnp_id} for approval ({after.approval_no})")
    return after


def _in_approval(ctx: Context, mnp_id: str, entry: VersionEntry) -> VersionEntry | None:
    """The version as the table shows it, if it is in approval or decided since."""
    after = VersionTable.read(ctx, mnp_id).by_id(entry.version_id)
    live = (ApprovalStatus.PROCESSING, ApprovalStatus.REJECTED, ApprovalStatus.APPROVED)
    return after if after is not None and after.approval_status in live else None


def _rows(ctx: Context, mnp_id: str, approval_no: str) -> list[types.DescribeMNPApprovalListData]:
    """The per-application rows of one approval."""
    detail = ctx.client.call(
        mini_programs.DescribeMNP(mnp_id=mnp_id, platform_id=ctx.platform_id)
    ).data
    name = detail.mnp_name if detail is not None else None
    for keyword in ([name] if name else []) + [None]:
        request = releases.DescribeMNPApprovalList(
            offset=0, limit=100, platform_id=ctx.platform_id, keyword=keyword
        )
        rows = [r for r in ctx.client.paginate(request) if r.approval_no == approval_no]
        if rows:
            return rows
    return []


def approve(ctx: Context, mnp_id: str, entry: VersionEntry) -> None:
    """Approve the version for every application still deciding (needs platform-admin rights)."""
    pending = [
        r.application_id
        for r in _rows(ctx, mnp_id, entry.approval_no)
        if r.application_id and r.approval_status in UNDECIDED
    ]
    if not pending:
        return
    items = [
        types.ApprovalItem(
            app_id=app_id,
            approval_result=int(ApprovalStatus.APPROVED),
            approval_note=AUTO_APPROVE_NOTE,
        )
        for app_id in pending
    ]
    ctx.client.call(
        releases.ProcessMNPApproval(
            approval_no=entry.approval_no, platform_id=ctx.platform_id, approval_items=items
        )
    )
    apps = plural(len(items), "application")
    progress(f"approved {entry.label} of {mnp_id} for {apps} (auto_approve)")


def rejection_text(ctx: Context, mnp_id: str, entry: VersionEntry) -> str:
    """The reviewers' notes of a rejected approval, one per rejecting application."""
    notes = [
        f"{r.application_name or r.application_id}: {r.approval_note or '(no note)'}"
        for r in _rows(ctx, mnp_id, entry.approval_no)
        if r.approval_status == ApprovalStatus.REJECTED
    ]
    return "; ".join(notes) or "(no note)"


def rejected(ctx: Context, mnp_id: str, entry: VersionEntry) -> ApprovalRejectedError:
    """The error for a rejected version, with the reviewers' notes."""
    return ApprovalRejectedError(
        f"the approval {entry.approval_no} of {entry.label} of mini program {mnp_id} was "
        f"rejected: {rejection_text(ctx, mnp_id, entry)}. Nothing was released; fix what the "
        "reviewers ask for in a new version and release that one"
    )


def await_decision(ctx: Context, mnp_id: str, entry: VersionEntry, waiter: Waiter) -> VersionEntry:
    """Wait until the version's approval is decided; returns it approved, or raises."""
    decided = waiter.until(
        what=f"the approval {entry.approval_no} of {entry.label} of mini program {mnp_id}",
        look=lambda: VersionTable.read(ctx, mnp_id).by_id(entry.version_id),
        status=lambda e: ApprovalStatus(e.approval_status).name.lower() if e else "gone",
        done=lambda e: e is None or e.approval_status != ApprovalStatus.PROCESSING,
        hint=(
            "The approval stays open on the platform and nothing was released: have it "
            "approved (or set auto_approve=True when the stack runs with platform-admin "
            "rights) and run `pulumi up` again; the wait resumes where it is."
        ),
    )
    if decided is None:
        raise TcmppError(f"{entry.label} of mini program {mnp_id} disappeared during its approval")
    if decided.approval_status == ApprovalStatus.REJECTED:
        raise rejected(ctx, mnp_id, decided)
    if decided.approval_status == ApprovalStatus.CANCELLED:
        raise TcmppError(
            f"the approval {decided.approval_no} of {decided.label} of mini program {mnp_id} "
            "was cancelled; nothing was released. Run `pulumi up` to submit it again"
        )
    progress(f"{decided.label} of {mnp_id} is approved ({decided.approval_no})")
    return decided
