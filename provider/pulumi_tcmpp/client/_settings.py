"""Settings and credentials, resolved at run time from explicit values, stack config, env, profile.

Nothing here is ever pickled into Pulumi state: a dynamic provider resolves its settings in
the provider process (from ``configure`` and the environment) each time it runs. The order is
the one Tencent Cloud tools use, so a machine already set up for ``tccli`` or the Terraform
provider works unchanged:

1. explicit arguments (``Settings.resolve(secret_id=...)``);
2. Pulumi stack config, namespace ``tcmpp`` (``tcmpp:secretId``, ``tcmpp:secretKey``...);
3. environment (``TENCENTCLOUD_SECRET_ID``, ``TENCENTCLOUD_SECRET_KEY``,
   ``TENCENTCLOUD_SECURITY_TOKEN``, ``TENCENTCLOUD_REGION``, ``TCMPP_PLATFORM_ID``,
   ``TCMPP_ENDPOINT``, ``TCMPP_BACKEND``...);
4. the tccli profile ``~/.tccli/<TENCENTCLOUD_PROFILE or default>.credential`` (JSON with
   ``secretId``, ``secretKey``, ``token``) and its ``.configure`` file for the region.

Instead of keys, credentials may come from a role (STS AssumeRole, a web identity, the CVM
instance role): :mod:`._signing_method` resolves those, in the same order of places.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi_tcmpp.api.backends import BACKEND_BY_NAME, Backend
from pulumi_tcmpp.client._setting_values import parse_setting
from pulumi_tcmpp.client._signing_method import (
    CREDENTIAL_SETTINGS,
    AssumeRole,
    CvmRole,
    WebIdentity,
    missing_credentials_help,
    resolve_credentials,
)
from pulumi_tcmpp.errors import ConfigurationError, MissingCredentialsError

__all__ = ["SETTING_SOURCES", "Settings", "base_url_of", "endpoint_url"]


@dataclass(frozen=True)
class _Source:
    """Where one setting may come from: its config key and environment variable."""

    config_key: str
    env: str
    profile_key: str | None = None


SETTING_SOURCES: dict[str, _Source] = {
    "secret_id": _Source("tcmpp:secretId", "TENCENTCLOUD_SECRET_ID", "secretId"),
    "secret_key": _Source("tcmpp:secretKey", "TENCENTCLOUD_SECRET_KEY", "secretKey"),
    "token": _Source("tcmpp:securityToken", "TENCENTCLOUD_SECURITY_TOKEN", "token"),
    "region": _Source("tcmpp:region", "TENCENTCLOUD_REGION"),
    "platform_id": _Source("tcmpp:platformId", "TCMPP_PLATFORM_ID"),
    "endpoint": _Source("tcmpp:endpoint", "TCMPP_ENDPOINT"),
    "backend": _Source("tcmpp:backend", "TCMPP_BACKEND"),
    "rate_limit": _Source("tcmpp:rateLimit", "TCMPP_RATE_LIMIT"),
    "max_retries": _Source("tcmpp:maxRetries", "TCMPP_MAX_RETRIES"),
    "timeout": _Source("tcmpp:requestTimeout", "TCMPP_REQUEST_TIMEOUT"),
}
"""Every setting, with its stack config key and environment variable (docs read this too)."""


@dataclass(frozen=True)
class Settings:
    """Everything a client needs; frozen and hashable, so clients can be cached per settings.

    Secrets are left out of ``repr`` so a logged Settings never shows them. With a role
    (``web_identity``, ``cvm_role``) the keys are empty; ``assume_role`` applies on top of
    whichever credentials sign. Temporary keys are never held here: the client fetches them.
    """

    secret_id: str = ""
    secret_key: str = field(default="", repr=False)
    token: str | None = field(default=None, repr=False)
    region: str | None = None
    platform_id: str | None = None
    endpoint: str | None = None
    backend_name: str = "tcmpp"
    rate_limit: float = 20.0
    """Client-side requests per second per action (the documented server limit is 20/s)."""
    max_retries: int = 4
    timeout: float = 30.0
    """Read timeout of one HTTP request, in seconds."""
    assume_role: AssumeRole | None = None
    web_identity: WebIdentity | None = None
    cvm_role: CvmRole | None = None
    sts_endpoint: str | None = None
    """STS for role credentials; see :func:`._signing_method.sts_url` for the default."""

    @property
    def backend(self) -> Backend:
        """The back end (tcmpp or tcsas) these settings talk to."""
        return BACKEND_BY_NAME[self.backend_name]

    @property
    def base_url(self) -> str:
        """The endpoint URL: the configured one, else the back end's public host over HTTPS."""
        return base_url_of(self.endpoint, self.backend_name)

    def require_platform_id(self) -> str:
        """The platform id, or a clear error naming where it can be set."""
        if not self.platform_id:
            raise ConfigurationError(
                "no TCMPP platform id: set `pulumi config set tcmpp:platformId <id>` "
                "or the environment variable TCMPP_PLATFORM_ID"
            )
        return self.platform_id

    @classmethod
    def resolve(
        cls,
        config: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        home: Path | None = None,
        **explicit: Any,
    ) -> Settings:
        """Resolve every setting from explicit values, ``config``, ``env`` and the tccli profile.

        ``config`` is the Pulumi stack config keyed ``tcmpp:<key>``; ``env`` defaults to
        ``os.environ``. A missing credential raises :class:`ConfigurationError` naming every
        place that was looked at.
        """
        lookup = _Lookup(
            explicit, config or {}, os.environ if env is None else env, home or Path.home()
        )
        values = {name: lookup.find(name) for name in SETTING_SOURCES}
        has_keys = bool(values["secret_id"] and values["secret_key"])
        roles = resolve_credentials(lookup, has_keys, lookup.from_profile("secret_id"))
        if roles is None:
            raise MissingCredentialsError(lookup.missing_credentials_message())
        keys = roles.base == "keys"
        region = values["region"] or lookup.profile_region()
        return cls(
            secret_id=str(values["secret_id"]).strip() if keys else "",
            secret_key=str(values["secret_key"]).strip() if keys else "",
            token=(values["token"] or None) if keys else None,
            region=region or None,
            platform_id=values["platform_id"] or None,
            endpoint=values["endpoint"] or None,
            backend_name=_choice("backend", values["backend"] or "tcmpp", BACKEND_BY_NAME),
            rate_limit=_number("rate_limit", values["rate_limit"], 20.0, float),
            max_retries=int(_number("max_retries", values["max_retries"], 4, int)),
            timeout=_number("timeout", values["timeout"], 30.0, float),
            assume_role=roles.assume_role,
            web_identity=roles.web_identity,
            cvm_role=roles.cvm_role,
            sts_endpoint=roles.sts_endpoint,
        )


