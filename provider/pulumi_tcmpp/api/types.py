"""The nested data types of the TCMPP API: response objects and request items.

Names are the vendor SDK's type names, so each class can be found in
``tencentcloud.tcmpp.v20240801.models`` (and its tcsas twin). Fields a back end lacks say so
with ``only=``; tcsas spellings of renamed fields are given by ``tcsas_alias=``.

A type is defined before the types that contain it, so every model's fields are complete
when its class is created: models are built lazily (``defer_build``), and nothing needs a
rebuild at import time (see benchmarks/import_time.py).
"""

from __future__ import annotations

from pulumi_tcmpp.api._base import Data, Input, wire

__all__ = [
    "AgeRatingItem",
    "AgeRatingItemReq",
    "ApplicationDetail",
    "ApplicationInfo",
    "ApplicationMNPRelInfoResp",
    "ApplicationPageInfo",
    "ApprovalItem",
    "BooleanInfo",
    "CreateApplicationSensitiveAPIReq",
    "CreateDomainParam",
    "CreateGlobalDomainResp",
    "CreateMNPApprovalResp",
    "CreateMNPVersionResp",
    "CreateTeamMemberInfoReq",
    "DescribeApplicationSensitiveAPIListData",
    "DescribeApplicationSensitiveAPIListResp",
    "DescribeDomainInfoParam",
    "DescribeGlobalDomainsListData",
    "DescribeGlobalDomainsResp",
    "DescribeMNPApprovalListData",
    "DescribeMNPApprovalListResp",
    "DescribeMNPListData",
    "DescribeMNPListResp",
    "DescribeMNPManagerDetailData",
    "DescribeMNPPreviewResp",
    "DescribeMNPSensitiveAPIPermissionApprovalData",
    "DescribeMNPSensitiveAPIPermissionApprovalListData",
    "DescribeMNPSensitiveAPIPermissionApprovalListResp",
    "DescribeMNPSensitiveAPIPermissionListData",
    "DescribeMNPSensitiveAPIPermissionListResp",
    "DescribeMNPVersionResp",
    "DescribeMPAllStageVersionsResp",
    "DescribeRevertOnlineVersionPageResp",
    "DescribeRoleListData",
    "DescribeRoleListResp",
    "DescribeSimpleTeamListResp",
    "DescribeTeamDetailResp",
    "DescribeTeamListInfoResp",
    "DescribeTeamMemberInfoResp",
    "DescribeTeamMemberListPageResp",
    "DescribeTeamMembersInfoPageResp",
    "DescribeTeamMembersInfoResp",
    "DescribeTeamPageResp",
    "DescribeUserDetailResp",
    "DescribeUserListData",
    "DescribeUserListResp",
    "DownloadApplicationConfigResp",
    "GlobalDomainCheckResp",
    "GlobalDomainDeleteResp",
    "GlobalDomainModifyRespResp",
    "MNPDetailI18nVO",
    "MNPI18NSyncDto",
    "MNPTypeDefine",
    "MNPVersionSubPackageInfo",
    "PresetResp",
    "QueryOnlineVersionResp",
    "ResourceIdInfo",
    "ResourceIdStringInfo",
    "SimpleStringKeyValue",
    "StringData",
    "TeamAdminUserInfo",
    "UploadFileTempSecret",
]


class ApplicationMNPRelInfoResp(Data):
    """Information of bound applications."""

    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_icon: str | None = wire(None, alias="MNPIcon", description="Mini program icon")
    mnp_type: str | None = wire(None, alias="MNPType", description="Mini program type")
    mnp_intro: str | None = wire(None, alias="MNPIntro", description="Introduction")
    mnp_desc: str | None = wire(None, alias="MNPDesc", description="Description")
    effect_status: int | None = wire(
        None, description="Effectiveness. 1: Not effective 2: Effective"
    )
    effect_mnp_version: str | None = wire(
        None, alias="EffectMNPVersion", description="Effective version"
    )
    mnp_online_version: str | None = wire(
        None, alias="MNPOnlineVersion", description="Online version"
    )
    online_status: int | None = wire(None, description="0: Not released; 1: Released")


class AgeRatingItem(Data):
    """Age rating information (tcsas only)."""

    standard_id: str | None = wire(
        None, description="Age rating standard. apple: Apple; iarc: Android"
    )
    age_rating: int | None = wire(None, description="Applicable age for age rating")
    label: str | None = wire(None, description="Age rating label")


