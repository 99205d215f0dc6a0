"""The project's TC3 signer against the vendor SDK's own signer, over generated requests."""

from __future__ import annotations

import json
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from unittest import mock

import httpx
import pytest
from tencentcloud.common import credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tcmpp.v20240801.tcmpp_client import TcmppClient
from tencentcloud.tcsas.v20250106.tcsas_client import TcsasClient

from pulumi_tcmpp.api import signature
from pulumi_tcmpp.api.actions import ACTIONS
from pulumi_tcmpp.api.teams import DescribeTeamList
from pulumi_tcmpp.api.users import CreateUser
from pulumi_tcmpp.client import Client, RetryPolicy, Settings, Tc3Auth

HOSTS = [
    "tcmpp.intl.tencentcloudapi.com",
    "tcsas.intl.tencentcloudapi.com",
    "tcmpp.tencentcloudapi.com",
    "127.0.0.1:8080",
    "localhost:54321",
]
REGIONS = [None, "ap-guangzhou", "ap-singapore", "na-siliconvalley"]
TEXTS = ["plain", "中文团队", "équipe ünïcode", "emoji 🚀 ok", 'quote " and \\ slash', ""]
# Around the UTC midnight of 2024-12-31 -> 2025-01-01, and others.
TIMESTAMPS = [1735689599, 1735689600, 1551113065, 1724142147, 1893455999, 1700000000]


@dataclass
class Case:
    action: str
    service: str
    host: str
    region: str | None
    token: str | None
    method: str
    timestamp: int
    params: dict[str, Any]


def _params(rng: random.Random) -> dict[str, Any]:
    params: dict[str, Any] = {"PlatformId": "T04257DS9431720WTAG"}
    for _ in range(rng.randint(0, 4)):
        key = rng.choice(["TeamName", "Keyword", "Remark", "Offset", "Limit", "MemberList"])
        if key in ("Offset", "Limit"):
            params[key] = rng.randint(0, 500)
        elif key == "MemberList":
            params[key] = [{"UserId": f"U{rng.randint(1, 9)}", "UserRoleId": 20070}]
        else:
            params[key] = rng.choice(TEXTS) + "".join(rng.choices(string.ascii_letters, k=3))
    return params


def _cases(count: int) -> Iterator[Case]:
    rng = random.Random(20261122)
    actions = sorted(ACTIONS)
    for index in range(count):
        service = rng.choice(["tcmpp", "tcsas"])
        yield Case(
            action=rng.choice(actions),
            service=service,
            host=rng.choice(HOSTS),
            region=rng.choice(REGIONS),
            token=rng.choice([None, "tok" + "".join(rng.choices(string.hexdigits, k=24))]),
            method="GET" if index % 5 == 0 else "POST",
            timestamp=TIMESTAMPS[index % len(TIMESTAMPS)] + rng.choice([0, 0, 17]),
            params=_params(rng),
        )


def _sdk_client(case: Case, secret_id: str, secret_key: str) -> Any:
    cred = credential.Credential(secret_id, secret_key, case.token)
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=case.host, reqMethod=case.method))
    cls = TcmppClient if case.service == "tcmpp" else TcsasClient
    return cls(cred, case.region, profile)


def _sdk_request(case: Case, secret_id: str, secret_key: str) -> RequestInternal:
    client = _sdk_client(case, secret_id, secret_key)
    req = RequestInternal(case.host, case.method, "/", header={})
    with mock.patch("tencentcloud.common.abstract_client.time.time", return_value=case.timestamp):
        client._build_req_with_tc3_signature(case.action, case.params, req)
    return req


CASES = list(_cases(300))


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{i}-{c.method}-{c.action}" for i, c in enumerate(CASES)]
)
def test_signature_equals_the_sdk_signature(case: Case) -> None:
    secret_id, secret_key = (
        "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    )
    req = _sdk_request(case, secret_id, secret_key)
    is_get = case.method == "GET"
    ours = signature.authorization(
        secret_id=secret_id,
        secret_key=secret_key,
        service=case.service,
        timestamp=case.timestamp,
        method=case.method,
        content_type=req.header["Content-Type"],
        host=req.header["Host"],
        payload=b"" if is_get else req.data.encode("utf-8"),
        query=req.data if is_get else "",
    )
    assert ours == req.header["Authorization"]


def test_the_documented_example_signature() -> None:
    """Tencent Cloud's own worked example (CVM DescribeInstances, anchors.md §2.2)."""
    payload = (
        b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
    )
    canonical = signature.canonical_request(
        "POST", "application/json; charset=utf-8", "cvm.tencentcloudapi.com", payload
    )
    to_sign = signature.string_to_sign(canonical, 1551113065, "cvm")
    assert signature.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", 1551113065, "cvm", to_sign) == (
        "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
    )


