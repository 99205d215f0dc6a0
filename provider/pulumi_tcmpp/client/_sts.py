"""Fetching temporary credentials: STS (AssumeRole, AssumeRoleWithWebIdentity) and CVM metadata.

The calls go through an httpx transport like the API's, with the same signing (service
``sts``) and a few retries for what is safe to repeat: asking for credentials again only
mints another set. Refusals come back as the usual :class:`~pulumi_tcmpp.errors.ApiError`
subclasses; :mod:`._signing_method` adds which setting to fix.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from pulumi_tcmpp.api import sts
from pulumi_tcmpp.client._auth import Tc3Auth
from pulumi_tcmpp.client._keys import FixedKeys, Keys
from pulumi_tcmpp.client._retry import RetryPolicy
from pulumi_tcmpp.errors import ApiError, TransportError, api_error

__all__ = ["MetadataService", "StsClient"]

_LOG = logging.getLogger("pulumi_tcmpp.credentials")
_SNIPPET = 200
_RETRIED_CODES = ("RequestLimitExceeded", "InternalError")
"""Code prefixes worth another try: throttled, or the service's own failure."""


class StsClient:
    """STS at one endpoint; ``region`` goes in ``X-TC-Region``."""

    def __init__(
        self,
        endpoint: str,
        region: str,
        transport: httpx.BaseTransport,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] | None = None,
        owns_transport: bool = True,
    ) -> None:
        self.endpoint = endpoint.rstrip("/") + "/"
        self.region = region
        self._transport = transport
        self._timeout = httpx.Timeout(timeout, connect=10.0).as_dict()
        self._retry = retry or RetryPolicy(max_retries=2)
        self._clock = clock or time.time
        self._owns_transport = owns_transport

    def close(self) -> None:
        """Close the transport if this client made it."""
        if self._owns_transport:
            self._transport.close()

    def assume_role(self, keys: Keys, params: sts.AssumeRoleParams) -> sts.IssuedCredentials:
        """``AssumeRole``, signed with ``keys`` (the identity that assumes the role)."""
        return self._call(sts.ASSUME_ROLE, params.to_wire(), keys)

    def assume_role_with_web_identity(self, params: sts.WebIdentityParams) -> sts.IssuedCredentials:
        """``AssumeRoleWithWebIdentity``: unsigned, the OIDC token is the proof."""
        return self._call(sts.ASSUME_ROLE_WITH_WEB_IDENTITY, params.to_wire(), None)

    def _call(self, action: str, body: dict[str, Any], keys: Keys | None) -> sts.IssuedCredentials:
        payload = json.dumps(body, separators=(",", ":")).encode("utf-8")
        attempt = 0
        while True:
            try:
                return self._once(action, payload, keys)
            except (TransportError, ApiError) as exc:
                retryable = isinstance(exc, TransportError) or exc.code.startswith(_RETRIED_CODES)
                if not retryable or attempt >= self._retry.max_retries:
                    raise
                delay = self._retry.delay(attempt)
                _LOG.info("%s: retrying in %.2f s after %s", action, delay, exc)
                self._retry.sleep(delay)
                attempt += 1

    def _once(self, action: str, payload: bytes, keys: Keys | None) -> sts.IssuedCredentials:
        headers = {
            "Content-Type": "application/json",
            "X-TC-Action": action,
            "X-TC-Version": sts.VERSION,
            "X-TC-Region": self.region,
        }
        request = httpx.Request(
            "POST",
            self.endpoint,
            headers=headers,
            content=payload,
            extensions={"timeout": self._timeout},
        )
        if keys is None:
            request.headers["X-TC-Timestamp"] = str(int(self._clock()))
            request.headers["Authorization"] = "SKIP"
        else:
            signer = Tc3Auth(service=sts.SERVICE, clock=self._clock, keys=FixedKeys(keys))
            signer.sign(request)
        response = _exchange(self._transport, request, action)
        return _credentials(action, response)


