"""TC3-HMAC-SHA256 for httpx requests, so every attempt is signed afresh.

Retries run above signing: each attempt gets a new ``X-TC-Timestamp`` and signature, so a
request delayed by back-off never arrives with a stale timestamp. The class is an
``httpx.Auth`` (usable with any ``httpx.Client``); the project's client calls :meth:`sign`
directly on the requests it hands to its transport.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator

import httpx

from pulumi_tcmpp.api.signature import authorization

__all__ = ["Tc3Auth"]


class Tc3Auth(httpx.Auth):
    """Signs the request as the vendor SDK does (see :mod:`pulumi_tcmpp.api.signature`)."""

    requires_request_body = True

    def __init__(
        self,
        secret_id: str,
        secret_key: str,
        service: str,
        token: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret_id = secret_id
        self._secret_key = secret_key
        self._service = service
        self._token = token
        self._clock = clock

    def __repr__(self) -> str:
        return f"Tc3Auth(secret_id={self._secret_id!r}, service={self._service!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request) -> None:
        """Add ``X-TC-Timestamp``, ``X-TC-Token`` and ``Authorization`` to a built request."""
        timestamp = int(self._clock())
        request.headers["X-TC-Timestamp"] = str(timestamp)
        if self._token:
            request.headers["X-TC-Token"] = self._token
        query = request.url.query.decode("ascii")
        request.headers["Authorization"] = authorization(
            secret_id=self._secret_id,
            secret_key=self._secret_key,
            service=self._service,
            timestamp=timestamp,
            method=request.method,
            content_type=request.headers["Content-Type"],
            host=request.headers["Host"],
            payload=b"" if request.method == "GET" else request.content,
            query=query if request.method == "GET" else "",
        )
