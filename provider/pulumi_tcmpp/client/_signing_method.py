"""Which credentials to sign with: fixed keys, an STS role, a web identity, the CVM instance role.

Resolved at run time in the process that calls the API, like every other setting (nothing here
is pickled into state), from explicit arguments, the ``tcmpp:*`` stack config and the
environment the Terraform provider and the vendor SDK read. The first method that applies:

1. **web identity (OIDC)**: ``tcmpp:assumeRoleWithWebIdentity`` or
   ``TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE`` / ``..._WEB_IDENTITY_TOKEN``:
   ``AssumeRoleWithWebIdentity`` with the provider id, role ARN and token (file re-read at each
   refresh, as TKE rotates it);
2. **CVM instance role**: ``tcmpp:camRoleName`` / ``TENCENTCLOUD_CAM_ROLE_NAME``, or
   ``tcmpp:useCvmRole`` / ``TCMPP_USE_CVM_ROLE`` to use whichever role is bound to the instance:
   credentials from the metadata service;
3. **keys**: ``tcmpp:secretId``/``secretKey``/``securityToken``, ``TENCENTCLOUD_SECRET_*``, the
   tccli profile (see :mod:`._settings`);
4. **TKE pod identity**: ``TKE_ROLE_ARN``, ``TKE_PROVIDER_ID``, ``TKE_WEB_IDENTITY_TOKEN_FILE``
   (and ``TKE_REGION``) as TKE's OIDC webhook injects them, when no keys were found (the
   vendor SDK's ``DefaultTkeOIDCRoleArnProvider``).

Then, **AssumeRole** on top when ``tcmpp:assumeRole`` or ``TENCENTCLOUD_ASSUME_ROLE_ARN`` (or a
tccli profile's ``role-arn``) names a role: the credentials above sign ``AssumeRole`` and the
role's temporary keys sign the API calls (Terraform's ``assume_role`` block). Each object
setting's fields fall back to their environment variable, as Terraform's do.

Explicitly configured roles win over keys, as in the Terraform provider (``cam_role_name``,
``assume_role_with_web_identity``); TKE's injected variables only fill in when nothing else is
configured, so a stack's own keys are never overridden by the pod it runs in.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pulumi_tcmpp._logs import keep_secret
from pulumi_tcmpp.api import sts
from pulumi_tcmpp.errors import ConfigurationError

__all__ = [
    "CREDENTIAL_CONFIG_KEYS",
    "CREDENTIAL_SETTINGS",
    "DEFAULT_SESSION_NAME",
    "AssumeRole",
    "CredentialLookup",
    "CvmRole",
    "ResolvedCredentials",
    "WebIdentity",
    "check_role_setting",
    "missing_credentials_help",
    "resolve_credentials",
]

DEFAULT_SESSION_NAME = "pulumi-tcmpp"
DEFAULT_PROVIDER_ID = "OIDC"
"""The Terraform provider's default ``provider_id``."""

ASSUME_ROLE_CONFIG = "tcmpp:assumeRole"
WEB_IDENTITY_CONFIG = "tcmpp:assumeRoleWithWebIdentity"
CAM_ROLE_CONFIG, CAM_ROLE_ENV = "tcmpp:camRoleName", "TENCENTCLOUD_CAM_ROLE_NAME"
USE_CVM_CONFIG, USE_CVM_ENV = "tcmpp:useCvmRole", "TCMPP_USE_CVM_ROLE"
STS_CONFIG, STS_ENV = "tcmpp:stsEndpoint", "TCMPP_STS_ENDPOINT"
METADATA_CONFIG, METADATA_ENV = "tcmpp:metadataEndpoint", "TCMPP_METADATA_ENDPOINT"

