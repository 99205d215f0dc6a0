"""The HTTP layer: every malformed request gets an error answer, quickly, in bounded memory.

Each request is written byte for byte on a raw socket (no client library would send these),
with a socket timeout so that a server that hangs fails the test instead of blocking it.
"""

from __future__ import annotations

import json
import socket
import tracemalloc
from collections.abc import Iterator

import httpx
import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator._config import MAX_BODY_BYTES
from tests.emulator.raw import error_code, signed_headers

TIMEOUT = 10.0
"""Seconds a test waits for an answer: far more than any answer takes, far less than a hang."""


def exchange(emu: Emulator, *parts: bytes) -> bytes:
    """Send the parts, then read until the server closes the connection."""
    with socket.create_connection((emu.host, emu.port), timeout=TIMEOUT) as sock:
        for part in parts:
            sock.sendall(part)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def status_of(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1.1 "), answer[:80]
    return int(answer.split(b" ", 2)[1])


def body_of(answer: bytes) -> dict[str, object]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Connection: close" in head
    result = json.loads(body)
    assert isinstance(result, dict)
    return result


@pytest.fixture(autouse=True)
def still_serving(emu: Emulator) -> Iterator[None]:
    """After every malformed request the server goes on answering others."""
    yield
    assert httpx.get(f"{emu.endpoint}/_emulator/health", timeout=TIMEOUT).status_code == 200


@pytest.mark.parametrize(
    "line", [b"GARBAGE\r\n", b"GET /\r\n", b"GET / FTP/1.0\r\n", b"\x00\x01\x02 / HTTP\r\n"]
)
def test_a_bad_request_line_is_answered_400(emu: Emulator, line: bytes) -> None:
    answer = exchange(emu, line + b"Host: x\r\n\r\n")
    assert status_of(answer) == 400
    assert "request line" in str(body_of(answer)["error"])


def test_a_request_line_over_64_kib_is_answered_414(emu: Emulator) -> None:
    answer = exchange(emu, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
    assert status_of(answer) == 414


def test_more_than_100_headers_are_answered_431(emu: Emulator) -> None:
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(101))
    answer = exchange(emu, b"POST / HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    assert status_of(answer) == 431
    assert "100 header lines" in str(body_of(answer)["error"])


def test_exactly_100_headers_are_read(emu: Emulator) -> None:
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(99))
    answer = exchange(
        emu, b"GET /_emulator/health HTTP/1.1\r\nConnection: close\r\n" + headers + b"\r\n"
    )
    assert status_of(answer) == 200


def test_a_header_line_over_64_kib_is_answered_431(emu: Emulator) -> None:
    answer = exchange(emu, b"POST / HTTP/1.1\r\nX-Big: " + b"v" * 70000 + b"\r\n\r\n")
    assert status_of(answer) == 431


@pytest.mark.parametrize("length", [b"-1", b"abc", b"1e3", b" "])
def test_a_content_length_that_is_not_a_size_is_answered_400(emu: Emulator, length: bytes) -> None:
    answer = exchange(emu, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + b"\r\n\r\n")
    assert status_of(answer) == 400
    assert "Content-Length" in str(body_of(answer)["error"])


@pytest.mark.parametrize("size", [b"zz", b"-1", b"+5", b""])
def test_a_chunk_size_that_is_not_a_size_is_answered_400(emu: Emulator, size: bytes) -> None:
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = exchange(emu, head, size + b"\r\nabcde\r\n0\r\n\r\n")
    assert status_of(answer) == 400


def test_a_chunk_longer_than_its_size_is_answered_400(emu: Emulator) -> None:
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = exchange(emu, head, b"2\r\nabcdef\r\n0\r\n\r\n")
    assert status_of(answer) == 400


def test_an_unknown_transfer_encoding_is_answered_501(emu: Emulator) -> None:
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"
    assert status_of(exchange(emu, head)) == 501


def test_a_chunked_body_ending_early_is_answered_400(emu: Emulator) -> None:
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    with socket.create_connection((emu.host, emu.port), timeout=TIMEOUT) as sock:
        sock.sendall(head + b"5\r\nab")
        sock.shutdown(socket.SHUT_WR)  # the client gives up half way through a chunk
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert status_of(answer) == 400


def test_a_correct_chunked_request_is_answered(emu: Emulator) -> None:
    body = json.dumps({"PlatformId": emu.platform_id}).encode()
    headers = signed_headers(emu, "DescribeMNPCategory", body)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:7], body[7:]))
    answer = exchange(
        emu,
        b"POST / HTTP/1.1\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n" + head + b"\r\n",
        chunks + b"0\r\n\r\n",
    )
    assert status_of(answer) == 200
    assert b'"TypeId":10000' in answer


def _oversize_answer(answer: bytes) -> str:
    assert status_of(answer) == 200
    return error_code(json.loads(answer.partition(b"\r\n\r\n")[2]))


def test_one_huge_chunk_is_refused_without_being_read(emu: Emulator) -> None:
    """A chunk announcing more than the drain limit: refused at once, nothing read."""
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = exchange(emu, head, b"%x\r\n" % (1 << 40), b"only the start of it")
    assert _oversize_answer(answer) == "RequestSizeLimitExceeded"


def test_an_oversized_chunked_body_is_refused_in_bounded_memory(emu: Emulator) -> None:
    """12 MB in one chunk and 3 MB more in small ones: the server reads them in pieces and
    answers RequestSizeLimitExceeded, holding far less than the whole body at any moment."""
    head = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    big = b"x" * (12 * 1024 * 1024)
    small = b"".join(b"100000\r\n" + b"y" * 0x100000 + b"\r\n" for _ in range(3))
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]
        answer = exchange(emu, head, b"%x\r\n" % len(big), big, b"\r\n", small, b"0\r\n\r\n")
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert _oversize_answer(answer) == "RequestSizeLimitExceeded"
    # the test's own 12 MB body is part of the peak; the server adds at most the limit
    assert peak < len(big) + len(small) + MAX_BODY_BYTES, peak


def test_an_oversized_content_length_is_refused(emu: Emulator) -> None:
    head = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % (1 << 40)
    assert _oversize_answer(exchange(emu, head)) == "RequestSizeLimitExceeded"
