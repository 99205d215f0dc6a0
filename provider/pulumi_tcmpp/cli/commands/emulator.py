"""``pulumi-tcmpp emulator``: run the local TCMPP emulator until interrupted.

Prints the endpoint, the accepted credentials and the platform so a user can point the
provider or the vendor SDK at it; binds 127.0.0.1 unless ``--host`` says otherwise.
"""

from __future__ import annotations

import argparse
from typing import Any

from pulumi_tcmpp.cli._startup import port_number, start_emulator
from pulumi_tcmpp.emulator import (
    DEFAULT_RATE_LIMIT,
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    PROFILES,
    Credential,
    FaultRule,
    Readings,
)
from pulumi_tcmpp.errors import ConfigurationError

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``emulator`` subcommand."""
    parser = subparsers.add_parser(
        "emulator",
        help="run a local TCMPP/TCSAS API emulator",
        description="Serve the TCMPP (2024-08-01) and TCSAS (2025-01-06) APIs locally.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument(
        "--port", type=port_number, default=9480, help="port (default 9480; 0 = any free port)"
    )
    parser.add_argument("--state", metavar="FILE", help="keep state in this SQLite file")
    parser.add_argument("--secret-id", default=DEFAULT_SECRET_ID, help="accepted SecretId")
    parser.add_argument("--secret-key", default=DEFAULT_SECRET_KEY, help="its SecretKey")
    parser.add_argument("--token", help="require this X-TC-Token (temporary credentials)")
    parser.add_argument(
        "--platform-id",
        action="append",
        dest="platform_ids",
        metavar="ID",
        help="a platform that exists (repeatable; the first is the default)",
    )
    parser.add_argument(
        "--rate-limit",
        type=float,
        default=DEFAULT_RATE_LIMIT,
        help="requests per second per action and key (0 = unlimited; default 20)",
    )
    parser.add_argument(
        "--latency",
        type=_seconds,
        default=0.0,
        metavar="SECONDS",
        help="network round trip added to every API request, e.g. 0.03 (default 0)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="inject a fault, e.g. kind=error,action=CreateUser,probability=0.3 (repeatable)",
    )
    parser.add_argument("--seed", type=int, help="seed for repeatable IDs and fault draws")
    parser.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="default",
        help="how to read the ambiguous documents: default, or doc-literal (docs/emulator.md)",
    )
    parser.add_argument(
        "--reading",
        action="append",
        default=[],
        dest="readings",
        metavar="NAME=VALUE",
        help="one reading on top of the profile, e.g. max_page_size=10 (repeatable)",
    )
    parser.set_defaults(func=run)


def _seconds(text: str) -> float:
    """An argparse type: a duration in seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a duration: use 0 or more seconds")
    return value


def _faults(specs: list[str]) -> list[FaultRule]:
    try:
        return [FaultRule.parse(spec) for spec in specs]
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(f"bad --fault: {exc}") from None


def _readings(args: argparse.Namespace) -> Readings:
    try:
        return Readings.parse(args.readings, PROFILES[args.profile])
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(f"bad --reading: {exc}") from None


def run(args: argparse.Namespace) -> int:
    """Start the emulator, print how to reach it, serve until Ctrl-C."""
    readings = _readings(args)
    emulator = start_emulator(
        host=args.host,
        port=args.port,
        state_file=args.state,
        in_use_hint=(
            "is another `pulumi-tcmpp emulator` or a demo running? Stop it, or choose "
            "another port with --port (0 picks a free one)"
        ),
        rate_limit=args.rate_limit or None,
        credentials=[Credential(args.secret_id, args.secret_key, args.token)],
        platform_ids=args.platform_ids,
        faults=_faults(args.fault),
        seed=args.seed,
        readings=readings,
        latency=args.latency,
    )
    print(f"TCMPP emulator listening on {emulator.endpoint}", flush=True)
    print(f"  SecretId:    {emulator.secret_id}")
    print(f"  SecretKey:   {emulator.secret_key}")
    if emulator.token:
        print(f"  Token:       {emulator.token}")
    print(f"  PlatformId:  {', '.join(emulator.platform_ids)}")
    print("  Back ends:   tcmpp 2024-08-01, tcsas 2025-01-06")
    print(f"  State:       {args.state or 'in memory'}")
    changes = ", ".join(f"{k}={v}" for k, v in readings.changes().items()) or "none"
    print(f"  Readings:    {args.profile} profile (differs from default: {changes})")
    print(f"  Admin:       {emulator.endpoint}/_emulator/info", flush=True)
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        emulator.stop()
    return 0
