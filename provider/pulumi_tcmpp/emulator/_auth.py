"""TC3-HMAC-SHA256 verification, with the same functions the client signs with.

The signature is recomputed from what was received, never from a re-serialisation: the raw
body bytes (or ``UNSIGNED-PAYLOAD`` when the client says so), the raw query string for GET,
and the Host and Content-Type headers exactly as sent. ``SignedHeaders`` may name more than
``content-type;host`` (TC3 allows it); the SDK never does.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from pulumi_tcmpp.api import signature as tc3
from pulumi_tcmpp.emulator._config import Credential
from pulumi_tcmpp.emulator._fault import ApiFault

__all__ = ["MAX_SKEW_SECONDS", "verify"]

MAX_SKEW_SECONDS = 300
"""Timestamp and server time may differ by five minutes (API 3.0 common parameters)."""

_SIGNATURE_FAILURE = (
    "The provided credentials could not be validated. Please check your signature is correct."
)


def _canonical(
    method: str, headers: Mapping[str, str], signed: list[str], payload: bytes, query: str
) -> str:
    if signed == ["content-type", "host"]:
        return tc3.canonical_request(
            method, headers.get("content-type", ""), headers.get("host", ""), payload, query
        )
    lines = "".join(f"{name}:{headers.get(name, '').strip().lower()}\n" for name in signed)
    digest = hashlib.sha256(payload).hexdigest()
    return f"{method}\n/\n{query}\n{lines}\n{';'.join(signed)}\n{digest}"


def _timestamp(headers: Mapping[str, str]) -> int:
    raw = headers.get("x-tc-timestamp")
    if raw is None:
        raise ApiFault(
            "MissingParameter", "The request is missing a required parameter `Timestamp`."
        )
    try:
        return int(raw)
    except ValueError:
        raise ApiFault(
            "InvalidParameter", f"The value of parameter `Timestamp` is not valid: {raw!r}."
        ) from None


def verify(
    *,
    method: str,
    headers: Mapping[str, str],
    body: bytes,
    query: str,
    service: str,
    now: float,
    credentials: Mapping[str, Credential],
) -> Credential:
    """The credential that signed the request, or :class:`ApiFault` saying what is wrong.

    ``headers`` has lower-case names. Checks run in this order: Authorization present and
    well-formed, timestamp within five minutes, SecretId known, scope (date and service)
    right, signature right, token right.
    """
    header = headers.get("authorization")
    if not header:
        raise ApiFault(
            "MissingParameter", "The request is missing a required parameter `Authorization`."
        )
    parsed = tc3.parse_authorization(header)
    if parsed is None:
        raise ApiFault(
            "AuthFailure.InvalidAuthorization",
            "The Authorization header is not a valid TC3-HMAC-SHA256 authorization.",
        )
    timestamp = _timestamp(headers)
    if abs(now - timestamp) > MAX_SKEW_SECONDS:
        raise ApiFault(
            "AuthFailure.SignatureExpire",
            f"Signature expired. Timestamp {timestamp} and server time {int(now)} cannot "
            "differ by more than five minutes.",
        )
    credential = credentials.get(parsed.secret_id)
    if credential is None:
        raise ApiFault(
            "AuthFailure.SecretIdNotFound",
            "The SecretId is not found, please ensure that your SecretId is correct.",
        )
    if parsed.date != tc3.credential_date(timestamp) or parsed.service != service:
        raise ApiFault(
            "AuthFailure.SignatureFailure",
            f"{_SIGNATURE_FAILURE} The credential scope must be "
            f"{tc3.credential_date(timestamp)}/{service}/tc3_request.",
        )
    signed = parsed.signed_headers.lower().split(";")
    if "content-type" not in signed or "host" not in signed:
        raise ApiFault(
            "AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type;host."
        )
    unsigned = headers.get("x-tc-content-sha256") == "UNSIGNED-PAYLOAD"
    payload = b"UNSIGNED-PAYLOAD" if unsigned else (b"" if method == "GET" else body)
    canonical = _canonical(method, headers, signed, payload, query if method == "GET" else "")
    to_sign = tc3.string_to_sign(canonical, timestamp, service)
    expected = tc3.signature(credential.secret_key, timestamp, service, to_sign)
    if not hmac.compare_digest(expected, parsed.signature):
        raise ApiFault("AuthFailure.SignatureFailure", _SIGNATURE_FAILURE)
    if credential.token is not None and headers.get("x-tc-token") != credential.token:
        raise ApiFault("AuthFailure.TokenFailure", "The provided Token is invalid or expired.")
    return credential
