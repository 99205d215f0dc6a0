"""Where the package's log lines go (Pulumi's engine, stderr), and that no secret goes with them.

The package logs with :mod:`logging` under ``pulumi_tcmpp.*``: ``.client`` (each API call at
debug, each retry at info), ``.throttle`` (client-side rate-limit waits, debug),
``.credentials`` (temporary credentials fetched, refreshed, refused) and ``.wait`` (progress
of builds and approvals, info). Nothing is shown until one of the two entry points below
attaches handlers; both pass every line through :func:`redact`.

**In the provider process** (:func:`connect_provider_logs`, called when Pulumi configures the
provider). The Pulumi CLI shows every stdout/stderr line of a *dynamic* provider as an info
message of the stack (``pkg/resource/plugin/plugin.go``: dynamic plugins are not hidden), at
any verbosity; the engine's ``Log`` RPC, whose address the CLI passes as the plugin's last
argument, keeps severities, and the CLI shows its debug messages only with
``pulumi up --debug``. So:

* info and above (retries, waits, refreshed credentials) go to stderr as ``info: tcmpp: ...``:
  always visible, like the provider's progress lines have always been;
* debug (one line per API call with its time and RequestId, rate-limit waits, credential
  details) goes to the engine at debug severity: visible with ``pulumi up --debug``;
* ``TCMPP_LOG=debug`` also prints the debug lines on stderr (visible without ``--debug``, e.g.
  in a CI log); ``TCMPP_LOG=warning``, ``error`` or ``off`` quiets stderr.

**In the CLI** (:func:`configure_cli_logs`): stderr only, warnings by default, ``-v`` for info,
``-vv`` / ``--debug`` for debug; ``TCMPP_LOG`` when no flag is given.

Secrets: every credential and password the package handles is registered with
:func:`keep_secret` when it is read or fetched, and each line is scrubbed of them before it
is written, whichever handler writes it. Messages are built not to contain them anyway.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

__all__ = [
    "LOG_ENV",
    "cli_logs",
    "configure_cli_logs",
    "connect_provider_logs",
    "detach_logs",
    "engine_address",
    "is_dynamic_plugin",
    "keep_secret",
    "redact",
]

LOG_ENV = "TCMPP_LOG"
"""The environment variable naming the lowest level written to stderr."""
LOGGER = logging.getLogger("pulumi_tcmpp")
_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "off": logging.CRITICAL + 10,
}
_ADDRESS = re.compile(r"^[\w.\-\[\]:]+:\d+$")
_MIN_SECRET = 6
"""Shorter values are not scrubbed: replacing every "abc" would garble lines, and no real
credential or accepted password is that short."""

_secrets: set[str] = set()
_installed: list[logging.Handler] = []
_install_lock = threading.Lock()


def keep_secret(*values: str | None) -> None:
    """Register values that must never appear in a log line (keys, tokens, passwords)."""
    for value in values:
        if value and len(value) >= _MIN_SECRET:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``***``."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, "***")
    return text


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def _formatter() -> logging.Formatter:
    return _RedactingFormatter("%(levelname_lower)s: tcmpp: %(message)s")


class _LowerLevel(logging.Filter):
    """Adds ``levelname_lower`` (``info``, ``debug``...) as Pulumi prints severities."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelname_lower = record.levelname.lower()
        return True


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (the CLI's, or a test's capture)."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.setFormatter(_formatter())
        self.addFilter(_LowerLevel())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)


