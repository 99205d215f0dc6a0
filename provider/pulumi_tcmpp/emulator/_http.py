"""The socket side: a threading HTTP/1.1 server with keep-alive around :class:`App`.

Built on the standard library only. Each response goes out in one write with
``Content-Length`` and TCP_NODELAY, so a keep-alive client never waits on Nagle's algorithm;
a benchmark compares clients per call against this server, so it must not be the bottleneck.
"""

from __future__ import annotations

import contextlib
import json
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
_LINE_LIMIT = 65536
"""Longest request line, header line or chunk-size line, in bytes."""
_MAX_HEADERS = 100
_PIECE = 1 << 20
"""Bodies are read and dropped in pieces of this size: memory never holds more than the limit."""
_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
    501: "Not Implemented",
}


class _Refused(Exception):
    """A request the HTTP layer cannot read: answered with ``status`` and closed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 120
    server: EmulatorHTTPServer

    def handle_one_request(self) -> None:
        """Like the standard one, but any method reaches the app (it answers the protocol),
        and a request the HTTP layer cannot read gets an HTTP error answer, then a close."""
        self.command = ""
        try:
            self.raw_requestline = self.rfile.readline(_LINE_LIMIT + 1)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if len(self.raw_requestline) > _LINE_LIMIT:
                raise _Refused(414, f"the request line is longer than {_LINE_LIMIT} bytes")
            self._parse_head()
            self._dispatch()
            self.wfile.flush()
        except _Refused as refused:
            self._refuse(refused)
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def _refuse(self, refused: _Refused) -> None:
        """An HTTP error answer (JSON, like the admin endpoints) and the end of the connection:
        after a framing error nothing more on it can be trusted."""
        self.close_connection = True
        body = json.dumps({"error": refused.message}).encode()
        head = (
            f"HTTP/1.1 {refused.status} {_REASONS.get(refused.status, 'Bad Request')}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        )
        with contextlib.suppress(OSError):
            self.wfile.write(head.encode("latin-1") + body)
            self.wfile.flush()

    def _parse_head(self) -> None:
        """The request line and headers, parsed without the email package.

        ``BaseHTTPRequestHandler.parse_request`` reads headers with ``email.parser``, which
        cost more than answering the API call itself; a TencentCloud API request needs only
        ``name: value`` lines.
        """
        words = self.raw_requestline.decode("latin-1").rstrip("\r\n").split()
        if len(words) != 3 or not words[2].startswith("HTTP/"):
            raise _Refused(400, "the request line is not METHOD PATH HTTP/x.y")
        self.command, self.path, self.request_version = words
        headers = _Headers()
        for _ in range(_MAX_HEADERS + 1):
            line = self.rfile.readline(_LINE_LIMIT + 1)
            if line in (b"\r\n", b"\n", b""):
                break
            if len(line) > _LINE_LIMIT:
                raise _Refused(431, f"a header line is longer than {_LINE_LIMIT} bytes")
            if len(headers) >= _MAX_HEADERS:
                raise _Refused(431, f"more than {_MAX_HEADERS} header lines")
            name, sep, value = line.decode("latin-1").partition(":")
            if sep:
                headers[name.strip()] = value.strip()
        self.headers = headers  # type: ignore[assignment]
        connection = headers.get("Connection", "").lower()
        self.close_connection = connection == "close" or (
            self.request_version == "HTTP/1.0" and connection != "keep-alive"
        )

    def _read_body(self) -> bytes | None:
        """The body, or None when it is too large to accept (then the connection closes)."""
        encoding = self.headers.get("Transfer-Encoding", "").strip().lower()
        if encoding == "chunked":
            return self._read_chunked()
        if encoding not in ("", "identity"):
            raise _Refused(501, f"Transfer-Encoding {encoding!r} is not supported")
        text = self.headers.get("Content-Length", "0").strip()
        if not text.isdigit():
            raise _Refused(400, f"Content-Length {text!r} is not a number of bytes")
        length = int(text)
        if length > MAX_BODY_BYTES:
            self._discard(length)
            return None
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes | None:
        """A chunked body, holding at most the size limit: a chunk that would pass it is
        read and dropped in pieces (up to the drain limit, then the connection closes)."""
        chunks: list[bytes] = []
        total = 0
        while True:
            size = self._chunk_size()
            if size == 0:
                self._skip_trailers()
                return b"".join(chunks) if total <= MAX_BODY_BYTES else None
            total += size
            if total > MAX_BODY_BYTES:
                chunks.clear()
                if total > _DRAIN_LIMIT:
                    self.close_connection = True
                    return None
                self._discard(size)
            else:
                chunks.append(self._exactly(size))
            if self.rfile.readline(_LINE_LIMIT + 1).strip():
                raise _Refused(400, "a chunk is longer than its size says")

    def _chunk_size(self) -> int:
        line = self.rfile.readline(_LINE_LIMIT + 1)
        if not line:
            raise _Refused(400, "the chunked body ends before its last chunk")
        text = line.split(b";")[0].strip()
        try:
            size = int(text, 16)
        except ValueError:
            raise _Refused(400, f"chunk size {text[:32]!r} is not hexadecimal") from None
        if size < 0 or text.startswith((b"-", b"+")):
            raise _Refused(400, f"chunk size {text[:32]!r} is not a size")
        return size

    def _skip_trailers(self) -> None:
        for _ in range(_MAX_HEADERS + 1):
            if self.rfile.readline(_LINE_LIMIT + 1).strip() == b"":
                return
        raise _Refused(431, f"more than {_MAX_HEADERS} trailer lines")

    def _exactly(self, size: int) -> bytes:
        data = self.rfile.read(size)
        if len(data) != size:
            raise _Refused(400, "the body ends before the size it announced")
        return data

    def _discard(self, length: int) -> None:
        if length > _DRAIN_LIMIT:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, _PIECE))
            if not chunk:
                break
            remaining -= len(chunk)

    def _dispatch(self) -> None:
        body = self._read_body()
        if body is None:  # refused for its size: what follows on the connection is unknown
            self.close_connection = True
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

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard handler's error page, used by nothing here but kept well-formed."""
        self._refuse(_Refused(code, message or _REASONS.get(code, "error")))

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
