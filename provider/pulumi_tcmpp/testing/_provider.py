"""The default ``pulumi-python`` provider: started when first needed, recorded in state.

Dynamic resources name no provider, so the engine registers a default provider resource
``pulumi:providers:pulumi-python::default`` whose inputs are the *whole* stack config (namespaced
keys, secrets wrapped) and points every dynamic resource at it. ``up`` and ``preview`` configure it
from the current config (CheckConfig and DiffConfig first, both UNIMPLEMENTED); ``refresh`` and
``destroy`` run no program and load it from state, i.e. with the config of the last ``up``, as
the CLI does (pulumi/pulumi#716, #7370).
"""

from __future__ import annotations

import threading
import uuid

from ._graph import DEFAULT_PROVIDER_TYPE, make_urn
from ._host import HostOptions, ProviderHost
from ._results import RpcLog
from ._state import ResourceState
from ._values import PropertyMap, strip_secrets

__all__: list[str] = []


class DefaultProvider:
    """Starts the provider process on first use and yields the provider's new state entry."""

    def __init__(
        self,
        options: HostOptions,
        log: RpcLog,
        *,
        stack: str,
        config: PropertyMap,
        old: ResourceState | None,
        from_state: bool,
    ) -> None:
        self._options = options
        self._log = log
        self._old = old
        self._from_state = from_state
        self._config = dict(old.inputs) if from_state and old is not None else dict(config)
        self.urn = make_urn(stack, options.project, DEFAULT_PROVIDER_TYPE, "default")
        self.id = old.id if old is not None else str(uuid.uuid4())
        self.ref = f"{self.urn}::{self.id}"
        self.op = ""
        self.state: ResourceState | None = None
        self._host: ProviderHost | None = None
        self._lock = threading.Lock()

    def host(self) -> ProviderHost:
        """The configured provider process, started on the first call (thread-safe)."""
        with self._lock:
            if self._host is None:
                self._host = self._start()
            return self._host

    def _start(self) -> ProviderHost:
        host = ProviderHost(self._options, self._log)
        try:
            if self._from_state:
                host.start_up(self.urn, self.id, self._config, None)
            else:
                old = (self._old.inputs, self._old.outputs) if self._old else None
                host.start_up(self.urn, self.id, self._config, old)
        except BaseException:
            host.close()
            raise
        self.state = ResourceState(
            urn=self.urn,
            type=DEFAULT_PROVIDER_TYPE,
            custom=True,
            id=self.id,
            inputs=dict(self._config),
            outputs=dict(self._config),
        )
        self.op = self._op()
        return host

    def _op(self) -> str:
        if self._old is None:
            return "create"
        same = strip_secrets(self._old.inputs) == strip_secrets(self._config)
        return "same" if same else "update"

    @property
    def started(self) -> bool:
        """Whether the process was started during this operation."""
        return self._host is not None

    def close(self) -> list[str]:
        """Stop the process; return what the provider printed."""
        with self._lock:
            if self._host is None:
                return []
            output = self._host.close()
            self._host = None
            return output

    @staticmethod
    def plugin_config(config: PropertyMap) -> dict[str, str]:
        """``PULUMI_CONFIG`` for the plugin: only keys in the ``pulumi-python`` namespace."""
        plain = strip_secrets(config)
        return {k: str(v) for k, v in plain.items() if k.startswith("pulumi-python:")}
