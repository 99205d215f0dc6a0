"""``pulumi-tcmpp <command>``: argparse, one module per subcommand, one error boundary.

Each command module exposes ``register(subparsers)``, which adds its parser and sets
``func`` (taking the parsed arguments and returning an exit code). Errors the operator can
fix (:class:`pulumi_tcmpp.errors.TcmppError`, and files that cannot be read or written) are
caught once here and printed as one message without a traceback; the exit code follows the
one table of :mod:`pulumi_tcmpp.cli.exit_codes`.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from pulumi_tcmpp._logs import LOG_ENV, cli_logs
from pulumi_tcmpp._version import __version__
from pulumi_tcmpp.cli.exit_codes import EXIT_INTERRUPTED, EXIT_MISUSE, exit_code_of
from pulumi_tcmpp.errors import TcmppError

__all__ = ["main", "version_text"]

COMMAND_MODULES = ("emulator", "export", "diff", "demo")
"""Subcommand modules under ``pulumi_tcmpp.cli.commands``, in help order."""


def version_text() -> str:
    """``pulumi-tcmpp 0.1.0 (pulumi 3.x, python 3.11.x)``: what a bug report needs."""
    try:
        sdk = metadata.version("pulumi")
    except metadata.PackageNotFoundError:  # pragma: no cover - pulumi is a dependency
        sdk = "not installed"
    return f"pulumi-tcmpp {__version__} (pulumi {sdk}, python {platform.python_version()})"


class _VersionAction(argparse.Action):
    """``--version``: like argparse's, with the text computed only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="pulumi-tcmpp",
        description="Tools for the TCMPP Pulumi provider: emulator, export, diff, demo.",
        epilog="Exit codes: 0 done, 1 differences (diff) or a failed deployment (demo), "
        "2 fix the command or its inputs, 3 an environment could not be read.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="<command>")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"pulumi_tcmpp.cli.commands.{name}")
        module.register(subparsers)
    _add_log_options(parser, default=0)
    for command in subparsers.choices.values():
        _add_log_options(command, default=argparse.SUPPRESS)
    return parser


def _add_log_options(parser: argparse.ArgumentParser, default: object) -> None:
    """``-v``/``--debug`` before or after the command (see :mod:`pulumi_tcmpp._logs`)."""
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default,
        help=f"log retries, waits and throttling; -vv also every API call (or {LOG_ENV}=debug)",
    )
    parser.add_argument(
        "--debug",
        action="store_const",
        const=2,
        dest="verbose",
        default=default,
        help="the same as -vv",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code (see :mod:`pulumi_tcmpp.cli.exit_codes`)."""
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_MISUSE
    try:
        with cli_logs(args.verbose):
            return int(func(args))
    except TcmppError as exc:
        print(f"pulumi-tcmpp {args.command}: {exc}", file=sys.stderr)
        return exit_code_of(exc)
    except OSError as exc:  # a file or folder that cannot be read or written
        print(f"pulumi-tcmpp {args.command}: {_os_error_text(exc)}", file=sys.stderr)
        return EXIT_MISUSE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _os_error_text(exc: OSError) -> str:
    if exc.filename is None:
        return str(exc)
    return f"{exc.filename}: {exc.strerror or exc}"