class _Lookup:
    """One resolution pass: remembers where it looked, for the error message."""

    def __init__(
        self,
        explicit: Mapping[str, Any],
        config: Mapping[str, Any],
        env: Mapping[str, str],
        home: Path,
    ) -> None:
        unknown = set(explicit) - set(SETTING_SOURCES) - set(CREDENTIAL_SETTINGS)
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        self.explicit = explicit
        self.config = config
        self.env = env
        self.profile = env.get("TENCENTCLOUD_PROFILE") or "default"
        self.profile_dir = home / ".tccli"
        self._profile_cache: dict[str, Any] | None = None
        self._from_profile: set[str] = set()

    def from_profile(self, name: str) -> bool:
        """Whether the last :meth:`find` of ``name`` took its value from the tccli profile."""
        return name in self._from_profile

    def find(self, name: str) -> Any:
        source = SETTING_SOURCES[name]
        getters: list[Callable[[], Any]] = [
            lambda: self.explicit.get(name),
            lambda: self.config.get(source.config_key),
            lambda: self.env.get(source.env),
        ]
        if source.profile_key:
            key = source.profile_key
            getters.append(lambda: self.profile_data().get(key))
        for index, get in enumerate(getters):
            value = get()
            if value not in (None, ""):
                if index == 3:
                    self._from_profile.add(name)
                return value
        return None

    def profile_data(self) -> dict[str, Any]:
        if self._profile_cache is None:
            self._profile_cache = _read_json(self.profile_dir / f"{self.profile}.credential")
        return self._profile_cache

    def profile_region(self) -> str | None:
        data = _read_json(self.profile_dir / f"{self.profile}.configure")
        sys_param = data.get("_sys_param")
        region = sys_param.get("region") if isinstance(sys_param, dict) else None
        return str(region) if region else None

    def missing_credentials_message(self) -> str:
        path = self.profile_dir / f"{self.profile}.credential"
        state = "found" if path.is_file() else "not found"
        return (
            "no TCMPP credentials: need a secret id and a secret key. Looked in: "
            "the provider's explicit arguments; Pulumi config tcmpp:secretId / tcmpp:secretKey; "
            "environment TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY; "
            f"tccli profile {path} ({state}; profile from TENCENTCLOUD_PROFILE, "
            f"now {self.profile!r}); {missing_credentials_help()}. Set keys with "
            "`pulumi config set --secret tcmpp:secretKey ...`."
        )


def endpoint_url(endpoint: str) -> str:
    """The URL of a configured endpoint, or a clear error for one that cannot be used.

    A host name alone (``tcmpp.tencentcloudapi.com``, the form Tencent Cloud's SDKs and tccli
    take) means HTTPS. A host with a port but no scheme is refused rather than guessed: a
    local server such as the emulator speaks plain HTTP, and assuming HTTPS there ends in a
    TLS error that names neither the endpoint nor the fix.
    """
    value = endpoint.strip()
    scheme, sep, rest = value.partition("://")
    if sep:
        if scheme.lower() not in ("http", "https") or not rest:
            raise ConfigurationError(
                f"endpoint {endpoint!r}: must be an http:// or https:// URL or a host name"
            )
        return value
    if ":" in value.split("/", 1)[0]:
        raise ConfigurationError(
            f"endpoint {endpoint!r} has a port but no scheme: write http://{value} for a "
            f"plain-HTTP server such as the emulator, or https://{value}"
        )
    return f"https://{value}"


def base_url_of(endpoint: str | None, backend: str) -> str:
    """The endpoint URL: the endpoint given (see :func:`endpoint_url`), else the back end's
    public host over HTTPS."""
    if endpoint:
        return endpoint_url(endpoint)
    return f"https://{BACKEND_BY_NAME[backend].default_host}"


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _choice(name: str, value: Any, allowed: Mapping[str, Any]) -> str:
    text = str(parse_setting(SETTING_SOURCES[name].config_key, value))
    if text not in allowed:  # the rule and the back ends are defined apart: keep them in step
        raise ConfigurationError(f"{SETTING_SOURCES[name].config_key}: no back end {text!r}")
    return text


def _number(name: str, value: Any, default: float, kind: type[float] | type[int]) -> float:
    if value in (None, ""):
        return default
    return kind(parse_setting(SETTING_SOURCES[name].config_key, value))