class MNPDetailI18nVO(Data):
    """Mini program multilingual information (tcsas only)."""

    id: int | None = wire(None, alias="ID", description="Language ID")
    lang: str | None = wire(None, description="Language type")
    is_default: int | None = wire(
        None, description="Whether this is the default language. 0: No; 1: Yes"
    )
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_intro: str | None = wire(None, alias="MNPIntro", description="Mini program introduction")


class MNPVersionSubPackageInfo(Data):
    """Subpackage information (tcsas only)."""

    name: str | None = wire(None, description="Package name")
    size: int | None = wire(None, description="Package size")


class QueryOnlineVersionResp(Data):
    """Mini program online version ID."""

    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_version: str | None = wire(None, alias="MNPVersion", description="Version")
    mnp_version_id: int | None = wire(None, alias="MNPVersionId", description="Version ID")
    mnp_version_note: str | None = wire(None, alias="MNPVersionNote", description="Version note")
    update_time: str | None = wire(None, description="Update time")


class SimpleStringKeyValue(Data):
    """General key, value map object."""

    key: str | None = wire(None, description="Key ID")
    value: str | None = wire(None, description="Text description")


class TeamAdminUserInfo(Data):
    """Team admin information (tcsas only)."""

    admin_user_id: str | None = wire(None, description="Admin user ID")
    admin_user_account: str | None = wire(None, description="Admin user account")
    admin_user_name: str | None = wire(None, description="Admin username")


class DescribeTeamMembersInfoResp(Data):
    """Team member information."""

    user_id: str | None = wire(None, description="User ID")
    user_account: str | None = wire(None, description="User account")
    user_name: str | None = wire(None, description="Username")
    user_roles: str | None = wire(None, description="Role")


class ApplicationDetail(Data):
    """Application details."""

    application_id: str | None = wire(
        None, alias="ApplicationID", tcsas_alias="ApplicationId", description="Application ID"
    )
    app_identity_id: int | None = wire(
        None, alias="AppIdentityID", tcsas_alias="AppIdentityId", description="Product ID"
    )
    application_name: str | None = wire(None, description="The application name")
    application_english_name: str | None = wire(
        None,
        only="tcmpp",
        description="English name of the application (this field is not used yet)",
    )
    logo: str | None = wire(None, description="Application icon")
    remark: str | None = wire(None, description="Remarks")
    android_app_key: str | None = wire(None, description="Android package name")
    ios_app_key: str | None = wire(None, description="iOS bundleId")
    create_user: str | None = wire(None, description="Creator")
    create_time: str | None = wire(None, description="The creation time")
    update_user: str | None = wire(None, description="Updated by")
    update_time: str | None = wire(None, description="Update date")
    bind_mnp_count: int | None = wire(
        None, alias="BindMNPCount", only="tcmpp", description="Number of bound mini programs"
    )
    bind_mnp_list: list[ApplicationMNPRelInfoResp] | None = wire(
        None, alias="BindMNPList", only="tcmpp", description="Information of bound mini programs"
    )
    intro: str | None = wire(None, description="Application description")
    android_app_url: str | None = wire(
        None, only="tcmpp", description="Android App download address"
    )
    ios_app_url: str | None = wire(None, only="tcmpp", description="iOS App download address")
    team_id: str | None = wire(None, description="Team ID")
    team_name: str | None = wire(None, description="Team name")
    sensitive_api_count: int | None = wire(None, description="Quantity of sensitive APIs")
    application_type: int | None = wire(None, description="Application type. 1: Test; 2: Formal")
    scheme: str | None = wire(None, only="tcsas", description="Scheme (tcsas only)")


