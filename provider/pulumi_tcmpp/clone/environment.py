"""Naming an environment on the command line: a spec file, or live platform settings.

``export`` reads one environment and ``diff`` two, so both name them the same way:

* ``env`` — the usual settings: ``TENCENTCLOUD_SECRET_ID``/``_SECRET_KEY``/``_SECURITY_TOKEN``,
  ``TCMPP_PLATFORM_ID``, ``TCMPP_ENDPOINT``, ``TCMPP_BACKEND``... then the tccli profile (the
  order of :class:`~pulumi_tcmpp.client.Settings`);
* ``env:PREFIX`` — the same settings under a prefix of your own, so two environments can sit
  side by side in one shell or CI job: ``STAGING_SECRET_ID``, ``STAGING_SECRET_KEY``,
  ``STAGING_SECURITY_TOKEN``, ``STAGING_PLATFORM_ID``, ``STAGING_ENDPOINT``,
  ``STAGING_BACKEND``, ``STAGING_REGION``, ``STAGING_RATE_LIMIT``, ``STAGING_MAX_RETRIES``,
  ``STAGING_REQUEST_TIMEOUT``, and ``STAGING_PROFILE`` to take the keys from a tccli profile.
  Without ``PREFIX_PROFILE`` no profile is read, so a missing variable is an error rather than
  a silent fall-back to your default credentials (the wrong environment);
* ``profile:NAME`` — the keys of the tccli profile ``~/.tccli/NAME.credential``, other settings
  from the usual environment;
* a path ending in ``.yaml``, ``.yml`` or ``.json`` — a spec file (``diff`` only).

Command-line overrides (``--platform-id``, ``--endpoint``, ``--backend``) win over all of these.
Credentials are never taken from the command line, where shells and process lists keep them.

Each of these names is a :class:`~pulumi_tcmpp.connection.Connection` written as text (a program
names the same environments with ``Connection(env="STAGING")``...): the connection module
resolves them, so the CLI and the resources read environments one way.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi_tcmpp.client import Settings
from pulumi_tcmpp.client._signing_method import (
    CAM_ROLE_ENV,
    ROLE_ENV_PREFIX,
    TKE_VARIABLES,
    USE_CVM_ENV,
)
from pulumi_tcmpp.connection import Connection, prefixed_variables
from pulumi_tcmpp.errors import ConfigurationError, MissingCredentialsError

__all__ = ["Environment", "parse_environment", "prefixed_variables"]

SPEC_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Environment:
    """A named environment: a spec file, or the settings of a live platform."""

    label: str
    spec_path: Path | None = None
    settings: Settings | None = None


def _connection(text: str, overrides: Mapping[str, Any]) -> Connection:
    if text.startswith("config:"):  # a stack config namespace means nothing outside a program
        raise ConfigurationError(f"{text!r}: the command line reads no stack config")
    try:
        connection = Connection.parse(text)
    except ConfigurationError:
        raise ConfigurationError(
            f"{text!r} names no environment: use a spec file (.yaml, .yml, .json), env, "
            "env:PREFIX or profile:NAME"
        ) from None
    explicit = {k: v for k, v in overrides.items() if v not in (None, "")}
    return dataclasses.replace(connection, **explicit) if explicit else connection


# ---- what a command-line user is told (no stack config is read here) ------------------------


def _profile_file(name: str, home: Path) -> Path:
    return home / ".tccli" / f"{name}.credential"


def _missing_profile(name: str, home: Path) -> str:
    """``<path> does not exist (profiles there: a, b)``."""
    path = _profile_file(name, home)
    others = sorted(p.stem for p in path.parent.glob("*.credential"))
    found = f"profiles there: {', '.join(others)}" if others else "no profiles there"
    return f"{path} does not exist ({found})"


def _no_credentials(
    connection: Connection, text: str, option: str, env: Mapping[str, str], home: Path
) -> str:
    """What to set when the environment named signs with nothing."""
    if connection.env:
        prefix = connection.env
        named = env.get(f"{prefix}_PROFILE")
        if named:
            return (
                f"{option} {text}: {prefix}_PROFILE names the tccli profile {named!r}, but "
                f"{_profile_file(named, home)} has no secretId and secretKey"
            )
        return (
            f"{option} {text}: set {prefix}_SECRET_ID and {prefix}_SECRET_KEY (or "
            f"{prefix}_PROFILE to use a tccli profile)"
        )
    if connection.profile:
        path = _profile_file(connection.profile, home)
        return f"{option} {text}: {path} has no secretId and secretKey"
    profile = env.get("TENCENTCLOUD_PROFILE") or "default"
    path = _profile_file(profile, home)
    state = "has no keys" if path.is_file() else "does not exist"
    roles = (
        f"{ROLE_ENV_PREFIX}ARN with {ROLE_ENV_PREFIX}WEB_IDENTITY_TOKEN_FILE (OIDC), "
        f"{CAM_ROLE_ENV} or {USE_CVM_ENV} (CVM instance role), "
        f"{' + '.join(TKE_VARIABLES[:3])} (TKE)"
    )
    return (
        f"{option} {text}: no TCMPP credentials in the environment. Set "
        "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SECURITY_TOKEN "
        f"for temporary keys), or a role: {roles}; or use a tccli profile: {option} "
        f"profile:NAME. To keep several environments side by side, use {option} env:PREFIX "
        f"with PREFIX_SECRET_ID and PREFIX_SECRET_KEY. The tccli profile {profile!r} ({path}) "
        f"{state}."
    )


def _require_profile(
    connection: Connection, text: str, option: str, env: Mapping[str, str], home: Path
) -> None:
    """A named profile that does not exist is blamed by name, before anything is resolved."""
    if connection.profile and not _profile_file(connection.profile, home).is_file():
        name = connection.profile
        raise ConfigurationError(
            f"{option} {text}: no tccli profile {name!r}: {_missing_profile(name, home)}"
        )
    named = env.get(f"{connection.env}_PROFILE") if connection.env else None
    if named and not _profile_file(named, home).is_file():
        raise ConfigurationError(
            f"{option} {text}: {connection.env}_PROFILE names the tccli profile {named!r}, "
            f"but {_missing_profile(named, home)}"
        )


def _settings(
    connection: Connection, text: str, option: str, env: Mapping[str, str], home: Path
) -> Settings:
    _require_profile(connection, text, option, env, home)
    try:
        return connection.settings({}, env, home)
    except MissingCredentialsError:
        raise ConfigurationError(_no_credentials(connection, text, option, env, home)) from None


def parse_environment(
    text: str,
    *,
    overrides: Mapping[str, Any] | None = None,
    allow_spec: bool = True,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    option: str = "--source",
    platform_id_option: str = "--platform-id",
) -> Environment:
    """Parse ``env``, ``env:PREFIX``, ``profile:NAME`` or a spec file path.

    ``overrides`` may hold ``platform_id``, ``endpoint`` and ``backend``. Raises
    :class:`ConfigurationError` for anything it cannot use; messages name ``option``, the
    command-line option the text came from, and ``platform_id_option``, its override.
    """
    if text.lower().endswith(SPEC_SUFFIXES):
        if not allow_spec:
            raise ConfigurationError(f"{text}: a spec file cannot be read as a live platform")
        path = Path(text)
        if not path.is_file():
            raise ConfigurationError(f"{text}: no such spec file")
        return Environment(label=text, spec_path=path)
    connection = _connection(text, overrides or {})
    environ = os.environ if env is None else env
    settings = _settings(connection, text, option, environ, home or Path.home())
    if not settings.platform_id:
        variable = f"{connection.env}_PLATFORM_ID" if connection.env else "TCMPP_PLATFORM_ID"
        raise ConfigurationError(
            f"{option} {text}: no platform id: set {variable} or pass {platform_id_option}"
        )
    label = f"{text} (platform {settings.platform_id} at {settings.base_url})"
    return Environment(label=label, settings=settings)
