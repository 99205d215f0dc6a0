"""The protocol core without a socket, the WSGI face, repeatable IDs, connection handling."""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest

from pulumi_tcmpp.api import signature as tc3
from pulumi_tcmpp.emulator import (
    DEFAULT_SECRET_ID,
    DEFAULT_SECRET_KEY,
    Emulator,
    FaultRule,
    create_app,
)
from tests.emulator import world
from tests.emulator.sdk import Sdk


def _signed(host: str, action: str, body: bytes) -> dict[str, str]:
    ts = int(time.time())
    auth = tc3.authorization(
        secret_id=DEFAULT_SECRET_ID,
        secret_key=DEFAULT_SECRET_KEY,
        service="tcsas",
        timestamp=ts,
        method="POST",
        content_type="application/json",
        host=host,
        payload=body,
    )
    return {
        "Content-Type": "application/json",
        "X-TC-Action": action,
        "X-TC-Version": "2025-01-06",
        "X-TC-Timestamp": str(ts),
        "Authorization": auth,
    }


def test_wsgi_app_serves_the_api_in_process() -> None:
    app = create_app(rate_limit=None)
    body = json.dumps({"PlatformId": app.platform_ids[0]}).encode()
    transport = httpx.WSGITransport(app=app.wsgi)
    with httpx.Client(transport=transport, base_url="http://testserver") as client:
        response = client.post(
            "/", content=body, headers=_signed("testserver", "DescribeMNPCategory", body)
        )
        assert response.headers["content-type"] == "application/json"
        assert response.json()["Response"]["Data"][0]["TypeName"] == "Logistics Services"
        app.faults.add(FaultRule(kind="drop"))
        with pytest.raises(ConnectionResetError):
            client.post(
                "/", content=body, headers=_signed("testserver", "DescribeMNPCategory", body)
            )


def test_handle_without_http() -> None:
    app = create_app()
    reply = app.handle("POST", "/", "", {"x-tc-version": "2024-08-01"}, b"{}")
    assert reply.status == 200
    assert json.loads(reply.body)["Response"]["Error"]["Code"] == "MissingParameter"


def test_same_seed_same_ids() -> None:
    ids = []
    for _ in range(2):
        with Emulator(seed=7, rate_limit=None) as emu:
            sdk = Sdk(emu, "tcmpp")
            admin = world.user(sdk, "a")
            ids.append(world.team(sdk, "t", admin, 2))
    assert ids[0] == ids[1]


def test_connection_close_is_honoured(emu: Emulator) -> None:
    body = json.dumps({"PlatformId": emu.platform_id}).encode()
    headers = _signed(emu.host_port, "DescribeMNPCategory", body)
    request = (
        "POST / HTTP/1.1\r\n"
        f"Host: {emu.host_port}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
    with socket.create_connection((emu.host, emu.port), timeout=5) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, payload = received.partition(b"\r\n\r\n")
    assert b"HTTP/1.1 200 OK" in head and b"Connection: close" in head
    assert json.loads(payload)["Response"]["Data"]


def test_a_handler_bug_still_answers_the_envelope(tcmpp: Sdk, emu: Emulator) -> None:
    def broken(ctx: object, req: object) -> None:
        raise RuntimeError("boom")

    route = emu.app.routes["tcmpp"]["DescribeMNPCategory"]
    emu.app.routes["tcmpp"]["DescribeMNPCategory"] = type(route)(route.request, broken)
    try:
        assert tcmpp.code("DescribeMNPCategory", tcmpp.p()) == "InternalError"
    finally:
        emu.app.routes["tcmpp"]["DescribeMNPCategory"] = route
