"""What each provider setting accepts: one rule per ``tcmpp:*`` key, used wherever one is read.

The client (:meth:`Settings.resolve`), the provider's ``configure`` (at the start of every
preview, before any API call) and the resources' run-time context parse settings with these
rules, so a typo is reported once, the same way everywhere: the key (and its environment
variable), the rule and the value (never the value of a secret). A ``tcmpp:*`` key that is no
setting is reported too, with the closest real key (``tcmpp:rateLimt`` is almost certainly
``tcmpp:rateLimit``).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_tcmpp.client._signing_method import (
    ASSUME_ROLE_FIELDS,
    WEB_IDENTITY_FIELDS,
    check_role_setting,
)
from pulumi_tcmpp.errors import ConfigurationError

__all__ = ["SETTING_RULES", "SettingRule", "parse_setting", "setting_problems"]

NAMESPACE = "tcmpp:"
_TRUE, _FALSE = ("true", "1"), ("false", "0")


@dataclass(frozen=True)
class SettingRule:
    """How one setting is written: ``must`` is the rule as users read it."""

    key: str
    must: str
    parse: Callable[[str], Any]
    env: str | None = None
    secret: bool = False

    def where(self) -> str:
        return f"{self.key} ({self.env})" if self.env else self.key


def _boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError


def _number(low: float, *, above: bool = False, integer: bool = False) -> Callable[[str], Any]:
    def parse(text: str) -> float | int:
        stripped = text.strip()
        number: float | int = int(stripped) if integer else float(stripped)
        if math.isnan(number) or math.isinf(number) or number < low or (above and number == low):
            raise ValueError
        return number

    return parse


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        lowered = text.strip().lower()
        if lowered not in allowed:
            raise ValueError
        return lowered

    return parse


def _token(text: str) -> str:
    """A value without whitespace (Tencent Cloud refuses keys "containing spaces")."""
    stripped = text.strip()
    if not stripped or re.search(r"\s", stripped):
        raise ValueError
    return stripped


def _endpoint(text: str) -> str:
    stripped = text.strip()
    if "://" in stripped:
        scheme, _, rest = stripped.partition("://")
        host = rest.split("/", 1)[0]
        if scheme not in ("http", "https") or not host:
            raise ValueError
    if not stripped or re.search(r"\s", stripped):
        raise ValueError
    return stripped


def _role_object(key: str, fields: Mapping[str, str]) -> Callable[[str], dict[str, Any]]:
    """A role setting's JSON object: its fields known and those it sets well formed (fields
    left to environment variables are checked when the credentials are resolved)."""

    def parse(text: str) -> dict[str, Any]:
        return check_role_setting(key, text, fields)

    return parse


def _ids(text: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in text.split(","))
    if not any(parts) or any(not p or re.search(r"\s", p) for p in parts):
        raise ValueError
    return parts


_RULES = (
    SettingRule(
        "tcmpp:secretId", "must not be empty or contain spaces", _token, "TENCENTCLOUD_SECRET_ID"
    ),
    SettingRule(
        "tcmpp:secretKey",
        "must not be empty or contain spaces",
        _token,
        "TENCENTCLOUD_SECRET_KEY",
        secret=True,
    ),
    SettingRule(
        "tcmpp:securityToken",
        "must not be empty or contain spaces",
        _token,
        "TENCENTCLOUD_SECURITY_TOKEN",
        secret=True,
    ),
    SettingRule(
        "tcmpp:region", "must not be empty or contain spaces", _token, "TENCENTCLOUD_REGION"
    ),
    SettingRule(
        "tcmpp:platformId", "must not be empty or contain spaces", _token, "TCMPP_PLATFORM_ID"
    ),
    SettingRule(
        "tcmpp:endpoint",
        "must be a host (api.example.com[:port]) or an http:// or https:// URL",
        _endpoint,
        "TCMPP_ENDPOINT",
    ),
    SettingRule(
        "tcmpp:backend", "must be one of tcmpp, tcsas", _choice("tcmpp", "tcsas"), "TCMPP_BACKEND"
    ),
    SettingRule(
        "tcmpp:rateLimit",
        "must be a number of requests per second, 0 or more (0: no client-side limit)",
        _number(0),
        "TCMPP_RATE_LIMIT",
    ),
    SettingRule(
        "tcmpp:maxRetries",
        "must be a whole number, 0 or more",
        _number(0, integer=True),
        "TCMPP_MAX_RETRIES",
    ),
    SettingRule(
        "tcmpp:requestTimeout",
        "must be a number of seconds greater than 0",
        _number(0, above=True),
        "TCMPP_REQUEST_TIMEOUT",
    ),
    SettingRule("tcmpp:adoptExisting", "must be true, false, 1 or 0", _boolean),
    SettingRule(
        "tcmpp:allowedPlatformIds",
        "must be platform ids separated by commas, none empty",
        _ids,
    ),
    SettingRule(
        "tcmpp:operationTimeout",
        "must be a number of seconds greater than 0",
        _number(0, above=True),
    ),
    SettingRule(
        "tcmpp:adoptIds",
        "must be object ids separated by commas, none empty",
        _ids,
    ),
    SettingRule(
        "tcmpp:visibilityTimeout",
        "must be a number of seconds, 0 or more",
        _number(0),
    ),
    SettingRule(
        "tcmpp:assumeRole",
        "must be an object of roleArn, sessionName, sessionDuration, externalId, "
        "sourceIdentity, policy",
        _role_object("tcmpp:assumeRole", ASSUME_ROLE_FIELDS),
    ),
    SettingRule(
        "tcmpp:assumeRoleWithWebIdentity",
        "must be an object of roleArn, providerId, webIdentityTokenFile, webIdentityToken, "
        "sessionName, sessionDuration, region",
        _role_object("tcmpp:assumeRoleWithWebIdentity", WEB_IDENTITY_FIELDS),
        secret=True,
    ),
    SettingRule(
        "tcmpp:camRoleName",
        "must not be empty or contain spaces",
        _token,
        "TENCENTCLOUD_CAM_ROLE_NAME",
    ),
    SettingRule("tcmpp:useCvmRole", "must be true, false, 1 or 0", _boolean, "TCMPP_USE_CVM_ROLE"),
    SettingRule(
        "tcmpp:stsEndpoint",
        "must be a host (sts.example.com[:port]) or an http:// or https:// URL",
        _endpoint,
        "TCMPP_STS_ENDPOINT",
    ),
    SettingRule(
        "tcmpp:metadataEndpoint",
        "must be a host or an http:// or https:// URL",
        _endpoint,
        "TCMPP_METADATA_ENDPOINT",
    ),
)
SETTING_RULES: dict[str, SettingRule] = {rule.key: rule for rule in _RULES}
"""Every ``tcmpp:*`` setting and what it accepts (docs/configuration.md lists them)."""


def _shown(rule: SettingRule, value: Any) -> str:
    return "a secret value" if rule.secret else repr(value)


def _problem(rule: SettingRule, value: Any, source: str) -> str:
    return f"setting {source} {rule.must}; got {_shown(rule, value)}"


def parse_setting(key: str, value: Any, *, source: str | None = None) -> Any:
    """The parsed value of a setting, or :class:`ConfigurationError` naming key, rule, value."""
    rule = SETTING_RULES[key]
    try:
        return rule.parse(str(value))
    except ConfigurationError:
        raise
    except (TypeError, ValueError):
        raise ConfigurationError(_problem(rule, value, source or rule.where())) from None


def setting_problems(config: Mapping[str, Any], env: Mapping[str, str]) -> list[str]:
    """Every problem of the ``tcmpp:*`` settings in effect: stack config, else environment."""
    problems = []
    for key in sorted(k for k in config if k.startswith(NAMESPACE) and k not in SETTING_RULES):
        close = difflib.get_close_matches(key, list(SETTING_RULES), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        known = ", ".join(SETTING_RULES)
        problems.append(f"{key} is not a setting of pulumi-tcmpp{hint}; the settings: {known}")
    for rule in _RULES:
        value, source = config.get(rule.key), rule.where()
        if value in (None, "") and rule.env:
            value, source = env.get(rule.env), f"{rule.env} ({rule.key})"
        if value in (None, ""):
            continue
        try:
            rule.parse(str(value))
        except ConfigurationError as exc:
            problems.append(str(exc))
        except (TypeError, ValueError):
            problems.append(_problem(rule, value, source))
    return problems
