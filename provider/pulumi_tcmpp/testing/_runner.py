"""Run a Pulumi program against a resource monitor, as the Automation API's inline host does.

This follows ``pulumi/automation/_server.py`` ``LanguageServer.Run``: fresh runtime settings
pointing at the monitor, the stack config, a new event loop whose default executor has
``parallel * 4`` threads, and ``run_in_stack(program)``. The program runs in its own thread and
an empty ``contextvars.Context``, so the SDK's ambient state never leaks between runs or into the
caller. A folder program is its ``__main__.py``, run as ``__main__`` with the folder first on
``sys.path`` and as the working directory (the language host's layout); modules imported from the
folder are forgotten afterwards so the next run sees edits.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os
import runpy
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from pulumi.errors import RunError
from pulumi.runtime import run_in_stack, set_all_config
from pulumi.runtime.proto import engine_pb2_grpc, resource_pb2_grpc
from pulumi.runtime.settings import ROOT, Settings, configure

from ._hygiene import restore_pickler_after_serialize
from ._results import Failure

__all__: list[str] = []

ProgramFn = Callable[[], Any]


@dataclass(frozen=True)
class Program:
    """A program to run: a callable, or a folder holding ``__main__.py``."""

    fn: ProgramFn
    folder: Path | None = None

    @classmethod
    def load(cls, program: ProgramFn | str | os.PathLike[str]) -> Program:
        """Accept a callable, a folder with ``__main__.py``, or the path of a ``.py`` file."""
        if callable(program):
            return cls(program)
        path = Path(program).resolve()
        main = path / "__main__.py" if path.is_dir() else path
        if not main.is_file():
            raise FileNotFoundError(
                f"no Pulumi program at {path}: expected a folder holding __main__.py or a .py file"
            )
        return cls(lambda: runpy.run_path(str(main), run_name="__main__"), main.parent)


@dataclass(frozen=True)
class RunSettings:
    """What ``LanguageRuntime.Run`` receives from the engine."""

    project: str
    stack: str
    monitor_address: str
    config: dict[str, str]
    secret_keys: list[str]
    parallel: int
    dry_run: bool
    organization: str = "organization"


def run_program(program: Program, settings: RunSettings) -> Failure | None:
    """Run the program to completion; return why it failed, or None."""
    restore_pickler_after_serialize()
    outcome: list[Failure | None] = [None]

    def target() -> None:
        outcome[0] = contextvars.Context().run(_run, program.fn, settings)

    with _program_environment(program.folder):
        thread = threading.Thread(target=target, name="pulumi-program", daemon=True)
        thread.start()
        thread.join()
    return outcome[0]


def _run(fn: ProgramFn, settings: RunSettings) -> Failure | None:
    channel = grpc.insecure_channel(settings.monitor_address)
    try:
        _configure_runtime(settings, channel)
        return _run_loop(fn, settings)
    finally:
        channel.close()  # before the monitor stops, so it never says goodbye to an open client


def _configure_runtime(settings: RunSettings, channel: grpc.Channel) -> None:
    """``reset_options`` with stubs over our own channel, plus the stack config."""
    ROOT.set(None)
    configure(
        Settings(
            project=settings.project,
            stack=settings.stack,
            monitor=resource_pb2_grpc.ResourceMonitorStub(channel),
            engine=engine_pb2_grpc.EngineStub(channel),
            parallel=settings.parallel,
            dry_run=settings.dry_run,
            organization=settings.organization,
        )
    )
    set_all_config(dict(settings.config), list(settings.secret_keys))


def _run_loop(fn: ProgramFn, settings: RunSettings) -> Failure | None:
    loop = asyncio.new_event_loop()
    executor = ThreadPoolExecutor(max_workers=max(settings.parallel, 1) * 4)
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(run_in_stack(fn))
    except RunError as exc:
        return Failure(f"the program failed: {exc}", "program", detail=traceback.format_exc())
    except grpc.RpcError as exc:
        return Failure(f"the program lost the engine: {exc}", "engine")
    except BaseException as exc:  # whatever the program raises is reported, not re-raised
        message = f"the program raised {type(exc).__name__}: {exc}"
        return Failure(message, "program", detail=traceback.format_exc())
    finally:
        _close_loop(loop)
        executor.shutdown(wait=True)
        asyncio.set_event_loop(None)
    return None


def _close_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what the program left pending (as the Automation API does), then close."""
    for task in asyncio.all_tasks(loop):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            loop.run_until_complete(task)
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


@contextlib.contextmanager
def _program_environment(folder: Path | None) -> Iterator[None]:
    """Put a folder program first on ``sys.path`` and make it the working directory."""
    if folder is None:
        yield
        return
    before = set(sys.modules)
    cwd = os.getcwd()
    sys.path.insert(0, str(folder))
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)
        with contextlib.suppress(ValueError):
            sys.path.remove(str(folder))
        for name in set(sys.modules) - before:
            origin = getattr(sys.modules[name], "__file__", None) or ""
            if origin and Path(origin).resolve().is_relative_to(folder):
                del sys.modules[name]