class ApplicationInfo(Data):
    """Application information."""

    customer_id: str | None = wire(
        None, alias="CustomerID", only="tcmpp", description="Platform ID"
    )
    application_id: str | None = wire(
        None, alias="ApplicationID", tcsas_alias="ApplicationId", description="Application ID"
    )
    app_identity_id: int | None = wire(
        None, alias="AppIdentityID", tcsas_alias="AppIdentityId", description="Product ID"
    )
    application_name: str | None = wire(None, description="Name")
    application_english_name: str | None = wire(None, only="tcmpp", description="English name")
    logo: str | None = wire(None, description="Icon")
    remark: str | None = wire(None, description="Remarks")
    android_app_key: str | None = wire(None, description="Android package name")
    ios_app_key: str | None = wire(None, description="iOS bundleId")
    create_user: str | None = wire(None, description="Creator")
    create_time: str | None = wire(None, description="Creation time")
    update_user: str | None = wire(None, description="Updater")
    update_time: str | None = wire(None, description="Update date")
    intro: str | None = wire(None, description="Introduction")
    ios_app_url: str | None = wire(None, only="tcmpp", description="iOS app download address")
    android_app_url: str | None = wire(
        None, only="tcmpp", description="Android app download address"
    )
    team_id: str | None = wire(None, description="Team ID")
    team_name: str | None = wire(None, description="Team name")
    sensitive_api_count: int | None = wire(None, description="Number of privacy APIs")
    application_type: int | None = wire(None, description="Application type 1-Test 2-Formal")


class ApplicationPageInfo(Data):
    """List of applications."""

    total_count: int | None = wire(None, description="Total number of results")
    data_list: list[ApplicationInfo] | None = wire(None, description="List information")


class ApprovalItem(Input):
    """Result of the mini program approval requests."""

    app_id: str | None = wire(None, description="Application ID")
    approval_result: int | None = wire(
        None, description="Approval result. 2: Rejected; 3: Approved"
    )
    approval_note: str | None = wire(
        None, description="Approval notes. It's required when the request is rejected"
    )


class BooleanInfo(Data):
    """Used for Data object when no data is returned after the a successful action."""

    result: bool | None = wire(None, description="Bool type response object")


class CreateApplicationSensitiveAPIReq(Input):
    """Parameters of the request to add a sensitive API."""

    api_name: str | None = wire(None, alias="APIName", description="API name")
    api_desc: str | None = wire(None, alias="APIDesc", description="API description")
    api_type: int | None = wire(None, alias="APIType", description="API type. 1: System; 2: Custom")
    use_scope: int | None = wire(None, only="tcsas", description="Use scope (tcsas only)")


class CreateDomainParam(Input):
    """Parameters to create a domain name."""

    domain_url_list: list[str] | None = wire(None, description="Array of domain name URLs")
    domain_type: int | None = wire(
        None,
        description=(
            "Domain type. 1: requests domain; 2: WebView load domain, 3: "
            "sockets domain; 4: File upload; 5: File download"
        ),
    )


class CreateGlobalDomainResp(Data):
    """Response of creating a global domain name."""

    result: bool | None = wire(None, description="Result")
    repeat_urls: list[str] | None = wire(None, description="List of duplicate domain names")
    exists_white_urls: list[str] | None = wire(None, description="List of allowed domain names")
    exists_black_urls: list[str] | None = wire(None, description="List of blocked domain names")


class CreateMNPVersionResp(Data):
    """Response of creating a mini program version."""

    task_id: str | None = wire(None, description="ID of the task to create a mini program version")


class CreateTeamMemberInfoReq(Input):
    """New team member - Member information."""

    user_id: str | None = wire(None, description="User ID")
    user_role_id: int | None = wire(None, description="User role ID")


class DescribeApplicationSensitiveAPIListData(Data):
    """List of sensitive APIs of an application."""

    api_id: str | None = wire(None, alias="APIId", description="APIID")
    api_name: str | None = wire(None, alias="APIName", description="API name")
    api_method: str | None = wire(None, alias="APIMethod", description="API request method")
    api_desc: str | None = wire(None, alias="APIDesc", description="API description")
    create_user: str | None = wire(None, description="Creator")
    create_time: str | None = wire(None, description="Creation time")
    update_user: str | None = wire(None, description="Updater")
    update_time: str | None = wire(None, description="Update time")
    application_id: str | None = wire(None, description="Application ID")
    application_name: str | None = wire(None, description="Application name")
    team_id: str | None = wire(None, description="Team ID")
    team_name: str | None = wire(None, description="Team name")
    application_logo: str | None = wire(None, description="Application icon")
    api_type: int | None = wire(None, alias="APIType", description="API type. 1: System; 2: Custom")
    status: int | None = wire(None, description="API status. 0: Public; 1: Restricted")
    use_scope: int | None = wire(None, only="tcsas", description="Use scope (tcsas only)")


