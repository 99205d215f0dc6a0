"""Role credentials end to end against the emulator: STS, web identity, the CVM metadata service.

Each test looks at what the emulator saw (its request log, the keys it issued) and at what the
client answers, never at the client's own bookkeeping.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.sts.v20180813 import models, sts_client

from pulumi_tcmpp.api.teams import DescribeTeamList
from pulumi_tcmpp.client import Client, Settings
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.handlers.sts import DEFAULT_ROLE_ARN
from pulumi_tcmpp.errors import AuthError, ConfigurationError, TransportError

WEB_ARN = "qcs::cam::uin/100000000002:roleName/web-deployer"


class Clock:
    """The client's clock, moved by the test together with the emulator's."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds
        self.emu.set_clock_offset(self.offset)


@pytest.fixture
def emu(tcmpp_emulator: Emulator) -> Emulator:
    return tcmpp_emulator


def settings(emu: Emulator, tmp_path: Path, **env: str) -> Settings:
    base = {"TCMPP_ENDPOINT": emu.endpoint, "TCMPP_PLATFORM_ID": emu.platform_id, **env}
    return Settings.resolve(env=base, home=tmp_path)


def keys(emu: Emulator) -> dict[str, str]:
    return {"TENCENTCLOUD_SECRET_ID": emu.secret_id, "TENCENTCLOUD_SECRET_KEY": emu.secret_key}


def read(client: Client, emu: Emulator) -> str:
    return client.call(DescribeTeamList(offset=0, limit=10, platform_id=emu.platform_id)).request_id


def log(emu: Emulator) -> list[tuple[str | None, str | None]]:
    return [(e["action"], e["code"]) for e in emu.request_log()]


MakeClient = Callable[..., Client]


@pytest.fixture
def make_client(emu: Emulator, tmp_path: Path) -> Iterator[MakeClient]:
    """``make_client(clock=..., **env)``: a client over the emulator, closed after the test."""
    made: list[Client] = []

    def make(clock: Callable[[], float] = time.time, **env: str) -> Client:
        client = Client(settings(emu, tmp_path, **env), clock=clock)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


# -- AssumeRole ------------------------------------------------------------------------------------


