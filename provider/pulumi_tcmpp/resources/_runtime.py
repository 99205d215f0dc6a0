"""What a provider knows at run time: the stack config from ``configure``, and a Context.

Providers keep no attributes (nothing but the class reference is pickled into ``__provider``,
so no credential ever reaches state). The stack config arrives in the provider process through
``ResourceProvider.configure``; it is kept here, per process, and every method builds its
:class:`Context` from it and the environment.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi.dynamic import ConfigureRequest

from pulumi_tcmpp.client import SETTING_SOURCES, Client, Settings, client_for
from pulumi_tcmpp.errors import ConfigurationError

__all__ = ["PROVIDER_CONFIG_KEYS", "Context", "remember_stack_config", "stack_config"]

PROVIDER_CONFIG_KEYS: dict[str, str] = {
    "tcmpp:adoptExisting": "take over existing objects with the same natural key on create",
    "tcmpp:adoptIds": "comma-separated ids of existing objects a create may take over",
    "tcmpp:allowedPlatformIds": "comma-separated platform ids this stack may write to",
    "tcmpp:operationTimeout": "seconds to wait for asynchronous work (builds, approvals)",
    "tcmpp:visibilityTimeout": "seconds a create waits for its new object to be listed",
}
"""Provider behaviour keys, beside the connection settings of ``SETTING_SOURCES``."""

_CONFIG: dict[str, Any] = {}
_CONFIG_LOCK = threading.Lock()


def remember_stack_config(request: ConfigureRequest) -> None:
    """Keep the ``tcmpp:*`` stack config this process was configured with."""
    keys = [source.config_key for source in SETTING_SOURCES.values()] + list(PROVIDER_CONFIG_KEYS)
    values = {key: request.config.get(key) for key in keys}
    with _CONFIG_LOCK:
        _CONFIG.clear()
        _CONFIG.update({k: v for k, v in values.items() if v is not None})


def stack_config() -> dict[str, Any]:
    """A copy of the remembered stack config."""
    with _CONFIG_LOCK:
        return dict(_CONFIG)


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Context:
    """The client, platform and policies one provider call works with."""

    client: Client
    platform_id: str
    adopt_existing: bool
    allowed_platform_ids: tuple[str, ...]
    operation_timeout: float

    @classmethod
    def current(cls, config: Mapping[str, Any] | None = None) -> Context:
        """Resolve from the stack config (and the environment) of this process."""
        config = stack_config() if config is None else dict(config)
        settings = Settings.resolve(config=config)
        allowed = str(config.get("tcmpp:allowedPlatformIds") or "")
        return cls(
            client=client_for(settings),
            platform_id=settings.require_platform_id(),
            adopt_existing=_flag(config.get("tcmpp:adoptExisting", "false")),
            allowed_platform_ids=tuple(p.strip() for p in allowed.split(",") if p.strip()),
            operation_timeout=float(config.get("tcmpp:operationTimeout") or 600),
        )

    @property
    def backend(self) -> str:
        """``tcmpp`` or ``tcsas``."""
        return self.client.settings.backend_name

    def guard_write(self) -> None:
        """Refuse to write to a platform the stack is not allowed to touch."""
        if self.allowed_platform_ids and self.platform_id not in self.allowed_platform_ids:
            raise ConfigurationError(
                f"platform {self.platform_id} is not in tcmpp:allowedPlatformIds "
                f"({', '.join(self.allowed_platform_ids)}); nothing was written"
            )


def configured_backend() -> str:
    """The back end named by the stack config or environment, without needing credentials."""
    value = stack_config().get("tcmpp:backend") or os.environ.get("TCMPP_BACKEND") or "tcmpp"
    return str(value).strip().lower()
