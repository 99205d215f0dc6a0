"""``pulumi-tcmpp demo``: bring up the quickstart program against the embedded emulator.

The emulator runs inside this command, on a fixed port with its state in a SQLite file under
``.tcmpp/demo/``, so ``demo preview``, ``demo refresh`` and ``demo destroy`` later act on the
same platform. With a ``pulumi`` CLI on PATH the demo uses it (local file backend, a fixed
passphrase, a copy of the program under the demo folder so nothing is written beside the
installed package); without one it uses the offline engine (:mod:`pulumi_tcmpp.testing`) and
says so first. It ends by printing what the emulator holds.

The quickstart program ships inside the package (``pulumi_tcmpp/quickstart``, built from the
repository's ``examples/quickstart``), so the demo works from an installed wheel too.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pulumi_tcmpp.cli._startup import port_number, start_emulator
from pulumi_tcmpp.cli.exit_codes import EXIT_FAILED, EXIT_OK, CommandError
from pulumi_tcmpp.emulator import Emulator

__all__ = ["quickstart_folder", "register", "run"]

OPERATIONS = ("up", "preview", "refresh", "destroy")
DEFAULT_PORT = 9480
DEFAULT_DIR = ".tcmpp/demo"
DEMO_SECRETS = {
    "quickstart:adminPassword": "Demo-Admin-Passw0rd!",
    "quickstart:developerPassword": "Demo-Dev-Passw0rd!",
}
"""Demo-only passwords for the quickstart's two users (the emulator is throwaway)."""
_HIDDEN_KINDS = {"role", "category"}  # seeded by the platform itself


def quickstart_folder() -> Path:
    """The quickstart program shipped in the package (in a checkout, a link to examples/)."""
    folder = Path(__file__).resolve().parents[2] / "quickstart"
    if not (folder / "Pulumi.yaml").is_file():
        raise CommandError(f"the quickstart program is missing from {folder}: reinstall")
    return folder


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser(
        "demo", help="run the quickstart program against the embedded emulator"
    )
    parser.add_argument("operation", nargs="?", choices=OPERATIONS, default="up")
    parser.add_argument(
        "--example",
        metavar="FOLDER",
        help="a Pulumi program folder (default: the quickstart shipped with the package)",
    )
    parser.add_argument(
        "--dir", default=DEFAULT_DIR, help=f"where emulator and stack state live ({DEFAULT_DIR})"
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"emulator port (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--engine", choices=("auto", "cli", "offline"), default="auto", help="default: auto"
    )
    parser.set_defaults(func=run)


def _program(example: str | None) -> Path:
    if example is None:
        return quickstart_folder()
    folder = Path(example).resolve()
    if not (folder / "Pulumi.yaml").is_file():
        what = "does not exist" if not folder.exists() else "has no Pulumi.yaml"
        raise CommandError(
            f"--example {example}: not a Pulumi program ({folder} {what}); give a folder "
            "holding Pulumi.yaml and the program, or leave --example out for the quickstart"
        )
    return folder


def _workdir(path: str) -> Path:
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"--dir {path}: cannot create it ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK):
        raise CommandError(f"--dir {path}: not writable")
    return folder


def run(args: argparse.Namespace) -> int:
    """Start the emulator, run the operation, show the platform."""
    example = _program(args.example)
    workdir = _workdir(args.dir)
    pulumi_cli = shutil.which("pulumi") if args.engine != "offline" else None
    if args.engine == "cli" and pulumi_cli is None:
        raise CommandError("--engine cli, but no `pulumi` CLI is on PATH (or use --engine offline)")
    emu = start_emulator(
        host="127.0.0.1",
        port=args.port,
        state_file=workdir / "emulator.sqlite",
        in_use_hint=(
            "is `pulumi-tcmpp emulator` or another demo still running? Stop it, or run the "
            "demo on another port with --port (its state stays in "
            f"{workdir / 'emulator.sqlite'})"
        ),
    )
    try:
        if pulumi_cli:
            print(f"pulumi-tcmpp demo: using the pulumi CLI at {pulumi_cli} (local file backend)")
        else:
            print(
                "pulumi-tcmpp demo: no `pulumi` CLI on PATH, so this runs the offline engine "
                "(pulumi_tcmpp.testing), a test double of the CLI, not the CLI itself"
            )
        print(f"emulator: {emu.endpoint}  platform {emu.platform_id}  (state {workdir})")
        config = _config(emu)
        runner = (
            _with_cli(pulumi_cli, example, workdir) if pulumi_cli else _offline(example, workdir)
        )
        ok = runner(args.operation, config)
        print()
        print(platform_table(emu.state(), emu.platform_id))
    finally:
        emu.stop()
    _footer(args)
    return EXIT_OK if ok else EXIT_FAILED


def _config(emu: Emulator) -> dict[str, tuple[str, bool]]:
    """Stack config: value and whether it is a secret."""
    config = {
        "tcmpp:endpoint": (emu.endpoint, False),
        "tcmpp:secretId": (emu.secret_id, False),
        "tcmpp:secretKey": (emu.secret_key, True),
        "tcmpp:platformId": (emu.platform_id, False),
    }
    config.update({key: (value, True) for key, value in DEMO_SECRETS.items()})
    return config


