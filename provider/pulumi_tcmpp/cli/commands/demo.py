"""``pulumi-tcmpp demo``: bring up examples/quickstart against the embedded emulator.

Placeholder until the demo issue lands: it says what it will do.
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser("demo", help="run the quickstart stack against the emulator")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Explain the coming demo."""
    print(
        "pulumi-tcmpp demo: not built yet. It will start the local TCMPP emulator, bring up\n"
        "examples/quickstart (teams, users, an application, a mini program, its domain ACL and\n"
        "a sensitive API) with the Pulumi CLI if present or the offline engine otherwise, and\n"
        "print what the emulator then holds."
    )
    return 0
