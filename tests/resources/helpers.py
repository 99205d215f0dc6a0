"""Helpers for the resource tests: config, request-log readers, emulator records, scans."""

from __future__ import annotations

from typing import Any

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator._seed import ACCOUNT_TYPE_4_USER, SUPER_ADMIN
from pulumi_tcmpp.testing import Result, Secret, Stack, scan_state_for_secrets

__all__ = [
    "PASSWORD",
    "UNKNOWN_WIRE",
    "actions",
    "assert_no_plaintext",
    "check_failure",
    "creates_sent_after_a_lost_answer",
    "made_accounts",
    "password_is",
    "record",
    "records",
    "stack_config",
    "writes",
]

PASSWORD = "Stack-Passw0rd!1"
"""The password the test stacks give their users (must never appear readable in state)."""

UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""How a preview-time unknown travels in a Check request."""

READ_PREFIXES = ("Describe",)


def stack_config(emu: Emulator, backend: str = "tcmpp") -> dict[str, Any]:
    """The stack config that points the provider at the emulator."""
    config: dict[str, Any] = {
        "tcmpp:endpoint": emu.endpoint,
        "tcmpp:secretId": emu.secret_id,
        "tcmpp:secretKey": Secret(emu.secret_key),
        "tcmpp:platformId": emu.platform_id,
    }
    if backend != "tcmpp":
        config["tcmpp:backend"] = backend
    return config


def actions(emu: Emulator) -> list[str]:
    """Every action the emulator answered since its log was last cleared, in order."""
    return [str(entry["action"]) for entry in emu.request_log()]


def writes(emu: Emulator) -> list[str]:
    """The actions that could change something (everything but Describe*)."""
    return [a for a in actions(emu) if not a.startswith(READ_PREFIXES)]


def creates_sent_after_a_lost_answer(emu: Emulator, when: str) -> set[int]:
    """How many times a keyed create is sent when its first answer is lost ``when`` the
    platform had not acted yet ("before") or had made the object ("after").

    Before: twice (the lookup finds nothing, the second create makes the object). After: once
    where reads show a write at once (the reconciling lookup finds the object); where reads
    trail writes, that lookup may not show it yet, and the safe step is a second create, which
    the platform refuses as a duplicate: once or twice. Either way one object is made (the
    tests assert that on the platform's records).
    """
    if when == "before":
        return {2}
    return {1, 2} if emu.readings.visibility_lag else {1}


def records(emu: Emulator, kind: str) -> list[dict[str, Any]]:
    """The emulator's records of one kind (user, team, member, application, mnp, ...)."""
    platform = emu.state()["platforms"].get(emu.platform_id, {})
    return list(platform.get(kind, []))


def made_accounts(emu: Emulator) -> list[str]:
    """The accounts of the users the platform did not hold on day one, sorted (day one holds
    the super administrator, and the example's AccountType 4 user on some readings)."""
    day_one = {SUPER_ADMIN["user_id"], ACCOUNT_TYPE_4_USER["user_id"]}
    return sorted(u["user_account"] for u in records(emu, "user") if u["user_id"] not in day_one)


def record(emu: Emulator, kind: str, **match: Any) -> dict[str, Any] | None:
    """The one record of ``kind`` whose fields equal ``match`` (None when there is none)."""
    found = [r for r in records(emu, kind) if all(r.get(k) == v for k, v in match.items())]
    assert len(found) <= 1, f"{len(found)} {kind} records match {match}"
    return found[0] if found else None


def assert_no_plaintext(stack: Stack, emu: Emulator, *secrets: str) -> None:
    """The stack's state holds neither the secret key, a password nor the given secrets."""
    findings = scan_state_for_secrets(stack.state_path, [emu.secret_key, PASSWORD, *secrets])
    assert findings == [], f"secrets stored readable: {[str(f) for f in findings]}"


def check_failure(result: Result) -> str:
    """The one check failure of a preview (asserting it is the only error)."""
    assert not result.ok, "the preview succeeded; a check failure was expected"
    assert [e.kind for e in result.errors] == ["check"], result.render()
    return result.errors[0].message


def password_is(emu: Emulator, user_id: str, password: str) -> bool:
    """Whether the emulator holds ``password`` for the user (it keeps only a salted hash)."""
    from pulumi_tcmpp.emulator.handlers._passwords import password_digest

    users = emu.app.store.dump().get(f"{emu.platform_id}:user", [])
    [user] = [u for u in users if u["user_id"] == user_id]
    return bool(user["password_sha256"] == password_digest(user_id, password))
