"""Mini program versions, approvals, previews, releases and rollbacks."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    ApprovalItem,
    BooleanInfo,
    CreateMNPApprovalResp,
    CreateMNPVersionResp,
    DescribeMNPApprovalListResp,
    DescribeMNPPreviewResp,
    DescribeMNPVersionResp,
    DescribeMPAllStageVersionsResp,
    DescribeRevertOnlineVersionPageResp,
)

__all__ = [
    "ConfigureMNPPreview",
    "CreateMNPApproval",
    "CreateMNPVersion",
    "DescribeMNPAllStageVersions",
    "DescribeMNPApprovalList",
    "DescribeMNPPreview",
    "DescribeMNPReleasedVersionHistory",
    "DescribeMNPVersion",
    "ProcessMNPApproval",
    "ReleaseMNPVersion",
    "RollbackMNPVersion",
]


class CreateMNPVersion(Request[CreateMNPVersionResp]):
    """Create a mini program version.

    Asynchronous: Data.TaskId; poll DescribeMNPVersion(BusinessId=TaskId). FileUrl must be a
    downloadable package URL.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    mnp_version: str = wire(alias="MNPVersion", description="Version number")
    file_url: str = wire(
        description=(
            "Address of the mini program package. You can export the package from IDE and ..."
        )
    )
    platform_id: str = wire(description="Platform ID")
    mnp_version_intro: str = wire(alias="MNPVersionIntro", description="Version introduction")
    version_type: int | None = wire(None, only="tcsas", description="Version type (tcsas only)")
    compile_condition: str | None = wire(
        None, only="tcsas", description="Compile condition (tcsas only)"
    )
    compile_config: str | None = wire(
        None, only="tcsas", description="Compile configuration (tcsas only)"
    )
    pipeline_id: str | None = wire(None, only="tcsas", description="Pipeline ID (tcsas only)")
    file_inner_url: str | None = wire(
        None, only="tcsas", description="Internal package URL (tcsas only)"
    )


class DescribeMNPVersion(Request[DescribeMNPVersionResp]):
    """Query the result of the task to create a mini program version.

    TaskStatus 1 pending, 20 running, 30 failed, 60 succeeded. tcmpp Data has no MNPVersionId
    (tcsas adds it): find it in DescribeMNPAllStageVersions.
    """

    business_id: str = wire(description="ID of the task to create a mini program version")
    platform_id: str = wire(description="Platform ID")
    pipeline_id: str | None = wire(None, only="tcsas", description="Pipeline ID (tcsas only)")


class DescribeMNPAllStageVersions(Request[list[DescribeMPAllStageVersionsResp]]):
    """Query the mini program version management information.

    Unpaged; one row per version and phase (Develop/Platform/Online); carries MNPVersionId and
    ApprovalNo.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")


class ConfigureMNPPreview(Request[BooleanInfo]):
    """Configure the preview version of a mini program.

    ActionType 1 set / 2 cancel. Param is really spelled `PreivewEntrancePath` on the wire; the
    read side (DescribeMNPPreview) says `PreviewEntrancePath`.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    action_type: int = wire(description="1: Set; 2: Cancel")
    mnp_version_id: int = wire(alias="MNPVersionId", description="Mini program version ID")
    platform_id: str = wire(description="Platform ID")
    preview_entrance_path: str | None = wire(
        None, alias="PreivewEntrancePath", description="Path to the preview page"
    )


class DescribeMNPPreview(Request[DescribeMNPPreviewResp]):
    """Query the details of a mini program preview version."""

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    mnp_version_id: int = wire(alias="MNPVersionId", description="Mini program version ID")
    platform_id: str = wire(description="Platform ID")


class CreateMNPApproval(Request[CreateMNPApprovalResp]):
    """Create a mini program approval request.

    ApplyAction `submit` or `cancel`. tcmpp returns BooleanInfo only (ApprovalNo via
    DescribeMNPAllStageVersions); tcsas returns ApprovalNo.
    """

    mnp_version_id: int = wire(alias="MNPVersionId", description="Mini program version ID")
    apply_action: str = wire(
        description=("submit: Submit an approval request; cancel: Cancel the approval request")
    )
    platform_id: str = wire(description="Platform ID")


class DescribeMNPApprovalList(Request[DescribeMNPApprovalListResp]):
    """List the approval requests related with a mini program version.

    No MNPId filter (Keyword = mini program name).
    """

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    approval_status_list: list[int] | None = wire(
        None, description=("Approval status. 1: Processing; 2: Rejected; 3: Approved; 4 Cancelled")
    )
    keyword: str | None = wire(None, description="Keywords of the mini program name to search")
    application_id: str | None = wire(None, description="Application ID")
    team_id: str | None = wire(None, description="Team ID")


class ProcessMNPApproval(Request[BooleanInfo]):
    """Approve or reject the release of a mini program version.

    One ApprovalItem per application (AppId = ApplicationId); ApprovalResult 2 reject / 3
    approve; ApprovalNote needed when rejecting.
    """

    approval_no: str = wire(description="Approval ID")
    platform_id: str = wire(description="Platform ID")
    approval_items: list[ApprovalItem] = wire(description="Approval details")


class ReleaseMNPVersion(Request[BooleanInfo]):
    """Release a mini program version."""

    mnp_version_id: int = wire(alias="MNPVersionId", description="Mini program version ID")
    platform_id: str = wire(description="Platform ID")


class RollbackMNPVersion(Request[BooleanInfo]):
    """Rollback a mini program online version.

    Target MNPVersionId/MNPVersion from DescribeMNPReleasedVersionHistory.
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    mnp_version_id: int = wire(alias="MNPVersionId", description="Mini program version ID")
    platform_id: str = wire(description="Platform ID")
    mnp_version: str = wire(alias="MNPVersion", description="Mini program version number")


class DescribeMNPReleasedVersionHistory(Request[DescribeRevertOnlineVersionPageResp]):
    """List all released versions of a mini program.

    Unpaged request, paged-looking Data (TotalCount + DataList).
    """

    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")
