"""How the provider process is started: the SDK's dynamic-provider server, tied to its engine.

The engine runs ``python -u -c LAUNCHER <engine address>``. :data:`LAUNCHER` runs
``pulumi.dynamic``'s own ``__main__`` (the very server the CLI starts) in that process, plus one
thing: a thread that reads standard input, a pipe whose other end only the engine holds.
Nothing is ever written to it; it reaches end-of-file when the engine closes it or when the
engine dies, however it dies (even ``kill -9``), because the kernel closes a dead process's
files. The provider then exits at once, so a killed engine never leaves a provider behind.
It is a ``-c`` script rather than a module so that starting it imports nothing beyond what
``python -m pulumi.dynamic`` imports.
"""

from __future__ import annotations

__all__ = ["ENGINE_GONE_EXIT_CODE", "LAUNCHER"]

ENGINE_GONE_EXIT_CODE = 70
"""Exit status of a provider whose engine went away (``EX_SOFTWARE``)."""

LAUNCHER = f"""
import os, runpy, sys, threading

def _end_with_the_engine():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit({ENGINE_GONE_EXIT_CODE})

threading.Thread(target=_end_with_the_engine, name="engine-watch", daemon=True).start()
sys.argv = ["pulumi.dynamic", *sys.argv[1:]]
runpy.run_module("pulumi.dynamic", run_name="__main__", alter_sys=True)
"""
