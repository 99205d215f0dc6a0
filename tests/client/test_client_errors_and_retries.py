"""The client's pipeline over scripted answers: retries, outcome-unknown creates, typed errors."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from pulumi_tcmpp.api.applications import DeleteApplication
from pulumi_tcmpp.api.teams import DescribeSimpleTeamList, DescribeTeam, DescribeTeamList
from pulumi_tcmpp.api.users import CreatePresetKey, CreateUser
from pulumi_tcmpp.client import Client, RetryPolicy, Settings
from pulumi_tcmpp.errors import (
    ApiError,
    AuthError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitError,
    TransportError,
    UnsupportedActionError,
    ValidationError,
)

Answer = httpx.Response | Exception


def _error(code: str, message: str = "refused", request_id: str = "req-err") -> httpx.Response:
    body = {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}
    return httpx.Response(200, json=body)


def _ok(data: object = None, request_id: str = "req-ok") -> httpx.Response:
    return httpx.Response(200, json={"Response": {"Data": data, "RequestId": request_id}})


class Scripted:
    """A transport answering from a script; records how many requests reached it."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def client(self, backend: str = "tcmpp", max_retries: int = 4) -> Client:
        settings = Settings(
            secret_id="id",
            secret_key="key",
            endpoint="http://emu",
            backend_name=backend,
            rate_limit=0,
        )
        policy = RetryPolicy(max_retries, sleep=self.sleeps.append, random=lambda: 1.0)
        return Client(settings, transport=httpx.MockTransport(self.handler), retry=policy)


def _describe() -> DescribeTeam:
    return DescribeTeam(team_id="1363731006", platform_id="P")


def _create() -> CreateUser:
    return CreateUser(
        user_account="alice",
        user_name="Alice",
        account_type=3,
        password="x",
        key_id="k",
        platform_id="P",
    )


def _delete() -> DeleteApplication:
    return DeleteApplication(application_id="app-1", platform_id="P")


def _request_error(exc_type: type[httpx.TransportError]) -> Callable[[], Exception]:
    return lambda: exc_type("boom", request=httpx.Request("POST", "http://emu/"))


def test_rate_limit_is_retried_with_capped_exponential_backoff() -> None:
    script = Scripted(
        _error("RequestLimitExceeded"),
        _error("RequestLimitExceeded.UinLimitExceeded"),
        _ok({"TeamName": "t"}),
    )
    reply = script.client().call(_describe())
    assert reply.data is not None and reply.data.team_name == "t"
    assert len(script.requests) == 3
    assert script.sleeps == [0.25, 0.5]


def test_rate_limit_retries_even_a_create_because_it_was_not_processed() -> None:
    script = Scripted(_error("RequestLimitExceeded.IPLimitExceeded"), _ok({"ResourceId": "U1"}))
    assert script.client().call(_create()).data.resource_id == "U1"  # type: ignore[union-attr]


def test_rate_limit_gives_up_after_max_retries_with_a_typed_error() -> None:
    script = Scripted(*[_error("RequestLimitExceeded", request_id=f"r{i}") for i in range(3)])
    with pytest.raises(RateLimitError) as caught:
        script.client(max_retries=2).call(_describe())
    assert caught.value.request_id == "r2"
    assert len(script.requests) == 3


def test_internal_error_is_retried_for_reads_and_idempotent_writes() -> None:
    read = Scripted(_error("InternalError"), _ok({"TeamName": "t"}))
    assert read.client().call(_describe()).data is not None
    write = Scripted(_error("InternalError"), _ok({"Result": True}))
    assert write.client().call(_delete()).data.result is True  # type: ignore[union-attr]
    stuck = Scripted(*[_error("InternalError", request_id=f"w{i}") for i in range(3)])
    with pytest.raises(InternalServerError) as caught:
        stuck.client(max_retries=2).call(_delete())
    assert len(stuck.requests) == 3
    assert str(caught.value) == "DeleteApplication failed: [InternalError] refused (RequestId: w2)"


def test_internal_error_on_a_create_is_an_unknown_outcome_naming_code_and_request_id() -> None:
    script = Scripted(_error("InternalError", "boom", "rid-7"), _ok({"ResourceId": "U1"}))
    with pytest.raises(OutcomeUnknownError) as caught:
        script.client().call(_create())
    assert len(script.requests) == 1  # it may have half-happened: never repeated blindly
    message = str(caught.value)
    assert "[InternalError] boom (RequestId: rid-7)" in message
    assert "outcome is unknown" in message


def test_a_preset_key_is_retried_after_any_transient_failure_because_it_names_nothing() -> None:
    script = Scripted(
        _request_error(httpx.ReadTimeout)(),
        httpx.Response(503, text="busy"),
        _error("InternalError"),
        _ok({"Key": "PEM"}, request_id="key-1"),
    )
    reply = script.client().call(CreatePresetKey())
    assert (reply.request_id, len(script.requests)) == ("key-1", 4)


def test_http_429_is_retried_even_for_a_create_because_it_was_not_processed() -> None:
    script = Scripted(httpx.Response(429, text="slow down"), _ok({"ResourceId": "U1"}))
    assert script.client().call(_create()).data.resource_id == "U1"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "code", ["AuthFailure.SignatureFailure", "InvalidParameterValue", "MissingParameter"]
)
def test_a_refusal_a_retry_would_only_repeat_is_raised_at_once(code: str) -> None:
    script = Scripted(_error(code), _ok({"ResourceId": "U1"}))
    with pytest.raises(ApiError):
        script.client().call(_create())
    assert len(script.requests) == 1


