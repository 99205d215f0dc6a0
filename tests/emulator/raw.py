"""Hand-made requests for what the SDK never sends: missing headers, bad bodies, odd methods."""

from __future__ import annotations

import time
from typing import Any

import httpx

from pulumi_tcmpp.api import signature as tc3
from pulumi_tcmpp.emulator import Emulator


def signed_headers(
    emu: Emulator,
    action: str,
    body: bytes,
    *,
    version: str = "2024-08-01",
    service: str = "tcmpp",
    content_type: str = "application/json",
    timestamp: int | None = None,
) -> dict[str, str]:
    """Headers of a correctly signed POST."""
    ts = int(time.time()) if timestamp is None else timestamp
    auth = tc3.authorization(
        secret_id=emu.secret_id,
        secret_key=emu.secret_key,
        service=service,
        timestamp=ts,
        method="POST",
        content_type=content_type,
        host=emu.host_port,
        payload=body,
    )
    return {
        "Content-Type": content_type,
        "Host": emu.host_port,
        "X-TC-Action": action,
        "X-TC-Version": version,
        "X-TC-Timestamp": str(ts),
        "Authorization": auth,
    }


def post(emu: Emulator, body: bytes, headers: dict[str, str], method: str = "POST") -> Any:
    """Send and return (status, content type, parsed JSON or None)."""
    response = httpx.request(method, emu.endpoint + "/", content=body, headers=headers)
    try:
        payload = response.json()
    except ValueError:
        payload = None
    return response.status_code, response.headers.get("content-type"), payload


def error_code(payload: Any) -> str:
    response = payload["Response"]
    assert response["RequestId"]
    return str(response["Error"]["Code"])
