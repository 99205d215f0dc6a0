"""Sensitive APIs of applications and mini programs' permission requests for them."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    BooleanInfo,
    CreateApplicationSensitiveAPIReq,
    DescribeApplicationSensitiveAPIListResp,
    DescribeMNPSensitiveAPIPermissionApprovalData,
    DescribeMNPSensitiveAPIPermissionApprovalListResp,
    DescribeMNPSensitiveAPIPermissionListResp,
    ResourceIdStringInfo,
)

__all__ = [
    "CreateApplicationSensitiveAPI",
    "CreateMNPSensitiveAPIPermissionApproval",
    "DeleteApplicationSensitiveAPI",
    "DescribeApplicationSensitiveAPIList",
    "DescribeMNPSensitiveAPIPermissionApproval",
    "DescribeMNPSensitiveAPIPermissionApprovalList",
    "DescribeMNPSensitiveAPIPermissionList",
    "DisableApplicationSensitiveAPI",
    "EnableApplicationSensitiveAPI",
    "ProcessMNPSensitiveAPIPermissionApproval",
]


class CreateApplicationSensitiveAPI(Request[BooleanInfo]):
    """Create a sensitive API of an application.

    Returns only BooleanInfo (**no APIId**): find it with
    DescribeApplicationSensitiveAPIList(ApplicationId, Keyword=APIName). There is no Modify
    action: APIName/APIDesc/APIType are immutable.
    """

    application_id: str = wire(description="Application ID")
    api_list: list[CreateApplicationSensitiveAPIReq] = wire(
        alias="APIList", description="List of newly-added APIs"
    )
    platform_id: str = wire(description="Platform ID")


class DescribeApplicationSensitiveAPIList(Request[DescribeApplicationSensitiveAPIListResp]):
    """List sensitive APIs of an application.

    No get-by-id for an API: list and match APIId. ApplicationId is required here.
    """

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    application_id: str = wire(description="Application ID")
    keyword: str | None = wire(None, description="Keywords for search (API name or method)")
    team_id: str | None = wire(None, description="Team ID")


class EnableApplicationSensitiveAPI(Request[BooleanInfo]):
    """Set an application sensitive API to public.

    Sets Status 0 (public).
    """

    platform_id: str = wire(description="Platform ID")
    api_id: str = wire(alias="APIId", description="API ID")


class DisableApplicationSensitiveAPI(Request[BooleanInfo]):
    """Set a sensitive API to Restricted.

    Sets Status 1 (restricted).
    """

    platform_id: str = wire(description="Platform ID")
    api_id: str = wire(alias="APIId", description="API ID")


class DeleteApplicationSensitiveAPI(Request[BooleanInfo]):
    """Delete a sensitive API."""

    api_id: str = wire(alias="APIId", description="API ID")
    platform_id: str = wire(description="Platform ID")


class DescribeMNPSensitiveAPIPermissionList(Request[DescribeMNPSensitiveAPIPermissionListResp]):
    """Query the list of sensitive APIs that available to a mini program."""

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")
    application_id: str | None = wire(None, description="Application ID")
    keyword: str | None = wire(None, description="Keywords for search (API name)")


class CreateMNPSensitiveAPIPermissionApproval(Request[ResourceIdStringInfo]):
    """Create a permission request to allow a mini program calling sensitive APIs.

    Data is typed ResourceIdStringInfo, but the doc example returns `"Data": {}`: do not rely on
    it; read ApprovalNo from DescribeMNPSensitiveAPIPermissionList (MNPId, match APIId).
    """

    api_id: str = wire(alias="APIId", description="API Id")
    apply_reason: str = wire(description="Reason for application")
    mnp_id: str = wire(alias="MNPId", description="Mini program ID")
    platform_id: str = wire(description="Platform ID")


class DescribeMNPSensitiveAPIPermissionApproval(
    Request[DescribeMNPSensitiveAPIPermissionApprovalData]
):
    """Query details of a specific permission request to call sensitive APIs."""

    approval_no: str = wire(description="Approval request number")
    platform_id: str = wire(description="Platform ID")


class DescribeMNPSensitiveAPIPermissionApprovalList(
    Request[DescribeMNPSensitiveAPIPermissionApprovalListResp]
):
    """Query permission requests to allow a mini program calling sensitive APIs."""

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    approval_status_list: list[int] | None = wire(
        None, description="Approval status. 1: Processing; 20: Rejected; 30: Approved"
    )
    keyword: str | None = wire(
        None, description=("Keywords for search (API name, API method or application name)")
    )


class ProcessMNPSensitiveAPIPermissionApproval(Request[BooleanInfo]):
    """Approve or reject the sensitive API permission application.

    ApprovalStatus 20 reject / 30 approve.
    """

    approval_no: str = wire(description="Approval ID")
    approval_status: int = wire(description="Approval status. 20: Rejected; 30: Approved")
    platform_id: str = wire(description="Platform ID")
    approval_note: str | None = wire(None, description="Approval notes")
