"""Building a platform's objects through the vendor SDK, with the docs' example values."""

from __future__ import annotations

import base64
from typing import Any

from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from tests.emulator.sdk import Sdk

ICON = "https://127.0.0.1/console/20240812101023-f1ae758593.jpeg"
LOGO = "http://127.0.0.1/T04257DS9431720WTAG/console/20240819193433-a67c2b912e.png"
MNP_TYPE = "Logistics Services->1_Pickup/Delivery,Life Service->144_Lilliputian Services"
PACKAGE = "http://127.0.0.1/T04257DS9431720WTAG/console/20240820163023-86c669ca06.zip"


def encrypt(sdk: Sdk, password: str) -> tuple[str, str]:
    """(KeyId, Password) the way the docs say: CreatePresetKey, then RSA PKCS#1 v1.5."""
    params = sdk.p() if sdk.backend == "tcsas" else {}
    response = sdk.call("CreatePresetKey", params)
    key = load_pem_public_key(response.Data.Key.encode())
    assert isinstance(key, rsa.RSAPublicKey)
    ciphertext = key.encrypt(password.encode(), padding.PKCS1v15())
    return response.RequestId, base64.b64encode(ciphertext).decode()


def user(sdk: Sdk, account: str, account_type: int = 3) -> str:
    key_id, password = encrypt(sdk, "Passw0rd!")
    data = sdk.data(
        "CreateUser",
        sdk.p(
            UserAccount=account,
            UserName=account,
            AccountType=account_type,
            KeyId=key_id,
            Password=password,
        ),
    )
    return str(data["ResourceId"])


def team(sdk: Sdk, name: str, admin: str, role_type: int, related: str | None = None) -> str:
    params: dict[str, Any] = sdk.p(TeamName=name, AdminUserId=admin, TeamRoleTypeList=[role_type])
    if related:
        params["RelatedTeamId"] = related
    sdk.call("CreateTeam", params)
    rows = sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=10, Keyword=name))["DataList"]
    return str(next(r["TeamId"] for r in rows if r["TeamName"] == name))


def application(sdk: Sdk, name: str, team_id: str) -> str:
    data = sdk.data(
        "CreateApplication",
        sdk.p(
            ApplicationName=name,
            Logo=LOGO,
            TeamId=team_id,
            ApplicationType=1,
            Intro="test",
            AndroidAppKey="com.test",
            IosAppKey="com.test",
            Remark="testtest",
        ),
    )
    return str(data["ResourceId"])


def sensitive_api(sdk: Sdk, app_id: str, name: str, api_type: int = 2) -> str:
    """A sensitive API of an application (public, as created); returns its APIId."""
    item = {"APIName": name, "APIDesc": f"{name} of the superapp", "APIType": api_type}
    sdk.call("CreateApplicationSensitiveAPI", sdk.p(ApplicationId=app_id, APIList=[item]))
    listed = sdk.p(ApplicationId=app_id, Offset=0, Limit=100, Keyword=name)
    rows = sdk.data("DescribeApplicationSensitiveAPIList", listed)["DataList"]
    return str(next(r["APIId"] for r in rows if r["APIName"] == name))


def mini_program(sdk: Sdk, name: str, team_id: str) -> str:
    data = sdk.data(
        "CreateMNP",
        sdk.p(
            TeamId=team_id,
            MNPName=name,
            MNPType=MNP_TYPE,
            MNPIntro="api create mini program",
            MNPDesc="api create mini program",
            MNPIcon=ICON,
        ),
    )
    return str(data["ResourceId"])


def version(sdk: Sdk, mnp_id: str, number: str) -> tuple[str, int]:
    """(TaskId, MNPVersionId) of a version built by polling DescribeMNPVersion to 60."""
    task_id = sdk.data(
        "CreateMNPVersion",
        sdk.p(MNPId=mnp_id, MNPVersion=number, FileUrl=PACKAGE, MNPVersionIntro="autotest"),
    )["TaskId"]
    statuses = []
    for _ in range(10):
        data = sdk.data("DescribeMNPVersion", sdk.p(BusinessId=task_id))
        statuses.append(data["TaskStatus"])
        if data["TaskStatus"] == 60:
            break
    assert statuses[-1] == 60, statuses
    rows = sdk.data("DescribeMNPAllStageVersions", sdk.p(MNPId=mnp_id))
    version_id = next(r["MNPVersionId"] for r in rows if r["MNPVersion"] == number)
    return task_id, int(version_id)


class World:
    """Users, an application team with an application, a mini program team associated with it,
    and a mini program: what most flows need."""

    def __init__(self, sdk: Sdk, tag: str = "") -> None:
        self.sdk = sdk
        self.admin = user(sdk, f"OpenApiAdmin{tag}", 2)
        self.member = user(sdk, f"OpenApiUser{tag}")
        self.app_team = team(sdk, f"autotest_app_team{tag}", self.admin, 2)
        self.mini_team = team(sdk, f"autotest_mini_team{tag}", self.admin, 1, self.app_team)
        self.app = application(sdk, f"autotest_app{tag}", self.app_team)
        self.mnp = mini_program(sdk, f"autotest_miniapp{tag}", self.mini_team)

    def approved_version(self, number: str) -> int:
        _, version_id = version(self.sdk, self.mnp, number)
        sdk = self.sdk
        sdk.call("CreateMNPApproval", sdk.p(MNPVersionId=version_id, ApplyAction="submit"))
        approval_no = self.approval_no(version_id)
        items = [{"AppId": self.app, "ApprovalResult": 3, "ApprovalNote": "autotest pass"}]
        sdk.call("ProcessMNPApproval", sdk.p(ApprovalNo=approval_no, ApprovalItems=items))
        return version_id

    def approval_no(self, version_id: int) -> str:
        rows = self.sdk.data("DescribeMNPAllStageVersions", self.sdk.p(MNPId=self.mnp))
        return str(
            next(
                r["ApprovalNo"] for r in rows if r["MNPVersionId"] == version_id and r["ApprovalNo"]
            )
        )
