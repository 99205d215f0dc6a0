"""``pulumi-tcmpp diff``: what cloning the source onto the target would change, as a table.

::

    pulumi-tcmpp diff --source env:STAGING --target env:PROD
    pulumi-tcmpp diff --source platform.yaml --target env:PROD --config-file Pulumi.prod.yaml
    pulumi-tcmpp diff --source env --target env --target-platform-id T0482... --exclude users

Exit codes, so CI can act on them (after keycloak-configurator's ``diff``):

* **0** the two are the same (on the fields a spec declares);
* **1** they differ (the table lists how);
* **2** misuse: bad arguments, an invalid spec, a pattern matching nothing, settings or
  credentials missing or refused, an unknown platform id;
* **3** an environment could not be read: unreachable, or failing after the retries.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from pulumi_tcmpp.cli.commands.export import add_reading_arguments, add_source_arguments
from pulumi_tcmpp.clone.compare import Difference, Side, compare, render_table
from pulumi_tcmpp.clone.environment import Environment, parse_environment
from pulumi_tcmpp.clone.export import build_spec
from pulumi_tcmpp.clone.live import read_platform
from pulumi_tcmpp.clone.select import Selection
from pulumi_tcmpp.clone.spec import load_spec
from pulumi_tcmpp.errors import (
    ApiError,
    AuthError,
    ConfigurationError,
    TcmppError,
    TransportError,
    ValidationError,
)

__all__ = ["EXIT_DIFFERENT", "EXIT_MISUSE", "EXIT_SAME", "EXIT_UNREACHABLE", "register", "run"]

EXIT_SAME, EXIT_DIFFERENT, EXIT_MISUSE, EXIT_UNREACHABLE = 0, 1, 2, 3


def register(subparsers: Any) -> None:
    """Add the ``diff`` subcommand."""
    parser = subparsers.add_parser(
        "diff",
        help="compare two environments (or a spec and an environment)",
        description=(
            "Compare two live platforms, or a spec file and a live platform, and print what "
            "cloning the source onto the target would change. Exit codes: 0 same, 1 "
            "different, 2 misuse, 3 an environment unreachable."
        ),
    )
    parser.add_argument(
        "--source", required=True, metavar="ENV", help="spec file, env, env:PREFIX or profile:NAME"
    )
    parser.add_argument(
        "--target", required=True, metavar="ENV", help="spec file, env, env:PREFIX or profile:NAME"
    )
    add_source_arguments(parser, "source")
    add_source_arguments(parser, "target")
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a value for the spec's {config: KEY} references (repeatable)",
    )
    parser.add_argument(
        "--config-file",
        metavar="FILE",
        help="a Pulumi stack config file (Pulumi.<stack>.yaml) with values for the references",
    )
    parser.add_argument(
        "--output-format", choices=("table", "json"), default="table", help="table (default)"
    )
    add_reading_arguments(parser)
    parser.set_defaults(func=run)


def exit_code_of(error: BaseException) -> int:
    """2 for misuse (the operator must fix something), 3 for an environment not read."""
    if isinstance(error, TransportError):
        return EXIT_UNREACHABLE
    if isinstance(error, (AuthError, ValidationError)):
        return EXIT_MISUSE
    if isinstance(error, ApiError):
        return EXIT_UNREACHABLE
    return EXIT_MISUSE


def config_values(pairs: Iterable[str], config_file: str | None) -> dict[str, str]:
    """Values for {config: KEY}: the stack file's (namespaced and bare keys), then KEY=VALUE."""
    values: dict[str, str] = {}
    if config_file:
        try:
            document = yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigurationError(f"--config-file {config_file}: {exc}") from None
        for key, value in (document.get("config") or {}).items():
            if isinstance(value, (str, int, float, bool)):  # {secure: ...} cannot be read
                bare = str(key).partition(":")[2] or str(key)  # project:key -> key
                values[bare] = values[str(key)] = str(value)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigurationError(f"--config {pair!r}: expected KEY=VALUE")
        values[key] = value
    return values


def _side(
    environment: Environment, args: argparse.Namespace, config: dict[str, str], name: str
) -> Side:
    if environment.spec_path is not None:
        return Side(load_spec(environment.spec_path), environment.label, True, config)
    assert environment.settings is not None
    reading = read_platform(
        environment.settings,
        page_size=args.page_size,
        workers=args.workers,
        progress_stream=None if args.quiet else sys.stderr,
        label=f"reading {name}",
    )
    if not args.quiet:
        print(f"{name}: {reading.summary()}", file=sys.stderr)
    return Side(build_spec(reading.snapshot).spec, environment.label, False, config)


def _environment(args: argparse.Namespace, name: str) -> Environment:
    overrides = {
        "platform_id": getattr(args, f"{name}_platform_id"),
        "endpoint": getattr(args, f"{name}_endpoint"),
        "backend": getattr(args, f"{name}_backend"),
    }
    return parse_environment(getattr(args, name), overrides=overrides)


def _print(differences: list[Difference], args: argparse.Namespace, labels: list[str]) -> None:
    if args.output_format == "json":
        rows = [
            {
                "kind": d.kind,
                "object": d.key,
                "field": d.field,
                "source": d.source,
                "target": d.target,
            }
            for d in differences
        ]
        document = {"source": labels[0], "target": labels[1], "differences": rows}
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_table(differences, labels[0], labels[1]))


def run(args: argparse.Namespace) -> int:
    """Compare; the exit code says same, different, misuse or unreachable."""
    try:
        selection = Selection.parse(args.include, args.exclude)
        config = config_values(args.config, args.config_file)
        environments = [_environment(args, "source"), _environment(args, "target")]
        sides = [
            _side(e, args, config, n)
            for e, n in zip(environments, ("source", "target"), strict=True)
        ]
        differences = compare(sides[0], sides[1], selection)
    except TcmppError as exc:
        print(f"pulumi-tcmpp diff: {exc}", file=sys.stderr)
        return exit_code_of(exc)
    _print(differences, args, [sides[0].label, sides[1].label])
    return EXIT_DIFFERENT if differences else EXIT_SAME
