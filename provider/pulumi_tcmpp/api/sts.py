"""STS (Security Token Service, 2018-08-13) and the CVM metadata service, described once.

Temporary credentials come from two STS actions and one metadata path; the client asks for
them and the emulator hands them out, so both read the wire names, rules and shapes here:

* ``AssumeRole``: signed (TC3, service ``sts``) with the caller's keys; ``RoleArn``,
  ``RoleSessionName``, ``DurationSeconds`` (default 7,200, at most 43,200), ``Policy``
  (URL-encoded, as the Terraform provider sends it), ``ExternalId``, ``SourceIdentity``;
* ``AssumeRoleWithWebIdentity``: not signed (``Authorization: SKIP``, as the vendor SDK's
  ``OIDCRoleArnCredential`` sends it); ``ProviderId``, ``WebIdentityToken``, ``RoleArn``,
  ``RoleSessionName``, ``DurationSeconds``;
* both answer ``Response.Credentials`` (``TmpSecretId``, ``TmpSecretKey``, ``Token``) with
  ``ExpiredTime`` (Unix seconds) and ``Expiration`` (ISO 8601, UTC) beside it, not under a
  ``Data`` key as TCMPP's answers are;
* the CVM metadata service lists the instance's role name at
  ``/latest/meta-data/cam/security-credentials/`` and serves that role's credentials at
  ``.../security-credentials/<role>`` as one JSON object (``TmpSecretId``, ``TmpSecretKey``,
  ``Token``, ``ExpiredTime``, ``Expiration``, ``Code: "Success"``).

Sources: the vendor SDK (``tencentcloud/sts/v20180813/models.py``, ``errorcodes.py``,
``tencentcloud/common/credential.py``) and the Terraform provider's ``assume_role`` blocks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "ASSUME_ROLE",
    "ASSUME_ROLE_WITH_WEB_IDENTITY",
    "DEFAULT_DURATION",
    "DEFAULT_HOST",
    "DEFAULT_METADATA_ENDPOINT",
    "DEFAULT_REGION",
    "EXTERNAL_ID",
    "MAX_DURATION",
    "METADATA_CREDENTIALS_PATH",
    "ROLE_ARN",
    "SERVICE",
    "SESSION_NAME",
    "VERSION",
    "AssumeRoleParams",
    "IssuedCredentials",
    "WebIdentityParams",
    "account_of",
    "role_name_of",
]

SERVICE = "sts"
VERSION = "2018-08-13"
DEFAULT_HOST = "sts.tencentcloudapi.com"
"""The host the vendor SDK's credential providers call (the region is a header)."""
DEFAULT_REGION = "ap-guangzhou"
"""The region the vendor SDK's ``STSAssumeRoleCredential`` sends."""
DEFAULT_DURATION = 7200
MAX_DURATION = 43200
ASSUME_ROLE = "AssumeRole"
ASSUME_ROLE_WITH_WEB_IDENTITY = "AssumeRoleWithWebIdentity"
DEFAULT_METADATA_ENDPOINT = "http://metadata.tencentyun.com"
METADATA_CREDENTIALS_PATH = "/latest/meta-data/cam/security-credentials/"

ROLE_ARN = re.compile(
    r"^qcs::cam::uin/(?P<account>\d+):(?:roleName/(?P<name>[\w+=,.@-]+)|role/\d+"
    r"|role/tencentcloudServiceRole/\d+|role/tencentcloudServiceRoleName/(?P<service>[\w+=,.@-]+))$"
)
"""The four documented forms: ``qcs::cam::uin/12345678:roleName/testRoleName``,
``...:role/4611686018427397919``, and the service-role ``role/tencentcloudServiceRole/<id>``
and ``role/tencentcloudServiceRoleName/<name>``."""
SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,128}$")
"""``RoleSessionName``: 2-128 letters, digits and ``=,.@_-`` (the model's doc)."""
EXTERNAL_ID = re.compile(r"^[\w+=,.@:/-]{2,128}$")
"""``ExternalId``: 2-128 letters, digits and ``=,.@:/-``."""


def account_of(role_arn: str) -> str | None:
    """The account (UIN) that owns a role, from its ARN; None when the ARN is malformed."""
    match = ROLE_ARN.match(role_arn)
    return match.group("account") if match else None


