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
from pulumi_tcmpp.connection import Connection, prefixed_variables
from pulumi_tcmpp.errors import ConfigurationError

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
    connection = _connection(text, overrides or {})
    settings = connection.settings({}, os.environ if env is None else env, home)
    connection.require_platform_id(settings)
    label = f"{text} (platform {settings.platform_id} at {settings.base_url})"
    return Environment(label=label, settings=settings)