class EngineLogHandler(logging.Handler):
    """Sends lines to the Pulumi engine's ``Log`` RPC with their severity.

    A failed call (the engine gone, an old CLI) turns the handler off for the rest of the
    process: logging must never fail a provider call.
    """

    def __init__(self, address: str, level: int = logging.DEBUG) -> None:
        super().__init__(level)
        import grpc
        from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc

        self._pb = engine_pb2
        self._channel = grpc.insecure_channel(address)
        self._stub = engine_pb2_grpc.EngineStub(self._channel)
        self._severities = {
            logging.DEBUG: engine_pb2.DEBUG,
            logging.INFO: engine_pb2.INFO,
            logging.WARNING: engine_pb2.WARNING,
            logging.ERROR: engine_pb2.ERROR,
        }
        self._broken = False
        self.setFormatter(_RedactingFormatter("tcmpp: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if self._broken:
            return
        severity = self._severities.get(record.levelno, self._pb.ERROR)
        try:
            request = self._pb.LogRequest(severity=severity, message=self.format(record))
            self._stub.Log(request, timeout=5)
        except Exception:  # the engine is gone or refuses: stop trying
            self._broken = True

    def close(self) -> None:
        self._channel.close()
        super().close()


def is_dynamic_plugin(argv: Sequence[str]) -> bool:
    """Whether this process is ``python -m pulumi.dynamic`` (a dynamic provider plugin)."""
    if not argv:
        return False
    main = Path(argv[0])
    return (main.parent.parent.name, main.parent.name, main.name) == (
        "pulumi",
        "dynamic",
        "__main__.py",
    )


def engine_address(argv: Sequence[str]) -> str | None:
    """The engine's address when this process is a dynamic provider plugin, else None.

    The CLI runs ``python -m pulumi.dynamic [--logtostderr] [-v=N] [--tracing X] <address>``.
    """
    if not is_dynamic_plugin(argv) or len(argv) < 2:
        return None
    return argv[-1] if _ADDRESS.match(argv[-1]) else None


def _level(value: str | None, default: int) -> int:
    if not value:
        return default
    level = _LEVELS.get(value.strip().lower())
    if level is None:
        from pulumi_tcmpp.errors import ConfigurationError

        raise ConfigurationError(f"{LOG_ENV} must be one of {', '.join(_LEVELS)}; got {value!r}")
    return level


def _install(handlers: list[logging.Handler]) -> None:
    with _install_lock:
        for handler in _installed:
            LOGGER.removeHandler(handler)
            handler.close()
        _installed[:] = handlers
        for handler in handlers:
            LOGGER.addHandler(handler)
        LOGGER.setLevel(min((h.level for h in handlers), default=logging.WARNING))
        LOGGER.propagate = not handlers


def connect_provider_logs(
    argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None
) -> None:
    """Attach the provider process's handlers (idempotent; see the module docstring).

    Only in a dynamic provider plugin: where a provider's methods run in another process (a
    test calling them directly, say), that process's logging is left as it is.
    """
    env = os.environ if env is None else env
    argv = sys.argv if argv is None else argv
    if not is_dynamic_plugin(argv):
        return
    stderr_level = _level(env.get(LOG_ENV), logging.INFO)
    handlers: list[logging.Handler] = [_StderrHandler(stderr_level)]
    address = engine_address(argv)
    if address and stderr_level > logging.DEBUG:
        engine = EngineLogHandler(address, logging.DEBUG)
        engine.addFilter(lambda record: record.levelno < logging.INFO)
        handlers.append(engine)
    with _install_lock:
        same = [type(h) for h in _installed] == [type(h) for h in handlers] and all(
            old.level == new.level for old, new in zip(_installed, handlers, strict=True)
        )
    if same:
        for handler in handlers:
            handler.close()
        return
    _install(handlers)


def configure_cli_logs(verbosity: int = 0, env: Mapping[str, str] | None = None) -> None:
    """stderr at warning, ``-v`` info, ``-vv`` debug; ``TCMPP_LOG`` when no flag is given."""
    env = os.environ if env is None else env
    if verbosity > 0:
        level = logging.INFO if verbosity == 1 else logging.DEBUG
    else:
        level = _level(env.get(LOG_ENV), logging.WARNING)
    _install([_StderrHandler(level)])


@contextlib.contextmanager
def cli_logs(verbosity: int = 0, env: Mapping[str, str] | None = None) -> Iterator[None]:
    """:func:`configure_cli_logs` for the duration of one command, then detached again."""
    configure_cli_logs(verbosity, env)
    try:
        yield
    finally:
        detach_logs()


def detach_logs() -> None:
    """Remove the handlers attached here; records propagate to the root logger again."""
    _install([])
