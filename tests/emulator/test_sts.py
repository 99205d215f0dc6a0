"""The emulator's STS and CVM metadata service, driven by the vendor SDK as the oracle.

The SDK signs AssumeRole itself (service ``sts``) and sends AssumeRoleWithWebIdentity
unsigned, as its ``OIDCRoleArnCredential`` does; the keys the emulator hands out must then
work for the SDK's TCMPP client, and stop working when they expire.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sts.v20180813 import models as sts_models
from tencentcloud.sts.v20180813 import sts_client

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.handlers.sts import DEFAULT_ROLE_ARN, DEFAULT_ROLE_NAME
from tests.emulator import world
from tests.emulator.sdk import Sdk

WEB_ARN = "qcs::cam::uin/100000000002:roleName/web"


@pytest.fixture
def sts_emu(tcmpp_emulator: Emulator) -> Emulator:
    """The session's emulator at day one (STS codes are not in the TCMPP catalogue, so the
    suite's catalogue check of ``emu`` does not apply here)."""
    return tcmpp_emulator


def profile(emu: Emulator) -> ClientProfile:
    return ClientProfile(httpProfile=HttpProfile(endpoint=emu.host_port, protocol="http"))


def assume_role(emu: Emulator, secret_key: str | None = None, **params: Any) -> Any:
    cred = credential.Credential(emu.secret_id, secret_key or emu.secret_key)
    client = sts_client.StsClient(cred, "ap-guangzhou", profile(emu))
    request = sts_models.AssumeRoleRequest()
    request.from_json_string(json.dumps({"RoleSessionName": "oracle", **params}))
    return client.AssumeRole(request)


def web_identity(emu: Emulator, **params: Any) -> dict[str, Any]:
    client = CommonClient(
        credential=None,
        region="ap-guangzhou",
        version="2018-08-13",
        service="sts",
        profile=profile(emu),
    )
    body = {"RoleSessionName": "oracle", **params}
    answer = client.call_json("AssumeRoleWithWebIdentity", body, options={"SkipSign": True})
    return answer["Response"]  # type: ignore[no-any-return]


def temporary_sdk(emu: Emulator, secret_id: str, secret_key: str, token: str | None) -> Sdk:
    """The vendor SDK's TCMPP client signing with temporary keys."""
    return Sdk(emu, "tcmpp", secret_id=secret_id, secret_key=secret_key, token=token)


def teams_code(sdk: Sdk) -> str:
    """The error code of a DescribeTeamList (fails the test when it succeeds)."""
    return sdk.code("DescribeTeamList", sdk.p(Offset=0, Limit=10))


def code_of(call: Any) -> str:
    with pytest.raises(TencentCloudSDKException) as caught:
        call()
    return str(caught.value.get_code())


def test_assumed_keys_work_for_tcmpp_until_they_expire(sts_emu: Emulator) -> None:
    answer = assume_role(sts_emu, RoleArn=DEFAULT_ROLE_ARN, DurationSeconds=900)
    now = sts_emu.app.now()
    assert now + 899 <= answer.ExpiredTime <= now + 901
    assert answer.Expiration.endswith("Z") and "T" in answer.Expiration
    creds = answer.Credentials
    sdk = temporary_sdk(sts_emu, creds.TmpSecretId, creds.TmpSecretKey, creds.Token)
    assert sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=10))["TotalCount"] == 0
    no_token = temporary_sdk(sts_emu, creds.TmpSecretId, creds.TmpSecretKey, None)
    assert teams_code(no_token) == "AuthFailure.TokenFailure"
    sts_emu.app.sts.expire_all()
    assert teams_code(sdk) == "AuthFailure.TokenFailure"
    sts_emu.app.sts.expired_answer = "unknown"
    assert teams_code(sdk) == "AuthFailure.SecretIdNotFound"


def test_changes_made_with_assumed_keys_are_the_roles_accounts(sts_emu: Emulator) -> None:
    role = "qcs::cam::uin/100000000077:roleName/ops"
    sts_emu.app.sts.add_role(role)
    creds = assume_role(sts_emu, RoleArn=role).Credentials
    sdk = temporary_sdk(sts_emu, creds.TmpSecretId, creds.TmpSecretKey, creds.Token)
    admin = world.user(sdk, "a")
    world.application(sdk, "by-role", world.team(sdk, "apps", admin, 2))
    (app,) = sts_emu.state()["platforms"][sts_emu.platform_id]["application"]
    assert app["create_user"] == "100000000077"


