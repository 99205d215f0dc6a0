"""``pulumi-tcmpp demo``: bring up examples/quickstart against the embedded emulator.

The emulator runs inside this command, on a fixed port with its state in a SQLite file under
``.tcmpp/demo/``, so ``demo preview``, ``demo refresh`` and ``demo destroy`` later act on the
same platform. With a ``pulumi`` CLI on PATH the demo uses it (local file backend, a fixed
passphrase); without one it uses the offline engine (:mod:`pulumi_tcmpp.testing`) and says so
first. It ends by printing what the emulator holds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pulumi_tcmpp.emulator import Emulator

__all__ = ["register", "run"]

OPERATIONS = ("up", "preview", "refresh", "destroy")
DEMO_SECRETS = {
    "quickstart:adminPassword": "Demo-Admin-Passw0rd!",
    "quickstart:developerPassword": "Demo-Dev-Passw0rd!",
}
"""Demo-only passwords for the quickstart's two users (the emulator is throwaway)."""
_HIDDEN_KINDS = {"role", "category"}  # seeded by the platform itself


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser(
        "demo", help="run examples/quickstart against the embedded emulator"
    )
    parser.add_argument("operation", nargs="?", choices=OPERATIONS, default="up")
    parser.add_argument("--example", default="examples/quickstart", help="the stack folder")
    parser.add_argument("--dir", default=".tcmpp/demo", help="where emulator and stack state live")
    parser.add_argument("--port", type=int, default=9480, help="emulator port (default 9480)")
    parser.add_argument(
        "--engine", choices=("auto", "cli", "offline"), default="auto", help="default: auto"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the emulator, run the operation, show the platform."""
    workdir = Path(args.dir)
    workdir.mkdir(parents=True, exist_ok=True)
    example = Path(args.example).resolve()
    pulumi_cli = shutil.which("pulumi") if args.engine != "offline" else None
    if args.engine == "cli" and pulumi_cli is None:
        print("pulumi-tcmpp demo: --engine cli, but no `pulumi` CLI is on PATH")
        return 2
    if pulumi_cli:
        print(f"pulumi-tcmpp demo: using the pulumi CLI at {pulumi_cli} (local file backend)")
    else:
        print(
            "pulumi-tcmpp demo: no `pulumi` CLI on PATH, so this runs the offline engine "
            "(pulumi_tcmpp.testing), a test double of the CLI, not the CLI itself"
        )
    with Emulator(port=args.port, state_file=workdir / "emulator.sqlite") as emu:
        print(f"emulator: {emu.endpoint}  platform {emu.platform_id}  (state {workdir})")
        config = _config(emu)
        runner = (
            _with_cli(pulumi_cli, example, workdir) if pulumi_cli else _offline(example, workdir)
        )
        ok = runner(args.operation, config)
        print()
        print(platform_table(emu.state(), emu.platform_id))
    _footer(args.operation)
    return 0 if ok else 1


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


def _with_cli(
    cli: str, example: Path, workdir: Path
) -> Callable[[str, dict[str, tuple[str, bool]]], bool]:
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


def _footer(operation: str) -> None:
    print()
    if operation == "destroy":
        print("Destroyed. Run `make demo` to bring the platform up again.")
        return
    print("Next: `.venv/bin/pulumi-tcmpp demo preview` (no changes expected),")
    print("      `.venv/bin/pulumi-tcmpp demo refresh`, `.venv/bin/pulumi-tcmpp demo destroy`.")
    print(
        "The emulator alone: `.venv/bin/pulumi-tcmpp emulator --state .tcmpp/demo/emulator.sqlite`."
    )
