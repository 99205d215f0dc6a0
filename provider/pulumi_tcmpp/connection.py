"""Connection: where a resource's settings come from, by name, never a credential itself.

One program can manage several platforms side by side (staging and prod, two regions, a tcmpp
and a tcsas platform): every resource, lookup and :class:`~pulumi_tcmpp.Platform` takes an
optional ``connection``. A connection names *sources* of settings, never their values, so it
can be a resource input (it sits in Pulumi state) while the keys stay where they are:

* ``config="staging"``: the stack config namespace ``staging``, with the keys the ``tcmpp``
  namespace uses (``staging:secretId``, ``staging:secretKey`` set with ``--secret``,
  ``staging:platformId``, ``staging:endpoint``, ``staging:backend``, ``staging:assumeRole``...);
* ``env="STAGING"``: environment variables with this prefix instead of ``TENCENTCLOUD_`` and
  ``TCMPP_`` (``STAGING_SECRET_ID``, ``STAGING_PLATFORM_ID``, ``STAGING_ASSUME_ROLE_ARN``...,
  and ``STAGING_PROFILE`` for a tccli profile);
* ``profile="staging"``: the keys (and region) of the tccli profile ``~/.tccli/staging.*``;
* ``platform_id``, ``endpoint``, ``backend``, ``region``: values given here (none is secret).

Values given here win; then the named sources, in the order above. A connection that names a
source reads *only* its sources: it never falls back to the ``tcmpp:*`` settings, the standard
variables or the default tccli profile, so a missing key is an error rather than a silent
switch to another environment's credentials. A connection that names no source
(``Connection(platform_id="T0...")``) reads the usual settings (``tcmpp:*`` stack config, the
environment, the default profile) with its values on top. No connection at all is the usual
settings, as before connections existed.

The command line's environments (``env``, ``env:PREFIX``, ``profile:NAME``) are connections
written as text: :meth:`Connection.parse` reads them, so the CLI and a program name an
environment the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from pulumi_tcmpp.client import SETTING_SOURCES, Settings
from pulumi_tcmpp.client._setting_values import SETTING_RULES, parse_setting
from pulumi_tcmpp.client._settings import base_url_of
from pulumi_tcmpp.client._signing_method import (
    ASSUME_ROLE_FIELDS,
    CAM_ROLE_ENV,
    CREDENTIAL_CONFIG_KEYS,
    METADATA_CONFIG,
    METADATA_ENV,
    STS_CONFIG,
    STS_ENV,
    TKE_VARIABLES,
    USE_CVM_ENV,
    WEB_IDENTITY_FIELDS,
)
from pulumi_tcmpp.errors import ConfigurationError, MissingCredentialsError

__all__ = [
    "CONNECTION_SETTINGS",
    "Backend",
    "Connection",
    "Target",
    "prefixed_variables",
]

Backend = Literal["tcmpp", "tcsas"]
"""The back ends a connection can name."""

_NAMESPACE = "tcmpp:"
CONNECTION_SETTINGS: tuple[str, ...] = tuple(
    key.removeprefix(_NAMESPACE)
    for key in [s.config_key for s in SETTING_SOURCES.values()] + list(CREDENTIAL_CONFIG_KEYS)
)
"""The setting names a config namespace may hold (``secretId``, ``platformId``...): every
``tcmpp:*`` setting about reaching a platform, none of the stack-wide policies."""

_STANDARD_PREFIXES = ("TENCENTCLOUD_", "TCMPP_")
_ROLE_VARIABLES = (
    *(name for name in ASSUME_ROLE_FIELDS.values() if name),
    *(name for name in WEB_IDENTITY_FIELDS.values() if name.startswith(_STANDARD_PREFIXES)),
    CAM_ROLE_ENV,
    USE_CVM_ENV,
    STS_ENV,
    METADATA_ENV,
)
_CREDENTIAL_KEYS = frozenset(
    [SETTING_SOURCES[n].config_key for n in ("secret_id", "secret_key", "token")]
    + [k for k in CREDENTIAL_CONFIG_KEYS if k not in (STS_CONFIG, METADATA_CONFIG)]
)
"""Stack settings that say how to sign: a connection naming a profile ignores them."""
_CREDENTIAL_VARIABLES = frozenset(
    [SETTING_SOURCES[n].env for n in ("secret_id", "secret_key", "token")]
    + [v for v in _ROLE_VARIABLES if v not in (STS_ENV, METADATA_ENV)]
    + ["TENCENTCLOUD_PROFILE", *TKE_VARIABLES]
)
_NO_HOME = Path(os.devnull)
"""A home without a tccli folder: profile lookup disabled."""

_NAMES = {
    "config": (re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*"), "a stack config namespace such as "),
    "env": (re.compile(r"[A-Za-z_][A-Za-z0-9_]*"), "an environment variable prefix such as "),
    "profile": (re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*"), "a tccli profile name such as "),
}
_EXAMPLES = {"config": "staging", "env": "STAGING", "profile": "staging"}
_GIVEN_SETTINGS = {
    "platform_id": "tcmpp:platformId",
    "endpoint": "tcmpp:endpoint",
    "backend": "tcmpp:backend",
    "region": "tcmpp:region",
}


def prefixed_variables(prefix: str) -> dict[str, str]:
    """Standard variable -> the prefixed one, e.g. TCMPP_PLATFORM_ID -> STAGING_PLATFORM_ID."""
    names = [s.env for s in SETTING_SOURCES.values()] + ["TENCENTCLOUD_PROFILE"]
    out = {}
    for name in [*names, *_ROLE_VARIABLES]:
        suffix = next(name[len(p) :] for p in _STANDARD_PREFIXES if name.startswith(p))
        out[name] = f"{prefix}_{suffix}"
    return out


@dataclass(frozen=True)
class Target:
    """Which platform a connection reaches: what identifies the objects on it."""

    platform_id: str | None
    backend: str
    endpoint: str
    """The endpoint URL (the back end's public one when none is set)."""

    def __post_init__(self) -> None:
        """One spelling per endpoint (scheme and host in lower case, no trailing slash), so
        ``https://Host/`` and ``https://host`` are the same platform."""
        scheme, sep, rest = self.endpoint.rstrip("/").partition("://")
        host, slash, path = rest.partition("/")
        normal = f"{scheme.lower()}{sep}{host.lower()}{slash}{path}" if sep else self.endpoint
        object.__setattr__(self, "endpoint", normal.rstrip("/"))

    def as_output(self) -> dict[str, Any]:
        """The ``platform`` output every resource records."""
        return asdict(self)

    @classmethod
    def from_output(cls, value: Any) -> Target | None:
        """A recorded ``platform`` output, or None when there is none (older state)."""
        if not isinstance(value, Mapping) or not value.get("backend"):
            return None
        return cls(
            platform_id=value.get("platform_id") or None,
            backend=str(value["backend"]),
            endpoint=str(value.get("endpoint") or ""),
        )


@dataclass(frozen=True)
class Connection:
    """Where a resource's (or a lookup's, or a Platform's) settings come from.

    :param config: A stack config namespace holding the settings under the ``tcmpp`` key
        names: ``config="staging"`` reads ``staging:secretId``, ``staging:secretKey``,
        ``staging:platformId``...
    :param env: An environment variable prefix: ``env="STAGING"`` reads ``STAGING_SECRET_ID``,
        ``STAGING_SECRET_KEY``, ``STAGING_PLATFORM_ID``... and ``STAGING_PROFILE``.
    :param profile: A tccli profile name: keys from ``~/.tccli/<profile>.credential``.
    :param platform_id: The platform id (instead of reading it from a source).
    :param endpoint: The API endpoint, a host or an http(s) URL (instead of a source's).
    :param backend: ``"tcmpp"`` or ``"tcsas"`` (instead of a source's).
    :param region: The region requests are signed for (instead of a source's).
    """

    config: str | None = None
    env: str | None = None
    profile: str | None = None
    platform_id: str | None = None
    endpoint: str | None = None
    backend: Backend | None = None
    region: str | None = None

    def __post_init__(self) -> None:
        for name, (pattern, what) in _NAMES.items():
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not pattern.fullmatch(value)):
                raise ConfigurationError(
                    f"Connection {name}: must be {what}{_EXAMPLES[name]!r}; got {value!r}"
                )
        for name, key in _GIVEN_SETTINGS.items():
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(
                    self, name, parse_setting(key, value, source=f"Connection {name}")
                )

    # ---- as text and as an input ---------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Connection:
        """``env``, ``env:PREFIX``, ``profile:NAME`` or ``config:NAMESPACE`` as a connection."""
        kind, _, rest = text.partition(":")
        if kind == "env" and not rest:
            return cls()
        if kind == "env" and rest:
            return cls(env=rest)
        if kind == "profile" and rest:
            return cls(profile=rest)
        if kind == "config" and rest:
            return cls(config=rest)
        raise ConfigurationError(
            f"{text!r} names no environment: use env, env:PREFIX, profile:NAME or config:NAMESPACE"
        )

    def to_input(self) -> dict[str, str]:
        """The resource input: the names of sources and given values, nothing secret."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @classmethod
    def from_input(cls, value: Any) -> Connection:
        """A connection from its input (None or empty: the usual settings)."""
        if isinstance(value, Connection):
            return value
        if value in (None, {}):
            return cls()
        if not isinstance(value, Mapping):
            raise ConfigurationError(f"connection: must be a Connection; got {value!r}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ConfigurationError(
                f"connection: {', '.join(unknown)} is not a field of Connection "
                f"(the fields: {', '.join(sorted(known))})"
            )
        return cls(**{k: v for k, v in value.items() if v not in (None, "")})

    @property
    def isolated(self) -> bool:
        """Whether it names a config namespace or a prefix (and so reads nothing else)."""
        return bool(self.config or self.env)

    def config_keys(self) -> list[str]:
        """The stack config keys it may read (a program asks for each by name)."""
        namespace = f"{self.config}:" if self.isolated else _NAMESPACE
        if self.isolated and not self.config:
            return []
        return [namespace + name for name in CONNECTION_SETTINGS]

    def describe(self) -> str:
        """How messages name it: ``connection config=staging, platform_id=T0...``."""
        shown = ", ".join(f"{k}={v}" for k, v in self.to_input().items())
        return f"connection {shown}" if shown else "the stack's settings"

    # ---- resolution ----------------------------------------------------------------------

    def settings(
        self,
        config: Mapping[str, Any],
        env: Mapping[str, str] | None = None,
        home: Path | None = None,
    ) -> Settings:
        """Resolve every setting (credentials included) from the sources this names.

        ``config`` is the whole stack config, keys with their namespaces; ``env`` defaults to
        ``os.environ``. Raises :class:`ConfigurationError` naming the places looked at.
        """
        sources = self._sources(config, os.environ if env is None else env, home)
        problems = self.problems(config, os.environ if env is None else env)
        if problems:
            raise ConfigurationError(f"{self.describe()}: {'; '.join(problems)}")
        try:
            return Settings.resolve(
                config=sources.config, env=sources.env, home=sources.home, **self._given()
            )
        except MissingCredentialsError:
            if not (self.isolated or self.profile):
                raise
            raise MissingCredentialsError(self._missing("credentials")) from None

    def target(self, config: Mapping[str, Any], env: Mapping[str, str] | None = None) -> Target:
        """The platform it reaches, without needing credentials (for plans and previews)."""
        sources = self._sources(config, os.environ if env is None else env, None)
        given = self._given()

        def value(name: str) -> Any:
            source = SETTING_SOURCES[name]
            for found in (
                given.get(name),
                sources.config.get(source.config_key),
                sources.env.get(source.env),
            ):
                if found not in (None, ""):
                    return found
            return None

        backend = str(parse_setting("tcmpp:backend", value("backend") or "tcmpp"))
        endpoint = value("endpoint")
        platform = value("platform_id")
        return Target(
            platform_id=str(platform).strip() if platform else None,
            backend=backend,
            endpoint=base_url_of(str(endpoint).strip() if endpoint else None, backend),
        )

    def require_platform_id(self, settings: Settings) -> str:
        """The platform id of resolved settings, or an error naming where to set it."""
        if settings.platform_id:
            return settings.platform_id
        if not self.isolated:
            return settings.require_platform_id()
        raise ConfigurationError(self._missing("platform id"))

    def problems(self, config: Mapping[str, Any], env: Mapping[str, str]) -> list[str]:
        """Settings in this connection's sources that break their rule (key, rule, value)."""
        if not self.isolated:
            return []
        out = []
        if self.config and not any(f"{self.config}:{n}" in config for n in CONNECTION_SETTINGS):
            ns = self.config
            out.append(
                f"the stack config has no {ns}:* setting: set {ns}:platformId, {ns}:secretId "
                f"and (--secret) {ns}:secretKey, or {ns}:endpoint and {ns}:backend as needed"
            )
        for name in CONNECTION_SETTINGS:
            key = _NAMESPACE + name
            if self.config and config.get(f"{self.config}:{name}") not in (None, ""):
                problem = _problem(key, config[f"{self.config}:{name}"], f"{self.config}:{name}")
                out += [problem] if problem else []
        if self.env:
            rules = {rule.env: rule.key for rule in SETTING_RULES.values() if rule.env}
            for standard, own in prefixed_variables(self.env).items():
                if standard in rules and env.get(own) not in (None, ""):
                    problem = _problem(rules[standard], env[own], own)
                    out += [problem] if problem else []
        return out

    # ---- internals -----------------------------------------------------------------------

    def _given(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _GIVEN_SETTINGS if getattr(self, name)}

    def _sources(
        self, config: Mapping[str, Any], env: Mapping[str, str], home: Path | None
    ) -> _Sources:
        if not self.isolated:
            own = {k: v for k, v in config.items() if str(k).startswith(_NAMESPACE)}
            if not self.profile:
                return _Sources(own, env, home)
            # a profile alone replaces the credentials only: the rest is the usual settings
            own = {k: v for k, v in own.items() if k not in _CREDENTIAL_KEYS}
            plain = {k: v for k, v in env.items() if k not in _CREDENTIAL_VARIABLES}
            return _Sources(own, {**plain, "TENCENTCLOUD_PROFILE": self.profile}, home)
        mapped_config: dict[str, Any] = {}
        if self.config:
            for name in CONNECTION_SETTINGS:
                value = config.get(f"{self.config}:{name}")
                if value not in (None, ""):
                    mapped_config[_NAMESPACE + name] = value
        mapped_env: dict[str, str] = {}
        if self.env:
            variables = prefixed_variables(self.env)
            mapped_env = {std: env[own] for std, own in variables.items() if env.get(own)}
        if self.profile:
            mapped_env["TENCENTCLOUD_PROFILE"] = self.profile
        reads_profile = "TENCENTCLOUD_PROFILE" in mapped_env
        return _Sources(mapped_config, mapped_env, home if reads_profile else _NO_HOME)

    def _missing(self, what: str) -> str:
        credentials = what == "credentials"
        places = []
        if self.config:
            ns = self.config
            keys = f"{ns}:secretId and {ns}:secretKey" if credentials else f"{ns}:platformId"
            places.append(f"{keys} in the stack config")
        if self.env:
            p = self.env
            names = f"{p}_SECRET_ID and {p}_SECRET_KEY (or {p}_PROFILE)"
            places.append(f"{names if credentials else p + '_PLATFORM_ID'} in the environment")
        if self.profile and credentials:
            places.append(f"the tccli profile ~/.tccli/{self.profile}.credential")
        if not credentials:
            places.append("a platform_id given with the connection (--platform-id in the CLI)")
        role = (
            f", or a role ({self.config}:assumeRoleWithWebIdentity, {self.config}:camRoleName, "
            f"{self.config}:useCvmRole)"
            if credentials and self.config
            else ""
        )
        why = (
            "It reads only its own sources, never the stack's tcmpp:* settings nor the "
            "TENCENTCLOUD_* variables"
            if self.isolated
            else "It signs only with its profile's keys"
        )
        return f"{self.describe()}: no {what}. {why}: set {' or '.join(places)}{role}"


@dataclass(frozen=True)
class _Sources:
    """A connection's sources as the client reads them: ``tcmpp:*`` config, standard env."""

    config: Mapping[str, Any]
    env: Mapping[str, str]
    home: Path | None


def _problem(key: str, value: Any, source: str) -> str | None:
    try:
        parse_setting(key, value, source=source)
    except ConfigurationError as exc:
        return str(exc).replace(key, source) if source not in str(exc) else str(exc)
    return None