def test_scope_date_follows_utc_across_midnight() -> None:
    assert signature.credential_date(1735689599) == "2024-12-31"
    assert signature.credential_date(1735689600) == "2025-01-01"


@pytest.mark.parametrize("backend", ["tcmpp", "tcsas"])
@pytest.mark.parametrize("token", [None, "temporary-token-123"])
def test_the_client_request_verifies_with_the_sdk_signer(backend: str, token: str | None) -> None:
    """What the client puts on the wire is signed as the SDK would sign those exact bytes."""
    captured: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        body = {"Response": {"Data": {"TotalCount": 0, "DataList": []}, "RequestId": "r-1"}}
        return httpx.Response(200, json=body)

    settings = Settings(
        secret_id="AKIDexample",
        secret_key="secret-key-example",
        token=token,
        region="ap-singapore",
        endpoint="http://127.0.0.1:9/",
        backend_name=backend,
        rate_limit=0,
    )
    client = Client(settings, transport=httpx.MockTransport(handler), retry=RetryPolicy(0))
    client.call(DescribeTeamList(offset=0, limit=10, platform_id="T1", keyword="中文团队"))
    (request,) = captured
    headers = request.headers
    assert headers["X-TC-Action"] == "DescribeTeamList"
    assert headers["X-TC-Version"] == ("2024-08-01" if backend == "tcmpp" else "2025-01-06")
    assert headers["X-TC-Region"] == "ap-singapore"
    assert headers.get("X-TC-Token") == token
    assert headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "Offset": 0,
        "Limit": 10,
        "PlatformId": "T1",
        "Keyword": "中文团队",
    }
    timestamp = int(headers["X-TC-Timestamp"])
    req = RequestInternal(headers["Host"], "POST", "/", header=dict(headers))
    req.header["Content-Type"] = headers["Content-Type"]
    req.header["Host"] = headers["Host"]
    req.header["X-TC-Timestamp"] = headers["X-TC-Timestamp"]
    req.data = request.content.decode("utf-8")
    sdk = _sdk_client(
        Case("DescribeTeamList", backend, headers["Host"], None, token, "POST", timestamp, {}),
        "AKIDexample",
        "secret-key-example",
    )
    date = signature.credential_date(timestamp)
    expected = sdk._get_tc3_signature({}, req, date, backend, "secret-key-example")
    assert headers["Authorization"].endswith(f"Signature={expected}")
    assert f"Credential=AKIDexample/{date}/{backend}/tc3_request" in headers["Authorization"]


def test_every_attempt_is_signed_with_a_fresh_timestamp() -> None:
    stamps: list[str] = []
    answers = iter(
        [
            {
                "Response": {
                    "Error": {"Code": "RequestLimitExceeded", "Message": "slow"},
                    "RequestId": "a",
                }
            },
            {"Response": {"Data": {"ResourceId": "U1"}, "RequestId": "b"}},
        ]
    )
    clock = iter([1000.0, 1500.0])

    def handler(request: httpx.Request) -> httpx.Response:
        stamps.append(request.headers["X-TC-Timestamp"])
        return httpx.Response(200, json=next(answers))

    settings = Settings(secret_id="id", secret_key="key", endpoint="http://x", rate_limit=0)
    client = Client(
        settings,
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(3, sleep=lambda _: None, random=lambda: 0.0),
        clock=lambda: next(clock),
    )
    request = CreateUser(
        user_account="a", user_name="b", account_type=3, password="x", key_id="k", platform_id="p"
    )
    client.call(request)
    assert stamps == ["1000", "1500"]


def test_the_auth_flow_signs_like_sign_for_plain_httpx_clients() -> None:
    """Tc3Auth also works as an ``httpx.Auth`` for users of their own ``httpx.Client``."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"Response": {"RequestId": "r"}})

    auth = Tc3Auth("AKIDexample", "secret-key-example", "tcmpp", clock=lambda: 1735689600)
    with httpx.Client(transport=httpx.MockTransport(handler), auth=auth) as http:
        http.post(
            "http://127.0.0.1:9/", content=b"{}", headers={"Content-Type": "application/json"}
        )
    direct = httpx.Request(
        "POST", "http://127.0.0.1:9/", content=b"{}", headers={"Content-Type": "application/json"}
    )
    auth.sign(direct)
    assert seen[0].headers["Authorization"] == direct.headers["Authorization"]
    assert "Credential=AKIDexample/2025-01-01/tcmpp/tc3_request" in direct.headers["Authorization"]