def test_roles_can_be_chained(sts_emu: Emulator) -> None:
    first = assume_role(sts_emu, RoleArn=DEFAULT_ROLE_ARN).Credentials
    cred = credential.Credential(first.TmpSecretId, first.TmpSecretKey, first.Token)
    client = sts_client.StsClient(cred, "ap-guangzhou", profile(sts_emu))
    request = sts_models.AssumeRoleRequest()
    request.from_json_string(json.dumps({"RoleArn": DEFAULT_ROLE_ARN, "RoleSessionName": "two"}))
    assert client.AssumeRole(request).Credentials.TmpSecretId != first.TmpSecretId


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "MissingParameter"),
        ({"RoleArn": "deployer"}, "InvalidParameter.ParamError"),
        ({"RoleArn": "qcs::cam::uin/800000000001:roleName/none"}, "ResourceNotFound.RoleNotFound"),
        ({"RoleArn": DEFAULT_ROLE_ARN, "DurationSeconds": 43201}, "InvalidParameter.OverTimeError"),
        ({"RoleArn": DEFAULT_ROLE_ARN, "RoleSessionName": "a b"}, "InvalidParameter.ParamError"),
        (
            {"RoleArn": DEFAULT_ROLE_ARN, "Policy": "not json"},
            "InvalidParameter.StrategyFormatError",
        ),
        (
            {
                "RoleArn": DEFAULT_ROLE_ARN,
                "Policy": urllib.parse.quote_plus(
                    json.dumps({"version": "2.0", "statement": [{"principal": {"qcs": ["*"]}}]})
                ),
            },
            "InvalidParameter.StrategyFormatError",
        ),
    ],
)
def test_assume_role_refusals(sts_emu: Emulator, params: dict[str, Any], code: str) -> None:
    assert code_of(lambda: assume_role(sts_emu, **params)) == code


def test_assume_role_checks_the_signature_and_the_external_id(sts_emu: Emulator) -> None:
    assert (
        code_of(lambda: assume_role(sts_emu, secret_key="wrong-key-123", RoleArn=DEFAULT_ROLE_ARN))
        == "AuthFailure.SignatureFailure"
    )
    sts_emu.app.sts.add_role(DEFAULT_ROLE_ARN, external_id="ext-1")
    assert code_of(lambda: assume_role(sts_emu, RoleArn=DEFAULT_ROLE_ARN)) == (
        "UnauthorizedOperation"
    )
    policy = urllib.parse.quote_plus(json.dumps({"version": "2.0", "statement": []}))
    ok = assume_role(sts_emu, RoleArn=DEFAULT_ROLE_ARN, ExternalId="ext-1", Policy=policy)
    assert ok.Credentials.Token


def test_web_identity_unsigned_as_the_sdk_sends_it(sts_emu: Emulator) -> None:
    sts_emu.app.sts.add_role(WEB_ARN, identity_providers=["tke"])
    sts_emu.app.sts.add_identity_provider("tke", ["jwt-ok"])
    answer = web_identity(
        sts_emu, ProviderId="tke", WebIdentityToken="jwt-ok", RoleArn=WEB_ARN, DurationSeconds=600
    )
    assert set(answer) == {"Credentials", "ExpiredTime", "Expiration", "RequestId"}
    assert set(answer["Credentials"]) == {"Token", "TmpSecretId", "TmpSecretKey"}
    logged = sts_emu.request_log()[-1]
    assert logged["action"] == "AssumeRoleWithWebIdentity"
    assert logged["params"]["WebIdentityToken"] == "***"

    def refused(**params: Any) -> str:
        body = {"ProviderId": "tke", "WebIdentityToken": "jwt-ok", "RoleArn": WEB_ARN, **params}
        return code_of(lambda: web_identity(sts_emu, **body))

    assert refused(WebIdentityToken="jwt-forged") == "InvalidParameter.WebIdentityTokenError"
    assert refused(ProviderId="nope") == "InvalidParameter.ParamError"
    assert refused(RoleArn=DEFAULT_ROLE_ARN) == "UnauthorizedOperation"  # no trust in "tke"


def test_unknown_sts_actions_are_invalid(sts_emu: Emulator) -> None:
    cred = credential.Credential(sts_emu.secret_id, sts_emu.secret_key)
    client = CommonClient("sts", "2018-08-13", cred, "ap-guangzhou", profile=profile(sts_emu))
    assert code_of(lambda: client.call_json("GetFederationToken", {})) == "InvalidAction"


def get(emu: Emulator, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(emu.endpoint + path, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_the_metadata_service_of_a_pretend_cvm(sts_emu: Emulator) -> None:
    listing = "/latest/meta-data/cam/security-credentials/"
    assert get(sts_emu, listing) == (200, DEFAULT_ROLE_NAME.encode())
    status, body = get(sts_emu, listing + DEFAULT_ROLE_NAME)
    document = json.loads(body)
    assert status == 200 and document["Code"] == "Success"
    assert set(document) == {
        "TmpSecretId",
        "TmpSecretKey",
        "ExpiredTime",
        "Expiration",
        "Token",
        "Code",
    }
    sdk = temporary_sdk(
        sts_emu, document["TmpSecretId"], document["TmpSecretKey"], document["Token"]
    )
    assert sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=10))["TotalCount"] == 0
    assert get(sts_emu, listing + "other")[0] == 404
    sts_emu.app.sts.instance_role = None
    assert get(sts_emu, listing)[0] == 404


def test_reset_forgets_roles_providers_and_issued_keys(sts_emu: Emulator) -> None:
    sts_emu.app.sts.add_role(WEB_ARN)
    creds = assume_role(sts_emu, RoleArn=WEB_ARN).Credentials
    sts_emu.reset()
    assert sts_emu.app.sts.issued() == [] and WEB_ARN not in sts_emu.app.sts.roles
    sdk = temporary_sdk(sts_emu, creds.TmpSecretId, creds.TmpSecretKey, creds.Token)
    assert teams_code(sdk) == "AuthFailure.SecretIdNotFound"
