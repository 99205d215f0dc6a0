"""Where log lines go (stderr, the Pulumi engine's Log RPC, the CLI), and that no secret goes."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

from pulumi_tcmpp import _logs
from pulumi_tcmpp.api.teams import DescribeTeamList
from pulumi_tcmpp.cli.main import main
from pulumi_tcmpp.client import Client, RetryPolicy, Settings, TokenBucket
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.errors import ConfigurationError
from pulumi_tcmpp.resources._polling import Waiter, progress

DYNAMIC_MAIN = "/venv/lib/python3.11/site-packages/pulumi/dynamic/__main__.py"
LOG = logging.getLogger("pulumi_tcmpp.test")


class _Engine(engine_pb2_grpc.EngineServicer):
    def __init__(self) -> None:
        self.requests: list[Any] = []

    def Log(self, request: Any, context: Any) -> Any:
        self.requests.append(request)
        return empty_pb2.Empty()


@pytest.fixture
def engine() -> Iterator[tuple[str, _Engine]]:
    """A Pulumi engine's Log service on loopback."""
    servicer = _Engine()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    engine_pb2_grpc.add_EngineServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}", servicer
    server.stop(None).wait()


@pytest.fixture(autouse=True)
def detached() -> Iterator[None]:
    yield
    _logs.detach_logs()


def test_engine_address_is_the_plugins_last_argument() -> None:
    assert _logs.engine_address([DYNAMIC_MAIN, "127.0.0.1:50051"]) == "127.0.0.1:50051"
    flags = [DYNAMIC_MAIN, "--logtostderr", "-v=9", "--tracing", "x", "127.0.0.1:7"]
    assert _logs.engine_address(flags) == "127.0.0.1:7"
    assert _logs.engine_address([DYNAMIC_MAIN]) is None
    assert _logs.engine_address(["/usr/bin/pytest", "127.0.0.1:1"]) is None
    assert _logs.engine_address([]) is None


def test_provider_logs_info_on_stderr_and_debug_to_the_engine(
    engine: tuple[str, _Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    address, servicer = engine
    _logs.connect_provider_logs([DYNAMIC_MAIN, address], env={})
    LOG.debug("one call took %d ms", 12)
    LOG.info("retrying %s", "CreateTeam")
    LOG.warning("careful")
    err = capsys.readouterr().err.splitlines()
    assert err == ["info: tcmpp: retrying CreateTeam", "warning: tcmpp: careful"]
    assert [(r.severity, r.message) for r in servicer.requests] == [
        (engine_pb2.DEBUG, "tcmpp: one call took 12 ms")
    ]


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("debug", ["debug: tcmpp: d", "info: tcmpp: i", "warning: tcmpp: w"]),
        ("warning", ["warning: tcmpp: w"]),
        ("off", []),
    ],
)
def test_tcmpp_log_sets_what_stderr_shows(
    engine: tuple[str, _Engine],
    capsys: pytest.CaptureFixture[str],
    level: str,
    expected: list[str],
) -> None:
    address, servicer = engine
    _logs.connect_provider_logs([DYNAMIC_MAIN, address], env={"TCMPP_LOG": level})
    LOG.debug("d")
    LOG.info("i")
    LOG.warning("w")
    assert capsys.readouterr().err.splitlines() == expected
    engine_lines = [r.message for r in servicer.requests]
    assert engine_lines == ([] if level == "debug" else ["tcmpp: d"])


def test_outside_a_provider_plugin_logging_is_left_alone() -> None:
    _logs.connect_provider_logs(["/usr/bin/pytest", "127.0.0.1:1"], env={"TCMPP_LOG": "debug"})
    assert not logging.getLogger("pulumi_tcmpp").handlers
    assert logging.getLogger("pulumi_tcmpp").propagate


def test_a_bad_tcmpp_log_value_names_the_variable() -> None:
    with pytest.raises(ConfigurationError, match=r"TCMPP_LOG must be one of debug, .*; got 'loud'"):
        _logs.connect_provider_logs([DYNAMIC_MAIN], env={"TCMPP_LOG": "loud"})


def test_a_gone_engine_never_fails_the_caller(capsys: pytest.CaptureFixture[str]) -> None:
    _logs.connect_provider_logs([DYNAMIC_MAIN, unused_address()], env={})
    LOG.debug("lost")
    LOG.debug("lost again")
    LOG.info("still shown")
    assert capsys.readouterr().err.strip() == "info: tcmpp: still shown"


