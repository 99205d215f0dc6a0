"""The error catalogue: every code the API can answer with, its meaning and its category.

One table serves three readers: the client maps a code to an exception class and decides
whether to retry; the emulator answers with the code and its message; the docs list them.
Sources: the SDK's errorcodes.py for both back ends, the common API 3.0 codes, and the codes
each vendor doc page lists per action (doc spellings mapped to the SDK's, e.g.
``InvalidParameterValue.InvalidMNPIId`` -> ``InvalidParameterValue.InvalidMNPId``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pulumi_tcmpp.api.backends import BACKENDS, BackendName

__all__ = ["CODES", "DOCUMENTED_CODES", "Category", "ErrorCode", "category_of", "message_of"]

Category = Literal[
    "auth", "rate_limit", "not_found", "conflict", "validation", "internal", "failed"
]
"""What a caller can do about an error.

* ``auth``: credentials, signature, permission; never retried.
* ``rate_limit``: too many requests; the request was not processed, always safe to retry.
* ``not_found``: the object does not exist (TCMPP says so with ``Invalid*Id`` codes too).
* ``conflict``: already exists, already bound, in use, already processed.
* ``validation``: a parameter is missing, unknown, of the wrong type or value.
* ``internal``: a fault on the service side; retried for reads only.
* ``failed``: any other refusal (plan expired, wrong state...).
"""


@dataclass(frozen=True)
class ErrorCode:
    """One code: its text, and the back ends whose SDK lists it."""

    code: str
    message: str
    backends: tuple[BackendName, ...] = BACKENDS


def _code(code: str, message: str, only: BackendName | None = None) -> ErrorCode:
    return ErrorCode(code, message, (only,) if only else BACKENDS)


CODES: dict[str, ErrorCode] = {
    c.code: c
    for c in (
        _code("ActionOffline", "API has been deprecated"),
        _code("AuthFailure", "CAM signature/authentication error"),
        _code("AuthFailure.InvalidAuthorization", "Authorization header invalid"),
        _code("AuthFailure.InvalidSecretId", "Invalid key (not a cloud API key)"),
        _code("AuthFailure.MFAFailure", "MFA failed"),
        _code("AuthFailure.SecretIdNotFound", "Key does not exist or is disabled"),
        _code("AuthFailure.SignatureExpire", "Signature expired (clock skew > 5 min)"),
        _code("AuthFailure.SignatureFailure", "Signature mismatch"),
        _code("AuthFailure.TokenFailure", "Temporary token invalid"),
        _code("AuthFailure.UnauthorizedOperation", "Request not authorized by CAM"),
        _code(
            "DryRunOperation",
            "DryRun operation, indicating that the request will be successful, but with an additional ...",
            only="tcmpp",
        ),
        _code("FailedOperation", "Operation failed"),
        _code(
            "FailedOperation.AppAlreadyBindAudit",
            "Failed to delete: the application is bound with an ongoing approval ticket",
        ),
        _code(
            "FailedOperation.AppAlreadyBindMiniProgram",
            "Failed to delete: This app is bound to a mini program",
        ),
        _code(
            "FailedOperation.ApplicationNameAlreadyExisted", "The application name already exists"
        ),
        _code(
            "FailedOperation.ApplicationNumberExceedLimit",
            "The number of applications exceeds the limit",
        ),
        _code(
            "FailedOperation.ExistBlackDomain",
            "The domain name is already in the blocklist",
            only="tcmpp",
        ),
        _code(
            "FailedOperation.ExistMNPApprovalRecord",
            "There is an ongoing approval request for this mini program",
        ),
        _code(
            "FailedOperation.ExistRepeatDomainUrl",
            "Failed to add: The domain name URL already exists",
        ),
        _code("FailedOperation.ExistSensitiveAPI", "The sensitive API already exists"),
        _code(
            "FailedOperation.ExistWhiteDomain",
            "The domain name is already in the allowlist",
            only="tcmpp",
        ),
        _code("FailedOperation.FileDownloadFailed", "Failed to download the mini program file"),
        _code(
            "FailedOperation.GetOperateResourceFailed", "Failed to obtain the operation resource"
        ),
        _code(
            "FailedOperation.InvalidRequestEnterpriseInfo", "Invalid team information", only="tcmpp"
        ),
        _code("FailedOperation.LoginAuthFailed", "User login authentication failed"),
        _code(
            "FailedOperation.MNPNumberExceedLimit", "The number of mini programs exceeds the limit"
        ),
        _code(
            "FailedOperation.MNPOnlineVersionNotExist",
            "The mini program does not have an online version",
        ),
        _code(
            "FailedOperation.MNPReleaseNumberExceedLimit",
            "The number of released mini programs exceeds the limit",
        ),
        _code(
            "FailedOperation.MNPTeamAssociatedApplicationTeamNotCreateApplication",
            "The mini program-associated application team has not created any mini programs",
        ),
        _code(
            "FailedOperation.MNPTeamNotAssociatedApplicationTeam",
            "The mini program team is not associated with an application team",
        ),
        _code(
            "FailedOperation.MNPVersionReleased",
            "This mini program version has already been released",
        ),
        _code(
            "FailedOperation.MiniProgramIconAnalysisFailed", "Failed to parse the mini program icon"
        ),
        _code("FailedOperation.NoAccessPermission", "Unauthorized operation"),
        _code(
            "FailedOperation.OnlyReleasePlatformApprovedMNPVersion",
            "Only approved mini program versions can be released",
        ),
        _code(
            "FailedOperation.OperationsTeamNoApplicationPermission",
            "The current team does not have the permission to create applications",
            only="tcmpp",
        ),
        _code(
            "FailedOperation.OperationsTeamNoMiniProgramPermission",
            "The current operation team does not have permission to create a mini program",
        ),
        _code(
            "FailedOperation.PackageAlreadyExpired",
            "The TCMPP plan under the current account has expired",
        ),
        _code("FailedOperation.RecordNotFound", "The record does not exist"),
        _code(
            "FailedOperation.ReleaseMNPVersionNeedGreaterThanOnlineVersion",
            "The version of the mini program to be released must be later than the online version",
        ),
        _code("FailedOperation.RequestParamAnalysisFailed", "Failed to parse request parameters"),
        _code("FailedOperation.ShowcaseVersionAlreadyExist", "The preview version already exists"),
        _code("FailedOperation.SystemError", "System error"),
        _code(
            "FailedOperation.UnableOperateAdminAccount",
            "You do not have permissions to manage the admin account",
        ),
        _code("InternalError", "Internal error"),
        _code("InvalidAction", "API (action) does not exist"),
        _code("InvalidParameter", "Incorrect parameter"),
        _code("InvalidParameterValue", "Invalid parameter value"),
        _code(
            "InvalidParameterValue.AppPackageNameNotConfig",
            "The application package name is not specified",
        ),
        _code(
            "InvalidParameterValue.ExistMismatchParameterType",
            "Invalid value type or a required parameter is missing",
        ),
        _code("InvalidParameterValue.ExistTeamName", "The team name already exists"),
        _code("InvalidParameterValue.ExistUserAccount", "The account already exists"),
        _code("InvalidParameterValue.InvalidAccountType", "Invalid account type"),
        _code(
            "InvalidParameterValue.InvalidAppPackageNameLayout",
            "Incorrect application package name format",
        ),
        _code(
            "InvalidParameterValue.InvalidApplicationId",
            "Application ID is not specified or the ID does not exist",
        ),
        _code(
            "InvalidParameterValue.InvalidApplicationIntro",
            "The application introduction is empty or exceeds 500 characters",
        ),
        _code(
            "InvalidParameterValue.InvalidApplicationName",
            "Invalid format or length of the application name",
        ),
        _code(
            "InvalidParameterValue.InvalidApplicationRemark",
            "The application remark is empty or exceeds 1,000 characters",
        ),
        _code("InvalidParameterValue.InvalidApplyAction", "Invalid request operation"),
        _code("InvalidParameterValue.InvalidApprovalNo", "Invalid approval ID"),
        _code(
            "InvalidParameterValue.InvalidApprovalNote",
            "The length of approval notes exceeds the limit",
        ),
        _code("InvalidParameterValue.InvalidMNPIcon", "Invalid file type of the mini program icon"),
        _code("InvalidParameterValue.InvalidMNPId", "Invalid mini program ID"),
        _code(
            "InvalidParameterValue.InvalidMNPIntro",
            "The mini program introduction is empty or too long",
        ),
        _code(
            "InvalidParameterValue.InvalidMNPName",
            "Invalid format or length of the mini program name",
        ),
        _code("InvalidParameterValue.InvalidMNPType", "Invalid mini program type"),
        _code("InvalidParameterValue.InvalidMNPVersion", "Invalid mini program version number"),
        _code(
            "InvalidParameterValue.InvalidMNPVersionId",
            "The mini program version ID is empty or the version does not exist",
        ),
        _code(
            "InvalidParameterValue.InvalidMNPVersionIntro",
            "The mini program version introduction is empty or is too long",
        ),
        _code("InvalidParameterValue.InvalidMNPVersionTaskId", "Invalid task ID"),
        _code("InvalidParameterValue.InvalidMiniAppId", "Invalid mini program ID"),
        _code("InvalidParameterValue.InvalidPlatformId", "Invalid platform ID"),
        _code("InvalidParameterValue.InvalidRoleId", "Invalid role ID"),
        _code("InvalidParameterValue.InvalidTeamId", "Invalid team ID"),
        _code("InvalidParameterValue.InvalidUserId", "Invalid user"),
        _code("InvalidParameterValue.InvalidUserName", "Invalid username format or length"),
        _code(
            "InvalidParameterValue.MNPApprovalStatusError",
            "Invalid value of the approval request status of the mini program",
        ),
        _code(
            "InvalidParameterValue.MNPFileSizExceedLimit",
            "The mini program package size exceeds the limit",
        ),
        _code(
            "InvalidParameterValue.MNPTypeNumberExceedLimit",
            "The number of mini program categories exceeds the limit",
        ),
        _code(
            "InvalidParameterValue.MNPVersionIsNotPlatformPhase",
            "The mini program version has not been approved",
        ),
        _code(
            "InvalidParameterValue.MiniProgramNameAlreadyExist",
            "The mini program name already exists",
        ),
        _code(
            "InvalidParameterValue.ProcessApplicationAndApprovalApplicationMismatch",
            "The application in the approval request does not match the application associated with ...",
        ),
        _code(
            "InvalidParameterValue.ProcessApprovalItemIsEmpty", "The approval details are required"
        ),
        _code(
            "InvalidParameterValue.ProcessMNPApprovalStatusError",
            "Invalid value of the mini program approval status",
        ),
        _code(
            "InvalidParameterValue.QueryParameterLengthExceedLimit",
            "The length of the query parameter exceeds 64 characters",
        ),
        _code("InvalidParameterValue.TeamTypeMismatch", "Invalid team type", only="tcmpp"),
        _code(
            "InvalidParameterValue.UserTeamRelationNotExist",
            "The user is not in the specified team",
            only="tcmpp",
        ),
        _code("InvalidRequest", "Bad multipart body"),
        _code("IpInBlacklist", "Caller IP in blocklist"),
        _code("IpNotInWhitelist", "Caller IP not in allowlist"),
        _code("LimitExceeded", "Quota exceeded"),
        _code("MissingParameter", "Missing required parameters"),
        _code("MissingParameter.LoginInfoNotFound", "No valid login information found"),
        _code("NoSuchProduct", "Product does not exist"),
        _code("NoSuchVersion", "API version does not exist"),
        _code("OperationDenied", "Operation denied", only="tcmpp"),
        _code("RequestLimitExceeded", "Too frequent requests", only="tcmpp"),
        _code(
            "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
            "Account rate limit (global region)",
        ),
        _code("RequestLimitExceeded.IPLimitExceeded", "IP rate limit"),
        _code("RequestLimitExceeded.UinLimitExceeded", "Account rate limit"),
        _code("RequestSizeLimitExceeded", "Request too large"),
        _code("ResourceInUse", "The resource is occupied", only="tcmpp"),
        _code("ResourceInsufficient", "Insufficient resources", only="tcmpp"),
        _code("ResourceNotFound", "The resource does not exist", only="tcmpp"),
        _code(
            "ResourceNotFound.NotFoundPurchasedPackage",
            "There are no TCMPP plans under this account",
        ),
        _code("ResourceUnavailable", "The resource is not available", only="tcmpp"),
        _code("ResponseSizeLimitExceeded", "Response too large"),
        _code("ServiceUnavailable", "Service temporarily unavailable"),
        _code("UnauthorizedOperation", "Unauthorized operation", only="tcmpp"),
        _code("UnknownParameter", "Unknow parameter error"),
        _code("UnsupportedOperation", "The operation is not supported", only="tcmpp"),
        _code("UnsupportedProtocol", "Bad HTTP(S) method; only GET and POST"),
        _code("UnsupportedRegion", "API not available in the region"),
        # tcsas-only codes (its SDK's errorcodes.py; messages from the tcsas doc pages).
        _code(
            "FailedOperation.ApprovalAlreadyProcessed",
            "The approval request has already been processed. Please do not repeat this operation",
            only="tcsas",
        ),
        _code(
            "FailedOperation.ApprovalNotBelongToApplication",
            "The approval request does not belong to the current superapp",
            only="tcsas",
        ),
        _code(
            "FailedOperation.ExistMerchantBindApply",
            "A merchant binding request already exists",
            only="tcsas",
        ),
        _code(
            "FailedOperation.ExistMerchantBindRelation",
            "The merchant is already bound",
            only="tcsas",
        ),
        _code(
            "FailedOperation.ExistPaymentOpenApply",
            "A payment activation approval request is already pending. Please do not resubmit",
            only="tcsas",
        ),
        _code(
            "FailedOperation.MNPPaymentAlreadyEnabled",
            "The payment capability of this mini program is already activated",
            only="tcsas",
        ),
        _code(
            "FailedOperation.MerchantPaymentFunctionClosed",
            "The superapp payment configuration is disabled",
            only="tcsas",
        ),
        _code(
            "FailedOperation.PaymentRecordNotBelongToApplication",
            "Invalid superapp ID or parameter ID",
            only="tcsas",
        ),
        _code("FailedOperation.PaymentRecordNotFound", "Payment binding not found", only="tcsas"),
        _code(
            "FailedOperation.PaymentVersionCheckError",
            "Payment version verification failed",
            only="tcsas",
        ),
        _code(
            "FailedOperation.ProdApplicationConfigExceedLimit",
            "Number of production superapp package name configurations exceeds the limit",
            only="tcsas",
        ),
        _code(
            "FailedOperation.TestApplicationConfigExceedLimit",
            "Number of non-production superapp package names exceeds the limit",
            only="tcsas",
        ),
        _code("FailedOperation.UserNotFound", "The user does not exist", only="tcsas"),
        _code(
            "InvalidParameter.InvalidExistSameAppKey",
            "Duplicate superapp package names exist",
            only="tcsas",
        ),
        _code(
            "InvalidParameterValue.AgeRatingExceedSupperAppLimit",
            "Age rating exceeds the superapp limit",
            only="tcsas",
        ),
        _code(
            "InvalidParameterValue.AppKeyLengthExceedLimit",
            "Superapp package name length exceeds the limit",
            only="tcsas",
        ),
        _code(
            "InvalidParameterValue.AppURLLengthExceedLimit",
            "Superapp URL length exceeds the limit",
            only="tcsas",
        ),
        _code(
            "InvalidParameterValue.ApprovalNoteRequired",
            "Approval note cannot be empty",
            only="tcsas",
        ),
        _code(
            "InvalidParameterValue.DuplicateAgeRatingStandard", "Duplicate age rating", only="tcsas"
        ),
        _code(
            "InvalidParameterValue.InvalidAgeRatingStandard",
            "Invalid age rating parameters",
            only="tcsas",
        ),
        _code("InvalidParameterValue.InvalidAppType", "Invalid superapp type", only="tcsas"),
        _code("InvalidParameterValue.InvalidApprovalType", "Invalid approval type", only="tcsas"),
        _code(
            "InvalidParameterValue.InvalidMNPI18NLang",
            "Invalid multi-language language code",
            only="tcsas",
        ),
        _code("InvalidParameterValue.InvalidMerchantId", "Invalid merchant ID", only="tcsas"),
        _code("InvalidParameterValue.InvalidMerchantName", "Invalid merchant name", only="tcsas"),
        _code(
            "InvalidParameterValue.PaymentRecordNotFound", "Approval note is required", only="tcsas"
        ),
        _code("InternalServerError", "Internal server error (a spelling the doc pages use)"),
    )
}

DOCUMENTED_CODES: dict[str, tuple[str, ...]] = {
    "AddTeamMember": (
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.UnableOperateAdminAccount",
        "InternalServerError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidRoleId",
        "InvalidParameterValue.InvalidTeamId",
        "InvalidParameterValue.InvalidUserId",
    ),
    "ConfigureMNPPreview": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "FailedOperation.ShowcaseVersionAlreadyExist",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "CreateApplication": (
        "FailedOperation",
        "FailedOperation.ApplicationNameAlreadyExisted",
        "FailedOperation.ApplicationNumberExceedLimit",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue.AppPackageNameNotConfig",
        "InvalidParameterValue.InvalidAppPackageNameLayout",
        "InvalidParameterValue.InvalidApplicationIntro",
        "InvalidParameterValue.InvalidApplicationName",
        "InvalidParameterValue.InvalidApplicationRemark",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "CreateApplicationSensitiveAPI": (
        "FailedOperation",
        "FailedOperation.ExistSensitiveAPI",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApplicationId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "CreateGlobalDomainACL": (
        "FailedOperation",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "CreateMNP": (
        "FailedOperation",
        "FailedOperation.MNPNumberExceedLimit",
        "FailedOperation.OperationsTeamNoMiniProgramPermission",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPIcon",
        "InvalidParameterValue.InvalidMNPIntro",
        "InvalidParameterValue.InvalidMNPName",
        "InvalidParameterValue.InvalidMNPType",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.MNPTypeNumberExceedLimit",
        "InvalidParameterValue.MiniProgramNameAlreadyExist",
        "MissingParameter",
    ),
    "CreateMNPApproval": (
        "FailedOperation",
        "FailedOperation.ExistMNPApprovalRecord",
        "FailedOperation.MNPTeamAssociatedApplicationTeamNotCreateApplication",
        "FailedOperation.MNPTeamNotAssociatedApplicationTeam",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApplyAction",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.MNPApprovalStatusError",
        "InvalidParameterValue.MNPVersionIsNotPlatformPhase",
        "MissingParameter",
    ),
    "CreateMNPDomainACL": (
        "FailedOperation.ExistRepeatDomainUrl",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidTeamId",
    ),
    "CreateMNPSensitiveAPIPermissionApproval": (
        "FailedOperation",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "CreateMNPVersion": (
        "FailedOperation",
        "FailedOperation.FileDownloadFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue.ExistMismatchParameterType",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidMNPVersion",
        "InvalidParameterValue.InvalidMNPVersionIntro",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.MNPFileSizExceedLimit",
    ),
    "CreatePresetKey": (),
    "CreateTeam": (
        "FailedOperation",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.ExistTeamName",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "CreateUser": (
        "FailedOperation",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.ExistUserAccount",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DeleteApplication": (
        "FailedOperation.AppAlreadyBindAudit",
        "FailedOperation.AppAlreadyBindMiniProgram",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApplicationId",
        "InvalidParameterValue.InvalidPlatformId",
        "ResourceNotFound.NotFoundPurchasedPackage",
    ),
    "DeleteApplicationSensitiveAPI": (
        "FailedOperation",
        "FailedOperation.NoAccessPermission",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DeleteGlobalDomain": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DeleteMNP": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DeleteTeam": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidTeamId",
    ),
    "DeleteTeamMember": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.UnableOperateAdminAccount",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidTeamId",
    ),
    "DeleteUser": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.UnableOperateAdminAccount",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidUserId",
    ),
    "DescribeApplication": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApplicationId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeApplicationConfigFile": (
        "FailedOperation.PackageAlreadyExpired",
        "InternalServerError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApplicationId",
        "InvalidParameterValue.InvalidPlatformId",
        "MissingParameter",
        "UnknownParameter",
    ),
    "DescribeApplicationList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.QueryParameterLengthExceedLimit",
    ),
    "DescribeApplicationSensitiveAPIList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApplicationId",
        "InvalidParameterValue.InvalidPlatformId",
        "MissingParameter",
    ),
    "DescribeGlobalDomainACL": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.QueryParameterLengthExceedLimit",
    ),
    "DescribeMNP": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
    ),
    "DescribeMNPAllStageVersions": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPApprovalList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.QueryParameterLengthExceedLimit",
    ),
    "DescribeMNPCategory": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPDomainACL": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidTeamId",
    ),
    "DescribeMNPList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPOfflinePackageURL": (
        "FailedOperation.MNPOnlineVersionNotExist",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPPreview": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
    ),
    "DescribeMNPReleasedVersionHistory": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPSensitiveAPIPermissionApproval": (
        "FailedOperation.NoAccessPermission",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPSensitiveAPIPermissionApprovalList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPSensitiveAPIPermissionList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeMNPVersion": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPVersionTaskId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeRoleList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeTeam": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DescribeTeamList": (
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.QueryParameterLengthExceedLimit",
    ),
    "DescribeTeamMemberList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
    ),
    "DescribeUser": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidUserId",
    ),
    "DescribeUserList": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidAccountType",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "DisableApplicationSensitiveAPI": (
        "FailedOperation",
        "FailedOperation.NoAccessPermission",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "EnableApplicationSensitiveAPI": (
        "FailedOperation",
        "FailedOperation.NoAccessPermission",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "ModifyApplication": (
        "FailedOperation.ApplicationNameAlreadyExisted",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue.InvalidAppPackageNameLayout",
        "InvalidParameterValue.InvalidApplicationId",
        "InvalidParameterValue.InvalidApplicationIntro",
        "InvalidParameterValue.InvalidApplicationName",
        "InvalidParameterValue.InvalidApplicationRemark",
        "InvalidParameterValue.InvalidMNPName",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "ModifyGlobalDomain": (
        "FailedOperation",
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "ModifyMNP": (
        "FailedOperation",
        "FailedOperation.MiniProgramIconAnalysisFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidMNPName",
        "InvalidParameterValue.InvalidMNPType",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.MNPTypeNumberExceedLimit",
        "InvalidParameterValue.MiniProgramNameAlreadyExist",
    ),
    "ModifyMNPDomain": (
        "FailedOperation.GetOperateResourceFailed",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "ModifyTeam": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.ExistTeamName",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidTeamId",
    ),
    "ModifyTeamMember": (
        "FailedOperation.PackageAlreadyExpired",
        "InternalServerError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidRoleId",
        "InvalidParameterValue.InvalidTeamId",
        "InvalidParameterValue.InvalidUserId",
    ),
    "ModifyUser": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.UnableOperateAdminAccount",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidAccountType",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.InvalidUserName",
    ),
    "ProcessMNPApproval": (
        "FailedOperation.PackageAlreadyExpired",
        "InternalServerError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidApprovalNo",
        "InvalidParameterValue.InvalidApprovalNote",
        "InvalidParameterValue.InvalidPlatformId",
        "InvalidParameterValue.ProcessApplicationAndApprovalApplicationMismatch",
        "InvalidParameterValue.ProcessApprovalItemIsEmpty",
        "InvalidParameterValue.ProcessMNPApprovalStatusError",
        "MissingParameter",
    ),
    "ProcessMNPSensitiveAPIPermissionApproval": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "ReleaseMNPVersion": (
        "FailedOperation",
        "FailedOperation.MNPReleaseNumberExceedLimit",
        "FailedOperation.MNPVersionReleased",
        "FailedOperation.OnlyReleasePlatformApprovedMNPVersion",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.ReleaseMNPVersionNeedGreaterThanOnlineVersion",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPVersionId",
        "InvalidParameterValue.InvalidPlatformId",
        "MissingParameter",
    ),
    "RemoveMNP": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "FailedOperation.RecordNotFound",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMNPId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
    "RollbackMNPVersion": (
        "FailedOperation",
        "FailedOperation.PackageAlreadyExpired",
        "InternalError",
        "InvalidParameterValue",
        "InvalidParameterValue.InvalidMiniAppId",
        "InvalidParameterValue.InvalidPlatformId",
    ),
}
"""The business codes each action's vendor doc page lists (SDK spellings)."""

