"""``pulumi-tcmpp emulator`` prints where and how to connect, serves, and stops on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx

from pulumi_tcmpp.cli.main import build_parser
from pulumi_tcmpp.emulator import DEFAULT_PLATFORM_ID, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY
from tests.emulator.sdk import Sdk


@dataclass
class Target:
    """Where a server this process did not start listens, with the default credentials."""

    host_port: str
    secret_id: str = DEFAULT_SECRET_ID
    secret_key: str = DEFAULT_SECRET_KEY
    platform_id: str = DEFAULT_PLATFORM_ID


def test_parser_knows_the_command() -> None:
    args = build_parser().parse_args(
        ["emulator", "--port", "0", "--platform-id", "T1", "--fault", "kind=drop"]
    )
    assert (args.port, args.platform_ids, args.fault, args.host) == (
        0,
        ["T1"],
        ["kind=drop"],
        "127.0.0.1",
    )


def test_cli_serves_until_interrupted(tmp_path: Path) -> None:
    state = tmp_path / "cli.db"
    command = [
        sys.executable,
        "-m",
        "pulumi_tcmpp",
        "emulator",
        "--port",
        "0",
        "--state",
        str(state),
        "--fault",
        "kind=error,action=DescribeRoleList,code=FailedOperation.SystemError",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            assert first.startswith("TCMPP emulator listening on http://127.0.0.1:")
            endpoint = first.rsplit(" ", 1)[1].strip()
            lines = [process.stdout.readline() for _ in range(6)]
            assert any(DEFAULT_SECRET_ID in line for line in lines)
            assert any(DEFAULT_PLATFORM_ID in line for line in lines)
            assert httpx.get(f"{endpoint}/_emulator/health").json() == {"status": "ok"}
            sdk = Sdk(Target(endpoint.removeprefix("http://")), "tcmpp")  # type: ignore[arg-type]
            assert sdk.data("DescribeMNPCategory", sdk.p())
            assert sdk.code("DescribeRoleList", sdk.p(Offset=0, Limit=1)) == (
                "FailedOperation.SystemError"
            )
        finally:
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) in (0, 130)
    assert state.exists()


def test_cli_serves_a_profile_with_readings_on_top() -> None:
    command = [sys.executable, "-m", "pulumi_tcmpp", "emulator", "--port", "0"]
    command += ["--profile", "doc-literal", "--reading", "max_page_size=3"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            endpoint = process.stdout.readline().rsplit(" ", 1)[1].strip()
            lines = [process.stdout.readline() for _ in range(7)]
            assert any("Readings:    doc-literal profile" in line for line in lines), lines
            changes = httpx.get(f"{endpoint}/_emulator/readings").json()["changes"]
            assert changes["max_page_size"] == 3 and changes["empty_remark"] == "refuse"
        finally:
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) in (0, 130)


def test_cli_refuses_an_unknown_reading() -> None:
    command = [sys.executable, "-m", "pulumi_tcmpp", "emulator", "--reading", "colour=blue"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "bad --reading: unknown reading(s): colour" in done.stderr
