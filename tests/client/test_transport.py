"""The transport (httpx's own): pooling, stale connections, timeouts, TLS, proxies."""

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

from pulumi_tcmpp.client._transport import default_transport, proxy_for

TIMEOUTS = {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}
LOCAL = "http://127.0.0.1"


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
    response = transport.handle_request(request)
    try:
        response.read()
    finally:
        response.close()
    return response


def _url(server: ThreadingHTTPServer, scheme: str = "http") -> str:
    return f"{scheme}://127.0.0.1:{server.server_address[1]}/"


def test_sequential_requests_reuse_one_connection(server: ThreadingHTTPServer) -> None:
    transport = default_transport(LOCAL)
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
    transport = default_transport(LOCAL)
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
    transport = default_transport(LOCAL)
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
    transport = default_transport(LOCAL)
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
    trusting = default_transport(LOCAL, verify=ssl.create_default_context(cafile=str(cert)))
    assert _post(trusting, _url(server, "https")).status_code == 200
    trusting.close()
    default = default_transport(LOCAL)
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        _post(default, _url(server, "https"))
    default.close()


def test_the_proxy_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    assert proxy_for("https://tcmpp.intl.tencentcloudapi.com") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    assert proxy_for("https://tcmpp.intl.tencentcloudapi.com") == "http://proxy.internal:3128"
    assert proxy_for("http://127.0.0.1:9480") is None
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.internal:3128")
    assert proxy_for("http://127.0.0.1:9480") is None  # the emulator: never through a proxy
    assert proxy_for("http://localhost:9480") is None
    monkeypatch.setenv("NO_PROXY", "tencentcloudapi.com")
    assert proxy_for("https://tcmpp.intl.tencentcloudapi.com") is None


def test_requests_go_through_the_proxy_the_environment_names(
    monkeypatch: pytest.MonkeyPatch, server: ThreadingHTTPServer
) -> None:
    """HTTP_PROXY pointing at a loopback server: it receives the absolute-form request."""
    seen: list[str] = []

    class _Proxy(_Hello):
        def do_POST(self) -> None:
            seen.append(self.path)
            super().do_POST()

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    proxy.daemon_threads = True
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
    target = "http://tcmpp.example.invalid/"
    transport = default_transport(target)
    try:
        assert _post(transport, target).content == b'{"a":1}'
    finally:
        transport.close()
        proxy.shutdown()
        proxy.server_close()
    assert seen == [target]


def _wait(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    event = threading.Event()
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
    while not condition():
        if datetime.datetime.now() > deadline:
            raise AssertionError("condition not met in time")
        event.wait(0.01)
