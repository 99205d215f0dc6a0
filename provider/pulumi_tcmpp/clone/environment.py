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
from pulumi_tcmpp.errors import ConfigurationError

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


def _from_prefix(prefix: str, env: Mapping[str, str], home: Path | None) -> Settings:
    variables = prefixed_variables(prefix)
    mapped = {std: env[own] for std, own in variables.items() if env.get(own)}
    has_keys = "TENCENTCLOUD_SECRET_ID" in mapped and "TENCENTCLOUD_SECRET_KEY" in mapped
    if not has_keys and "TENCENTCLOUD_PROFILE" not in mapped:
        raise ConfigurationError(
            f"env:{prefix}: set {prefix}_SECRET_ID and {prefix}_SECRET_KEY (or {prefix}_PROFILE "
            "to use a tccli profile)"
        )
    return Settings.resolve(env=mapped, home=home if "TENCENTCLOUD_PROFILE" in mapped else _NO_HOME)


def _settings(
    text: str, env: Mapping[str, str], home: Path | None, overrides: Mapping[str, Any]
) -> Settings:
    explicit = {k: v for k, v in overrides.items() if v not in (None, "")}
    kind, _, rest = text.partition(":")
    if kind == "env" and not rest:
        settings = Settings.resolve(env=env, home=home)
    elif kind == "env":
        settings = _from_prefix(rest, env, home)
    elif kind == "profile" and rest:
        settings = Settings.resolve(env={**env, "TENCENTCLOUD_PROFILE": rest}, home=home)
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
) -> Environment:
    """Parse ``env``, ``env:PREFIX``, ``profile:NAME`` or a spec file path.

    ``overrides`` may hold ``platform_id``, ``endpoint`` and ``backend``. Raises
    :class:`ConfigurationError` for anything it cannot use.
    """
    if text.lower().endswith(SPEC_SUFFIXES):
        if not allow_spec:
            raise ConfigurationError(f"{text}: a spec file cannot be read as a live platform")
        path = Path(text)
        if not path.is_file():
            raise ConfigurationError(f"{text}: no such spec file")
        return Environment(label=text, spec_path=path)
    settings = _settings(text, os.environ if env is None else env, home, overrides or {})
    settings.require_platform_id()
    if settings.backend_name not in ("tcmpp", "tcsas"):
        raise ConfigurationError(f"{text}: backend must be tcmpp or tcsas")
    label = f"{text} (platform {settings.platform_id} at {settings.base_url})"
    return Environment(label=label, settings=settings)
