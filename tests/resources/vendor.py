"""The vendor SDK as the out-of-band actor: changes made behind the stack's back, and reads.

Tests never use the project's own client for these: a change the vendor SDK makes is a change
someone made in the console or with ``tccli``, and what it reads is what the platform holds.
Under a visibility lag the vendor looks only once every write so far shows, and its own
changes are made "a while before" the stack runs again: it waits until they show too.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tcmpp.v20240801 import models as tcmpp_models
from tencentcloud.tcmpp.v20240801 import tcmpp_client
from tencentcloud.tcsas.v20250106 import models as tcsas_models
from tencentcloud.tcsas.v20250106 import tcsas_client

from pulumi_tcmpp.emulator import Emulator

__all__ = ["Vendor", "VendorError"]

VendorError = TencentCloudSDKException


class Vendor:
    """One back end's SDK client: ``call(action, **params)`` returns the response's Data."""

    def __init__(self, emu: Emulator, backend: str = "tcmpp") -> None:
        self.emu = emu
        self.platform_id = emu.platform_id
        cred = credential.Credential(emu.secret_id, emu.secret_key)
        profile = ClientProfile(httpProfile=HttpProfile(endpoint=emu.host_port, protocol="http"))
        if backend == "tcmpp":
            self.client: Any = tcmpp_client.TcmppClient(cred, "", profile)
            self.models: Any = tcmpp_models
        else:
            self.client = tcsas_client.TcsasClient(cred, "", profile)
            self.models = tcsas_models

    def call(self, action: str, **params: Any) -> Any:
        """Call ``action`` with ``params`` (PlatformId added); returns Data as plain JSON."""
        return self.response(action, **params).get("Data")

    def response(self, action: str, **params: Any) -> dict[str, Any]:
        """The whole response (Data and RequestId) as plain JSON."""
        request = getattr(self.models, f"{action}Request")()
        if hasattr(request, "PlatformId"):
            params = {"PlatformId": self.platform_id, **params}
        request.from_json_string(json.dumps(params))
        self.emu.wait_until_visible()
        try:
            response = getattr(self.client, action)(request)
        finally:
            self.emu.wait_until_visible()
        return json.loads(response.to_json_string())  # type: ignore[no-any-return]

    # -- out-of-band objects, made the way a console user would ---------------------------------

    def create_user(self, account: str, name: str | None = None, account_type: int = 3) -> str:
        """A user with a console-set password; returns the UserId."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import padding

        key = self.response("CreatePresetKey")
        public = serialization.load_pem_public_key(key["Data"]["Key"].encode())
        cipher = public.encrypt(b"Console-Passw0rd", padding.PKCS1v15())  # type: ignore[union-attr]
        data = self.call(
            "CreateUser",
            UserAccount=account,
            UserName=name or account,
            AccountType=account_type,
            Password=base64.b64encode(cipher).decode(),
            KeyId=key["RequestId"],
        )
        return str(data["ResourceId"])

    def create_team(self, name: str, role: int, admin_user_id: str, **extra: Any) -> str:
        """A team; returns its TeamId (CreateTeam gives none: found by exact name)."""
        self.call(
            "CreateTeam",
            TeamName=name,
            AdminUserId=admin_user_id,
            TeamRoleTypeList=[role],
            **extra,
        )
        return self.team(name)["TeamId"]  # type: ignore[no-any-return]

    def team(self, name: str) -> dict[str, Any]:
        """The DescribeTeamList row of the team with exactly this name."""
        rows = self.call("DescribeTeamList", Offset=0, Limit=100, Keyword=name)["DataList"]
        return next(row for row in rows if row["TeamName"] == name)

    def create_application(self, name: str, team_id: str, **extra: Any) -> str:
        params = {
            "ApplicationName": name,
            "Logo": "https://cdn.example.com/console.png",
            "TeamId": team_id,
            "ApplicationType": 1,
            "Intro": "made in the console",
            "AndroidAppKey": f"com.console.{name.lower()}",  # some readings require one
            **extra,
        }
        return str(self.call("CreateApplication", **params)["ResourceId"])

    def create_mini_program(self, name: str, team_id: str, **extra: Any) -> str:
        params = {
            "MNPType": "Tools->40_Calculator",
            "MNPName": name,
            "MNPIcon": "https://cdn.example.com/console.png",
            "MNPIntro": "made in the console",
            "MNPDesc": "made in the console",
            "TeamId": team_id,
            **extra,
        }
        return str(self.call("CreateMNP", **params)["ResourceId"])

    def members(self, team_id: str) -> dict[str, int]:
        """UserId -> RoleId of every member of a team."""
        rows = self.call("DescribeTeamMemberList", Offset=0, Limit=100, TeamId=team_id)
        return {row["UserId"]: row["TeamRoleId"] for row in rows["DataList"]}
