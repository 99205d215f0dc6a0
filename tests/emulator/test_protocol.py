"""API 3.0 protocol: signature checks, headers, versions, methods, bodies and parameters."""

from __future__ import annotations

import json

import httpx
import pytest

from pulumi_tcmpp.emulator import Emulator
from tests.emulator.raw import error_code, post, signed_headers
from tests.emulator.sdk import Sdk


def test_success_envelope_is_http_200_with_exact_json_content_type(emu: Emulator) -> None:
    body = json.dumps({"PlatformId": emu.platform_id}).encode()
    status, content_type, payload = post(
        emu, body, signed_headers(emu, "DescribeMNPCategory", body)
    )
    assert (status, content_type) == (200, "application/json")
    assert payload["Response"]["Data"][0]["TypeId"] == 10000
    assert len(payload["Response"]["RequestId"]) == 36


def test_wrong_secret_key_is_a_signature_failure(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp", secret_key="not-the-key")
    assert sdk.code("DescribeMNPCategory", sdk.p()) == "AuthFailure.SignatureFailure"


def test_unknown_secret_id(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcsas", secret_id="AKIDunknown")
    assert sdk.code("DescribeMNPCategory", sdk.p()) == "AuthFailure.SecretIdNotFound"


@pytest.mark.parametrize("offset", [302, -302])  # a second of margin: SDK timestamps are whole
def test_clock_skew_over_five_minutes_expires_the_signature(emu: Emulator, offset: int) -> None:
    emu.set_clock_offset(offset)
    sdk = Sdk(emu, "tcmpp")
    assert sdk.code("DescribeMNPCategory", sdk.p()) == "AuthFailure.SignatureExpire"
    emu.set_clock_offset(offset - (30 if offset > 0 else -30))
    assert sdk.data("DescribeMNPCategory", sdk.p())


def test_signed_for_the_other_service_fails(emu: Emulator) -> None:
    body = b"{}"
    headers = signed_headers(emu, "CreatePresetKey", body, service="tcsas")
    assert error_code(post(emu, body, headers)[2]) == "AuthFailure.SignatureFailure"


def test_tampered_body_fails_the_signature(emu: Emulator) -> None:
    headers = signed_headers(emu, "CreatePresetKey", b"{}")
    assert error_code(post(emu, b"{ }", headers)[2]) == "AuthFailure.SignatureFailure"


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("X-TC-Action", "Action"),
        ("X-TC-Version", "Version"),
        ("X-TC-Timestamp", "Timestamp"),
        ("Authorization", "Authorization"),
    ],
)
def test_missing_headers_are_missing_parameters(emu: Emulator, header: str, name: str) -> None:
    headers = signed_headers(emu, "CreatePresetKey", b"{}")
    del headers[header]
    status, _, payload = post(emu, b"{}", headers)
    assert status == 200
    assert error_code(payload) == "MissingParameter"
    assert name in payload["Response"]["Error"]["Message"]


def test_malformed_authorization(emu: Emulator) -> None:
    headers = signed_headers(emu, "CreatePresetKey", b"{}")
    headers["Authorization"] = "Basic dXNlcjpwYXNz"
    assert error_code(post(emu, b"{}", headers)[2]) == "AuthFailure.InvalidAuthorization"


def test_token_is_required_for_temporary_credentials() -> None:
    with Emulator(credentials=[("AKIDtemp", "key", "tok")], rate_limit=None) as emu:
        assert Sdk(emu, "tcmpp").code("CreatePresetKey") == "AuthFailure.TokenFailure"
        assert Sdk(emu, "tcmpp", token="tok").data("CreatePresetKey")["Key"]


def test_several_key_pairs_are_accepted() -> None:
    pairs = {"AKIDone": "k1", "AKIDtwo": "k2"}
    with Emulator(credentials=pairs, rate_limit=None) as emu:
        for secret_id, key in pairs.items():
            sdk = Sdk(emu, "tcsas", secret_id=secret_id, secret_key=key)
            assert sdk.data("DescribeMNPCategory", sdk.p())


def test_unknown_action_and_tcmpp_only_action_on_tcsas(emu: Emulator) -> None:
    body = b"{}"
    assert error_code(post(emu, body, signed_headers(emu, "NoSuchThing", body))[2]) == (
        "InvalidAction"
    )
    headers = signed_headers(emu, "ModifyUserPassword", body, version="2025-01-06", service="tcsas")
    assert error_code(post(emu, body, headers)[2]) == "InvalidAction"


