"""A local TCMPP / TCSAS API server, honest to the vendor's documents.

It speaks Tencent Cloud API 3.0 (TC3-HMAC-SHA256 verified, ``X-TC-*`` headers, the JSON
envelope, HTTP 200 for API errors) for every action of both back ends, keeps state in memory
or a SQLite file, rate-limits per action and injects faults on request. Where the documents
allow more than one reading it serves each, one at a time (:class:`Readings`, profiles
``default`` and ``doc-literal``). The vendor SDK works
against it unchanged, pointed at :attr:`Emulator.endpoint`. See ``docs/emulator.md``.
"""

from __future__ import annotations

from pulumi_tcmpp.emulator._app import App, Reply
from pulumi_tcmpp.emulator._config import (
    DEFAULT_ACCOUNT_ID,
    DEFAULT_PLATFORM_ID,
    DEFAULT_RATE_LIMIT,
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    BuildMode,
    Credential,
)
from pulumi_tcmpp.emulator._faults import FaultRule
from pulumi_tcmpp.emulator._readings import DOC_LITERAL, PROFILES, Readings
from pulumi_tcmpp.emulator.server import Emulator, create_app

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_PLATFORM_ID",
    "DEFAULT_RATE_LIMIT",
    "DEFAULT_SECRET_ID",
    "DEFAULT_SECRET_KEY",
    "DOC_LITERAL",
    "PROFILES",
    "App",
    "BuildMode",
    "Credential",
    "Emulator",
    "FaultRule",
    "Readings",
    "Reply",
    "create_app",
]
