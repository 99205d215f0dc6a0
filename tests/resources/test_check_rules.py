"""The late rejections of issue 11, now refused by a preview without credentials.

Each case is a bad input that used to pass preview and fail only during ``up``; each must now
fail the credential-free preview with a message naming the field, the rule and the value
(never a secret's value), without a single API call. ``tests/test_rules.py`` covers every rule
on every input; this is the user's view, through the offline engine.
"""

from __future__ import annotations

from typing import Any

import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD, check_failure

CDN = "https://cdn.example.com"
LONG_PASSWORD = "Pässwörd-" * 13  # 143 bytes in UTF-8: more than RSA-1024 can encrypt
VALID: dict[str, dict[str, Any]] = {
    "User": {"account": "alice", "name": "Alice", "password": PASSWORD},
    "Team": {"name": "Ops", "role": "application", "admin_user_id": "U1"},
    "Application": {
        "name": "Shop",
        "team_id": "1000000001",
        "type": "test",
        "logo": f"{CDN}/shop.png",
        "intro": "Shop",
    },
    "MiniProgram": {
        "name": "Pickup",
        "team_id": "1000000001",
        "categories": ["Logistics Services->1_Pickup/Delivery"],
        "icon": f"{CDN}/pickup.png",
        "intro": "Pick up parcels",
        "description": "Book a courier",
    },
    "SensitiveAPI": {"application_id": "app-1", "name": "getPhoneNumber", "description": "d"},
    "DomainACL": {"mini_program_id": "mp1"},
    "GlobalDomain": {"url": "cdn.example.com", "kind": "allow"},
    "MiniProgramVersion": {
        "mini_program_id": "mp1",
        "version": "1.0.0",
        "package_url": f"{CDN}/p.zip",
        "intro": "First",
    },
}

CASES: list[tuple[str, str, Any, str]] = [
    ("User", "name", "n" * 65, "must be 1 to 64 characters"),
    ("Team", "name", "t" * 65, "must be 1 to 64 characters"),
    ("Application", "name", "a" * 65, "must be 1 to 64 characters"),
    ("MiniProgram", "name", "m" * 65, "must be 1 to 64 characters"),
    ("Team", "name", "   ", "not only spaces"),
    ("User", "name", "\t ", "not only spaces"),
    ("User", "account", "alice smith!", "letters, digits or the characters _ . @ -"),
    ("MiniProgram", "intro", "i" * 501, "must be 1 to 500 characters"),
    ("MiniProgram", "description", "d" * 2001, "must be 1 to 2,000 characters"),
    ("Application", "logo", f"{CDN}/{'l' * 1010}.png", "at most 1,024 characters"),
    ("Application", "intro", "i" * 501, "must be 1 to 500 characters"),
    ("DomainACL", "request_domains", ["https://" + "d" * 60 + ".d" * 200 + ".com"], "at most 253"),
    ("SensitiveAPI", "name", "x" * 129, "1 to 128 letters, digits or _"),
    ("SensitiveAPI", "name", "get phone number!", "no spaces or punctuation"),
    ("MiniProgramVersion", "intro", "v" * 501, "must be 1 to 500 characters"),
    ("Application", "android_package_name", "shop", "must look like com.example.app"),
    ("Application", "ios_bundle_id", "com..shop", "must look like com.example.app"),
    ("User", "password", LONG_PASSWORD, "must be 1 to 117 bytes in UTF-8"),
    ("DomainACL", "web_view_domains", ["https://a.example.com/x?y=1"], "no path, query"),
    ("GlobalDomain", "url", "exa_mple..com", "non-empty labels"),
]


def shown(field: str, value: Any) -> tuple[str, str]:
    """The field path and value a failure names (list inputs: their first element)."""
    if isinstance(value, list):
        return f"{field}.0", repr(value[0])[:50]
    return field, repr(value)[:50]


@pytest.mark.parametrize(
    ("kind", "field", "value", "rule"),
    CASES,
    ids=[f"{kind}.{field}-{rule[:24]}" for kind, field, _, rule in CASES],
)
def test_a_preview_without_credentials_refuses_it_before_any_api_call(
    make_stack: MakeStack, emu: Emulator, kind: str, field: str, value: Any, rule: str
) -> None:
    def program() -> None:
        getattr(tcmpp, kind)("bad", **{**VALID[kind], field: value})

    no_key = {"tcmpp:secretId": None, "tcmpp:secretKey": None}
    message = check_failure(make_stack(program, config=no_key).preview())

    path, value_text = shown(field, value)
    assert f"{path}: " in message and rule in message, message
    if field == "password":
        assert value not in message and "a secret value (143 bytes in UTF-8)" in message
    else:
        assert f"got {value_text}" in message, message
    assert emu.request_log() == []


def test_a_cross_field_rule_runs_while_other_inputs_are_unknown(
    make_stack: MakeStack, emu: Emulator
) -> None:
    def program() -> None:
        mnp = tcmpp.MiniProgram("mnp", **VALID["MiniProgram"])
        tcmpp.MiniProgramRelease(
            "release",
            mini_program_id=mnp.mini_program_id,  # unknown: the mini program is new
            version="1.0.0",
            preview_entrance_path="pages/index/index",
        )

    no_key = {"tcmpp:secretId": None, "tcmpp:secretKey": None}
    message = check_failure(make_stack(program, config=no_key).preview())

    assert "preview_entrance_path: preview_entrance_path needs preview_version" in message
    assert "got preview_entrance_path='pages/index/index', preview_version=None" in message
    assert emu.request_log() == []