def test_unknown_version(emu: Emulator) -> None:
    headers = signed_headers(emu, "CreatePresetKey", b"{}", version="2017-03-12")
    assert error_code(post(emu, b"{}", headers)[2]) == "NoSuchVersion"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_methods_other_than_get_and_post(emu: Emulator, method: str) -> None:
    headers = signed_headers(emu, "CreatePresetKey", b"{}")
    status, content_type, payload = post(emu, b"{}", headers, method=method)
    assert (status, content_type) == (200, "application/json")
    assert error_code(payload) == "UnsupportedProtocol"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b"\xff\xfe", "application/json"),
        (b"PlatformId=x", "application/x-www-form-urlencoded"),
        (b'{"PlatformId": "x"}', "text/plain"),
    ],
)
def test_bad_bodies_get_the_error_envelope(emu: Emulator, body: bytes, content_type: str) -> None:
    headers = signed_headers(emu, "DescribeMNPCategory", body, content_type=content_type)
    status, response_type, payload = post(emu, body, headers)
    assert (status, response_type) == (200, "application/json")
    assert error_code(payload) == "InvalidParameter"


def test_huge_body_is_refused_with_an_envelope(emu: Emulator) -> None:
    body = b'{"PlatformId": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    headers = signed_headers(emu, "DescribeMNPCategory", body)
    status, _, payload = post(emu, body, headers)
    assert status == 200
    assert error_code(payload) == "RequestSizeLimitExceeded"


def test_parameter_problems(sdk: Sdk) -> None:
    assert sdk.code("DescribeTeam", {"TeamId": "1"}) == "MissingParameter"
    assert sdk.code("DescribeTeam", sdk.p(TeamId=1363731006)) == "InvalidParameter"
    bad_items = sdk.p(TeamId="1", MemberList=[{"UserId": "u", "UserRoleId": "20070"}])
    assert sdk.code("AddTeamMember", bad_items) == "InvalidParameter"


def test_unknown_parameters_include_the_other_backends_fields(emu: Emulator) -> None:
    body = json.dumps({"PlatformId": emu.platform_id}).encode()
    headers = signed_headers(emu, "CreatePresetKey", body)
    assert error_code(post(emu, body, headers)[2]) == "UnknownParameter"
    body = json.dumps({"PlatformId": emu.platform_id, "TeamId": "1", "team_id": "1"}).encode()
    headers = signed_headers(emu, "DescribeTeam", body)
    assert error_code(post(emu, body, headers)[2]) == "UnknownParameter"


def test_required_on_one_backend_only(tcmpp: Sdk, tcsas: Sdk) -> None:
    assert tcsas.code("CreatePresetKey") == "MissingParameter"
    assert tcmpp.data("CreatePresetKey")["Key"].startswith("-----BEGIN PUBLIC KEY-----")


def test_unknown_platform(sdk: Sdk) -> None:
    assert sdk.code("DescribeMNPCategory", {"PlatformId": "T00000XX0000000NONE"}) == (
        "InvalidParameterValue.InvalidPlatformId"
    )


def test_get_requests_with_query_strings(emu: Emulator) -> None:
    sdk = Sdk(emu, "tcmpp", method="GET")
    roles = sdk.data("DescribeRoleList", sdk.p(Offset=0, Limit=3))
    assert roles["TotalCount"] == 11 and len(roles["DataList"]) == 3
    assert sdk.code("DescribeRoleList", sdk.p(Offset="abc", Limit=3)) == "InvalidParameter"
    members = [{"UserId": "U1", "UserRoleId": 20070}, {"UserId": "U2", "UserRoleId": 20071}]
    code = sdk.code("AddTeamMember", sdk.p(TeamId="1", MemberList=members))
    assert code == "InvalidParameterValue.InvalidTeamId"
    assert emu.request_log()[-1]["params"]["MemberList"][1] == {
        "UserId": "U2",
        "UserRoleId": "20071",
    }


def test_request_log_redacts_passwords(tcmpp: Sdk, emu: Emulator) -> None:
    params = tcmpp.p(
        UserAccount="a1", UserName="a1", AccountType=3, KeyId="nope", Password="secret"
    )
    tcmpp.error("CreateUser", params)
    entry = emu.request_log()[-1]
    assert entry["params"]["Password"] == "***"
    assert entry["code"] == "InvalidParameterValue"
    assert (entry["service"], entry["version"]) == ("tcmpp", "2024-08-01")


def test_keep_alive_serves_many_requests_on_one_connection(emu: Emulator) -> None:
    body = json.dumps({"PlatformId": emu.platform_id}).encode()
    with httpx.Client() as client:
        for _ in range(20):
            headers = signed_headers(emu, "DescribeMNPCategory", body)
            response = client.post(emu.endpoint, content=body, headers=headers)
            assert response.status_code == 200
            assert response.headers["connection"] == "keep-alive"
    assert len(emu.request_log()) == 20


def test_unsigned_payload_signs_the_literal_instead_of_the_body(emu: Emulator) -> None:
    body = json.dumps({"PlatformId": emu.platform_id}).encode()
    headers = signed_headers(emu, "DescribeMNPCategory", b"UNSIGNED-PAYLOAD")
    headers["X-TC-Content-SHA256"] = "UNSIGNED-PAYLOAD"
    status, _, payload = post(emu, body, headers)
    assert status == 200 and payload["Response"]["Data"]
    del headers["X-TC-Content-SHA256"]
    assert error_code(post(emu, body, headers)[2]) == "AuthFailure.SignatureFailure"
