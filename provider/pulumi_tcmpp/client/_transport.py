"""The HTTP transport: httpx's own, pooled, with the proxy the environment names.

The client sends one kind of request (a small signed POST to one endpoint) many times, so what
matters is that connections are kept alive and shared by the provider's threads. httpx's
``HTTPTransport`` does that (httpcore's pool: keep-alive, stale connections noticed before
reuse, TLS checked against certifi's bundle or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), and it is
the path every httpx user's proxies and certificates already go through: one transport means
one TLS and proxy path to keep right.

On top of httpx's defaults: idle connections are kept 30 s rather than 5 (a provider's calls
come in bursts a few seconds apart), and the proxy the environment names
(``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` and ``NO_PROXY``, read as the standard library
reads them) is used: a transport, unlike ``httpx.Client``, does not read the environment.
httpcore sets ``TCP_NODELAY`` on its sockets itself.
"""

from __future__ import annotations

import ipaddress
import ssl
import urllib.request

import httpx

__all__ = ["default_transport", "is_loopback", "proxy_for"]

KEEPALIVE_SECONDS = 30.0
"""How long an idle connection is kept for reuse (httpx's default is 5 s)."""


def proxy_for(base_url: str) -> str | None:
    """The proxy the environment names for this endpoint, or None (direct: NO_PROXY, or an
    endpoint on this machine such as the emulator)."""
    url = httpx.URL(base_url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if not proxy or is_loopback(base_url) or urllib.request.proxy_bypass(url.host):
        return None
    return proxy


def is_loopback(url: str) -> bool:
    """Whether the URL's host is this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    host = httpx.URL(url).host
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_transport(
    base_url: str,
    max_connections: int = 32,
    verify: ssl.SSLContext | bool = True,
) -> httpx.HTTPTransport:
    """A pooled keep-alive transport for one endpoint (through its proxy, if any)."""
    limits = httpx.Limits(
        max_connections=max_connections,
        max_keepalive_connections=max_connections,
        keepalive_expiry=KEEPALIVE_SECONDS,
    )
    return httpx.HTTPTransport(
        verify=verify,
        proxy=proxy_for(base_url),
        limits=limits,
    )