_NOT_FOUND = {
    "FailedOperation.RecordNotFound",
    "FailedOperation.UserNotFound",
    "FailedOperation.MNPOnlineVersionNotExist",
    "InvalidParameterValue.InvalidApplicationId",
    "InvalidParameterValue.InvalidApprovalNo",
    "InvalidParameterValue.InvalidMNPId",
    "InvalidParameterValue.InvalidMNPVersionId",
    "InvalidParameterValue.InvalidMNPVersionTaskId",
    "InvalidParameterValue.InvalidMiniAppId",
    "InvalidParameterValue.InvalidTeamId",
    "InvalidParameterValue.InvalidUserId",
    "InvalidParameterValue.UserTeamRelationNotExist",
    "ResourceNotFound",
}
_CONFLICT = {
    "FailedOperation.AppAlreadyBindAudit",
    "FailedOperation.AppAlreadyBindMiniProgram",
    "FailedOperation.ApplicationNameAlreadyExisted",
    "FailedOperation.ApprovalAlreadyProcessed",
    "FailedOperation.ExistBlackDomain",
    "FailedOperation.ExistMNPApprovalRecord",
    "FailedOperation.ExistRepeatDomainUrl",
    "FailedOperation.ExistSensitiveAPI",
    "FailedOperation.ExistWhiteDomain",
    "FailedOperation.MNPVersionReleased",
    "FailedOperation.ShowcaseVersionAlreadyExist",
    "InvalidParameter.InvalidExistSameAppKey",
    "InvalidParameterValue.ExistTeamName",
    "InvalidParameterValue.ExistUserAccount",
    "InvalidParameterValue.MiniProgramNameAlreadyExist",
    "ResourceInUse",
}
_AUTH = {
    "FailedOperation.LoginAuthFailed",
    "FailedOperation.NoAccessPermission",
    "FailedOperation.UnableOperateAdminAccount",
    "MissingParameter.LoginInfoNotFound",
    "UnauthorizedOperation",
    "OperationDenied",
    "IpInBlacklist",
    "IpNotInWhitelist",
}
_INTERNAL = {
    "InternalError",
    "InternalServerError",
    "FailedOperation.SystemError",
    "ServiceUnavailable",
    "ResourceUnavailable",
}
_VALIDATION_PREFIXES = (
    "InvalidParameter",
    "MissingParameter",
    "UnknownParameter",
    "InvalidAction",
    "NoSuchVersion",
    "NoSuchProduct",
    "UnsupportedProtocol",
    "UnsupportedRegion",
    "RequestSizeLimitExceeded",
    "InvalidRequest",
)


def category_of(code: str) -> Category:
    """The category of a code, including sub-codes the catalogue does not list."""
    if code in _NOT_FOUND:
        return "not_found"
    if code in _CONFLICT:
        return "conflict"
    if code in _AUTH or code.startswith("AuthFailure"):
        return "auth"
    if code.startswith("RequestLimitExceeded"):
        return "rate_limit"
    if code in _INTERNAL:
        return "internal"
    if code.startswith(_VALIDATION_PREFIXES):
        return "validation"
    return "failed"


def message_of(code: str) -> str:
    """The catalogue's text for a code (the code itself when it is not catalogued)."""
    entry = CODES.get(code)
    return entry.message if entry else code
