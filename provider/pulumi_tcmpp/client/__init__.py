"""The TCMPP client: signed, rate-limited, retrying, typed.

Transport (signing, limiting, retrying) is kept apart from resource logic: resources build
request models from :mod:`pulumi_tcmpp.api` and hand them to :meth:`Client.call`.
"""

from __future__ import annotations

from pulumi_tcmpp.client._auth import Tc3Auth
from pulumi_tcmpp.client._client import USER_AGENT, Client, Reply, client_for
from pulumi_tcmpp.client._credentials import AssumeRole, CvmRole, WebIdentity
from pulumi_tcmpp.client._passwords import (
    EncryptedPassword,
    encrypt_password,
    encrypt_with_preset_key,
)
from pulumi_tcmpp.client._ratelimit import TokenBucket, limiter_for
from pulumi_tcmpp.client._retry import RetryPolicy
from pulumi_tcmpp.client._settings import SETTING_SOURCES, Settings

__all__ = [
    "SETTING_SOURCES",
    "USER_AGENT",
    "AssumeRole",
    "Client",
    "CvmRole",
    "EncryptedPassword",
    "Reply",
    "RetryPolicy",
    "Settings",
    "Tc3Auth",
    "TokenBucket",
    "WebIdentity",
    "client_for",
    "encrypt_password",
    "encrypt_with_preset_key",
    "limiter_for",
]
