"""The emulator as a running server: :class:`Emulator`, a context manager for code and tests.

>>> with Emulator() as emu:                       # doctest: +SKIP
...     print(emu.endpoint, emu.secret_id, emu.platform_id)

It binds 127.0.0.1 on a free port unless told otherwise, serves the TCMPP API (both back
ends) and the ``/_emulator`` control endpoints on that port, and stops cleanly on exit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from pulumi_tcmpp.emulator._app import App
from pulumi_tcmpp.emulator._config import (
    DEFAULT_PLATFORM_ID,
    DEFAULT_RATE_LIMIT,
    BuildMode,
    Credential,
    CredentialLike,
    credentials_from,
)
from pulumi_tcmpp.emulator._control import finish_task, state_of
from pulumi_tcmpp.emulator._faults import FaultRule
from pulumi_tcmpp.emulator._http import EmulatorHTTPServer
from pulumi_tcmpp.emulator._readings import Readings, readings_of
from pulumi_tcmpp.emulator._sqlite import SqliteStore
from pulumi_tcmpp.emulator._store import MemoryStore, Store

__all__ = ["Emulator", "create_app"]


def create_app(
    *,
    state_file: str | Path | None = None,
    rate_limit: float | None = DEFAULT_RATE_LIMIT,
    credentials: Iterable[CredentialLike] | Mapping[str, str] | None = None,
    platform_ids: Iterable[str] | None = None,
    faults: Iterable[FaultRule | Mapping[str, Any]] = (),
    build_mode: BuildMode | None = None,
    seed: int | None = None,
    profile: str | None = None,
    readings: Readings | Mapping[str, Any] | None = None,
    latency: float = 0.0,
) -> App:
    """The protocol core without a socket (``app.handle(...)`` or ``app.wsgi``).

    ``profile`` names a set of readings (``default`` or ``doc-literal``); ``readings`` changes
    some on top (a mapping of names to values) or replaces them (a :class:`Readings`).
    ``latency`` is the seconds of network round trip every API request pays.
    """
    if latency < 0:
        raise ValueError(f"latency must be 0 or more seconds, not {latency}")
    store: Store = SqliteStore(state_file) if state_file else MemoryStore()
    return App(
        store=store,
        credentials=credentials_from(credentials),
        platform_ids=list(platform_ids or [DEFAULT_PLATFORM_ID]),
        rate_limit=rate_limit,
        faults=[f if isinstance(f, FaultRule) else FaultRule.from_dict(f) for f in faults],
        build=build_mode,
        seed=seed,
        readings=readings_of(profile, readings),
        latency=latency,
    )


class Emulator:
    """A TCMPP emulator on a loopback port, started by ``with`` or :meth:`start`.

    ``rate_limit`` is requests per second per (SecretId, action); ``None`` or 0 disables it.
    ``credentials`` are the key pairs accepted (default: :data:`DEFAULT_SECRET_ID` /
    :data:`DEFAULT_SECRET_KEY`); the first is exposed as :attr:`secret_id`/:attr:`secret_key`.
    ``platform_ids`` are the platforms that exist (default: the docs' ``T04257DS9431720WTAG``);
    the first is :attr:`platform_id`. ``seed`` makes generated IDs and fault draws repeatable.
    ``profile`` and ``readings`` choose how ambiguous documents are read (see
    :class:`~pulumi_tcmpp.emulator.Readings`). ``latency`` adds a network round trip of that
    many seconds to every API request (half each way; requests still run concurrently).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        state_file: str | Path | None = None,
        rate_limit: float | None = DEFAULT_RATE_LIMIT,
        credentials: Iterable[CredentialLike] | Mapping[str, str] | None = None,
        platform_ids: Iterable[str] | None = None,
        faults: Iterable[FaultRule | Mapping[str, Any]] = (),
        build_mode: BuildMode | None = None,
        seed: int | None = None,
        profile: str | None = None,
        readings: Readings | Mapping[str, Any] | None = None,
        latency: float = 0.0,
    ) -> None:
        self.app = create_app(
            state_file=state_file,
            rate_limit=rate_limit,
            credentials=credentials,
            platform_ids=platform_ids,
            faults=faults,
            build_mode=build_mode,
            seed=seed,
            profile=profile,
            readings=readings,
            latency=latency,
        )
        self._address = (host, port)
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> Emulator:
        """Bind and serve in a background thread; returns self."""
        if self._server is not None:
            return self
        self._server = EmulatorHTTPServer(self._address, self.app)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"tcmpp-emulator-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end open connections and close the state store."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.app.store.close()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the CLI's mode)."""
        self.start()
        assert self._thread is not None
        try:
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)
        finally:
            self.stop()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- where and who ----------------------------------------------------------------------

    @property
    def host(self) -> str:
        return str(self._server.server_address[0]) if self._server else self._address[0]

    @property
    def port(self) -> int:
        return int(self._server.server_address[1]) if self._server else self._address[1]

    @property
    def host_port(self) -> str:
        """``127.0.0.1:PORT``: what the vendor SDK's ``HttpProfile.endpoint`` wants."""
        return f"{self.host}:{self.port}"

    @property
    def endpoint(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self.host_port}"

    @property
    def credentials(self) -> tuple[Credential, ...]:
        return tuple(self.app.credentials.values())

    @property
    def secret_id(self) -> str:
        return self.credentials[0].secret_id

    @property
    def secret_key(self) -> str:
        return self.credentials[0].secret_key

    @property
    def token(self) -> str | None:
        return self.credentials[0].token

    @property
    def platform_ids(self) -> tuple[str, ...]:
        return self.app.platform_ids

    @property
    def platform_id(self) -> str:
        return self.app.platform_ids[0]

    # -- control ----------------------------------------------------------------------------

    def request_log(self) -> list[dict[str, Any]]:
        """Every API request so far: seq, time, action, service, version, platform_id, code
        (None when it succeeded), request_id, params (passwords redacted), status, fault."""
        return self.app.log.entries()

    def clear_request_log(self) -> None:
        self.app.log.clear()

    def reset(self) -> None:
        """Back to day one: state, request log, faults, clock, build mode, readings, rate
        limits."""
        self.app.reset()

    @property
    def readings(self) -> Readings:
        """How the emulator reads the ambiguous documents now."""
        return self.app.readings

    def set_readings(self, profile: str | None = None, **changes: Any) -> Readings:
        """Serve a profile's readings (or the current ones) with ``changes`` on top, until
        :meth:`reset` brings back the ones the emulator was started with."""
        base = readings_of(profile) if profile else self.app.readings
        readings = base.replace(**changes)
        self.app.set_readings(readings)
        return readings

    def wait_until_visible(self) -> None:
        """Return once every write so far is visible to reads (at once without a lag)."""
        while (remaining := self.app.visible_at() - self.app.now()) > 0:
            time.sleep(remaining)

    def set_faults(self, rules: Iterable[FaultRule | Mapping[str, Any]]) -> None:
        """Replace the active fault rules (see :class:`FaultRule`)."""
        self.app.faults.set(
            [r if isinstance(r, FaultRule) else FaultRule.from_dict(r) for r in rules]
        )

    def add_fault(self, rule: FaultRule | Mapping[str, Any]) -> None:
        self.app.faults.add(rule if isinstance(rule, FaultRule) else FaultRule.from_dict(rule))

    def clear_faults(self) -> None:
        self.app.faults.set([])

    def faults(self) -> list[FaultRule]:
        return self.app.faults.rules()

    def set_clock_offset(self, seconds: float) -> None:
        """Move the emulator's clock (signature expiry, timestamps, build deadlines)."""
        self.app.clock_offset = float(seconds)

    def set_build_mode(
        self,
        outcome: str = "success",
        steps: int = 2,
        seconds: float | None = 2.0,
        message: str | None = None,
    ) -> None:
        """How new version builds progress (see :class:`BuildMode`)."""
        values: dict[str, Any] = {"outcome": outcome, "steps": steps, "seconds": seconds}
        if message is not None:
            values["message"] = message
        self.app.build = BuildMode.from_dict(values)

    def finish_task(
        self, task_id: str, outcome: str = "success", message: str | None = None
    ) -> None:
        """Settle a build task now (one held by ``outcome="hold"``, or any running one)."""
        if not finish_task(self.app, task_id, outcome, message):
            raise KeyError(f"no build task {task_id}")

    def state(self) -> dict[str, Any]:
        """Every record per platform and counts per kind (what ``/_emulator/state`` shows)."""
        return state_of(self.app)
