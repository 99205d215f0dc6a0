"""The public face of the offline engine: a stack and its four operations.

Each operation is what the CLI command does, minus the CLI: load the state file, start a fresh
provider process when a dynamic resource needs one, run the program against a real gRPC resource
monitor (``preview``/``up``), checkpoint the state around every step that calls the provider
(with its pending operation, as the CLI's snapshot manager does), and write the new state
atomically at the end (nothing for previews).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ._deployment import Deployment
from ._graph import DEFAULT_PROVIDER_TYPE
from ._host import HostOptions
from ._monitor import MonitorServer
from ._provider import DefaultProvider
from ._results import Diagnostic, Result, RpcLog, Step
from ._runner import Program, RunSettings, run_program
from ._state import Checkpoints, ResourceState, State, load_state, save_state
from ._values import PropertyMap, Secret

__all__ = ["Stack"]

ProgramArg = Callable[[], Any] | str | os.PathLike[str]


class Stack:
    """A Pulumi stack run by the offline engine, its state in a JSON file.

    **Parameters:**

    * `program` - a callable (an inline program), a folder holding ``__main__.py`` (an
      ``examples/<name>/`` project), or the path of a ``.py`` file.
    * `project` - the project name; defaults to ``name:`` in the folder's ``Pulumi.yaml``,
      else ``"project"``.
    * `stack` - the stack name.
    * `state_path` - where the state is kept (created on the first ``up``).
    * `config` - stack config. Keys are namespaced (``"tcmpp:endpoint"``); a key without a
      namespace gets the project's, as with ``pulumi config set``. Wrap secrets in
      :class:`Secret`. Values that are not strings are JSON-encoded, as structured config is.
    * `parallel` - how many steps may run at once (``pulumi up --parallel``).
    * `env` - extra environment for the provider process (e.g. ``TENCENTCLOUD_*``).
    * `cwd` - the provider's working directory; defaults to the program folder, else the
      current directory. It and the program folder are put on the provider's ``PYTHONPATH``.
    * `python` - the interpreter for the provider process (default: this one).
    * `rpc_timeout` - seconds before a provider call is abandoned (the CLI has no limit; a test
      should not hang forever).
    * `on_step` - called with each :class:`Step` as it completes (from worker threads, one at a
      time), e.g. to print progress in a demo.

    ```python
    stack = Stack(program=pulumi_program, project="quickstart", stack="dev",
                  state_path=tmp_path / "state.json",
                  config={"tcmpp:endpoint": url, "tcmpp:secretKey": Secret(key)})
    assert stack.up().ok
    ```
    """

    def __init__(
        self,
        program: ProgramArg,
        *,
        state_path: str | os.PathLike[str],
        project: str | None = None,
        stack: str = "dev",
        config: Mapping[str, Any] | None = None,
        parallel: int = 10,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        python: str | None = None,
        rpc_timeout: float | None = 300.0,
        on_step: Callable[[Step], None] | None = None,
    ) -> None:
        self.program = Program.load(program)
        self.project = project or _project_name(self.program.folder) or "project"
        self.stack = stack
        self.state_path = Path(state_path)
        self.config: PropertyMap = _namespaced(config or {}, self.project)
        self.parallel = max(1, int(parallel))
        self.env = dict(env or {})
        self.cwd = Path(cwd) if cwd is not None else (self.program.folder or Path.cwd())
        self.python = python or sys.executable
        self.rpc_timeout = rpc_timeout
        self.on_step = on_step

    # -- operations ----------------------------------------------------------------------------

    def preview(self) -> Result:
        """``pulumi preview``: run the program, Check and Diff only; nothing is written."""
        return self._deploy("preview", dry_run=True, refresh=False)

    def up(self, *, refresh: bool = False) -> Result:
        """``pulumi up --yes`` (``--refresh`` first if ``refresh``); the state is saved."""
        return self._deploy("up", dry_run=False, refresh=refresh)

    def refresh(self, *, preview: bool = False, clear_pending_creates: bool = False) -> Result:
        """``pulumi refresh --yes``: Read every resource; no program runs.

        Pending operations left by an interrupted run are dropped, except pending creates,
        which stay (only the user knows whether the object exists) unless
        ``clear_pending_creates`` (``--clear-pending-creates``) drops them too.
        """
        return self._without_program(
            "refresh",
            preview,
            lambda d: d.refresh(),
            clear_pending_creates=clear_pending_creates,
        )

    def destroy(self, *, preview: bool = False) -> Result:
        """``pulumi destroy --yes``: delete every resource; no program runs."""
        return self._without_program("destroy", preview, lambda d: d.destroy())

    def state(self) -> State:
        """The current state as saved (empty if the stack was never deployed)."""
        return load_state(self.state_path, self.project, self.stack)

    # -- internals -----------------------------------------------------------------------------

    def _host_options(self, engine_address: str = "") -> HostOptions:
        paths = [str(p) for p in (self.program.folder, self.cwd) if p is not None]
        return HostOptions(
            project=self.project,
            cwd=self.cwd,
            env=self.env,
            pythonpath=list(dict.fromkeys(paths)),
            python=self.python,
            rpc_timeout=self.rpc_timeout,
            engine_address=engine_address,
            plugin_config=DefaultProvider.plugin_config(self.config),
        )

    def _provider(
        self, old: State, log: RpcLog, *, from_state: bool, engine_address: str = ""
    ) -> DefaultProvider:
        return DefaultProvider(
            self._host_options(engine_address),
            log,
            stack=self.stack,
            config=self.config,
            old=_old_provider(old),
            from_state=from_state,
        )

    def _deployment(self, old: State, provider: DefaultProvider, dry_run: bool) -> Deployment:
        return Deployment(
            old,
            provider,
            dry_run=dry_run,
            parallel=self.parallel,
            on_step=self.on_step,
            checkpoint=Checkpoints(self.state_path).save,
        )

    def _deploy(self, operation: str, *, dry_run: bool, refresh: bool) -> Result:
        old = self.state()
        log = RpcLog()
        before: Deployment | None = None
        output: list[str] = []
        if refresh:
            before, output = self._refresh(old, log, dry_run)
            old = before.new_state()
        server = MonitorServer(workers=self.parallel * 4 + 16)
        provider = self._provider(old, log, from_state=False, engine_address=server.address)
        deployment = self._deployment(old, provider, dry_run)
        if old.pending_operations and not dry_run and not refresh:
            deployment.log(Diagnostic("warning", pending_operations_warning(old)))
        try:
            server.start(deployment, self._deployment_info(dry_run))
            failure = run_program(self.program, self._run_settings(server.address, dry_run))
            deployment.finish(failure)
        finally:
            server.stop()
            output += provider.close()
        return self._conclude(operation, deployment, log, output, dry_run, before)

    def _refresh(self, old: State, log: RpcLog, dry_run: bool) -> tuple[Deployment, list[str]]:
        provider = self._provider(old, log, from_state=True)
        deployment = self._deployment(old, provider, dry_run)
        try:
            deployment.refresh()
        finally:
            output = provider.close()
        return deployment, output

    def _without_program(
        self,
        operation: str,
        preview: bool,
        action: Callable[[Deployment], None],
        *,
        clear_pending_creates: bool = False,
    ) -> Result:
        old = self.state()
        if clear_pending_creates and not preview:
            old.pending_operations = [op for op in old.pending_operations if op.type != "creating"]
        log = RpcLog()
        provider = self._provider(old, log, from_state=True)
        deployment = self._deployment(old, provider, preview)
        try:
            action(deployment)
        finally:
            output = provider.close()
        return self._conclude(operation, deployment, log, output, preview, None)

    def _conclude(
        self,
        operation: str,
        deployment: Deployment,
        log: RpcLog,
        output: list[str],
        dry_run: bool,
        before: Deployment | None,
    ) -> Result:
        new_state = deployment.new_state()
        if not dry_run:
            save_state(self.state_path, new_state)
        earlier = before.steps if before else []
        errors = (before.errors if before else []) + deployment.errors
        return Result(
            operation=operation,
            stack=self.stack,
            ok=not errors,
            errors=errors,
            steps=earlier + deployment.steps,
            rpcs=list(log.calls),
            outputs=new_state.outputs,
            diagnostics=list(deployment.diagnostics),
            provider_output=output,
            state=new_state,
        )

    def _deployment_info(self, dry_run: bool) -> dict[str, Any]:
        program_config, secret_keys = self._program_config()
        return {
            "project": self.project,
            "stack": self.stack,
            "organization": "organization",
            "config": program_config,
            "configSecretKeys": secret_keys,
            "dryRun": dry_run,
            "parallel": self.parallel,
        }

    def _run_settings(self, address: str, dry_run: bool) -> RunSettings:
        program_config, secret_keys = self._program_config()
        return RunSettings(
            project=self.project,
            stack=self.stack,
            monitor_address=address,
            config=program_config,
            secret_keys=secret_keys,
            parallel=self.parallel,
            dry_run=dry_run,
        )

    def _program_config(self) -> tuple[dict[str, str], list[str]]:
        plain = {k: v.value if isinstance(v, Secret) else v for k, v in self.config.items()}
        secrets = [k for k, v in self.config.items() if isinstance(v, Secret)]
        return plain, secrets

    def __repr__(self) -> str:
        return f"Stack(project={self.project!r}, stack={self.stack!r}, state={self.state_path})"


def pending_operations_warning(state: State) -> str:
    """The engine's warning for an ``up`` over a state with pending operations
    (``deployment_executor.go`` ``printPendingOperationsWarning``)."""
    listed = "".join(
        f"  * {op.resource.urn}, interrupted while {op.type}\n" for op in state.pending_operations
    )
    return (
        "Attempting to deploy or update resources with "
        f"{len(state.pending_operations)} pending operations from previous deployment.\n"
        f"{listed}These resources are in an unknown state because the Pulumi CLI was "
        "interrupted while waiting for changes to these resources to complete. You should "
        "confirm whether or not the operations listed completed successfully by checking the "
        "state of the appropriate provider. For example, if you are using AWS, you can confirm "
        "using the AWS Console.\n\nOnce you have confirmed the status of the interrupted "
        "operations, you can repair your stack using `pulumi refresh` which will refresh the "
        "state from the provider you are using and clear the pending operations if there are "
        "any.\n\nNote that `pulumi refresh` will need to be run interactively to clear pending "
        "CREATE operations."
    )


def _namespaced(config: Mapping[str, Any], project: str) -> PropertyMap:
    """Config keyed ``namespace:key`` with string values (secrets kept wrapped)."""
    result: PropertyMap = {}
    for key, value in config.items():
        full = key if ":" in key else f"{project}:{key}"
        if isinstance(value, Secret):
            result[full] = Secret(_config_text(value.value))
        else:
            result[full] = _config_text(value)
    return result


def _config_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _project_name(folder: Path | None) -> str | None:
    if folder is None:
        return None
    for name in ("Pulumi.yaml", "Pulumi.yml"):
        path = folder / name
        if path.is_file():
            match = re.search(r"^name:\s*['\"]?([^'\"\s#]+)", path.read_text(), re.MULTILINE)
            if match:
                return match.group(1)
    return None


def _old_provider(state: State) -> ResourceState | None:
    return next((r for r in state.live() if r.type == DEFAULT_PROVIDER_TYPE), None)