class MetadataService:
    """The CVM instance metadata service (``http://metadata.tencentyun.com`` on a CVM)."""

    def __init__(
        self,
        endpoint: str,
        transport: httpx.BaseTransport,
        *,
        timeout: float = 5.0,
        retry: RetryPolicy | None = None,
        owns_transport: bool = True,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self._transport = transport
        self._timeout = httpx.Timeout(timeout, connect=2.0).as_dict()
        self._retry = retry or RetryPolicy(max_retries=2)
        self._owns_transport = owns_transport

    def close(self) -> None:
        """Close the transport if this service made it."""
        if self._owns_transport:
            self._transport.close()

    def role_name(self) -> str:
        """The CAM role bound to this instance (the first line of the listing)."""
        response = self._get(sts.METADATA_CREDENTIALS_PATH)
        if response.status_code == 404:
            raise LookupError("no CAM role is bound to this instance (the listing is 404)")
        text = response.content.decode("utf-8", errors="replace").strip()
        name = text.splitlines()[0].strip() if text else ""
        if response.status_code != 200 or not name:
            raise LookupError(
                f"the role listing answered HTTP {response.status_code}: {_snippet(response)}"
            )
        return name

    def credentials(self, role_name: str) -> sts.IssuedCredentials:
        """The current temporary credentials of ``role_name``."""
        response = self._get(sts.METADATA_CREDENTIALS_PATH + role_name)
        if response.status_code == 404:
            raise LookupError(f"the metadata service knows no role {role_name!r} (HTTP 404)")
        if response.status_code != 200:
            raise LookupError(f"HTTP {response.status_code}: {_snippet(response)}")
        try:
            document = json.loads(response.content)
        except ValueError:
            raise LookupError(f"the answer is not JSON: {_snippet(response)}") from None
        if not isinstance(document, dict):
            raise LookupError("the answer is not a JSON object")
        try:
            return sts.IssuedCredentials.from_metadata(document)
        except ValueError as exc:  # never quote the document: it may hold a key
            raise LookupError(str(exc)) from None

    def _get(self, path: str) -> httpx.Response:
        request = httpx.Request("GET", self.endpoint + path, extensions={"timeout": self._timeout})
        attempt = 0
        while True:
            try:
                return _exchange(self._transport, request, "metadata")
            except TransportError as exc:
                if attempt >= self._retry.max_retries:
                    raise
                delay = self._retry.delay(attempt)
                _LOG.info("CVM metadata service: retrying in %.2f s after %s", delay, exc)
                self._retry.sleep(delay)
                attempt += 1


def _exchange(transport: httpx.BaseTransport, request: httpx.Request, what: str) -> httpx.Response:
    try:
        response = transport.handle_request(request)
        response.request = request
        try:
            response.read()
        finally:
            response.close()
    except httpx.TransportError as exc:
        raise TransportError(what, f"{request.url}: {type(exc).__name__}: {exc}") from None
    return response


def _credentials(action: str, response: httpx.Response) -> sts.IssuedCredentials:
    if response.status_code != 200:
        raise TransportError(
            action, f"HTTP {response.status_code} from {response.url}: {_snippet(response)}"
        )
    try:
        envelope = json.loads(response.content)["Response"]
        request_id = str(envelope.get("RequestId") or "")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise TransportError(
            action, f"{response.url} did not answer with an API envelope: {_snippet(response)}"
        ) from None
    error = envelope.get("Error")
    if isinstance(error, dict):
        code = str(error.get("Code") or "UnknownError")
        raise api_error(action, code, str(error.get("Message") or ""), request_id or None)
    try:
        return sts.IssuedCredentials.from_sts(envelope)
    except ValueError as exc:
        raise TransportError(action, f"{exc} (RequestId: {request_id or '-'})") from None


def _snippet(response: httpx.Response) -> str:
    content = response.content
    text = content[:_SNIPPET].decode("utf-8", errors="replace")
    return repr(text) + (" ..." if len(content) > _SNIPPET else "")
