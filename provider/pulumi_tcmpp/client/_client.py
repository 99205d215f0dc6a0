"""The client: one pooled httpx connection set, a limiter per action, retries, typed errors.

``Client.call(request)`` runs the pipeline ``check back end -> serialise -> (limit -> sign ->
send -> parse) with retries -> Reply``. It knows nothing of resources; it speaks the API
described in :mod:`pulumi_tcmpp.api`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, cast

import httpx
import pydantic

from pulumi_tcmpp.api._base import DataT, Request
from pulumi_tcmpp.client._auth import Tc3Auth
from pulumi_tcmpp.client._keys import EXPIRED_CODES, Keys
from pulumi_tcmpp.client._ratelimit import limiter_for
from pulumi_tcmpp.client._retry import Failure, RetryPolicy
from pulumi_tcmpp.client._roles import key_source_for
from pulumi_tcmpp.client._settings import Settings
from pulumi_tcmpp.client._transport import default_transport
from pulumi_tcmpp.errors import (
    AuthError,
    OutcomeUnknownError,
    TcmppError,
    TransportError,
    UnsupportedActionError,
    api_error,
)

__all__ = ["USER_AGENT", "Client", "Reply", "client_for"]

USER_AGENT = "pulumi-tcmpp/0.1.0"
_LOG = logging.getLogger("pulumi_tcmpp.client")
_SNIPPET = 200


@dataclass(frozen=True)
class Reply(Generic[DataT]):
    """A successful answer: the typed ``Data`` and the ``RequestId``.

    The RequestId matters beyond support tickets: CreatePresetKey's key is named by it.
    """

    data: DataT
    request_id: str


class _Retryable(Exception):
    """One failed attempt that the policy may retry (internal to the pipeline)."""

    def __init__(self, failure: Failure | None, error: Exception) -> None:
        super().__init__(str(error))
        self.failure = failure
        self.error = error


class Client:
    """A synchronous TCMPP client for one set of :class:`Settings`.

    **Parameters:**

    * **settings** - credentials, endpoint, back end, limits (see :class:`Settings`).
    * **transport** - an httpx transport to use instead of the network (tests); STS and the
      metadata service are reached through it too.
    * **retry** - the :class:`RetryPolicy` (attempts, back-off, injected sleep).
    * **clock** - the source of ``X-TC-Timestamp`` (tests inject one).

    ```python
    client = Client(Settings.resolve())
    reply = client.call(DescribeTeamList(offset=0, limit=10, platform_id="T0425..."))
    ```
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.retry = retry or RetryPolicy(max_retries=settings.max_retries)
        backend = settings.backend
        headers = {
            "Content-Type": "application/json",
            "X-TC-Version": backend.version,
            "X-TC-Language": "en-US",
            "X-TC-RequestClient": USER_AGENT,
            "User-Agent": USER_AGENT,
        }
        if settings.region:
            headers["X-TC-Region"] = settings.region
        self._headers = headers
        self._url = httpx.URL(settings.base_url.rstrip("/") + "/")
        self._timeout = httpx.Timeout(settings.timeout, connect=10.0, pool=60.0).as_dict()
        self._keys = key_source_for(settings, transport=transport, retry=self.retry, clock=clock)
        self._auth = Tc3Auth(service=backend.service, clock=clock, keys=self._keys)
        self._transport = transport or default_transport(settings.base_url)

    def close(self) -> None:
        """Close the pooled connections (the API's, and STS's or the metadata service's)."""
        self._transport.close()
        self._keys.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(self, request: Request[DataT]) -> Reply[DataT]:
        """Send one request; returns its Reply or raises a :mod:`pulumi_tcmpp.errors` error."""
        payload = self._serialise(request)
        limiter = limiter_for(self.settings.base_url, request.action, self.settings.rate_limit)
        attempt = 0
        while True:
            limiter.acquire()
            try:
                return cast(Reply[DataT], self._attempt(request, payload, attempt))
            except _Retryable as failed:
                if attempt >= self.retry.max_retries:
                    raise failed.error from None
                delay = self.retry.delay(attempt)
                _LOG.info(
                    "%s: attempt %d of %d failed (%s); retrying in %.2f s",
                    request.action,
                    attempt + 1,
                    self.retry.max_retries + 1,
                    failed.error,
                    delay,
                )
                self.retry.sleep(delay)
                attempt += 1

    def paginate(self, request: Request[Any], page_size: int = 100) -> Iterator[Any]:
        """Every row of a paged list action, walking Offset/Limit.

        The next page starts where the rows so far end, whatever Limit asked: the service may
        cap a page below it (no page documents a maximum). Paging stops on an empty page, or
        once TotalCount rows were seen; without a TotalCount, on a page shorter than asked (or
        one that repeats the last, from a service that ignores Offset).
        """
        if not request.paginated:
            raise TypeError(f"{request.action} is not a paged action")
        offset = 0
        last: list[Any] = []
        while True:
            page = self.call(request.model_copy(update={"offset": offset, "limit": page_size}))
            rows = list(getattr(page.data, "data_list", None) or [])
            if rows and rows == last:
                return
            yield from rows
            offset += len(rows)
            total = getattr(page.data, "total_count", None)
            if not rows or (offset >= total if total else len(rows) < page_size):
                return
            last = rows

    def _serialise(self, request: Request[Any]) -> bytes:
        backend = self.settings.backend.name
        if backend not in request.backends:
            raise UnsupportedActionError(
                f"{request.action} does not exist on the {backend} back end "
                f"(it exists on: {', '.join(request.backends)}); nothing was sent"
            )
        try:
            body = request.to_wire(backend)
        except ValueError as exc:
            raise UnsupportedActionError(f"{exc}; nothing was sent") from None
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _send(self, action: str, payload: bytes) -> tuple[httpx.Response, Keys]:
        """One signed POST straight to the pooled transport.

        It goes through an httpx transport (by default httpx's pooled ``HTTPTransport``, see
        :mod:`._transport`); httpx's client layer (URL merging, cookies, redirects, auth flows)
        is skipped because one POST to one endpoint needs none of it, and it cost more per
        call than everything else here together.
        """
        request = httpx.Request(
            "POST",
            self._url,
            headers={**self._headers, "X-TC-Action": action},
            content=payload,
            extensions={"timeout": self._timeout},
        )
        keys = self._auth.sign(request)
        response = self._transport.handle_request(request)
        response.request = request
        try:
            response.read()
        finally:
            response.close()
        return response, keys

    def _attempt(self, request: Request[Any], payload: bytes, attempt: int) -> Reply[Any]:
        action = request.action
        started = time.perf_counter()
        try:
            reply = self._exchange(request, payload)
        except _Expired as expired:
            # The keys were at fault, not the request: renew them and send once more,
            # outside the retry budget.
            self._keys.invalidate(expired.keys)
            _LOG.info(
                "%s: temporary credentials refused (%s); renewed them, sending again",
                action,
                expired.error.code,
            )
            try:
                reply = self._exchange(request, payload)
            except _Expired as again:
                raise again.error from None
        elapsed = (time.perf_counter() - started) * 1000
        _LOG.debug("%s attempt %d: %.1f ms, %s", action, attempt + 1, elapsed, reply.request_id)
        data = _validate_data(request, action, reply.data)
        return Reply(data=data, request_id=reply.request_id)

    def _exchange(self, request: Request[Any], payload: bytes) -> Reply[Any]:
        """Send once and parse; temporary keys refused as expired raise :class:`_Expired`."""
        action = request.action
        try:
            response, keys = self._send(action, payload)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            error = TransportError(action, f"could not connect: {exc}")
            raise _failed(request, "not_sent", error) from None
        except httpx.TransportError as exc:
            detail = f"{type(exc).__name__}: {exc}"
            raise _failed(request, "lost", TransportError(action, detail)) from None
        try:
            return _parse(request, response)
        except AuthError as exc:
            if self._keys.refreshable and exc.code in EXPIRED_CODES:
                raise _Expired(exc, keys) from None
            raise


