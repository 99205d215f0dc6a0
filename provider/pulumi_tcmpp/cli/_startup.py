"""Starting the emulator for a command: every way it can fail becomes a message, not a trace.

``emulator`` and ``demo`` both bind a port and may open a SQLite state file; a port in use (a
second emulator, a demo still running), a port number out of range, a host that cannot be
bound or a state file that cannot be written are the operator's to fix, so they raise
:class:`~pulumi_tcmpp.cli.exit_codes.CommandError` naming the value and what to do.
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

from pulumi_tcmpp.cli.exit_codes import CommandError
from pulumi_tcmpp.emulator import Emulator

__all__ = ["port_number", "start_emulator"]


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            f"{value} is not a port number: use 1-65535, or 0 for any free port"
        )
    return value


def _check_state_file(path: Path) -> None:
    folder = path.parent
    if path.is_dir():
        raise CommandError(f"state file {path} is a folder; give a file name, e.g. {path}/db")
    if not folder.is_dir():
        raise CommandError(f"state file {path}: its folder {folder} does not exist")
    writable = os.access(path, os.W_OK) if path.exists() else os.access(folder, os.W_OK)
    if not writable:
        where = path if path.exists() else folder
        raise CommandError(f"state file {path}: {where} is not writable")


def start_emulator(
    *, host: str, port: int, state_file: str | Path | None, in_use_hint: str, **options: Any
) -> Emulator:
    """A started emulator, or a :class:`CommandError` saying why it could not start.

    ``in_use_hint`` ends the message for a port in use (what is likely holding it).
    """
    if state_file is not None:
        _check_state_file(Path(state_file))
    try:
        emulator = Emulator(host=host, port=port, state_file=state_file, **options)
    except sqlite3.Error as exc:
        raise CommandError(
            f"state file {state_file}: cannot be used as a database ({exc})"
        ) from None
    try:
        return emulator.start()
    except OSError as exc:
        emulator.app.store.close()
        if exc.errno == errno.EADDRINUSE:
            raise CommandError(f"port {port} on {host} is in use; {in_use_hint}") from None
        reason = exc.strerror or str(exc)
        raise CommandError(f"cannot listen on {host}:{port}: {reason}") from None