ROLE_ENV_PREFIX = "TENCENTCLOUD_ASSUME_ROLE_"
ASSUME_ROLE_FIELDS: dict[str, str] = {
    "roleArn": ROLE_ENV_PREFIX + "ARN",
    "sessionName": ROLE_ENV_PREFIX + "SESSION_NAME",
    "sessionDuration": ROLE_ENV_PREFIX + "SESSION_DURATION",
    "externalId": ROLE_ENV_PREFIX + "EXTERNAL_ID",
    "sourceIdentity": ROLE_ENV_PREFIX + "SOURCE_IDENTITY",
    "policy": "",
}
"""Fields of ``tcmpp:assumeRole`` and the variable each falls back to (policy: config only)."""
WEB_IDENTITY_FIELDS: dict[str, str] = {
    "roleArn": ROLE_ENV_PREFIX + "ARN",
    "providerId": ROLE_ENV_PREFIX + "PROVIDER_ID",
    "webIdentityTokenFile": ROLE_ENV_PREFIX + "WEB_IDENTITY_TOKEN_FILE",
    "webIdentityToken": ROLE_ENV_PREFIX + "WEB_IDENTITY_TOKEN",
    "sessionName": ROLE_ENV_PREFIX + "SESSION_NAME",
    "sessionDuration": ROLE_ENV_PREFIX + "SESSION_DURATION",
    "region": "TKE_REGION",
}
"""Fields of ``tcmpp:assumeRoleWithWebIdentity`` and the variable each falls back to."""
TKE_VARIABLES = ("TKE_ROLE_ARN", "TKE_PROVIDER_ID", "TKE_WEB_IDENTITY_TOKEN_FILE", "TKE_REGION")

CREDENTIAL_CONFIG_KEYS: tuple[str, ...] = (
    ASSUME_ROLE_CONFIG,
    WEB_IDENTITY_CONFIG,
    CAM_ROLE_CONFIG,
    USE_CVM_CONFIG,
    STS_CONFIG,
    METADATA_CONFIG,
)
"""Stack config keys of the role-based methods (a provider remembers them with the others)."""
CREDENTIAL_SETTINGS: dict[str, str] = {
    "assume_role": ASSUME_ROLE_CONFIG,
    "web_identity": WEB_IDENTITY_CONFIG,
    "cam_role_name": CAM_ROLE_CONFIG,
    "use_cvm_role": USE_CVM_CONFIG,
    "sts_endpoint": STS_CONFIG,
    "metadata_endpoint": METADATA_CONFIG,
}
"""Explicit argument name -> stack config key, for ``Settings.resolve(assume_role=...)``."""


@dataclass(frozen=True)
class AssumeRole:
    """An STS role to assume with the other credentials (Terraform's ``assume_role``)."""

    role_arn: str
    session_name: str = DEFAULT_SESSION_NAME
    duration: int = sts.DEFAULT_DURATION
    external_id: str | None = field(default=None, repr=False)
    policy: str | None = None
    """A policy document (JSON) narrowing the role; URL-encoded when sent."""
    source_identity: str | None = None

    def params(self) -> sts.AssumeRoleParams:
        return sts.AssumeRoleParams(
            role_arn=self.role_arn,
            role_session_name=self.session_name,
            duration_seconds=self.duration,
            policy=urllib.parse.quote_plus(self.policy) if self.policy else None,
            external_id=self.external_id,
            source_identity=self.source_identity,
        )


