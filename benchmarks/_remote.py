"""The emulator in a process of its own, driven over a pipe.

The benchmarks measure a client, a provider process and the offline engine; an emulator in the
same interpreter would share their GIL and make them look slower than they are (or, serving
requests between their steps, faster). In its own process it costs what a remote service
costs: its answers, plus the ``latency`` of a network round trip when asked for one.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from typing import Any

from pulumi_tcmpp.client import Settings
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator._faults import FaultRule, FaultSet
from pulumi_tcmpp.testing import Secret

DOCUMENTED_RATE = 20.0
"""Requests per second per action, the limit the TCMPP documents."""


def serve(conn: Connection, rate_limit: float | None, latency: float) -> None:
    """Run an emulator until told to stop. Commands: ``log``, ``clear``, ``reset``, ``state``
    (this platform's records), ``("faults", rules, seed)``, ``("latency", seconds)``,
    ``("rate", per_second)``, ``stop``."""
    with Emulator(rate_limit=rate_limit, latency=latency) as emu:
        conn.send(
            {
                "tcmpp:endpoint": emu.endpoint,
                "tcmpp:secretId": emu.secret_id,
                "tcmpp:secretKey": emu.secret_key,
                "tcmpp:platformId": emu.platform_id,
                "host": emu.host_port,
            }
        )
        while True:
            command = conn.recv()
            if command == "log":
                conn.send(emu.request_log())
            elif command == "clear":
                emu.clear_request_log()
                conn.send("ok")
            elif command == "reset":
                emu.reset()
                conn.send("ok")
            elif command == "state":
                conn.send(emu.state()["platforms"].get(emu.platform_id, {}))
            elif isinstance(command, tuple) and command[0] == "faults":
                _, rules, seed = command
                emu.app.faults = FaultSet([FaultRule.from_dict(r) for r in rules], seed)
                conn.send("ok")
            elif isinstance(command, tuple) and command[0] == "latency":
                emu.app.latency = float(command[1])
                conn.send("ok")
            elif isinstance(command, tuple) and command[0] == "rate":
                emu.app.limiter.rate = command[1] or None
                emu.app.limiter.reset()
                conn.send("ok")
            else:
                return


class RemoteEmulator:
    """An emulator in a child process (by default 20 requests/s per action, no latency)."""

    def __init__(self, rate_limit: float | None = DOCUMENTED_RATE, latency: float = 0.0) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, rate_limit, latency), daemon=True)
        self.process.start()
        settings = self.conn.recv()
        self.host: str = settings.pop("host")
        self.settings: dict[str, str] = dict(settings)
        self.config: dict[str, Any] = {
            **settings,
            "tcmpp:secretKey": Secret(settings["tcmpp:secretKey"]),
        }
        """Stack config reaching this emulator (the secret key wrapped as a secret)."""

    def ask(self, command: Any) -> Any:
        self.conn.send(command)
        return self.conn.recv()

    def log(self) -> list[dict[str, Any]]:
        """Every request so far (see ``Emulator.request_log``)."""
        return self.ask("log")  # type: ignore[no-any-return]

    def clear(self) -> None:
        self.ask("clear")

    def reset(self) -> None:
        """Back to day one: records, request log, faults, rate-limit buckets."""
        self.ask("reset")

    def objects(self) -> dict[str, list[dict[str, Any]]]:
        """This platform's records, by kind."""
        return self.ask("state")  # type: ignore[no-any-return]

    def faults(self, rules: list[dict[str, Any]], seed: int | None) -> None:
        self.ask(("faults", rules, seed))

    def set_latency(self, seconds: float) -> None:
        self.ask(("latency", seconds))

    def set_rate(self, per_second: float | None) -> None:
        """Requests per second per action from now on (None: no limit); buckets refilled."""
        self.ask(("rate", per_second))

    def client_settings(self, **options: Any) -> Settings:
        """Settings for a ``pulumi_tcmpp.client.Client`` of this emulator."""
        return Settings(
            endpoint=self.settings["tcmpp:endpoint"],
            secret_id=self.settings["tcmpp:secretId"],
            secret_key=self.settings["tcmpp:secretKey"],
            platform_id=self.settings["tcmpp:platformId"],
            **options,
        )

    def close(self) -> None:
        self.conn.send("stop")
        self.process.join(timeout=10)

    def __enter__(self) -> RemoteEmulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
