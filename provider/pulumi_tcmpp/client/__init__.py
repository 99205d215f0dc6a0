"""The TCMPP client: signed, rate-limited, retrying, typed.

Transport (signing, limiting, retrying) is kept apart from resource logic: resources build
request models from :mod:`pulumi_tcmpp.api` and hand them to :meth:`Client.call`.

Names are imported on first use (PEP 562): reading ``SETTING_SOURCES`` or ``Settings`` does
not load httpx or cryptography, which only a process that calls the API needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pulumi_tcmpp._lazy import lazy_exports

if TYPE_CHECKING:
    from pulumi_tcmpp.client._auth import Tc3Auth
    from pulumi_tcmpp.client._client import USER_AGENT, Client, Reply, client_for
    from pulumi_tcmpp.client._passwords import (
        EncryptedPassword,
        encrypt_password,
        encrypt_with_preset_key,
    )
    from pulumi_tcmpp.client._ratelimit import TokenBucket, limiter_for
    from pulumi_tcmpp.client._retry import RetryPolicy
    from pulumi_tcmpp.client._settings import SETTING_SOURCES, Settings
    from pulumi_tcmpp.client._signing_method import AssumeRole, CvmRole, WebIdentity

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

if not TYPE_CHECKING:  # type checkers see the imports above, and no module __getattr__
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "pulumi_tcmpp.client._auth": ("Tc3Auth",),
            "pulumi_tcmpp.client._client": ("USER_AGENT", "Client", "Reply", "client_for"),
            "pulumi_tcmpp.client._signing_method": ("AssumeRole", "CvmRole", "WebIdentity"),
            "pulumi_tcmpp.client._passwords": (
                "EncryptedPassword",
                "encrypt_password",
                "encrypt_with_preset_key",
            ),
            "pulumi_tcmpp.client._ratelimit": ("TokenBucket", "limiter_for"),
            "pulumi_tcmpp.client._retry": ("RetryPolicy",),
            "pulumi_tcmpp.client._settings": ("SETTING_SOURCES", "Settings"),
        },
        globals(),
    )
