"""The two back ends of the API: tcmpp (2024-08-01) and its renamed successor tcsas (2025-01-06)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["BACKENDS", "BACKEND_BY_NAME", "TCMPP", "TCSAS", "Backend", "BackendName"]

BackendName = Literal["tcmpp", "tcsas"]
BACKENDS: tuple[BackendName, ...] = ("tcmpp", "tcsas")
"""Defined here, apart from the request models of :mod:`._base`, so that the settings and the
error table can name a back end without loading pydantic models."""


@dataclass(frozen=True)
class Backend:
    """Where and how to call one back end: the TC3 service name, API version and default host."""

    name: BackendName
    service: str
    version: str
    default_host: str


TCMPP = Backend(
    name="tcmpp",
    service="tcmpp",
    version="2024-08-01",
    default_host="tcmpp.intl.tencentcloudapi.com",
)
TCSAS = Backend(
    name="tcsas",
    service="tcsas",
    version="2025-01-06",
    default_host="tcsas.intl.tencentcloudapi.com",
)
BACKEND_BY_NAME: dict[str, Backend] = {b.name: b for b in (TCMPP, TCSAS)}