def test_connection_refused_is_retried_for_any_action_because_nothing_was_sent() -> None:
    script = Scripted(_request_error(httpx.ConnectError)(), _ok({"ResourceId": "U1"}))
    assert script.client().call(_create()).request_id == "req-ok"
    assert len(script.requests) == 2


def test_a_create_whose_answer_is_lost_is_never_retried() -> None:
    script = Scripted(_request_error(httpx.ReadTimeout)(), _ok({"ResourceId": "U1"}))
    with pytest.raises(OutcomeUnknownError) as caught:
        script.client().call(_create())
    assert len(script.requests) == 1
    assert caught.value.action == "CreateUser"
    assert "outcome is unknown" in str(caught.value)


def test_a_5xx_on_a_create_is_an_unknown_outcome_and_on_a_read_is_retried() -> None:
    create = Scripted(httpx.Response(503, text="busy"))
    with pytest.raises(OutcomeUnknownError):
        create.client().call(_create())
    read = Scripted(httpx.Response(502, text="bad gateway"), _ok({"TeamName": "t"}))
    assert read.client().call(_describe()).data is not None


def test_a_lost_answer_to_an_idempotent_write_is_retried() -> None:
    script = Scripted(_request_error(httpx.RemoteProtocolError)(), _ok({"Result": True}))
    assert script.client().call(_delete()).data.result is True  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        ("InvalidParameterValue.InvalidTeamId", NotFoundError),
        ("FailedOperation.RecordNotFound", NotFoundError),
        ("ResourceNotFound", NotFoundError),
        ("AuthFailure.SignatureFailure", AuthError),
        ("AuthFailure.SecretIdNotFound", AuthError),
        ("InvalidParameterValue.ExistTeamName", ConflictError),
        ("FailedOperation.AppAlreadyBindMiniProgram", ConflictError),
        ("MissingParameter", ValidationError),
        ("InvalidParameterValue.InvalidMNPType", ValidationError),
        ("FailedOperation.PackageAlreadyExpired", ApiError),
    ],
)
def test_error_codes_map_to_typed_errors_with_full_context(
    code: str, error_type: type[ApiError]
) -> None:
    script = Scripted(_error(code, "the message", "rid-42"))
    with pytest.raises(error_type) as caught:
        script.client().call(_delete())
    error = caught.value
    assert type(error) is error_type
    assert (error.action, error.code, error.message, error.request_id) == (
        "DeleteApplication",
        code,
        "the message",
        "rid-42",
    )
    assert str(error) == f"DeleteApplication failed: [{code}] the message (RequestId: rid-42)"


def test_non_200_html_answer_quotes_status_and_first_bytes() -> None:
    html = "<html><body>" + "x" * 500 + "</body></html>"
    script = Scripted(httpx.Response(404, text=html))
    with pytest.raises(TransportError) as caught:
        script.client().call(_describe())
    message = str(caught.value)
    assert "HTTP 404" in message and "<html><body>xxx" in message and message.endswith("...")
    assert len(message) < 400


def test_non_json_answer_is_a_clear_transport_error() -> None:
    script = Scripted(httpx.Response(200, text="Service temporarily down"))
    with pytest.raises(TransportError, match="did not answer with a TencentCloud API envelope"):
        script.client().call(_describe())


def test_data_that_does_not_match_the_model_is_reported_not_swallowed() -> None:
    script = Scripted(_ok({"TotalCount": "many", "DataList": []}))
    with pytest.raises(TransportError, match="does not match the API description"):
        script.client().call(DescribeTeamList(offset=0, limit=1, platform_id="P"))


def test_an_action_the_backend_lacks_fails_before_any_request() -> None:
    script = Scripted()
    with pytest.raises(
        UnsupportedActionError, match="DescribeSimpleTeamList does not exist on the tcsas"
    ):
        script.client(backend="tcsas").call(DescribeSimpleTeamList(platform_id="P"))
    assert script.requests == []


def test_a_field_the_backend_lacks_fails_before_any_request() -> None:
    from pulumi_tcmpp.api.users import ModifyUser

    script = Scripted()
    request = ModifyUser(
        user_id="U1", user_name="n", account_type=3, platform_id="P", user_account="a"
    )
    with pytest.raises(UnsupportedActionError, match="UserAccount do not exist on the tcsas"):
        script.client(backend="tcsas").call(request)
    assert script.requests == []


def test_models_reject_bad_input_by_field_name_before_any_request() -> None:
    from pydantic import ValidationError as ModelError

    with pytest.raises(ModelError) as missing:
        DescribeTeam(platform_id="P")  # type: ignore[call-arg]
    assert "team_id" in str(missing.value) or "TeamId" in str(missing.value)
    with pytest.raises(ModelError, match="offset"):
        DescribeTeamList(offset="zero", limit=1, platform_id="P")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="Colour"):
        DescribeTeam(team_id="1", platform_id="P", Colour="red")  # type: ignore[call-arg]


def test_paginate_walks_offset_and_limit_to_total_count() -> None:
    rows = [{"TeamId": str(i), "TeamName": f"t{i}"} for i in range(250)]

    def page(offset: int) -> httpx.Response:
        return _ok({"TotalCount": 250, "DataList": rows[offset : offset + 100]})

    script = Scripted(page(0), page(100), page(200))
    client = script.client()
    names = [
        row.team_name
        for row in client.paginate(DescribeTeamList(offset=0, limit=1, platform_id="P"))
    ]
    assert names == [f"t{i}" for i in range(250)]
    import json

    assert [json.loads(r.content)["Offset"] for r in script.requests] == [0, 100, 200]
    assert {json.loads(r.content)["Limit"] for r in script.requests} == {100}
