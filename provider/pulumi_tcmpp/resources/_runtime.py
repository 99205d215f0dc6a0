"""What a provider knows at run time: the stack config from ``configure``, and a Context.

Providers keep no attributes (nothing but the class reference is pickled into ``__provider``,
so no credential ever reaches state). The stack config arrives in the provider process through
``ResourceProvider.configure``; it is kept here, per process, and every method builds its
:class:`Context` from it and the environment.

``configure`` runs before the first ``check`` of every preview and ``up``; it validates every
``tcmpp:*`` setting in effect (stack config and environment) with the rules of
:mod:`pulumi_tcmpp.client._setting_values`, and refuses the run with one message listing each
problem (key, rule, value) before any API call. A key that is no setting is reported too.

A resource with a :class:`~pulumi_tcmpp.connection.Connection` reads its settings from the
sources it names. ``configure`` receives the whole stack config, namespaces included; besides
the ``tcmpp:*`` keys it keeps the keys any namespace holds under a connection setting's name
(``staging:secretId``, ``staging:platformId``...), nothing else, and those are validated with
the same rules when a connection names their namespace (in ``check``, before any API call).
Each provider call runs :func:`connected` to the connection of the props it handles, so
:meth:`Context.current` resolves that connection: nothing about it is kept between calls, and
nothing but the names of its sources is ever in the props.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pulumi.dynamic import ConfigureRequest

from pulumi_tcmpp import client as api_client  # lazy package: httpx loads with the first client
from pulumi_tcmpp._logs import connect_provider_logs
from pulumi_tcmpp.client import SETTING_SOURCES, Settings
from pulumi_tcmpp.client._setting_values import NAMESPACE, parse_setting, setting_problems
from pulumi_tcmpp.client._signing_method import CREDENTIAL_CONFIG_KEYS
from pulumi_tcmpp.connection import CONNECTION_SETTINGS, Connection, Target
from pulumi_tcmpp.errors import ConfigurationError

if TYPE_CHECKING:
    from pulumi_tcmpp.client import Client

__all__ = [
    "PROVIDER_CONFIG_KEYS",
    "Context",
    "check_settings",
    "connected",
    "connection_problems",
    "current_target",
    "in_connection",
    "new_target",
    "remember_stack_config",
    "stack_config",
]

PROVIDER_CONFIG_KEYS: dict[str, str] = {
    "tcmpp:adoptExisting": "take over existing objects with the same natural key on create",
    "tcmpp:adoptIds": "comma-separated ids of existing objects a create may take over",
    "tcmpp:allowedPlatformIds": "comma-separated platform ids this stack may write to",
    "tcmpp:operationTimeout": "seconds to wait for asynchronous work (builds, approvals)",
    "tcmpp:visibilityTimeout": "seconds a create waits for its new object to be listed",
}
"""Provider behaviour keys, beside the connection settings of ``SETTING_SOURCES``."""

F = TypeVar("F", bound=Callable[..., Any])
_CONFIG: dict[str, Any] = {}
_CONFIG_LOCK = threading.Lock()


def remember_stack_config(request: ConfigureRequest) -> None:
    """Keep the ``tcmpp:*`` stack config this process was configured with, once validated,
    and the connection settings of other namespaces (validated when a connection names them);
    attach the provider's logs."""
    connect_provider_logs()
    keys = [source.config_key for source in SETTING_SOURCES.values()] + list(PROVIDER_CONFIG_KEYS)
    keys += CREDENTIAL_CONFIG_KEYS
    values = {key: request.config.get(key) for key in keys}
    raw = getattr(request.config, "_props", None)  # every key, to report misspelt ones
    if isinstance(raw, Mapping):
        values.update({k: v for k, v in raw.items() if str(k).startswith(NAMESPACE)})
        check_settings(values)
        values.update({k: v for k, v in raw.items() if _is_connection_setting(str(k))})
    else:
        check_settings(values)
    with _CONFIG_LOCK:
        _CONFIG.clear()
        _CONFIG.update({k: v for k, v in values.items() if v is not None})


def _is_connection_setting(key: str) -> bool:
    """``staging:secretId``: a setting some connection may name (other namespaces' keys are
    not kept)."""
    namespace, _, name = key.partition(":")
    return bool(namespace) and namespace != NAMESPACE[:-1] and name in CONNECTION_SETTINGS


def check_settings(config: Mapping[str, Any], env: Mapping[str, str] | None = None) -> None:
    """Refuse settings that break a rule, naming each key, rule and value (secrets hidden)."""
    problems = setting_problems(config, os.environ if env is None else env)
    if problems:  # one line: the engine shows the last line of a provider error
        raise ConfigurationError(f"pulumi-tcmpp settings are not valid: {'; '.join(problems)}")


def stack_config() -> dict[str, Any]:
    """A copy of the remembered stack config."""
    with _CONFIG_LOCK:
        return dict(_CONFIG)


