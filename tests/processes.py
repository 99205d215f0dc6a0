"""Helpers for tests that kill processes: await conditions, tell whether a process runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

__all__ = ["children_of", "is_running", "wait_until"]


def wait_until(look: Callable[[], T | None], what: str, timeout: float = 60.0) -> T:
    """Poll ``look`` until it returns something truthy; fail the test after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = look()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(0.01)


def is_running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (an exited, unreaped process)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[1].split()[0]
    return state not in ("Z", "X")


def children_of(pid: int, marker: str = "") -> list[int]:
    """The running processes whose parent is ``pid`` (and whose command line has ``marker``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and marker in cmdline and is_running(int(entry.name)):
            found.append(int(entry.name))
    return found
