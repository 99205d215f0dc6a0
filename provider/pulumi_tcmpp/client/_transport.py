"""A lean keep-alive transport: httpx's transport interface over the standard library.

The client sends one kind of request (a small signed POST to one endpoint) very many times;
httpx's default transport (httpcore + h11) spent more per call than the rest of the client
together. This transport keeps httpx's seam (``httpx.BaseTransport``: ``handle_request`` and
``close``, httpx Request and Response objects, httpx's exception classes) and does the wire
work with ``http.client``:

* a pool of keep-alive connections per origin, shared by threads (at most ``max_idle`` kept);
* explicit timeouts: ``connect`` for the TCP/TLS handshake, ``read`` for each socket read;
* TLS with the system's default context (certificate and host name checked);
* an idle connection the server has closed is noticed before it is reused (it reads as
  ready), so a request is never written into a dead socket;
* failures raise httpx's classes (``ConnectError``, ``ConnectTimeout``, ``ReadTimeout``,
  ``RemoteProtocolError``...), so the retry rules above it stay the same.

When the environment names a proxy for the endpoint (``HTTPS_PROXY``, ``HTTP_PROXY``,
``NO_PROXY``), :func:`default_transport` returns httpx's own transport through that proxy.
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import threading
import urllib.request
from collections import deque
from typing import Any

import httpx

__all__ = ["KeepAliveTransport", "default_transport"]

_Origin = tuple[str, str, int]


class KeepAliveTransport(httpx.BaseTransport):
    """Pooled ``http.client`` connections behind ``httpx.BaseTransport``."""

    def __init__(self, max_idle: int = 32, ssl_context: ssl.SSLContext | None = None) -> None:
        self._max_idle = max_idle
        self._ssl = ssl_context
        self._idle: dict[_Origin, deque[http.client.HTTPConnection]] = {}
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout", {})
        origin = (request.url.scheme, request.url.host, request.url.port or _default_port(request))
        connection = self._checkout(origin, timeouts)
        path = request.url.raw_path.decode("ascii")
        body = request.read()
        try:
            connection.request(request.method, path, body=body, headers=dict(request.headers))
        except OSError as exc:
            connection.close()
            raise _connect_error(exc, request) from exc
        try:
            answer = connection.getresponse()
            content = answer.read()
        except TimeoutError as exc:
            connection.close()
            raise httpx.ReadTimeout(
                str(exc) or "timed out reading the answer", request=request
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise httpx.RemoteProtocolError(
                f"{type(exc).__name__}: {exc}", request=request
            ) from exc
        if answer.will_close:
            connection.close()
        else:
            self._checkin(origin, connection)
        return httpx.Response(
            answer.status,
            headers=answer.getheaders(),
            content=content,
            request=request,
        )

    def close(self) -> None:
        with self._lock:
            pools, self._idle = self._idle, {}
        for pool in pools.values():
            for connection in pool:
                connection.close()

    def _checkout(self, origin: _Origin, timeouts: dict[str, Any]) -> http.client.HTTPConnection:
        with self._lock:
            pool = self._idle.get(origin)
            while pool:
                connection = pool.pop()
                if _usable(connection):
                    connection.sock.settimeout(timeouts.get("read"))
                    return connection
                connection.close()
        return self._connect(origin, timeouts)

    def _connect(self, origin: _Origin, timeouts: dict[str, Any]) -> http.client.HTTPConnection:
        scheme, host, port = origin
        connect_timeout = timeouts.get("connect")
        connection: http.client.HTTPConnection
        if scheme == "https":
            context = self._ssl or ssl.create_default_context()
            connection = http.client.HTTPSConnection(
                host, port, timeout=connect_timeout, context=context
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=connect_timeout)
        try:
            connection.connect()
        except OSError as exc:
            connection.close()
            request = httpx.Request("POST", f"{scheme}://{host}:{port}/")
            raise _connect_error(exc, request) from exc
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.sock.settimeout(timeouts.get("read"))
        return connection

    def _checkin(self, origin: _Origin, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            pool = self._idle.setdefault(origin, deque())
            if len(pool) < self._max_idle:
                pool.append(connection)
                return
        connection.close()


def _default_port(request: httpx.Request) -> int:
    return 443 if request.url.scheme == "https" else 80


def _usable(connection: http.client.HTTPConnection) -> bool:
    """An idle keep-alive socket that reads as ready has been closed by the server."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


def _connect_error(exc: OSError, request: httpx.Request) -> httpx.TransportError:
    if isinstance(exc, TimeoutError):
        return httpx.ConnectTimeout(str(exc) or "timed out connecting", request=request)
    return httpx.ConnectError(f"{type(exc).__name__}: {exc}", request=request)


def default_transport(base_url: str, max_connections: int = 32) -> httpx.BaseTransport:
    """The lean transport, or httpx's own when the environment routes the endpoint via a proxy."""
    url = httpx.URL(base_url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if proxy and not urllib.request.proxy_bypass(url.host):
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        return httpx.HTTPTransport(proxy=proxy, limits=limits)
    return KeepAliveTransport(max_idle=max_connections)
