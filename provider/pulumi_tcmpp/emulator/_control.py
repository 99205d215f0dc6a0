"""The control plane: ``/_emulator/...`` endpoints on the API's own port, and their Python twins.

Not part of the TCMPP API and not signed (the emulator binds to loopback). JSON in, JSON out,
ordinary HTTP statuses (400 for a bad request, 404 for an unknown path).

==========  ==========================  =====================================================
Method      Path                        Effect
==========  ==========================  =====================================================
GET         /_emulator/health           ``{"status": "ok"}``
GET         /_emulator/info             back ends, platforms, SecretIds, rate limit, settings
POST        /_emulator/reset            back to day one (state, log, faults, clock, build,
                                        readings)
GET         /_emulator/state            every record, per platform, plus counts per kind
GET/DELETE  /_emulator/requests         the request log / clear it
GET         /_emulator/faults           the active fault rules
PUT/POST    /_emulator/faults           replace the rules / add rules (a rule or a list)
DELETE      /_emulator/faults           remove every rule
GET/PUT     /_emulator/clock            ``{"offset": seconds}`` added to the emulator's clock
GET/PUT     /_emulator/build            the build mode of new version tasks
GET/PUT     /_emulator/readings         how ambiguous documents are read (PUT: profile+changes)
POST        /_emulator/tasks/<TaskId>   settle a task: ``{"outcome": "success"|"failure"}``
==========  ==========================  =====================================================
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pulumi_tcmpp.emulator._config import BuildMode
from pulumi_tcmpp.emulator._context import GLOBAL, Ctx
from pulumi_tcmpp.emulator._fault import ApiFault
from pulumi_tcmpp.emulator._faults import FaultRule
from pulumi_tcmpp.emulator._readings import PROFILES, readings_of

if TYPE_CHECKING:
    from pulumi_tcmpp.emulator._app import App, Reply

__all__ = ["finish_task", "handle_admin", "state_of"]

_REDACTED = ("private_pem", "password_sha256")


class _BadRequest(Exception):
    """An admin request the control plane cannot act on (HTTP 400)."""


def _reply(status: int, payload: Any) -> Reply:
    from pulumi_tcmpp.emulator._app import Reply

    return Reply(status, json.dumps(payload, ensure_ascii=False).encode())


def _json(body: bytes) -> Any:
    if not body.strip():
        return {}
    try:
        return json.loads(body)
    except ValueError:
        raise _BadRequest("the body is not valid JSON") from None


def state_of(app: App) -> dict[str, Any]:
    """Every record per platform (secrets redacted) and counts per kind, for the demo table."""
    platforms: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for kind, records in app.store.dump().items():
        owner, _, name = kind.partition(":")
        if name == "meta":
            continue
        clean = [{k: v for k, v in r.items() if k not in _REDACTED} for r in records]
        platforms.setdefault(owner, {})[name] = clean
    summary = {
        owner: {name: len(records) for name, records in kinds.items()}
        for owner, kinds in platforms.items()
        if owner != GLOBAL
    }
    return {"platforms": platforms, "summary": summary}


def finish_task(app: App, task_id: str, outcome: str, message: str | None = None) -> bool:
    """Settle a version build task now; False when no platform has the task."""
    from pulumi_tcmpp.emulator.handlers.releases import settle_task

    if outcome not in ("success", "failure"):
        raise ValueError("outcome must be success or failure")
    with app.store.transaction() as tx:
        for platform_id in app.platform_ids:
            task = tx.get(f"{platform_id}:task", task_id)
            if task is None:
                continue
            ctx = Ctx(
                tx=tx,
                backend="tcmpp",
                platform_id=platform_id,
                caller=task["create_user"],
                now=int(app.now()),
                request_id="",
                rng=app.rng,
                build=app.build,
                readings=app.readings,
            )
            settle_task(ctx, task, outcome == "success", message)
            return True
    return False


def _faults(app: App, method: str, body: bytes) -> Any:
    if method == "GET":
        return {"faults": [r.to_dict() for r in app.faults.rules()]}
    if method == "DELETE":
        app.faults.set([])
        return {"faults": []}
    data = _json(body)
    items = data.get("faults", data) if isinstance(data, dict) else data
    items = items if isinstance(items, list) else [items]
    try:
        rules = [FaultRule.from_dict(item) for item in items]
    except (TypeError, ValueError) as exc:
        raise _BadRequest(str(exc)) from None
    if method == "PUT":
        app.faults.set(rules)
    else:
        for rule in rules:
            app.faults.add(rule)
    return {"faults": [r.to_dict() for r in app.faults.rules()]}


def _clock(app: App, method: str, body: bytes) -> Any:
    if method in ("PUT", "POST"):
        offset = _json(body).get("offset")
        if not isinstance(offset, int | float):
            raise _BadRequest("offset must be a number of seconds")
        app.clock_offset = float(offset)
    return {"offset": app.clock_offset, "now": app.now()}


def _build(app: App, method: str, body: bytes) -> Any:
    if method in ("PUT", "POST"):
        try:
            app.build = BuildMode.from_dict(_json(body))
        except (TypeError, ValueError) as exc:
            raise _BadRequest(str(exc)) from None
    return app.build.to_dict()


def _readings(app: App, method: str, body: bytes) -> Any:
    """PUT ``{"profile": name, <reading>: value, ...}``: that profile with the changes; POST
    ``{<reading>: value, ...}``: changes on top of the current readings."""
    if method in ("PUT", "POST"):
        data = _json(body)
        if not isinstance(data, dict):
            raise _BadRequest("the body must be a JSON object of readings")
        changes = dict(data)
        profile = changes.pop("profile", None)
        if method == "PUT":
            readings = readings_of(profile, changes)
        else:
            readings = (readings_of(profile) if profile else app.readings).replace(**changes)
        app.set_readings(readings)
    return {
        "readings": app.readings.to_dict(),
        "changes": app.readings.changes(),
        "profiles": {name: r.changes() for name, r in PROFILES.items()},
    }


def _requests(app: App, method: str, body: bytes) -> Any:
    if method == "DELETE":
        app.log.clear()
    return {"requests": app.log.entries()}


def _info(app: App, method: str, body: bytes) -> Any:
    return {
        "backends": {"tcmpp": "2024-08-01", "tcsas": "2025-01-06"},
        "platforms": list(app.platform_ids),
        "credentials": [c.public() for c in app.credentials.values()],
        "rate_limit": app.limiter.rate,
        "latency": app.latency,
        "clock_offset": app.clock_offset,
        "build": app.build.to_dict(),
        "readings": app.readings.changes(),
    }


def _reset(app: App, method: str, body: bytes) -> Any:
    app.reset()
    return {"reset": True}


_ROUTES: dict[str, tuple[tuple[str, ...], Callable[[App, str, bytes], Any]]] = {
    "/_emulator/health": (("GET",), lambda app, m, b: {"status": "ok"}),
    "/_emulator/info": (("GET",), _info),
    "/_emulator/reset": (("POST",), _reset),
    "/_emulator/state": (("GET",), lambda app, m, b: state_of(app)),
    "/_emulator/requests": (("GET", "DELETE"), _requests),
    "/_emulator/faults": (("GET", "PUT", "POST", "DELETE"), _faults),
    "/_emulator/clock": (("GET", "PUT", "POST"), _clock),
    "/_emulator/build": (("GET", "PUT", "POST"), _build),
    "/_emulator/readings": (("GET", "PUT", "POST"), _readings),
}


def handle_admin(app: App, method: str, path: str, query: str, body: bytes) -> Reply:
    """Answer one control-plane request."""
    method = method.upper()
    path = path.rstrip("/")
    try:
        if path.startswith("/_emulator/tasks/") and method == "POST":
            data = _json(body)
            task_id = path.rsplit("/", 1)[1]
            found = finish_task(app, task_id, data.get("outcome", "success"), data.get("message"))
            if not found:
                return _reply(404, {"error": f"no task {task_id}"})
            return _reply(200, {"task_id": task_id, "settled": True})
        route = _ROUTES.get(path)
        if route is None:
            return _reply(404, {"error": f"no admin endpoint {path}"})
        methods, action = route
        if method not in methods:
            return _reply(405, {"error": f"{method} not allowed on {path}"})
        return _reply(200, action(app, method, body))
    except (_BadRequest, ValueError, TypeError, AttributeError, ApiFault) as exc:
        return _reply(400, {"error": str(exc)})
