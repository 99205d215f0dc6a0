"""The keep-alive transport: pooling, stale connections, timeouts, TLS, proxies."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from pulumi_tcmpp.client._transport import KeepAliveTransport, default_transport

TIMEOUTS = {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}


class _Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: list[int] = []

    def setup(self) -> None:
        super().setup()
        type(self).connections.append(id(self.connection))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    _Hello.connections = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _post(transport: httpx.BaseTransport, url: str, body: bytes = b'{"a":1}') -> httpx.Response:
    request = httpx.Request("POST", url, content=body, extensions={"timeout": TIMEOUTS})
    return transport.handle_request(request)


def _url(server: ThreadingHTTPServer, scheme: str = "http") -> str:
    return f"{scheme}://127.0.0.1:{server.server_address[1]}/"


def test_sequential_requests_reuse_one_connection(server: ThreadingHTTPServer) -> None:
    transport = KeepAliveTransport()
    answers = [_post(transport, _url(server), f'{{"n":{i}}}'.encode()).content for i in range(20)]
    assert answers == [f'{{"n":{i}}}'.encode() for i in range(20)]
    assert len(set(_Hello.connections)) == 1
    transport.close()


def test_stale_keep_alive_socket_is_detected_before_reuse() -> None:
    """A server that closes an idle keep-alive connection: the next request reconnects."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    served: list[int] = []

    def answer_once_then_close() -> None:
        for _ in range(2):
            conn, _ = listener.accept()
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
            )
            served.append(1)
            conn.close()  # no "Connection: close": the client believes it may reuse it

    thread = threading.Thread(target=answer_once_then_close, daemon=True)
    thread.start()
    transport = KeepAliveTransport()
    url = f"http://127.0.0.1:{port}/"
    assert _post(transport, url).content == b"ok"
    _wait(lambda: len(served) == 1)
    assert _post(transport, url).content == b"ok"
    thread.join(5)
    listener.close()
    transport.close()


def test_connection_refused_is_a_connect_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = KeepAliveTransport()
    with pytest.raises(httpx.ConnectError):
        _post(transport, f"http://127.0.0.1:{port}/")
    transport.close()


def test_a_server_that_never_answers_is_a_read_timeout() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    request = httpx.Request(
        "POST", url, content=b"{}", extensions={"timeout": {**TIMEOUTS, "read": 0.2}}
    )
    transport = KeepAliveTransport()
    with pytest.raises(httpx.ReadTimeout):
        transport.handle_request(request)
    transport.close()
    for conn in accepted:
        conn.close()
    listener.close()


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_tls_checks_the_certificate(tmp_path: Path, server: ThreadingHTTPServer) -> None:
    cert, key = _self_signed(tmp_path)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    trusting = KeepAliveTransport(ssl_context=ssl.create_default_context(cafile=str(cert)))
    assert _post(trusting, _url(server, "https")).status_code == 200
    trusting.close()
    default = KeepAliveTransport()
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        _post(default, _url(server, "https"))
    default.close()


def test_a_proxy_in_the_environment_routes_through_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    assert isinstance(
        default_transport("https://tcmpp.intl.tencentcloudapi.com"), httpx.HTTPTransport
    )
    monkeypatch.setenv("NO_PROXY", "tencentcloudapi.com")
    assert isinstance(
        default_transport("https://tcmpp.intl.tencentcloudapi.com"), KeepAliveTransport
    )
    assert isinstance(default_transport("http://127.0.0.1:9480"), KeepAliveTransport)


def _wait(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    event = threading.Event()
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
    while not condition():
        if datetime.datetime.now() > deadline:
            raise AssertionError("condition not met in time")
        event.wait(0.01)
