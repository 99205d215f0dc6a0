"""A WSGI face for :class:`App`, for in-process use (e.g. ``httpx.WSGITransport``).

A ``drop`` fault cannot close a connection here, so it raises :class:`ConnectionResetError`,
which in-process transports surface to the caller like a lost connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_tcmpp.emulator._app import App

__all__ = ["wsgi_app"]

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = str(environ["CONTENT_TYPE"])
    if environ.get("CONTENT_LENGTH"):
        headers["content-length"] = str(environ["CONTENT_LENGTH"])
    return headers


def wsgi_app(app: App) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI callable serving ``app``."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        reply = app.handle(
            environ.get("REQUEST_METHOD", "GET"),
            environ.get("PATH_INFO") or "/",
            environ.get("QUERY_STRING", ""),
            _headers(environ),
            body,
        )
        if reply.drop:
            raise ConnectionResetError("the emulator dropped the connection (injected fault)")
        start_response(
            f"{reply.status} {'OK' if reply.status == 200 else 'Error'}",
            [("Content-Type", reply.content_type), ("Content-Length", str(len(reply.body)))],
        )
        return [reply.body]

    return application