class DescribeApplicationSensitiveAPIListResp(Data):
    """List of sensitive APIs of the application."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeApplicationSensitiveAPIListData] | None = wire(
        None, description="List information"
    )


class DescribeDomainInfoParam(Data):
    """Domain information."""

    domain_url: str | None = wire(None, description="Multiple domain separators ';'")
    domain_type: int | None = wire(
        None, description="Domain type 1-requests domain 2-WebView load domain"
    )


class DescribeGlobalDomainsListData(Data):
    """List of global domain names."""

    domain_id: int | None = wire(None, description="Domain ID")
    domain_url: str | None = wire(None, description="Domain name")
    domain_type: int | None = wire(None, description="Type. 1: Allowed; 2: Blocked")
    create_user: str | None = wire(None, description="Creator")
    create_time: str | None = wire(None, description="Creation time")
    update_user: str | None = wire(None, description="Updater")
    update_time: str | None = wire(None, description="Update time")


class DescribeGlobalDomainsResp(Data):
    """Global domain name list."""

    total_count: int | None = wire(None, description="Total number of results")
    data_list: list[DescribeGlobalDomainsListData] | None = wire(
        None, description="Domain name information"
    )


class DescribeMNPApprovalListData(Data):
    """List of mini program approval requests of the application."""

    approval_no: str | None = wire(None, description="Approval request ID")
    application_id: str | None = wire(None, description="Application ID")
    approval_status: int | None = wire(
        None,
        description=("Approval status : 1: Processing; 2: Rejected; 3: Approved; 4: Cancelled"),
    )
    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_version: str | None = wire(None, alias="MNPVersion", description="Mini program version")
    mnp_version_id: int | None = wire(
        None, alias="MNPVersionId", description="Mini program version ID"
    )
    apply_user: str | None = wire(None, description="Applicant")
    apply_time: str | None = wire(None, description="Application time")
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_icon: str | None = wire(None, alias="MNPIcon", description="Mini program icon")
    application_name: str | None = wire(None, description="Application name")
    application_logo: str | None = wire(None, description="Application icon")
    team_id: str | None = wire(None, description="Team ID")
    team_name: str | None = wire(None, description="Team name")
    mnp_qr_code_url: str | None = wire(
        None, alias="MNPQrCodeUrl", description="Mini Program QR code"
    )
    mnp_type: str | None = wire(None, alias="MNPType", description="Mini program type")
    approval_user: str | None = wire(None, description="Approver")
    approval_time: str | None = wire(None, description="Approval time")
    approval_note: str | None = wire(None, description="Approval notes")
    age_ratings: list[AgeRatingItem] | None = wire(
        None, only="tcsas", description="Age ratings (tcsas only)"
    )


class DescribeMNPApprovalListResp(Data):
    """List of mini program approval requests of an application."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeMNPApprovalListData] | None = wire(None, description="List information")


class DescribeMNPListData(Data):
    """Mini program list."""

    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_icon: str | None = wire(None, alias="MNPIcon", description="Mini program icon")
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    team_name: str | None = wire(None, description="Name of the associated team")
    mnp_type: str | None = wire(None, alias="MNPType", description="Mini program type")
    status: int | None = wire(
        None,
        description=(
            "Whether the mini program is submitted to the application. 1: Submitted; 2: Removed"
        ),
    )
    mnp_intro: str | None = wire(None, alias="MNPIntro", description="Mini program introduction")
    create_user: str | None = wire(None, description="Creator")
    create_time: str | None = wire(None, description="Creation time")
    update_user: str | None = wire(None, description="Updater")
    update_time: str | None = wire(None, description="Update time")
    application_name: str | None = wire(None, description="Application name")
    effect_status: int | None = wire(
        None,
        description=("Effective status of the bound application. 1: Not effective; 2: Effective"),
    )
    effect_mnp_version_id: int | None = wire(
        None,
        alias="EffectMNPVersionId",
        description="ID of the application bound with the mini program",
    )
    effect_mnp_version: str | None = wire(
        None,
        alias="EffectMNPVersion",
        description=(
            "Effective version number of the application that bound with the mini program"
        ),
    )
    team_id: str | None = wire(None, only="tcsas", description="Team ID (tcsas only)")
    team_type_id: int | None = wire(None, only="tcsas", description="Team type ID (tcsas only)")
    age_ratings: list[AgeRatingItem] | None = wire(
        None, only="tcsas", description="Age ratings (tcsas only)"
    )