@dataclass(frozen=True)
class WebIdentity:
    """OIDC: ``AssumeRoleWithWebIdentity`` with a token from a file (TKE) or given inline."""

    role_arn: str
    provider_id: str = DEFAULT_PROVIDER_ID
    token_file: str | None = None
    token: str | None = field(default=None, repr=False)
    session_name: str = DEFAULT_SESSION_NAME
    duration: int = sts.DEFAULT_DURATION
    region: str | None = None

    def read_token(self) -> str:
        """The token now: the file's content (re-read each time), else the inline token."""
        if self.token_file:
            try:
                text = Path(self.token_file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigurationError(
                    f"cannot read the web identity token file {self.token_file}: "
                    f"{exc.strerror or exc}"
                ) from None
            if not text:
                raise ConfigurationError(f"the web identity token file {self.token_file} is empty")
            keep_secret(text)
            return text
        if not self.token:
            raise ConfigurationError("a web identity needs a token or a token file")
        keep_secret(self.token)
        return self.token


@dataclass(frozen=True)
class CvmRole:
    """The CAM role bound to the CVM instance; ``role_name`` None means "whichever it is"."""

    role_name: str | None = None
    metadata_endpoint: str = sts.DEFAULT_METADATA_ENDPOINT


@dataclass(frozen=True)
class ResolvedCredentials:
    """The role-based part of a Settings (fixed keys stay in Settings' own fields)."""

    web_identity: WebIdentity | None = None
    cvm_role: CvmRole | None = None
    assume_role: AssumeRole | None = None
    sts_endpoint: str | None = None

    @property
    def base(self) -> str:
        """``web_identity``, ``cvm_role`` or ``keys``: what signs (or signs AssumeRole)."""
        if self.web_identity:
            return "web_identity"
        return "cvm_role" if self.cvm_role else "keys"


class CredentialLookup(Protocol):
    """What resolution reads (``_settings._Lookup`` provides it)."""

    explicit: Mapping[str, Any]
    config: Mapping[str, Any]
    env: Mapping[str, str]

    def profile_data(self) -> dict[str, Any]: ...


def resolve_credentials(
    lookup: CredentialLookup, has_keys: bool, keys_from_profile: bool
) -> ResolvedCredentials | None:
    """The methods that apply, or None when there is nothing to sign with.

    ``has_keys`` says whether a secret id and key were found; ``keys_from_profile`` whether
    they came from the tccli profile (whose ``role-arn`` then applies).
    """
    reader = _Reader(lookup)
    web = _web_identity(reader)
    cvm = None if web else _cvm_role(reader)
    if not (web or cvm or has_keys):
        web = _tke_identity(reader.env)
    if not (web or cvm or has_keys):
        return None
    # with a web identity, TENCENTCLOUD_ASSUME_ROLE_* describe its role, not a second one
    assume = _assume_role(reader, skip_env=web is not None)
    if assume is None and keys_from_profile and not (web or cvm):
        assume = _profile_role(lookup.profile_data())
    endpoint = reader.text("sts_endpoint", STS_CONFIG, STS_ENV)
    return ResolvedCredentials(web, cvm, assume, endpoint)


def missing_credentials_help() -> str:
    """The role-based places, for the "no credentials" message."""
    return (
        f"or a role: {WEB_IDENTITY_CONFIG} / {ROLE_ENV_PREFIX}WEB_IDENTITY_TOKEN_FILE (OIDC), "
        f"{CAM_ROLE_CONFIG} / {CAM_ROLE_ENV} or {USE_CVM_CONFIG} / {USE_CVM_ENV} (CVM "
        f"instance role), TKE_ROLE_ARN + TKE_PROVIDER_ID + TKE_WEB_IDENTITY_TOKEN_FILE (TKE)"
    )


def check_role_setting(config_key: str, text: str, fields: Mapping[str, str]) -> dict[str, Any]:
    """A role object setting (``tcmpp:assumeRole``...) as written in the stack config: JSON,
    known fields, and the fields it sets well formed. Fields left to environment variables
    are checked when the credentials are resolved."""
    reader = _Reader(_ConfigOnly({config_key: text}))
    values = reader.object("", config_key, fields)
    checked = _Fields(config_key, values, fields, None)
    if "roleArn" in values:
        checked.role_arn()
    checked.session_name()
    checked.duration()
    return values


@dataclass
class _ConfigOnly:
    """A lookup with stack config only (no arguments, no environment, no profile)."""

    config: Mapping[str, Any]
    explicit: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)

    def profile_data(self) -> dict[str, Any]:
        return {}