class _Expired(Exception):
    """Temporary keys the service refused as expired (internal to the pipeline)."""

    def __init__(self, error: AuthError, keys: Keys) -> None:
        super().__init__(str(error))
        self.error = error
        self.keys = keys


def _failed(request: Request[Any], failure: Failure, error: TcmppError) -> Exception:
    """The attempt's failure as the retry policy classes it: retryable, unknown, or final."""
    decision = RetryPolicy.decide(failure, request.kind, request.repeatable)
    if decision == "retry":
        return _Retryable(failure, error)
    return OutcomeUnknownError(
        request.action,
        f"{_detail(error)}. The request was sent but its outcome is unknown; it was not "
        "retried because creates are not idempotent",
    )


def _detail(error: TcmppError) -> str:
    return error.detail if isinstance(error, TransportError) else str(error)


def _parse(request: Request[Any], response: httpx.Response) -> Reply[Any]:
    """Turn an HTTP answer into a Reply with raw Data, or raise/flag the right error."""
    action = request.action
    if response.status_code != 200:
        detail = f"HTTP {response.status_code} from {response.url}: {_snippet(response.content)}"
        if response.status_code == 429:  # the gateway throttled it: not processed
            raise _failed(request, "throttled", TransportError(action, detail))
        if response.status_code >= 500:
            raise _failed(request, "http_5xx", TransportError(action, detail))
        raise TransportError(action, detail)
    try:
        document = json.loads(response.content)
        envelope = document["Response"]
        request_id = str(envelope.get("RequestId") or "")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise TransportError(
            action,
            f"the endpoint {response.url} did not answer with a TencentCloud API envelope: "
            f"{_snippet(response.content)}",
        ) from None
    error = envelope.get("Error")
    if isinstance(error, dict):
        code = str(error.get("Code") or "UnknownError")
        failure = api_error(action, code, str(error.get("Message") or ""), request_id or None)
        kind = RetryPolicy.failure_of_code(code)
        if kind is not None:
            raise _failed(request, kind, failure)
        raise failure
    return Reply(data=envelope.get("Data"), request_id=request_id)


def _validate_data(request: Request[Any], action: str, raw: Any) -> Any:
    try:
        return request.data_adapter().validate_python(raw)
    except pydantic.ValidationError as exc:
        raise TransportError(
            action, f"the response Data does not match the API description: {exc}"
        ) from None


def _snippet(content: bytes) -> str:
    text = content[:_SNIPPET].decode("utf-8", errors="replace")
    return repr(text) + (" ..." if len(content) > _SNIPPET else "")


_CLIENTS: dict[Settings, Client] = {}
_CLIENTS_LOCK = threading.Lock()


@atexit.register
def _close_clients() -> None:
    """Close the process-wide clients' pooled connections when the process ends (a program
    that ran lookups, a provider process), instead of leaving open sockets to the collector."""
    with _CLIENTS_LOCK:
        clients = list(_CLIENTS.values())
        _CLIENTS.clear()
    for client in clients:
        with contextlib.suppress(Exception):
            client.close()


def client_for(settings: Settings) -> Client:
    """The process-wide client of these settings, so connections are pooled across calls.

    Providers call this inside each method: the client lives in the provider process only and
    is never pickled into ``__provider``.
    """
    client = _CLIENTS.get(settings)
    if client is None:
        with _CLIENTS_LOCK:
            client = _CLIENTS.get(settings)
            if client is None:
                client = _CLIENTS[settings] = Client(settings)
    return client