class DescribeMNPListResp(Data):
    """Mini program list."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeMNPListData] | None = wire(None, description="List information")


class DescribeMNPManagerDetailData(Data):
    """Mini program details."""

    mnp_type: str | None = wire(None, alias="MNPType", description="Mini program type")
    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_icon: str | None = wire(None, alias="MNPIcon", description="Mini program icon")
    mnp_intro: str | None = wire(None, alias="MNPIntro", description="Mini program introduction")
    mnp_desc: str | None = wire(None, alias="MNPDesc", description="Mini program description")
    create_time: str | None = wire(None, description="Timestamp of the creation time")
    create_user: str | None = wire(None, description="Creator")
    access_status: int | None = wire(
        None, description="Connection status. 1: Not connected; 2: Connected"
    )
    team_name: str | None = wire(None, description="The name of the associated team")
    team_id: str | None = wire(None, description="Team ID")
    status: int | None = wire(
        None, description="Mini program release status. 1: Released; 2: Removed"
    )
    i18n_list: list[MNPDetailI18nVO] | None = wire(
        None, alias="I18nList", only="tcsas", description="Multilingual information (tcsas only)"
    )
    team_type_id: int | None = wire(None, only="tcsas", description="Team type ID (tcsas only)")
    age_ratings: list[AgeRatingItem] | None = wire(
        None, only="tcsas", description="Age ratings (tcsas only)"
    )
    merchant_id: str | None = wire(None, only="tcsas", description="Merchant ID (tcsas only)")


class DescribeMNPPreviewResp(Data):
    """Response of querying the preview version."""

    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_desc: str | None = wire(None, alias="MNPDesc", description="Mini program description")
    mnp_version: str | None = wire(None, alias="MNPVersion", description="Mini program version")
    mnp_version_intro: str | None = wire(
        None, alias="MNPVersionIntro", description="Mini program introduction"
    )
    qr_code_url: str | None = wire(None, alias="QRCodeUrl", description="Mini program QR code")
    preview_entrance_path: str | None = wire(None, description="Path to the preview version")
    qr_code_content: str | None = wire(
        None, alias="QRCodeContent", only="tcsas", description="QR code content (tcsas only)"
    )


class DescribeMNPSensitiveAPIPermissionApprovalData(Data):
    """Details of a permission request to allow a mini program calling sensitive APIs."""

    api_id: str | None = wire(None, alias="APIId", description="API ID")
    api_method: str | None = wire(None, alias="APIMethod", description="API request method")
    apply_reason: str | None = wire(None, description="Reason for the request")
    reject_reason: str | None = wire(None, description="Reason for rejection")
    approval_status: int | None = wire(
        None, description="Approval status. 20: Rejected; 30: Approved"
    )
    api_desc: str | None = wire(None, alias="APIDesc", description="API feature description")
    api_type: int | None = wire(None, alias="APIType", description="API type. 1: System; 2: Custom")


class DescribeMNPSensitiveAPIPermissionApprovalListData(Data):
    """List of permission requests to allow a mini program calling sensitive APIs."""

    approval_no: str | None = wire(None, description="Approval ID")
    api_id: str | None = wire(None, alias="APIId", description="Sensitive API ID")
    api_name: str | None = wire(None, alias="APIName", description="API name")
    api_method: str | None = wire(None, alias="APIMethod", description="API request method")
    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    apply_user: str | None = wire(None, description="Applicant")
    apply_time: str | None = wire(None, description="Application time")
    apply_note: str | None = wire(None, description="Application notes")
    approval_status: int | None = wire(
        None, description="Approval status. 1: Processing; 20: Rejected; 30: Approved"
    )
    approval_user: str | None = wire(None, description="Approver")
    approval_time: str | None = wire(None, description="Approval time")
    approval_note: str | None = wire(None, description="Approval notes")
    application_id: str | None = wire(None, description="Application ID")
    application_name: str | None = wire(None, description="Application name")
    application_logo: str | None = wire(None, description="Application icon")
    api_type: int | None = wire(None, alias="APIType", description="API type. 1: System; 2: Custom")
    api_desc: str | None = wire(None, alias="APIDesc", description="API feature description")


class DescribeMNPSensitiveAPIPermissionApprovalListResp(Data):
    """List of permission requests to allow a mini program calling sensitive APIs."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeMNPSensitiveAPIPermissionApprovalListData] | None = wire(
        None, description="List information"
    )


