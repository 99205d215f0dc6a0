"""The socket side: a threading HTTP/1.1 server with keep-alive around :class:`App`.

Built on the standard library only. Each response goes out in one write with
``Content-Length`` and TCP_NODELAY, so a keep-alive client never waits on Nagle's algorithm;
a benchmark compares clients per call against this server, so it must not be the bottleneck.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from pulumi_tcmpp.emulator._app import App, Reply
from pulumi_tcmpp.emulator._config import MAX_BODY_BYTES

__all__ = ["EmulatorHTTPServer"]

_DRAIN_LIMIT = 64 * 1024 * 1024
"""Bodies over the 10 MB limit are read and dropped up to this size, then the connection is
closed; reading them keeps the refusal readable by a client still sending."""
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 120
    server: EmulatorHTTPServer

    def handle_one_request(self) -> None:
        """Like the standard one, but any method reaches the app (it answers the protocol)."""
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline or len(self.raw_requestline) > 65536:
                self.close_connection = True
                return
            if not self._parse_head():
                return
            self._dispatch()
            self.wfile.flush()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def _parse_head(self) -> bool:
        """The request line and headers, parsed without the email package.

        ``BaseHTTPRequestHandler.parse_request`` reads headers with ``email.parser``, which
        cost more than answering the API call itself; a TencentCloud API request needs only
        ``name: value`` lines.
        """
        words = self.raw_requestline.decode("latin-1").rstrip("\r\n").split()
        if len(words) != 3 or not words[2].startswith("HTTP/"):
            self.close_connection = True
            self.send_error(400, "Bad request line")
            return False
        self.command, self.path, self.request_version = words
        headers = _Headers()
        for _ in range(100):
            line = self.rfile.readline(65537)
            if line in (b"\r\n", b"\n", b""):
                break
            name, sep, value = line.decode("latin-1").partition(":")
            if sep:
                headers[name.strip()] = value.strip()
        else:
            self.close_connection = True
            self.send_error(431, "Too many headers")
            return False
        self.headers = headers  # type: ignore[assignment]
        connection = headers.get("Connection", "").lower()
        self.close_connection = connection == "close" or (
            self.request_version == "HTTP/1.0" and connection != "keep-alive"
        )
        return True

    def _read_body(self) -> bytes | None:
        """The body, or None when it is too large to accept (then the connection closes)."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._discard(length)
            return None
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes | None:
        chunks: list[bytes] = []
        total = 0
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                break
            total += size
            data = self.rfile.read(size)
            self.rfile.readline()
            if total <= MAX_BODY_BYTES:
                chunks.append(data)
        return b"".join(chunks) if total <= MAX_BODY_BYTES else None

    def _discard(self, length: int) -> None:
        if length > _DRAIN_LIMIT:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)

    def _dispatch(self) -> None:
        try:
            body = self._read_body()
        except ValueError:  # a Content-Length or chunk size that is not a number
            self.close_connection = True
            body = b""
        parts = urlsplit(self.path)
        headers = {k: v for k, v in self.headers.items()}
        reply = self.server.app.handle(
            self.command,
            parts.path or "/",
            parts.query,
            headers,
            body or b"",
            oversize=body is None,
        )
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        close = self.close_connection or self.headers.get("Connection", "").lower() == "close"
        head = (
            f"HTTP/1.1 {reply.status} {_REASONS.get(reply.status, 'Service Unavailable')}\r\n"
            f"Content-Type: {reply.content_type}\r\n"
            f"Content-Length: {len(reply.body)}\r\n"
            f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n"
        )
        payload = b"" if self.command == "HEAD" else reply.body
        self.wfile.write(head.encode("latin-1") + payload)
        self.close_connection = close

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the request log records API calls."""


class _Headers(dict[str, str]):
    """Request headers: looked up case-insensitively, listed as received."""

    def __init__(self) -> None:
        super().__init__()
        self._lower: dict[str, str] = {}

    def __setitem__(self, name: str, value: str) -> None:
        super().__setitem__(name, value)
        self._lower[name.lower()] = value

    def get(self, name: str, default: Any = None) -> Any:
        return self._lower.get(name.lower(), default)


class EmulatorHTTPServer(ThreadingHTTPServer):
    """One thread per connection; :meth:`close_connections` lets :meth:`stop` be prompt."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: App) -> None:
        self.app = app
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every keep-alive connection's thread so it ends."""
        with self._conn_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