def test_assume_role_signs_calls_with_the_roles_temporary_keys(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    client = make_client(**keys(emu), TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN)
    read(client, emu)
    read(client, emu)
    assert log(emu) == [
        ("AssumeRole", None),
        ("DescribeTeamList", None),
        ("DescribeTeamList", None),
    ]
    (issued,) = emu.app.sts.issued()
    assert issued["RoleArn"] == DEFAULT_ROLE_ARN and issued["Via"].endswith(emu.secret_id)
    assume = emu.request_log()[0]["params"]
    assert assume == {
        "RoleArn": DEFAULT_ROLE_ARN,
        "RoleSessionName": "pulumi-tcmpp",
        "DurationSeconds": 7200,
    }


def test_assume_role_sends_what_terraform_sends(emu: Emulator, tmp_path: Path) -> None:
    emu.app.sts.add_role(DEFAULT_ROLE_ARN, external_id="ext-42")
    policy = {"version": "2.0", "statement": [{"effect": "allow", "action": ["tcmpp:*"]}]}
    config = {
        "tcmpp:assumeRole": json.dumps(
            {
                "roleArn": DEFAULT_ROLE_ARN,
                "sessionName": "release-9",
                "sessionDuration": 900,
                "externalId": "ext-42",
                "policy": json.dumps(policy),
            }
        ),
        "tcmpp:endpoint": emu.endpoint,
        **{"tcmpp:secretId": emu.secret_id, "tcmpp:secretKey": emu.secret_key},
    }
    with Client(Settings.resolve(config=config, env={}, home=tmp_path)) as client:
        read(client, emu)
    params = emu.request_log()[0]["params"]
    assert params["ExternalId"] == "ext-42" and params["DurationSeconds"] == 900
    assert params["RoleSessionName"] == "release-9"
    assert json.loads(urllib.parse.unquote_plus(params["Policy"])) == policy
    assert log(emu)[-1] == ("DescribeTeamList", None)


def test_temporary_keys_are_renewed_before_they_expire(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    clock = Clock(emu)
    client = make_client(
        clock,
        **keys(emu),
        TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN,
        TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION="60",
    )
    read(client, emu)
    clock.advance(29)  # 31 s left: more than half of the 60 s lifetime, kept
    read(client, emu)
    clock.advance(2)  # 29 s left: renewed before use
    read(client, emu)
    assert log(emu) == [
        ("AssumeRole", None),
        ("DescribeTeamList", None),
        ("DescribeTeamList", None),
        ("AssumeRole", None),
        ("DescribeTeamList", None),
    ]


@pytest.mark.parametrize(
    ("answer", "code"),
    [("token", "AuthFailure.TokenFailure"), ("unknown", "AuthFailure.SecretIdNotFound")],
)
def test_keys_that_expire_mid_run_are_renewed_once(
    make_client: MakeClient, emu: Emulator, tmp_path: Path, answer: str, code: str
) -> None:
    """Revoked or expired early (whichever code the service uses): renew, send again, once."""
    client = make_client(**keys(emu), TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN)
    read(client, emu)
    emu.app.sts.expired_answer = answer  # type: ignore[assignment]
    assert emu.app.sts.expire_all() == 1
    read(client, emu)
    assert log(emu) == [
        ("AssumeRole", None),
        ("DescribeTeamList", None),
        ("DescribeTeamList", code),
        ("AssumeRole", None),
        ("DescribeTeamList", None),
    ]


def test_keys_refused_again_after_renewal_fail_with_the_services_error(
    make_client: MakeClient, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = make_client(**keys(emu), TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN)
    read(client, emu)
    original = emu.app.sts._issue

    def issue_expired(*args: Any, **kwargs: Any) -> Any:
        issued = original(*args, **kwargs)
        emu.app.sts.expire_all()
        return issued

    monkeypatch.setattr(emu.app.sts, "_issue", issue_expired)
    emu.app.sts.expire_all()
    with pytest.raises(AuthError, match=r"DescribeTeamList failed: \[AuthFailure.TokenFailure\]"):
        read(client, emu)
    assert [a for a, _ in log(emu)].count("AssumeRole") == 2  # renewed once, not in a loop


def test_fixed_keys_refused_are_not_renewed(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    env = {"TENCENTCLOUD_SECRET_ID": emu.secret_id, "TENCENTCLOUD_SECRET_KEY": "wrong-key-123"}
    client = make_client(**env)
    with pytest.raises(AuthError, match="SignatureFailure"):
        read(client, emu)
    assert log(emu) == [("DescribeTeamList", "AuthFailure.SignatureFailure")]


def test_an_unknown_role_is_a_clear_error(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    missing = "qcs::cam::uin/800000000001:roleName/nobody"
    client = make_client(**keys(emu), TENCENTCLOUD_ASSUME_ROLE_ARN=missing)
    with pytest.raises(ConfigurationError) as caught:
        read(client, emu)
    message = str(caught.value)
    assert f"could not assume role {missing} (session pulumi-tcmpp) at {emu.endpoint}/" in message
    assert "[ResourceNotFound.RoleNotFound]" in message and "RequestId: " in message
    assert "TENCENTCLOUD_ASSUME_ROLE_ARN" in message
    assert log(emu) == [("AssumeRole", "ResourceNotFound.RoleNotFound")]  # nothing else sent


def test_a_wrong_external_id_is_refused(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    emu.app.sts.add_role(DEFAULT_ROLE_ARN, external_id="expected-id")
    client = make_client(
        **keys(emu),
        TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN,
        TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID="other-id",
    )
    with pytest.raises(ConfigurationError, match=r"\[UnauthorizedOperation\].*ExternalId"):
        read(client, emu)


def test_a_malformed_arn_fails_before_any_request(emu: Emulator, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="must be a CAM role ARN"):
        settings(emu, tmp_path, **keys(emu), TENCENTCLOUD_ASSUME_ROLE_ARN="deployer")
    assert emu.request_log() == []


def test_sts_unreachable_is_a_transport_error(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    client = make_client(
        **keys(emu),
        TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN,
        TCMPP_STS_ENDPOINT="http://127.0.0.1:9",
        TCMPP_MAX_RETRIES="0",
    )
    with pytest.raises(TransportError, match=r"could not assume role .* STS did not answer"):
        read(client, emu)
    assert emu.request_log() == []


# -- web identity ----------------------------------------------------------------------------------


def token_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "token"
    path.write_text(text)
    return path


def web_identity_env(emu: Emulator, token_file: Path) -> dict[str, str]:
    emu.app.sts.add_role(WEB_ARN, identity_providers=["cls-oidc"])
    return {
        "TKE_ROLE_ARN": WEB_ARN,
        "TKE_PROVIDER_ID": "cls-oidc",
        "TKE_WEB_IDENTITY_TOKEN_FILE": str(token_file),
        "TKE_REGION": "ap-singapore",
    }


def test_web_identity_with_a_rotating_token_file(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    token = token_file(tmp_path, "jwt-one")
    emu.app.sts.add_identity_provider("cls-oidc", ["jwt-one"])
    clock = Clock(emu)
    emu.app.sts.add_role(WEB_ARN, identity_providers=["cls-oidc"])
    client = make_client(
        clock,
        TENCENTCLOUD_ASSUME_ROLE_ARN=WEB_ARN,
        TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID="cls-oidc",
        TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE=str(token),
        TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION="60",
    )
    read(client, emu)
    token.write_text("jwt-two")  # TKE rotated the token; the old one is no longer accepted
    emu.app.sts.add_identity_provider("cls-oidc", ["jwt-two"])
    clock.advance(31)
    read(client, emu)
    entries = [e for e in emu.request_log() if e["action"] == "AssumeRoleWithWebIdentity"]
    assert [e["code"] for e in entries] == [None, None]
    assert entries[0]["params"]["WebIdentityToken"] == "***"  # the emulator's log redacts it
    assert {e["action"] for e in emu.request_log()} == {
        "AssumeRoleWithWebIdentity",
        "DescribeTeamList",
    }
    assert all(i["RoleArn"] == WEB_ARN for i in emu.app.sts.issued())


def test_a_token_the_provider_did_not_issue_is_a_clear_error(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    token = token_file(tmp_path, "forged")
    emu.app.sts.add_identity_provider("cls-oidc", ["genuine"])
    client = make_client(**web_identity_env(emu, token))
    with pytest.raises(ConfigurationError) as caught:
        read(client, emu)
    message = str(caught.value)
    assert f"could not assume web identity role {WEB_ARN} (provider cls-oidc)" in message
    assert "[InvalidParameter.WebIdentityTokenError]" in message
    assert "forged" not in message


def test_a_role_that_does_not_trust_the_provider_is_refused(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    token = token_file(tmp_path, "jwt")
    emu.app.sts.add_identity_provider("other-oidc", ["jwt"])
    env = {**web_identity_env(emu, token), "TKE_PROVIDER_ID": "other-oidc"}
    with pytest.raises(ConfigurationError, match=r"\[UnauthorizedOperation\]"):
        read(make_client(**env), emu)


# -- CVM instance role -----------------------------------------------------------------------------


def test_the_cvm_role_is_discovered_and_its_keys_sign(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    client = make_client(TCMPP_USE_CVM_ROLE="1", TCMPP_METADATA_ENDPOINT=emu.endpoint)
    read(client, emu)
    assert log(emu) == [("DescribeTeamList", None)]
    (issued,) = emu.app.sts.issued()
    assert (issued["Via"], issued["RoleArn"]) == ("cvm", DEFAULT_ROLE_ARN)


def test_cvm_role_renewal_and_an_assumed_role_on_top(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    clock = Clock(emu)
    emu.app.sts.instance_duration = 60
    other = "qcs::cam::uin/800000000001:roleName/release"
    emu.app.sts.add_role(other)
    client = make_client(
        clock,
        TENCENTCLOUD_CAM_ROLE_NAME="tcmpp-deployer",
        TCMPP_METADATA_ENDPOINT=emu.endpoint,
        TENCENTCLOUD_ASSUME_ROLE_ARN=other,
        TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION="120",
    )
    read(client, emu)
    clock.advance(61)  # the instance keys expired; the role's (120 s) are renewed at 60 s left
    read(client, emu)
    assert log(emu) == [
        ("AssumeRole", None),
        ("DescribeTeamList", None),
        ("AssumeRole", None),
        ("DescribeTeamList", None),
    ]
    vias = [i["Via"] for i in emu.app.sts.issued()]
    assert vias.count("cvm") == 2  # the expired instance keys were fetched again for AssumeRole


@pytest.mark.parametrize(
    ("instance_role", "env", "message"),
    [
        (None, {"TCMPP_USE_CVM_ROLE": "1"}, "no CAM role is bound to this instance"),
        ("tcmpp-deployer", {"TENCENTCLOUD_CAM_ROLE_NAME": "other"}, "knows no role 'other'"),
    ],
)
def test_cvm_role_problems_are_clear(
    make_client: MakeClient,
    emu: Emulator,
    tmp_path: Path,
    instance_role: str | None,
    env: dict[str, str],
    message: str,
) -> None:
    emu.app.sts.instance_role = instance_role
    client = make_client(TCMPP_METADATA_ENDPOINT=emu.endpoint, **env)
    with pytest.raises(ConfigurationError) as caught:
        read(client, emu)
    assert message in str(caught.value)
    assert f"from the metadata service at {emu.endpoint}" in str(caught.value)
    assert emu.request_log() == []


def test_no_metadata_service_is_a_clear_error(
    make_client: MakeClient, emu: Emulator, tmp_path: Path
) -> None:
    client = make_client(TCMPP_USE_CVM_ROLE="1", TCMPP_METADATA_ENDPOINT="http://127.0.0.1:9")
    with pytest.raises(ConfigurationError, match=r"metadata service at http://127.0.0.1:9: .*"):
        read(client, emu)


def test_the_assume_role_request_matches_the_vendor_sdks(
    make_client: MakeClient, emu: Emulator
) -> None:
    """The SDK's STSAssumeRoleCredential sends RoleArn, RoleSessionName, DurationSeconds."""
    read(make_client(**keys(emu), TENCENTCLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE_ARN), emu)
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=emu.host_port, protocol="http"))
    sdk = sts_client.StsClient(credential.Credential(emu.secret_id, emu.secret_key), "", profile)
    request = models.AssumeRoleRequest()
    request.from_json_string(
        json.dumps(
            {
                "RoleArn": DEFAULT_ROLE_ARN,
                "RoleSessionName": "pulumi-tcmpp",
                "DurationSeconds": 7200,
            }
        )
    )
    sdk.AssumeRole(request)
    ours, theirs = [e for e in emu.request_log() if e["action"] == "AssumeRole"]
    assert ours["params"] == theirs["params"]
    assert ours["code"] is theirs["code"] is None
