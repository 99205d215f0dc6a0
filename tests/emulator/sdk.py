"""The vendor SDK as the emulator's oracle: clients built from endpoint + credentials only."""

from __future__ import annotations

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

MODELS = {"tcmpp": tcmpp_models, "tcsas": tcsas_models}


class Sdk:
    """One back end's SDK client with a generic ``call(action, params)``."""

    def __init__(
        self,
        emu: Emulator,
        backend: str,
        *,
        secret_id: str | None = None,
        secret_key: str | None = None,
        token: str | None = None,
        method: str = "POST",
    ) -> None:
        self.backend = backend
        self.platform_id = emu.platform_id
        cred = credential.Credential(
            secret_id or emu.secret_id, secret_key or emu.secret_key, token
        )
        http = HttpProfile(endpoint=emu.host_port, protocol="http", reqMethod=method)
        profile = ClientProfile(httpProfile=http)
        cls = tcmpp_client.TcmppClient if backend == "tcmpp" else tcsas_client.TcsasClient
        self.client = cls(cred, "", profile)
        self.models = MODELS[backend]
        self.responses: dict[str, Any] = {}

    def call(self, action: str, params: dict[str, Any] | None = None) -> Any:
        """Call an action; returns the SDK's response model (raises the SDK's exception)."""
        request = getattr(self.models, f"{action}Request")()
        request.from_json_string(json.dumps(params or {}))
        response = getattr(self.client, action)(request)
        self.responses[action] = json.loads(response.to_json_string())
        return response

    def data(self, action: str, params: dict[str, Any] | None = None) -> Any:
        """The response's Data as plain JSON (dicts and lists)."""
        response = self.call(action, params)
        return json.loads(response.to_json_string()).get("Data")

    def p(self, **params: Any) -> dict[str, Any]:
        """Params with this SDK's PlatformId added."""
        return {"PlatformId": self.platform_id, **params}

    def error(self, action: str, params: dict[str, Any] | None = None) -> TencentCloudSDKException:
        """The SDK exception a call raises (fails the test when it succeeds)."""
        try:
            self.call(action, params)
        except TencentCloudSDKException as exc:
            return exc
        raise AssertionError(f"{action} succeeded, an error was expected")

    def code(self, action: str, params: dict[str, Any] | None = None) -> str:
        return str(self.error(action, params).get_code())