@dataclass
class _Scope:
    """The connection one provider call works with, and the platform its object is on."""

    connection: Connection
    recorded: Target | None
    """The platform recorded when the object was made (None for a new one or older state)."""
    used: Target | None = None
    """The platform the call's Context reached (set by :meth:`Context.current`)."""
    broken: str | None = None
    """Why the connection input cannot be used (check reports it; nothing else reads it)."""


_SCOPE: ContextVar[_Scope | None] = ContextVar("tcmpp_connection_scope", default=None)


@contextmanager
def connected(connection: Any, recorded: Any = None, *, tolerant: bool = False) -> Iterator[_Scope]:
    """Run a provider call with the connection of its props (an input value or None) and, for
    an existing object, the platform recorded in its outputs (``platform``).

    ``tolerant``: a connection input that cannot be used is kept as the reason every
    :meth:`Context.current` of the call fails with, instead of failing here."""
    try:
        scope = _Scope(Connection.from_input(connection), Target.from_output(recorded))
    except ConfigurationError as exc:
        if not tolerant:
            raise
        scope = _Scope(Connection(), None, broken=str(exc))
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)


def _scope() -> _Scope:
    return _SCOPE.get() or _Scope(Connection(), None)


def current_target(config: Mapping[str, Any] | None = None) -> Target:
    """The platform of the current call: the one its Context reached, else the recorded one,
    else the one its connection names (resolved without credentials)."""
    scope = _scope()
    if scope.used is not None:
        return scope.used
    if scope.recorded is not None:
        return scope.recorded
    return scope.connection.target(stack_config() if config is None else config)


def new_target() -> Target | None:
    """The platform the current call's connection names now (None when it cannot be told)."""
    scope = _scope()
    if scope.broken:
        return None
    try:
        return scope.connection.target(stack_config())
    except ConfigurationError:
        return None


_PROPS_OF: dict[str, Callable[[tuple[Any, ...]], tuple[Any, Any]]] = {
    "check": lambda args: (args[1], None),
    "diff": lambda args: (args[2], args[1]),
    "create": lambda args: (args[0], None),
    "read": lambda args: (args[1], args[1]),
    "update": lambda args: (args[2], args[1]),
    "delete": lambda args: (args[1], args[1]),
}
"""Per provider method: (the props naming the connection, the outputs recording the platform)."""


def in_connection(method: F, name: str) -> F:
    """Wrap a provider method so it runs :func:`connected` to its resource's connection, and
    records the platform it reached as the ``platform`` output of what it creates or reads.

    ``check`` and ``diff`` tolerate a connection they cannot use (check reports it)."""
    from pulumi_tcmpp.resources._inputs import CONNECTION_INPUT, PLATFORM_OUTPUT

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any) -> Any:
        new, old = _PROPS_OF[name](args)
        connection = (new or {}).get(CONNECTION_INPUT)
        recorded = (old or {}).get(PLATFORM_OUTPUT)
        with connected(connection, recorded, tolerant=name in ("check", "diff")):
            result = method(self, *args)
            outs = getattr(result, "outs", None)
            made = name in ("create", "update") or bool(getattr(result, "id", None))
            if name in ("create", "read", "update") and made and isinstance(outs, dict):
                outs[PLATFORM_OUTPUT] = current_target().as_output()
        return result

    wrapper.__in_connection__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def connection_problems(connection: Any, config: Mapping[str, Any] | None = None) -> list[str]:
    """What is wrong with a connection input and the settings it names (no API call)."""
    try:
        parsed = Connection.from_input(connection)
    except ConfigurationError as exc:
        return [str(exc)]
    return parsed.problems(stack_config() if config is None else config, os.environ)


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
        """Resolve from the stack config (and the environment) of this process, with the
        connection of the current call; an existing object stays on its recorded platform."""
        config = stack_config() if config is None else dict(config)
        scope = _scope()
        if scope.broken:
            raise ConfigurationError(scope.broken)
        settings = scope.connection.settings(config)
        if scope.recorded is not None:
            settings = _pinned(settings, scope.recorded)
        platform_id = scope.connection.require_platform_id(settings)
        scope.used = Target(platform_id, settings.backend_name, settings.base_url)
        return cls(
            client=api_client.client_for(settings),
            platform_id=platform_id,
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


def _pinned(settings: Settings, recorded: Target) -> Settings:
    """Settings aimed at the recorded platform (credentials as resolved now)."""
    return dataclasses.replace(
        settings,
        platform_id=recorded.platform_id or settings.platform_id,
        backend_name=recorded.backend,
        endpoint=recorded.endpoint or settings.endpoint,
    )


def _setting(config: Mapping[str, Any], key: str, default: Any) -> Any:
    value = config.get(key)
    return default if value in (None, "") else parse_setting(key, value)


def configured_backend() -> str:
    """The back end of the current call's platform, without needing credentials."""
    return current_target().backend