# -- reading settings ------------------------------------------------------------------------


class _Reader:
    """Explicit, then config, then environment; objects may be JSON text or mappings."""

    def __init__(self, lookup: CredentialLookup) -> None:
        self.explicit = lookup.explicit
        self.config = lookup.config
        self.env = lookup.env

    def value(self, name: str, config_key: str, env: str | None) -> Any:
        for value in (
            self.explicit.get(name),
            self.config.get(config_key),
            self.env.get(env) if env else None,
        ):
            if value not in (None, ""):
                return value
        return None

    def text(self, name: str, config_key: str, env: str | None) -> str | None:
        value = self.value(name, config_key, env)
        return str(value).strip() if value is not None else None

    def object(self, name: str, config_key: str, fields: Mapping[str, str]) -> dict[str, Any]:
        raw = self.explicit.get(name)
        if raw is None:
            raw = self.config.get(config_key)
        if raw in (None, ""):
            return {}
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                raise ConfigurationError(
                    f"{config_key} must be an object (set its fields with "
                    f"`pulumi config set --path {config_key}.roleArn ...`); got {raw!r}"
                ) from None
        if not isinstance(raw, Mapping):
            raise ConfigurationError(f"{config_key} must be an object; got {raw!r}")
        values = {_camel(str(k)): v for k, v in raw.items()}
        unknown = sorted(set(values) - set(fields))
        if unknown:
            raise ConfigurationError(
                f"{config_key} has unknown field(s) {', '.join(unknown)}; "
                f"known: {', '.join(fields)}"
            )
        return values


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class _Fields:
    """One object setting: each field from the object, else its environment variable."""

    def __init__(
        self,
        config_key: str,
        values: Mapping[str, Any],
        fields: Mapping[str, str],
        env: Mapping[str, str] | None,
    ) -> None:
        self.config_key = config_key
        self.values = values
        self.fields = fields
        self.env = env

    def get(self, name: str) -> Any:
        value = self.values.get(name)
        if value in (None, "") and self.env is not None and self.fields.get(name):
            value = self.env.get(self.fields[name])
        return None if value in (None, "") else value

    def where(self, name: str) -> str:
        variable = self.fields.get(name)
        return f"{self.config_key}.{name}" + (f" ({variable})" if variable else "")

    def text(self, name: str) -> str | None:
        value = self.get(name)
        return None if value is None else str(value).strip()

    def role_arn(self) -> str:
        value = self.text("roleArn")
        if not value:
            raise ConfigurationError(f"{self.where('roleArn')} is required")
        if not value.startswith("qcs::cam::uin/") or ":role" not in value:
            raise ConfigurationError(
                f"{self.where('roleArn')} must be a CAM role ARN such as "
                f"qcs::cam::uin/100000000001:roleName/deployer; got {value!r}"
            )
        return value

    def session_name(self) -> str:
        value = self.text("sessionName") or DEFAULT_SESSION_NAME
        if not sts.SESSION_NAME.match(value):
            raise ConfigurationError(
                f"{self.where('sessionName')} must be 2-128 letters, digits or =,.@_-; "
                f"got {value!r}"
            )
        return value

    def duration(self) -> int:
        value = self.get("sessionDuration")
        if value is None:
            return sts.DEFAULT_DURATION
        try:
            seconds = int(str(value).strip())
        except ValueError:
            seconds = -1
        if not 0 <= seconds <= sts.MAX_DURATION:
            raise ConfigurationError(
                f"{self.where('sessionDuration')} must be a whole number of seconds from 0 "
                f"to {sts.MAX_DURATION} (0: the default {sts.DEFAULT_DURATION}); got {value!r}"
            )
        return seconds or sts.DEFAULT_DURATION