class DescribeMNPSensitiveAPIPermissionListData(Data):
    """List of sensitive APIs that can be called by a mini program."""

    api_id: str | None = wire(None, alias="APIId", description="API ID")
    api_name: str | None = wire(None, alias="APIName", description="API name")
    api_method: str | None = wire(None, alias="APIMethod", description="API request method")
    api_status: int | None = wire(None, alias="APIStatus", description="API status")
    api_apply_status: int | None = wire(
        None, alias="APIApplyStatus", description="API application status"
    )
    reject_reason: str | None = wire(None, description="Reason for rejection")
    approval_no: str | None = wire(None, description="Approval ID")
    application_id: str | None = wire(None, description="Application ID")
    application_icon: str | None = wire(None, description="Application icon")
    application_name: str | None = wire(None, description="Application name")
    api_type: int | None = wire(None, alias="APIType", description="API type. 1: System; 2: Custom")
    api_desc: str | None = wire(None, alias="APIDesc", description="API feature description")


class DescribeMNPSensitiveAPIPermissionListResp(Data):
    """List of sensitive APIs that can be called by a mini program."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeMNPSensitiveAPIPermissionListData] | None = wire(
        None, description="List data"
    )


class DescribeMNPVersionResp(Data):
    """Result of the task to create a mini program version."""

    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    task_id: str | None = wire(None, description="Task ID")
    task_status: int | None = wire(
        None, description="1: Pending; 20: Running; 30: Failed; 60: Succeeded"
    )
    task_msg: str | None = wire(None, description="Task status message")
    mnp_version_id: int | None = wire(
        None, alias="MNPVersionId", only="tcsas", description="Mini program version ID (tcsas only)"
    )
    expire_time: int | None = wire(None, only="tcsas", description="Expiry time (tcsas only)")
    qr_code: str | None = wire(
        None, alias="QRCode", only="tcsas", description="QR code (tcsas only)"
    )
    sub_package_infos: list[MNPVersionSubPackageInfo] | None = wire(
        None, only="tcsas", description="Subpackage information (tcsas only)"
    )


class DescribeMPAllStageVersionsResp(Data):
    """List of all Developer versions of a mini program."""

    mnp_id: str | None = wire(None, alias="MNPId", description="Mini program ID")
    mnp_version_id: int | None = wire(
        None, alias="MNPVersionId", description="Mini program version ID"
    )
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_icon: str | None = wire(None, alias="MNPIcon", description="Mini program icon")
    mnp_type: str | None = wire(None, alias="MNPType", description="Mini program type")
    mnp_intro: str | None = wire(None, alias="MNPIntro", description="Mini program introduction")
    mnp_desc: str | None = wire(None, alias="MNPDesc", description="Mini program description")
    create_user: str | None = wire(None, description="Developer")
    create_time: str | None = wire(None, description="The time when the developer created it")
    mnp_version: str | None = wire(None, alias="MNPVersion", description="Mini program version")
    mnp_version_intro: str | None = wire(
        None, alias="MNPVersionIntro", description="Version features"
    )
    phase: str | None = wire(None, description="Phase. Values: [Develop,Platform,Online]")
    approval_status: int | None = wire(
        None, description=("0: Pending; 1: Processing; 2: Rejected; 3: Approved; 4: Cancelled")
    )
    approval_no: str | None = wire(None, description="Approval request ID")
    show_case: int | None = wire(
        None,
        description=(
            "Whether it is a preview version. 0: Not a preview version; 1: Preview version"
        ),
    )
    rollback_version: int | None = wire(None, description="Version number to roll back to")
    status: int | None = wire(None, description="Release status")
    version_current_status: int | None = wire(
        None,
        description=(
            "Version approval status. 0: Pending; 1: Processing; 2: "
            "Rejected; 3: Approved; 4: Cancelled"
        ),
    )
    age_ratings: list[AgeRatingItem] | None = wire(
        None, only="tcsas", description="Age ratings (tcsas only)"
    )


class DescribeRevertOnlineVersionPageResp(Data):
    """Response of querying the rollback version list."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[QueryOnlineVersionResp] | None = wire(None, description="List information")


