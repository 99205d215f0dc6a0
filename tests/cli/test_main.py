"""``pulumi-tcmpp`` itself: the version, help, and the shared exit-code table."""

from __future__ import annotations

import subprocess
import sys

from tests.cli.conftest import RunCli

import pulumi_tcmpp
from pulumi_tcmpp.cli.exit_codes import exit_code_of
from pulumi_tcmpp.errors import (
    ApiError,
    AuthError,
    ConfigurationError,
    InternalServerError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitError,
    TransportError,
)


def test_version_names_the_package_pulumi_and_python(run_cli: RunCli) -> None:
    seen = run_cli("--version")
    assert seen.code == 0
    assert seen.out.startswith(f"pulumi-tcmpp {pulumi_tcmpp.__version__} (pulumi 3.")
    assert f"python {sys.version_info.major}.{sys.version_info.minor}" in seen.out


def test_version_from_the_installed_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pulumi_tcmpp", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.split()[:2] == ["pulumi-tcmpp", pulumi_tcmpp.__version__]


def test_no_command_prints_help_and_exits_2(run_cli: RunCli) -> None:
    seen = run_cli()
    assert seen.code == 2
    assert "emulator" in seen.out and "Exit codes" in seen.out


def test_one_table_maps_errors_to_exit_codes() -> None:
    refused = AuthError("DescribeTeamList", "AuthFailure", "no", "r-1")
    assert exit_code_of(refused) == 2
    assert exit_code_of(NotFoundError("DescribeTeamList", "ResourceNotFound", "x", None)) == 2
    assert exit_code_of(ConfigurationError("no credentials")) == 2
    assert exit_code_of(TransportError("DescribeTeamList", "could not connect")) == 3
    assert exit_code_of(OutcomeUnknownError("CreateTeam", "answer lost")) == 3
    assert exit_code_of(RateLimitError("DescribeTeamList", "RequestLimitExceeded", "", None)) == 3
    assert exit_code_of(InternalServerError("DescribeTeamList", "InternalError", "", None)) == 3
    assert exit_code_of(ApiError("DescribeTeamList", "FailedOperation", "", None)) == 3
