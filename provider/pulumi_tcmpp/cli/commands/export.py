"""``pulumi-tcmpp export``: write a live platform as a spec file or a Pulumi program.

::

    pulumi-tcmpp export -o staging.yaml                      # settings from the environment
    pulumi-tcmpp export --source env:STAGING -o staging.yaml --previous staging.yaml
    pulumi-tcmpp export --exclude users --include 'applications@payments' -o apps.yaml
    pulumi-tcmpp export --format python -o staging-program

The platform is read in full before anything is written, and files are replaced atomically:
an export that fails half way leaves the previous file as it was. Notes on objects left out
go to stderr; so does the progress bar, unless ``--quiet``. Exit codes are the table of
:mod:`pulumi_tcmpp.cli.exit_codes`: 0 written, 2 fix the command or its inputs (nothing was
read or written), 3 the platform could not be read (nothing was written).

A spec is one file (``.yaml``/``.yml`` or ``.json``); ``--format python`` writes a program
*folder* (``__main__.py``, ``Pulumi.yaml``, ``requirements.txt``), since a Pulumi program needs
its project file beside it. An output that names the other kind (``-o prog.yaml --format
python``, ``-o prog.py``, ``-o existing-folder`` for a spec) is refused before the platform is
read, rather than guessed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pulumi_tcmpp._text import plural
from pulumi_tcmpp.cli.exit_codes import EXIT_OK, CommandError
from pulumi_tcmpp.clone.discover import DEFAULT_PAGE_SIZE, DEFAULT_WORKERS
from pulumi_tcmpp.clone.environment import parse_environment
from pulumi_tcmpp.clone.export import ExportResult, build_spec
from pulumi_tcmpp.clone.live import read_platform
from pulumi_tcmpp.clone.pyprogram import DEFAULT_PROJECT, render_program
from pulumi_tcmpp.clone.render import dumps, format_of, write_atomic, write_files
from pulumi_tcmpp.clone.select import Selection
from pulumi_tcmpp.clone.spec import PlatformSpec, load_spec

__all__ = ["add_source_arguments", "positive", "register", "run"]

DEFAULT_OUTPUT = {"yaml": "platform.yaml", "json": "platform.json", "python": DEFAULT_PROJECT}


def positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_source_arguments(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    """``--platform-id``, ``--endpoint`` and ``--backend`` overrides (optionally prefixed)."""
    dash = f"{prefix}-" if prefix else ""
    parser.add_argument(f"--{dash}platform-id", metavar="ID", help="platform id (overrides)")
    parser.add_argument(f"--{dash}endpoint", metavar="URL", help="API endpoint (overrides)")
    parser.add_argument(
        f"--{dash}backend", choices=("tcmpp", "tcsas"), help="API back end (overrides)"
    )


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """Page size, workers, include/exclude and quiet: shared with ``diff``."""
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="PATTERN",
        help="only objects matching TYPE[:NAME][@TEAM] (repeatable)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="leave out objects matching TYPE[:NAME][@TEAM] (repeatable)",
    )
    parser.add_argument(
        "--page-size", type=positive, default=DEFAULT_PAGE_SIZE, help="rows per list page (100)"
    )
    parser.add_argument(
        "--workers",
        type=positive,
        default=DEFAULT_WORKERS,
        help=f"concurrent requests ({DEFAULT_WORKERS}); each action stays under its rate limit",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary (CI)")


def register(subparsers: Any) -> None:
    """Add the ``export`` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="write a live platform as a spec file or a Pulumi program",
        description=(
            "Read a whole TCMPP platform and write it as a spec (YAML or JSON) or, with "
            "--format python, as a standalone Pulumi program. See docs/cloning.md."
        ),
    )
    parser.add_argument(
        "--source",
        default="env",
        metavar="ENV",
        help="where to read: env (default), env:PREFIX or profile:NAME",
    )
    add_source_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file to write (a folder with --format python; '-' for stdout)",
    )
    parser.add_argument(
        "--format",
        choices=("yaml", "json", "python"),
        help="yaml (default), json, or python; by default from the output's suffix",
    )
    parser.add_argument(
        "--previous",
        metavar="SPEC",
        help="the last spec: keep its logical names, {config:} references and placeholders",
    )
    parser.add_argument(
        "--project", default=DEFAULT_PROJECT, help="Pulumi project name for --format python"
    )
    add_reading_arguments(parser)
    parser.set_defaults(func=run)


