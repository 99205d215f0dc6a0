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
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi_tcmpp.client import SETTING_SOURCES, Settings
from pulumi_tcmpp.client._credentials import (
    CAM_ROLE_ENV,
    ROLE_ENV_PREFIX,
    TKE_VARIABLES,
    USE_CVM_ENV,
)
from pulumi_tcmpp.errors import ConfigurationError, MissingCredentialsError

__all__ = ["Environment", "parse_environment", "prefixed_variables"]

SPEC_SUFFIXES = (".yaml", ".yml", ".json")
_STANDARD_PREFIXES = ("TENCENTCLOUD_", "TCMPP_")
_NO_HOME = Path(os.devnull)
"""A home without a tccli folder: profile lookup disabled."""


@dataclass(frozen=True)
class Environment:
    """A named environment: a spec file, or the settings of a live platform."""

    label: str
    spec_path: Path | None = None
    settings: Settings | None = None


def prefixed_variables(prefix: str) -> dict[str, str]:
    """Standard variable -> the prefixed one, e.g. TCMPP_PLATFORM_ID -> STAGING_PLATFORM_ID."""
    names = [source.env for source in SETTING_SOURCES.values()] + ["TENCENTCLOUD_PROFILE"]
    out = {}
    for name in names:
        suffix = next(name[len(p) :] for p in _STANDARD_PREFIXES if name.startswith(p))
        out[name] = f"{prefix}_{suffix}"
    return out


def _from_prefix(prefix: str, env: Mapping[str, str], home: Path, option: str) -> Settings:
    variables = prefixed_variables(prefix)
    mapped = {std: env[own] for std, own in variables.items() if env.get(own)}
    has_keys = "TENCENTCLOUD_SECRET_ID" in mapped and "TENCENTCLOUD_SECRET_KEY" in mapped
    profile = mapped.get("TENCENTCLOUD_PROFILE")
    if not has_keys and profile is None:
        raise ConfigurationError(
            f"{option} env:{prefix}: set {prefix}_SECRET_ID and {prefix}_SECRET_KEY (or "
            f"{prefix}_PROFILE to use a tccli profile)"
        )
    if has_keys or profile is None:
        return Settings.resolve(env=mapped, home=_NO_HOME)
    named = f"{option} env:{prefix}: {prefix}_PROFILE names the tccli profile {profile!r}"
    if not _profile_file(profile, home).is_file():
        raise ConfigurationError(f"{named}, but {_missing_profile(profile, home)}")
    try:
        return Settings.resolve(env=mapped, home=home)
    except MissingCredentialsError:
        path = _profile_file(profile, home)
        raise ConfigurationError(f"{named}, but {path} has no secretId and secretKey") from None


def _profile_file(name: str, home: Path) -> Path:
    return home / ".tccli" / f"{name}.credential"


def _missing_profile(name: str, home: Path) -> str:
    """``<path> does not exist (profiles there: a, b)``."""
    path = _profile_file(name, home)
    others = sorted(p.stem for p in path.parent.glob("*.credential"))
    found = f"profiles there: {', '.join(others)}" if others else "no profiles there"
    return f"{path} does not exist ({found})"


def _from_profile(name: str, env: Mapping[str, str], home: Path, option: str) -> Settings:
    """Keys from the profile only: credential variables in the environment are ignored."""
    path = _profile_file(name, home)
    if not path.is_file():
        raise ConfigurationError(
            f"{option} profile:{name}: no tccli profile {name!r}: {_missing_profile(name, home)}"
        )
    credentials = {s.env for s in SETTING_SOURCES.values() if s.profile_key}
    rest = {k: v for k, v in env.items() if k not in credentials}
    try:
        return Settings.resolve(env={**rest, "TENCENTCLOUD_PROFILE": name}, home=home)
    except MissingCredentialsError:
        raise ConfigurationError(
            f"{option} profile:{name}: {path} has no secretId and secretKey"
        ) from None


def _no_credentials(text: str, option: str, env: Mapping[str, str], home: Path) -> str:
    """What to set, for a command line user (no Pulumi stack config is read here)."""
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


def _settings(
    text: str,
    env: Mapping[str, str],
    home: Path,
    overrides: Mapping[str, Any],
    option: str,
) -> Settings:
    explicit = {k: v for k, v in overrides.items() if v not in (None, "")}
    kind, _, rest = text.partition(":")
    if kind == "env" and not rest:
        try:
            settings = Settings.resolve(env=env, home=home)
        except MissingCredentialsError:
            raise ConfigurationError(_no_credentials(text, option, env, home)) from None
    elif kind == "env":
        settings = _from_prefix(rest, env, home, option)
    elif kind == "profile" and rest:
        settings = _from_profile(rest, env, home, option)
    else:
        raise ConfigurationError(
            f"{text!r} names no environment: use a spec file (.yaml, .yml, .json), env, "
            "env:PREFIX or profile:NAME"
        )
    return settings if not explicit else _replace(settings, explicit)


def _replace(settings: Settings, explicit: Mapping[str, Any]) -> Settings:
    values = dict(explicit)
    if "backend" in values:
        values["backend_name"] = str(values.pop("backend")).lower()
    return dataclasses.replace(settings, **values)


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
    environ = os.environ if env is None else env
    settings = _settings(text, environ, home or Path.home(), overrides or {}, option)
    if not settings.platform_id:
        kind, _, prefix = text.partition(":")
        variable = f"{prefix}_PLATFORM_ID" if kind == "env" and prefix else "TCMPP_PLATFORM_ID"
        raise ConfigurationError(
            f"{option} {text}: no platform id: set {variable} or pass {platform_id_option}"
        )
    if settings.backend_name not in ("tcmpp", "tcsas"):
        raise ConfigurationError(f"{text}: backend must be tcmpp or tcsas")
    label = f"{text} (platform {settings.platform_id} at {settings.base_url})"
    return Environment(label=label, settings=settings)
