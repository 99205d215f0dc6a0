"""Helpers for the command-line tests: run ``pulumi-tcmpp`` as a user would, hold a port."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from pulumi_tcmpp.cli.main import main


@dataclass
class Outcome:
    """What a user sees: the exit code, stdout and stderr."""

    code: int
    out: str
    err: str


RunCli = Callable[..., Outcome]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """``run_cli("export", "--source", ...)``: the exit code and both streams.

    argparse's own errors (``SystemExit``) come back as an :class:`Outcome` too.
    """

    def run(*argv: str) -> Outcome:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exited:
            code = int(exited.code or 0)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def held_port() -> Iterator[int]:
    """A loopback port some other program is listening on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
