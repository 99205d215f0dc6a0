"""TC3-HMAC-SHA256 for httpx requests, so every attempt is signed afresh.

Retries run above signing: each attempt gets a new ``X-TC-Timestamp`` and signature, so a
request delayed by back-off never arrives with a stale timestamp. Each signature also asks its
:class:`~pulumi_tcmpp.client._keys.KeySource` for the keys of the moment, so temporary
credentials renewed between two attempts are used at once; the token of temporary keys goes
in ``X-TC-Token`` (not signed). The class is an ``httpx.Auth`` (usable with any
``httpx.Client``); the project's client calls :meth:`sign` directly on the requests it hands
to its transport.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator

import httpx

from pulumi_tcmpp.api.signature import authorization
from pulumi_tcmpp.client._keys import FixedKeys, Keys, KeySource

__all__ = ["Tc3Auth"]


class Tc3Auth(httpx.Auth):
    """Signs the request as the vendor SDK does (see :mod:`pulumi_tcmpp.api.signature`).

    Give either fixed keys (``secret_id``, ``secret_key``, ``token``) or a ``keys`` source.
    """

    requires_request_body = True

    def __init__(
        self,
        secret_id: str = "",
        secret_key: str = "",
        service: str = "tcmpp",
        token: str | None = None,
        clock: Callable[[], float] = time.time,
        *,
        keys: KeySource | None = None,
    ) -> None:
        self._keys = keys or FixedKeys(Keys(secret_id, secret_key, token))
        self._service = service
        self._clock = clock

    def __repr__(self) -> str:
        return f"Tc3Auth(service={self._service!r}, keys={type(self._keys).__name__})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request) -> Keys:
        """Add ``X-TC-Timestamp``, ``X-TC-Token`` and ``Authorization``; return the keys used."""
        keys = self._keys.current()
        timestamp = int(self._clock())
        request.headers["X-TC-Timestamp"] = str(timestamp)
        if keys.token:
            request.headers["X-TC-Token"] = keys.token
        else:
            request.headers.pop("X-TC-Token", None)
        query = request.url.query.decode("ascii")
        request.headers["Authorization"] = authorization(
            secret_id=keys.secret_id,
            secret_key=keys.secret_key,
            service=self._service,
            timestamp=timestamp,
            method=request.method,
            content_type=request.headers["Content-Type"],
            host=request.headers["Host"],
            payload=b"" if request.method == "GET" else request.content,
            query=query if request.method == "GET" else "",
        )
        return keys