def _assume_role(reader: _Reader, skip_env: bool) -> AssumeRole | None:
    given = reader.explicit.get("assume_role")
    if isinstance(given, AssumeRole):
        return given
    values = reader.object("assume_role", ASSUME_ROLE_CONFIG, ASSUME_ROLE_FIELDS)
    env = None if skip_env else reader.env
    fields = _Fields(ASSUME_ROLE_CONFIG, values, ASSUME_ROLE_FIELDS, env)
    if not values and not fields.get("roleArn"):
        return None
    external_id = fields.text("externalId")
    if external_id and not sts.EXTERNAL_ID.match(external_id):
        raise ConfigurationError(
            f"{fields.where('externalId')} must be 2-128 letters, digits or =,.@:/_-; "
            f"got {external_id!r}"
        )
    policy = fields.get("policy")
    if isinstance(policy, Mapping):
        policy = json.dumps(policy, separators=(",", ":"))
    return AssumeRole(
        role_arn=fields.role_arn(),
        session_name=fields.session_name(),
        duration=fields.duration(),
        external_id=external_id,
        policy=str(policy) if policy else None,
        source_identity=fields.text("sourceIdentity"),
    )


def _web_identity(reader: _Reader) -> WebIdentity | None:
    """The web identity configured in explicit arguments, stack config or the environment."""
    given = reader.explicit.get("web_identity")
    if isinstance(given, WebIdentity):
        return given
    values = reader.object("web_identity", WEB_IDENTITY_CONFIG, WEB_IDENTITY_FIELDS)
    fields = _Fields(WEB_IDENTITY_CONFIG, values, WEB_IDENTITY_FIELDS, reader.env)
    token_file, token = fields.text("webIdentityTokenFile"), fields.text("webIdentityToken")
    if not values and not (token_file or token):
        return None
    if not (token_file or token):
        raise ConfigurationError(
            f"{fields.where('webIdentityTokenFile')} or {fields.where('webIdentityToken')} "
            "is required"
        )
    return WebIdentity(
        role_arn=fields.role_arn(),
        provider_id=fields.text("providerId") or DEFAULT_PROVIDER_ID,
        token_file=token_file,
        token=None if token_file else token,
        session_name=fields.session_name(),
        duration=fields.duration(),
        region=fields.text("region"),
    )


def _tke_identity(env: Mapping[str, str]) -> WebIdentity | None:
    role_arn, provider_id, token_file, region = (env.get(name) for name in TKE_VARIABLES)
    if not (role_arn and provider_id and token_file):
        return None
    fields = _Fields("TKE pod identity", {"roleArn": role_arn}, {"roleArn": "TKE_ROLE_ARN"}, None)
    return WebIdentity(
        role_arn=fields.role_arn(),
        provider_id=provider_id,
        token_file=token_file,
        region=region or None,
    )


def _cvm_role(reader: _Reader) -> CvmRole | None:
    name = reader.text("cam_role_name", CAM_ROLE_CONFIG, CAM_ROLE_ENV)
    use = reader.value("use_cvm_role", USE_CVM_CONFIG, USE_CVM_ENV)
    wanted = _flag(use, USE_CVM_CONFIG, USE_CVM_ENV) if use is not None else False
    if not name and not wanted:
        return None
    endpoint = reader.text("metadata_endpoint", METADATA_CONFIG, METADATA_ENV)
    return CvmRole(
        role_name=name or None, metadata_endpoint=endpoint or sts.DEFAULT_METADATA_ENDPOINT
    )


def _profile_role(profile: Mapping[str, Any]) -> AssumeRole | None:
    role_arn = profile.get("role-arn")
    if not role_arn:
        return None
    values = {"roleArn": role_arn, "sessionName": profile.get("role-session-name")}
    fields = _Fields("tccli profile", values, {}, None)
    return AssumeRole(role_arn=fields.role_arn(), session_name=fields.session_name())


def _flag(value: Any, config_key: str, env: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigurationError(f"{config_key} ({env}) must be true or false; got {value!r}")