def unused_address() -> str:
    """An address nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def test_registered_secrets_are_scrubbed_from_every_line(
    engine: tuple[str, _Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    address, servicer = engine
    _logs.keep_secret("s3cr3t-key-value", None, "abc")  # too short to scrub: "abc"
    _logs.connect_provider_logs([DYNAMIC_MAIN, address], env={})
    LOG.info("key s3cr3t-key-value and abc")
    LOG.debug("again s3cr3t-key-value")
    assert capsys.readouterr().err.strip() == "info: tcmpp: key *** and abc"
    assert servicer.requests[0].message == "tcmpp: again ***"


def test_retries_throttling_and_waits_are_logged(
    caplog: pytest.LogCaptureFixture, tcmpp_emulator: Emulator
) -> None:
    caplog.set_level(logging.DEBUG, logger="pulumi_tcmpp")
    tcmpp_emulator.add_fault(
        {"kind": "error", "action": "DescribeTeamList", "code": "RequestLimitExceeded", "count": 1}
    )
    settings = Settings(
        secret_id=tcmpp_emulator.secret_id,
        secret_key=tcmpp_emulator.secret_key,
        endpoint=tcmpp_emulator.endpoint,
        rate_limit=0,
    )
    retry = RetryPolicy(max_retries=2, random=lambda: 0.5, sleep=lambda _s: None)
    with Client(settings, retry=retry) as client:
        client.call(DescribeTeamList(offset=0, limit=1, platform_id=tcmpp_emulator.platform_id))
    lines = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    [(name, level, text)] = [line for line in lines if "retrying" in line[2]]
    assert (name, level) == ("pulumi_tcmpp.client", "INFO")
    assert text.startswith(
        "DescribeTeamList: attempt 1 of 3 failed (DescribeTeamList failed: [RequestLimitExceeded]"
    )
    assert text.endswith("; retrying in 0.12 s")
    assert any(
        name == "pulumi_tcmpp.client" and level == "DEBUG" and "attempt 2" in text
        for name, level, text in lines
    )

    caplog.clear()
    now = [0.0]
    bucket = TokenBucket(1.0, clock=lambda: now[0], sleep=lambda s: None, name="CreateTeam")
    bucket.acquire()
    bucket.acquire()
    assert [r.getMessage() for r in caplog.records] == [
        "CreateTeam: client-side rate limit of 1/s, waiting 1.000 s"
    ]

    caplog.clear()
    looks = iter(["building", "building", "done"])
    waiter = Waiter(
        timeout=60,
        interval=1,
        clock=lambda: now[0],
        sleep=lambda s: None,
        report=progress,
    )
    waiter.until("the build", lambda: next(looks), str, lambda v: v == "done", "hint")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "the build: building (0s of 60s)"),
        ("DEBUG", "the build: building; looking again in 0.25 s"),
        ("DEBUG", "the build: building; looking again in 0.50 s"),
    ]


def test_cli_debug_shows_every_call_without_a_secret(
    tcmpp_emulator: Emulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    emu = tcmpp_emulator
    for name, value in {
        "STAGE_SECRET_ID": emu.secret_id,
        "STAGE_SECRET_KEY": emu.secret_key,
        "STAGE_PLATFORM_ID": emu.platform_id,
        "STAGE_ENDPOINT": emu.endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "spec.yaml"
    assert main(["export", "--source", "env:STAGE", "--quiet", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""  # default: warnings only
    assert main(["--debug", "export", "--source", "env:STAGE", "--quiet", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "debug: tcmpp: DescribeTeamList attempt 1:" in err
    assert emu.secret_key not in err
    monkeypatch.setenv("TCMPP_LOG", "debug")
    assert main(["export", "--source", "env:STAGE", "--quiet", "-o", str(out)]) == 0
    assert "debug: tcmpp: DescribeUserList attempt 1:" in capsys.readouterr().err
    assert not logging.getLogger("pulumi_tcmpp").handlers  # detached after the command


def test_only_one_set_of_handlers_whatever_the_calls(engine: tuple[str, _Engine]) -> None:
    address, _ = engine
    for _ in range(3):
        _logs.connect_provider_logs([DYNAMIC_MAIN, address], env={})
    handlers = logging.getLogger("pulumi_tcmpp").handlers
    assert len(handlers) == 2
    assert threading.active_count() < 50