class DescribeRoleListData(Data):
    """Role management list."""

    role_id: int | None = wire(None, description="Role ID")
    role_name: str | None = wire(None, description="Role name")
    team_name: str | None = wire(None, description="Team name")
    create_time: str | None = wire(None, description="Creation time")
    role_type: int | None = wire(None, description="Role type 1-Preset role 2-Custom role")


class DescribeRoleListResp(Data):
    """Role management list."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeRoleListData] | None = wire(None, description="List data")


class DescribeSimpleTeamListResp(Data):
    """Simple team list."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[SimpleStringKeyValue] | None = wire(None, description="List information")


class DescribeTeamDetailResp(Data):
    """Team details."""

    team_name: str | None = wire(None, description="Team name")
    team_role_type: int | None = wire(
        None, description="Team role type 1-Mini program team 2-Application team"
    )
    admin_user_account: str | None = wire(None, description="Admin account")
    create_user: str | None = wire(None, description="Creator")
    create_time: str | None = wire(None, description="Creation time")
    member_count: int | None = wire(None, description="Number of team members")
    bind_mini_team_count: int | None = wire(None, description="Number of bound mini program teams")
    bind_team_name: str | None = wire(None, description="Name of the bound team")
    register_link: str | None = wire(None, description="Team registration link")
    application_name: str | None = wire(
        None,
        description=(
            "Application name. It's required when querying details of a mini program team"
        ),
    )
    expire_time: int | None = wire(None, only="tcsas", description="Expiry time (tcsas only)")
    status: int | None = wire(None, only="tcsas", description="Status (tcsas only)")
    admin_user_name: str | None = wire(
        None, only="tcsas", description="Admin user name (tcsas only)"
    )


class DescribeTeamListInfoResp(Data):
    """Team list information."""

    team_id: str | None = wire(None, description="Team ID")
    team_name: str | None = wire(None, description="Team name")
    admin_user_id: str | None = wire(None, description="Admin ID")
    admin_user_account: str | None = wire(None, description="Admin account")
    admin_user_name: str | None = wire(None, description="Admin username")
    member_count: int | None = wire(None, description="Number of team members")
    register_link: str | None = wire(None, description="Team registration link")
    team_role_type_list: list[int] | None = wire(None, description="Team permission type")
    related_team_id: int | None = wire(None, description="Associated team ID")
    expire_time: int | None = wire(None, only="tcsas", description="Expiry time (tcsas only)")
    status: int | None = wire(None, only="tcsas", description="Status (tcsas only)")
    admin_users: list[TeamAdminUserInfo] | None = wire(
        None, only="tcsas", description="Team administrators (tcsas only)"
    )


class DescribeTeamMemberInfoResp(Data):
    """Team member information."""

    user_id: str | None = wire(None, description="User ID")
    user_account: str | None = wire(None, description="User account")
    user_name: str | None = wire(None, description="User name")
    team_id: str | None = wire(None, description="Team ID")
    team_name: str | None = wire(None, description="Team name")
    team_role_name: str | None = wire(None, description="Team role name")
    team_role_id: int | None = wire(None, description="Team role ID")
    can_edit: bool | None = wire(None, description="Editable or not")


class DescribeTeamMemberListPageResp(Data):
    """List of members."""

    total_count: int | None = wire(None, description="Total number of results")
    data_list: list[DescribeTeamMemberInfoResp] | None = wire(None, description="List information")


class DescribeTeamMembersInfoPageResp(Data):
    """Team member information."""

    total_count: int | None = wire(None, description="Total number of results")
    data_list: list[DescribeTeamMembersInfoResp] | None = wire(None, description="List information")


class DescribeTeamPageResp(Data):
    """List of teams."""

    total_count: int | None = wire(None, description="Total number of results")
    data_list: list[DescribeTeamListInfoResp] | None = wire(None, description="List information")


class DescribeUserDetailResp(Data):
    """User details."""

    user_id: str | None = wire(None, description="User ID")
    user_account: str | None = wire(None, description="User account")
    account_type: int | None = wire(
        None, description=("User account 1 - Super admin 2 - Platform admin 3 - Ordinary member")
    )
    user_name: str | None = wire(None, description="User name")


