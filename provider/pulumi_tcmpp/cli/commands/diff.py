"""``pulumi-tcmpp diff``: what cloning the source onto the target would change, as a table.

::

    pulumi-tcmpp diff --source env:STAGING --target env:PROD
    pulumi-tcmpp diff --source platform.yaml --target env:PROD --config-file Pulumi.prod.yaml
    pulumi-tcmpp diff --source env --target env --target-platform-id T0482... --exclude users

Exit codes, so CI can act on them (after keycloak-configurator's ``diff``; the table all
commands share is :mod:`pulumi_tcmpp.cli.exit_codes`):

* **0** the two are the same (on the fields a spec declares);
* **1** they differ (the table lists how);
* **2** misuse: bad arguments, an invalid spec, a pattern matching nothing, settings or
  credentials missing or refused, an unknown platform id, and with ``--strict`` a
  ``{config: KEY}`` reference without a value;
* **3** an environment could not be read: unreachable, or failing after the retries.

A spec's ``{config: KEY}`` references without a value (no ``--config``/``--config-file``
entry) are compared as patterns: any value that fits matches. The command warns about them on
stderr; ``--strict`` (for CI) refuses to compare instead.
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
from pulumi_tcmpp.cli.exit_codes import EXIT_DIFFERENT, EXIT_OK
from pulumi_tcmpp.clone.compare import (
    Difference,
    Side,
    compare,
    render_table,
    unresolved_references,
)
from pulumi_tcmpp.clone.environment import Environment, parse_environment
from pulumi_tcmpp.clone.export import build_spec
from pulumi_tcmpp.clone.live import read_platform
from pulumi_tcmpp.clone.select import Selection
from pulumi_tcmpp.clone.spec import load_spec
from pulumi_tcmpp.errors import ConfigurationError

__all__ = ["config_values", "register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``diff`` subcommand."""
    parser = subparsers.add_parser(
        "diff",
        help="compare two environments (or a spec and an environment)",
        description=(
            "Compare two live platforms, or a spec file and a live platform, and print what "
            "cloning the source onto the target would change. Exit codes: 0 same, 1 "
            "different, 2 misuse, 3 an environment could not be read."
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
        "--strict",
        action="store_true",
        help="fail (exit 2) when a {config: KEY} reference has no value, instead of "
        "comparing it as a pattern (for CI)",
    )
    parser.add_argument(
        "--output-format", choices=("table", "json"), default="table", help="table (default)"
    )
    add_reading_arguments(parser)
    parser.set_defaults(func=run)


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


def _spec_side(environment: Environment, config: dict[str, str]) -> Side | None:
    if environment.spec_path is None:
        return None
    return Side(load_spec(environment.spec_path), environment.label, True, config)


def _live_side(
    environment: Environment, args: argparse.Namespace, config: dict[str, str], name: str
) -> Side:
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
    return parse_environment(
        getattr(args, name),
        overrides=overrides,
        option=f"--{name}",
        platform_id_option=f"--{name}-platform-id",
    )


def _check_references(sides: list[Side | None], strict: bool) -> list[str]:
    """Keys without a value: a warning, or with ``--strict`` an error (before any reading)."""
    missing = sorted({key for side in sides if side for key in unresolved_references(side)})
    if not missing:
        return []
    refs = ", ".join(f"{{config: {key}}}" for key in missing)
    fix = "give values with --config KEY=VALUE or --config-file Pulumi.<stack>.yaml"
    if strict:
        raise ConfigurationError(f"--strict: no value for {refs}; {fix}")
    print(
        f"warning: no value for {refs}: compared as patterns (any value that fits counts as "
        f"the same); {fix}, or use --strict to fail instead",
        file=sys.stderr,
    )
    return missing


def _print(
    differences: list[Difference],
    args: argparse.Namespace,
    labels: list[str],
    unresolved: list[str],
) -> None:
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
        document = {
            "source": labels[0],
            "target": labels[1],
            "differences": rows,
            "unresolved_config": unresolved,
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_table(differences, labels[0], labels[1]))


def run(args: argparse.Namespace) -> int:
    """Compare; the exit code says same or different (errors go to the CLI's boundary).

    Everything that can be checked offline (arguments, patterns, spec files, references) is
    checked before a live environment is read.
    """
    selection = Selection.parse(args.include, args.exclude)
    config = config_values(args.config, args.config_file)
    names = ("source", "target")
    environments = [_environment(args, name) for name in names]
    specs = [_spec_side(environment, config) for environment in environments]
    unresolved = _check_references(specs, args.strict)
    sides = [
        spec or _live_side(environment, args, config, name)
        for spec, environment, name in zip(specs, environments, names, strict=True)
    ]
    differences = compare(sides[0], sides[1], selection)
    _print(differences, args, [sides[0].label, sides[1].label], unresolved)
    return EXIT_DIFFERENT if differences else EXIT_OK