_FILE_SUFFIXES = (".yaml", ".yml", ".json", ".py")


def _output(args: argparse.Namespace) -> tuple[str, str]:
    """The format and the output path, or a :class:`CommandError` before anything is read."""
    output: str | None = args.output
    if args.format is None and output and Path(output).suffix.lower() == ".py":
        raise CommandError(
            f"-o {output}: a spec is written as .yaml or .json; for a Python program use "
            f"--format python -o {Path(output).with_suffix('')} (a program folder)"
        )
    fmt = args.format or (format_of(output) if output else "yaml")
    output = output or DEFAULT_OUTPUT[fmt]
    if fmt == "python":
        _check_program_folder(output)
    elif output != "-" and Path(output).is_dir():
        raise CommandError(
            f"-o {output} is a folder; a spec is one file, e.g. -o {Path(output) / 'platform.yaml'}"
        )
    return fmt, output


def _check_program_folder(output: str) -> None:
    """``--format python`` writes a folder: refuse stdout, files and file-like names."""
    files = "__main__.py, Pulumi.yaml, requirements.txt"
    if output == "-":
        raise CommandError(f"--format python writes a program folder ({files}), not stdout")
    path = Path(output)
    if path.is_file() or path.suffix.lower() in _FILE_SUFFIXES:
        raise CommandError(
            f"-o {output}: --format python writes a program folder ({files}), and {output} "
            f"names a file; give a folder, e.g. -o {path.with_suffix('')}"
        )


def _write(result: ExportResult, fmt: str, output: str, project: str) -> None:
    if fmt == "python":
        files = render_program(result.spec, project=project, reference_only=result.reference_only)
        write_files(output, files)
        return
    text = dumps(result.spec, "json" if fmt == "json" else "yaml")
    if output == "-":
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def _describe(spec: PlatformSpec) -> str:
    members = sum(len(t.members) for t in spec.teams.values())
    apis = sum(len(a.sensitive_apis) for a in spec.applications.values())
    acls = sum(1 for m in spec.mini_programs.values() if m.domains is not None)
    domains = len(spec.global_domains.allow) + len(spec.global_domains.block)
    return (
        f"{plural(len(spec.users), 'user')}, {plural(len(spec.teams), 'team')} "
        f"({plural(members, 'membership')}), "
        f"{plural(len(spec.applications), 'application')} ({plural(apis, 'sensitive API')}), "
        f"{plural(len(spec.mini_programs), 'mini program')} ({plural(acls, 'domain list')}), "
        f"{plural(domains, 'global domain')}"
    )


def run(args: argparse.Namespace) -> int:
    """Check, read, build, write; 0 on success (errors go to the CLI's boundary)."""
    fmt, output = _output(args)
    selection = Selection.parse(args.include, args.exclude)
    previous = load_spec(args.previous) if args.previous else None
    overrides = {
        "platform_id": args.platform_id,
        "endpoint": args.endpoint,
        "backend": args.backend,
    }
    environment = parse_environment(args.source, overrides=overrides, allow_spec=False)
    assert environment.settings is not None
    reading = read_platform(
        environment.settings,
        page_size=args.page_size,
        workers=args.workers,
        progress_stream=None if args.quiet else sys.stderr,
        label=f"reading {environment.settings.platform_id}",
    )
    result = build_spec(reading.snapshot, previous=previous, selection=selection)
    _write(result, fmt, output, args.project)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if not args.quiet:
        where = "stdout" if output == "-" else str(Path(output))
        print(f"{reading.summary()}; wrote {_describe(result.spec)} to {where}", file=sys.stderr)
    return EXIT_OK
