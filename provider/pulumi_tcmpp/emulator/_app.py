"""The protocol core: one request in, one reply out, no socket needed.

Order of checks, the gateway's first and the product's last: method, size, the
``X-TC-Action``/``X-TC-Version`` headers, back end by version, the action in the routing
table, the TC3 signature, the rate limit, injected faults, the body, the parameters, the
platform, then the handler in one transaction. Every refusal is HTTP 200 with the error
envelope, because that is what the vendor SDK parses; only injected faults answer otherwise.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_tcmpp.api._base import BACKENDS, BackendName, Request, dump_data
from pulumi_tcmpp.api.actions import actions_of
from pulumi_tcmpp.api.backends import TCMPP, TCSAS, Backend
from pulumi_tcmpp.emulator._auth import verify
from pulumi_tcmpp.emulator._config import (
    MAX_BODY_BYTES,
    MAX_QUERY_BYTES,
    BuildMode,
    Credential,
)
from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._control import handle_admin
from pulumi_tcmpp.emulator._fault import ApiFault
from pulumi_tcmpp.emulator._faults import FaultRule, FaultSet
from pulumi_tcmpp.emulator._lag import LaggedView, RecordingTx, WriteLog
from pulumi_tcmpp.emulator._log import RequestLog, redact
from pulumi_tcmpp.emulator._page_codes import substitute
from pulumi_tcmpp.emulator._ratelimit import RateLimiter
from pulumi_tcmpp.emulator._readings import Readings
from pulumi_tcmpp.emulator._seed import seed_platform
from pulumi_tcmpp.emulator._store import Store, Tx
from pulumi_tcmpp.emulator._validate import parse_query, validate
from pulumi_tcmpp.emulator._wsgi import wsgi_app
from pulumi_tcmpp.emulator.handlers import HANDLERS, Handler
from pulumi_tcmpp.emulator.handlers.sts import VERSION as STS_VERSION
from pulumi_tcmpp.emulator.handlers.sts import Sts

__all__ = ["App", "Reply", "Route", "build_routes"]

_LOG = logging.getLogger("pulumi_tcmpp.emulator")
_VERSIONS: dict[str, Backend] = {TCMPP.version: TCMPP, TCSAS.version: TCSAS}
_API_METHODS = ("GET", "POST")
_HTML_503 = b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"


@dataclass(frozen=True)
class Route:
    """One entry of the routing table: the request model and its handler."""

    request: type[Request[Any]]
    handler: Handler


def build_routes() -> dict[BackendName, dict[str, Route]]:
    """Back end -> action -> route, from the API catalogue and the handler tables."""
    return {
        backend: {
            name: Route(cls, HANDLERS[name])
            for name, cls in actions_of(backend).items()
            if name in HANDLERS
        }
        for backend in BACKENDS
    }


@dataclass
class Reply:
    """What goes back: status, body, content type; ``drop`` means close without answering."""

    status: int
    body: bytes
    content_type: str = "application/json"
    drop: bool = False


@dataclass
class _Call:
    """What the request log records about one API request."""

    request_id: str
    time: float
    action: str | None = None
    backend: Backend | None = None
    platform_id: str | None = None
    params: Any = None
    code: str | None = None
    status: int = 200
    fault: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def entry(self) -> dict[str, Any]:
        return {
            "time": self.time,
            "action": self.action,
            "service": self.backend.service if self.backend else None,
            "version": self.backend.version if self.backend else None,
            "platform_id": self.platform_id,
            "code": self.code,
            "request_id": self.request_id,
            "params": redact(self.params),
            "status": self.status,
            "fault": self.fault,
        }


def _envelope(payload: dict[str, Any]) -> bytes:
    return json.dumps({"Response": payload}, ensure_ascii=False, separators=(",", ":")).encode()


def _error(call: _Call, fault: ApiFault) -> Reply:
    call.code = fault.code
    body = {"Error": {"Code": fault.code, "Message": fault.message}, "RequestId": call.request_id}
    return Reply(200, _envelope(body))


class App:
    """The emulator without a socket: state, settings and :meth:`handle`."""

    def __init__(
        self,
        *,
        store: Store,
        credentials: Iterable[Credential],
        platform_ids: Iterable[str],
        rate_limit: float | None,
        faults: Iterable[FaultRule] = (),
        build: BuildMode | None = None,
        seed: int | None = None,
        clock: Callable[[], float] = time.time,
        readings: Readings | None = None,
        latency: float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.latency = latency
        self._sleep = sleep
        self.credentials = {c.secret_id: c for c in credentials}
        self.platform_ids = tuple(platform_ids)
        if not self.platform_ids:
            raise ValueError("the emulator needs at least one platform")
        self.routes = build_routes()
        self.limiter = RateLimiter(rate_limit)
        self.sts = Sts()
        self.log = RequestLog()
        self.clock_offset = 0.0
        self._initial_faults = tuple(faults)
        self._initial_build = build or BuildMode()
        self._seed = seed
        self._clock = clock
        self.faults = FaultSet(self._initial_faults, seed)
        self.build = self._initial_build
        self.rng = random.Random(seed)
        self._initial_readings = readings or Readings()
        self.readings = self._initial_readings
        self.writes = WriteLog()
        self._seed_platforms()

    # -- settings ---------------------------------------------------------------------------

    def now(self) -> float:
        """The emulator's clock: the machine's, moved by :attr:`clock_offset` seconds."""
        return self._clock() + self.clock_offset

    def _seed_platforms(self) -> None:
        with self.store.transaction() as tx:
            for platform_id in self.platform_ids:
                seed_platform(tx, platform_id, self.readings)

    def set_readings(self, readings: Readings) -> None:
        """Serve other readings from now on (day-one records they add appear at once)."""
        self.readings = readings
        if not readings.visibility_lag:
            self.writes.clear()
        self._seed_platforms()

    def visible_at(self) -> float:
        """The emulator time from which every write so far is visible to reads."""
        last = self.writes.last_write()
        return self.now() if last is None else max(self.now(), last + self.readings.visibility_lag)

    def reset(self) -> None:
        """Back to day one: state, log, faults, clock, build mode, readings and rate limits."""
        self.store.clear()
        self.readings = self._initial_readings
        self.writes.clear()
        self._seed_platforms()
        self.log.clear()
        self.faults = FaultSet(self._initial_faults, self._seed)
        self.build = self._initial_build
        self.clock_offset = 0.0
        self.limiter.reset()
        self.sts.clear()
        self.rng = random.Random(self._seed)

    @property
    def wsgi(self) -> Callable[[dict[str, Any], Any], Iterable[bytes]]:
        """This app as a WSGI callable (in-process clients, no socket)."""
        return wsgi_app(self)

    # -- protocol ---------------------------------------------------------------------------

    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
        *,
        oversize: bool = False,
    ) -> Reply:
        """One HTTP request, answered. ``headers`` may use any case; ``oversize`` says the
        transport refused to read a body over the size limit."""
        lowered = {k.lower(): v for k, v in headers.items()}
        if path.startswith("/_emulator"):
            return handle_admin(self, method, path, query, body)
        if path.startswith("/latest/meta-data"):
            return self.sts.metadata(self, method, path)
        self._travel()
        call = _Call(request_id=str(uuid.uuid4()), time=self.now())
        try:
            reply = self._api(call, method.upper(), query, lowered, body, oversize)
        except ApiFault as fault:
            reply = _error(call, fault)
        except Exception as exc:  # a bug must still answer the protocol, never a 500 page
            _LOG.exception("emulator failure in %s", call.action)
            reply = _error(call, ApiFault("InternalError", f"The emulator failed: {exc!r}"))
        call.status = reply.status
        self.log.append(call.entry())
        self._travel()
        return reply

    def _travel(self) -> None:
        """Half of :attr:`latency`: the request's way in, or the answer's way out.

        A network round trip is paid by every API request, whatever its answer (refusals
        included), and holds no lock: requests on other connections travel meanwhile. The
        ``latency`` fault kind cannot stand for it: it fires after the signature and rate
        limit checks, only on the way in, and draws from the seeded fault generator.
        """
        if self.latency > 0:
            self._sleep(self.latency / 2)

    def _api(
        self,
        call: _Call,
        method: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
        oversize: bool,
    ) -> Reply:
        if method not in _API_METHODS:
            raise ApiFault(
                "UnsupportedProtocol",
                f"HTTP method {method} is not supported; only GET and POST requests are.",
            )
        if oversize or len(body) > MAX_BODY_BYTES or len(query) > MAX_QUERY_BYTES:
            raise ApiFault(
                "RequestSizeLimitExceeded",
                "The request is too large: POST bodies are limited to 10 MB, GET query "
                "strings to 32 KB.",
            )
        if headers.get("x-tc-version") == STS_VERSION:
            return self.sts.handle(self, call, method, query, headers, body)
        backend, route = self._route(call, headers)
        credential = verify(
            method=method,
            headers=headers,
            body=body,
            query=query,
            service=backend.service,
            now=self.now(),
            credentials=self.sts.keyring(self.credentials, self.now()),
        )
        if not self.limiter.allow(credential.secret_id, route.request.action):
            raise ApiFault(
                "RequestLimitExceeded",
                f"Your requests to `{route.request.action}` exceed the frequency limit of "
                f"{self.limiter.rate:g} per second. Please reduce the frequency of calls.",
            )
        early = self._inject(call, backend, "before")
        if early is not None:
            return early
        params = self._params(method, query, headers, body)
        call.params = params
        reply = self._run(call, backend, route, credential, params, strict=method == "POST")
        late = self._inject(call, backend, "after")
        return late if late is not None else reply

    def _route(self, call: _Call, headers: Mapping[str, str]) -> tuple[Backend, Route]:
        action = headers.get("x-tc-action")
        version = headers.get("x-tc-version")
        call.action = action
        if not action:
            raise ApiFault(
                "MissingParameter", "The request is missing a required parameter `Action`."
            )
        if not version:
            raise ApiFault(
                "MissingParameter", "The request is missing a required parameter `Version`."
            )
        backend = _VERSIONS.get(version)
        if backend is None:
            raise ApiFault(
                "NoSuchVersion",
                f"The requested version `{version}` does not exist; tcmpp is 2024-08-01 and "
                "tcsas is 2025-01-06.",
            )
        call.backend = backend
        route = self.routes[backend.name].get(action)
        if route is None:
            raise ApiFault(
                "InvalidAction",
                f"The requested action `{action}` does not exist in {backend.service} "
                f"{backend.version}.",
            )
        return backend, route

    def _inject(self, call: _Call, backend: Backend, when: str) -> Reply | None:
        """Apply the fault rules that fire now; a Reply when one replaces the answer."""
        assert call.action is not None
        for rule in self.faults.draw(call.action, backend.name, when):
            if rule.kind == "latency":
                time.sleep(rule.seconds)
                continue
            call.fault = rule.kind
            if rule.kind == "drop":
                return Reply(0, b"", drop=True)
            if rule.kind == "http":
                call.code = None
                return Reply(rule.status, _HTML_503, content_type="text/html")
            return _error(call, ApiFault(rule.code, rule.message))
        return None

    @staticmethod
    def _params(method: str, query: str, headers: Mapping[str, str], body: bytes) -> Any:
        if method == "GET":
            return parse_query(query)
        content_type = headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() != "application/json":
            raise ApiFault(
                "InvalidParameter",
                f"Content-Type `{content_type}` is not supported: POST bodies must be "
                "application/json.",
            )
        if not body.strip():
            return {}
        try:
            params = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ApiFault("InvalidParameter", "The request body is not valid JSON.") from None
        if not isinstance(params, dict):
            raise ApiFault("InvalidParameter", "The request body must be a JSON object.")
        return params

    def _run(
        self,
        call: _Call,
        backend: Backend,
        route: Route,
        credential: Credential,
        params: dict[str, Any],
        *,
        strict: bool,
    ) -> Reply:
        readings = self.readings
        try:
            request = validate(route.request, params, backend.name, strict=strict)
            request = self._capped(request, readings)
            platform_id = self._platform_of(request)
            call.platform_id = platform_id
            data = self._handle(call, backend, route, credential, request, readings)
        except ApiFault as fault:
            if readings.page_listed_codes and backend.name == "tcmpp":
                raise substitute(route.request.action, fault) from None
            raise
        payload: dict[str, Any] = {}
        if route.request.data_type not in (None, type(None)):
            payload["Data"] = dump_data(data, backend.name)
        payload["RequestId"] = call.request_id
        return Reply(200, _envelope(payload))

    def _handle(
        self,
        call: _Call,
        backend: Backend,
        route: Route,
        credential: Credential,
        request: Request[Any],
        readings: Readings,
    ) -> Any:
        """Run the handler in one transaction, reads lagging when the readings say so."""
        lag = readings.visibility_lag
        now = self.now()
        with self.store.transaction() as store_tx:
            tx: Tx = RecordingTx(store_tx) if lag else store_tx
            view: Tx | None = None
            if lag and route.request.kind == "read":
                view = LaggedView(tx, self.writes.hidden_since(now - lag))
            ctx = Ctx(
                tx=tx,
                backend=backend.name,
                platform_id=str(call.platform_id),
                caller=credential.account_id,
                now=int(now),
                request_id=call.request_id,
                rng=self.rng,
                build=self.build,
                readings=readings,
                view=view,
                platform_admin=credential.platform_admin,
            )
            data = route.handler(ctx, request)
            if isinstance(tx, RecordingTx):
                self.writes.record(now, tx.before, keep=lag)
        return data

    @staticmethod
    def _capped(request: Request[Any], readings: Readings) -> Request[Any]:
        """A list request asking for more rows than the ``max_page_size`` reading allows."""
        cap = readings.max_page_size
        if cap is None or not request.paginated or getattr(request, "limit", 0) <= cap:
            return request
        return request.model_copy(update={"limit": cap})

    def _platform_of(self, request: Request[Any]) -> str:
        platform_id = getattr(request, "platform_id", None)
        if platform_id is None:
            return self.platform_ids[0]
        if platform_id not in self.platform_ids:
            raise ApiFault(
                "InvalidParameterValue.InvalidPlatformId",
                f"The platform `{platform_id}` does not exist.",
            )
        return str(platform_id)