class DescribeUserListData(Data):
    """Information of the specified user."""

    user_id: str | None = wire(None, description="User ID")
    user_account: str | None = wire(None, description="User account")
    teams: str | None = wire(None, only="tcmpp", description="Associated team")
    account_type: int | None = wire(
        None,
        description=(
            "Account type. 1: Super administrator; 2: Platform administrator; 3: Ordinary member"
        ),
    )
    user_name: str | None = wire(None, description="User name")
    create_time: str | None = wire(None, description="Creation time")
    status: int | None = wire(None, description="Status. 1: Normal; 2: Disabled")
    team_name: str | None = wire(None, description="Team name")


class DescribeUserListResp(Data):
    """User management list."""

    total_count: int | None = wire(None, description="Total number of entries")
    data_list: list[DescribeUserListData] | None = wire(None, description="List data")


class DownloadApplicationConfigResp(Data):
    """Application configuration information."""

    file: str | None = wire(None, description="Configuration information in Base64 format")


class GlobalDomainCheckResp(Data):
    """Result of global domain name check."""

    repeat_urls: list[str] | None = wire(None, description="List of duplicate domain names")
    exists_white_urls: list[str] | None = wire(None, description="List of allowed domain names")
    exists_black_urls: list[str] | None = wire(None, description="List of blocked domain names")


class GlobalDomainDeleteResp(Data):
    """Response of deleting a global domain name."""

    result: bool | None = wire(None, description="Response result")


class GlobalDomainModifyRespResp(Data):
    """Response of global domain name modification."""

    result: int | None = wire(
        None, description=("0: Success; 1: Allowed domains exist; 2: Blocked domains exist")
    )


class MNPTypeDefine(Data):
    """Information of mini program categories."""

    type_name: str | None = wire(None, description="Mini program category name")
    type_value: list[str] | None = wire(None, description="Mini program category value")
    type_id: int | None = wire(None, description="Category ID")
    create_time: int | None = wire(None, description="Creation time")
    create_user: str | None = wire(None, description="Creator")
    is_system: bool | None = wire(None, description="Whether it is a system category")


class PresetResp(Data):
    """Encryption key returned."""

    key: str | None = wire(None, description="RSA encryption public key")


class ResourceIdInfo(Data):
    """Unified operation success ID - integer."""

    resource_id: int | None = wire(
        None,
        description=(
            "Resource ID 0: No trial version currently available 1: A "
            "trial version is currently available and uploaded by the "
            "current user 2: A trial version is currently available and "
            "uploaded by another user"
        ),
    )


class ResourceIdStringInfo(Data):
    """The general parameter for resource ID returned for successful operations."""

    resource_id: str | None = wire(None, description="The ID of the resource returned")


class StringData(Data):
    """String data object."""

    data: str | None = wire(None, description="String type response data")


class UploadFileTempSecret(Data):
    """Temporary key for file upload."""

    bucket: str | None = wire(None, description="Bucket")
    region: str | None = wire(None, description="Region")
    path: str | None = wire(None, description="Destination of upload")
    temp_secret_id: str | None = wire(None, description="Temporary secret ID")
    temp_secret_key: str | None = wire(None, description="Temporary secret key")
    token: str | None = wire(None, description="Token")
    accelerate_enable: int | None = wire(
        None,
        only="tcsas",
        description="Whether global acceleration is enabled. 0: No; 1: Yes (tcsas only)",
    )


class CreateMNPApprovalResp(BooleanInfo):
    """Response of CreateMNPApproval: a BooleanInfo on tcmpp, plus the ApprovalNo on tcsas."""

    approval_no: str | None = wire(
        None, only="tcsas", description="Approval request ID (tcsas only)"
    )


class MNPI18NSyncDto(Input):
    """Mini program information in multiple languages (tcsas only)."""

    lang: str | None = wire(
        None, description=("Language type. en-US: English; zh-CN: Simplified Chinese; ...")
    )
    is_default: int | None = wire(
        None, description="Whether this is the default language. 0: No; 1: Yes"
    )
    mnp_name: str | None = wire(None, alias="MNPName", description="Mini program name")
    mnp_intro: str | None = wire(None, alias="MNPIntro", description="Mini program introduction")


class AgeRatingItemReq(Input):
    """Age rating request (tcsas only)."""

    standard_id: str | None = wire(
        None, description="Age rating standard. apple: Apple; iarc: Android"
    )
    age_rating: int | None = wire(None, description="Applicable age for age rating")
