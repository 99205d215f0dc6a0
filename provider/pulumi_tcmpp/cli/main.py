"""``pulumi-tcmpp <command>``: argparse, one module per subcommand, one error boundary.

Each command module exposes ``register(subparsers)``, which adds its parser and sets
``func`` (taking the parsed arguments and returning an exit code). Domain errors
(:class:`pulumi_tcmpp.errors.TcmppError`) are caught once here and printed without a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pulumi_tcmpp._logs import LOG_ENV, cli_logs
from pulumi_tcmpp.errors import TcmppError

__all__ = ["main"]

COMMAND_MODULES = ("emulator", "export", "diff", "demo")
"""Subcommand modules under ``pulumi_tcmpp.cli.commands``, in help order."""


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="pulumi-tcmpp",
        description="Tools for the TCMPP Pulumi provider: emulator, export, diff, demo.",
    )
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
    """Run one command; returns its exit code (2 for misuse, 1 for a domain error)."""
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        with cli_logs(args.verbose):
            return int(func(args))
    except TcmppError as exc:
        print(f"pulumi-tcmpp {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
