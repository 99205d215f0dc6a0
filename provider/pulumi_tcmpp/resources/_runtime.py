"""What a provider knows at run time: the stack config from ``configure``, and a Context.

Providers keep no attributes (nothing but the class reference is pickled into ``__provider``,
so no credential ever reaches state). The stack config arrives in the provider process through
``ResourceProvider.configure``; it is kept here, per process, and every method builds its
:class:`Context` from it and the environment.

``configure`` runs before the first ``check`` of every preview and ``up``; it validates every
``tcmpp:*`` setting in effect (stack config and environment) with the rules of
:mod:`pulumi_tcmpp.client._setting_values`, and refuses the run with one message listing each
problem (key, rule, value) before any API call. A key that is no setting is reported too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi.dynamic import ConfigureRequest

from pulumi_tcmpp._logs import connect_provider_logs
from pulumi_tcmpp.client import SETTING_SOURCES, Client, Settings, client_for
from pulumi_tcmpp.client._credentials import CREDENTIAL_CONFIG_KEYS
from pulumi_tcmpp.client._setting_values import NAMESPACE, parse_setting, setting_problems
from pulumi_tcmpp.errors import ConfigurationError

__all__ = [
    "PROVIDER_CONFIG_KEYS",
    "Context",
    "check_settings",
    "remember_stack_config",
    "stack_config",
]

PROVIDER_CONFIG_KEYS: dict[str, str] = {
    "tcmpp:adoptExisting": "take over existing objects with the same natural key on create",
    "tcmpp:allowedPlatformIds": "comma-separated platform ids this stack may write to",
    "tcmpp:operationTimeout": "seconds to wait for asynchronous work (builds, approvals)",
}
"""Provider behaviour keys, beside the connection settings of ``SETTING_SOURCES``."""

_CONFIG: dict[str, Any] = {}
_CONFIG_LOCK = threading.Lock()


def remember_stack_config(request: ConfigureRequest) -> None:
    """Keep the ``tcmpp:*`` stack config this process was configured with, once validated,
    and attach the provider's logs."""
    connect_provider_logs()
    keys = [source.config_key for source in SETTING_SOURCES.values()] + list(PROVIDER_CONFIG_KEYS)
    keys += CREDENTIAL_CONFIG_KEYS
    values = {key: request.config.get(key) for key in keys}
    raw = getattr(request.config, "_props", None)  # every key, to report misspelt ones
    if isinstance(raw, Mapping):
        values.update({k: v for k, v in raw.items() if str(k).startswith(NAMESPACE)})
    check_settings(values)
    with _CONFIG_LOCK:
        _CONFIG.clear()
        _CONFIG.update({k: v for k, v in values.items() if v is not None})


def check_settings(config: Mapping[str, Any], env: Mapping[str, str] | None = None) -> None:
    """Refuse settings that break a rule, naming each key, rule and value (secrets hidden)."""
    problems = setting_problems(config, os.environ if env is None else env)
    if problems:  # one line: the engine shows the last line of a provider error
        raise ConfigurationError(f"pulumi-tcmpp settings are not valid: {'; '.join(problems)}")


def stack_config() -> dict[str, Any]:
    """A copy of the remembered stack config."""
    with _CONFIG_LOCK:
        return dict(_CONFIG)


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
        return cls(
            client=client_for(settings),
            platform_id=settings.require_platform_id(),
            adopt_existing=bool(_setting(config, "tcmpp:adoptExisting", False)),
            allowed_platform_ids=tuple(_setting(config, "tcmpp:allowedPlatformIds", ())),
            operation_timeout=float(_setting(config, "tcmpp:operationTimeout", 600.0)),
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


def _setting(config: Mapping[str, Any], key: str, default: Any) -> Any:
    value = config.get(key)
    return default if value in (None, "") else parse_setting(key, value)


def configured_backend() -> str:
    """The back end named by the stack config or environment, without needing credentials."""
    value = stack_config().get("tcmpp:backend") or os.environ.get("TCMPP_BACKEND") or "tcmpp"
    return str(parse_setting("tcmpp:backend", value))
