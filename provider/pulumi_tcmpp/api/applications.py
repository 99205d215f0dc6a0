"""Applications (superapps) and their configuration files."""

from __future__ import annotations

from pulumi_tcmpp.api._base import Request, wire
from pulumi_tcmpp.api.types import (
    ApplicationDetail,
    ApplicationPageInfo,
    BooleanInfo,
    DownloadApplicationConfigResp,
    ResourceIdStringInfo,
    UploadFileTempSecret,
)

__all__ = [
    "CreateApplication",
    "DeleteApplication",
    "DescribeApplication",
    "DescribeApplicationConfigFile",
    "DescribeApplicationList",
    "DescribeTempSecret4UploadFile2Cos",
    "ModifyApplication",
    "ModifyApplicationAppKey",
    "ModifyApplicationAppUrl",
]


class CreateApplication(Request[ResourceIdStringInfo]):
    """Create an application.

    Data.ResourceId = ApplicationId. TeamId and ApplicationType are not in ModifyApplication
    (immutable).
    """

    application_name: str = wire(description="Application name")
    logo: str = wire(description="Logo address")
    platform_id: str = wire(description="Platform ID")
    team_id: str = wire(description="Team ID")
    application_type: int | None = wire(
        None, required_on=("tcmpp",), description="Application type. 1: Test; 2: Formal"
    )
    intro: str = wire(description="Introduction")
    android_app_key: str | None = wire(None, description="Android app package name")
    ios_app_key: str | None = wire(None, description="iOS App bundleId")
    remark: str | None = wire(None, description="Remarks")
    scheme: str | None = wire(None, only="tcsas", description="Scheme of the superapp (tcsas only)")


class DescribeApplication(Request[ApplicationDetail]):
    """Query details of an application.

    Response field is spelled `ApplicationID` / `AppIdentityID` (capital ID) in tcmpp; tcsas
    uses `ApplicationId` / `AppIdentityId`.
    """

    application_id: str = wire(description="Application ID")
    platform_id: str = wire(description="Platform ID")


class DescribeApplicationList(Request[ApplicationPageInfo]):
    """Query the list of application.

    Row type ApplicationInfo uses `ApplicationID`/`CustomerID` spelling.
    """

    offset: int = wire(description="Page offset")
    limit: int = wire(description="Number of results per page")
    platform_id: str = wire(description="Platform ID")
    keyword: str | None = wire(None, description="Keywords for search (app name)")
    team_id: str | None = wire(None, description="Team ID")


class ModifyApplication(Request[BooleanInfo]):
    """Change application information.

    ApplicationName, Intro, Logo required every time (send current values).
    """

    application_id: str = wire(description="Application ID")
    application_name: str = wire(description="The application name")
    intro: str = wire(description="Application introduction")
    logo: str = wire(description="Icon")
    platform_id: str = wire(description="Platform ID")
    android_app_key: str | None = wire(None, description="Android app package name")
    ios_app_key: str | None = wire(None, description="iOS App bundleId")
    remark: str | None = wire(None, description="Remarks")
    scheme: str | None = wire(None, only="tcsas", description="Scheme of the superapp (tcsas only)")


class DeleteApplication(Request[BooleanInfo]):
    """Delete applications.

    Fails while mini programs or approvals are bound (FailedOperation.AppAlreadyBindMiniProgram
    / AppAlreadyBindAudit).
    """

    application_id: str = wire(description="Application ID")
    platform_id: str = wire(description="Platform ID")


class DescribeApplicationConfigFile(Request[DownloadApplicationConfigResp]):
    """Query the configuration files of an application.

    AppType 2=Android, 3=iOS; Data.File is base64.
    """

    application_id: str = wire(description="Application ID")
    app_type: int | None = wire(
        None, required_on=("tcmpp",), description="Application platform. 2: Android; 3: iOS"
    )
    platform_id: str = wire(description="Platform ID")


class ModifyApplicationAppKey(Request[BooleanInfo]):
    """Modify the application package name.

    change Android/iOS package names; note the `IOSAppKey` spelling (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    application_id: str = wire(description="Application ID")
    platform_id: str = wire(description="Platform ID")
    android_app_key: str | None = wire(None, description="Android package name")
    ios_app_key: str | None = wire(None, alias="IOSAppKey", description="iOS package name")


class ModifyApplicationAppUrl(Request[BooleanInfo]):
    """Change the app download address.

    set the download URLs (read back as AndroidAppUrl/IosAppUrl), which Create/ModifyApplication
    cannot set; note the `AndroidAppURL`/`IOSAppURL` spelling (tcmpp only)
    """

    documented = False
    backends = ("tcmpp",)

    application_id: str = wire(description="Application ID")
    platform_id: str = wire(description="Platform ID")
    android_app_url: str | None = wire(None, alias="AndroidAppURL", description="Android address")
    ios_app_url: str | None = wire(None, alias="IOSAppURL", description="iOS address")


class DescribeTempSecret4UploadFile2Cos(Request[UploadFileTempSecret]):
    """Obtain a temporary key for file uploads.

    A temporary COS key to upload logos, icons and packages (the URL inputs).
    """

    documented = False

    business_name: str = wire(description="Service name")
    suffix: str = wire(description="File suffix")
    platform_id: str | None = wire(None, only="tcsas", description="Platform ID (tcsas only)")
