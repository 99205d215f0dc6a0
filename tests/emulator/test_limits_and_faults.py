"""The per-action rate limit and injected faults, seen through the vendor SDK."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from pulumi_tcmpp.emulator import Emulator, FaultRule
from pulumi_tcmpp.emulator._ratelimit import RateLimiter
from tests.emulator.sdk import Sdk


def test_rate_limit_answers_request_limit_exceeded_per_action() -> None:
    with Emulator(rate_limit=5) as emu:
        sdk = Sdk(emu, "tcmpp")
        codes = []
        for _ in range(12):
            try:
                sdk.call("DescribeMNPCategory", sdk.p())
                codes.append("ok")
            except Exception as exc:  # the SDK's exception
                codes.append(exc.get_code())  # type: ignore[attr-defined]
        assert codes[:5] == ["ok"] * 5
        assert "RequestLimitExceeded" in codes[5:]
        assert sdk.data("DescribeRoleList", sdk.p(Offset=0, Limit=1))  # other action: own bucket


def test_token_bucket_refills_at_the_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.allow("id", "A") for _ in range(3)] == [True, True, False]
    assert limiter.allow("other", "A")
    now[0] += 0.5
    assert limiter.allow("id", "A")
    assert not limiter.allow("id", "A")
    assert RateLimiter(None).allow("id", "A")


def test_error_fault_uses_the_code_and_counts_down(tcmpp: Sdk, emu: Emulator) -> None:
    emu.set_faults([FaultRule(kind="error", action="DescribeMNPCategory", count=2)])
    assert tcmpp.code("DescribeMNPCategory", tcmpp.p()) == "InternalError"
    assert tcmpp.code("DescribeMNPCategory", tcmpp.p()) == "InternalError"
    assert tcmpp.data("DescribeMNPCategory", tcmpp.p())
    assert emu.faults() == []
    assert emu.request_log()[0]["fault"] == "error"


def test_http_503_fault_is_a_server_network_error(tcmpp: Sdk, emu: Emulator) -> None:
    emu.add_fault({"kind": "http", "action": "*"})
    assert tcmpp.code("DescribeMNPCategory", tcmpp.p()) == "ServerNetworkError"


def test_dropped_connection_is_a_client_network_error(tcmpp: Sdk, emu: Emulator) -> None:
    emu.add_fault(FaultRule(kind="drop", action="CreatePresetKey", count=1))
    assert tcmpp.code("CreatePresetKey") == "ClientNetworkError"
    assert tcmpp.data("CreatePresetKey")["Key"]


def test_latency_fault_delays_the_answer(tcmpp: Sdk, emu: Emulator) -> None:
    emu.set_faults([FaultRule(kind="latency", seconds=0.2)])
    start = time.perf_counter()
    tcmpp.call("DescribeMNPCategory", tcmpp.p())
    assert time.perf_counter() - start >= 0.2


def test_fault_after_the_handler_commits_but_loses_the_answer(tcmpp: Sdk, emu: Emulator) -> None:
    emu.add_fault(FaultRule(kind="drop", action="CreateGlobalDomainACL", when="after", count=1))
    params = tcmpp.p(DomainType=1, DomainUrlList=["lost.example.com"])
    assert tcmpp.code("CreateGlobalDomainACL", params) == "ClientNetworkError"
    listed = tcmpp.data("DescribeGlobalDomainACL", tcmpp.p(Offset=0, Limit=10))
    assert [r["DomainUrl"] for r in listed["DataList"]] == ["lost.example.com"]


def test_probability_zero_never_fires(tcmpp: Sdk, emu: Emulator) -> None:
    emu.set_faults([FaultRule(kind="error", probability=0.0)])
    for _ in range(5):
        assert tcmpp.data("DescribeMNPCategory", tcmpp.p())


def test_faults_through_the_admin_endpoint(tcmpp: Sdk, emu: Emulator) -> None:
    rule = {"kind": "error", "action": "DescribeMNPCategory", "code": "FailedOperation.SystemError"}
    response = httpx.put(f"{emu.endpoint}/_emulator/faults", json={"faults": [rule]})
    assert response.status_code == 200
    assert response.json()["faults"][0]["code"] == "FailedOperation.SystemError"
    assert tcmpp.code("DescribeMNPCategory", tcmpp.p()) == "FailedOperation.SystemError"
    assert httpx.delete(f"{emu.endpoint}/_emulator/faults").json() == {"faults": []}
    assert httpx.post(f"{emu.endpoint}/_emulator/faults", json={"kind": "nope"}).status_code == 400


def test_fault_specs_from_the_command_line_form() -> None:
    rule = FaultRule.parse("kind=error,action=CreateUser,probability=0.3,code=InternalError")
    assert (rule.kind, rule.action, rule.probability) == ("error", "CreateUser", 0.3)
    with pytest.raises(ValueError):
        FaultRule.parse("kind=explode")


def _barrier_sleep(parties: int) -> tuple[list[object], Any]:
    """A sleep that records its seconds and waits until ``parties`` threads are in it at once;
    it records ``"alone"`` if they never are (e.g. when one holds a lock the others need)."""
    slept: list[object] = []
    barrier = threading.Barrier(parties, timeout=5)

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            slept.append("alone")

    return slept, sleep


def test_latency_is_a_round_trip_paid_by_every_request_refusals_included() -> None:
    slept: list[float] = []
    with Emulator(rate_limit=1, latency=0.04) as emu:
        emu.app._sleep = slept.append
        sdk = Sdk(emu, "tcmpp")
        assert sdk.data("DescribeMNPCategory", sdk.p())
        assert sdk.code("DescribeMNPCategory", sdk.p()) == "RequestLimitExceeded"
        assert Sdk(emu, "tcmpp", secret_key="wrong").code("DescribeRoleList") == (
            "AuthFailure.SignatureFailure"
        )
        assert httpx.get(f"{emu.endpoint}/_emulator/info").json()["latency"] == 0.04
        assert emu.request_log()[-1]["fault"] is None
    assert slept == [0.02] * 6  # half on the way in, half on the way out; admin calls free


def test_latency_holds_no_lock_requests_travel_concurrently() -> None:
    slept, sleep = _barrier_sleep(2)
    with Emulator(rate_limit=None, latency=0.1) as emu:
        emu.app._sleep = sleep
        sdks = [Sdk(emu, "tcmpp"), Sdk(emu, "tcmpp")]
        threads = [
            threading.Thread(target=s.data, args=("DescribeMNPCategory", s.p())) for s in sdks
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert slept == [0.05] * 4


def test_latency_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="latency must be 0 or more seconds, not -1"):
        Emulator(latency=-1)
