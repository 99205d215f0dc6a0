"""TC3-HMAC-SHA256, the signature of Tencent Cloud API 3.0, as pure functions.

The client signs with :func:`authorization`; the emulator checks with the same functions, so
both sides share one implementation, and the tests hold it to the vendor SDK's own signer.

What the vendor SDK signs, and therefore what this module signs:

* exactly the headers ``content-type;host``, with the literal Content-Type value sent and the
  Host value including a ``:port`` when the endpoint has one;
* the raw body bytes for POST (never a re-serialisation), and for GET the raw query string as
  the canonical query with an empty payload;
* a credential scope of ``<UTC date of the timestamp>/<service>/tc3_request`` where the
  service is the product name (``tcmpp``/``tcsas``), whatever the host is.

``X-TC-Token`` and the other ``X-TC-*`` headers are not signed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

__all__ = [
    "ALGORITHM",
    "ParsedAuthorization",
    "authorization",
    "canonical_request",
    "credential_date",
    "parse_authorization",
    "signature",
    "string_to_sign",
]

ALGORITHM = "TC3-HMAC-SHA256"
SIGNED_HEADERS = "content-type;host"


def credential_date(timestamp: int) -> str:
    """The scope date: the UTC calendar date of the request's timestamp."""
    return _date_of_day(timestamp // 86400)


@lru_cache(maxsize=16)
def _date_of_day(day: int) -> str:
    return datetime.fromtimestamp(day * 86400, tz=UTC).strftime("%Y-%m-%d")


def canonical_request(
    method: str, content_type: str, host: str, payload: bytes, query: str = ""
) -> str:
    """The canonical request; for GET pass the query string and an empty payload."""
    payload_hash = hashlib.sha256(payload).hexdigest()
    headers = f"content-type:{content_type}\nhost:{host}\n"
    return f"{method}\n/\n{query}\n{headers}\n{SIGNED_HEADERS}\n{payload_hash}"


def string_to_sign(canonical: str, timestamp: int, service: str) -> str:
    """What gets HMAC'd: algorithm, timestamp, scope and the hash of the canonical request."""
    scope = f"{credential_date(timestamp)}/{service}/tc3_request"
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{timestamp}\n{scope}\n{digest}"


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def signature(secret_key: str, timestamp: int, service: str, to_sign: str) -> str:
    """The hex signature: the HMAC chain date -> service -> "tc3_request" -> string to sign."""
    key = _signing_key(secret_key, credential_date(timestamp), service)
    return hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


@lru_cache(maxsize=64)
def _signing_key(secret_key: str, date: str, service: str) -> bytes:
    """The derived key of one day and service (it changes once a day, so it is cached)."""
    key = _hmac(("TC3" + secret_key).encode("utf-8"), date)
    key = _hmac(key, service)
    return _hmac(key, "tc3_request")


def authorization(
    *,
    secret_id: str,
    secret_key: str,
    service: str,
    timestamp: int,
    method: str,
    content_type: str,
    host: str,
    payload: bytes,
    query: str = "",
) -> str:
    """The value of the ``Authorization`` header for one request."""
    canonical = canonical_request(method, content_type, host, payload, query)
    sig = signature(secret_key, timestamp, service, string_to_sign(canonical, timestamp, service))
    scope = f"{credential_date(timestamp)}/{service}/tc3_request"
    return (
        f"{ALGORITHM} Credential={secret_id}/{scope}, "
        f"SignedHeaders={SIGNED_HEADERS}, Signature={sig}"
    )


@dataclass(frozen=True)
class ParsedAuthorization:
    """The parts of an ``Authorization`` header, as a server reads them."""

    secret_id: str
    date: str
    service: str
    signed_headers: str
    signature: str


_AUTH_RE = re.compile(
    r"^TC3-HMAC-SHA256 Credential=(?P<id>[^/]+)/(?P<date>\d{4}-\d{2}-\d{2})/(?P<service>[^/]+)"
    r"/tc3_request, ?SignedHeaders=(?P<signed>[^,]+), ?Signature=(?P<sig>[0-9a-f]{64})$"
)


def parse_authorization(header: str) -> ParsedAuthorization | None:
    """Split an ``Authorization`` header; None when it is not a TC3 header."""
    match = _AUTH_RE.match(header.strip())
    if match is None:
        return None
    return ParsedAuthorization(
        secret_id=match["id"],
        date=match["date"],
        service=match["service"],
        signed_headers=match["signed"],
        signature=match["sig"],
    )