def _offline(example: Path, workdir: Path) -> Callable[[str, dict[str, tuple[str, bool]]], bool]:
    from pulumi_tcmpp.testing import Secret, Stack

    def run_offline(operation: str, config: dict[str, tuple[str, bool]]) -> bool:
        values = {k: Secret(v) if secret else v for k, (v, secret) in config.items()}
        stack = Stack(
            example,
            stack="dev",
            state_path=workdir / "stack-state.json",
            config=values,
            on_step=lambda step: print(
                f"  {step.op:>18}  {step.type.rsplit(':', 1)[-1]}  {step.urn.rsplit('::', 1)[-1]}"
            ),
        )
        result = getattr(stack, operation)()
        print(result.render())
        return bool(result.ok)

    return run_offline


def _program_copy(example: Path, workdir: Path) -> Path:
    """The program copied under the demo folder, its virtualenv set to this interpreter's.

    The pulumi CLI writes the stack's config file beside Pulumi.yaml; a copy keeps that out
    of the installed package (or the repository), and the runtime option points at the
    environment the demo runs in, where pulumi-tcmpp is installed.
    """
    copy = (workdir / "program").resolve()
    shutil.copytree(example, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    project_file = copy / "Pulumi.yaml"
    project = yaml.safe_load(project_file.read_text(encoding="utf-8")) or {}
    runtime = project.get("runtime")
    runtime = {"name": runtime} if isinstance(runtime, str) else dict(runtime or {"name": "python"})
    options = dict(runtime.get("options") or {})
    if sys.prefix != sys.base_prefix:  # running in a virtual environment: use it
        options["virtualenv"] = sys.prefix
    else:
        options.pop("virtualenv", None)
    runtime["options"] = options
    project["runtime"] = runtime
    project_file.write_text(yaml.safe_dump(project, sort_keys=False), encoding="utf-8")
    return copy


def _with_cli(
    cli: str, example: Path, workdir: Path
) -> Callable[[str, dict[str, tuple[str, bool]]], bool]:
    example = _program_copy(example, workdir)
    backend = (workdir / "backend").resolve()
    backend.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PULUMI_BACKEND_URL": f"file://{backend}",
        "PULUMI_CONFIG_PASSPHRASE": "tcmpp-demo",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
    }

    def pulumi(*argv: str) -> int:
        return subprocess.call([cli, *argv, "--cwd", str(example)], env=env)

    def run_cli(operation: str, config: dict[str, tuple[str, bool]]) -> bool:
        if pulumi("stack", "select", "--create", "dev", "--non-interactive") != 0:
            return False
        for key, (value, secret) in config.items():
            flags = ["--secret"] if secret else ["--plaintext"]
            if pulumi("config", "set", *flags, key, value, "--non-interactive") != 0:
                return False
        yes = [] if operation == "preview" else ["--yes"]
        return pulumi(operation, *yes, "--non-interactive") == 0

    return run_cli


def platform_table(state: dict[str, Any], platform_id: str) -> str:
    """What the emulator holds for one platform, as a readable table."""
    records: dict[str, list[dict[str, Any]]] = state.get("platforms", {}).get(platform_id, {})
    rows = [("kind", "count", "names")]
    for kind in sorted(records):
        items = records[kind]
        if kind in _HIDDEN_KINDS:
            rows.append((kind, str(len(items)), "(preset by the platform)"))
            continue
        text = ", ".join(sorted({_label(item) for item in items}))
        rows.append((kind, str(len(items)), text if len(text) <= 70 else text[:67] + "..."))
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"What the emulator holds for platform {platform_id}:"]
    for i, (kind, count, labels) in enumerate(rows):
        lines.append(f"  {kind:<{width[0]}}  {count:>{width[1]}}  {labels}")
        if i == 0:
            lines.append("  " + "-" * (width[0] + width[1] + 30))
    return "\n".join(lines)


def _label(item: dict[str, Any]) -> str:
    if "user_id" in item and "team_id" in item:  # a membership
        return f"{item['user_id']}@{item['team_id']}"
    for key in (
        "user_account",
        "team_name",
        "application_name",
        "mnp_name",
        "api_name",
        "domain_url",
        "name",
    ):
        if item.get(key):
            return str(item[key])
    return str(next(iter(item.values()), "?"))


def _command() -> str:
    """How to run this tool again from here: the script beside this interpreter, or -m."""
    script = Path(sys.executable).with_name("pulumi-tcmpp")
    if not script.is_file():
        return f"{shlex.quote(sys.executable)} -m pulumi_tcmpp"
    if shutil.which("pulumi-tcmpp") == str(script):
        return "pulumi-tcmpp"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def _footer(args: argparse.Namespace) -> None:
    """What to run next, with the same --dir, --port and --example as this run."""
    options = []
    if args.dir != DEFAULT_DIR:
        options += ["--dir", args.dir]
    if args.port != DEFAULT_PORT:
        options += ["--port", str(args.port)]
    if args.example is not None:
        options += ["--example", args.example]
    tail = "".join(f" {shlex.quote(o)}" for o in options)
    demo = f"{_command()} demo"
    print()
    if args.operation == "destroy":
        print(f"Destroyed. Run `{demo}{tail}` to bring the platform up again.")
        return
    state = Path(args.dir) / "emulator.sqlite"
    print("Next:")
    print(f"  {demo} preview{tail}    # no changes expected")
    print(f"  {demo} refresh{tail}")
    print(f"  {demo} destroy{tail}")
    print(f"  {_command()} emulator --state {shlex.quote(str(state))}    # the emulator alone")