def role_name_of(role_arn: str) -> str | None:
    """The role's name when the ARN names it (``roleName/...``), else None."""
    match = ROLE_ARN.match(role_arn)
    if not match:
        return None
    return match.group("name") or match.group("service")


@dataclass(frozen=True)
class AssumeRoleParams:
    """The parameters of one ``AssumeRole`` call."""

    role_arn: str
    role_session_name: str
    duration_seconds: int = DEFAULT_DURATION
    policy: str | None = None
    """Already URL-encoded, as it goes on the wire."""
    external_id: str | None = field(default=None, repr=False)
    source_identity: str | None = None

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "RoleArn": self.role_arn,
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": self.duration_seconds,
        }
        optional = {
            "Policy": self.policy,
            "ExternalId": self.external_id,
            "SourceIdentity": self.source_identity,
        }
        body.update({k: v for k, v in optional.items() if v})
        return body


@dataclass(frozen=True)
class WebIdentityParams:
    """The parameters of one ``AssumeRoleWithWebIdentity`` call."""

    provider_id: str
    web_identity_token: str = field(repr=False)
    role_arn: str
    role_session_name: str
    duration_seconds: int = DEFAULT_DURATION

    def to_wire(self) -> dict[str, Any]:
        return {
            "ProviderId": self.provider_id,
            "WebIdentityToken": self.web_identity_token,
            "RoleArn": self.role_arn,
            "RoleSessionName": self.role_session_name,
            "DurationSeconds": self.duration_seconds,
        }


@dataclass(frozen=True)
class IssuedCredentials:
    """Temporary credentials as STS or the metadata service hands them out."""

    tmp_secret_id: str
    tmp_secret_key: str = field(repr=False)
    token: str = field(repr=False)
    expired_time: int
    """Unix seconds."""

    @property
    def expiration(self) -> str:
        """``ExpiredTime`` as ISO 8601 in UTC, e.g. ``2026-11-25T10:00:00Z``."""
        moment = datetime.fromtimestamp(self.expired_time, tz=UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def to_sts(self) -> dict[str, Any]:
        """The ``Response`` fields of AssumeRole / AssumeRoleWithWebIdentity (no RequestId)."""
        return {
            "Credentials": {
                "Token": self.token,
                "TmpSecretId": self.tmp_secret_id,
                "TmpSecretKey": self.tmp_secret_key,
            },
            "ExpiredTime": self.expired_time,
            "Expiration": self.expiration,
        }

    def to_metadata(self) -> dict[str, Any]:
        """The metadata service's answer for a role."""
        return {
            "TmpSecretId": self.tmp_secret_id,
            "TmpSecretKey": self.tmp_secret_key,
            "ExpiredTime": self.expired_time,
            "Expiration": self.expiration,
            "Token": self.token,
            "Code": "Success",
        }

    @classmethod
    def from_sts(cls, response: Mapping[str, Any]) -> IssuedCredentials:
        """Read an STS ``Response``; ValueError names what is missing."""
        credentials = response.get("Credentials")
        if not isinstance(credentials, Mapping):
            raise ValueError("the answer has no Credentials object")
        return cls._build(credentials, response.get("ExpiredTime"))

    @classmethod
    def from_metadata(cls, document: Mapping[str, Any]) -> IssuedCredentials:
        """Read the metadata service's answer; ValueError names what is wrong."""
        code = document.get("Code")
        if code is not None and code != "Success":
            raise ValueError(f"the metadata service answered Code {code!r}")
        return cls._build(document, document.get("ExpiredTime"))

    @classmethod
    def _build(cls, fields: Mapping[str, Any], expired_time: Any) -> IssuedCredentials:
        values = {name: fields.get(name) for name in ("TmpSecretId", "TmpSecretKey", "Token")}
        missing = [
            name for name, value in values.items() if not isinstance(value, str) or not value
        ]
        if missing:
            raise ValueError(f"the answer lacks {', '.join(missing)}")
        try:
            expires = int(expired_time)
        except (TypeError, ValueError):
            raise ValueError(f"ExpiredTime is not a Unix time: {expired_time!r}") from None
        return cls(
            tmp_secret_id=str(values["TmpSecretId"]),
            tmp_secret_key=str(values["TmpSecretKey"]),
            token=str(values["Token"]),
            expired_time=expires,
        )
